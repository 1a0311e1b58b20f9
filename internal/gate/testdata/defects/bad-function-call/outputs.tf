output "log_group_name" {
  description = "Name of the application log group."
  value       = aws_cloudwatch_log_group.app.name
}

output "subnet_cidr" {
  description = "A subnet of the VPC range."
  value       = cidrsubnet("10.0.0.0/16", 4)
}

output "name_length" {
  description = "Length of the name prefix."
  value       = lenght(var.name)
}
