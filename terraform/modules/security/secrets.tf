# Secrets Manager secrets for application configuration. Terraform creates
# only the secret (name, description, KMS key, rotation); values are written
# by an operator (aws secretsmanager put-secret-value) or by the rotation
# Lambda, so no value ever passes through variables or the state.

locals {
  secrets_kms_key_arn = local.kms_key_arns["secrets"]

  # Secrets that rotate: only those with a rotation Lambda.
  rotated_secrets = { for name, s in var.secrets : name => s if s.rotation_lambda_arn != null }
}

resource "aws_secretsmanager_secret" "this" {
  for_each = var.secrets

  name                    = "${var.project}/${var.environment}/${each.key}"
  description             = each.value.description
  kms_key_id              = local.secrets_kms_key_arn
  recovery_window_in_days = var.secret_recovery_window_in_days

  tags = merge(var.tags, {
    Name = "${var.project}/${var.environment}/${each.key}"
  })
}

resource "aws_secretsmanager_secret_rotation" "this" {
  for_each = local.rotated_secrets

  secret_id           = aws_secretsmanager_secret.this[each.key].id
  rotation_lambda_arn = each.value.rotation_lambda_arn

  rotation_rules {
    automatically_after_days = each.value.rotation_days
  }
}
