package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/candlefish-ai/infrastructure/internal/project"
)

const (
	costFixtures = "internal/cost/testdata/"
	overBudget   = costFixtures + "overbudget"
)

func TestCostExitCodes(t *testing.T) {
	// $32.85 + 10 GB x $0.045 against a $20 budget: exit 2.
	code, out, errOut := run(t, "cost", overBudget)
	if code != ExitFindings {
		t.Fatalf("over budget: exit %d, want %d\n%s%s", code, ExitFindings, out, errOut)
	}
	for _, want := range []string{
		"$33.30 per month; OVER the budget of $20.00 (aws_budgets_budget.monthly) by $13.30",
		"usage file: internal/cost/testdata/overbudget/usage.yml",
		"NAT gateway", "730", "hour", "$0.045", "$32.85",
		"By service:", "By module:", "Assumptions:",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	// Without the usage file the data processing is usage-dependent, and
	// $32.85 is still over $20.
	code, out, _ = run(t, "cost", "--no-usage", overBudget)
	if code != ExitFindings || !strings.Contains(out, "usage-dependent: set monthly_data_processed_gb") {
		t.Errorf("--no-usage: exit %d\n%s", code, out)
	}
	// Within budget: exit 0.
	if code, out, errOut := run(t, "cost", costFixtures+"observe"); code != ExitOK {
		t.Errorf("within budget: exit %d\n%s%s", code, out, errOut)
	}
}

func TestCostFormats(t *testing.T) {
	code, out, errOut := run(t, "cost", "--format", "json", costFixtures+"network")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var est struct {
		MonthlyUSD float64 `json:"monthly_usd"`
		BudgetUSD  *float64
		Services   []struct{ Name string }
		Resources  []struct {
			Address string
			Lines   []struct {
				Quantity, UnitPriceUSD, MonthlyUSD float64
				Unit                               string
			}
		}
		Unpriced    []json.RawMessage
		Assumptions []json.RawMessage
	}
	if err := json.Unmarshal([]byte(out), &est); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if est.MonthlyUSD <= 0 || len(est.Services) == 0 || len(est.Resources) == 0 || len(est.Unpriced) == 0 || len(est.Assumptions) == 0 {
		t.Errorf("incomplete JSON: %s", out)
	}
	code, out, _ = run(t, "cost", "--format", "markdown", costFixtures+"network")
	if code != ExitOK || !strings.Contains(out, "| resource | component | quantity | unit | unit price | monthly |") {
		t.Errorf("markdown: exit %d\n%s", code, out)
	}
	// --out writes the report to a file.
	dest := filepath.Join(t.TempDir(), "cost.md")
	if code, _, errOut := run(t, "cost", "--format", "markdown", "--out", dest, costFixtures+"network"); code != ExitOK {
		t.Fatalf("--out: exit %d %s", code, errOut)
	}
	if data, err := os.ReadFile(dest); err != nil || !bytes.Contains(data, []byte("## internal/cost/testdata/network")) {
		t.Errorf("--out: %v\n%s", err, data)
	}
}

func TestPreviewJSONHasCost(t *testing.T) {
	code, out, errOut := run(t, "preview", "--format", "json", "--no-findings", overBudget)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var p struct {
		Cost map[string]json.RawMessage `json:"cost"`
	}
	if err := json.Unmarshal([]byte(out), &p); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"monthly_usd", "budget_usd", "services", "resources", "unpriced", "assumptions"} {
		if _, ok := p.Cost[k]; !ok {
			t.Errorf("the preview's cost object lacks %q", k)
		}
	}
	if string(p.Cost["monthly_usd"]) != "33.3" || string(p.Cost["budget_usd"]) != "20" {
		t.Errorf("cost %s, budget %s", p.Cost["monthly_usd"], p.Cost["budget_usd"])
	}
}

