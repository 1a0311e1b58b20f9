// Package schema is an offline copy of the Terraform AWS provider schema
// (hashicorp/aws), generated from the jsii assembly of the npm package
// @cdktn/provider-aws and embedded in the binary.
//
// The data answers the questions a static checker needs: which resource and
// data-source types exist, which arguments and nested blocks each of them
// accepts (and which are required), and which attributes can be read through
// references such as aws_vpc.main.arn.
//
// Regenerate the embedded file with scripts/schema.sh (make schema).
package schema

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"
	"sync"
)

// EmbeddedFile is the name of the embedded, generated schema file.
const EmbeddedFile = "aws-provider-6.66.0.json.gz"

//go:embed aws-provider-6.66.0.json.gz
var embedded []byte

// Schema is the AWS provider schema: resource types, data-source types, the provider block.
type Schema struct {
	ProviderSource  string            `json:"provider_source"`  // "hashicorp/aws"
	ProviderVersion string            `json:"provider_version"` // "6.66.0"
	GeneratedFrom   string            `json:"generated_from"`   // "npm @cdktn/provider-aws@25.7.0 (.jsii)"
	Provider        *Block            `json:"provider"`
	Resources       map[string]*Block `json:"resources"`
	DataSources     map[string]*Block `json:"data_sources"`
	// EphemeralResources holds the `ephemeral "aws_..." "name" {}` types.
	EphemeralResources map[string]*Block `json:"ephemeral_resources,omitempty"`
}

// Block is the body of a resource, data source, provider, nested block or
// object-typed argument.
type Block struct {
	Arguments  map[string]*Argument    `json:"arguments,omitempty"`  // settable names (attribute syntax `name = ...`)
	Blocks     map[string]*NestedBlock `json:"blocks,omitempty"`     // nested block names (block syntax `name { ... }`)
	Attributes []string                `json:"attributes,omitempty"` // sorted names readable via references, includes computed-only ones like arn, id
	// Opaque is set when the assembly does not describe the contents (cdktf
	// emits an untyped value for a few very deeply nested schemas, e.g.
	// aws_quicksight_analysis.definition). A checker should accept any
	// argument or block inside an opaque block.
	Opaque bool `json:"opaque,omitempty"`
}

// Argument is a settable name in a block.
type Argument struct {
	Required   bool   `json:"required,omitempty"`
	ObjectAttr *Block `json:"object,omitempty"` // set when the argument is an object-typed attribute with known fields
	// List is set with ObjectAttr when the argument is a list or set of
	// objects (ObjectAttr describes one element), e.g. aws_security_group's
	// ingress. Terraform accepts such an attribute in block syntax too
	// (`ingress { ... }` repeated), so a checker should accept both forms;
	// a single object (List false) must be written `name = { ... }`.
	List bool `json:"list,omitempty"`
}

// NestedBlock is a nested block type (block syntax `name { ... }`).
type NestedBlock struct {
	Block
	Required bool `json:"required,omitempty"` // at least one must be present
	List     bool `json:"list,omitempty"`     // may repeat (array) vs single struct
}

var (
	loadOnce sync.Once
	loaded   *Schema
	loadErr  error
)

// Load decodes the embedded generated schema. The decoding happens once; every
// call returns the same *Schema, which callers must treat as read-only. It is
// safe for concurrent use.
func Load() (*Schema, error) {
	loadOnce.Do(func() {
		loaded, loadErr = Decode(bytes.NewReader(embedded))
		if loadErr != nil {
			loadErr = fmt.Errorf("schema: embedded %s: %w", EmbeddedFile, loadErr)
		}
	})
	return loaded, loadErr
}

// Decode reads a gzip-compressed JSON schema as written by Encode.
func Decode(r io.Reader) (*Schema, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	var s Schema
	dec := json.NewDecoder(zr)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return nil, err
	}
	if s.Provider == nil || len(s.Resources) == 0 {
		return nil, fmt.Errorf("schema has no provider block or no resources")
	}
	return &s, nil
}

// Encode writes s as compact gzip-compressed JSON. The output is
// deterministic for a given schema (map keys are sorted, no gzip timestamp).
func Encode(w io.Writer, s *Schema) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(zw)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		zw.Close()
		return err
	}
	return zw.Close()
}

// Resource returns the schema of a managed resource type such as
// "aws_s3_bucket", or nil if the type is unknown.
func (s *Schema) Resource(typ string) *Block {
	if s == nil {
		return nil
	}
	return s.Resources[typ]
}

