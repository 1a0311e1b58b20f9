terraform {
  required_version = ">= 1.10"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
      # aws.peer is the region of the transit gateway peer, where the peering
      # attachment is accepted. Every caller passes it, even without a peer:
      # providers = { aws = aws, aws.peer = aws.replica }.
      configuration_aliases = [aws.peer]
    }
  }
}
