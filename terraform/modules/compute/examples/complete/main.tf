# Every feature of the compute module, run as production runs it: Graviton
# Fargate on demand (spot_percentage = 0), 3 to 20 tasks of 2048 CPU units /
# 4096 MiB per service, an internal load balancer in the private subnets that
# only CloudFront reaches, through a VPC origin (origin-facing prefix list
# plus the secret origin header; alb_internal = false gives the
# internet-facing variant in the public subnets), ECS
# blue/green deployments checked by the deploycheck Lambda (`make lambda`
# builds dist/deploycheck.zip), alarms that roll deployments back, and
# KMS-encrypted logs, with the access logs bucket the module creates
# (create_alb_access_logs_bucket). The VPC, security groups, roles and KMS
# keys below stand in for the networking and security modules.

provider "aws" {
  region = var.region

  default_tags {
    tags = {
      Project     = "Candlefish"
      Environment = var.environment
      CostCenter  = "Engineering"
      Owner       = "DevOps"
    }
  }
}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  name_prefix = "${var.project}-${var.environment}"
  account_id  = data.aws_caller_identity.current.account_id
  partition   = data.aws_partition.current.partition

  # AZ name => its index, for stable subnet keys and CIDR slices.
  azs = { for i, az in var.availability_zones : az => i }

  service_ports = toset([for s in values(var.services) : tostring(s.port)])
  secret_arns   = distinct(flatten([for s in values(var.services) : values(s.secrets)]))
}

################################################################################
# Network: a VPC with public and private subnets per AZ and one NAT gateway
################################################################################

resource "aws_vpc" "this" {
  cidr_block           = var.vpc_cidr
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = merge(var.tags, { Name = local.name_prefix })
}

# The default security group admits and sends nothing.
resource "aws_default_security_group" "this" {
  vpc_id = aws_vpc.this.id

  tags = merge(var.tags, { Name = "${local.name_prefix}-default" })
}

resource "aws_internet_gateway" "this" {
  vpc_id = aws_vpc.this.id

  tags = merge(var.tags, { Name = local.name_prefix })
}

resource "aws_subnet" "public" {
  for_each = local.azs

  vpc_id                  = aws_vpc.this.id
  availability_zone       = each.key
  cidr_block              = cidrsubnet(var.vpc_cidr, 8, 200 + each.value)
  map_public_ip_on_launch = false

  tags = merge(var.tags, { Name = "${local.name_prefix}-public-${each.key}", Tier = "public" })
}

resource "aws_subnet" "private" {
  for_each = local.azs

  vpc_id            = aws_vpc.this.id
  availability_zone = each.key
  cidr_block        = cidrsubnet(var.vpc_cidr, 4, each.value)

  tags = merge(var.tags, { Name = "${local.name_prefix}-private-${each.key}", Tier = "private" })
}

resource "aws_eip" "nat" {
  domain = "vpc"

  tags = merge(var.tags, { Name = "${local.name_prefix}-nat" })

  depends_on = [aws_internet_gateway.this]
}

resource "aws_nat_gateway" "this" {
  allocation_id = aws_eip.nat.id
  subnet_id     = aws_subnet.public[var.availability_zones[0]].id

  tags = merge(var.tags, { Name = "${local.name_prefix}-nat" })
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.this.id

  tags = merge(var.tags, { Name = "${local.name_prefix}-public" })
}

resource "aws_route" "public_internet" {
  route_table_id         = aws_route_table.public.id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.this.id
}

resource "aws_route_table_association" "public" {
  for_each = local.azs

  subnet_id      = aws_subnet.public[each.key].id
  route_table_id = aws_route_table.public.id
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.this.id

  tags = merge(var.tags, { Name = "${local.name_prefix}-private" })
}

resource "aws_route" "private_nat" {
  route_table_id         = aws_route_table.private.id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.this.id
}

resource "aws_route_table_association" "private" {
  for_each = local.azs

  subnet_id      = aws_subnet.private[each.key].id
  route_table_id = aws_route_table.private.id
}

################################################################################
# Security groups: load balancer, tasks, Lambda
################################################################################

resource "aws_security_group" "alb" {
  name        = "${local.name_prefix}-alb"
  description = "Load balancer: HTTPS from CloudFront only; sends to the service ports of the tasks."
  vpc_id      = aws_vpc.this.id

  tags = merge(var.tags, { Name = "${local.name_prefix}-alb" })
}

data "aws_ec2_managed_prefix_list" "cloudfront" {
  name = "com.amazonaws.global.cloudfront.origin-facing"
}

resource "aws_vpc_security_group_ingress_rule" "alb_cloudfront" {
  security_group_id = aws_security_group.alb.id
  description       = "HTTPS from CloudFront origin-facing servers"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  prefix_list_id    = data.aws_ec2_managed_prefix_list.cloudfront.id
}

resource "aws_vpc_security_group_egress_rule" "alb_to_app" {
  for_each = local.service_ports

  security_group_id            = aws_security_group.alb.id
  description                  = "Service port ${each.key} on the tasks"
  ip_protocol                  = "tcp"
  from_port                    = tonumber(each.key)
  to_port                      = tonumber(each.key)
  referenced_security_group_id = aws_security_group.app.id
}

