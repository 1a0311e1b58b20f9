terraform {
  required_version = ">= 1.11"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }

  # Partial configuration: the settings come from backend.hcl
  # (terraform init -backend-config=backend.hcl).
  backend "s3" {}
}
