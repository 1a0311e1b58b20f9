package cost

import (
	"errors"
	"fmt"
	"math"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/candlefish-ai/infrastructure/internal/schema"
)

// UsageFileName is the usage file cfctl reads from a root module's
// directory when no --usage-file is given.
const UsageFileName = "usage.yml"

// Usage is a parsed usage file in Infracost's format (version 0.1):
//
//	version: 0.1
//	traffic:                        # cfctl's own section, Infracost ignores it
//	  monthly_requests: 1000000     # requests per month at --traffic 1
//	resource_type_default_usage:
//	  aws_cloudwatch_log_group:
//	    monthly_data_ingested_gb: 1
//	resource_usage:
//	  module.networking.aws_nat_gateway.this["us-east-1a"]:
//	    monthly_data_processed_gb: 20
//
// Nested keys are flattened with dots (standard.storage_gb). An address may
// end in [*] to give every instance of a resource the same usage.
type Usage struct {
	File string
	// MonthlyRequests is traffic.monthly_requests: the request volume the
	// traffic-driven quantities correspond to (0 when not given).
	MonthlyRequests float64
	Defaults        map[string]map[string]float64 // by resource type
	Resources       map[string]map[string]float64 // by address (exact or [*])
	lines           map[string]int                // address -> line, for notes
}

// UsageError is a problem in a usage file at a line and column.
type UsageError struct {
	File         string
	Line, Column int
	Msg          string
}

func (e *UsageError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Msg)
}

// LoadUsage reads and checks a usage file.
func LoadUsage(path string) (*Usage, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("usage file: %v", err)
	}
	return ParseUsage(data, path)
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// ParseUsage parses and checks a usage file's content; file names it in errors.
func ParseUsage(data []byte, file string) (*Usage, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlSyntaxError(data, file, err)
	}
	u := &Usage{File: file, Defaults: map[string]map[string]float64{}, Resources: map[string]map[string]float64{}, lines: map[string]int{}}
	if len(doc.Content) == 0 {
		return nil, &UsageError{File: file, Line: 1, Column: 1, Msg: "empty usage file: it needs at least `version: 0.1`"}
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, errAt(file, root, "a usage file is a mapping with version, resource_type_default_usage and resource_usage")
	}
	top := []string{"version", "traffic", "resource_type_default_usage", "resource_usage"}
	sawVersion := false
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		switch k.Value {
		case "version":
			if v.Kind != yaml.ScalarNode || (v.Value != "0.1" && v.Value != "v0.1") {
				return nil, errAt(file, v, fmt.Sprintf("version %q: cfctl reads usage files of version 0.1 (Infracost's format)", v.Value))
			}
			sawVersion = true
		case "traffic":
			vals, err := readKeys(file, v, []UsageKey{{Key: "monthly_requests"}}, "traffic")
			if err != nil {
				return nil, err
			}
			u.MonthlyRequests = vals["monthly_requests"]
		case "resource_type_default_usage":
			if err := forEachEntry(file, v, k.Value, func(key, val *yaml.Node) error {
				schema, ok := usageSchema[key.Value]
				if !ok {
					return unknownType(file, key, key.Value)
				}
				vals, err := readKeys(file, val, schema, key.Value)
				if err != nil {
					return err
				}
				u.Defaults[key.Value] = vals
				return nil
			}); err != nil {
				return nil, err
			}
		case "resource_usage":
			if err := forEachEntry(file, v, k.Value, func(key, val *yaml.Node) error {
				p, err := parseAddress(key.Value)
				if err != nil {
					return errAt(file, key, err.Error())
				}
				if p.Data {
					return errAt(file, key, fmt.Sprintf("%s is a data source: data sources cost nothing", key.Value))
				}
				schema, ok := usageSchema[p.Type]
				if !ok {
					return unknownType(file, key, p.Type)
				}
				vals, err := readKeys(file, val, schema, p.Type)
				if err != nil {
					return err
				}
				if _, dup := u.Resources[key.Value]; dup {
					return errAt(file, key, fmt.Sprintf("%s appears twice", key.Value))
				}
				u.Resources[key.Value] = vals
				u.lines[key.Value] = key.Line
				return nil
			}); err != nil {
				return nil, err
			}
		default:
			return nil, errAt(file, k, fmt.Sprintf("unknown key %q (did you mean %q?)", k.Value, nearest(k.Value, top)))
		}
	}
	if !sawVersion {
		return nil, errAt(file, root, "the usage file has no `version: 0.1`")
	}
	return u, nil
}

