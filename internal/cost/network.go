package cost

import (
	"fmt"
	"math"
)

func init() {
	register("NAT Gateway", priceNATGateway, "aws_nat_gateway")
	register("Public IPv4", priceEIP, "aws_eip")
	register("VPC endpoints", priceVPCEndpoint, "aws_vpc_endpoint")
	register("Transit Gateway", priceTGWVPCAttachment, "aws_ec2_transit_gateway_vpc_attachment")
	register("Transit Gateway", priceTGWPeering, "aws_ec2_transit_gateway_peering_attachment")
	register("Transit Gateway", priceTGWPeeringAccepter, "aws_ec2_transit_gateway_peering_attachment_accepter")
	register("ALB", priceLB, "aws_lb", "aws_alb")
}

func priceNATGateway(e *engine, b *builder) {
	b.line("NAT gateway", "nat_hour", HoursPerMonth)
	// A public NAT gateway's address is priced on the aws_eip it uses.
	b.usageLine("data processed", "nat_gb", "monthly_data_processed_gb", identity)
}

func priceEIP(e *engine, b *builder) {
	b.line("public IPv4 address", "public_ipv4", HoursPerMonth)
}

func priceVPCEndpoint(e *engine, b *builder) {
	typ := b.text("vpc_endpoint_type")
	switch typ {
	case "", "Gateway":
		// The provider's default type is Gateway: S3 and DynamoDB, no charge.
		b.line("gateway endpoint", "vpce_gateway_hour", HoursPerMonth)
		return
	case "Interface":
	default:
		b.unpricedComponent("endpoint", "endpoint type "+typ+": prices.tsv has interface and gateway endpoint prices only")
		return
	}
	raw, ok := b.r.Values["subnet_ids"]
	subnets, isList := raw.([]any)
	if !ok || !isList {
		if configs := blocks(b.r.Values["subnet_configuration"]); len(configs) > 0 {
			subnets = make([]any, len(configs))
		} else {
			b.unpricedComponent("endpoint ENIs", "subnet_ids is not a known list: the number of AZs is unknown")
			return
		}
	}
	azs := float64(len(subnets))
	b.line("interface endpoint, per AZ", "vpce_interface_hour", azs*HoursPerMonth).Note = fmt.Sprintf("%s AZ(s) (one per subnet)", trimFloat(azs))
	b.usageLine("data processed", "vpce_interface_gb", "monthly_data_processed_gb", identity)
}

func priceTGWVPCAttachment(e *engine, b *builder) {
	b.line("VPC attachment", "tgw_attachment_hour", HoursPerMonth)
	b.usageLine("data processed", "tgw_gb", "monthly_data_processed_gb", identity)
}

func priceTGWPeering(e *engine, b *builder) {
	b.line("peering attachment", "tgw_attachment_hour", HoursPerMonth)
	b.usageLine("inter-region data transfer", "transfer_inter_region", "monthly_data_transfer_gb", identity).Service = "Data transfer"
}

// priceTGWPeeringAccepter: the accepting transit gateway has the peering
// attachment too, and AWS charges each transit gateway for its attachments.
func priceTGWPeeringAccepter(e *engine, b *builder) {
	b.line("peering attachment (accepter side)", "tgw_attachment_hour", HoursPerMonth)
	e.assume("", "A transit gateway peering attachment is billed on both transit gateways (the requester's aws_ec2_transit_gateway_peering_attachment and the accepter's aws_ec2_transit_gateway_peering_attachment_accepter).")
}

// priceLB prices an Application Load Balancer: hours, LCUs from the usage
// file's four dimensions (the highest one is billed), and the public IPv4
// addresses of an internet-facing one (one per subnet).
func priceLB(e *engine, b *builder) {
	typ := b.text("load_balancer_type")
	if typ != "" && typ != "application" {
		b.unpricedComponent("load balancer", "load balancer type "+typ+": prices.tsv has Application Load Balancer prices only")
		return
	}
	b.line("application load balancer", "alb_hour", HoursPerMonth)
	dims := []struct {
		key string
		per float64
	}{
		{"new_connections", 25}, {"active_connections", 3000}, {"processed_bytes_gb", 1}, {"rule_evaluations", 1000},
	}
	lcu, given := 0.0, false
	for _, d := range dims {
		if v, ok := b.use(d.key); ok {
			lcu = math.Max(lcu, v/d.per)
			given = true
		}
	}
	if given {
		l := b.line("load balancer capacity units", "alb_lcu", lcu*HoursPerMonth)
		l.UsageKey = "processed_bytes_gb"
		l.Note = fmt.Sprintf("%s LCU: the highest of new_connections/25, active_connections/3000, processed_bytes_gb/1, rule_evaluations/1000", trimFloat(round6(lcu)))
	} else {
		b.dependsOn("load balancer capacity units", "processed_bytes_gb")
	}
	if b.unknownValue("internal", "public IPv4 addresses") {
		return
	}
	if internal, _ := boolean(b.r.Values["internal"]); !internal {
		n := 0
		if s, ok := b.r.Values["subnets"].([]any); ok {
			n = len(s)
		}
		if m := blocks(b.r.Values["subnet_mapping"]); len(m) > n {
			n = len(m)
		}
		if n == 0 {
			b.unpricedComponent("public IPv4 addresses", "subnets is not a known list: the number of addresses is unknown")
			return
		}
		l := b.line("public IPv4 addresses (one per subnet)", "public_ipv4", float64(n)*HoursPerMonth)
		l.Service = "Public IPv4"
		l.Note = fmt.Sprintf("%d address(es)", n)
	}
}