// DataSource returns the schema of a data-source type such as
// "aws_caller_identity", or nil if the type is unknown.
func (s *Schema) DataSource(typ string) *Block {
	if s == nil {
		return nil
	}
	return s.DataSources[typ]
}

// EphemeralResource returns the schema of an ephemeral resource type such as
// "aws_secretsmanager_secret_version", or nil if the type is unknown.
func (s *Schema) EphemeralResource(typ string) *Block {
	if s == nil {
		return nil
	}
	return s.EphemeralResources[typ]
}

// ResourceTypes returns the sorted names of all resource types.
func (s *Schema) ResourceTypes() []string { return sortedKeys(s.Resources) }

// DataSourceTypes returns the sorted names of all data-source types.
func (s *Schema) DataSourceTypes() []string { return sortedKeys(s.DataSources) }

// HasAttribute reports whether name can be read from the block through a
// reference: it is in Attributes, Arguments or Blocks.
func (b *Block) HasAttribute(name string) bool {
	if b == nil {
		return false
	}
	if _, ok := slices.BinarySearch(b.Attributes, name); ok {
		return true
	}
	if _, ok := b.Arguments[name]; ok {
		return true
	}
	_, ok := b.Blocks[name]
	return ok
}

// Argument returns the settable argument name, or nil.
func (b *Block) Argument(name string) *Argument {
	if b == nil {
		return nil
	}
	return b.Arguments[name]
}

// NestedBlock returns the nested block type name, or nil. (It is not called
// Block because NestedBlock embeds a field of that name.)
func (b *Block) NestedBlock(name string) *NestedBlock {
	if b == nil {
		return nil
	}
	return b.Blocks[name]
}

// ArgumentNames returns the sorted argument names.
func (b *Block) ArgumentNames() []string {
	if b == nil {
		return nil
	}
	return sortedKeys(b.Arguments)
}

// BlockNames returns the sorted nested block names.
func (b *Block) BlockNames() []string {
	if b == nil {
		return nil
	}
	return sortedKeys(b.Blocks)
}

// RequiredArguments returns the sorted names of the required arguments.
func (b *Block) RequiredArguments() []string {
	if b == nil {
		return nil
	}
	var out []string
	for n, a := range b.Arguments {
		if a.Required {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

// RequiredBlocks returns the sorted names of the nested blocks of which at
// least one must be present.
func (b *Block) RequiredBlocks() []string {
	if b == nil {
		return nil
	}
	var out []string
	for n, nb := range b.Blocks {
		if nb.Required {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

// ReadableNames returns the sorted union of Attributes, Arguments and Blocks,
// i.e. every name for which HasAttribute is true. Useful as Suggest candidates.
func (b *Block) ReadableNames() []string {
	if b == nil {
		return nil
	}
	seen := make(map[string]bool, len(b.Attributes)+len(b.Arguments)+len(b.Blocks))
	for _, n := range b.Attributes {
		seen[n] = true
	}
	for n := range b.Arguments {
		seen[n] = true
	}
	for n := range b.Blocks {
		seen[n] = true
	}
	return sortedKeys(seen)
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Suggest returns the candidate nearest to name by edit distance (optimal
// string alignment: insertions, deletions, substitutions and transpositions of
// adjacent characters each count 1), for "did you mean" messages. It returns
// "" if no candidate is close enough: the allowed distance grows with the
// length of name (1 up to 3 characters, 2 up to 8, then 3). Ties are broken
// by the alphabetically smallest candidate. An exact match is returned as is.
func Suggest(name string, candidates []string) string {
	if name == "" {
		return ""
	}
	limit := 3
	switch n := len(name); {
	case n <= 3:
		limit = 1
	case n <= 8:
		limit = 2
	}
	best, bestDist := "", limit+1
	for _, c := range candidates {
		if c == "" {
			continue
		}
		if abs(len(c)-len(name)) > limit {
			continue
		}
		d := osaDistance(name, c)
		if d < bestDist || (d == bestDist && c < best) {
			best, bestDist = c, d
		}
	}
	if bestDist > limit {
		return ""
	}
	return best
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// osaDistance is the optimal string alignment distance between a and b.
// Distance is the edit distance between a and b, counting a swap of two
// adjacent characters as one edit (optimal string alignment).
func Distance(a, b string) int { return osaDistance(a, b) }

func osaDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	n, m := len(ra), len(rb)
	// three rolling rows: i-2, i-1, i
	prev2 := make([]int, m+1)
	prev := make([]int, m+1)
	cur := make([]int, m+1)
	for j := 0; j <= m; j++ {
		prev[j] = j
	}
	for i := 1; i <= n; i++ {
		cur[0] = i
		for j := 1; j <= m; j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[m]
}
