package schema

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
	"unicode"
)

// This file turns the jsii assembly (.jsii) of a cdktf/cdktn prebuilt provider
// package into a Schema. The assembly describes, for every Terraform type, a
// construct class, its `<Class>Config` struct (the settable arguments and
// nested blocks) and, for every nested block or object, a struct and an
// `<Struct>OutputReference` class (readable attributes). The relevant jsii
// conventions of the cdktf code generator are:
//
//   - the class docs link to the registry page; its label is the Terraform
//     type name: {@link https://registry.terraform.io/providers/hashicorp/aws/6.66.0/docs/resources/s3_bucket aws_s3_bucket}
//   - every struct property documents its Terraform name with a link ending
//     in "#<name> <Class>#<name>}", which is authoritative (cdktf renames a few
//     names: get_password_data -> fetchPasswordData, self -> selfAttribute, ...)
//   - a nested block property's summary is exactly "<name> block."; a
//     struct-typed property without it is an object-typed attribute
//   - an optional property has "optional": true
//   - the class getters are the readable attributes; for every settable
//     argument there is also a getter "<name>Input" that mirrors the input.

const (
	baseResource  = "cdktn.TerraformResource"
	baseData      = "cdktn.TerraformDataSource"
	baseEphemeral = "cdktn.TerraformEphemeralResource"
	baseProvider  = "cdktn.TerraformProvider"
)

// jsii assembly subset.
type jsiiAssembly struct {
	Name    string               `json:"name"`
	Version string               `json:"version"`
	Types   map[string]*jsiiType `json:"types"`
}

type jsiiDocs struct {
	Summary    string `json:"summary"`
	Remarks    string `json:"remarks"`
	Deprecated string `json:"deprecated"`
}

type jsiiType struct {
	Kind        string           `json:"kind"`
	Fqn         string           `json:"fqn"`
	Base        string           `json:"base"`
	Datatype    bool             `json:"datatype"`
	Docs        jsiiDocs         `json:"docs"`
	Initializer *jsiiInitializer `json:"initializer"`
	Properties  []jsiiProperty   `json:"properties"`
}

type jsiiInitializer struct {
	Parameters []jsiiParam `json:"parameters"`
}

type jsiiParam struct {
	Name string      `json:"name"`
	Type jsiiTypeRef `json:"type"`
}

type jsiiProperty struct {
	Name     string      `json:"name"`
	Optional bool        `json:"optional"`
	Static   bool        `json:"static"`
	Docs     jsiiDocs    `json:"docs"`
	Type     jsiiTypeRef `json:"type"`
}

type jsiiTypeRef struct {
	Fqn        string          `json:"fqn"`
	Primitive  string          `json:"primitive"`
	Collection *jsiiCollection `json:"collection"`
	Union      *jsiiUnion      `json:"union"`
}

type jsiiCollection struct {
	Kind        string      `json:"kind"` // "array" or "map"
	ElementType jsiiTypeRef `json:"elementtype"`
}

type jsiiUnion struct {
	Types []jsiiTypeRef `json:"types"`
}

var (
	// {@link https://registry.terraform.io/providers/hashicorp/aws/6.66.0/docs/resources/s3_bucket aws_s3_bucket}
	typeLinkRe = regexp.MustCompile(`\{@link https://registry\.terraform\.io/providers/([\w.-]+/[\w.-]+)/([^/\s}]+)/docs/(resources|data-sources|ephemeral-resources)/([\w-]+) ([\w-]+)\}`)
	// {@link https://registry.terraform.io/providers/hashicorp/aws/6.66.0/docs aws}
	providerLinkRe = regexp.MustCompile(`\{@link https://registry\.terraform\.io/providers/([\w.-]+/[\w.-]+)/([^/\s}]+)/docs ([\w-]+)\}`)
	// {@link https://registry.terraform.io/providers/hashicorp/aws/6.66.0/docs/resources/s3_bucket#cors_rule S3Bucket#cors_rule}
	propLinkRe = regexp.MustCompile(`\{@link https://registry\.terraform\.io/providers/[^\s}#]*#(\w+) \w+#(\w+)\}`)
	// "cors_rule block."
	blockSummaryRe = regexp.MustCompile(`^(\w+) block\.$`)
)

