terraform {
  required_version = ">= 1.10"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
    # Zips the Synthetics canary scripts (data "archive_file"); only read when
    # enable_canaries is true, but `terraform init` installs it in every root
    # module that calls this one.
    archive = {
      source  = "hashicorp/archive"
      version = "~> 2.4"
    }
  }
}
