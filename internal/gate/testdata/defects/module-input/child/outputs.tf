output "label" {
  description = "Name and size."
  value       = "${var.name}-${var.size}"
}
