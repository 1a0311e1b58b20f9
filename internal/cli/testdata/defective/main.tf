terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

resource "aws_kms_key" "this" {
  description        = "defective on purpose"
  enable_key_rotaton = true
  tags               = { Project = "Candlefish", Environment = "test", CostCenter = "Engineering", Owner = "DevOps" }
}
