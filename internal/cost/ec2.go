package cost

import (
	"fmt"
	"strings"

	"github.com/candlefish-ai/infrastructure/internal/model"
)

func init() {
	register("EC2", priceInstance, "aws_instance")
}

// gp3's baseline, included in its storage price: more is billed separately
// (prices.tsv has no row for it, so it is unpriced when configured).
const (
	gp3BaselineIOPS       = 3000
	gp3BaselineThroughput = 125 // MiB/s
)

// burstableFamilies are the instance families with CPU credits, and their
// default credit mode (T2 launches standard, T3/T3a/T4g unlimited).
var burstableFamilies = map[string]string{"t2": "standard", "t3": "unlimited", "t3a": "unlimited", "t4g": "unlimited"}

// priceInstance prices an EC2 instance: on-demand Linux hours by instance
// type, its EBS volumes (gp3 storage), an auto-assigned public IPv4 address
// and detailed monitoring. An Elastic IP associated with it is priced on
// its aws_eip.
func priceInstance(e *engine, b *builder) {
	instanceHours(e, b)
	for _, v := range instanceVolumes(b) {
		priceVolume(b, v)
	}
	if on, _ := boolean(b.r.Values["associate_public_ip_address"]); on {
		l := b.line("public IPv4 address (auto-assigned)", "public_ipv4", HoursPerMonth)
		l.Service = "Public IPv4"
		l.Note = "released, and no longer billed here, if an Elastic IP is associated with the instance"
	}
	if on, _ := boolean(b.r.Values["monitoring"]); on {
		// EC2 detailed monitoring bills the instance's 7 metrics at the
		// custom-metric price (AWS CloudWatch pricing; infracost's instance model).
		l := b.line("detailed monitoring metrics", "cloudwatch_metric", 7)
		l.Service = "CloudWatch"
		l.Note = "7 metrics at 1-minute resolution"
	}
}

func instanceHours(e *engine, b *builder) {
	const component = "instance hours"
	if b.unknownValue("instance_type", component) {
		return
	}
	typ := b.text("instance_type")
	if typ == "" {
		b.unpricedComponent(component, "instance_type is not set (a launch template's is not read)")
		return
	}
	if t := b.text("tenancy"); t != "" && t != "default" {
		b.unpricedComponent(component, "tenancy "+t+": prices.tsv has shared-tenancy prices only")
		return
	}
	if opts := first(b.r.Values["instance_market_options"]); opts != nil {
		if mt, _ := str(opts["market_type"]); mt == "spot" {
			b.unpricedComponent(component, "a Spot instance: its price moves with the market")
			return
		}
	}
	id := "ec2_" + typ
	if !b.e.book.Has(id) {
		b.unpricedComponent(component, "prices.tsv has no on-demand price for instance type "+typ)
		return
	}
	l := b.line(typ+" instance, Linux, on-demand", id, HoursPerMonth)
	l.Note = "priced as Linux/UNIX: the AMI's operating system is not known offline"
	family, _, _ := strings.Cut(typ, ".")
	if def, ok := burstableFamilies[family]; ok {
		credits := def
		if cs := first(b.r.Values["credit_specification"]); cs != nil {
			if c, ok := str(cs["cpu_credits"]); ok && c != "" {
				credits = c
			}
		}
		if credits == "unlimited" {
			b.note("unlimited CPU credits: CPU use above the baseline, averaged over 24 hours, is billed as surplus credits, which are not priced")
		} else {
			l.Note += "; standard CPU credits: throttled to the baseline, never billed beyond the hourly price"
		}
	}
}

// volume is one EBS volume of an instance.
type volume struct {
	name   string // "root volume" or "EBS volume /dev/sdf"
	values map[string]any
}

func instanceVolumes(b *builder) []volume {
	var out []volume
	if raw, ok := b.r.Values["root_block_device"]; ok && model.IsUnknown(raw) {
		b.unpricedComponent("root volume", "root_block_device is known only after apply")
	} else if rbd := first(raw); rbd != nil {
		out = append(out, volume{"root volume", rbd})
	} else {
		b.unpricedComponent("root volume", "no root_block_device block: the volume's type and size come from the AMI, unknown offline")
	}
	b.unknownBlocks("ebs_block_device", "EBS volumes")
	for _, d := range blocks(b.r.Values["ebs_block_device"]) {
		name, _ := str(d["device_name"])
		out = append(out, volume{strings.TrimSpace("EBS volume " + name), d})
	}
	return out
}

func priceVolume(b *builder, v volume) {
	typ, _ := str(v.values["volume_type"])
	if model.IsUnknown(v.values["volume_type"]) || typ == "" {
		b.unpricedComponent(v.name, "volume_type is not set: the AMI or the provider decides it")
		return
	}
	if typ != "gp3" {
		b.unpricedComponent(v.name, "volume type "+typ+": prices.tsv has gp3 prices only")
		return
	}
	size, ok := num(v.values["volume_size"])
	if !ok || model.IsUnknown(v.values["volume_size"]) {
		b.unpricedComponent(v.name, "volume_size is not a known number (without it the size is the snapshot's)")
		return
	}
	l := b.line(v.name+" storage, gp3", "ebs_gp3_storage", size)
	l.Service = "EBS"
	l.Note = fmt.Sprintf("%s GB; %d IOPS and %d MiB/s included", trimFloat(size), gp3BaselineIOPS, gp3BaselineThroughput)
	if iops, ok := num(v.values["iops"]); ok && iops > gp3BaselineIOPS {
		b.unpricedComponent(v.name+" provisioned IOPS", fmt.Sprintf("%s IOPS above gp3's included %d: prices.tsv has no price for them", trimFloat(iops), gp3BaselineIOPS))
	}
	if tp, ok := num(v.values["throughput"]); ok && tp > gp3BaselineThroughput {
		b.unpricedComponent(v.name+" provisioned throughput", fmt.Sprintf("%s MiB/s above gp3's included %d: prices.tsv has no price for it", trimFloat(tp), gp3BaselineThroughput))
	}
}
