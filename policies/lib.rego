# Helpers shared by the Candlefish policies.
package candlefish.lib

import rego.v1

unknown := "(known after apply)"

# is_known is true for values Terraform knows before apply.
is_known(v) if v != unknown

# set holds for a value that is neither null, absent nor empty.
set(obj, key) if {
	v := object.get(obj, key, null)
	v != null
	v != ""
}

managed contains r if {
	some r in input.resources
	r.mode == "managed"
}

of_type(t) := {r | some r in managed; r.type == t}

# blocks returns the nested blocks `name` of a resource's values (a list).
blocks(values, name) := object.get(values, name, [])

environment := input.environment
