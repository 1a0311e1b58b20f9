output "vpc_id" {
  description = "ID of the primary VPC."
  value       = module.networking.vpc_id
}

output "availability_zones" {
  description = "Availability zones of the primary VPC."
  value       = module.networking.availability_zones
}

output "cidr_plan" {
  description = "Subnet CIDRs of the primary VPC by tier and AZ."
  value       = module.networking.cidr_plan
}

output "private_subnet_ids" {
  description = "IDs of the primary VPC's private subnets, keyed by AZ."
  value       = module.networking.private_subnet_ids
}

output "nat_public_ips" {
  description = "Public IPs of the primary VPC's NAT gateways, keyed by AZ."
  value       = module.networking.nat_public_ips
}

output "interface_endpoint_ids" {
  description = "IDs of the primary VPC's interface endpoints, keyed by service."
  value       = module.networking.interface_endpoint_ids
}

output "transit_gateway_id" {
  description = "ID of the primary transit gateway (null when disabled)."
  value       = module.networking.transit_gateway_id
}

output "transit_gateway_peering_attachment_id" {
  description = "ID of the peering attachment between the primary and standby transit gateways (null without peering)."
  value       = module.networking.transit_gateway_peering_attachment_id
}

output "standby_vpc_id" {
  description = "ID of the standby VPC."
  value       = module.standby.vpc_id
}

output "standby_cidr_plan" {
  description = "Subnet CIDRs of the standby VPC by tier and AZ."
  value       = module.standby.cidr_plan
}

output "standby_transit_gateway_id" {
  description = "ID of the standby transit gateway (null when disabled)."
  value       = module.standby.transit_gateway_id
}
