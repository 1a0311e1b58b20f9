# The pilot light (issue 6): the environment's ECS services in the standby
# region at zero tasks, behind their own load balancer, ready to take
# CloudFront's traffic. Everything here exists only with
# enable_standby_region (production):
#
#   - ECR replication of the project's repositories to the standby region, so
#     that the standby pulls the same image and tag without us-east-1;
#   - an ACM certificate in the standby region for
#     origin-<standby_region>.<app_hostname>, validated through Route 53, and
#     the alias record of that name;
#   - module.compute_standby: cluster <project>-<environment>-<standby_region>
#     (Container Insights off while idle), task definitions, load balancer,
#     services and auto scaling at 0, and the bucket of the load balancer's
#     access logs in the standby region (create_alb_access_logs_bucket).
#
# The standby tasks' IAM roles are module.security_standby's (main.tf), like
# the standby region's keys and security groups.
#
# The switch is failover_to_standby: it raises the standby services' minimum
# to the primary's (Application Auto Scaling starts the tasks), gives the
# standby VPC a NAT gateway and points CloudFront's load balancer origin at
# the standby's VPC origin, by the name origin-<standby_region>.<app_hostname>
# (main.tf). The standby load balancer is internal, like the primary's, and
# its VPC origin exists all along: it takes up to 15 minutes to create.
#
# The origin header: the standby load balancer reads the value of the one
# secret module.compute generates in the primary region (by ARN, in that
# region), so CloudFront's header matches whichever load balancer it is
# pointed at, and a rotation of the secret reaches both at the next apply.
# No copy of the secret exists; the standby's listener rules hold the value,
# so the standby keeps admitting CloudFront while us-east-1 is down.

locals {
  standby_origin_hostname = "origin-${var.standby_region}.${var.app_hostname}"
  standby_ecr_registry    = "${data.aws_caller_identity.current.account_id}.dkr.ecr.${var.standby_region}.amazonaws.com"

  # The primary's services, with their images from the standby region's ECR
  # replica, and no tasks until the switch; then the primary's minimum.
  standby_services = {
    for name, s in local.services : name => merge(s, {
      image         = replace(s.image, local.ecr_registry, local.standby_ecr_registry)
      desired_count = var.failover_to_standby ? s.min_count : 0
      min_count     = var.failover_to_standby ? s.min_count : 0
    })
  }
}

################################################################################
# Images: ECR replication to the standby region
################################################################################

# One replication configuration per registry: this is the account's, in the
# primary region. It copies every image pushed to a <project>/ repository to
# the same repository and tag in the standby region (ECR creates the
# repository there). Images pushed before it existed are not copied: push the
# running tag once more (see the DR runbook).
resource "aws_ecr_replication_configuration" "standby" {
  count = var.enable_standby_region ? 1 : 0

  replication_configuration {
    rule {
      destination {
        region      = var.standby_region
        registry_id = data.aws_caller_identity.current.account_id
      }

      repository_filter {
        filter      = "${var.project}/"
        filter_type = "PREFIX_MATCH"
      }
    }
  }
}

################################################################################
# IAM roles of the standby tasks: module.security_standby
################################################################################

# The roles were declared here before module.security_standby created them
# (its name_suffix keeps their names): an existing state keeps them.
moved {
  from = aws_iam_role.standby_ecs_task_execution[0]
  to   = module.security_standby[0].aws_iam_role.ecs_task_execution[0]
}

moved {
  from = aws_iam_role_policy.standby_ecs_task_execution[0]
  to   = module.security_standby[0].aws_iam_role_policy.ecs_task_execution[0]
}

moved {
  from = aws_iam_role.standby_ecs_task[0]
  to   = module.security_standby[0].aws_iam_role.ecs_task[0]
}

################################################################################
# Access logs of the standby load balancer: module.compute_standby
################################################################################

# The bucket was declared here before module.compute_standby created it
# (create_alb_access_logs_bucket, with the same name and settings): an
# existing state keeps it.
moved {
  from = aws_s3_bucket.standby_alb_logs[0]
  to   = module.compute_standby[0].aws_s3_bucket.alb_access_logs[0]
}

moved {
  from = aws_s3_bucket_versioning.standby_alb_logs[0]
  to   = module.compute_standby[0].aws_s3_bucket_versioning.alb_access_logs[0]
}

moved {
  from = aws_s3_bucket_public_access_block.standby_alb_logs[0]
  to   = module.compute_standby[0].aws_s3_bucket_public_access_block.alb_access_logs[0]
}

moved {
  from = aws_s3_bucket_ownership_controls.standby_alb_logs[0]
  to   = module.compute_standby[0].aws_s3_bucket_ownership_controls.alb_access_logs[0]
}

moved {
  from = aws_s3_bucket_server_side_encryption_configuration.standby_alb_logs[0]
  to   = module.compute_standby[0].aws_s3_bucket_server_side_encryption_configuration.alb_access_logs[0]
}

