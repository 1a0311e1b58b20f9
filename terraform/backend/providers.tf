provider "aws" {
  region = var.region

  default_tags {
    tags = {
      Project     = "Candlefish"
      Environment = "shared"
      CostCenter  = "Engineering"
      Owner       = "DevOps"
    }
  }
}
