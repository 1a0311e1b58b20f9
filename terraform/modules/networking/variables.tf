variable "project" {
  type        = string
  description = "Project name used as the first part of resource names (3-20 lowercase letters, digits and hyphens)."
  default     = "candlefish"

  validation {
    condition     = can(regex("^[a-z0-9-]{3,20}$", var.project))
    error_message = "project must be 3-20 characters of lowercase letters, digits and hyphens."
  }
}

variable "environment" {
  type        = string
  description = "Deployment environment: one of dev, staging or production."

  validation {
    condition     = contains(["dev", "staging", "production"], var.environment)
    error_message = "environment must be one of: dev, staging, production."
  }
}

variable "tags" {
  type        = map(string)
  description = "Extra tags merged into the tags of every resource, on top of the provider default_tags."
  default     = {}
}

variable "vpc_cidr" {
  type        = string
  description = "IPv4 CIDR block of the VPC, e.g. 10.10.0.0/16: a network address with a prefix length from /16 to /20, so that the subnet plan fits (see the README)."

  validation {
    condition     = can(regex("^[0-9]{1,3}(\\.[0-9]{1,3}){3}/[0-9]{1,2}$", var.vpc_cidr)) && can(cidrhost(var.vpc_cidr, 0)) && try(tonumber(split("/", var.vpc_cidr)[1]) >= 16 && tonumber(split("/", var.vpc_cidr)[1]) <= 20, false)
    error_message = "vpc_cidr must be a valid IPv4 CIDR block such as 10.10.0.0/16, with a prefix length between /16 and /20."
  }

  validation {
    condition     = try(cidrhost(var.vpc_cidr, 0) == split("/", var.vpc_cidr)[0], false)
    error_message = "vpc_cidr must start at its network address, e.g. 10.10.0.0/16 rather than 10.10.1.0/16."
  }
}

variable "flow_log_kms_key_arn" {
  type        = string
  description = "ARN of the customer-managed KMS key that encrypts the VPC flow log group (its key policy must allow CloudWatch Logs)."

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-z0-9-]+$", var.flow_log_kms_key_arn))
    error_message = "flow_log_kms_key_arn must be a KMS key ARN: arn:<partition>:kms:<region>:<account-id>:key/<key-id>."
  }
}

variable "flow_log_traffic_type" {
  type        = string
  description = "Traffic captured by the VPC flow log: ACCEPT, REJECT or ALL."
  default     = "ALL"

  validation {
    condition     = contains(["ACCEPT", "REJECT", "ALL"], var.flow_log_traffic_type)
    error_message = "flow_log_traffic_type must be one of: ACCEPT, REJECT, ALL."
  }
}

variable "log_retention_days" {
  type        = number
  description = "Retention of the VPC flow log group, in days; one of the values CloudWatch Logs accepts."
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}

variable "region" {
  type        = string
  description = "AWS region of the aws provider passed to the module, e.g. us-east-1; the AZ names are this plus each of az_suffixes."

  validation {
    condition     = can(regex("^[a-z]{2}-[a-z]+-[0-9]$", var.region))
    error_message = "region must be an AWS region name such as us-east-1 or us-west-2 (two letters, a dash, a word, a dash, a digit)."
  }
}

variable "az_count" {
  type        = number
  description = "Number of availability zones to use (1-6): the first az_count of az_suffixes. 2 in dev, 3 in staging and production."
  default     = 3

  validation {
    condition     = var.az_count >= 1 && var.az_count <= 6 && floor(var.az_count) == var.az_count
    error_message = "az_count must be a whole number from 1 to 6."
  }

  validation {
    condition     = var.az_count <= length(var.az_suffixes)
    error_message = "az_count must not exceed the number of az_suffixes."
  }
}

variable "az_suffixes" {
  type        = list(string)
  description = "AZ letters of the region in the order AZs are taken; an AZ's position in this list fixes its subnets' CIDRs, so only ever append to it."
  default     = ["a", "b", "c", "d", "e", "f"]

  validation {
    condition     = length(var.az_suffixes) >= 1 && length(var.az_suffixes) <= 6 && alltrue([for s in var.az_suffixes : can(regex("^[a-z]$", s))]) && length(distinct(var.az_suffixes)) == length(var.az_suffixes)
    error_message = "az_suffixes must be 1 to 6 distinct single lowercase letters, e.g. [\"a\", \"b\", \"c\"]."
  }
}

