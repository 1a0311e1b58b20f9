# Identical in every environment: environments differ only in terraform.tfvars.

locals {
  # With ECR, Logs and Secrets Manager endpoints the tasks need no internet
  # egress; without them they reach those APIs through the NAT gateways.
  private_aws_apis = length(setsubtract(["ecr.api", "ecr.dkr", "logs", "secretsmanager"], var.interface_endpoints)) == 0

  # The security module's keys, plus one for the CDN's real-time log stream.
  kms_services = setunion(
    ["s3", "dynamodb", "elasticache", "aurora", "logs", "secrets", "sns"],
    var.enable_cdn_realtime_logs ? ["kinesis"] : [],
    var.nat_mode == "instance" ? ["ebs"] : [], # the NAT instance's root volume
  )

  # Every service runs the image of its own name from this account's ECR
  # unless the tfvars name one.
  ecr_registry = "${data.aws_caller_identity.current.account_id}.dkr.ecr.${var.primary_region}.amazonaws.com"
  services = {
    for name, s in var.services : name => merge(s, {
      image = coalesce(s.image, "${local.ecr_registry}/${var.project}/${name}:${var.image_tag}")
    })
  }

  # The header CloudFront sends to the load balancers with the secret value.
  origin_verify_header = "X-Origin-Verify"
}

data "aws_caller_identity" "current" {}

module "security" {
  source = "../../modules/security"

  kms_services                = local.kms_services
  kms_key_via_services        = var.nat_mode == "instance" ? { ebs = ["ec2"] } : {}
  kms_key_layout              = var.kms_key_layout
  project                     = var.project
  environment                 = var.environment
  kms_deletion_window_in_days = var.kms_deletion_window_in_days
  tags                        = var.tags

  secret_recovery_window_in_days = var.secret_recovery_window_in_days

  # The compute module's log groups, /ecs/<project>-<environment>/<service>:
  # the execution role writes only to these.
  ecs_log_group_names = [for name in keys(var.services) : "/ecs/${var.project}-${var.environment}/${name}"]

  enable_github_oidc          = var.github_repository != ""
  create_github_oidc_provider = true
  github_repository           = var.github_repository
  github_branch               = var.github_branch

  enable_security_groups      = true
  allow_app_https_through_nat = !local.private_aws_apis
  vpc_id                      = module.networking.vpc_id
  vpc_cidr                    = var.vpc_cidr
  alb_ingress_from_cloudfront = true

  enable_waf             = var.enable_waf
  waf_log_retention_days = var.log_retention_days

  enable_cloudtrail        = var.enable_cloudtrail
  enable_config            = var.enable_config
  enable_guardduty         = var.enable_guardduty
  audit_log_retention_days = var.audit_log_retention_days
}

# The standby region's security: KMS keys for what lives there (the standby
# VPC's flow logs, the replicas of S3, DynamoDB and Aurora, the pilot light's
# log groups), its security groups, and the pilot-light tasks' IAM roles.
# IAM is global: name_suffix gives the roles names of their own,
# <project>-<environment>-ecs-task-execution-<standby_region> and
# <project>-<environment>-ecs-task-<standby_region>, trusted by ECS in the
# standby region only. The GitHub roles, WAF and audit stay with the primary.
module "security_standby" {
  source = "../../modules/security"
  count  = var.enable_standby_region ? 1 : 0

  providers = {
    aws = aws.replica
  }

  project                     = var.project
  environment                 = var.environment
  name_suffix                 = var.standby_region
  kms_deletion_window_in_days = var.kms_deletion_window_in_days
  tags                        = var.tags

  # module.compute_standby's log groups, /ecs/<project>-<environment>-<standby_region>/<service>:
  # the execution role writes only to these, and pulls from the standby
  # region's ECR replicas of the primary's repositories (the module's default
  # names, as for the primary).
  enable_ecs_roles    = true
  ecs_log_group_names = [for name in keys(var.services) : "/ecs/${var.project}-${var.environment}-${var.standby_region}/${name}"]

