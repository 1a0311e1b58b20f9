variable "ids" {
  type        = list(string)
  description = "Ids."
}

output "count" {
  description = "How many ids."
  value       = length(var.ids)
}
