# GitHub Actions OIDC: the identity provider token.actions.githubusercontent.com
# (one per AWS account: create it in one environment and pass its ARN to the
# others) and two roles that only workflows of one repository can assume:
#   - plan: read-only, from the given branch and from pull requests;
#   - apply: the given branch only, with service-level permissions for the
#     services this platform uses (not AdministratorAccess).
# Neither role may change the GitHub roles or the provider: changes to them
# are applied by an administrator.

locals {
  github_oidc_host = "token.actions.githubusercontent.com"

  github_oidc_provider_arn = var.enable_github_oidc ? (
    var.create_github_oidc_provider ? aws_iam_openid_connect_provider.github[0].arn : var.github_oidc_provider_arn
  ) : null

  github_branch_subject = "repo:${coalesce(var.github_repository, "none/none")}:ref:refs/heads/${var.github_branch}"
  github_pr_subject     = "repo:${coalesce(var.github_repository, "none/none")}:pull_request"

  github_plan_role_name   = "${local.name_prefix}-github-plan${local.global_name_suffix}"
  github_apply_role_name  = "${local.name_prefix}-github-apply${local.global_name_suffix}"
  github_read_policy_name = "${local.name_prefix}-github-read${local.global_name_suffix}"
  github_role_arns = [
    "arn:${local.partition}:iam::${local.account_id}:role/${local.github_plan_role_name}",
    "arn:${local.partition}:iam::${local.account_id}:role/${local.github_apply_role_name}",
  ]

  # Terraform state (terraform/backend): bucket, lock table and key alias.
  state_bucket_name   = coalesce(var.terraform_state_bucket_name, "${var.project}-terraform-state")
  state_lock_table    = coalesce(var.terraform_state_lock_table_name, "${var.project}-terraform-locks")
  state_kms_key_alias = coalesce(var.terraform_state_kms_key_alias, "alias/${var.project}-terraform-state")

  # Read-only actions a plan needs to refresh every resource type of the
  # platform. Service-scoped wildcards on "*" (AWS has no resource-level
  # permissions for most Describe/List calls); no data reads: no
  # s3:GetObject outside the state bucket, no secretsmanager:GetSecretValue,
  # no dynamodb:GetItem/Query/Scan outside the lock table.
  github_read_actions = [
    "acm:DescribeCertificate",
    "acm:ListCertificates",
    "acm:ListTagsForCertificate",
    "application-autoscaling:Describe*",
    "application-autoscaling:ListTagsForResource",
    "budgets:Describe*",
    "budgets:ListTagsForResource",
    "budgets:ViewBudget",
    "ce:GetAnomalyMonitors",
    "ce:GetAnomalySubscriptions",
    "ce:ListTagsForResource",
    "cloudfront:Describe*",
    "cloudfront:Get*",
    "cloudfront:List*",
    "cloudtrail:Describe*",
    "cloudtrail:GetEventSelectors",
    "cloudtrail:GetInsightSelectors",
    "cloudtrail:GetTrail",
    "cloudtrail:GetTrailStatus",
    "cloudtrail:ListTags",
    "cloudtrail:ListTrails",
    "cloudwatch:Describe*",
    "cloudwatch:GetDashboard",
    "cloudwatch:GetMetricStream",
    "cloudwatch:List*",
    "config:Describe*",
    "config:ListTagsForResource",
    "dynamodb:Describe*",
    "dynamodb:GetResourcePolicy",
    "dynamodb:List*",
    "ec2:Describe*",
    "ec2:GetEbsEncryptionByDefault",
    "ec2:GetManagedPrefixListEntries",
    "ecr:DescribeImageScanFindings",
    "ecr:DescribeRegistry",
    "ecr:DescribeRepositories",
    "ecr:GetLifecyclePolicy",
    "ecr:GetRegistryPolicy",
    "ecr:GetRepositoryPolicy",
    "ecr:ListTagsForResource",
    "ecs:Describe*",
    "ecs:List*",
    "elasticache:Describe*",
    "elasticache:List*",
    "elasticloadbalancing:Describe*",
    "events:Describe*",
    "events:List*",
    "firehose:Describe*",
    "firehose:List*",
    "guardduty:GetDetector",
    "guardduty:GetMalwareProtectionPlan",
    "guardduty:ListDetectors",
    "guardduty:ListTagsForResource",
    "iam:Get*",
    "iam:List*",
    "kinesis:Describe*",
    "kinesis:List*",
    "kms:Describe*",
    "kms:GetKeyPolicy",
    "kms:GetKeyRotationStatus",
    "kms:List*",
    "lambda:GetFunction",
    "lambda:GetFunctionCodeSigningConfig",
    "lambda:GetFunctionConfiguration",
    "lambda:GetFunctionUrlConfig",
    "lambda:GetPolicy",
    "lambda:GetProvisionedConcurrencyConfig",
    "lambda:List*",
    "logs:Describe*",
    "logs:GetDataProtectionPolicy",
    "logs:ListTagsForResource",
    "logs:ListTagsLogGroup",
    "rds:Describe*",
    "rds:ListTagsForResource",
    "route53:Get*",
    "route53:List*",
    "s3:GetAccelerateConfiguration",
    "s3:GetAccountPublicAccessBlock",
    "s3:GetAnalyticsConfiguration",
    "s3:GetBucket*",
    "s3:GetEncryptionConfiguration",
    "s3:GetIntelligentTieringConfiguration",
    "s3:GetInventoryConfiguration",
    "s3:GetLifecycleConfiguration",
    "s3:GetMetricsConfiguration",
    "s3:GetReplicationConfiguration",
    "s3:ListAllMyBuckets",
    "s3:ListBucket",
    "secretsmanager:DescribeSecret",
    "secretsmanager:GetResourcePolicy",
    "secretsmanager:ListSecrets",
    "servicediscovery:Get*",
    "servicediscovery:List*",
    "sns:GetDataProtectionPolicy",
    "sns:GetSubscriptionAttributes",
    "sns:GetTopicAttributes",
    "sns:List*",
    "sqs:GetQueueAttributes",
    "sqs:GetQueueUrl",
    "sqs:List*",
    "synthetics:Describe*",
    "synthetics:GetCanary",
    "synthetics:List*",
    "tag:GetResources",
    "wafv2:Describe*",
    "wafv2:Get*",
    "wafv2:List*",
    "xray:GetEncryptionConfig",
    "xray:GetGroup",
    "xray:GetGroups",
    "xray:GetSamplingRules",
    "xray:ListTagsForResource",
  ]

  # Services whose resources the apply role manages in full. They have no
  # name-based ARNs to scope to; the allowed regions bound them instead.
  github_apply_service_actions = [
    "acm:*",
    "application-autoscaling:*",
    "budgets:*",
    "ce:*",
    "cloudfront:*",
    "cloudtrail:*",
    "cloudwatch:*",
    "config:*",
    "ec2:*",
    "ecr:*",
    "ecs:*",
    "elasticache:*",
    "elasticloadbalancing:*",
    "events:*",
    "firehose:*",
    "guardduty:*",
    "kinesis:*",
    "kms:*",
    "lambda:*",
    "logs:*",
    "rds:*",
    "route53:*",
    "servicediscovery:*",
    "sns:*",
    "sqs:*",
    "synthetics:*",
    "wafv2:*",
    "xray:*",
  ]

  # S3: bucket configuration and objects, on the project's buckets only.
  github_apply_s3_actions = [
    "s3:CreateBucket",
    "s3:DeleteBucket*",
    "s3:DeleteObject",
    "s3:DeleteObjectVersion",
    "s3:GetAccelerateConfiguration",
    "s3:GetAnalyticsConfiguration",
    "s3:GetBucket*",
    "s3:GetEncryptionConfiguration",
    "s3:GetIntelligentTieringConfiguration",
    "s3:GetInventoryConfiguration",
    "s3:GetLifecycleConfiguration",
    "s3:GetMetricsConfiguration",
    "s3:GetObject",
    "s3:GetObjectTagging",
    "s3:GetObjectVersion",
    "s3:GetReplicationConfiguration",
    "s3:ListBucket",
    "s3:ListBucketVersions",
    "s3:PutAccelerateConfiguration",
    "s3:PutAnalyticsConfiguration",
    "s3:PutBucket*",
    "s3:PutEncryptionConfiguration",
    "s3:PutIntelligentTieringConfiguration",
    "s3:PutInventoryConfiguration",
    "s3:PutLifecycleConfiguration",
    "s3:PutMetricsConfiguration",
    "s3:PutObject",
    "s3:PutObjectTagging",
    "s3:PutReplicationConfiguration",
  ]

  # IAM: the project's roles, policies and instance profiles.
  github_apply_iam_actions = [
    "iam:AddRoleToInstanceProfile",
    "iam:AttachRolePolicy",
    "iam:CreateInstanceProfile",
    "iam:CreatePolicy",
    "iam:CreatePolicyVersion",
    "iam:CreateRole",
    "iam:DeleteInstanceProfile",
    "iam:DeletePolicy",
    "iam:DeletePolicyVersion",
    "iam:DeleteRole",
    "iam:DeleteRolePolicy",
    "iam:DetachRolePolicy",
    "iam:PutRolePolicy",
    "iam:RemoveRoleFromInstanceProfile",
    "iam:SetDefaultPolicyVersion",
    "iam:TagInstanceProfile",
    "iam:TagPolicy",
    "iam:TagRole",
    "iam:UntagInstanceProfile",
    "iam:UntagPolicy",
    "iam:UntagRole",
    "iam:UpdateAssumeRolePolicy",
    "iam:UpdateRole",
    "iam:UpdateRoleDescription",
  ]

  # Secrets: the secret containers only, never their values.
  github_apply_secrets_actions = [
    "secretsmanager:CancelRotateSecret",
    "secretsmanager:CreateSecret",
    "secretsmanager:DeleteResourcePolicy",
    "secretsmanager:DeleteSecret",
    "secretsmanager:DescribeSecret",
    "secretsmanager:GetResourcePolicy",
    "secretsmanager:ListSecretVersionIds",
    "secretsmanager:PutResourcePolicy",
    "secretsmanager:RemoveRegionsFromReplication",
    "secretsmanager:ReplicateSecretToRegions",
    "secretsmanager:RestoreSecret",
    "secretsmanager:RotateSecret",
    "secretsmanager:TagResource",
    "secretsmanager:UntagResource",
    "secretsmanager:UpdateSecret",
    "secretsmanager:ValidateResourcePolicy",
  ]

  # Services the apply role may pass the project's roles to.
  github_pass_role_services = [
    "application-autoscaling.amazonaws.com",
    "config.amazonaws.com",
    "ecs-tasks.amazonaws.com",
    "events.amazonaws.com",
    "lambda.amazonaws.com",
    "monitoring.rds.amazonaws.com",
    "s3.amazonaws.com",
    "synthetics.amazonaws.com",
    "vpc-flow-logs.amazonaws.com",
  ]

  # Service-linked roles the platform's services create on first use.
  github_service_linked_roles = [
    "config.amazonaws.com",
    "ecs.amazonaws.com",
    "ecs.application-autoscaling.amazonaws.com",
    "elasticache.amazonaws.com",
    "elasticloadbalancing.amazonaws.com",
    "guardduty.amazonaws.com",
    "malware-protection.guardduty.amazonaws.com",
    "rds.amazonaws.com",
    "replicator.lambda.amazonaws.com",
    "wafv2.amazonaws.com",
  ]

  # The regions the roles act in; IAM, CloudFront, Route 53 and the
  # CloudFront WAF are global and answer from us-east-1.
  github_regions = distinct(concat(var.github_allowed_regions, ["us-east-1"]))

  # AWS managed policies the apply role may never attach.
  github_forbidden_policy_arns = [for p in ["AdministratorAccess", "IAMFullAccess", "PowerUserAccess"] : "arn:${local.partition}:iam::aws:policy/${p}"]
}

