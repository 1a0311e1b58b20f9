package gate

import (
	"context"
	"testing"

	"github.com/candlefish-ai/infrastructure/internal/model"
)

// BenchmarkEvaluateEnvironments measures evaluating dev, staging and production.
func BenchmarkEvaluateEnvironments(b *testing.B) {
	dirs := rootModules(b)[:3]
	for b.Loop() {
		for _, d := range dirs {
			if _, err := model.Load(context.Background(), d, model.Options{}); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkGateEnvironments measures the whole gate (fmt, evaluation, schema,
// trivy, tflint) over dev, staging and production, sharing one runner as
// `cfctl validate --all` does.
func BenchmarkGateEnvironments(b *testing.B) {
	requireTflint(b)
	dirs := rootModules(b)[:3]
	for b.Loop() {
		runner := NewRunner()
		for _, d := range dirs {
			if _, err := runner.Run(context.Background(), d, Options{RepoRoot: repoRoot(b)}); err != nil {
				b.Fatal(err)
			}
		}
	}
}
