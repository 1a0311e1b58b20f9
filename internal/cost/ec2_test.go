package cost

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/candlefish-ai/infrastructure/internal/model"
)

// ec2Fixture: a NAT instance (t4g.nano, 8 GB gp3 root, standard credits)
// with its Elastic IP and recovery alarm in us-east-1; a t4g.micro in
// us-west-2 with a public IP, detailed monitoring, a 20 GB gp3 root and a
// 100 GB gp3 data volume with IOPS above the included 3000; types and
// volumes prices.tsv has no price for; an instance without a root block.
const ec2Fixture = `
provider "aws" {
  region = "us-east-1"

  default_tags {
    tags = { Project = "Candlefish", Environment = "test", CostCenter = "Engineering", Owner = "DevOps" }
  }
}

provider "aws" {
  alias  = "west"
  region = "us-west-2"

  default_tags {
    tags = { Project = "Candlefish", Environment = "test", CostCenter = "Engineering", Owner = "DevOps" }
  }
}

resource "aws_instance" "nat" {
  ami               = "ami-0123456789abcdef0"
  instance_type     = "t4g.nano"
  source_dest_check = false

  credit_specification {
    cpu_credits = "standard"
  }

  root_block_device {
    volume_type = "gp3"
    volume_size = 8
    encrypted   = true
    kms_key_id  = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  }
}

resource "aws_eip" "nat" {
  domain            = "vpc"
  network_interface = aws_instance.nat.primary_network_interface_id
}

resource "aws_cloudwatch_metric_alarm" "recover" {
  alarm_name          = "nat-recover"
  namespace           = "AWS/EC2"
  metric_name         = "StatusCheckFailed_System"
  dimensions          = { InstanceId = aws_instance.nat.id }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 2
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = 1
  alarm_actions       = ["arn:aws:automate:us-east-1:ec2:recover"]
}

resource "aws_instance" "west" {
  provider = aws.west

  ami                         = "ami-0123456789abcdef0"
  instance_type               = "t4g.micro"
  associate_public_ip_address = true
  monitoring                  = true

  root_block_device {
    volume_type = "gp3"
    volume_size = 20
  }

  ebs_block_device {
    device_name = "/dev/sdf"
    volume_type = "gp3"
    volume_size = 100
    iops        = 6000
  }
}

resource "aws_instance" "unpriced" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "m5.large"

  root_block_device {
    volume_type = "gp2"
    volume_size = 8
  }
}

resource "aws_instance" "spot" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t4g.nano"

  instance_market_options {
    market_type = "spot"
  }

  root_block_device {
    volume_type = "gp3"
    volume_size = 8
  }
}

resource "aws_instance" "no_root" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t4g.small"
}
`

