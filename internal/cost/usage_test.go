package cost

import (
	"errors"
	"strings"
	"testing"
)

func TestPricesFile(t *testing.T) {
	b := Prices()
	east := map[string]*Price{}
	for _, p := range b.All() {
		if p.Region == "us-east-1" {
			east[p.ID] = p
		}
	}
	for _, p := range b.All() {
		if p.Region != "us-west-2" {
			continue
		}
		e, ok := east[p.ID]
		if !ok {
			t.Errorf("%s: a us-west-2 row without its us-east-1 row", p.ID)
			continue
		}
		if p.USD != e.USD || p.Assumption != e.Assumption || !strings.HasPrefix(p.Source, "derived: equal to us-east-1") {
			t.Errorf("%s: the us-west-2 row must equal us-east-1 and say it is derived: %+v", p.ID, p)
		}
		delete(east, p.ID)
	}
	for id := range east {
		t.Errorf("%s: no us-west-2 row", id)
	}
	// The pricing README names these as not list prices.
	for _, id := range []string{"fargate_spot_discount", "aurora_global_write_io", "budgets_first_two", "budgets_each_further"} {
		p, err := b.Lookup(id, "us-east-1")
		if err != nil || !p.Assumption {
			t.Errorf("%s must be flagged as an assumption: %v %+v", id, err, p)
		}
	}
	// Region "all" and "global" rows apply everywhere.
	if p, err := b.Lookup("public_ipv4", "us-west-2"); err != nil || p.USD != 0.005 {
		t.Errorf("public IPv4 in us-west-2: %v %+v", err, p)
	}
	if _, err := b.Lookup("nat_hour", "eu-west-1"); err == nil || !strings.Contains(err.Error(), "eu-west-1") {
		t.Errorf("a region without prices must be an error naming it, got %v", err)
	}
	// Valkey is cheaper per node-hour than Redis OSS.
	if v, _ := b.Lookup("elasticache_valkey_fraction", "us-east-1"); v.USD >= 1 {
		t.Errorf("Valkey fraction %v: Valkey nodes are cheaper than Redis OSS", v.USD)
	}
}

