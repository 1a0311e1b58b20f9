# Skeleton outputs; resource outputs are added with the resources.

output "name_prefix" {
  description = "Prefix of the names of this module's resources: <project>-<environment>."
  value       = local.name_prefix
}

output "tags" {
  description = "Extra tags this module applies to its resources, on top of the provider default_tags."
  value       = var.tags
}
