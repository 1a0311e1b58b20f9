# One service module called twice: the primary region runs 3 tasks, the
# standby region's copy (pilot light) none. Both copies have autoscaling
# targets with the same resource id; each service must take its own.
provider "aws" {
  region = "us-east-1"

  default_tags {
    tags = { Project = "Candlefish", Environment = "test", CostCenter = "Engineering", Owner = "DevOps" }
  }
}

provider "aws" {
  alias  = "standby"
  region = "us-west-2"

  default_tags {
    tags = { Project = "Candlefish", Environment = "test", CostCenter = "Engineering", Owner = "DevOps" }
  }
}

module "primary" {
  source    = "./modules/service"
  min_tasks = 3
}

module "standby" {
  source    = "./modules/service"
  min_tasks = 0

  providers = {
    aws = aws.standby
  }
}
