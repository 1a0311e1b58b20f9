# The deploycheck Lambda (blue/green lifecycle hook) runs in the private
# subnets, next to the internal load balancer: its test listener admits this
# group only (module.compute's test_listener_security_group_ids).
resource "aws_security_group" "deploycheck" {
  count = var.enable_blue_green ? 1 : 0

  name        = "${var.project}-${var.environment}-deploycheck"
  description = "deploycheck Lambda: HTTPS out to the load balancer's listeners and AWS APIs"
  vpc_id      = module.networking.vpc_id

  tags = merge(var.tags, {
    Name = "${var.project}-${var.environment}-deploycheck"
  })
}

# The test listener, inside the VPC: to the load balancer's group only.
resource "aws_vpc_security_group_egress_rule" "deploycheck_test_listener" {
  count = var.enable_blue_green ? 1 : 0

  security_group_id            = aws_security_group.deploycheck[0].id
  description                  = "Blue/green test listener (8443) of the load balancer"
  ip_protocol                  = "tcp"
  from_port                    = 8443
  to_port                      = 8443
  referenced_security_group_id = module.security.security_group_ids["alb"]
}

# cfctl:ignore:AWS-0104 reason="the AWS APIs (X-Ray) have no fixed addresses and this VPC has no interface endpoints for them; the group admits nothing inbound"
resource "aws_vpc_security_group_egress_rule" "deploycheck_https" {
  count = var.enable_blue_green ? 1 : 0

  security_group_id = aws_security_group.deploycheck[0].id
  description       = "HTTPS to AWS APIs"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

# The HTTPS rule was one of two for_each instances ("443" and "8443", both to
# 0.0.0.0/0 while the load balancer was internet-facing); an existing state
# keeps it, and the old 8443 rule is removed.
moved {
  from = aws_vpc_security_group_egress_rule.deploycheck_https["443"]
  to   = aws_vpc_security_group_egress_rule.deploycheck_https[0]
}
