# The security layer of a Candlefish environment. Each concern has its own file:
#
#   kms.tf              customer-managed KMS keys, one per service, with rotation
#   secrets.tf          Secrets Manager secrets (containers only, no values)
#   iam.tf              ECS task-execution and task roles, Lambda roles
#   github-oidc.tf      GitHub Actions OIDC provider, plan and apply roles
#   security-groups.tf  load balancer, application, database and cache groups
#   waf.tf              WAF v2 web ACLs (CloudFront and regional) and their logs
#   audit.tf            CloudTrail, GuardDuty, AWS Config and their audit bucket
#
# This file holds what they share.

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_region" "current" {}

locals {
  name_prefix = "${var.project}-${var.environment}"
  account_id  = data.aws_caller_identity.current.account_id
  partition   = data.aws_partition.current.partition
  region      = data.aws_region.current.region

  # Account-global names (IAM roles and policies, the audit bucket, the
  # multi-region trail) end with -<name_suffix>, so that a second instance of
  # the module (a standby region) does not collide with the first.
  global_name_suffix = var.name_suffix == "" ? "" : "-${var.name_suffix}"

  # The account itself as a principal: a key policy statement naming it lets
  # IAM policies in the account grant what the statement allows.
  account_root_arn = "arn:${local.partition}:iam::${local.account_id}:root"
}
