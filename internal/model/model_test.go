package model

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func load(t *testing.T, dir string, opts Options) *Model {
	t.Helper()
	m, err := Load(context.Background(), dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func find(t *testing.T, m *Model, addr string) *Resource {
	t.Helper()
	for _, r := range m.Resources {
		if r.Address == addr {
			return r
		}
	}
	var have []string
	for _, r := range m.Resources {
		have = append(have, r.Address)
	}
	t.Fatalf("no resource %s; have:\n%s", addr, strings.Join(have, "\n"))
	return nil
}

func TestAddressesModulesAndInstances(t *testing.T) {
	m := load(t, "testdata/basic/root", Options{})
	want := []string{
		`aws_s3_bucket.replica[0]`,
		`aws_s3_bucket.replica[1]`,
		`aws_s3_bucket_policy.this`,
		`data.aws_caller_identity.current`,
		`module.net.aws_security_group.this`,
		`module.net.aws_subnet.private["us-east-1a"]`,
		`module.net.aws_subnet.private["us-east-1b"]`,
		`module.net.aws_vpc.this`,
		`module.standby.aws_security_group.this`,
		`module.standby.aws_subnet.private["us-west-2a"]`,
		`module.standby.aws_vpc.this`,
	}
	var got []string
	for _, r := range m.Resources {
		got = append(got, r.Address)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("addresses:\n got %v\nwant %v", got, want)
	}
	sub := find(t, m, `module.net.aws_subnet.private["us-east-1b"]`)
	if sub.Module != "module.net" || sub.Type != "aws_subnet" || sub.Name != "private" || sub.Index != "us-east-1b" || sub.Mode != ModeManaged {
		t.Errorf("subnet identity wrong: %+v", sub)
	}
	if got := sub.Values["cidr_block"]; got != "10.0.16.0/20" {
		t.Errorf("cidrsubnet evaluated to %v, want 10.0.16.0/20", got)
	}
	if b := find(t, m, "aws_s3_bucket.replica[1]"); b.Index != 1 || b.Values["bucket"] != "demo-replica-1" {
		t.Errorf("count instance wrong: %+v", b)
	}
	if d := find(t, m, "data.aws_caller_identity.current"); d.Mode != ModeData {
		t.Errorf("data source mode %q", d.Mode)
	}
	if len(m.Modules) != 2 || m.Modules[0].Address != "module.net" || m.Modules[1].Address != "module.standby" {
		t.Errorf("modules: %+v", m.Modules)
	}
	if !strings.HasSuffix(sub.File, filepath.Join("modules", "net", "main.tf")) || sub.Line != 16 {
		t.Errorf("subnet defined at %s:%d", sub.File, sub.Line)
	}
}

func TestProvidersAndRegions(t *testing.T) {
	m := load(t, "testdata/basic/root", Options{})
	cases := map[string][2]string{
		"aws_s3_bucket.replica[0]":                        {"aws.replica", "us-west-2"},
		"aws_s3_bucket_policy.this":                       {"aws", "us-east-1"},
		"module.net.aws_vpc.this":                         {"aws", "us-east-1"},
		"module.standby.aws_vpc.this":                     {"aws.replica", "us-west-2"},
		`module.standby.aws_subnet.private["us-west-2a"]`: {"aws.replica", "us-west-2"},
	}
	for addr, want := range cases {
		r := find(t, m, addr)
		if r.Provider != want[0] || r.Region != want[1] {
			t.Errorf("%s: provider %s region %s, want %s %s", addr, r.Provider, r.Region, want[0], want[1])
		}
	}
}

// TestUnknownValuesAreMarked: values computed by AWS are Unknown, never the
// evaluator's invented placeholders.
func TestUnknownValuesAreMarked(t *testing.T) {
	m := load(t, "testdata/basic/root", Options{})
	vpcRef := find(t, m, `module.net.aws_subnet.private["us-east-1a"]`).Values["vpc_id"]
	if !IsUnknown(vpcRef) {
		t.Errorf("vpc_id from aws_vpc.this.id should be unknown, got %#v", vpcRef)
	}
	policy := find(t, m, "aws_s3_bucket_policy.this").Values["policy"]
	if !IsUnknown(policy) {
		t.Errorf("a policy built from an ARN should be unknown, got %#v", policy)
	}
	r := find(t, m, "module.net.aws_security_group.this")
	ingress, ok := r.Values["ingress"].([]any)
	if !ok || len(ingress) != 2 {
		t.Fatalf("dynamic ingress should expand to 2 blocks, got %#v", r.Values["ingress"])
	}
	if v, ok := r.Lookup("ingress.1.from_port"); !ok || v != int64(443) {
		t.Errorf("ingress.1.from_port = %#v", v)
	}
	if _, ok := r.Lookup("ingress.7.from_port"); ok {
		t.Error("Lookup past the end should fail")
	}
}

func TestMissingRequiredVariableIsUnknownWithNote(t *testing.T) {
	m := load(t, "testdata/basic/root", Options{NoAutoVarFiles: true})
	if !IsUnknown(m.Variables["region"]) {
		t.Errorf("region without a value should be unknown, got %#v", m.Variables["region"])
	}
	if !strings.Contains(strings.Join(m.Notes, "\n"), `variable "region" has no value`) {
		t.Errorf("notes lack the missing variable: %v", m.Notes)
	}
	if r := find(t, m, "module.net.aws_vpc.this"); r.Region != "" {
		t.Errorf("region should be unknown, got %q", r.Region)
	}
}

func TestVarFileOrderAndErrors(t *testing.T) {
	dir := t.TempDir()
	over := filepath.Join(dir, "override.tfvars")
	if err := os.WriteFile(over, []byte("name = \"other\"\nreplicas = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	m := load(t, "testdata/basic/root", Options{VarFiles: []string{over}})
	if got := find(t, m, "module.net.aws_vpc.this").Values["tags"].(map[string]any)["Name"]; got != "other" {
		t.Errorf("explicit var file should win over terraform.tfvars, got %v", got)
	}
	if len(m.OfType("aws_s3_bucket")) != 1 {
		t.Errorf("replicas = 1 should give one bucket")
	}

	bad := filepath.Join(dir, "bad.tfvars")
	if err := os.WriteFile(bad, []byte("region = \"us-east-1\"\nreplicas = \"two\"\nzones = []\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(context.Background(), "testdata/basic/root", Options{VarFiles: []string{bad}})
	var le *LoadError
	if !errors.As(err, &le) {
		t.Fatalf("want a LoadError, got %v", err)
	}
	msg := err.Error()
	for _, want := range []string{"bad.tfvars:2", `"replicas" is not a valid number`, "bad.tfvars:3", `variable "zones" is not declared`} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q:\n%s", want, msg)
		}
	}

	if _, err := Load(context.Background(), "testdata/basic/root", Options{VarFiles: []string{filepath.Join(dir, "missing.tfvars")}}); err == nil || !strings.Contains(err.Error(), "missing.tfvars does not exist") {
		t.Errorf("missing var file: %v", err)
	}
}

func TestSyntaxErrorNamesFileAndLine(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte("resource \"aws_vpc\" \"this\" {\n  cidr_block = \n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(context.Background(), dir, Options{})
	var le *LoadError
	if !errors.As(err, &le) || len(le.Findings) == 0 {
		t.Fatalf("want a LoadError with findings, got %v", err)
	}
	if f := le.Findings[0]; !strings.HasSuffix(f.File, "main.tf") || f.Line != 2 {
		t.Errorf("syntax error at %s:%d, want main.tf:2", f.File, f.Line)
	}
}

func TestEmptyAndMissingDirectories(t *testing.T) {
	if _, err := Load(context.Background(), t.TempDir(), Options{}); err == nil || !strings.Contains(err.Error(), "no .tf files") {
		t.Errorf("empty dir: %v", err)
	}
	if _, err := Load(context.Background(), "testdata/nope", Options{}); err == nil || !strings.Contains(err.Error(), "no such directory") {
		t.Errorf("missing dir: %v", err)
	}
}

func TestDuplicateDeclarationsStopEvaluation(t *testing.T) {
	dir := t.TempDir()
	src := "variable \"a\" {\n  type = string\n}\n\nvariable \"a\" {\n  type = number\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(context.Background(), dir, Options{})
	if err == nil || !strings.Contains(err.Error(), `main.tf:5:1: HIGH: duplicate variable "a": first declared at`) {
		t.Fatalf("want a duplicate-variable error at main.tf:5, got %v", err)
	}
}

// TestReferencesFollowModulesAndLocals: dependencies are found through
// module inputs (var.x is what the caller passes) and resource attributes.
func TestReferencesFollowModulesAndLocals(t *testing.T) {
	m := load(t, "testdata/basic/root", Options{})
	cases := map[string][]string{
		"aws_s3_bucket_policy.this":                       {"aws_s3_bucket.replica", "data.aws_caller_identity.current"},
		`module.net.aws_subnet.private["us-east-1a"]`:     {"module.net.aws_vpc.this"},
		"module.standby.aws_security_group.this":          {"module.standby.aws_vpc.this"},
		`module.standby.aws_subnet.private["us-west-2a"]`: {"module.standby.aws_vpc.this"},
	}
	for addr, want := range cases {
		if got := find(t, m, addr).References; strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%s references %v, want %v", addr, got, want)
		}
	}
	if got := find(t, m, "module.net.aws_vpc.this").BlockAddress(); got != "module.net.aws_vpc.this" {
		t.Errorf("block address %s", got)
	}
	if got := find(t, m, `module.net.aws_subnet.private["us-east-1a"]`).BlockAddress(); got != "module.net.aws_subnet.private" {
		t.Errorf("block address %s", got)
	}
}
