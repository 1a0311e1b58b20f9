# The NAT instance (var.nat_mode = "instance"): one Graviton EC2 instance in
# the first AZ's public subnet that forwards and masquerades the private
# subnets' internet traffic, for environments where a NAT gateway
# (about $33/month plus $0.045/GB) is most of the bill. Its Elastic IP is
# aws_eip.nat (nat.tf), so nat_public_ips keeps working, and the private
# route tables send 0.0.0.0/0 to its primary network interface.
#
# Self-healing: a CloudWatch alarm on StatusCheckFailed_System runs the EC2
# recover action, which restarts the same instance (same ID, network
# interface, private IP, Elastic IP and EBS volume) on healthy hardware, so
# the routes and the address stay valid; a second alarm reboots it when its
# own status check fails (a hung kernel). An Auto Scaling group of one would
# replace the instance instead: a new network interface, so the routes and
# the Elastic IP would have to be moved by a boot script holding
# ec2:ReplaceRoute and ec2:AssociateAddress, for the same $0 of compute.

locals {
  nat_instance_name = "${local.name_prefix}-nat-instance"

  # First-boot script (cloud-init): installs a systemd unit that, at every
  # boot, turns on IPv4 forwarding and masquerades the VPC's traffic leaving
  # through the primary network interface.
  nat_instance_user_data = <<-EOT
    #!/bin/bash
    # NAT instance bootstrap (Amazon Linux 2023): forwarding and masquerading
    # of ${var.vpc_cidr}, persistent across reboots and EC2 recovery.
    set -euo pipefail

    # The setup itself, re-run at every boot by nat-instance.service.
    cat > /usr/local/sbin/nat-instance-setup <<'SETUP'
    #!/bin/bash
    set -euo pipefail
    VPC_CIDR="${var.vpc_cidr}"
    # The primary interface: the one holding the default route (ens5 on Nitro).
    IFACE="$(ip -o -4 route show to default | awk '{print $5; exit}')"
    if [ -z "$IFACE" ]; then
      echo "nat-instance-setup: no default route yet" >&2
      exit 1
    fi

    sysctl -q -w net.ipv4.ip_forward=1
    # Packets leave through the interface they came in on: no ICMP redirects
    # telling the private hosts to bypass the instance.
    sysctl -q -w net.ipv4.conf.all.send_redirects=0
    sysctl -q -w "net.ipv4.conf.$IFACE.send_redirects=0"

    # Idempotent: the first line creates the table if it is missing, so that
    # deleting and recreating it works on every run.
    nft -f - <<RULES
    table ip nat_instance
    delete table ip nat_instance
    table ip nat_instance {
      chain forward {
        type filter hook forward priority filter; policy drop;
        ct state established,related accept
        iifname "$IFACE" oifname "$IFACE" ip saddr $VPC_CIDR ip daddr != $VPC_CIDR accept
      }
      chain postrouting {
        type nat hook postrouting priority srcnat; policy accept;
        oifname "$IFACE" ip saddr $VPC_CIDR ip daddr != $VPC_CIDR masquerade
      }
    }
    RULES
    echo "nat-instance-setup: forwarding and masquerading $VPC_CIDR through $IFACE"
    SETUP
    chmod 0755 /usr/local/sbin/nat-instance-setup

    # Forwarding also on from early boot, before the unit runs.
    cat > /etc/sysctl.d/90-nat-instance.conf <<'SYSCTL'
    net.ipv4.ip_forward = 1
    net.ipv4.conf.all.send_redirects = 0
    net.ipv4.conf.default.send_redirects = 0
    SYSCTL

    cat > /etc/systemd/system/nat-instance.service <<'UNIT'
    [Unit]
    Description=NAT instance: IPv4 forwarding and masquerading for the VPC
    Wants=network-online.target
    After=network-online.target

    [Service]
    Type=oneshot
    RemainAfterExit=yes
    ExecStart=/usr/local/sbin/nat-instance-setup
    Restart=on-failure
    RestartSec=10

    [Install]
    WantedBy=multi-user.target
    UNIT

    # nft comes with the nftables package. Until the Elastic IP is associated
    # (seconds after launch) the instance has no way out, so retry.
    if ! command -v nft >/dev/null 2>&1; then
      until dnf -y install nftables; do
        sleep 15
      done
    fi

    systemctl daemon-reload
    systemctl enable --now nat-instance.service
  EOT
}

# Amazon Linux 2023 arm64, the latest image AWS publishes for the region,
# from AWS's public SSM parameter: no owner/name filters to get wrong, and
# the same name works in every region. The instance ignores later changes
# of the parameter (see lifecycle below).
data "aws_ssm_parameter" "nat_instance_ami" {
  count = var.nat_mode == "instance" ? 1 : 0

  name = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64"
}

