package configcheck

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/candlefish-ai/infrastructure/internal/model"
	"github.com/candlefish-ai/infrastructure/internal/schema"
)

func check(t *testing.T, dir string) []string {
	t.Helper()
	m, err := model.Load(context.Background(), dir, model.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := schema.Load()
	if err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs(dir)
	var out []string
	for _, f := range append(Check(m, s), m.Findings...) {
		rel, _ := filepath.Rel(abs, f.File)
		out = append(out, fmt.Sprintf("%s:%d %s %s", rel, f.Line, f.RuleID, f.Message))
	}
	sort.Strings(out)
	return out
}

// TestValidConstructsPass guards against false positives: dynamic blocks with
// and without iterators, attributes written as blocks, for expressions,
// splats, module outputs, data-source and computed attributes, provider blocks.
func TestValidConstructsPass(t *testing.T) {
	if got := check(t, "testdata/valid"); len(got) > 0 {
		t.Fatalf("valid configuration reported:\n%s", strings.Join(got, "\n"))
	}
}

func TestInvalidConstructsAreCaught(t *testing.T) {
	want := []string{
		`main.tf:18 reference/undeclared reference to undeclared input variable "region"`,
		`main.tf:23 reference/undeclared reference to undeclared local value "name"`,
		`main.tf:29 schema/unknown-block unknown nested block "settings" in aws_ecs_cluster.this`,
		`main.tf:45 schema/unknown-argument unknown argument "cidr" in aws_security_group.app.ingress`,
		`main.tf:8 module/unknown-output module "child" has no output "total"`,
		`main.tf:13 reference/undeclared reference to undeclared module "kid"`,
		`main.tf:49 provider/not-configured module "replica" needs provider configuration aws.replica, which this call does not pass`,
		`main.tf:54 provider/not-configured provider configuration aws.standby is not defined here`,
		`main.tf:59 evaluate/for-each-type for_each must be a map, or a set of strings; this is a tuple`,
		`main.tf:63 schema/unknown-resource-type unknown ephemeral resource type "aws_secretsmanager_random_pasword" in hashicorp/aws 6.66.0`,
		`main.tf:69 reference/undeclared reference to undeclared ephemeral resource ephemeral.aws_secretsmanager_random_password.token`,
	}
	sort.Strings(want)
	got := check(t, "testdata/invalid")
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("findings:\n got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
