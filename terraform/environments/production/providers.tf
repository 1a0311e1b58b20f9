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

# Standby region (us-west-2) for the modules that replicate data or fail over;
# they receive it as aws.replica (configuration_aliases) once they use it. No
# module does yet, hence the ignore below; remove it when the first one does.
# tflint-ignore: terraform_unused_declarations
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
