provider "aws" {
  region = var.primary_region

  default_tags {
    tags = {
      Project     = "Candlefish"
      Environment = var.environment
      CostCenter  = "Engineering"
      Owner       = "DevOps"
    }
  }
}

# Standby region (us-west-2): replicas, the standby VPC and its keys.
provider "aws" {
  alias  = "replica"
  region = var.standby_region

  default_tags {
    tags = {
      Project     = "Candlefish"
      Environment = var.environment
      CostCenter  = "Engineering"
      Owner       = "DevOps"
    }
  }
}
