terraform {
  # The storage module uses write-only arguments (Terraform >= 1.11).
  required_version = ">= 1.11"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}