resource "aws_security_group" "app" {
  name        = "${local.name_prefix}-app"
  description = "ECS tasks: the service ports from the load balancer only."
  vpc_id      = aws_vpc.this.id

  tags = merge(var.tags, { Name = "${local.name_prefix}-app" })
}

resource "aws_vpc_security_group_ingress_rule" "app_from_alb" {
  for_each = local.service_ports

  security_group_id            = aws_security_group.app.id
  description                  = "Service port ${each.key} from the load balancer"
  ip_protocol                  = "tcp"
  from_port                    = tonumber(each.key)
  to_port                      = tonumber(each.key)
  referenced_security_group_id = aws_security_group.alb.id
}

#trivy:ignore:AWS-0104 Tasks pull images from ECR and reach Secrets Manager, CloudWatch Logs and X-Ray over HTTPS through the NAT gateway: this minimal VPC has no interface endpoints (the networking module adds them and narrows this to the VPC).
resource "aws_vpc_security_group_egress_rule" "app_https" {
  security_group_id = aws_security_group.app.id
  description       = "HTTPS to AWS APIs through the NAT gateway"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_security_group" "lambda" {
  name        = "${local.name_prefix}-lambda"
  description = "Lambda functions in the VPC (deploycheck): admit nothing; probe the test listener and call AWS APIs."
  vpc_id      = aws_vpc.this.id

  tags = merge(var.tags, { Name = "${local.name_prefix}-lambda" })
}

# An internal load balancer is in the VPC: the hook reaches its test
# listener by the load balancer's security group.
resource "aws_vpc_security_group_egress_rule" "lambda_test_listener" {
  count = var.alb_internal ? 1 : 0

  security_group_id            = aws_security_group.lambda.id
  description                  = "Blue/green test listener of the load balancer"
  ip_protocol                  = "tcp"
  from_port                    = var.blue_green.test_listener_port
  to_port                      = var.blue_green.test_listener_port
  referenced_security_group_id = aws_security_group.alb.id
}

#trivy:ignore:AWS-0104 The deploycheck hook probes the internet-facing load balancer's test listener, whose public IPs change; only the test port is open and the load balancer admits it from the NAT gateway's IP alone.
resource "aws_vpc_security_group_egress_rule" "lambda_test_listener_public" {
  count = var.alb_internal ? 0 : 1

  security_group_id = aws_security_group.lambda.id
  description       = "Blue/green test listener of the load balancer"
  ip_protocol       = "tcp"
  from_port         = var.blue_green.test_listener_port
  to_port           = var.blue_green.test_listener_port
  cidr_ipv4         = "0.0.0.0/0"
}

#trivy:ignore:AWS-0104 X-Ray (active tracing) is reached over HTTPS through the NAT gateway: this minimal VPC has no interface endpoints.
resource "aws_vpc_security_group_egress_rule" "lambda_https" {
  security_group_id = aws_security_group.lambda.id
  description       = "HTTPS to AWS APIs through the NAT gateway"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

################################################################################
# KMS keys: log groups and secrets
################################################################################

# The account administers the key through IAM; CloudWatch Logs of this region
# may use it for this account's log groups only.
data "aws_iam_policy_document" "logs_key" {
  statement {
    sid       = "EnableAccountAdministration"
    effect    = "Allow"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account_id}:root"]
    }
  }

  statement {
    sid    = "AllowCloudWatchLogs"
    effect = "Allow"
    actions = [
      "kms:Encrypt*",
      "kms:Decrypt*",
      "kms:ReEncrypt*",
      "kms:GenerateDataKey*",
      "kms:Describe*",
    ]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["logs.${var.region}.amazonaws.com"]
    }

    condition {
      test     = "ArnLike"
      variable = "kms:EncryptionContext:aws:logs:arn"
      values   = ["arn:${local.partition}:logs:${var.region}:${local.account_id}:log-group:*"]
    }
  }
}

resource "aws_kms_key" "logs" {
  description             = "${local.name_prefix} CloudWatch log groups"
  enable_key_rotation     = true
  deletion_window_in_days = var.kms_deletion_window_in_days
  policy                  = data.aws_iam_policy_document.logs_key.json

  tags = var.tags
}

resource "aws_kms_alias" "logs" {
  name          = "alias/${local.name_prefix}-logs"
  target_key_id = aws_kms_key.logs.key_id
}

# Secrets Manager uses the key on behalf of callers the account's IAM policies
# allow (the origin-verify secret of the load balancer).
data "aws_iam_policy_document" "secrets_key" {
  statement {
    sid       = "EnableAccountAdministration"
    effect    = "Allow"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account_id}:root"]
    }
  }
}

resource "aws_kms_key" "secrets" {
  description             = "${local.name_prefix} Secrets Manager secrets"
  enable_key_rotation     = true
  deletion_window_in_days = var.kms_deletion_window_in_days
  policy                  = data.aws_iam_policy_document.secrets_key.json

  tags = var.tags
}

################################################################################
# IAM: task execution role and task role
################################################################################