# GitHub's certificate chain is trusted by AWS directly: no thumbprint needed.
resource "aws_iam_openid_connect_provider" "github" {
  count = var.enable_github_oidc && var.create_github_oidc_provider ? 1 : 0

  url            = "https://${local.github_oidc_host}"
  client_id_list = ["sts.amazonaws.com"]

  tags = var.tags
}

data "aws_iam_policy_document" "github_plan_assume_role" {
  count = var.enable_github_oidc ? 1 : 0

  statement {
    sid     = "AllowGitHubActionsPlan"
    effect  = "Allow"
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [local.github_oidc_provider_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.github_oidc_host}:aud"
      values   = ["sts.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.github_oidc_host}:sub"
      values   = var.github_plan_allow_pull_requests ? [local.github_branch_subject, local.github_pr_subject] : [local.github_branch_subject]
    }
  }
}

data "aws_iam_policy_document" "github_apply_assume_role" {
  count = var.enable_github_oidc ? 1 : 0

  statement {
    sid     = "AllowGitHubActionsApply"
    effect  = "Allow"
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [local.github_oidc_provider_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.github_oidc_host}:aud"
      values   = ["sts.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.github_oidc_host}:sub"
      values   = [local.github_branch_subject]
    }
  }
}

# What both roles need: read the platform's configuration and the state. A
# managed policy attached to both: inline next to the apply role's own
# statements it would come close to IAM's 10,240-character quota per role.
data "aws_iam_policy_document" "github_read" {
  count = var.enable_github_oidc ? 1 : 0

  statement {
    sid       = "ReadPlatformConfiguration"
    effect    = "Allow"
    actions   = local.github_read_actions
    resources = ["*"]

    condition {
      test     = "StringEquals"
      variable = "aws:RequestedRegion"
      values   = local.github_regions
    }
  }

  statement {
    sid       = "ListStateBucket"
    effect    = "Allow"
    actions   = ["s3:ListBucket"]
    resources = ["arn:${local.partition}:s3:::${local.state_bucket_name}"]
  }

  statement {
    sid       = "ReadState"
    effect    = "Allow"
    actions   = ["s3:GetObject"]
    resources = ["arn:${local.partition}:s3:::${local.state_bucket_name}/*"]
  }

  # Plans take the state lock too (S3 lock files and the DynamoDB table).
  statement {
    sid    = "TakeStateLockFiles"
    effect = "Allow"
    actions = [
      "s3:DeleteObject",
      "s3:PutObject",
    ]
    resources = ["arn:${local.partition}:s3:::${local.state_bucket_name}/*.tflock"]
  }

  statement {
    sid    = "TakeStateLockTable"
    effect = "Allow"
    actions = [
      "dynamodb:DeleteItem",
      "dynamodb:DescribeTable",
      "dynamodb:GetItem",
      "dynamodb:PutItem",
    ]
    resources = ["arn:${local.partition}:dynamodb:*:${local.account_id}:table/${local.state_lock_table}"]
  }

  statement {
    sid    = "UseStateKey"
    effect = "Allow"
    actions = [
      "kms:Decrypt",
      "kms:DescribeKey",
      "kms:GenerateDataKey",
    ]
    resources = ["arn:${local.partition}:kms:*:${local.account_id}:key/*"]

    condition {
      test     = "ForAnyValue:StringEquals"
      variable = "kms:ResourceAliases"
      values   = [local.state_kms_key_alias]
    }
  }
}

