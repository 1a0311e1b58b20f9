package candlefish.regions

import data.candlefish.lib
import rego.v1

metadata := {
	"id": "CF-REG-001",
	"title": "Only us-east-1 (primary) and us-west-2 (standby)",
	"severity": "HIGH",
	"resolution": "Create the resource through the aws (us-east-1) or aws.replica (us-west-2) provider.",
}

allowed := {"us-east-1", "us-west-2"}

deny contains f if {
	some r in input.resources
	r.region != ""
	lib.is_known(r.region)
	not r.region in allowed
	f := {"address": r.address, "msg": sprintf("%s is in %s; Candlefish runs only in us-east-1 and us-west-2", [r.address, r.region])}
}
