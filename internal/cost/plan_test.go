package cost

import (
	"os"
	"strings"
	"testing"
)

// TestPlanJSON prices `terraform show -json` output with the same models:
// values known only after apply are unknown, references come from the
// configuration, a resource without a region gets the provider's.
func TestPlanJSON(t *testing.T) {
	data, err := os.ReadFile("testdata/plan/plan.json")
	if err != nil {
		t.Fatal(err)
	}
	res, err := ResourcesFromPlan(data, "plan.json")
	if err != nil {
		t.Fatal(err)
	}
	est := Compute("plan.json", res, Options{})
	svc := `module.app.aws_ecs_service.this["api"]`
	// 3 tasks x 1 vCPU / 2 GB on ARM, on demand (launch type FARGATE).
	expect(t, est, svc, "vCPU, Linux/ARM, on-demand", 3*1*730, 3*730*0.03238)
	expect(t, est, svc, "memory, Linux/ARM, on-demand", 3*2*730, 3*2*730*0.00356)
	// No region attribute: the aws provider's region.
	expect(t, est, "module.app.aws_nat_gateway.this", "NAT gateway", 730, 730*0.045)
	expect(t, est, "aws_eip.nat", "public IPv4 address", 730, 730*0.005)
	if reason, ok := unpriced(est, "aws_route53_zone.this", ""); !ok || reason != "no cost model" {
		t.Errorf("route53 zone: %q", reason)
	}
	if len(est.Free) != 2 {
		t.Errorf("free: %+v", est.Free)
	}
}

func TestPlanJSONWrongFormatVersion(t *testing.T) {
	data, err := os.ReadFile("testdata/plan/old-format.json")
	if err != nil {
		t.Fatal(err)
	}
	_, err = ResourcesFromPlan(data, "old-format.json")
	if err == nil || !strings.Contains(err.Error(), `format_version "0.1"`) {
		t.Errorf("want a format version error, got %v", err)
	}
	if _, err := ResourcesFromPlan([]byte("{not json"), "x.json"); err == nil {
		t.Error("malformed JSON accepted")
	}
}
