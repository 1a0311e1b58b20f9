variable "name" {
  type        = string
  description = "Name prefix."
}

variable "azs" {
  type        = list(string)
  description = "Availability zones."
}

resource "aws_vpc" "this" {
  cidr_block = "10.0.0.0/16"
  tags       = { Name = var.name }
}

resource "aws_subnet" "private" {
  for_each          = toset(var.azs)
  vpc_id            = aws_vpc.this.id
  availability_zone = each.key
  cidr_block        = cidrsubnet("10.0.0.0/16", 4, index(var.azs, each.key))
}

resource "aws_security_group" "this" {
  name   = var.name
  vpc_id = aws_vpc.this.id

  dynamic "ingress" {
    for_each = { https = 443, http = 80 }
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["10.0.0.0/8"]
      description = ingress.key
    }
  }
}

output "vpc_id" {
  description = "VPC id."
  value       = aws_vpc.this.id
}
