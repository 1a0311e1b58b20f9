// Package policies holds Candlefish's own policies, written in Rego and run
// by `cfctl check` with the OPA library. Each file is one package under
// `candlefish.` with a `metadata` object and a `deny` set; see README.md.
package policies

import "embed"

// FS holds the policy files (tests excluded).
//
//go:embed *.rego
var FS embed.FS
