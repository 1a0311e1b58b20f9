# A NAT gateway ($32.85 a month) against a $20 budget: over budget.
provider "aws" {
  region = "us-east-1"

  default_tags {
    tags = { Project = "Candlefish", Environment = "test", CostCenter = "Engineering", Owner = "DevOps" }
  }
}

resource "aws_nat_gateway" "this" {
  connectivity_type = "private"
  subnet_id         = "subnet-0123456789abcdef0"
}

resource "aws_budgets_budget" "monthly" {
  name         = "fixture"
  budget_type  = "COST"
  limit_amount = "20"
  limit_unit   = "USD"
  time_unit    = "MONTHLY"
}