variable "nat_mode" {
  type        = string
  description = "NAT for the private subnets: per_az (one NAT gateway per AZ, staging/production), single (one shared NAT gateway), instance (one NAT instance in the first AZ for every private subnet, the cheapest; dev) or none."
  default     = "per_az"

  validation {
    condition     = contains(["single", "per_az", "instance", "none"], var.nat_mode)
    error_message = "nat_mode must be one of: single, per_az, instance, none."
  }
}

variable "nat_instance_type" {
  type        = string
  description = "EC2 instance type of the NAT instance (nat_mode = instance): a Graviton burstable type, t4g.nano to t4g.2xlarge (the AMI is Amazon Linux 2023 arm64). t4g.nano (2 vCPU, 0.5 GiB, up to 5 Gbit/s) is enough for a dev VPC."
  default     = "t4g.nano"

  validation {
    condition     = contains(["t4g.nano", "t4g.micro", "t4g.small", "t4g.medium", "t4g.large", "t4g.xlarge", "t4g.2xlarge"], var.nat_instance_type)
    error_message = "nat_instance_type must be a Graviton (arm64) burstable type: t4g.nano, t4g.micro, t4g.small, t4g.medium, t4g.large, t4g.xlarge or t4g.2xlarge."
  }
}

variable "nat_instance_kms_key_arn" {
  type        = string
  description = "ARN of the customer-managed KMS key that encrypts the NAT instance's root EBS volume; required with nat_mode = instance. Its key policy must let the account use it through EC2 (kms:ViaService ec2.<region>.amazonaws.com) and create grants for AWS resources, e.g. the security module's key for a kms_services entry \"ebs\" with kms_key_via_services = { ebs = [\"ec2\"] }."
  default     = null

  validation {
    condition     = var.nat_instance_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-z0-9-]+$", var.nat_instance_kms_key_arn))
    error_message = "nat_instance_kms_key_arn must be a KMS key ARN: arn:<partition>:kms:<region>:<account-id>:key/<key-id>."
  }

  validation {
    condition     = var.nat_mode != "instance" || var.nat_instance_kms_key_arn != null
    error_message = "nat_mode = \"instance\" needs nat_instance_kms_key_arn: the NAT instance's root volume is encrypted with a customer-managed key."
  }
}

variable "nat_instance_egress_tcp_ports" {
  type        = set(number)
  description = "TCP ports the private subnets may reach on the internet through the NAT instance (nat_mode = instance); its security group admits them from vpc_cidr and lets them out to 0.0.0.0/0, and nothing else. 80 and 443 cover package repositories, container registries and AWS APIs; add e.g. 8443 for the deploycheck hook's test listener."
  default     = [80, 443]

  validation {
    condition     = length(var.nat_instance_egress_tcp_ports) > 0 && alltrue([for p in var.nat_instance_egress_tcp_ports : p >= 1 && p <= 65535 && floor(p) == p])
    error_message = "nat_instance_egress_tcp_ports must hold at least one whole port number from 1 to 65535."
  }
}

variable "interface_endpoints" {
  type        = set(string)
  description = "AWS services that get an interface VPC endpoint in the private subnets, with private DNS: any of ecr.api, ecr.dkr, logs, secretsmanager, kms, sts. Empty: none (the S3 and DynamoDB gateway endpoints always exist)."
  default     = []

  validation {
    condition     = alltrue([for s in var.interface_endpoints : contains(["ecr.api", "ecr.dkr", "logs", "secretsmanager", "kms", "sts"], s)])
    error_message = "interface_endpoints may only contain: ecr.api, ecr.dkr, logs, secretsmanager, kms, sts."
  }
}

variable "enable_transit_gateway" {
  type        = bool
  description = "Create a transit gateway in this region and attach the VPC to it through the private subnets."
  default     = false
}

