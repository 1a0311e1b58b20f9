package candlefish.iam

import data.candlefish.lib
import rego.v1

metadata := {
	"id": "CF-IAM-001",
	"title": "No IAM statement allows every action on every resource",
	"severity": "CRITICAL",
	"resolution": "Name the actions (service:Action, or service:Prefix*) and the resource ARNs the role needs.",
}

# Statements of aws_iam_policy_document data sources.
deny contains f if {
	some d in input.resources
	d.mode == "data"
	d.type == "aws_iam_policy_document"
	some s in lib.blocks(d.values, "statement")
	object.get(s, "effect", "Allow") == "Allow"
	"*" in object.get(s, "actions", [])
	"*" in object.get(s, "resources", [])
	f := {"address": d.address, "attribute": "statement", "msg": sprintf("%s has a statement allowing \"*\" on \"*\"", [d.address])}
}

policy_arguments := {
	"aws_iam_policy": "policy",
	"aws_iam_role_policy": "policy",
	"aws_iam_user_policy": "policy",
	"aws_iam_group_policy": "policy",
}

# Inline JSON policies, when their text is known.
deny contains f if {
	some r in lib.managed
	arg := policy_arguments[r.type]
	text := r.values[arg]
	is_string(text)
	lib.is_known(text)
	doc := json.unmarshal(text)
	some s in statements(doc)
	object.get(s, "Effect", "Allow") == "Allow"
	"*" in as_list(object.get(s, "Action", []))
	"*" in as_list(object.get(s, "Resource", []))
	f := {"address": r.address, "attribute": arg, "msg": sprintf("%s has a statement allowing \"*\" on \"*\"", [r.address])}
}

# Managed policies that grant everything.
deny contains f if {
	some r in lib.managed
	r.type in {"aws_iam_role_policy_attachment", "aws_iam_user_policy_attachment", "aws_iam_group_policy_attachment", "aws_iam_policy_attachment"}
	arn := object.get(r.values, "policy_arn", "")
	endswith(arn, ":policy/AdministratorAccess")
	f := {"address": r.address, "attribute": "policy_arn", "msg": sprintf("%s attaches AdministratorAccess", [r.address])}
}

statements(doc) := doc.Statement if is_array(doc.Statement)

statements(doc) := [doc.Statement] if is_object(doc.Statement)

as_list(v) := v if is_array(v)

as_list(v) := [v] if is_string(v)