resource "aws_instance" "nat" {
  for_each = toset(local.nat_instance_azs)

  ami           = data.aws_ssm_parameter.nat_instance_ami[0].insecure_value
  instance_type = var.nat_instance_type
  subnet_id     = aws_subnet.public[each.key].id

  vpc_security_group_ids = [aws_security_group.nat_instance[0].id]
  iam_instance_profile   = aws_iam_instance_profile.nat_instance[0].name

  # It forwards packets that are neither from nor to itself.
  source_dest_check = false

  # The Elastic IP (aws_eip.nat) is its public address; nothing else.
  associate_public_ip_address = false

  # No key_name: no SSH key; a shell, if ever needed, is Session Manager.
  # Basic monitoring: detailed monitoring would bill 7 metrics ($2.10/month),
  # and the status checks the recovery alarms watch are per-minute anyway.
  monitoring = false

  # Standard credits: when the credit balance runs out the CPU is throttled
  # to its baseline instead of billing surplus credits, so the monthly cost
  # is the hourly price. Forwarding a dev VPC's traffic stays far below
  # t4g.nano's baseline.
  credit_specification {
    cpu_credits = "standard"
  }

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
    instance_metadata_tags      = "disabled"
  }

  root_block_device {
    volume_type           = "gp3"
    volume_size           = 8
    encrypted             = true
    kms_key_id            = var.nat_instance_kms_key_arn
    delete_on_termination = true

    tags = merge(var.tags, {
      Name = "${local.nat_instance_name}-${each.key}"
    })
  }

  # The script only runs at first boot: a changed script takes effect on a
  # new instance.
  user_data                   = local.nat_instance_user_data
  user_data_replace_on_change = true

  tags = merge(var.tags, {
    Name = "${local.nat_instance_name}-${each.key}"
  })

  lifecycle {
    # A new Amazon Linux release changes the SSM parameter; replacing the
    # NAT instance for it would cut egress in the middle of an unrelated
    # apply. Patch in place (dnf upgrade through Session Manager) or roll
    # to the newest image deliberately with
    # terraform apply -replace='module.networking.aws_instance.nat["<az>"]'.
    ignore_changes = [ami]
  }
}

# Security group: what the private subnets may send to the internet through
# the instance, and nothing from anywhere else. Forwarded packets pass the
# group twice: inbound from the private host (source vpc_cidr) and outbound
# to the internet, so each port needs both rules. DNS (the VPC resolver),
# NTP (Amazon Time Sync, 169.254.169.123) and the instance metadata service
# are not filtered by security groups and need no rule.

resource "aws_security_group" "nat_instance" {
  count = var.nat_mode == "instance" ? 1 : 0

  name        = local.nat_instance_name
  description = "NAT instance of ${local.name_prefix}: the nat_instance_egress_tcp_ports from inside the VPC, out to the internet."
  vpc_id      = aws_vpc.this.id

  tags = merge(var.tags, {
    Name = local.nat_instance_name
  })
}

resource "aws_vpc_security_group_ingress_rule" "nat_instance_from_vpc" {
  for_each = var.nat_mode == "instance" ? toset([for p in var.nat_instance_egress_tcp_ports : tostring(p)]) : toset([])

  security_group_id = aws_security_group.nat_instance[0].id
  description       = "TCP ${each.key} from inside the VPC, to be forwarded to the internet"
  ip_protocol       = "tcp"
  from_port         = tonumber(each.key)
  to_port           = tonumber(each.key)
  cidr_ipv4         = var.vpc_cidr

  tags = merge(var.tags, {
    Name = "${local.nat_instance_name}-from-vpc-${each.key}"
  })
}

#trivy:ignore:AWS-0104 A NAT device exists to reach any internet address: the private subnets' package repositories, registries and AWS APIs have no fixed addresses. Only the ports in nat_instance_egress_tcp_ports leave, and ingress is limited to the VPC.
resource "aws_vpc_security_group_egress_rule" "nat_instance_to_internet" {
  for_each = var.nat_mode == "instance" ? toset([for p in var.nat_instance_egress_tcp_ports : tostring(p)]) : toset([])

  security_group_id = aws_security_group.nat_instance[0].id
  description       = "TCP ${each.key} to the internet (forwarded traffic and the instance's own updates and SSM agent)"
  ip_protocol       = "tcp"
  from_port         = tonumber(each.key)
  to_port           = tonumber(each.key)
  cidr_ipv4         = "0.0.0.0/0"

  tags = merge(var.tags, {
    Name = "${local.nat_instance_name}-to-internet-${each.key}"
  })
}

