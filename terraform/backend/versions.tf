terraform {
  required_version = ">= 1.10"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }

  # Bootstrap root module: its own state stays local (terraform.tfstate here)
  # until the bucket exists; it can then be migrated into the bucket with
  # `terraform init -migrate-state` and a backend "s3" block.
}
