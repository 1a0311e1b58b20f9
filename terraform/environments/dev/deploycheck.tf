# The deploycheck Lambda (blue/green lifecycle hook) runs in the private
# subnets so that it reaches the load balancer's test listener from the NAT
# gateways' addresses, the only ones the listener admits.
resource "aws_security_group" "deploycheck" {
  count = var.enable_blue_green ? 1 : 0

  name        = "${var.project}-${var.environment}-deploycheck"
  description = "deploycheck Lambda: HTTPS out to the load balancer's listeners and AWS APIs"
  vpc_id      = module.networking.vpc_id

  tags = merge(var.tags, {
    Name = "${var.project}-${var.environment}-deploycheck"
  })
}

# cfctl:ignore:AWS-0104 reason="the load balancer's public test listener and the AWS APIs have no fixed addresses; the listener itself admits only the NAT gateways"
resource "aws_vpc_security_group_egress_rule" "deploycheck_https" {
  for_each = var.enable_blue_green ? toset(["443", "8443"]) : toset([])

  security_group_id = aws_security_group.deploycheck[0].id
  description       = "HTTPS to the load balancer (${each.key}) and AWS APIs"
  ip_protocol       = "tcp"
  from_port         = tonumber(each.key)
  to_port           = tonumber(each.key)
  cidr_ipv4         = "0.0.0.0/0"
}
