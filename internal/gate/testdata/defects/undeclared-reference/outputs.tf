output "log_group_name" {
  description = "Name of the application log group."
  value       = aws_cloudwatch_log_group.application.name
}
