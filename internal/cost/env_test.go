package cost

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/candlefish-ai/infrastructure/internal/atomicfile"
	"github.com/candlefish-ai/infrastructure/internal/project"
)

var update = flag.Bool("update", false, "rewrite the golden files and terraform/docs/cost.md")

func repoRoot(t testing.TB) string {
	t.Helper()
	root, err := project.FindRoot(".")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

var (
	envOnce sync.Once
	envIns  []docInput
	envErr  error
)

// environments prices the repository's environments once for all tests, in
// the order of the seed's tables.
func environments(t testing.TB) []docInput {
	t.Helper()
	repo := repoRoot(t)
	envOnce.Do(func() {
		for _, st := range seedTables {
			est, res, u, err := EnvironmentEstimate(context.Background(), repo, st.Env, 1)
			if err != nil {
				envErr = err
				return
			}
			envIns = append(envIns, docInput{est, res, u})
		}
	})
	if envErr != nil {
		t.Fatal(envErr)
	}
	return envIns
}

// golden compares got with a file, rewriting it under -update.
func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := atomicfile.Write(path, got); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/cost -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is not current: the environments or the cost models changed. Review with "+
			"`go test ./internal/cost -update && git diff %s`.\n--- got:\n%s", path, path, got)
	}
}

// TestEnvironmentGoldens: the cost of each environment with its usage file.
// The environments change as their modules are completed: refresh with
// `go test ./internal/cost -update` and review the diff.
func TestEnvironmentGoldens(t *testing.T) {
	if envs := project.Environments(repoRoot(t)); len(envs) != len(seedTables) {
		t.Fatalf("environments %v: the seed has %d", envs, len(seedTables))
	}
	for _, in := range environments(t) {
		t.Run(in.est.Target, func(t *testing.T) {
			if in.usage == nil {
				t.Fatalf("%s has no %s", in.est.Target, UsageFileName)
			}
			if in.usage.MonthlyRequests <= 0 {
				t.Errorf("%s's usage file has no traffic.monthly_requests", in.est.Target)
			}
			var buf bytes.Buffer
			if err := WriteReport(&buf, FormatTable, []*Estimate{in.est}); err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join("testdata", "golden", in.est.Target+".txt"), buf.Bytes())
		})
	}
}

// TestCostDocIsCurrent: terraform/docs/cost.md is what `cfctl cost docs` writes.
func TestCostDocIsCurrent(t *testing.T) {
	doc, err := generateDoc(environments(t))
	if err != nil {
		t.Fatal(err)
	}
	golden(t, filepath.Join(repoRoot(t), DocPath), doc)
}

// TestSeedTablesCoverEveryService: each environment's seed rows name every
// service at most once and exactly one row is Misc.
func TestSeedTablesCoverEveryService(t *testing.T) {
	for _, st := range seedTables {
		seen := map[string]bool{}
		misc := 0
		low, high := 0.0, 0.0
		for _, r := range st.Rows {
			if r.Services == nil {
				misc++
			}
			for _, s := range r.Services {
				if seen[s] {
					t.Errorf("%s: %s in two rows", st.Env, s)
				}
				seen[s] = true
			}
			if rowNote(r.Name) == "" {
				t.Errorf("%s: row %q has no explanation", st.Env, r.Name)
			}
			low += r.Low
			high += r.High
		}
		if misc != 1 {
			t.Errorf("%s: %d Misc rows", st.Env, misc)
		}
		// The seed's rows add up to inside (or near) its stated range.
		if high < st.Low || low > st.High {
			t.Errorf("%s: rows add up to %v-%v, outside %v-%v", st.Env, low, high, st.Low, st.High)
		}
	}
}

// BenchmarkCompute: pricing the three evaluated environments with their
// usage files, without the evaluation (BenchmarkPreviewWithCost in
// internal/cli measures the whole preview).
func BenchmarkCompute(b *testing.B) {
	ins := environments(b)
	for b.Loop() {
		for _, in := range ins {
			Compute(in.est.Target, in.resources, Options{Usage: in.usage})
		}
	}
}