  # The standby VPC's groups: the Aurora secondary's and the pilot-light
  # tasks' and load balancer's. The load balancer admits only CloudFront's
  # origin-facing servers, as the primary's does; the tasks reach AWS APIs
  # through the NAT gateway the standby VPC gets on failover (it has no
  # interface endpoints).
  enable_security_groups      = true
  vpc_id                      = module.networking_standby[0].vpc_id
  vpc_cidr                    = var.standby_vpc_cidr
  alb_ingress_from_cloudfront = true
  allow_app_https_through_nat = true
}

module "networking" {
  source = "../../modules/networking"

  providers = {
    aws      = aws
    aws.peer = aws.replica
  }

  project                  = var.project
  environment              = var.environment
  region                   = var.primary_region
  vpc_cidr                 = var.vpc_cidr
  az_count                 = var.az_count
  az_suffixes              = var.az_suffixes
  nat_mode                 = var.nat_mode
  nat_instance_kms_key_arn = var.nat_mode == "instance" ? module.security.kms_key_arns["ebs"] : null
  # The NAT instance passes 80 and 443 (the module's default). The
  # deploy-check hook reaches the internal load balancer's test listener
  # inside the VPC, not through the NAT.
  interface_endpoints             = var.interface_endpoints
  enable_transit_gateway          = var.enable_standby_region
  transit_gateway_amazon_side_asn = 64512
  transit_gateway_peer = var.enable_standby_region ? {
    transit_gateway_id = module.networking_standby[0].transit_gateway_id
    region             = var.standby_region
    cidr_block         = var.standby_vpc_cidr
  } : null
  flow_log_kms_key_arn = module.security.kms_key_arns["logs"]
  log_retention_days   = var.log_retention_days
  tags                 = var.tags
}

# The standby VPC in us-west-2 (production's pilot light): fewer AZs, no NAT
# gateway until a failover needs one (standby_nat_mode, failover_to_standby),
# and a transit gateway the primary peers with.
module "networking_standby" {
  source = "../../modules/networking"
  count  = var.enable_standby_region ? 1 : 0

  providers = {
    aws      = aws.replica
    aws.peer = aws
  }

  project                           = var.project
  environment                       = var.environment
  region                            = var.standby_region
  vpc_cidr                          = var.standby_vpc_cidr
  az_count                          = var.standby_az_count
  nat_mode                          = var.failover_to_standby ? "single" : var.standby_nat_mode
  enable_transit_gateway            = true
  transit_gateway_amazon_side_asn   = 64513
  transit_gateway_destination_cidrs = [var.vpc_cidr]
  flow_log_kms_key_arn              = module.security_standby[0].kms_key_arns["logs"]
  log_retention_days                = var.log_retention_days
  tags                              = var.tags
}

module "storage" {
  source = "../../modules/storage"

  providers = {
    aws         = aws
    aws.replica = aws.replica
  }

  project            = var.project
  environment        = var.environment
  bucket_name_suffix = var.bucket_name_suffix
  tags               = var.tags

  s3_kms_key_arn              = module.security.kms_key_arns["s3"]
  dynamodb_kms_key_arn        = module.security.kms_key_arns["dynamodb"]
  elasticache_kms_key_arn     = module.security.kms_key_arns["elasticache"]
  aurora_kms_key_arn          = module.security.kms_key_arns["aurora"]
  secrets_kms_key_arn         = module.security.kms_key_arns["secrets"]
  cloudwatch_logs_kms_key_arn = module.security.kms_key_arns["logs"]
  log_retention_days          = var.log_retention_days

  secret_recovery_window_in_days = var.secret_recovery_window_in_days

  enable_replication = var.enable_s3_replication

  dynamodb_tables              = var.dynamodb_tables
  dynamodb_billing_mode        = var.dynamodb_billing_mode
  dynamodb_autoscaling         = var.dynamodb_autoscaling
  dynamodb_deletion_protection = var.deletion_protection
  enable_dynamodb_replica      = var.enable_standby_region
  replica_dynamodb_kms_key_arn = var.enable_standby_region ? module.security_standby[0].kms_key_arns["dynamodb"] : null