// fixtureHCL prices a root module written to a temporary directory.
func fixtureHCL(t *testing.T, hcl string) *Estimate {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(hcl), 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := model.Load(context.Background(), dir, model.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return Compute("ec2", m.Resources, Options{})
}

func TestEC2Instance(t *testing.T) {
	est := fixtureHCL(t, ec2Fixture)

	// The NAT instance: t4g.nano 730 h x $0.0042, 8 GB gp3 x $0.08; its
	// Elastic IP 730 h x $0.005 and its alarm $0.10 on their own resources.
	expect(t, est, "aws_instance.nat", "t4g.nano instance, Linux, on-demand", 730, 730*0.0042)
	expect(t, est, "aws_instance.nat", "root volume storage, gp3", 8, 8*0.08)
	total(t, est, "aws_instance.nat", 730*0.0042+8*0.08)
	expect(t, est, "aws_eip.nat", "public IPv4 address", 730, 730*0.005)
	expect(t, est, "aws_cloudwatch_metric_alarm.recover", "standard-resolution alarm metrics", 1, 0.10)
	nat := resource(t, est, "aws_instance.nat")
	if len(nat.Lines) != 2 {
		t.Errorf("the NAT instance has no public IP or monitoring of its own: want 2 lines, got %+v", nat.Lines)
	}
	if l := line(t, est, "aws_instance.nat", "root volume storage, gp3"); l.Service != "EBS" {
		t.Errorf("the root volume belongs to the EBS service, got %q", l.Service)
	}
	if l := line(t, est, "aws_instance.nat", "t4g.nano instance, Linux, on-demand"); l.Service != "EC2" || !strings.Contains(l.Note, "standard CPU credits") {
		t.Errorf("instance line: service %q, note %q", l.Service, l.Note)
	}

	// us-west-2: t4g.micro 730 h x $0.0084 (the derived us-west-2 row),
	// 20 + 100 GB gp3, an auto-assigned public IPv4 730 h x $0.005, and
	// detailed monitoring, 7 metrics x $0.30.
	w := "aws_instance.west"
	expect(t, est, w, "t4g.micro instance, Linux, on-demand", 730, 730*0.0084)
	expect(t, est, w, "root volume storage, gp3", 20, 20*0.08)
	expect(t, est, w, "EBS volume /dev/sdf storage, gp3", 100, 100*0.08)
	expect(t, est, w, "public IPv4 address (auto-assigned)", 730, 730*0.005)
	expect(t, est, w, "detailed monitoring metrics", 7, 7*0.30)
	total(t, est, w, 730*0.0084+20*0.08+100*0.08+730*0.005+7*0.30)
	if r := resource(t, est, w); r.Region != "us-west-2" || len(r.Notes) == 0 || !strings.Contains(r.Notes[0], "unlimited CPU credits") {
		t.Errorf("%s: region %q, notes %v: t4g defaults to unlimited credits, whose surplus is not priced", w, r.Region, r.Notes)
	}
	if _, ok := unpriced(est, w, "EBS volume /dev/sdf provisioned IOPS"); !ok {
		t.Error("6000 IOPS on gp3 are 3000 above the included ones: that component must be unpriced")
	}

	// t4g.small without a root_block_device: its hours are priced, the
	// volume (type and size from the AMI) is not.
	expect(t, est, "aws_instance.no_root", "t4g.small instance, Linux, on-demand", 730, 730*0.0168)
	if _, ok := unpriced(est, "aws_instance.no_root", "root volume"); !ok {
		t.Error("a root volume without type and size must be unpriced, not guessed")
	}

	// No price row for m5.large, gp2 or a Spot instance: unpriced, not $0.
	for _, c := range []struct{ address, component, reason string }{
		{"aws_instance.unpriced", "instance hours", "m5.large"},
		{"aws_instance.unpriced", "root volume", "gp2"},
		{"aws_instance.spot", "instance hours", "Spot"},
	} {
		if reason, ok := unpriced(est, c.address, c.component); !ok || !strings.Contains(reason, c.reason) {
			t.Errorf("%s %q: unpriced %v (%q), want a reason naming %s", c.address, c.component, ok, reason, c.reason)
		}
	}
	expect(t, est, "aws_instance.spot", "root volume storage, gp3", 8, 8*0.08)
}

// TestNetworkingNATInstanceCost prices the networking example, whose
// standby VPC has nat_mode = "instance": the NAT instance, its Elastic IP,
// its two alarms and its volume's key are priced and nothing of
// module.standby is unpriced.
func TestNetworkingNATInstanceCost(t *testing.T) {
	m, err := model.Load(context.Background(), filepath.Join(repoRoot(t), "terraform/modules/networking/examples/complete"), model.Options{})
	if err != nil {
		t.Fatal(err)
	}
	est := Compute("networking", m.Resources, Options{})
	const i = `module.standby.aws_instance.nat["us-west-2a"]`
	expect(t, est, i, "t4g.nano instance, Linux, on-demand", 730, 730*0.0042)
	expect(t, est, i, "root volume storage, gp3", 8, 8*0.08)
	total(t, est, i, 3.066+0.64)
	expect(t, est, `module.standby.aws_eip.nat["us-west-2a"]`, "public IPv4 address", 730, 3.65)
	for _, a := range []string{"recover", "reboot"} {
		expect(t, est, `module.standby.aws_cloudwatch_metric_alarm.nat_instance_`+a+`["us-west-2a"]`, "standard-resolution alarm metrics", 1, 0.10)
	}
	expect(t, est, "aws_kms_key.nat_instance_standby[0]", "customer managed key", 1, 1)
	for _, r := range est.Resources {
		if r.Module == "module.standby" && r.Type == "aws_nat_gateway" {
			t.Errorf("%s: the standby has a NAT instance, not a NAT gateway", r.Address)
		}
	}
	for _, u := range est.Unpriced {
		if strings.HasPrefix(u.Address, "module.standby.") {
			t.Errorf("unpriced in the standby VPC: %+v", u)
		}
	}
}
