# The integration suite's stand-in for an environment: only the built-in
# terraform_data resource, so tofu needs no provider download, and an S3
# backend whose settings come from backend.hcl (written by the test with the
# loopback endpoints of gofakes3 and dynalite).
terraform {
  backend "s3" {}
}

variable "environment" {
  type        = string
  description = "Environment name."
}

variable "account_id" {
  type        = string
  description = "The AWS account the environment lives in (cfctl doctor checks it)."
}

variable "app_version" {
  type        = string
  description = "Version of the pretend application; changing it changes the plan."
  default     = "1"
}

variable "slow_seconds" {
  type        = number
  description = "When above 0, a resource whose provisioner sleeps this long (to interrupt an apply)."
  default     = 0
}

resource "terraform_data" "network" {
  input = "${var.environment}-network"
}

resource "terraform_data" "app" {
  input = {
    environment = var.environment
    version     = var.app_version
    network     = terraform_data.network.output
  }
}

resource "terraform_data" "slow" {
  count = var.slow_seconds > 0 ? 1 : 0

  input = terraform_data.app.output

  provisioner "local-exec" {
    command = "echo started > \"$CFCTL_TEST_MARKER\"; exec sleep ${var.slow_seconds}"
  }
}

output "app_version" {
  value = terraform_data.app.output.version
}