# Instance profile: the SSM agent's core permissions only, for Session
# Manager shells and Run Command/Patch Manager (there is no SSH key). The
# AWS-managed AmazonSSMManagedInstanceCore also grants ssm:GetParameter(s)
# on every parameter of the account, which a NAT box has no use for; this
# policy leaves those out. None of these actions takes a resource ARN, so
# their resource is "*".

data "aws_iam_policy_document" "nat_instance_assume_role" {
  count = var.nat_mode == "instance" ? 1 : 0

  statement {
    sid     = "AllowEc2AssumeRole"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

# IAM is global: the region in the name keeps a second instance of this
# module in another region from colliding with this one.
resource "aws_iam_role" "nat_instance" {
  count = var.nat_mode == "instance" ? 1 : 0

  name               = "${local.nat_instance_name}-${var.region}"
  description        = "NAT instance of ${local.name_prefix} in ${var.region}: SSM agent only."
  assume_role_policy = data.aws_iam_policy_document.nat_instance_assume_role[0].json

  tags = var.tags
}

data "aws_iam_policy_document" "nat_instance" {
  count = var.nat_mode == "instance" ? 1 : 0

  statement {
    sid    = "SsmAgentRegistrationAndDocuments"
    effect = "Allow"
    actions = [
      "ssm:DescribeAssociation",
      "ssm:DescribeDocument",
      "ssm:GetDeployablePatchSnapshotForInstance",
      "ssm:GetDocument",
      "ssm:ListInstanceAssociations",
      "ssm:PutComplianceItems",
      "ssm:UpdateInstanceAssociationStatus",
      "ssm:UpdateInstanceInformation",
    ]
    resources = ["*"]
  }

  statement {
    sid    = "SessionManagerChannels"
    effect = "Allow"
    actions = [
      "ssmmessages:CreateControlChannel",
      "ssmmessages:CreateDataChannel",
      "ssmmessages:OpenControlChannel",
      "ssmmessages:OpenDataChannel",
    ]
    resources = ["*"]
  }

  statement {
    sid    = "RunCommandMessages"
    effect = "Allow"
    actions = [
      "ec2messages:AcknowledgeMessage",
      "ec2messages:DeleteMessage",
      "ec2messages:FailMessage",
      "ec2messages:GetEndpoint",
      "ec2messages:GetMessages",
      "ec2messages:SendReply",
    ]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "nat_instance" {
  count = var.nat_mode == "instance" ? 1 : 0

  name   = "ssm-agent-core"
  role   = aws_iam_role.nat_instance[0].id
  policy = data.aws_iam_policy_document.nat_instance[0].json
}

resource "aws_iam_instance_profile" "nat_instance" {
  count = var.nat_mode == "instance" ? 1 : 0

  name = "${local.nat_instance_name}-${var.region}"
  role = aws_iam_role.nat_instance[0].name

  tags = var.tags
}

# Self-healing (see the top of this file). Status check metrics are free
# and published every minute whether or not detailed monitoring is on.

resource "aws_cloudwatch_metric_alarm" "nat_instance_recover" {
  for_each = toset(local.nat_instance_azs)

  alarm_name        = "${local.nat_instance_name}-${each.key}-recover"
  alarm_description = "The NAT instance's system status check failed (AWS hardware, power or network): recover it onto healthy hardware, keeping its instance ID, network interface, private IP and Elastic IP."
  namespace         = "AWS/EC2"
  metric_name       = "StatusCheckFailed_System"
  dimensions = {
    InstanceId = aws_instance.nat[each.key].id
  }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 2
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = 1
  treat_missing_data  = "missing"
  alarm_actions       = ["arn:${data.aws_partition.current.partition}:automate:${var.region}:ec2:recover"]

  tags = var.tags
}

resource "aws_cloudwatch_metric_alarm" "nat_instance_reboot" {
  for_each = toset(local.nat_instance_azs)

  alarm_name        = "${local.nat_instance_name}-${each.key}-reboot"
  alarm_description = "The NAT instance's own status check failed for 3 minutes (hung kernel, exhausted memory): reboot it; forwarding and masquerading come back with it."
  namespace         = "AWS/EC2"
  metric_name       = "StatusCheckFailed_Instance"
  dimensions = {
    InstanceId = aws_instance.nat[each.key].id
  }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 3
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = 1
  treat_missing_data  = "missing"
  alarm_actions       = ["arn:${data.aws_partition.current.partition}:automate:${var.region}:ec2:reboot"]

  tags = var.tags
}