func TestCostTrafficAndPlot(t *testing.T) {
	dir := t.TempDir()
	png := filepath.Join(dir, "curve.png")
	code, out, errOut := run(t, "cost", "--traffic", "1,10,100", "--plot", png, overBudget, costFixtures+"ecs")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"internal/cost/testdata/overbudget: cost versus traffic",
		// 1M requests: $32.85 + 10 GB x $0.045 = $33.30, $33.30 per million.
		"x1 1,000,000 $33.30 $33.30",
		// x10: 100 GB of NAT data, 10M requests: $37.35, $3.735 per million.
		"x10 10,000,000 $37.35 $3.73",
	} {
		if !strings.Contains(strings.Join(strings.Fields(out), " "), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	data, err := os.ReadFile(png)
	if err != nil || !bytes.HasPrefix(data, []byte("\x89PNG")) {
		t.Errorf("no PNG written: %v", err)
	}
	svg := filepath.Join(dir, "curve.svg")
	if code, _, errOut := run(t, "cost", "--traffic", "1,2", "--plot", svg, overBudget); code != ExitOK {
		t.Fatalf("svg: exit %d %s", code, errOut)
	}
	if data, err := os.ReadFile(svg); err != nil || !bytes.Contains(data, []byte("<svg")) {
		t.Errorf("no SVG written: %v", err)
	}
}

// TestCostBadInput: each bad input is one clear message, exit 1, nothing written.
func TestCostBadInput(t *testing.T) {
	tmp := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(tmp, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	unknownKey := write("unknown.yml", "version: 0.1\nresource_usage:\n  aws_nat_gateway.this:\n    monthly_gb_data_processed: 10\n")
	negative := write("negative.yml", "version: 0.1\nresource_usage:\n  aws_nat_gateway.this:\n    monthly_data_processed_gb: -1\n")
	text := write("text.yml", "version: 0.1\nresource_usage:\n  aws_nat_gateway.this:\n    monthly_data_processed_gb: ten\n")
	malformed := write("malformed.yml", "version: 0.1\nresource_usage:\n  aws_nat_gateway.this:\n    monthly_data_processed_gb: 1\n   oops: 2\n")
	oldPlan, _ := filepath.Abs("../cost/testdata/plan/old-format.json")
	out := filepath.Join(tmp, "report.txt")
	cases := []struct {
		name string
		args []string
		want []string
	}{
		{"unknown usage key", []string{"cost", "--usage-file", unknownKey, overBudget},
			[]string{"unknown.yml:4:5", `unknown usage key "monthly_gb_data_processed" for aws_nat_gateway`, `did you mean "monthly_data_processed_gb"?`}},
		{"negative quantity", []string{"cost", "--usage-file", negative, overBudget},
			[]string{"negative.yml:4:32", "must be a non-negative number, got -1"}},
		{"non-numeric quantity", []string{"cost", "--usage-file", text, overBudget},
			[]string{"text.yml:4:32", `must be a number, got "ten"`}},
		{"malformed YAML", []string{"cost", "--usage-file", malformed, overBudget},
			[]string{"malformed.yml:5:4", "malformed YAML"}},
		{"missing usage file", []string{"cost", "--usage-file", filepath.Join(tmp, "nope.yml"), overBudget},
			[]string{"nope.yml", "no such file"}},
		{"plan of the wrong format version", []string{"cost", "--plan", oldPlan},
			[]string{"old-format.json", `format_version "0.1"`}},
		{"bad traffic", []string{"cost", "--traffic", "1,-2", overBudget}, []string{`--traffic "1,-2"`}},
		{"plot without traffic", []string{"cost", "--plot", filepath.Join(tmp, "x.png"), overBudget}, []string{"give --traffic too"}},
		{"traffic without monthly_requests", []string{"cost", "--traffic", "1,10", costFixtures + "network"},
			[]string{"traffic.monthly_requests"}},
		{"unknown format", []string{"cost", "--format", "yaml", overBudget}, []string{`--format "yaml"`}},
		{"git ref that does not exist", []string{"cost", "diff", "--base", "no-such-ref-7f3a", overBudget},
			[]string{`--base "no-such-ref-7f3a": no such git revision`}},
		{"bad max-increase", []string{"cost", "diff", "--base", "HEAD", "--max-increase", "lots", overBudget},
			[]string{`--max-increase "lots"`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := append(append([]string{}, c.args[:1]...), append([]string{"--out", out}, c.args[1:]...)...)
			if c.args[1] == "diff" {
				args = append([]string{"cost", "diff", "--out", out}, c.args[2:]...)
			}
			code, stdout, stderr := run(t, args...)
			if code != ExitError {
				t.Fatalf("exit %d, want %d\n%s%s", code, ExitError, stdout, stderr)
			}
			for _, w := range c.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("%s was written despite the error", out)
			}
		})
	}
}

// TestCostDiff: a temporary git repository; the working tree adds a NAT
// gateway to what the committed revision has.
func TestCostDiff(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	repo := t.TempDir()
	env := filepath.Join(repo, project.EnvironmentsDir, "dev")
	if err := os.MkdirAll(env, 0o755); err != nil {
		t.Fatal(err)
	}
	base := `provider "aws" {
  region = "us-east-1"

  default_tags {
    tags = { Project = "Candlefish" }
  }
}

resource "aws_eip" "a" {
  domain = "vpc"
}
`
	if err := os.WriteFile(filepath.Join(env, "main.tf"), []byte(base), 0o644); err != nil {
		t.Fatal(err)
	}
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=cfctl", "-c", "user.email=cfctl@example.com", "-c", "commit.gpgsign=false"}, args...)...)
		cmd.Dir = repo
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	git("add", ".")
	git("commit", "-q", "-m", "base")
	head := base + `
resource "aws_nat_gateway" "this" {
  connectivity_type = "private"
  subnet_id         = "subnet-0123456789abcdef0"
}
`
	if err := os.WriteFile(filepath.Join(env, "main.tf"), []byte(head), 0o644); err != nil {
		t.Fatal(err)
	}
	runIn := func(args ...string) (int, string, string) {
		var out, errOut bytes.Buffer
		c := &CLI{Stdout: &out, Stderr: &errOut, WorkDir: repo}
		code := c.Run(context.Background(), args)
		return code, out.String(), errOut.String()
	}
	code, out, errOut := runIn("cost", "diff", "dev", "--base", "HEAD")
	if code != ExitOK {
		t.Fatalf("exit %d: %s%s", code, out, errOut)
	}
	for _, want := range []string{"dev: $3.65 at HEAD -> $36.50 now per month (+$32.85, +900.0%)", "aws_nat_gateway.this  added", "+$32.85"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if code, out, _ := runIn("cost", "diff", "dev", "--base", "HEAD", "--max-increase", "30"); code != ExitFindings || !strings.Contains(out, "above --max-increase $30.00") {
		t.Errorf("+$32.85 against --max-increase 30: exit %d\n%s", code, out)
	}
	if code, _, _ := runIn("cost", "diff", "dev", "--base", "HEAD", "--max-increase", "1000%"); code != ExitOK {
		t.Errorf("+900%% against --max-increase 1000%%: exit %d", code)
	}
	if code, out, _ := runIn("cost", "diff", "dev", "--base", "HEAD", "--max-increase", "50%", "--format", "json"); code != ExitFindings || !strings.Contains(out, `"delta_usd": 32.85`) {
		t.Errorf("json: exit %d\n%s", code, out)
	}
	// The temporary checkout is gone and the repository is untouched.
	cmd := exec.Command("git", "status", "--porcelain")
	cmd.Dir = repo
	st, _ := cmd.Output()
	if strings.TrimSpace(string(st)) != "M terraform/environments/dev/main.tf" {
		t.Errorf("git status after the diff:\n%s", st)
	}
	matches, _ := filepath.Glob(filepath.Join(os.TempDir(), "cfctl-cost-base-*"))
	for _, m := range matches {
		if _, err := os.Stat(filepath.Join(m, project.EnvironmentsDir, "dev", "main.tf")); err == nil {
			b, _ := os.ReadFile(filepath.Join(m, project.EnvironmentsDir, "dev", "main.tf"))
			if string(b) == base {
				t.Errorf("the base checkout %s was not removed", m)
			}
		}
	}
}

// BenchmarkPreviewWithCost: `cfctl preview --all --format json --no-findings`,
// the evaluation and cost of the three environments (--no-findings leaves out
// the gate, benchmarked in internal/gate). peak-RSS-MB is the most memory the
// benchmark process has held so far: an upper bound for one run.
func BenchmarkPreviewWithCost(b *testing.B) {
	root, err := project.FindRoot(".")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		var out, errOut bytes.Buffer
		c := &CLI{Stdout: &out, Stderr: &errOut, WorkDir: root}
		if code := c.Run(context.Background(), []string{"preview", "--all", "--format", "json", "--no-findings"}); code != ExitOK {
			b.Fatalf("exit %d: %s", code, errOut.String())
		}
		if n := bytes.Count(out.Bytes(), []byte(`"cost": {`)); n != len(project.Environments(root)) {
			b.Fatalf("%d cost objects, want one per environment", n)
		}
	}
	b.ReportMetric(peakRSSMB(), "peak-RSS-MB")
}

// BenchmarkPreviewWithCostOneByOne previews the environments one after the
// other, as three separate `cfctl preview` commands would.
func BenchmarkPreviewWithCostOneByOne(b *testing.B) {
	root, err := project.FindRoot(".")
	if err != nil {
		b.Fatal(err)
	}
	envs := project.Environments(root)
	for b.Loop() {
		for _, env := range envs {
			var out, errOut bytes.Buffer
			c := &CLI{Stdout: &out, Stderr: &errOut, WorkDir: root}
			if code := c.Run(context.Background(), []string{"preview", "--format", "json", "--no-findings", env}); code != ExitOK {
				b.Fatalf("%s: exit %d: %s", env, code, errOut.String())
			}
		}
	}
	b.ReportMetric(peakRSSMB(), "peak-RSS-MB")
}

// peakRSSMB is the process's maximum resident set size in MB.
func peakRSSMB() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Maxrss) / 1024 // Linux reports kilobytes
}
