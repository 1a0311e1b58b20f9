# Production-like: primary in us-east-1 with three AZs, a NAT gateway per AZ
# and every interface endpoint; standby in us-west-2 with a NAT instance (the
# cheap NAT dev uses: one t4g.nano in the first AZ); the two transit gateways
# peered.
project        = "candlefish"
environment    = "production"
region         = "us-east-1"
standby_region = "us-west-2"

vpc_cidr         = "10.30.0.0/16"
standby_vpc_cidr = "10.31.0.0/16"

az_count         = 3
standby_az_count = 3
az_suffixes      = ["a", "b", "c", "d", "e", "f"]
nat_mode         = "per_az"
standby_nat_mode = "instance"

# Used by the primary when nat_mode = "instance" (the standby's instance takes
# the module's defaults and a key the example creates in us-west-2).
nat_instance_type             = "t4g.nano"
nat_instance_kms_key_arn      = null
nat_instance_egress_tcp_ports = [80, 443]

interface_endpoints = ["ecr.api", "ecr.dkr", "logs", "secretsmanager", "kms", "sts"]

enable_transit_gateway                  = true
enable_transit_gateway_peering          = true
transit_gateway_peer_id                 = null
transit_gateway_amazon_side_asn         = 64512
standby_transit_gateway_amazon_side_asn = 64513
transit_gateway_destination_cidrs       = []

flow_log_kms_key_arn  = null
flow_log_traffic_type = "ALL"
log_retention_days    = 90

tags = {
  Example = "networking-complete"
}
