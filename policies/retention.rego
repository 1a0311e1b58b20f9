package candlefish.retention

import data.candlefish.lib
import rego.v1

metadata := {
	"id": "CF-LOG-001",
	"title": "Log retention as the environment's tier requires",
	"severity": "HIGH",
	"resolution": "Set retention_in_days: dev 7 or less, staging 30 to 90, production 90 or more (the monitoring tiers).",
}

# Allowed retention per environment tier, in days.
tiers := {
	"dev": {"min": 1, "max": 7},
	"staging": {"min": 30, "max": 90},
	"production": {"min": 90, "max": 3653},
}

deny contains f if {
	some r in lib.of_type("aws_cloudwatch_log_group")
	tier := tiers[lib.environment]
	days := object.get(r.values, "retention_in_days", 0)
	lib.is_known(days)
	not within(days, tier)
	f := {
		"address": r.address,
		"attribute": "retention_in_days",
		"msg": sprintf("%s keeps logs %s; %s requires %d to %d days", [r.address, describe(days), lib.environment, tier.min, tier.max]),
	}
}

within(days, tier) if {
	is_number(days)
	days >= tier.min
	days <= tier.max
}

describe(0) := "forever (retention_in_days unset or 0)"

describe(days) := sprintf("%v days", [days]) if days != 0
