# The Application Load Balancer: internal in the private subnets by default
# (alb_internal; no public IPv4 address, CloudFront reaches it through a VPC
# origin), or internet-facing in the public subnets. HTTP redirects to HTTPS;
# HTTPS (TLS 1.3 policy) routes by host and path to each service's target
# group; with blue/green, a test listener routes to the green target groups.
# With origin_verify, only requests carrying the CDN's secret header reach a
# service: the HTTPS listener answers everything else with 403 (kept behind a
# VPC origin too: defense in depth, and free).

locals {
  # Rules of the HTTPS listener. Rolling: one plain rule per service (the
  # default service through the listener's default action unless a rule is
  # needed). Blue/green: rules ECS re-weights, so Terraform ignores their
  # actions after creation.
  routed_services = {
    for k, s in local.services : k => s if !s.is_default || local.default_via_rule
  }
  https_default_forward = !local.default_via_rule && local.default_service != null

  origin_verify_generated = local.origin_verify_enabled && try(var.origin_verify.generate_value, false)
  origin_verify_value     = try(data.aws_secretsmanager_secret_version.origin_verify[0].secret_string, null)
}

# AZ IDs of an internal load balancer's subnets. AZ letters map to different
# AZ IDs in each account, and CloudFront VPC origins do not support the AZ
# use1-az3 (CloudFront Developer Guide, "Restrict access with VPC origins"):
# the precondition below stops the plan there, before anything is created.
data "aws_availability_zone" "alb" {
  for_each = var.create_alb && var.alb_internal ? toset(keys(var.private_subnet_ids)) : toset([])

  name = each.key
}

# Internal: no public IPv4 addresses ($3.65 a month each saved) and no way in
# from the internet. CloudFront's VPC origin needs the load balancer Active
# before it is created, which Terraform's create of this resource waits for.
#trivy:ignore:AWS-0053 With alb_internal = false it is internet-facing on purpose (the CDN's custom origin): ingress is limited by alb_security_group_id (CloudFront's origin-facing prefix list) and, with origin_verify, every request without the secret origin header gets a 403.
resource "aws_lb" "this" {
  count = var.create_alb ? 1 : 0

  name                       = local.name_prefix
  load_balancer_type         = "application"
  internal                   = var.alb_internal
  security_groups            = [var.alb_security_group_id]
  subnets                    = values(var.alb_internal ? var.private_subnet_ids : var.public_subnet_ids)
  drop_invalid_header_fields = true
  enable_deletion_protection = local.alb_deletion_protection
  idle_timeout               = var.alb_idle_timeout
  enable_http2               = true

  # A created bucket through its policy: the load balancer checks that it
  # may write there.
  access_logs {
    bucket  = var.create_alb_access_logs_bucket ? aws_s3_bucket_policy.alb_access_logs[0].bucket : var.alb_access_logs_bucket
    prefix  = var.alb_access_logs_prefix
    enabled = true
  }

  tags = var.tags

  lifecycle {
    precondition {
      condition     = !contains([for az in data.aws_availability_zone.alb : az.zone_id], "use1-az3")
      error_message = "The internal load balancer's subnets include the AZ use1-az3 (${join(", ", [for name, az in data.aws_availability_zone.alb : "${name} = ${az.zone_id}"])}), which CloudFront VPC origins do not support: leave that AZ's letter out of the environment's az_suffixes (terraform.tfvars)."
    }
  }
}

resource "aws_lb_target_group" "this" {
  for_each = var.create_alb ? local.target_groups : {}

  name                 = each.value.name
  port                 = local.services[each.value.service].port
  protocol             = "HTTP"
  protocol_version     = "HTTP1"
  target_type          = "ip"
  vpc_id               = var.vpc_id
  deregistration_delay = local.services[each.value.service].deregistration_delay

  health_check {
    enabled             = true
    path                = local.services[each.value.service].health_check_path
    matcher             = local.services[each.value.service].health_check_matcher
    protocol            = "HTTP"
    port                = "traffic-port"
    interval            = 15
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }

  tags = merge(var.tags, {
    Service = each.value.service
    Colour  = each.value.colour
  })
}

################################################################################
# Listeners
################################################################################

