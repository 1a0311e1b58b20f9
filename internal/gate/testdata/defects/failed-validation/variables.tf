variable "name" {
  type        = string
  description = "Name prefix for every resource."
}

variable "retention_days" {
  type        = number
  description = "Days CloudWatch keeps the log events."
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365], var.retention_days)
    error_message = "retention_days must be a value CloudWatch accepts: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180 or 365."
  }
}
