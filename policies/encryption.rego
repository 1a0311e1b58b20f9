package candlefish.encryption

import data.candlefish.lib
import rego.v1

metadata := {
	"id": "CF-ENC-001",
	"title": "Customer-managed KMS encryption wherever the resource supports it",
	"severity": "HIGH",
	"resolution": "Encrypt with the environment's customer-managed key from the security module (kms_key_arns[<service>]).",
}

# Resource types whose KMS key argument must be set (to a customer-managed key).
key_argument := {
	"aws_cloudwatch_log_group": "kms_key_id",
	"aws_sns_topic": "kms_master_key_id",
	"aws_sqs_queue": "kms_master_key_id",
	"aws_secretsmanager_secret": "kms_key_id",
	"aws_cloudtrail": "kms_key_id",
	"aws_kinesis_stream": "kms_key_id",
	"aws_elasticache_replication_group": "kms_key_id",
	"aws_rds_cluster": "kms_key_id",
	"aws_db_instance": "kms_key_id",
	"aws_ebs_volume": "kms_key_id",
	"aws_efs_file_system": "kms_key_id",
}

# AWS-managed key aliases are not customer-managed.
aws_managed(v) if startswith(v, "alias/aws/")

deny contains f if {
	some r in lib.managed
	arg := key_argument[r.type]
	not lib.set(r.values, arg)
	f := {"address": r.address, "attribute": arg, "msg": sprintf("%s has no customer-managed KMS key (%s)", [r.address, arg])}
}

deny contains f if {
	some r in lib.managed
	arg := key_argument[r.type]
	v := r.values[arg]
	is_string(v)
	aws_managed(v)
	f := {"address": r.address, "attribute": arg, "msg": sprintf("%s uses the AWS-managed key %s, not a customer-managed one", [r.address, v])}
}

# Switches that must be on for the key to be used.
deny contains f if {
	some r in lib.managed
	some [t, arg] in [
		["aws_elasticache_replication_group", "at_rest_encryption_enabled"],
		["aws_rds_cluster", "storage_encrypted"],
		["aws_db_instance", "storage_encrypted"],
		["aws_ebs_volume", "encrypted"],
		["aws_efs_file_system", "encrypted"],
	]
	r.type == t
	object.get(r.values, arg, false) == false
	f := {"address": r.address, "attribute": arg, "msg": sprintf("%s has %s off", [r.address, arg])}
}

deny contains f if {
	some r in lib.of_type("aws_kinesis_stream")
	object.get(r.values, "encryption_type", "NONE") != "KMS"
	f := {"address": r.address, "attribute": "encryption_type", "msg": sprintf("%s is not KMS-encrypted", [r.address])}
}

deny contains f if {
	some r in lib.of_type("aws_dynamodb_table")
	not dynamodb_cmk(r.values)
	f := {"address": r.address, "attribute": "server_side_encryption", "msg": sprintf("%s is not encrypted with a customer-managed key (server_side_encryption with kms_key_arn)", [r.address])}
}

dynamodb_cmk(v) if {
	some sse in lib.blocks(v, "server_side_encryption")
	sse.enabled == true
	lib.set(sse, "kms_key_arn")
}

deny contains f if {
	some r in lib.of_type("aws_s3_bucket_server_side_encryption_configuration")
	some rule in lib.blocks(r.values, "rule")
	some d in lib.blocks(rule, "apply_server_side_encryption_by_default")
	not kms_default(d)
	f := {"address": r.address, "attribute": "rule", "msg": sprintf("%s does not default to SSE-KMS with a customer-managed key", [r.address])}
}

kms_default(d) if {
	d.sse_algorithm in {"aws:kms", "aws:kms:dsse"}
	lib.set(d, "kms_master_key_id")
}

# Every bucket needs an encryption configuration that refers to it.
deny contains f if {
	some b in lib.of_type("aws_s3_bucket")
	not encrypted_bucket(b.block_address)
	f := {"address": b.address, "msg": sprintf("%s has no aws_s3_bucket_server_side_encryption_configuration", [b.address])}
}

encrypted_bucket(addr) if {
	some c in lib.of_type("aws_s3_bucket_server_side_encryption_configuration")
	addr in c.references
}
