variable "region" {
  type        = string
  description = "AWS region of the state bucket: us-east-1 or us-west-2 (the environments' backend.hcl expect us-east-1)."
  default     = "us-east-1"

  validation {
    condition     = contains(["us-east-1", "us-west-2"], var.region)
    error_message = "region must be one of: us-east-1, us-west-2."
  }
}

variable "state_bucket_name" {
  type        = string
  description = "Name of the S3 bucket that holds the Terraform state of every environment (3-63 lowercase letters, digits and hyphens)."
  default     = "candlefish-terraform-state"

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$", var.state_bucket_name))
    error_message = "state_bucket_name must be 3-63 characters of lowercase letters, digits and hyphens, starting and ending with a letter or digit."
  }
}

variable "kms_deletion_window_in_days" {
  type        = number
  description = "Waiting period, in days, before a scheduled deletion of the state KMS key takes effect (7-30)."
  default     = 30

  validation {
    condition     = var.kms_deletion_window_in_days >= 7 && var.kms_deletion_window_in_days <= 30 && floor(var.kms_deletion_window_in_days) == var.kms_deletion_window_in_days
    error_message = "kms_deletion_window_in_days must be a whole number between 7 and 30."
  }
}

variable "noncurrent_version_retention_days" {
  type        = number
  description = "Days a superseded state file version is kept before it expires (1-3650)."
  default     = 90

  validation {
    condition     = var.noncurrent_version_retention_days >= 1 && var.noncurrent_version_retention_days <= 3650 && floor(var.noncurrent_version_retention_days) == var.noncurrent_version_retention_days
    error_message = "noncurrent_version_retention_days must be a whole number between 1 and 3650."
  }
}

variable "tags" {
  type        = map(string)
  description = "Extra tags for the backend resources, on top of the provider default_tags."
  default     = {}
}
