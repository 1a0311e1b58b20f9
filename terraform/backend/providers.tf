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

# The standby region, where the replica of the state bucket lives.
provider "aws" {
  alias  = "replica"
  region = var.replica_region

  default_tags {
    tags = {
      Project     = "Candlefish"
      Environment = "shared"
      CostCenter  = "Engineering"
      Owner       = "DevOps"
    }
  }
}
