// Package model evaluates a Terraform root module offline and returns what it
// would create: every resource and data source with its address, type, module,
// provider, region and evaluated values. It is the only place that evaluates
// HCL; cost, policy, graph and preview all read the Model it returns.
//
// Evaluation uses trivy's Terraform parser (pinned in go.mod), kept behind this
// package so that its unstable API touches nothing else.
package model

import (
	"encoding/json"

	"github.com/candlefish-ai/infrastructure/internal/finding"
	"sort"
	"strings"
)

// Mode tells managed resources from data sources, as in Terraform's plan JSON.
const (
	ModeManaged = "managed"
	ModeData    = "data"
)

// Model is one evaluated root module.
type Model struct {
	Root      string                // absolute directory of the root module
	Resources []*Resource           // sorted by address
	Modules   []*ModuleInstance     // every module call instance, sorted by address
	Dirs      map[string]*ModuleDir // static configuration of root and local modules, by absolute dir
	VarFiles  []string              // variable files that were read, in order
	Variables map[string]any        // root input values after tfvars and defaults
	// Findings are problems Terraform would report at plan time that do not
	// stop evaluation: failed variable validations, unknown functions, calls
	// with the wrong number of arguments, module inputs of the wrong type.
	Findings []finding.Finding
	// Notes are non-fatal observations, e.g. a required variable with no value
	// (its value is unknown, as a plan without -var would prompt for it).
	Notes []string
}

// ModuleInstance is one instance of a module call.
type ModuleInstance struct {
	Address string `json:"address"` // module.networking, module.a.module.b["x"]
	Source  string `json:"source"`
	Dir     string `json:"-"`
	// Inputs are the evaluated arguments of the module block (source,
	// providers and meta-arguments left out).
	Inputs map[string]any `json:"-"`
}

// Resource is one instance of a resource or data source.
type Resource struct {
	Address  string         `json:"address"` // full address, e.g. module.networking.aws_subnet.private["us-east-1a"]
	Mode     string         `json:"mode"`    // managed or data
	Type     string         `json:"type"`
	Name     string         `json:"name"`
	Index    any            `json:"index,omitempty"`  // count index (int) or for_each key (string)
	Module   string         `json:"module,omitempty"` // module instance address, "" for the root module
	Provider string         `json:"provider"`         // provider configuration in the root module: aws, aws.replica
	Region   string         `json:"region,omitempty"` // from that provider configuration ("" when unknown)
	Values   map[string]any `json:"values"`           // evaluated arguments; nested blocks as lists of objects
	File     string         `json:"file"`             // absolute path of the defining file
	Line     int            `json:"line"`
	EndLine  int            `json:"end_line"`
	// References are the block addresses (no instance keys) of the resources
	// and data sources this one depends on, through locals, module inputs and
	// module outputs.
	References []string `json:"references,omitempty"`
	// DefaultTags are the provider configuration's default_tags, which AWS
	// adds to every taggable resource.
	DefaultTags map[string]any `json:"default_tags,omitempty"`
}

// unknown is the value of anything that is only known after apply.
type unknown struct{}

// Unknown stands for a value Terraform would only know after apply. It is
// never a real value: use IsUnknown to test for it.
var Unknown any = unknown{}

// UnknownText is how an unknown value is written in JSON and text output,
// the same words Terraform's plan uses.
const UnknownText = "(known after apply)"

// MarshalJSON writes unknown values as Terraform's plan does in text.
func (unknown) MarshalJSON() ([]byte, error) { return json.Marshal(UnknownText) }

func (unknown) String() string { return UnknownText }

// IsUnknown reports whether v is the Unknown marker.
func IsUnknown(v any) bool {
	_, ok := v.(unknown)
	return ok
}

// Lookup follows a dotted path into a resource's values ("versioning_configuration.0.status").
// Numeric parts index lists. ok is false when the path does not exist.
func (r *Resource) Lookup(path string) (v any, ok bool) {
	var cur any = r.Values
	for _, part := range strings.Split(path, ".") {
		switch c := cur.(type) {
		case map[string]any:
			cur, ok = c[part]
			if !ok {
				return nil, false
			}
		case []any:
			i := 0
			for _, ch := range part {
				if ch < '0' || ch > '9' {
					return nil, false
				}
				i = i*10 + int(ch-'0')
			}
			if part == "" || i >= len(c) {
				return nil, false
			}
			cur = c[i]
		default:
			return nil, false
		}
	}
	return cur, true
}

// ByModule groups resources by module address ("" for the root), keys sorted.
func (m *Model) ByModule() (keys []string, groups map[string][]*Resource) {
	groups = map[string][]*Resource{}
	for _, r := range m.Resources {
		if _, ok := groups[r.Module]; !ok {
			keys = append(keys, r.Module)
		}
		groups[r.Module] = append(groups[r.Module], r)
	}
	sort.Strings(keys)
	return keys, groups
}

// Managed returns the managed resources (not data sources).
func (m *Model) Managed() []*Resource {
	var out []*Resource
	for _, r := range m.Resources {
		if r.Mode == ModeManaged {
			out = append(out, r)
		}
	}
	return out
}

// OfType returns the resources of one type.
func (m *Model) OfType(typ string) []*Resource {
	var out []*Resource
	for _, r := range m.Resources {
		if r.Type == typ && r.Mode == ModeManaged {
			out = append(out, r)
		}
	}
	return out
}
