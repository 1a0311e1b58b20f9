variable "retention_days" {
  type        = number
  description = "Days."
}
