package schema

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"
)

// testdata/fixture.jsii is a small hand-made jsii assembly with the same
// conventions as @cdktn/provider-aws: one resource (aws_widget), one data
// source (aws_thing) and the provider.
func generateFixture(t *testing.T) *Schema {
	t.Helper()
	f, err := os.Open("testdata/fixture.jsii")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := Generate(f)
	if err != nil {
		t.Fatalf("Generate(fixture): %v", err)
	}
	return s
}

func TestGenerateFixtureHeader(t *testing.T) {
	s := generateFixture(t)
	if s.ProviderSource != "hashicorp/aws" || s.ProviderVersion != "6.66.0" {
		t.Errorf("provider = %q %q, want hashicorp/aws 6.66.0", s.ProviderSource, s.ProviderVersion)
	}
	if want := "npm @test/provider-aws@1.2.3 (.jsii)"; s.GeneratedFrom != want {
		t.Errorf("GeneratedFrom = %q, want %q", s.GeneratedFrom, want)
	}
	if got := s.ResourceTypes(); !reflect.DeepEqual(got, []string{"aws_widget"}) {
		t.Errorf("resources = %v, want [aws_widget]", got)
	}
	if got := s.DataSourceTypes(); !reflect.DeepEqual(got, []string{"aws_thing"}) {
		t.Errorf("data sources = %v, want [aws_thing]", got)
	}
	if s.EphemeralResources != nil {
		t.Errorf("ephemeral resources = %v, want none", s.EphemeralResources)
	}
}

func TestGenerateFixtureArguments(t *testing.T) {
	w := generateFixture(t).Resource("aws_widget")
	if w == nil {
		t.Fatal("aws_widget missing")
	}
	// Terraform names come from the docs links, including cdktf renames
	// (get_password_data -> fetchPasswordData, self -> selfAttribute); a
	// property without a link falls back to snake_case. Meta-arguments of the
	// config's base interface are not listed.
	wantArgs := []string{"description", "endpoint", "get_password_data", "id", "labels", "name", "plain_name", "secret_wo", "self", "tags", "targets"}
	if got := w.ArgumentNames(); !reflect.DeepEqual(got, wantArgs) {
		t.Errorf("arguments = %v\nwant %v", got, wantArgs)
	}
	if got := w.RequiredArguments(); !reflect.DeepEqual(got, []string{"name"}) {
		t.Errorf("required arguments = %v, want [name]", got)
	}
	for _, n := range []string{"fetch_password_data", "self_attribute", "count", "for_each", "depends_on", "lifecycle", "provider"} {
		if w.Argument(n) != nil {
			t.Errorf("unexpected argument %q", n)
		}
	}

	// A struct-typed property without "<name> block." is an object attribute.
	ep := w.Argument("endpoint")
	if ep == nil || ep.ObjectAttr == nil {
		t.Fatalf("endpoint = %+v, want object attribute", ep)
	}
	if w.NestedBlock("endpoint") != nil {
		t.Error("endpoint must not be a block")
	}
	if got := ep.ObjectAttr.RequiredArguments(); !reflect.DeepEqual(got, []string{"address"}) {
		t.Errorf("endpoint required fields = %v, want [address]", got)
	}
	if ep.ObjectAttr.Argument("port") == nil {
		t.Error("endpoint.port missing")
	}
	if !ep.ObjectAttr.HasAttribute("port") {
		t.Error("endpoint.port not readable")
	}
	if ep.List {
		t.Error("endpoint is a single object, not a list")
	}
	if tg := w.Argument("targets"); tg == nil || tg.ObjectAttr == nil || !tg.List || tg.ObjectAttr.Argument("arn") == nil {
		t.Errorf("targets = %+v, want list-of-object attribute with field arn", tg)
	}
	// A map of objects: the fields would describe the values, not the keys.
	if lb := w.Argument("labels"); lb == nil || lb.ObjectAttr != nil || lb.List {
		t.Errorf("labels = %+v, want plain argument", lb)
	}
}