func TestParsePricesRejectsBadRows(t *testing.T) {
	header := "id\tservice\titem\tregion\tunit\tusd\tbasis\tsource\tsource_date\n"
	for name, body := range map[string]string{
		"missing source": "x\tS\tI\tus-east-1\thour\t1\tlist\t\t2024\n",
		"bad basis":      "x\tS\tI\tus-east-1\thour\t1\tguess\tsrc\t2024\n",
		"negative":       "x\tS\tI\tus-east-1\thour\t-1\tlist\tsrc\t2024\n",
		"duplicate":      "x\tS\tI\tus-east-1\thour\t1\tlist\tsrc\t2024\nx\tS\tI\tus-east-1\thour\t1\tlist\tsrc\t2024\n",
	} {
		if _, err := ParsePrices(header + body); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestParseUsage(t *testing.T) {
	u, err := ParseUsage([]byte(`version: 0.1
traffic:
  monthly_requests: 1_000_000
resource_type_default_usage:
  aws_cloudwatch_log_group:
    monthly_data_ingested_gb: 1
resource_usage:
  module.storage.aws_s3_bucket.this["assets"]:
    standard:
      storage_gb: 60
  module.networking.aws_nat_gateway.this[*]:
    monthly_data_processed_gb: 5
  module.networking.aws_nat_gateway.this["us-east-1a"]:
    monthly_data_processed_gb: 9
`), "usage.yml")
	if err != nil {
		t.Fatal(err)
	}
	if u.MonthlyRequests != 1e6 {
		t.Errorf("monthly_requests %v", u.MonthlyRequests)
	}
	if got := u.For(`module.storage.aws_s3_bucket.this["assets"]`, "aws_s3_bucket")["standard.storage_gb"]; got != 60 {
		t.Errorf("nested key: %v", got)
	}
	if got := u.For("module.x.aws_cloudwatch_log_group.y", "aws_cloudwatch_log_group")["monthly_data_ingested_gb"]; got != 1 {
		t.Errorf("type default: %v", got)
	}
	// The exact address wins over [*], which wins over the type's default.
	if got := u.For(`module.networking.aws_nat_gateway.this["us-east-1a"]`, "aws_nat_gateway")["monthly_data_processed_gb"]; got != 9 {
		t.Errorf("exact address: %v", got)
	}
	if got := u.For(`module.networking.aws_nat_gateway.this["us-east-1b"]`, "aws_nat_gateway")["monthly_data_processed_gb"]; got != 5 {
		t.Errorf("[*]: %v", got)
	}
	notes := u.Unmatched(map[string]bool{`module.networking.aws_nat_gateway.this["us-east-1a"]`: true})
	if len(notes) != 1 || !strings.Contains(notes[0], `usage.yml:8: usage for module.storage.aws_s3_bucket.this["assets"]: no such resource`) {
		t.Errorf("unmatched: %q", notes)
	}
}

// TestUsageBadInput: each mistake is an error at its line and column that
// says what is wrong; unknown keys name the nearest valid one.
func TestUsageBadInput(t *testing.T) {
	cases := []struct {
		name, yaml string
		line, col  int
		want       []string
	}{
		{"unknown key", "version: 0.1\nresource_usage:\n  aws_nat_gateway.this:\n    monthly_data_procesed_gb: 10\n",
			4, 5, []string{`unknown usage key "monthly_data_procesed_gb" for aws_nat_gateway`, `did you mean "monthly_data_processed_gb"?`}},
		{"unknown nested key", "version: 0.1\nresource_usage:\n  aws_s3_bucket.b:\n    standard:\n      storage: 10\n",
			5, 7, []string{`unknown usage key "standard.storage"`, `did you mean "standard.storage_gb"?`}},
		{"unknown default key", "version: 0.1\nresource_type_default_usage:\n  aws_lambda_function:\n    monthly_request: 10\n",
			4, 5, []string{`"monthly_request"`, `did you mean "monthly_requests"?`}},
		{"unknown top-level key", "version: 0.1\nresource_usages: {}\n",
			2, 1, []string{`unknown key "resource_usages"`, `did you mean "resource_usage"?`}},
		{"type without usage", "version: 0.1\nresource_usage:\n  aws_iam_role.r:\n    x: 1\n",
			3, 3, []string{"aws_iam_role takes no usage keys"}},
		{"negative", "version: 0.1\nresource_usage:\n  aws_nat_gateway.this:\n    monthly_data_processed_gb: -5\n",
			4, 32, []string{"monthly_data_processed_gb of aws_nat_gateway must be a non-negative number, got -5"}},
		{"not a number", "version: 0.1\nresource_usage:\n  aws_nat_gateway.this:\n    monthly_data_processed_gb: lots\n",
			4, 32, []string{`must be a number, got "lots"`}},
		{"a list", "version: 0.1\nresource_usage:\n  aws_nat_gateway.this:\n    monthly_data_processed_gb: [1, 2]\n",
			4, 32, []string{"must be a number, got \"a list\""}},
		{"wrong version", "version: 2\n", 1, 10, []string{`version "2"`, "0.1"}},
		{"no version", "resource_usage: {}\n", 1, 1, []string{"no `version: 0.1`"}},
		{"bad address", "version: 0.1\nresource_usage:\n  nat:\n    monthly_data_processed_gb: 1\n",
			3, 3, []string{`address "nat"`}},
		{"malformed YAML", "version: 0.1\nresource_usage:\n  aws_nat_gateway.this:\n    monthly_data_processed_gb: 10: 11\n",
			4, 34, []string{"malformed YAML", "mapping values are not allowed"}},
		{"tab", "version: 0.1\nresource_usage:\n\taws_nat_gateway.this: {}\n",
			3, 1, []string{"malformed YAML"}},
		{"bad indentation", "version: 0.1\nresource_usage:\n  aws_nat_gateway.this:\n    monthly_data_processed_gb: 1\n   storage_gb: 2\n",
			5, 4, []string{"malformed YAML"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseUsage([]byte(c.yaml), "usage.yml")
			var ue *UsageError
			if !errors.As(err, &ue) {
				t.Fatalf("want a UsageError, got %v", err)
			}
			if ue.Line != c.line || ue.Column != c.col {
				t.Errorf("at %d:%d, want %d:%d (%v)", ue.Line, ue.Column, c.line, c.col, err)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("%q lacks %q", err, w)
				}
			}
		})
	}
}

func TestParseAddress(t *testing.T) {
	p, err := parseAddress(`module.a["x.y"].module.b.aws_s3_bucket.this["k.z"]`)
	if err != nil || p.Module != `module.a["x.y"].module.b` || p.Type != "aws_s3_bucket" || p.Name != "this" || p.Key != "k.z" {
		t.Errorf("%+v %v", p, err)
	}
	if p, err := parseAddress("data.aws_region.current"); err != nil || !p.Data {
		t.Errorf("%+v %v", p, err)
	}
	for _, bad := range []string{"aws_s3_bucket", `aws_s3_bucket.x["a`, "module.m", "a.b.c"} {
		if _, err := parseAddress(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
