module "child" {
  source = "./child"
  ids    = []
}

output "missing" {
  description = "No such output."
  value       = module.child.total
}

output "undeclared_module" {
  description = "No such module."
  value       = module.kid.count
}

output "undeclared_var" {
  description = "No such variable."
  value       = var.region
}

output "undeclared_local" {
  description = "No such local."
  value       = local.name
}

resource "aws_ecs_cluster" "this" {
  name = "c"

  dynamic "settings" {
    for_each = {}
    content {
      name  = "x"
      value = "y"
    }
  }
}

resource "aws_security_group" "app" {
  name = "sg"

  ingress {
    from_port = 443
    to_port   = 443
    protocol  = "tcp"
    cidr      = ["10.0.0.0/8"]
  }
}

module "replica" {
  source = "./replica"
}

resource "aws_s3_bucket" "elsewhere" {
  provider = aws.standby
  bucket   = "elsewhere"
}

resource "aws_s3_bucket" "per_zone" {
  for_each = ["a", "b"]
  bucket   = "zone-${each.value}"
}

ephemeral "aws_secretsmanager_random_pasword" "token" {
  password_length = 32
}

output "token_length" {
  description = "Undeclared ephemeral."
  value       = length(ephemeral.aws_secretsmanager_random_password.token.random_password)
}