// escapedNames reverses cdktf's escapeAttributeName for getters that have no
// documented struct property (computed-only attributes).
var escapedNames = map[string]string{
	"selfAttribute":           "self",
	"buildAttribute":          "build",
	"equalTo":                 "equals",
	"nodeAttribute":           "node",
	"systemAttribute":         "system",
	"tfResourceTypeAttribute": "tf_resource_type",
	"importFromAttribute":     "import_from",
	"moveToAttribute":         "move_to",
	"softwareAttribute":       "software",
}

// ambiguousNames fixes computed-only getters whose Terraform name cannot be
// derived from the camelCase name: cdktf upper-cases a letter that follows
// digits and drops underscores around digits, so checksum_crc32c and
// base_32_string_seed come out as checksumCrc32C and base32StringSeed. The
// entries were checked against the generated JavaScript of
// @cdktn/provider-aws 25.7.0 (getStringAttribute('<terraform name>')).
var ambiguousNames = map[string]string{
	"base32StringSeed":  "base_32_string_seed", // aws_iam_virtual_mfa_device
	"checksumCrc32C":    "checksum_crc32c",     // aws_s3_object, aws_s3_object_copy, data aws_s3_object
	"checksumCrc64Nvme": "checksum_crc64nvme",  // same
}

// internalGetters are class properties of the cdktf runtime that are not
// Terraform attributes (only those that generated classes re-declare).
var internalGetters = map[string]bool{
	"internalValue":  true, // ComplexObject: the struct value itself
	"tfResourceType": true, // static on every construct class
}