variable "transit_gateway_amazon_side_asn" {
  type        = number
  description = "Private ASN of the transit gateway's Amazon side: 64512-65534 or 4200000000-4294967294; give peered transit gateways different ones."
  default     = 64512

  validation {
    condition     = floor(var.transit_gateway_amazon_side_asn) == var.transit_gateway_amazon_side_asn && ((var.transit_gateway_amazon_side_asn >= 64512 && var.transit_gateway_amazon_side_asn <= 65534) || (var.transit_gateway_amazon_side_asn >= 4200000000 && var.transit_gateway_amazon_side_asn <= 4294967294))
    error_message = "transit_gateway_amazon_side_asn must be a private ASN: a whole number from 64512 to 65534 or from 4200000000 to 4294967294."
  }
}

variable "transit_gateway_peer" {
  type = object({
    transit_gateway_id = string
    region             = string
    cidr_block         = string
  })
  description = "Transit gateway to peer with (normally the standby region's, from a second instance of this module): its ID, its region (the aws.peer provider's) and the CIDR reached through it. null: no peering. Needs enable_transit_gateway."
  default     = null

  validation {
    condition     = var.transit_gateway_peer == null ? true : can(regex("^tgw-[0-9a-f]{8,17}$", var.transit_gateway_peer.transit_gateway_id))
    error_message = "transit_gateway_peer.transit_gateway_id must be a transit gateway ID such as tgw-0123456789abcdef0."
  }

  validation {
    condition     = var.transit_gateway_peer == null ? true : can(regex("^[a-z]{2}-[a-z]+-[0-9]$", var.transit_gateway_peer.region))
    error_message = "transit_gateway_peer.region must be an AWS region name such as us-west-2."
  }

  validation {
    condition     = var.transit_gateway_peer == null ? true : try(can(regex("^[0-9]{1,3}(\\.[0-9]{1,3}){3}/[0-9]{1,2}$", var.transit_gateway_peer.cidr_block)) && cidrhost(var.transit_gateway_peer.cidr_block, 0) == split("/", var.transit_gateway_peer.cidr_block)[0], false)
    error_message = "transit_gateway_peer.cidr_block must be an IPv4 CIDR block starting at its network address, e.g. 10.31.0.0/16."
  }

  validation {
    condition     = var.transit_gateway_peer == null ? true : try(cidrhost("${split("/", var.transit_gateway_peer.cidr_block)[0]}/${min(tonumber(split("/", var.transit_gateway_peer.cidr_block)[1]), tonumber(split("/", var.vpc_cidr)[1]))}", 0) != cidrhost("${split("/", var.vpc_cidr)[0]}/${min(tonumber(split("/", var.transit_gateway_peer.cidr_block)[1]), tonumber(split("/", var.vpc_cidr)[1]))}", 0), true)
    error_message = "transit_gateway_peer.cidr_block must not overlap vpc_cidr."
  }

  validation {
    condition     = var.transit_gateway_peer == null || var.enable_transit_gateway
    error_message = "transit_gateway_peer needs enable_transit_gateway = true."
  }
}

variable "transit_gateway_destination_cidrs" {
  type        = set(string)
  description = "Further IPv4 CIDRs the private, database and intra route tables send to the transit gateway, e.g. the primary VPC's CIDR in the standby VPC that a peering reaches. Needs enable_transit_gateway."
  default     = []

  validation {
    condition     = alltrue([for c in var.transit_gateway_destination_cidrs : can(regex("^[0-9]{1,3}(\\.[0-9]{1,3}){3}/[0-9]{1,2}$", c)) && try(cidrhost(c, 0) == split("/", c)[0], false)])
    error_message = "transit_gateway_destination_cidrs must be IPv4 CIDR blocks starting at their network address, e.g. 10.30.0.0/16."
  }

  validation {
    condition     = alltrue([for c in var.transit_gateway_destination_cidrs : try(cidrhost("${split("/", c)[0]}/${min(tonumber(split("/", c)[1]), tonumber(split("/", var.vpc_cidr)[1]))}", 0) != cidrhost("${split("/", var.vpc_cidr)[0]}/${min(tonumber(split("/", c)[1]), tonumber(split("/", var.vpc_cidr)[1]))}", 0), true)])
    error_message = "transit_gateway_destination_cidrs must not overlap vpc_cidr."
  }

  validation {
    condition     = length(var.transit_gateway_destination_cidrs) == 0 || var.enable_transit_gateway
    error_message = "transit_gateway_destination_cidrs needs enable_transit_gateway = true."
  }
}