func errAt(file string, n *yaml.Node, msg string) error {
	return &UsageError{File: file, Line: n.Line, Column: n.Column, Msg: msg}
}

func unknownType(file string, n *yaml.Node, typ string) error {
	return errAt(file, n, fmt.Sprintf("resource type %s takes no usage keys (did you mean %s?)", typ, nearest(typ, UsageTypes())))
}

func forEachEntry(file string, n *yaml.Node, what string, fn func(k, v *yaml.Node) error) error {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return errAt(file, n, what+" must be a mapping")
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if err := fn(n.Content[i], n.Content[i+1]); err != nil {
			return err
		}
	}
	return nil
}

// readKeys reads a mapping of (possibly nested) usage keys, checking each
// against schema: unknown keys name the nearest valid one; values must be
// non-negative numbers.
func readKeys(file string, n *yaml.Node, schema []UsageKey, owner string) (map[string]float64, error) {
	valid := map[string]bool{}
	prefixes := map[string]bool{}
	for _, k := range schema {
		valid[k.Key] = true
		parts := strings.Split(k.Key, ".")
		for i := 1; i < len(parts); i++ {
			prefixes[strings.Join(parts[:i], ".")] = true
		}
	}
	out := map[string]float64{}
	var walk func(n *yaml.Node, prefix string) error
	walk = func(n *yaml.Node, prefix string) error {
		if n.Kind != yaml.MappingNode {
			if n.Kind == yaml.ScalarNode && n.Tag == "!!null" && prefix == "" {
				return nil
			}
			what := owner
			if prefix != "" {
				what = prefix
			}
			return errAt(file, n, fmt.Sprintf("%s must be a mapping of usage keys", what))
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			full := k.Value
			if prefix != "" {
				full = prefix + "." + k.Value
			}
			switch {
			case valid[full]:
				f, err := usageNumber(file, v, full, owner)
				if err != nil {
					return err
				}
				out[full] = f
			case prefixes[full]:
				if err := walk(v, full); err != nil {
					return err
				}
			default:
				var names []string
				for _, s := range schema {
					names = append(names, s.Key)
				}
				return errAt(file, k, fmt.Sprintf("unknown usage key %q for %s (did you mean %q?)", full, owner, nearest(full, names)))
			}
		}
		return nil
	}
	if err := walk(n, ""); err != nil {
		return nil, err
	}
	return out, nil
}

func usageNumber(file string, v *yaml.Node, key, owner string) (float64, error) {
	if v.Kind != yaml.ScalarNode || (v.Tag != "!!int" && v.Tag != "!!float") {
		shown := v.Value
		if v.Kind != yaml.ScalarNode {
			shown = "a " + map[yaml.Kind]string{yaml.MappingNode: "mapping", yaml.SequenceNode: "list"}[v.Kind]
		}
		return 0, errAt(file, v, fmt.Sprintf("%s of %s must be a number, got %q", key, owner, shown))
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(v.Value, "_", ""), 64)
	if err != nil {
		var i int64
		if err := v.Decode(&i); err != nil {
			return 0, errAt(file, v, fmt.Sprintf("%s of %s must be a number, got %q", key, owner, v.Value))
		}
		f = float64(i)
	}
	if f < 0 || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, errAt(file, v, fmt.Sprintf("%s of %s must be a non-negative number, got %s", key, owner, v.Value))
	}
	return f, nil
}