// Generate reads a jsii assembly (the .jsii file of @cdktn/provider-aws or a
// cdktf prebuilt provider with the same conventions) and builds the Schema.
func Generate(r io.Reader) (*Schema, error) {
	var asm jsiiAssembly
	dec := json.NewDecoder(r)
	if err := dec.Decode(&asm); err != nil {
		return nil, fmt.Errorf("decode jsii assembly: %w", err)
	}
	if len(asm.Types) == 0 {
		return nil, errors.New("jsii assembly has no types")
	}
	g := &generator{types: asm.Types, stack: map[string]int{}}
	g.indexDocumentedNames()
	s := &Schema{
		GeneratedFrom:      fmt.Sprintf("npm %s@%s (.jsii)", asm.Name, asm.Version),
		Resources:          map[string]*Block{},
		DataSources:        map[string]*Block{},
		EphemeralResources: map[string]*Block{},
	}

	fqns := make([]string, 0, len(asm.Types))
	for fqn := range asm.Types {
		fqns = append(fqns, fqn)
	}
	sort.Strings(fqns)

	var errs []error
	for _, fqn := range fqns {
		t := asm.Types[fqn]
		if t.Kind != "class" {
			continue
		}
		var dst map[string]*Block
		switch t.Base {
		case baseResource:
			dst = s.Resources
		case baseData:
			dst = s.DataSources
		case baseEphemeral:
			dst = s.EphemeralResources
		case baseProvider:
			m := providerLinkRe.FindStringSubmatch(t.Docs.Summary)
			if m == nil {
				errs = append(errs, fmt.Errorf("%s: no registry link in the class docs", fqn))
				continue
			}
			if s.Provider != nil {
				errs = append(errs, fmt.Errorf("%s: second provider class", fqn))
				continue
			}
			s.ProviderSource, s.ProviderVersion = m[1], m[2]
			cfg := configFqn(t)
			if cfg == "" {
				errs = append(errs, fmt.Errorf("%s: initializer has no config parameter", fqn))
				continue
			}
			// Provider configuration cannot be referenced: no readable attributes.
			s.Provider = g.block(cfg, "")
			continue
		default:
			continue
		}
		m := typeLinkRe.FindStringSubmatch(t.Docs.Summary)
		if m == nil {
			errs = append(errs, fmt.Errorf("%s: no registry link in the class docs", fqn))
			continue
		}
		name := m[5]
		cfg := configFqn(t)
		if cfg == "" {
			errs = append(errs, fmt.Errorf("%s (%s): initializer has no config parameter", fqn, name))
			continue
		}
		if _, dup := dst[name]; dup {
			errs = append(errs, fmt.Errorf("%s: duplicate type name %s", fqn, name))
			continue
		}
		if g.types[cfg] == nil {
			errs = append(errs, fmt.Errorf("%s (%s): config type %s not in assembly", fqn, name, cfg))
			continue
		}
		dst[name] = g.block(cfg, fqn)
	}
	if s.Provider == nil {
		errs = append(errs, errors.New("no provider class (base "+baseProvider+") found"))
	}
	if len(s.Resources) == 0 {
		errs = append(errs, errors.New("no resource classes (base "+baseResource+") found"))
	}
	if len(s.EphemeralResources) == 0 {
		s.EphemeralResources = nil
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return s, nil
}

type generator struct {
	types map[string]*jsiiType
	// stack counts the occurrences of each struct on the path being built.
	// A few types are recursive (aws_wafv2_web_acl_rule's statement ->
	// and_statement -> statement); they are unrolled maxRecursion times,
	// deeper occurrences become opaque blocks.
	stack map[string]int
	// documented maps a camelCase property name to the Terraform name its
	// docs link gives anywhere in the assembly (most frequent one), used for
	// computed-only getters whose own struct has no documented property.
	documented map[string]string
}

// maxRecursion is how many times a recursive struct may occur on one path.
const maxRecursion = 3

// configFqn returns the type of the initializer's "config" parameter.
func configFqn(t *jsiiType) string {
	if t.Initializer == nil {
		return ""
	}
	for _, p := range t.Initializer.Parameters {
		if p.Name == "config" {
			return p.Type.Fqn
		}
	}
	return ""
}

// structOf finds the datatype struct referenced by a property type, through
// unions (with cdktn.IResolvable) and collections. list is true when the
// struct is an array element, mapped when it is a map value.
func (g *generator) structOf(t jsiiTypeRef) (fqn string, list, mapped bool) {
	switch {
	case t.Fqn != "":
		if st := g.types[t.Fqn]; st != nil && st.Kind == "interface" && st.Datatype {
			return t.Fqn, false, false
		}
	case t.Collection != nil:
		f, l, m := g.structOf(t.Collection.ElementType)
		if f == "" {
			return "", false, false
		}
		switch t.Collection.Kind {
		case "array":
			l = true
		case "map":
			m = true
		}
		return f, l, m
	case t.Union != nil:
		for _, u := range t.Union.Types {
			if f, l, m := g.structOf(u); f != "" {
				return f, l, m
			}
		}
	}
	return "", false, false
}

// block builds the Block for a struct (the settable arguments and blocks) and
// the class whose getters are its readable attributes ("" for none).
func (g *generator) block(structFqn, classFqn string) *Block {
	b := &Block{}
	st := g.types[structFqn]
	if st == nil {
		b.Opaque = true
		return b
	}
	g.stack[structFqn]++
	defer func() { g.stack[structFqn]-- }()

	names := make(map[string]string, len(st.Properties)) // camelCase -> Terraform name
	for _, p := range st.Properties {
		if p.Static {
			continue
		}
		name := tfName(p)
		names[p.Name] = name
		sf, list, mapped := g.structOf(p.Type)
		if blockSummaryRe.MatchString(p.Docs.Summary) {
			nb := &NestedBlock{Required: !p.Optional, List: list}
			switch {
			case sf == "":
				// cdktf gave up on the type (typed as "any"): contents unknown.
				nb.Opaque = true
			case g.stack[sf] >= maxRecursion:
				nb.Opaque = true
			default:
				nb.Block = *g.block(sf, g.outputReference(sf))
			}
			if b.Blocks == nil {
				b.Blocks = map[string]*NestedBlock{}
			}
			b.Blocks[name] = nb
			continue
		}
		a := &Argument{Required: !p.Optional}
		if sf != "" && !mapped && g.stack[sf] < maxRecursion {
			// Object-typed attribute (`name = { ... }` or `name = [{ ... }]`);
			// for a map of objects the fields describe the values, not the
			// keys, so they are not recorded.
			a.ObjectAttr = g.block(sf, g.outputReference(sf))
			a.List = list
		}
		if b.Arguments == nil {
			b.Arguments = map[string]*Argument{}
		}
		b.Arguments[name] = a
	}
	if classFqn != "" {
		b.Attributes = g.readable(classFqn, names)
	}
	return b
}

// outputReference returns the class that exposes a struct's readable
// attributes, or "" if the assembly has none.
func (g *generator) outputReference(structFqn string) string {
	c := structFqn + "OutputReference"
	if t := g.types[c]; t != nil && t.Kind == "class" {
		return c
	}
	return ""
}

// readable returns the sorted Terraform names of the getters of a class.
// names maps the struct's camelCase property names to Terraform names.
func (g *generator) readable(classFqn string, names map[string]string) []string {
	cls := g.types[classFqn]
	if cls == nil {
		return nil
	}
	has := make(map[string]bool, len(cls.Properties))
	for _, p := range cls.Properties {
		has[p.Name] = true
	}
	seen := map[string]bool{}
	var out []string
	for _, p := range cls.Properties {
		if p.Static || internalGetters[p.Name] {
			continue
		}
		if strings.HasPrefix(p.Docs.Deprecated, "Write-only") {
			// write-only argument: reading it always yields null
			continue
		}
		name, ok := names[p.Name]
		if !ok {
			// "<arg>Input" mirrors the input of argument <arg>; a Terraform
			// attribute that really ends in "_input" (batch_transform_input) has
			// no "batchTransform" sibling, or is itself a struct property.
			if base, cut := strings.CutSuffix(p.Name, "Input"); cut && has[base] {
				continue
			}
			name = g.getterName(p.Name)
		}
		if !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// indexDocumentedNames fills g.documented from the docs links of all struct
// properties in the assembly.
func (g *generator) indexDocumentedNames() {
	counts := map[string]map[string]int{}
	for _, t := range g.types {
		if t.Kind != "interface" {
			continue
		}
		for _, p := range t.Properties {
			n := linkName(p)
			if n == "" {
				continue
			}
			if counts[p.Name] == nil {
				counts[p.Name] = map[string]int{}
			}
			counts[p.Name][n]++
		}
	}
	g.documented = make(map[string]string, len(counts))
	for camel, c := range counts {
		best, bestN := "", 0
		for n, k := range c {
			if k > bestN || (k == bestN && n < best) {
				best, bestN = n, k
			}
		}
		g.documented[camel] = best
	}
}

// getterName returns the Terraform name of a getter that has no documented
// property in its own struct (a computed-only attribute).
func (g *generator) getterName(camel string) string {
	if n, ok := escapedNames[camel]; ok {
		return n
	}
	if n, ok := ambiguousNames[camel]; ok {
		return n
	}
	if n, ok := g.documented[camel]; ok {
		return n
	}
	return snakeCase(camel)
}

// linkName returns the Terraform name in a property's registry link, or "".
func linkName(p jsiiProperty) string {
	for _, txt := range []string{p.Docs.Summary, p.Docs.Remarks} {
		if m := propLinkRe.FindAllStringSubmatch(txt, -1); m != nil {
			return m[len(m)-1][2]
		}
	}
	return ""
}

// tfName returns the Terraform name of a struct property: the anchor of its
// registry link, else the name in a "<name> block." summary, else the
// camelCase name converted back.
func tfName(p jsiiProperty) string {
	if n := linkName(p); n != "" {
		return n
	}
	if m := blockSummaryRe.FindStringSubmatch(p.Docs.Summary); m != nil {
		return m[1]
	}
	return unescapeName(p.Name)
}

// unescapeName converts a cdktf property name back to the Terraform name.
func unescapeName(camel string) string {
	if n, ok := escapedNames[camel]; ok {
		return n
	}
	return snakeCase(camel)
}

// snakeCase converts camelCase to snake_case: an underscore before every
// upper-case letter (ipv6CidrBlock -> ipv6_cidr_block). Digits are kept with
// the preceding word (ipv6, route53, s3), which is right for most names; the
// documented struct properties (the links) cover the exceptions.
func snakeCase(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 4)
	for i, r := range s {
		if unicode.IsUpper(r) {
			if i > 0 {
				b.WriteByte('_')
			}
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
