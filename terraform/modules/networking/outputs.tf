output "vpc_id" {
  description = "ID of the VPC."
  value       = aws_vpc.this.id
}

output "vpc_cidr" {
  description = "IPv4 CIDR block of the VPC."
  value       = aws_vpc.this.cidr_block
}

output "default_security_group_id" {
  description = "ID of the VPC's default security group, locked down with no rules."
  value       = aws_default_security_group.this.id
}

output "availability_zones" {
  description = "Availability zones the VPC uses, in the order of az_suffixes (e.g. [\"us-east-1a\", \"us-east-1b\"])."
  value       = local.azs
}

output "cidr_plan" {
  description = "Subnet CIDRs by tier (public, private, database, intra) and AZ name."
  value       = local.cidr_plan
}

output "internet_gateway_id" {
  description = "ID of the VPC's internet gateway."
  value       = aws_internet_gateway.this.id
}

output "public_subnet_ids" {
  description = "IDs of the public subnets, keyed by AZ name."
  value       = { for az, s in aws_subnet.public : az => s.id }
}

output "private_subnet_ids" {
  description = "IDs of the private (application) subnets, keyed by AZ name."
  value       = { for az, s in aws_subnet.private : az => s.id }
}

output "database_subnet_ids" {
  description = "IDs of the database subnets, keyed by AZ name."
  value       = { for az, s in aws_subnet.database : az => s.id }
}

output "intra_subnet_ids" {
  description = "IDs of the intra subnets (no route to the internet), keyed by AZ name."
  value       = { for az, s in aws_subnet.intra : az => s.id }
}

output "public_route_table_id" {
  description = "ID of the public route table (default route to the internet gateway)."
  value       = aws_route_table.public.id
}

output "private_route_table_ids" {
  description = "IDs of the private route tables, one per AZ, keyed by AZ name."
  value       = { for az, rt in aws_route_table.private : az => rt.id }
}

output "database_route_table_id" {
  description = "ID of the database route table (no route to the internet)."
  value       = aws_route_table.database.id
}

output "intra_route_table_id" {
  description = "ID of the intra route table (no route to the internet)."
  value       = aws_route_table.intra.id
}

output "nat_gateway_ids" {
  description = "IDs of the NAT gateways, keyed by the AZ they sit in (one per AZ with nat_mode per_az, one with single; empty with instance, whose NAT is nat_instance_ids, and with none)."
  value       = { for az, nat in aws_nat_gateway.this : az => nat.id }
}

output "nat_instance_ids" {
  description = "ID of the NAT instance, keyed by the AZ it sits in (the first AZ) with nat_mode instance; empty otherwise."
  value       = { for az, i in aws_instance.nat : az => i.id }
}

output "nat_public_ips" {
  description = "Public IPs (Elastic IPs) of the NAT gateways or of the NAT instance, keyed by AZ: the addresses the private subnets' internet traffic comes from (empty with nat_mode none)."
  value       = { for az, eip in aws_eip.nat : az => eip.public_ip }
}

output "gateway_endpoint_ids" {
  description = "IDs of the S3 and DynamoDB gateway VPC endpoints, keyed by service (s3, dynamodb)."
  value       = { for service, e in aws_vpc_endpoint.gateway : service => e.id }
}

output "interface_endpoint_ids" {
  description = "IDs of the interface VPC endpoints, keyed by service (e.g. ecr.api); empty when interface_endpoints is."
  value       = { for service, e in aws_vpc_endpoint.interface : service => e.id }
}

output "endpoint_security_group_id" {
  description = "ID of the security group of the interface VPC endpoints (HTTPS from the VPC only); null without interface endpoints."
  value       = try(aws_security_group.endpoints[0].id, null)
}

output "transit_gateway_id" {
  description = "ID of the transit gateway; null when enable_transit_gateway is false."
  value       = try(aws_ec2_transit_gateway.this[0].id, null)
}

output "transit_gateway_route_table_id" {
  description = "ID of the transit gateway's default route table; null when enable_transit_gateway is false."
  value       = try(aws_ec2_transit_gateway.this[0].association_default_route_table_id, null)
}

output "transit_gateway_vpc_attachment_id" {
  description = "ID of the VPC's attachment to the transit gateway; null when enable_transit_gateway is false."
  value       = try(aws_ec2_transit_gateway_vpc_attachment.this[0].id, null)
}

output "transit_gateway_peering_attachment_id" {
  description = "ID of the transit gateway peering attachment to transit_gateway_peer; null without a peer."
  value       = try(aws_ec2_transit_gateway_peering_attachment.this[0].id, null)
}

output "db_subnet_group_name" {
  description = "Name of the RDS/Aurora DB subnet group over the database subnets."
  value       = aws_db_subnet_group.this.name
}

output "elasticache_subnet_group_name" {
  description = "Name of the ElastiCache subnet group over the database subnets."
  value       = aws_elasticache_subnet_group.this.name
}

output "flow_log_id" {
  description = "ID of the VPC flow log."
  value       = aws_flow_log.this.id
}

output "flow_log_group_name" {
  description = "Name of the CloudWatch log group that receives the VPC flow logs."
  value       = aws_cloudwatch_log_group.flow_logs.name
}
