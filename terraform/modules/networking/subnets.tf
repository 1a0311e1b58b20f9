# Four subnet tiers, one subnet per AZ each, keyed by AZ name, and their
# route tables:
#   public    load balancers and NAT gateways; one route table, 0.0.0.0/0 to the IGW
#   private   application tier; one route table per AZ, 0.0.0.0/0 to a NAT gateway (nat.tf)
#   database  Aurora and ElastiCache; one route table, no route to the internet
#   intra     no route to the internet at all (AWS services through VPC endpoints)

resource "aws_subnet" "public" {
  for_each = local.cidr_plan.public

  vpc_id            = aws_vpc.this.id
  availability_zone = each.key
  cidr_block        = each.value
  # Nothing launched here gets a public IP by itself: load balancers and NAT
  # gateways bring their own.
  map_public_ip_on_launch = false

  tags = merge(var.tags, {
    Name = "${local.name_prefix}-public-${each.key}"
    Tier = "public"
  })
}

resource "aws_subnet" "private" {
  for_each = local.cidr_plan.private

  vpc_id            = aws_vpc.this.id
  availability_zone = each.key
  cidr_block        = each.value

  tags = merge(var.tags, {
    Name = "${local.name_prefix}-private-${each.key}"
    Tier = "private"
  })
}

resource "aws_subnet" "database" {
  for_each = local.cidr_plan.database

  vpc_id            = aws_vpc.this.id
  availability_zone = each.key
  cidr_block        = each.value

  tags = merge(var.tags, {
    Name = "${local.name_prefix}-database-${each.key}"
    Tier = "database"
  })
}

resource "aws_subnet" "intra" {
  for_each = local.cidr_plan.intra

  vpc_id            = aws_vpc.this.id
  availability_zone = each.key
  cidr_block        = each.value

  tags = merge(var.tags, {
    Name = "${local.name_prefix}-intra-${each.key}"
    Tier = "intra"
  })
}

# Public: one route table for every AZ, default route to the internet gateway.

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.this.id

  tags = merge(var.tags, {
    Name = "${local.name_prefix}-public"
    Tier = "public"
  })
}

resource "aws_route" "public_internet_gateway" {
  route_table_id         = aws_route_table.public.id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.this.id
}

resource "aws_route_table_association" "public" {
  for_each = local.cidr_plan.public

  subnet_id      = aws_subnet.public[each.key].id
  route_table_id = aws_route_table.public.id
}

# Private: one route table per AZ, so that each AZ can use its own NAT gateway.

resource "aws_route_table" "private" {
  for_each = local.az_index

  vpc_id = aws_vpc.this.id

  tags = merge(var.tags, {
    Name = "${local.name_prefix}-private-${each.key}"
    Tier = "private"
  })
}

resource "aws_route_table_association" "private" {
  for_each = local.cidr_plan.private

  subnet_id      = aws_subnet.private[each.key].id
  route_table_id = aws_route_table.private[each.key].id
}

# Database: one route table, no default route.

resource "aws_route_table" "database" {
  vpc_id = aws_vpc.this.id

  tags = merge(var.tags, {
    Name = "${local.name_prefix}-database"
    Tier = "database"
  })
}

resource "aws_route_table_association" "database" {
  for_each = local.cidr_plan.database

  subnet_id      = aws_subnet.database[each.key].id
  route_table_id = aws_route_table.database.id
}

# Intra: one route table, no default route.

resource "aws_route_table" "intra" {
  vpc_id = aws_vpc.this.id

  tags = merge(var.tags, {
    Name = "${local.name_prefix}-intra"
    Tier = "intra"
  })
}

resource "aws_route_table_association" "intra" {
  for_each = local.cidr_plan.intra

  subnet_id      = aws_subnet.intra[each.key].id
  route_table_id = aws_route_table.intra.id
}

# Subnet groups over the database subnets, for the storage module's Aurora
# cluster and ElastiCache replication group.

resource "aws_db_subnet_group" "this" {
  name        = "${local.name_prefix}-database"
  description = "Database subnets of ${local.name_prefix} (${join(", ", local.azs)})."
  subnet_ids  = [for az in local.azs : aws_subnet.database[az].id]

  tags = merge(var.tags, {
    Name = "${local.name_prefix}-database"
    Tier = "database"
  })
}

resource "aws_elasticache_subnet_group" "this" {
  name        = "${local.name_prefix}-database"
  description = "Database subnets of ${local.name_prefix} (${join(", ", local.azs)})."
  subnet_ids  = [for az in local.azs : aws_subnet.database[az].id]

  tags = merge(var.tags, {
    Name = "${local.name_prefix}-database"
    Tier = "database"
  })
}