data "aws_iam_policy_document" "ecs_tasks_assume_role" {
  statement {
    sid     = "AllowEcsTasksAssumeRole"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_iam_role" "task_execution" {
  name               = "${local.name_prefix}-ecs-task-execution"
  description        = "ECS pulls images, writes container logs and injects secrets for ${local.name_prefix} tasks."
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume_role.json

  tags = var.tags
}

data "aws_iam_policy_document" "task_execution" {
  # ECR authorization tokens are account-wide: AWS has no resource for them.
  statement {
    sid       = "GetEcrAuthorizationToken"
    effect    = "Allow"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }

  statement {
    sid    = "PullProjectImages"
    effect = "Allow"
    actions = [
      "ecr:BatchCheckLayerAvailability",
      "ecr:BatchGetImage",
      "ecr:GetDownloadUrlForLayer",
    ]
    resources = ["arn:${local.partition}:ecr:${var.region}:${local.account_id}:repository/${var.project}/*"]
  }

  statement {
    sid    = "WriteServiceLogs"
    effect = "Allow"
    actions = [
      "logs:CreateLogStream",
      "logs:PutLogEvents",
    ]
    resources = [for name in values(module.compute.service_log_group_names) : "arn:${local.partition}:logs:${var.region}:${local.account_id}:log-group:${name}:*"]
  }

  dynamic "statement" {
    for_each = length(local.secret_arns) > 0 ? ["secrets"] : []

    content {
      sid       = "InjectSecrets"
      effect    = "Allow"
      actions   = ["secretsmanager:GetSecretValue"]
      resources = local.secret_arns
    }
  }
}

resource "aws_iam_role_policy" "task_execution" {
  name   = "ecs-task-execution"
  role   = aws_iam_role.task_execution.id
  policy = data.aws_iam_policy_document.task_execution.json
}

resource "aws_iam_role" "task" {
  name               = "${local.name_prefix}-ecs-task"
  description        = "What the ${local.name_prefix} application containers may do."
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume_role.json

  tags = var.tags
}

# X-Ray has no resource-level permissions for these actions.
data "aws_iam_policy_document" "task" {
  statement {
    sid    = "WriteXRayTraces"
    effect = "Allow"
    actions = [
      "xray:GetSamplingRules",
      "xray:GetSamplingStatisticSummaries",
      "xray:GetSamplingTargets",
      "xray:PutTelemetryRecords",
      "xray:PutTraceSegments",
    ]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "task" {
  name   = "ecs-task"
  role   = aws_iam_role.task.id
  policy = data.aws_iam_policy_document.task.json
}

################################################################################
# The module
################################################################################

module "compute" {
  source = "../.."

  project     = var.project
  environment = var.environment
  tags        = var.tags

  spot_percentage  = var.spot_percentage
  cpu_architecture = var.cpu_architecture

  vpc_id                  = aws_vpc.this.id
  public_subnet_ids       = { for az, s in aws_subnet.public : az => s.id }
  private_subnet_ids      = { for az, s in aws_subnet.private : az => s.id }
  alb_security_group_id   = aws_security_group.alb.id
  app_security_group_ids  = [aws_security_group.app.id]
  task_execution_role_arn = aws_iam_role.task_execution.arn
  task_role_arn           = aws_iam_role.task.arn
  log_kms_key_arn         = aws_kms_key.logs.arn
  log_retention_days      = var.log_retention_days

  services               = var.services
  default_service        = var.default_service
  enable_execute_command = var.enable_execute_command
  enable_xray_sidecar    = var.enable_xray_sidecar
  xray_daemon_image      = var.xray_daemon_image
  scheduled_scaling      = var.scheduled_scaling

  create_alb                     = true
  alb_internal                   = var.alb_internal
  certificate_arn                = var.certificate_arn
  alb_ssl_policy                 = var.alb_ssl_policy
  alb_idle_timeout               = var.alb_idle_timeout
  enable_alb_deletion_protection = var.enable_alb_deletion_protection
  # The module creates the access logs bucket (SSE-S3, TLS only, writable by
  # Elastic Load Balancing under the prefix).
  create_alb_access_logs_bucket  = true
  alb_access_logs_bucket_name    = var.logs_bucket_name
  alb_access_logs_retention_days = var.access_log_retention_days
  alb_access_logs_prefix         = var.alb_access_logs_prefix
  origin_verify                  = var.origin_verify
  origin_verify_kms_key_arn      = aws_kms_key.secrets.arn

  blue_green = var.blue_green
  # The hook runs in the private subnets. An internal load balancer admits
  # its security group; an internet-facing one sees its probes coming from
  # the NAT gateway's public IP.
  test_listener_security_group_ids = var.alb_internal ? { lambda = aws_security_group.lambda.id } : {}
  test_listener_cidr_blocks        = var.alb_internal ? {} : { nat = "${aws_eip.nat.public_ip}/32" }

  lambda_functions          = var.lambda_functions
  lambda_security_group_ids = [aws_security_group.lambda.id]

  alarm_5xx_rate_threshold = var.alarm_5xx_rate_threshold
  enable_deployment_alarms = var.enable_deployment_alarms
}
