variable "region" {
  type        = string
  description = "AWS region of the state bucket and lock table: us-east-1 or us-west-2 (the environments' backend.hcl expect us-east-1)."
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

variable "replica_region" {
  type        = string
  description = "Standby region that receives a replica of every state version (us-west-2 or us-east-1, and not the same as region)."
  default     = "us-west-2"

  validation {
    condition     = contains(["us-east-1", "us-west-2"], var.replica_region)
    error_message = "replica_region must be one of: us-east-1, us-west-2."
  }
}

variable "enable_replication" {
  type        = bool
  description = "Replicate the state bucket to replica_region (the seed's disaster-recovery promise). Turn off only for a throwaway sandbox."
  default     = true
}

variable "lock_table_name" {
  type        = string
  description = "Name of the DynamoDB table for state locks (3-255 letters, digits, underscores, hyphens and dots). The environments' backend.hcl name it."
  default     = "candlefish-terraform-locks"

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]{3,255}$", var.lock_table_name))
    error_message = "lock_table_name must be 3-255 characters of letters, digits, underscores, hyphens and dots."
  }
}

variable "environments" {
  type        = set(string)
  description = "Environments whose backend configuration the outputs print (each gets the state key <environment>/terraform.tfstate)."
  default     = ["dev", "staging", "production"]

  validation {
    condition     = length(var.environments) > 0 && alltrue([for e in var.environments : can(regex("^[a-z][a-z0-9-]{1,30}$", e))])
    error_message = "environments must be a non-empty set of lowercase names (letters, digits, hyphens)."
  }
}