func TestGenerateFixtureBlocks(t *testing.T) {
	w := generateFixture(t).Resource("aws_widget")
	if w == nil {
		t.Fatal("aws_widget missing")
	}
	if got, want := w.BlockNames(), []string{"definition", "rule", "settings", "tree"}; !reflect.DeepEqual(got, want) {
		t.Errorf("blocks = %v, want %v", got, want)
	}
	if got := w.RequiredBlocks(); !reflect.DeepEqual(got, []string{"rule"}) {
		t.Errorf("required blocks = %v, want [rule]", got)
	}

	rule := w.NestedBlock("rule")
	if rule == nil || !rule.List || !rule.Required {
		t.Fatalf("rule = %+v, want required list block", rule)
	}
	if a := rule.Argument("priority"); a == nil || !a.Required {
		t.Errorf("rule.priority = %+v, want required", a)
	}
	action := rule.NestedBlock("action")
	if action == nil || action.List || action.Required {
		t.Fatalf("rule.action = %+v, want optional single block", action)
	}
	if a := action.Argument("type"); a == nil || !a.Required {
		t.Errorf("rule.action.type = %+v, want required", a)
	}
	// nested readable attributes come from the OutputReference getters
	if got, want := rule.Attributes, []string{"action", "priority", "rule_arn"}; !reflect.DeepEqual(got, want) {
		t.Errorf("rule attributes = %v, want %v", got, want)
	}

	settings := w.NestedBlock("settings")
	if settings == nil || settings.List {
		t.Fatalf("settings = %+v, want single block", settings)
	}
	// names with digits come from the links, not from camelCase
	if got, want := settings.ArgumentNames(), []string{"address_line_1", "m2ts_settings"}; !reflect.DeepEqual(got, want) {
		t.Errorf("settings arguments = %v, want %v", got, want)
	}
	if got, want := settings.Attributes, []string{"address_line_1", "m2ts_settings"}; !reflect.DeepEqual(got, want) {
		t.Errorf("settings attributes = %v, want %v", got, want)
	}

	// "definition block." typed as any: contents unknown
	if d := w.NestedBlock("definition"); d == nil || !d.Opaque {
		t.Errorf("definition = %+v, want opaque block", d)
	}

	// a recursive struct is unrolled maxRecursion times (tree, child,
	// child), deeper occurrences are opaque
	b := &w.NestedBlock("tree").Block
	for depth := 1; depth <= maxRecursion; depth++ {
		if b.Opaque || b.Argument("leaf") == nil {
			t.Fatalf("tree depth %d = %+v, want leaf argument", depth, b)
		}
		nb := b.NestedBlock("child")
		if nb == nil || !nb.List {
			t.Fatalf("tree depth %d child = %+v, want list block", depth, nb)
		}
		b = &nb.Block
	}
	if !b.Opaque {
		t.Errorf("tree at depth %d = %+v, want opaque", maxRecursion+1, b)
	}
}

func TestGenerateFixtureAttributes(t *testing.T) {
	w := generateFixture(t).Resource("aws_widget")
	if w == nil {
		t.Fatal("aws_widget missing")
	}
	want := []string{
		"address_line_1",        // computed-only, name documented on another struct
		"arn",                   // computed-only
		"batch_transform_input", // real name ending in _input: no batchTransform sibling
		"checksum_crc32c",       // ambiguous digits
		"computed_items",        // computed-only list of objects
		"description",
		"endpoint",
		"equals", // equalTo
		"get_password_data",
		"id",
		"ipv6_cidr_block",
		"name",
		"node", // nodeAttribute
		"plain_name",
		"rule",
		"self",
		"settings",
	}
	if !reflect.DeepEqual(w.Attributes, want) {
		t.Errorf("attributes =\n%v\nwant\n%v", w.Attributes, want)
	}
	for _, n := range w.Attributes {
		if strings.HasSuffix(n, "_input") && n != "batch_transform_input" {
			t.Errorf("input mirror %q listed as attribute", n)
		}
	}
	// write-only: settable but not listed as readable
	if w.Argument("secret_wo") == nil {
		t.Error("write-only argument secret_wo missing")
	}
	for _, n := range []string{"tf_resource_type", "name_input", "secret_wo", "fetch_password_data", "internal_value"} {
		if contains(w.Attributes, n) {
			t.Errorf("attributes contain %q", n)
		}
	}
	// HasAttribute also accepts argument and block names.
	for _, n := range []string{"arn", "id", "name", "tags", "targets", "tree", "definition"} {
		if !w.HasAttribute(n) {
			t.Errorf("HasAttribute(%q) = false", n)
		}
	}
	for _, n := range []string{"nope", "arn_input", "", "fqn", "node_attribute"} {
		if w.HasAttribute(n) {
			t.Errorf("HasAttribute(%q) = true", n)
		}
	}
}

