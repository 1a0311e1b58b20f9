# Dev's key layout on top of terraform.tfvars: one customer-managed key shared
# by every service (as dev's, with the NAT instance's ebs key and the CDN's
# kinesis key), an alias per service pointing at it.
#
#   cfctl validate --var-file terraform/modules/security/examples/complete/shared-kms.tfvars terraform/modules/security/examples/complete
#
# internal/envtest/security_test.go evaluates the example with this file too.

kms_key_layout              = "shared"
kms_services                = ["s3", "dynamodb", "elasticache", "aurora", "logs", "secrets", "sns", "kinesis", "ebs"]
kms_key_via_services        = { ebs = ["ec2"] }
kms_deletion_window_in_days = 7
