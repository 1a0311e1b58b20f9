package candlefish.deletion

import data.candlefish.lib
import rego.v1

metadata := {
	"id": "CF-DEL-001",
	"title": "Deletion protection on stateful resources in production",
	"severity": "HIGH",
	"resolution": "Turn deletion protection on (set the module's deletion-protection input to true in production's tfvars).",
}

protection := {
	"aws_rds_cluster": "deletion_protection",
	"aws_db_instance": "deletion_protection",
	"aws_dynamodb_table": "deletion_protection_enabled",
	"aws_lb": "enable_deletion_protection",
	"aws_rds_global_cluster": "deletion_protection",
}

deny contains f if {
	lib.environment == "production"
	some r in lib.managed
	arg := protection[r.type]
	object.get(r.values, arg, false) == false
	f := {"address": r.address, "attribute": arg, "msg": sprintf("%s in production has %s off", [r.address, arg])}
}