resource "aws_lb_listener" "http" {
  count = var.create_alb ? 1 : 0

  load_balancer_arn = aws_lb.this[0].arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = "redirect"

    redirect {
      protocol    = "HTTPS"
      port        = "443"
      status_code = "HTTP_301"
    }
  }

  tags = var.tags
}

resource "aws_lb_listener" "https" {
  count = var.create_alb ? 1 : 0

  load_balancer_arn = aws_lb.this[0].arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = var.alb_ssl_policy
  certificate_arn   = var.certificate_arn

  # The default service through the default action, or a fixed response:
  # 403 for requests without the origin header, else 404.
  dynamic "default_action" {
    for_each = local.https_default_forward ? ["forward"] : []

    content {
      type             = "forward"
      target_group_arn = aws_lb_target_group.this["${local.default_service}-blue"].arn
    }
  }

  dynamic "default_action" {
    for_each = local.https_default_forward ? [] : ["fixed-response"]

    content {
      type = "fixed-response"

      fixed_response {
        content_type = "text/plain"
        message_body = local.origin_verify_enabled ? "Forbidden" : "Not Found"
        status_code  = local.origin_verify_enabled ? "403" : "404"
      }
    }
  }

  tags = var.tags
}

resource "aws_lb_listener" "test" {
  count = local.blue_green_enabled ? 1 : 0

  load_balancer_arn = aws_lb.this[0].arn
  port              = var.blue_green.test_listener_port
  protocol          = "HTTPS"
  ssl_policy        = var.alb_ssl_policy
  certificate_arn   = var.certificate_arn

  default_action {
    type = "fixed-response"

    fixed_response {
      content_type = "text/plain"
      message_body = "Not Found"
      status_code  = "404"
    }
  }

  tags = var.tags
}

################################################################################
# Listener rules
################################################################################

# Rolling deployments: each service's rule forwards to its target group.
resource "aws_lb_listener_rule" "service" {
  for_each = local.blue_green_enabled ? {} : local.routed_services

  listener_arn = aws_lb_listener.https[0].arn
  priority     = each.value.priority

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.this["${each.key}-blue"].arn
  }

  dynamic "condition" {
    for_each = !each.value.is_default && length(each.value.host_headers) > 0 ? [each.value.host_headers] : []

    content {
      host_header {
        values = condition.value
      }
    }
  }

  dynamic "condition" {
    for_each = each.value.is_default ? [["/*"]] : length(each.value.path_patterns) > 0 ? [each.value.path_patterns] : []

    content {
      path_pattern {
        values = condition.value
      }
    }
  }

  dynamic "condition" {
    for_each = local.origin_verify_enabled ? ["origin-verify"] : []

    content {
      http_header {
        http_header_name = var.origin_verify.header_name
        values           = [local.origin_verify_value]
      }
    }
  }

  tags = var.tags
}

# Blue/green: the production rule forwards to blue (100) and green (0); ECS
# shifts the weights during a deployment, so Terraform must not reset them.
# Only forward actions: ECS blue/green rejects rules that mix in others.
resource "aws_lb_listener_rule" "production" {
  for_each = local.blue_green_enabled ? local.routed_services : {}

  listener_arn = aws_lb_listener.https[0].arn
  priority     = each.value.priority

  action {
    type = "forward"

    forward {
      target_group {
        arn    = aws_lb_target_group.this["${each.key}-blue"].arn
        weight = 100
      }

      target_group {
        arn    = aws_lb_target_group.this["${each.key}-green"].arn
        weight = 0
      }
    }
  }

  dynamic "condition" {
    for_each = !each.value.is_default && length(each.value.host_headers) > 0 ? [each.value.host_headers] : []

    content {
      host_header {
        values = condition.value
      }
    }
  }

  dynamic "condition" {
    for_each = each.value.is_default ? [["/*"]] : length(each.value.path_patterns) > 0 ? [each.value.path_patterns] : []

    content {
      path_pattern {
        values = condition.value
      }
    }
  }

  dynamic "condition" {
    for_each = local.origin_verify_enabled ? ["origin-verify"] : []

    content {
      http_header {
        http_header_name = var.origin_verify.header_name
        values           = [local.origin_verify_value]
      }
    }
  }

  tags = var.tags

  lifecycle {
    ignore_changes = [action]
  }
}

