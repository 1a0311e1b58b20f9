bucket         = "candlefish-terraform-state"
key            = "dev/terraform.tfstate"
region         = "us-east-1"
dynamodb_table = "candlefish-terraform-locks"
use_lockfile   = true
encrypt        = true
kms_key_id     = "alias/candlefish-terraform-state"
