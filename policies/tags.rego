package candlefish.tags

import data.candlefish.lib
import rego.v1

metadata := {
	"id": "CF-TAG-001",
	"title": "Cost-allocation tags on every taggable resource",
	"severity": "HIGH",
	"resolution": "Set the tags in the provider's default_tags (Project, Environment, CostCenter, Owner) or on the resource.",
}

required := ["Project", "Environment", "CostCenter", "Owner"]

deny contains f if {
	some r in lib.managed
	r.taggable
	is_object(r.tags_all)
	missing := [t | some t in required; not has_tag(r.tags_all, t)]
	count(missing) > 0
	f := {
		"address": r.address,
		"attribute": "tags",
		"msg": sprintf("%s lacks the cost-allocation tag(s) %s", [r.address, concat(", ", missing)]),
	}
}

has_tag(tags, name) if {
	v := tags[name]
	v != null
	v != ""
}