  enable_cache                  = true
  cache_engine                  = var.cache_engine
  cache_node_type               = var.cache_node_type
  cache_num_nodes               = var.cache_num_nodes
  cache_snapshot_retention_days = var.cache_snapshot_retention_days
  enable_cache_slow_log         = var.enable_cache_slow_log
  cache_subnet_group_name       = module.networking.elasticache_subnet_group_name
  cache_security_group_ids      = [module.security.security_group_ids["cache"]]

  enable_aurora                 = var.enable_aurora
  aurora_min_capacity           = var.aurora_min_capacity
  aurora_max_capacity           = var.aurora_max_capacity
  aurora_backup_retention_days  = var.aurora_backup_retention_days
  aurora_deletion_protection    = var.deletion_protection
  aurora_db_subnet_group_name   = module.networking.db_subnet_group_name
  aurora_security_group_ids     = [module.security.security_group_ids["database"]]
  enable_aurora_global_database = var.enable_aurora && var.enable_standby_region
  aurora_secondary = var.enable_aurora && var.enable_standby_region ? {
    db_subnet_group_name = module.networking_standby[0].db_subnet_group_name
    security_group_ids   = [module.security_standby[0].security_group_ids["database"]]
    kms_key_arn          = module.security_standby[0].kms_key_arns["aurora"]
    secrets_kms_key_arn  = module.security_standby[0].kms_key_arns["secrets"]
    logs_kms_key_arn     = module.security_standby[0].kms_key_arns["logs"]
    # Headless while a pilot light; the failover switch adds the instance
    # the secondary needs before it can be promoted.
    instance_count = var.failover_to_standby ? max(1, var.standby_aurora_instances) : var.standby_aurora_instances
  } : null
}

module "compute" {
  source = "../../modules/compute"

  project         = var.project
  environment     = var.environment
  tags            = var.tags
  spot_percentage = var.spot_percentage
  # Container Insights ($0.30 a metric) only where monitoring is more than
  # basic, or where blue/green's scaling policy needs its task count.
  enable_container_insights = var.enable_blue_green || var.monitoring_depth != "basic"

  vpc_id                 = module.networking.vpc_id
  public_subnet_ids      = module.networking.public_subnet_ids
  private_subnet_ids     = module.networking.private_subnet_ids
  alb_security_group_id  = module.security.security_group_ids["alb"]
  app_security_group_ids = [module.security.security_group_ids["app"]]

  # Internal, in the private subnets: no public IPv4 addresses, nothing on
  # the internet reaches it. CloudFront does, through the CDN module's VPC
  # origin; its security group admits CloudFront's origin-facing prefix list
  # (the security module's alb group), which works for VPC origins from the
  # first apply.
  alb_internal            = true
  task_execution_role_arn = module.security.ecs_task_execution_role_arn
  task_role_arn           = module.security.ecs_task_role_arn
  log_kms_key_arn         = module.security.kms_key_arns["logs"]
  log_retention_days      = var.log_retention_days

  services          = local.services
  default_service   = var.default_service
  scheduled_scaling = var.scheduled_scaling

  create_alb                     = true
  certificate_arn                = aws_acm_certificate_validation.this.certificate_arn
  enable_alb_deletion_protection = var.deletion_protection
  alb_access_logs_bucket         = module.storage.logs_bucket_name
  origin_verify                  = { header_name = local.origin_verify_header }
  origin_verify_kms_key_arn      = module.security.kms_key_arns["secrets"]
  alarm_actions                  = [module.monitoring.alerts_topic_arn]

  # Blue/green with the deploycheck hook where the environment asks for it
  # (production); rolling deployments with the circuit breaker elsewhere.
  blue_green = var.enable_blue_green ? {
    enabled              = true
    bake_time_in_minutes = 10
    hook_function        = "deploycheck"
    test_hostname        = local.origin_hostname
  } : { enabled = false }
  lambda_functions = var.enable_blue_green ? {
    deploycheck = {
      zip_path    = "${path.root}/../../../dist/deploycheck.zip"
      description = "Probes a new service revision through the test listener before it takes traffic"
      timeout     = 60
      vpc         = true
      environment = { SMOKE_PATHS = "/", REQUIRED_PASSES = "3", MAX_ATTEMPTS = "10" }
    }
  } : {}
  lambda_security_group_ids = var.enable_blue_green ? [aws_security_group.deploycheck[0].id] : []
  # The hook probes the internal load balancer's test listener from inside
  # the VPC: the listener admits the hook's security group, nothing else.
  test_listener_security_group_ids = var.enable_blue_green ? { deploycheck = aws_security_group.deploycheck[0].id } : {}
}

