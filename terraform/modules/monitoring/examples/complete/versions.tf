terraform {
  required_version = ">= 1.10"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
    # The monitoring module zips its canary scripts with it.
    archive = {
      source  = "hashicorp/archive"
      version = "~> 2.4"
    }
  }
}
