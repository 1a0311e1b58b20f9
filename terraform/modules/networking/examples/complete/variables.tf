# The example's inputs go to the module unchanged: the module validates them.

variable "project" {
  type        = string
  description = "Project name used as the first part of resource names (3-20 lowercase letters, digits and hyphens)."
  default     = "candlefish"
}

variable "environment" {
  type        = string
  description = "Deployment environment: one of dev, staging or production."
}

variable "region" {
  type        = string
  description = "Region of the primary VPC (provider aws), e.g. us-east-1."
}

variable "standby_region" {
  type        = string
  description = "Region of the standby VPC (provider aws.replica), e.g. us-west-2; the primary's transit gateway peers with the standby's there."
}

variable "vpc_cidr" {
  type        = string
  description = "IPv4 CIDR block of the primary VPC (/16 to /20)."
}

variable "standby_vpc_cidr" {
  type        = string
  description = "IPv4 CIDR block of the standby VPC (/16 to /20); must not overlap vpc_cidr."
}

variable "az_count" {
  type        = number
  description = "Number of availability zones of the primary VPC (1-6)."
}

variable "standby_az_count" {
  type        = number
  description = "Number of availability zones of the standby VPC (1-6)."
}

variable "az_suffixes" {
  type        = list(string)
  description = "AZ letters of the primary region in the order AZs are taken."
  default     = ["a", "b", "c", "d", "e", "f"]
}

variable "nat_mode" {
  type        = string
  description = "NAT of the primary VPC: per_az, single, instance or none."
}

variable "standby_nat_mode" {
  type        = string
  description = "NAT of the standby VPC: per_az, single, instance or none."
}

variable "nat_instance_type" {
  type        = string
  description = "Instance type of the primary VPC's NAT instance (nat_mode = instance)."
  default     = "t4g.nano"
}

variable "nat_instance_kms_key_arn" {
  type        = string
  description = "ARN of an existing KMS key in region for the primary VPC's NAT instance volume; null creates one here when nat_mode = instance."
  default     = null
}

variable "nat_instance_egress_tcp_ports" {
  type        = set(number)
  description = "TCP ports the primary VPC's private subnets may reach through its NAT instance."
  default     = [80, 443]
}

variable "interface_endpoints" {
  type        = set(string)
  description = "Services that get an interface VPC endpoint in the primary VPC: any of ecr.api, ecr.dkr, logs, secretsmanager, kms, sts."
  default     = []
}

variable "enable_transit_gateway" {
  type        = bool
  description = "Create a transit gateway in each region and attach each VPC to it."
}

variable "enable_transit_gateway_peering" {
  type        = bool
  description = "Peer the primary's transit gateway with the standby's (or with transit_gateway_peer_id); needs enable_transit_gateway."
}

variable "transit_gateway_peer_id" {
  type        = string
  description = "ID of an existing transit gateway in standby_region to peer with instead of the standby VPC's; null peers with the standby VPC's."
  default     = null
}

variable "transit_gateway_amazon_side_asn" {
  type        = number
  description = "Private ASN of the primary transit gateway."
}

variable "standby_transit_gateway_amazon_side_asn" {
  type        = number
  description = "Private ASN of the standby transit gateway (different from the primary's)."
}

variable "transit_gateway_destination_cidrs" {
  type        = set(string)
  description = "Further CIDRs the primary VPC's private, database and intra route tables send to its transit gateway."
  default     = []
}

variable "flow_log_kms_key_arn" {
  type        = string
  description = "ARN of an existing KMS key in region for the primary VPC's flow logs; null creates one here."
  default     = null
}

variable "flow_log_traffic_type" {
  type        = string
  description = "Traffic captured by the VPC flow logs: ACCEPT, REJECT or ALL."
  default     = "ALL"
}

variable "log_retention_days" {
  type        = number
  description = "Retention of the VPC flow log groups, in days."
}

variable "tags" {
  type        = map(string)
  description = "Extra tags for every resource."
  default     = {}
}
