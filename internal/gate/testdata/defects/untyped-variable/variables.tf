variable "name" {
  description = "Name prefix for every resource."
}

variable "retention_days" {
  type        = number
  description = "Days CloudWatch keeps the log events."
  default     = 30
}