resource "aws_iam_policy" "github_read" {
  count = var.enable_github_oidc ? 1 : 0

  name        = local.github_read_policy_name
  description = "Read the ${local.name_prefix} platform configuration and the Terraform state (GitHub Actions plan and apply roles)."
  policy      = data.aws_iam_policy_document.github_read[0].json

  tags = var.tags
}

resource "aws_iam_role" "github_plan" {
  count = var.enable_github_oidc ? 1 : 0

  name               = local.github_plan_role_name
  description        = "Read-only role for terraform plan from GitHub Actions (${coalesce(var.github_repository, "none/none")})."
  assume_role_policy = data.aws_iam_policy_document.github_plan_assume_role[0].json

  tags = var.tags
}

resource "aws_iam_role_policy_attachment" "github_plan_read" {
  count = var.enable_github_oidc ? 1 : 0

  role       = aws_iam_role.github_plan[0].name
  policy_arn = aws_iam_policy.github_read[0].arn
}

# The apply role: the read policy plus the changes.
data "aws_iam_policy_document" "github_apply" {
  count = var.enable_github_oidc ? 1 : 0

  statement {
    sid       = "ManagePlatformServices"
    effect    = "Allow"
    actions   = local.github_apply_service_actions
    resources = ["*"]

    condition {
      test     = "StringEquals"
      variable = "aws:RequestedRegion"
      values   = local.github_regions
    }
  }

  statement {
    sid     = "ManageProjectBuckets"
    effect  = "Allow"
    actions = local.github_apply_s3_actions
    resources = [
      "arn:${local.partition}:s3:::${var.project}-*",
      "arn:${local.partition}:s3:::${var.project}-*/*",
    ]
  }

  statement {
    sid     = "ManageProjectTables"
    effect  = "Allow"
    actions = ["dynamodb:*"]
    resources = [
      "arn:${local.partition}:dynamodb:*:${local.account_id}:table/${var.project}-*",
      "arn:${local.partition}:dynamodb::${local.account_id}:global-table/${var.project}-*",
    ]
  }

  # Aurora's managed master password lives in an RDS-owned secret (rds!...).
  statement {
    sid     = "ManageProjectSecrets"
    effect  = "Allow"
    actions = local.github_apply_secrets_actions
    resources = [
      "arn:${local.partition}:secretsmanager:*:${local.account_id}:secret:${var.project}/*",
      "arn:${local.partition}:secretsmanager:*:${local.account_id}:secret:rds!*",
    ]
  }

  statement {
    sid     = "ManageProjectRoles"
    effect  = "Allow"
    actions = local.github_apply_iam_actions
    resources = [
      "arn:${local.partition}:iam::${local.account_id}:instance-profile/${var.project}-*",
      "arn:${local.partition}:iam::${local.account_id}:policy/${var.project}-*",
      "arn:${local.partition}:iam::${local.account_id}:role/${var.project}-*",
    ]
  }

  statement {
    sid       = "PassProjectRolesToPlatformServices"
    effect    = "Allow"
    actions   = ["iam:PassRole"]
    resources = ["arn:${local.partition}:iam::${local.account_id}:role/${var.project}-*"]

    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = local.github_pass_role_services
    }
  }

  statement {
    sid       = "CreateServiceLinkedRoles"
    effect    = "Allow"
    actions   = ["iam:CreateServiceLinkedRole"]
    resources = ["arn:${local.partition}:iam::${local.account_id}:role/aws-service-role/*"]

    condition {
      test     = "StringEquals"
      variable = "iam:AWSServiceName"
      values   = local.github_service_linked_roles
    }
  }

  # The CI roles, their read policy and the provider are changed by an
  # administrator only, so a workflow cannot widen its own permissions or trust.
  statement {
    sid    = "DenyChangesToTheCiRoles"
    effect = "Deny"
    actions = [
      "iam:AttachRolePolicy",
      "iam:DeleteRole",
      "iam:DeleteRolePermissionsBoundary",
      "iam:DeleteRolePolicy",
      "iam:DetachRolePolicy",
      "iam:PassRole",
      "iam:PutRolePermissionsBoundary",
      "iam:PutRolePolicy",
      "iam:TagRole",
      "iam:UntagRole",
      "iam:UpdateAssumeRolePolicy",
      "iam:UpdateRole",
    ]
    resources = local.github_role_arns
  }

  statement {
    sid    = "DenyChangesToTheCiReadPolicy"
    effect = "Deny"
    actions = [
      "iam:CreatePolicyVersion",
      "iam:DeletePolicy",
      "iam:DeletePolicyVersion",
      "iam:SetDefaultPolicyVersion",
      "iam:TagPolicy",
      "iam:UntagPolicy",
    ]
    resources = ["arn:${local.partition}:iam::${local.account_id}:policy/${local.github_read_policy_name}"]
  }

  statement {
    sid    = "DenyChangesToTheGitHubProvider"
    effect = "Deny"
    actions = [
      "iam:AddClientIDToOpenIDConnectProvider",
      "iam:CreateOpenIDConnectProvider",
      "iam:DeleteOpenIDConnectProvider",
      "iam:RemoveClientIDFromOpenIDConnectProvider",
      "iam:TagOpenIDConnectProvider",
      "iam:UntagOpenIDConnectProvider",
      "iam:UpdateOpenIDConnectProviderThumbprint",
    ]
    resources = ["arn:${local.partition}:iam::${local.account_id}:oidc-provider/${local.github_oidc_host}"]
  }

  statement {
    sid       = "DenyAttachingAdministratorPolicies"
    effect    = "Deny"
    actions   = ["iam:AttachRolePolicy"]
    resources = ["*"]

    condition {
      test     = "ArnEquals"
      variable = "iam:PolicyARN"
      values   = local.github_forbidden_policy_arns
    }
  }
}

resource "aws_iam_role" "github_apply" {
  count = var.enable_github_oidc ? 1 : 0

  name               = local.github_apply_role_name
  description        = "Role for terraform apply from GitHub Actions (${coalesce(var.github_repository, "none/none")}, branch ${var.github_branch})."
  assume_role_policy = data.aws_iam_policy_document.github_apply_assume_role[0].json

  tags = var.tags
}

resource "aws_iam_role_policy_attachment" "github_apply_read" {
  count = var.enable_github_oidc ? 1 : 0

  role       = aws_iam_role.github_apply[0].name
  policy_arn = aws_iam_policy.github_read[0].arn
}

resource "aws_iam_role_policy" "github_apply" {
  count = var.enable_github_oidc ? 1 : 0

  name   = "terraform-apply"
  role   = aws_iam_role.github_apply[0].id
  policy = data.aws_iam_policy_document.github_apply[0].json
}