moved {
  from = aws_s3_bucket_lifecycle_configuration.standby_alb_logs[0]
  to   = module.compute_standby[0].aws_s3_bucket_lifecycle_configuration.alb_access_logs[0]
}

moved {
  from = aws_s3_bucket_policy.standby_alb_logs[0]
  to   = module.compute_standby[0].aws_s3_bucket_policy.alb_access_logs[0]
}

################################################################################
# Certificate and name of the standby origin
################################################################################

# The load balancer's certificate must be in its own region; CloudFront
# checks it against this name (its VPC origin's domain) when the switch is on.
resource "aws_acm_certificate" "standby" {
  count    = var.enable_standby_region ? 1 : 0
  provider = aws.replica

  domain_name       = local.standby_origin_hostname
  validation_method = "DNS"
  key_algorithm     = "EC_prime256v1"

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_route53_record" "standby_certificate_validation" {
  for_each = {
    for o in try(aws_acm_certificate.standby[0].domain_validation_options, []) : o.domain_name => {
      name   = o.resource_record_name
      type   = o.resource_record_type
      record = o.resource_record_value
    }
  }

  zone_id         = data.aws_route53_zone.this.zone_id
  name            = each.value.name
  type            = each.value.type
  records         = [each.value.record]
  ttl             = 300
  allow_overwrite = true
}

resource "aws_acm_certificate_validation" "standby" {
  count    = var.enable_standby_region ? 1 : 0
  provider = aws.replica

  certificate_arn         = aws_acm_certificate.standby[0].arn
  validation_record_fqdns = [for r in aws_route53_record.standby_certificate_validation : r.fqdn]
}

# Without target health: it is the only record of the name, and a pilot light
# has no healthy targets until the switch. The load balancer is internal, so
# the name resolves to private addresses: CloudFront reaches it through the
# VPC origin, whatever the name resolves to, and uses the name for TLS.
resource "aws_route53_record" "origin_standby" {
  count = var.enable_standby_region ? 1 : 0

  zone_id = data.aws_route53_zone.this.zone_id
  name    = local.standby_origin_hostname
  type    = "A"

  alias {
    name                   = module.compute_standby[0].alb_dns_name
    zone_id                = module.compute_standby[0].alb_zone_id
    evaluate_target_health = false
  }
}

################################################################################
# The standby compute
################################################################################

module "compute_standby" {
  source = "../../modules/compute"
  count  = var.enable_standby_region ? 1 : 0

  providers = {
    aws = aws.replica
  }

  project         = var.project
  environment     = var.environment
  tags            = var.tags
  spot_percentage = var.spot_percentage

  # Names such as the cluster's: <project>-<environment>-<standby_region>, so
  # that no command or dashboard confuses the two regions.
  name_suffix = var.standby_region

  # Container Insights is billed per metric of the cluster, services and
  # tasks: on only while the standby serves.
  enable_container_insights = var.failover_to_standby

  # Internal in the standby VPC's private subnets, like the primary's:
  # CloudFront reaches it through its own VPC origin (module.cdn's standby
  # entry, main.tf).
  vpc_id                  = module.networking_standby[0].vpc_id
  alb_internal            = true
  public_subnet_ids       = module.networking_standby[0].public_subnet_ids
  private_subnet_ids      = module.networking_standby[0].private_subnet_ids
  alb_security_group_id   = module.security_standby[0].security_group_ids["alb"]
  app_security_group_ids  = [module.security_standby[0].security_group_ids["app"]]
  task_execution_role_arn = module.security_standby[0].ecs_task_execution_role_arn
  task_role_arn           = module.security_standby[0].ecs_task_role_arn
  log_kms_key_arn         = module.security_standby[0].kms_key_arns["logs"]
  log_retention_days      = var.log_retention_days

  # Rolling deployments, no deploycheck hook and no scheduled actions: the
  # standby is deployed with the primary and idles at 0 tasks.
  services        = local.standby_services
  default_service = var.default_service

  create_alb                     = true
  certificate_arn                = aws_acm_certificate_validation.standby[0].certificate_arn
  enable_alb_deletion_protection = var.deletion_protection
  # The access logs bucket in the standby region (a load balancer writes
  # only to a bucket of its own region), by the name it had in standby.tf.
  create_alb_access_logs_bucket = true
  alb_access_logs_bucket_name   = "${var.project}-${var.environment}-alb-logs-${var.standby_region}${var.bucket_name_suffix == "" ? "" : "-${var.bucket_name_suffix}"}"
  origin_verify                 = { header_name = local.origin_verify_header, generate_value = false }
  origin_verify_secret_arn      = module.compute.origin_verify_secret_arn

  # CloudWatch alarms notify SNS topics of their own region only; the alerts
  # topic is in the primary region. The alarms still roll deployments back.
  alarm_actions = []
}