# Blue/green: the test rule sends the test listener's traffic to the green
# revision (the lifecycle hook probes it there); no origin header needed.
resource "aws_lb_listener_rule" "test" {
  for_each = local.blue_green_enabled ? local.services : {}

  listener_arn = aws_lb_listener.test[0].arn
  priority     = each.value.priority

  action {
    type = "forward"

    forward {
      target_group {
        arn    = aws_lb_target_group.this["${each.key}-blue"].arn
        weight = 0
      }

      target_group {
        arn    = aws_lb_target_group.this["${each.key}-green"].arn
        weight = 100
      }
    }
  }

  dynamic "condition" {
    for_each = !each.value.is_default && length(each.value.host_headers) > 0 ? [each.value.host_headers] : []

    content {
      host_header {
        values = condition.value
      }
    }
  }

  dynamic "condition" {
    for_each = each.value.is_default ? [["/*"]] : length(each.value.path_patterns) > 0 ? [each.value.path_patterns] : []

    content {
      path_pattern {
        values = condition.value
      }
    }
  }

  tags = var.tags

  lifecycle {
    ignore_changes = [action]
  }
}

# The test listener is reachable only from the given security groups (a VPC
# Lambda hook's, for an internal load balancer) and CIDR blocks (for a hook
# behind NAT and an internet-facing load balancer: the NAT gateways' public
# IPs).
resource "aws_vpc_security_group_ingress_rule" "test_listener_from_group" {
  for_each = local.blue_green_enabled ? var.test_listener_security_group_ids : {}

  security_group_id            = var.alb_security_group_id
  description                  = "Blue/green test listener from ${each.key}"
  ip_protocol                  = "tcp"
  from_port                    = var.blue_green.test_listener_port
  to_port                      = var.blue_green.test_listener_port
  referenced_security_group_id = each.value

  tags = var.tags
}

resource "aws_vpc_security_group_ingress_rule" "test_listener" {
  for_each = local.blue_green_enabled ? var.test_listener_cidr_blocks : {}

  security_group_id = var.alb_security_group_id
  description       = "Blue/green test listener from ${each.key}"
  ip_protocol       = "tcp"
  from_port         = var.blue_green.test_listener_port
  to_port           = var.blue_green.test_listener_port
  cidr_ipv4         = each.value

  tags = var.tags
}

################################################################################
# Origin verification (secret header from the CDN)
################################################################################

ephemeral "aws_secretsmanager_random_password" "origin_verify" {
  count = local.origin_verify_generated ? 1 : 0

  password_length     = 64
  exclude_punctuation = true
}

resource "aws_secretsmanager_secret" "origin_verify" {
  count = local.origin_verify_generated ? 1 : 0

  name                    = "${var.project}/${var.environment}/alb-origin-verify"
  description             = "Value of the ${try(var.origin_verify.header_name, "")} header the CDN sends to the ${local.name_prefix} load balancer."
  kms_key_id              = var.origin_verify_kms_key_arn
  recovery_window_in_days = 7

  tags = var.tags
}

# Write-only: the generated value never passes through a plan.
resource "aws_secretsmanager_secret_version" "origin_verify" {
  count = local.origin_verify_generated ? 1 : 0

  secret_id                = aws_secretsmanager_secret.origin_verify[0].id
  secret_string_wo         = ephemeral.aws_secretsmanager_random_password.origin_verify[0].random_password
  secret_string_wo_version = 1
}

# A secret given by ARN is read in its own region: a standby load balancer in
# another region shares the primary's secret, so the one header value the CDN
# sends is accepted by both load balancers.
data "aws_secretsmanager_secret_version" "origin_verify" {
  count = local.origin_verify_enabled ? 1 : 0

  region    = local.origin_verify_generated ? null : try(split(":", var.origin_verify_secret_arn)[3], null)
  secret_id = try(aws_secretsmanager_secret.origin_verify[0].arn, var.origin_verify_secret_arn)

  depends_on = [aws_secretsmanager_secret_version.origin_verify]
}
