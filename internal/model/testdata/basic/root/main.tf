terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

provider "aws" {
  region = var.region
}

provider "aws" {
  alias  = "replica"
  region = "us-west-2"
}

variable "region" {
  type        = string
  description = "Primary region."
}

variable "azs" {
  type        = list(string)
  description = "Availability zones."
  default     = ["us-east-1a", "us-east-1b"]
}

variable "name" {
  type        = string
  description = "Name prefix."
}

variable "replicas" {
  type        = number
  description = "How many replica buckets."
  default     = 2
}

data "aws_caller_identity" "current" {}

module "net" {
  source = "../modules/net"
  name   = var.name
  azs    = var.azs
}

module "standby" {
  source = "../modules/net"
  providers = {
    aws = aws.replica
  }
  name = "${var.name}-standby"
  azs  = ["us-west-2a"]
}

resource "aws_s3_bucket" "replica" {
  count    = var.replicas
  provider = aws.replica
  bucket   = "${var.name}-replica-${count.index}"
}

resource "aws_s3_bucket_policy" "this" {
  bucket = aws_s3_bucket.replica[0].id
  policy = jsonencode({ Resource = "${aws_s3_bucket.replica[0].arn}/*", Account = data.aws_caller_identity.current.account_id })
}
