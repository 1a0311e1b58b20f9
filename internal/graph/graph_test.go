package graph

import (
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/candlefish-ai/infrastructure/internal/model"
)

var update = flag.Bool("update", false, "rewrite golden files")

func fixture(t *testing.T) *model.Model {
	t.Helper()
	m, err := model.Load(context.Background(), "../model/testdata/basic/root", model.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return m
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
		t.Fatalf("%v (go test -update creates it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file:\n%s", name, got)
	}
}

func TestGoldenOutputs(t *testing.T) {
	m := fixture(t)
	golden(t, "basic.dot", DOT(m, Options{}))
	golden(t, "basic.mmd", Mermaid(m, Options{}))
	golden(t, "basic-modules.dot", DOT(m, Options{ModulesOnly: true}))
	golden(t, "basic-modules.mmd", Mermaid(m, Options{ModulesOnly: true}))
}

// TestClustersAndEdges checks the structure independently of the golden
// files: one cluster per module instance, instance counts, and the edges.
func TestClustersAndEdges(t *testing.T) {
	dot := DOT(fixture(t), Options{})
	for _, want := range []string{
		`subgraph "cluster_module.net" {`,
		`subgraph "cluster_module.standby" {`,
		`"module.net.aws_subnet.private" [label = "aws_subnet.private (2)"];`,
		`"aws_s3_bucket.replica" [label = "aws_s3_bucket.replica (2)"];`,
		`"data.aws_caller_identity.current" [label = "data.aws_caller_identity.current", style = "dashed"];`,
		`"module.net.aws_subnet.private" -> "module.net.aws_vpc.this";`,
		`"aws_s3_bucket_policy.this" -> "aws_s3_bucket.replica";`,
	} {
		if !strings.Contains(dot, want) {
			t.Errorf("DOT lacks %s\n%s", want, dot)
		}
	}
	if strings.Count(dot, "subgraph") != 2 {
		t.Errorf("want 2 clusters:\n%s", dot)
	}
	mods := DOT(fixture(t), Options{ModulesOnly: true})
	if strings.Contains(mods, "aws_vpc") || !strings.Contains(mods, `"module.net"`) {
		t.Errorf("modules-only graph shows resources:\n%s", mods)
	}
}

func TestRenderSVG(t *testing.T) {
	if _, err := exec.LookPath("dot"); err != nil {
		if err := Render(context.Background(), "digraph{}", "svg", filepath.Join(t.TempDir(), "g.svg")); err != ErrNoDot {
			t.Fatalf("without dot, want ErrNoDot, got %v", err)
		}
		t.Skip("Graphviz is not installed")
	}
	out := filepath.Join(t.TempDir(), "g.svg")
	if err := Render(context.Background(), DOT(fixture(t), Options{}), "svg", out); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil || !strings.Contains(string(b), "<svg") || !strings.Contains(string(b), "aws_vpc.this") {
		t.Fatalf("not an SVG of the graph: %v", err)
	}
	if err := Render(context.Background(), "digraph{}", "gif", out); err == nil {
		t.Fatal("gif should be refused")
	}
}