func TestGenerateFixtureDataSourceAndProvider(t *testing.T) {
	s := generateFixture(t)
	d := s.DataSource("aws_thing")
	if d == nil {
		t.Fatal("data source aws_thing missing")
	}
	if s.Resource("aws_thing") != nil || s.DataSource("aws_widget") != nil {
		t.Error("resources and data sources mixed up")
	}
	f := d.NestedBlock("filter")
	if f == nil || !f.List || f.Required {
		t.Fatalf("filter = %+v, want optional list block", f)
	}
	if got := f.RequiredArguments(); !reflect.DeepEqual(got, []string{"name", "values"}) {
		t.Errorf("filter required = %v", got)
	}
	if !d.HasAttribute("account_id") || d.HasAttribute("account_id_input") {
		t.Errorf("aws_thing attributes = %v", d.Attributes)
	}

	p := s.Provider
	if p == nil {
		t.Fatal("provider missing")
	}
	if got := p.ArgumentNames(); !reflect.DeepEqual(got, []string{"alias", "region"}) {
		t.Errorf("provider arguments = %v", got)
	}
	if dt := p.NestedBlock("default_tags"); dt == nil || dt.Argument("tags") == nil {
		t.Errorf("provider default_tags = %+v", dt)
	}
	if len(p.Attributes) != 0 {
		t.Errorf("provider attributes = %v, want none", p.Attributes)
	}
}

func TestEncodeDecodeRoundTrip(t *testing.T) {
	s := generateFixture(t)
	var a, b bytes.Buffer
	if err := Encode(&a, s); err != nil {
		t.Fatal(err)
	}
	if err := Encode(&b, generateFixture(t)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("Encode output is not deterministic")
	}
	got, err := Decode(bytes.NewReader(a.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, s) {
		t.Errorf("round trip changed the schema:\n got %+v\nwant %+v", got, s)
	}
}

func TestGenerateErrors(t *testing.T) {
	for name, in := range map[string]string{
		"not json":     "{",
		"no types":     `{"name":"x","version":"1","types":{}}`,
		"no resources": `{"name":"x","version":"1","types":{"a.B":{"kind":"interface","fqn":"a.B"}}}`,
		"no link":      `{"name":"x","version":"1","types":{"a.R":{"kind":"class","fqn":"a.R","base":"cdktn.TerraformResource","docs":{"summary":"no link"}}}}`,
	} {
		if _, err := Generate(strings.NewReader(in)); err == nil {
			t.Errorf("%s: Generate succeeded, want error", name)
		}
	}
}

func TestSnakeCase(t *testing.T) {
	for in, want := range map[string]string{
		"arn":                     "arn",
		"bucketRegionalDomain":    "bucket_regional_domain",
		"ipv6CidrBlock":           "ipv6_cidr_block",
		"defaultSecurityGroupId":  "default_security_group_id",
		"route53ZoneId":           "route53_zone_id",
		"s3Bucket":                "s3_bucket",
		"selfAttribute":           "self_attribute",
		"ec2MetadataServiceEndpo": "ec2_metadata_service_endpo",
	} {
		if got := snakeCase(in); got != want {
			t.Errorf("snakeCase(%q) = %q, want %q", in, got, want)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
