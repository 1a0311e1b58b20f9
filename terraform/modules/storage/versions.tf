terraform {
  # 1.11: the ElastiCache AUTH token and the Aurora global database's master
  # password are write-only arguments (auth_token_wo, master_password_wo,
  # secret_string_wo) fed from an ephemeral random password, so neither is
  # ever stored in a plan or in the state. Write-only arguments need
  # Terraform >= 1.11 (ephemeral resources alone need 1.10).
  required_version = ">= 1.11"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
      # aws.replica is the standby region (us-west-2): S3 replica buckets and
      # their KMS key, and the Aurora global database's secondary cluster.
      # Every caller passes it, even with replication and Aurora off:
      # providers = { aws = aws, aws.replica = aws.replica }.
      configuration_aliases = [aws.replica]
    }
  }
}