module "cdn" {
  source = "../../modules/cdn"

  project     = var.project
  environment = var.environment
  tags        = var.tags

  aliases             = [var.app_hostname]
  acm_certificate_arn = aws_acm_certificate_validation.this.certificate_arn
  # The internal load balancers behind VPC origins: the primary's and, with
  # the standby region, the pilot light's (created with it, so that a
  # failover waits for no VPC origin). CloudFront reaches each by the name
  # its certificate covers. The failover switch moves the origin to the
  # standby's VPC origin; both load balancers accept the same origin header
  # (one secret, see standby.tf).
  alb_vpc_origin_domain_names = merge(
    { primary = local.origin_hostname },
    var.enable_standby_region ? { standby = local.standby_origin_hostname } : {},
  )
  alb_vpc_origin_arns = merge(
    { primary = module.compute.alb_arn },
    var.enable_standby_region ? { standby = module.compute_standby[0].alb_arn } : {},
  )
  alb_vpc_origin                     = var.failover_to_standby ? "standby" : "primary"
  origin_verify_header_name          = module.compute.origin_verify_header_name
  origin_verify_secret_arn           = module.compute.origin_verify_secret_arn
  assets_bucket_regional_domain_name = "${var.project}-${var.environment}-assets${var.bucket_name_suffix}.s3.${var.primary_region}.amazonaws.com"

  web_acl_id = module.security.waf_cloudfront_web_acl_arn

  enable_standard_logs     = true
  standard_logs_bucket_arn = module.storage.logs_bucket_arn

  enable_realtime_logs     = var.enable_cdn_realtime_logs
  realtime_log_stream_mode = "PROVISIONED"
  realtime_log_shard_count = 1
  realtime_log_kms_key_arn = var.enable_cdn_realtime_logs ? module.security.kms_key_arns["kinesis"] : null

  # WebGL builds precompressed by Unity (*.br, *.gz) come from the assets
  # bucket and get their Content-Encoding and Content-Type from the module's
  # Lambda@Edge function (build dist/edge-webgl.zip with `make lambda`).
  webgl_path_patterns          = concat(["*.wasm", "*.glb", "*.gltf", "*.bin", "*.ktx2", "*.basis", "*.drc"], var.enable_cdn_webgl_edge_function ? ["*.data", "*.br", "*.gz"] : [])
  enable_webgl_edge_function   = var.enable_cdn_webgl_edge_function
  webgl_edge_function_zip_path = "${path.root}/../../../dist/edge-webgl.zip"
}

module "monitoring" {
  source = "../../modules/monitoring"

  project     = var.project
  environment = var.environment
  region      = var.primary_region
  tags        = var.tags

  kms_key_arn           = module.security.kms_key_arns["sns"]
  logs_kms_key_arn      = module.security.kms_key_arns["logs"]
  artifacts_kms_key_arn = module.security.kms_key_arns["s3"]
  log_retention_days    = var.log_retention_days
  monitoring_depth      = var.monitoring_depth
  alert_emails          = var.alert_emails
  enable_critical_topic = var.enable_critical_alerts

  enable_canaries = var.enable_canaries
  canary_base_url = "https://${var.app_hostname}"

  ecs = {
    cluster_name  = module.compute.cluster_name
    service_names = module.compute.service_names
  }
  alb = {
    arn_suffix                = module.compute.alb_arn_suffix
    target_group_arn_suffixes = { for name, tg in module.compute.target_group_arns : name => tg.blue }
  }
  aurora = var.enable_aurora ? { cluster_identifier = module.storage.aurora_cluster_id } : null
  elasticache = {
    replication_group_id = module.storage.cache_replication_group_id
    node_count           = var.cache_num_nodes
  }
  dynamodb_table_names = module.storage.dynamodb_table_names
  cloudfront           = { distribution_id = module.cdn.distribution_id }

  budget_limit_usd = var.monthly_budget_usd
}
