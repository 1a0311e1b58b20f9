package ignore

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/candlefish-ai/infrastructure/internal/model"
)

// An ignore that silences nothing is reported, unless the block it covers has
// no instance in this root module (count = 0 here, instances elsewhere):
// then there is nothing it could silence.
func TestUnusedIgnoreOnlyWhereTheBlockExists(t *testing.T) {
	dir := t.TempDir()
	src := `variable "on" {
  type    = bool
  default = false
}

# cfctl:ignore:CF-ENC-001 reason="switched off in this root module"
resource "aws_sqs_queue" "off" {
  count = var.on ? 1 : 0
  name  = "off"
}

# cfctl:ignore:CF-ENC-001 reason="nothing to silence and the queue exists"
resource "aws_sqs_queue" "on" {
  name = "on"
}
`
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := model.Load(context.Background(), dir, model.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rules, problems := Scan(m, time.Now())
	if len(problems) > 0 || len(rules) != 2 {
		t.Fatalf("rules %d, problems %v", len(rules), problems)
	}
	out := Apply(rules, nil)
	if len(out) != 1 || out[0].RuleID != RuleUnused || out[0].Line != 12 {
		t.Fatalf("want one unused ignore, at line 12 (the existing queue's); got %+v", out)
	}
}
