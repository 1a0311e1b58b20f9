package candlefish.ingress

import data.candlefish.lib
import rego.v1

metadata := {
	"id": "CF-NET-001",
	"title": "No ingress from 0.0.0.0/0 or ::/0 except to the load balancer",
	"severity": "CRITICAL",
	"resolution": "Allow traffic from a security group, the VPC CIDR or CloudFront's managed prefix list; only the load balancer's group may face the internet.",
}

open := {"0.0.0.0/0", "::/0"}

# Security groups attached to a load balancer.
lb_groups contains sg if {
	some lb in lib.of_type("aws_lb")
	some sg in lb.references
	contains(sg, "aws_security_group.")
}

group_of(r) := [sg | some sg in r.references; contains(sg, "aws_security_group.")]

deny contains f if {
	some r in lib.of_type("aws_vpc_security_group_ingress_rule")
	some arg in ["cidr_ipv4", "cidr_ipv6"]
	object.get(r.values, arg, "") in open
	not to_load_balancer(r)
	f := {"address": r.address, "attribute": arg, "msg": sprintf("%s allows ingress from %s to a group that is not a load balancer's", [r.address, r.values[arg]])}
}

deny contains f if {
	some r in lib.of_type("aws_security_group_rule")
	r.values.type == "ingress"
	some c in array.concat(object.get(r.values, "cidr_blocks", []), object.get(r.values, "ipv6_cidr_blocks", []))
	c in open
	not to_load_balancer(r)
	f := {"address": r.address, "attribute": "cidr_blocks", "msg": sprintf("%s allows ingress from %s to a group that is not a load balancer's", [r.address, c])}
}

deny contains f if {
	some r in lib.of_type("aws_security_group")
	some ing in lib.blocks(r.values, "ingress")
	some c in array.concat(object.get(ing, "cidr_blocks", []), object.get(ing, "ipv6_cidr_blocks", []))
	c in open
	not r.block_address in lb_groups
	f := {"address": r.address, "attribute": "ingress", "msg": sprintf("%s allows ingress from %s and is not a load balancer's group", [r.address, c])}
}

to_load_balancer(rule) if {
	some sg in group_of(rule)
	sg in lb_groups
}
