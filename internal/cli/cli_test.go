package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/candlefish-ai/infrastructure/internal/project"
)

var update = flag.Bool("update", false, "rewrite golden files")

// run runs cfctl with args in the repository root and returns exit code and outputs.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	root, err := project.FindRoot(".")
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	c := &CLI{Stdout: &out, Stderr: &errOut, WorkDir: root}
	code := c.Run(context.Background(), args)
	return code, out.String(), errOut.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (go test ./internal/cli -update refreshes it after review)\n got:\n%s\nwant:\n%s", name, got, want)
	}
}

const fixture = "internal/cli/testdata/fixture"

func TestPreviewJSONShape(t *testing.T) {
	code, out, errOut := run(t, "preview", "--format", "json", fixture)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var p struct {
		Resources []map[string]json.RawMessage `json:"resources"`
		Findings  []json.RawMessage            `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &p); err != nil {
		t.Fatalf("preview JSON does not parse: %v\n%s", err, out)
	}
	if len(p.Resources) == 0 {
		t.Fatal("no resources in the preview")
	}
	for _, r := range p.Resources {
		for _, k := range []string{"address", "type", "module", "values"} {
			if _, ok := r[k]; !ok {
				t.Errorf("resource %s lacks %q", r["address"], k)
			}
		}
	}
	golden(t, "preview.json.golden", out)
}

func TestPreviewText(t *testing.T) {
	code, out, errOut := run(t, "preview", fixture)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	golden(t, "preview.txt.golden", out)
}

// preview --all evaluates the environments side by side; what it prints is,
// in the environments' order, exactly what each one-target preview prints.
func TestPreviewAllMatchesOneByOne(t *testing.T) {
	code, out, errOut := run(t, "preview", "--all", "--format", "json", "--no-findings")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var all []json.RawMessage
	if err := json.Unmarshal([]byte(out), &all); err != nil {
		t.Fatalf("preview --all JSON is not an array: %v", err)
	}
	root, err := project.FindRoot(".")
	if err != nil {
		t.Fatal(err)
	}
	envs := project.Environments(root)
	if len(all) != len(envs) {
		t.Fatalf("%d previews, want one per environment (%v)", len(all), envs)
	}
	for i, env := range envs {
		code, one, errOut := run(t, "preview", "--format", "json", "--no-findings", env)
		if code != ExitOK {
			t.Fatalf("%s: exit %d: %s", env, code, errOut)
		}
		var a, b bytes.Buffer
		if err := json.Compact(&a, all[i]); err != nil {
			t.Fatal(err)
		}
		if err := json.Compact(&b, []byte(one)); err != nil {
			t.Fatal(err)
		}
		if a.String() != b.String() {
			t.Errorf("preview --all, element %d, differs from preview %s", i, env)
		}
	}
}

func TestValidateExitCodes(t *testing.T) {
	if code, out, errOut := run(t, "validate", "--no-tflint", fixture); code != ExitOK {
		t.Fatalf("clean fixture: exit %d\n%s%s", code, out, errOut)
	}
	code, out, _ := run(t, "validate", "--no-tflint", "internal/cli/testdata/defective")
	if code != ExitFindings {
		t.Fatalf("defective fixture: want exit %d, got %d\n%s", ExitFindings, code, out)
	}
	for _, want := range []string{
		`internal/cli/testdata/defective/main.tf:12:3: HIGH: unknown argument "enable_key_rotaton" in aws_kms_key.this [schema/unknown-argument] (fix: did you mean "enable_key_rotation"?)`,
		`internal/cli/testdata/defective: 1 finding(s) at or above HIGH`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// TestBadInput: each bad input gets one clear message naming what is wrong,
// exit 1, and nothing is written.
func TestBadInput(t *testing.T) {
	tmp := t.TempDir()
	empty := filepath.Join(tmp, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		args []string
		want []string
	}{
		{"unknown environment", []string{"preview", "prod"}, []string{`unknown environment "prod"`, "dev, staging, production"}},
		{"no .tf files", []string{"validate", empty}, []string{empty, "no .tf files"}},
		{"missing directory", []string{"preview", "./no/such/dir"}, []string{"./no/such/dir", "no such directory"}},
		{"syntax error", []string{"preview", "internal/cli/testdata/badinput/syntax"}, []string{"main.tf:3", "syntax/main.tf"}},
		{"missing tfvars file", []string{"preview", "--var-file", "nope.tfvars", fixture}, []string{"nope.tfvars", "does not exist"}},
		{"undeclared variable in tfvars", []string{"preview", "internal/cli/testdata/badinput/undeclared"}, []string{"terraform.tfvars:2", `variable "nmae" is not declared`, `did you mean "name"`}},
		{"wrong variable type", []string{"preview", "internal/cli/testdata/badinput/wrongtype"}, []string{"terraform.tfvars:1", `variable "retention_days" is not a valid number`}},
		{"unknown command", []string{"preveiw", "dev"}, []string{`unknown command "preveiw"`}},
		{"bad format", []string{"preview", "--format", "yaml", "dev"}, []string{`--format "yaml"`, "text, json"}},
		{"--all and targets", []string{"preview", "--all", "dev"}, []string{"either --all or targets"}},
		{"--var-file for several targets", []string{"preview", "--var-file", "x.tfvars", "dev", "staging"}, []string{"--var-file applies to one target", "2 targets"}},
		{"bad severity", []string{"validate", "--severity", "urgent", "dev"}, []string{"--severity", "LOW, MEDIUM, HIGH, CRITICAL"}},
	}
	before := snapshot(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := run(t, c.args...)
			if code != ExitError {
				t.Fatalf("want exit %d, got %d\nstdout: %s\nstderr: %s", ExitError, code, out, errOut)
			}
			for _, w := range c.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errOut)
				}
			}
		})
	}
	if after := snapshot(t); after != before {
		t.Errorf("bad input changed files in the repository:\nbefore: %s\nafter:  %s", before, after)
	}
}

// snapshot lists the repository's files with their sizes and times, to see that nothing was written.
func snapshot(t *testing.T) string {
	root, _ := project.FindRoot(".")
	var b strings.Builder
	_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "bin") {
			return filepath.SkipDir
		}
		if info, err := d.Info(); err == nil && !d.IsDir() {
			b.WriteString(p + " " + info.ModTime().String() + "\n")
		}
		return nil
	})
	return b.String()
}

func TestGraph(t *testing.T) {
	code, out, errOut := run(t, "graph", "--format", "mermaid", fixture)
	if code != ExitOK || !strings.HasPrefix(out, "flowchart LR\n") || !strings.Contains(out, "aws_cloudwatch_log_group.app") {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	if code, _, errOut := run(t, "graph", "--format", "svg", fixture); code != ExitError || !strings.Contains(errOut, "give -o file.svg") {
		t.Errorf("svg without -o: exit %d: %s", code, errOut)
	}
	if code, _, errOut := run(t, "graph", "--format", "gif", fixture); code != ExitError || !strings.Contains(errOut, "dot, mermaid, png, svg") {
		t.Errorf("bad format: exit %d: %s", code, errOut)
	}
	out2 := filepath.Join(t.TempDir(), "g.dot")
	if code, _, errOut := run(t, "graph", "-o", out2, fixture); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if b, err := os.ReadFile(out2); err != nil || !strings.HasPrefix(string(b), "digraph terraform {") {
		t.Errorf("-o file.dot should hold DOT: %v", err)
	}
}

// TestCheckFindsWhatTheIssueLists: an unencrypted bucket, SSH open to the
// world, a wildcard IAM policy, a missing tag and an ignore without a reason
// are each reported at their line, by both trivy and the Candlefish policies
// where both cover them, and the exit code is 2. A reasoned ignore silences
// its finding; an expired one does not.
func TestCheckFindsWhatTheIssueLists(t *testing.T) {
	code, out, errOut := run(t, "check", "--format", "json", "internal/cli/testdata/insecure")
	if code != ExitFindings {
		t.Fatalf("want exit 2, got %d\n%s%s", code, out, errOut)
	}
	var doc struct {
		Targets []struct {
			Findings []struct {
				RuleID   string `json:"rule_id"`
				File     string `json:"file"`
				Line     int    `json:"line"`
				Severity string `json:"severity"`
				Message  string `json:"message"`
				Fix      string `json:"resolution"`
			} `json:"findings"`
		} `json:"targets"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	got := map[string]bool{}
	for _, f := range doc.Targets[0].Findings {
		got[fmt.Sprintf("%s@%d", f.RuleID, f.Line)] = true
		if f.File != "internal/cli/testdata/insecure/main.tf" || f.Line == 0 || f.Severity == "" || f.Message == "" || f.Fix == "" {
			t.Errorf("finding lacks file, line, severity, message or fix: %+v", f)
		}
	}
	for _, want := range []string{
		"CF-ENC-001@28", "AWS-0132@28", // unencrypted bucket
		"CF-NET-001@49", "AWS-0107@49", // SSH from anywhere
		"CF-IAM-001@58",                  // wildcard policy document
		"CF-TAG-001@68",                  // missing CostCenter
		"cfctl/ignore-without-reason@27", // ignore without a reason
		"cfctl/ignore-expired@83", "CF-LOG-001@84",
	} {
		if !got[want] {
			t.Errorf("missing %s; got %v", want, got)
		}
	}
	for _, silenced := range []string{"CF-ENC-001@76", "cfctl/ignore-unused@75"} {
		if got[silenced] {
			t.Errorf("%s should not be reported: the ignore has a reason and is used", silenced)
		}
	}
}

func TestCheckSARIFAndTable(t *testing.T) {
	code, out, _ := run(t, "check", "--format", "sarif", "internal/cli/testdata/insecure")
	if code != ExitFindings {
		t.Fatalf("exit %d", code)
	}
	var s struct {
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Rules []struct{ ID string } `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				Level     string `json:"level"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }    `json:"artifactLocation"`
						Region           struct{ StartLine int } `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatal(err)
	}
	if s.Version != "2.1.0" || len(s.Runs) != 1 || len(s.Runs[0].Results) < 9 || len(s.Runs[0].Tool.Driver.Rules) < 8 {
		t.Fatalf("SARIF shape wrong: %+v", s)
	}
	for _, r := range s.Runs[0].Results {
		if r.Locations[0].PhysicalLocation.ArtifactLocation.URI == "" || r.Locations[0].PhysicalLocation.Region.StartLine == 0 || r.Level == "" {
			t.Errorf("result without location or level: %+v", r)
		}
	}
	code, out, _ = run(t, "check", "--severity", "CRITICAL", "internal/cli/testdata/insecure")
	if code != ExitFindings || !strings.Contains(out, "CF-IAM-001") || !strings.Contains(out, "SEVERITY") {
		t.Fatalf("table: exit %d\n%s", code, out)
	}
	if code, _, errOut := run(t, "check", "--plan", "missing.json"); code != ExitError || !strings.Contains(errOut, "missing.json") {
		t.Errorf("missing plan file: exit %d %s", code, errOut)
	}
}