// yamlSyntaxError turns yaml.v3's "yaml: line N: problem" into a UsageError
// with a column: the offending character where the problem names one (a tab,
// a second ": " on the line), else the line's first non-blank character.
func yamlSyntaxError(data []byte, file string, err error) error {
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	m := yamlLine.FindStringSubmatch(msg)
	if m == nil {
		return &UsageError{File: file, Line: 1, Column: 1, Msg: "malformed YAML: " + strings.TrimPrefix(msg, "yaml: ")}
	}
	line, _ := strconv.Atoi(m[1])
	problem := m[2]
	lines := strings.Split(string(data), "\n")
	// yaml.v3 reports where the enclosing block starts, which can be far
	// from the mistake: the first prefix of the file that fails to parse
	// ends at the offending line.
	var probe yaml.Node
	for k := 1; k <= len(lines); k++ {
		if yaml.Unmarshal([]byte(strings.Join(lines[:k], "\n")), &probe) != nil {
			line = k
			break
		}
	}
	col := 1
	if line >= 1 && line <= len(lines) {
		text := lines[line-1]
		col = len(text) - len(strings.TrimLeft(text, " \t")) + 1
		switch {
		case strings.Contains(problem, "cannot start any token") || strings.Contains(problem, "tab"):
			if i := strings.IndexByte(text, '\t'); i >= 0 {
				col = i + 1
			}
		case strings.Contains(problem, "mapping values are not allowed"):
			if i := strings.Index(text, ": "); i >= 0 {
				if j := strings.Index(text[i+2:], ":"); j >= 0 {
					col = i + 2 + j + 1
				}
			}
		}
	}
	return &UsageError{File: file, Line: line, Column: col, Msg: "malformed YAML: " + problem}
}

// For returns the usage values for one resource: the type's defaults, then
// a [*] entry of its block, then its exact address, later ones winning.
func (u *Usage) For(address, typ string) map[string]float64 {
	out := map[string]float64{}
	if u == nil {
		return out
	}
	for k, v := range u.Defaults[typ] {
		out[k] = v
	}
	if p, err := parseAddress(address); err == nil && p.Key != "" {
		block := strings.TrimSuffix(address, "["+quoteKeyOf(address)+"]")
		for k, v := range u.Resources[block+"[*]"] {
			out[k] = v
		}
	}
	for k, v := range u.Resources[address] {
		out[k] = v
	}
	return out
}

// quoteKeyOf returns the bracket content of address's last instance key.
func quoteKeyOf(address string) string {
	i := strings.LastIndexByte(address, '[')
	if i < 0 {
		return ""
	}
	return strings.TrimSuffix(address[i+1:], "]")
}

// Unmatched lists resource_usage addresses that match no resource.
func (u *Usage) Unmatched(addresses map[string]bool) []string {
	if u == nil {
		return nil
	}
	blocks := map[string]bool{}
	for a := range addresses {
		if i := strings.LastIndexByte(a, '['); i > 0 && strings.HasSuffix(a, "]") {
			blocks[a[:i]] = true
		}
	}
	var out []string
	for a := range u.Resources {
		if addresses[a] || (strings.HasSuffix(a, "[*]") && blocks[strings.TrimSuffix(a, "[*]")]) {
			continue
		}
		out = append(out, fmt.Sprintf("%s:%d: usage for %s: no such resource", u.File, u.lines[a], a))
	}
	sort.Strings(out)
	return out
}

// nearest returns the candidate closest to s by edit distance, however far:
// a usage error always names the nearest valid key (schema.Suggest gives up
// beyond a few edits, which suits typos in Terraform but not here).
func nearest(s string, candidates []string) string {
	best, bestD := "", math.MaxInt
	for _, c := range candidates {
		if d := schema.Distance(s, c); d < bestD || (d == bestD && c < best) {
			best, bestD = c, d
		}
	}
	return best
}
