package schema

import (
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
)

func load(t *testing.T) *Schema {
	t.Helper()
	s, err := Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return s
}

func resource(t *testing.T, s *Schema, typ string) *Block {
	t.Helper()
	b := s.Resource(typ)
	if b == nil {
		t.Fatalf("resource %s missing", typ)
	}
	return b
}

// path follows nested blocks (and object attributes) by name.
func path(t *testing.T, b *Block, names ...string) *Block {
	t.Helper()
	for i, n := range names {
		if nb := b.NestedBlock(n); nb != nil {
			b = &nb.Block
			continue
		}
		if a := b.Argument(n); a != nil && a.ObjectAttr != nil {
			b = a.ObjectAttr
			continue
		}
		t.Fatalf("no block %s (in %s); blocks %v", n, strings.Join(names[:i], "."), b.BlockNames())
	}
	return b
}

func wantArgs(t *testing.T, where string, b *Block, required bool, names ...string) {
	t.Helper()
	for _, n := range names {
		a := b.Argument(n)
		switch {
		case a == nil:
			t.Errorf("%s: argument %s missing (have %v)", where, n, b.ArgumentNames())
		case a.Required != required:
			t.Errorf("%s: argument %s required=%v, want %v", where, n, a.Required, required)
		}
	}
}

func wantReadable(t *testing.T, where string, b *Block, names ...string) {
	t.Helper()
	for _, n := range names {
		if !b.HasAttribute(n) {
			t.Errorf("%s: %s not readable", where, n)
		}
	}
}

func wantBlock(t *testing.T, where string, b *Block, name string, required, list bool) *NestedBlock {
	t.Helper()
	nb := b.NestedBlock(name)
	if nb == nil {
		t.Errorf("%s: block %s missing (have %v)", where, name, b.BlockNames())
		return nil
	}
	if nb.Required != required || nb.List != list {
		t.Errorf("%s: block %s required=%v list=%v, want required=%v list=%v", where, name, nb.Required, nb.List, required, list)
	}
	return nb
}

func TestLoadHeader(t *testing.T) {
	s := load(t)
	if s.ProviderSource != "hashicorp/aws" || s.ProviderVersion != "6.66.0" {
		t.Errorf("provider = %s %s, want hashicorp/aws 6.66.0", s.ProviderSource, s.ProviderVersion)
	}
	if want := "npm @cdktn/provider-aws@25.7.0 (.jsii)"; s.GeneratedFrom != want {
		t.Errorf("GeneratedFrom = %q, want %q", s.GeneratedFrom, want)
	}
	if n := len(s.Resources); n <= 1000 {
		t.Errorf("%d resources, want > 1000", n)
	}
	if n := len(s.DataSources); n <= 400 {
		t.Errorf("%d data sources, want > 400", n)
	}
	for name := range s.Resources {
		if !strings.HasPrefix(name, "aws_") {
			t.Errorf("resource type %q does not start with aws_", name)
		}
	}
	for name := range s.DataSources {
		if !strings.HasPrefix(name, "aws_") {
			t.Errorf("data source type %q does not start with aws_", name)
		}
	}
}

func TestLoadOnceConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	got := make([]*Schema, 8)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := Load()
			if err != nil {
				t.Error(err)
			}
			got[i] = s
		}()
	}
	wg.Wait()
	for _, s := range got[1:] {
		if s != got[0] || s == nil {
			t.Fatal("Load returned different or nil schemas")
		}
	}
}

func TestUnknownTypes(t *testing.T) {
	s := load(t)
	if s.Resource("aws_s3_bukket") != nil || s.Resource("") != nil || s.Resource("s3_bucket") != nil {
		t.Error("unknown resource type found")
	}
	if s.DataSource("aws_nonexistent") != nil {
		t.Error("unknown data source found")
	}
	// aws_caller_identity is only a data source
	if s.Resource("aws_caller_identity") != nil {
		t.Error("aws_caller_identity found as a resource")
	}
	var nilSchema *Schema
	if nilSchema.Resource("aws_vpc") != nil {
		t.Error("nil schema returned a block")
	}
	var nilBlock *Block
	if nilBlock.HasAttribute("id") {
		t.Error("nil block has attribute")
	}
}

func TestS3Bucket(t *testing.T) {
	b := resource(t, load(t), "aws_s3_bucket")
	wantArgs(t, "aws_s3_bucket", b, false, "bucket", "bucket_prefix", "force_destroy", "tags")
	wantReadable(t, "aws_s3_bucket", b, "arn", "id", "bucket", "bucket_domain_name", "bucket_regional_domain_name", "hosted_zone_id")
	if b.HasAttribute("arn_input") || b.HasAttribute("bucket_input") || b.HasAttribute("tf_resource_type") {
		t.Error("internal getters listed as attributes")
	}
	if b.Argument("arn") != nil {
		t.Error("arn must be computed-only")
	}
	wantBlock(t, "aws_s3_bucket", b, "cors_rule", false, true)
	wantBlock(t, "aws_s3_bucket", b, "versioning", false, false)
	if !sort.StringsAreSorted(b.Attributes) {
		t.Error("attributes not sorted")
	}
}

func TestVPC(t *testing.T) {
	b := resource(t, load(t), "aws_vpc")
	wantArgs(t, "aws_vpc", b, false, "cidr_block", "enable_dns_hostnames", "enable_dns_support", "tags")
	wantReadable(t, "aws_vpc", b, "id", "arn", "default_security_group_id", "main_route_table_id", "owner_id", "cidr_block")
	if b.HasAttribute("default_security_group") {
		t.Error("aws_vpc.default_security_group should not exist")
	}
}

func TestKMSAndIAM(t *testing.T) {
	s := load(t)
	kms := resource(t, s, "aws_kms_key")
	wantArgs(t, "aws_kms_key", kms, false, "enable_key_rotation", "deletion_window_in_days", "policy", "description")
	wantReadable(t, "aws_kms_key", kms, "arn", "key_id")

	role := resource(t, s, "aws_iam_role")
	wantArgs(t, "aws_iam_role", role, true, "assume_role_policy")
	wantArgs(t, "aws_iam_role", role, false, "name", "name_prefix", "path", "permissions_boundary")
	wantReadable(t, "aws_iam_role", role, "arn", "unique_id", "name", "id")
	if got := role.RequiredArguments(); !reflect.DeepEqual(got, []string{"assume_role_policy"}) {
		t.Errorf("aws_iam_role required = %v", got)
	}
}

func TestECSService(t *testing.T) {
	b := resource(t, load(t), "aws_ecs_service")
	wantArgs(t, "aws_ecs_service", b, true, "name")
	wantArgs(t, "aws_ecs_service", b, false, "cluster", "task_definition", "desired_count", "launch_type")
	if lb := wantBlock(t, "aws_ecs_service", b, "load_balancer", false, true); lb != nil {
		wantArgs(t, "load_balancer", &lb.Block, true, "container_name", "container_port")
		wantArgs(t, "load_balancer", &lb.Block, false, "target_group_arn")
	}
	if dc := wantBlock(t, "aws_ecs_service", b, "deployment_configuration", false, false); dc != nil {
		wantArgs(t, "deployment_configuration", &dc.Block, false, "strategy", "bake_time_in_minutes")
		wantBlock(t, "deployment_configuration", &dc.Block, "lifecycle_hook", false, true)
	}
	if cps := wantBlock(t, "aws_ecs_service", b, "capacity_provider_strategy", false, true); cps != nil {
		wantArgs(t, "capacity_provider_strategy", &cps.Block, true, "capacity_provider")
		wantArgs(t, "capacity_provider_strategy", &cps.Block, false, "base", "weight")
	}
	wantBlock(t, "aws_ecs_service", b, "network_configuration", false, false)
	wantBlock(t, "aws_ecs_service", b, "deployment_circuit_breaker", false, false)
	// deployment_maximum_percent is a top-level argument, not part of a block
	wantArgs(t, "aws_ecs_service", b, false, "deployment_maximum_percent", "deployment_minimum_healthy_percent")
}

func TestCloudFrontDistribution(t *testing.T) {
	b := resource(t, load(t), "aws_cloudfront_distribution")
	wantArgs(t, "aws_cloudfront_distribution", b, true, "enabled")
	if got, want := b.RequiredBlocks(), []string{"default_cache_behavior", "origin", "restrictions", "viewer_certificate"}; !reflect.DeepEqual(got, want) {
		t.Errorf("required blocks = %v, want %v", got, want)
	}
	wantBlock(t, "aws_cloudfront_distribution", b, "origin", true, true)
	wantBlock(t, "aws_cloudfront_distribution", b, "default_cache_behavior", true, false)
	wantBlock(t, "aws_cloudfront_distribution", b, "ordered_cache_behavior", false, true)
	geo := path(t, b, "restrictions", "geo_restriction")
	wantArgs(t, "restrictions.geo_restriction", geo, true, "restriction_type")
	dcb := path(t, b, "default_cache_behavior")
	wantArgs(t, "default_cache_behavior", dcb, true, "allowed_methods", "cached_methods", "target_origin_id", "viewer_protocol_policy")
	wantReadable(t, "aws_cloudfront_distribution", b, "arn", "domain_name", "hosted_zone_id", "etag", "status")
}

func TestWAFv2(t *testing.T) {
	s := load(t)
	acl := resource(t, s, "aws_wafv2_web_acl")
	wantArgs(t, "aws_wafv2_web_acl", acl, true, "scope")
	wantBlock(t, "aws_wafv2_web_acl", acl, "default_action", true, false)
	wantBlock(t, "aws_wafv2_web_acl", acl, "visibility_config", true, false)
	rule := wantBlock(t, "aws_wafv2_web_acl", acl, "rule", false, true)
	if rule == nil {
		t.FailNow()
	}
	wantArgs(t, "rule", &rule.Block, true, "name", "priority")
	wantBlock(t, "rule", &rule.Block, "visibility_config", true, false)
	wantBlock(t, "rule", &rule.Block, "override_action", false, false)
	path(t, &rule.Block, "action", "block", "custom_response")
	// The assembly types aws_wafv2_web_acl's statement as "any" (its real
	// schema is too deep for cdktf), so its contents are opaque.
	if st := rule.NestedBlock("statement"); st == nil || !st.Opaque {
		t.Errorf("rule.statement = %+v, want opaque block", st)
	}

	// aws_wafv2_web_acl_rule has a typed, recursive statement: unrolled.
	wr := resource(t, s, "aws_wafv2_web_acl_rule")
	st := path(t, wr, "statement")
	for _, n := range []string{"byte_match_statement", "managed_rule_group_statement", "rate_based_statement", "and_statement", "not_statement", "or_statement"} {
		if st.NestedBlock(n) == nil {
			t.Errorf("aws_wafv2_web_acl_rule.statement.%s missing", n)
		}
	}
	inner := path(t, wr, "statement", "and_statement", "statement", "not_statement", "statement", "byte_match_statement")
	wantArgs(t, "…byte_match_statement", inner, true, "positional_constraint")
	mrg := path(t, wr, "statement", "managed_rule_group_statement")
	wantArgs(t, "managed_rule_group_statement", mrg, true, "name", "vendor_name")
}

func TestDataSources(t *testing.T) {
	s := load(t)
	pd := s.DataSource("aws_iam_policy_document")
	if pd == nil {
		t.Fatal("data source aws_iam_policy_document missing")
	}
	if st := wantBlock(t, "aws_iam_policy_document", pd, "statement", false, true); st != nil {
		wantArgs(t, "statement", &st.Block, false, "actions", "effect", "resources", "sid")
		if c := wantBlock(t, "statement", &st.Block, "condition", false, true); c != nil {
			wantArgs(t, "statement.condition", &c.Block, true, "test", "values", "variable")
		}
		wantBlock(t, "statement", &st.Block, "principals", false, true)
	}
	wantReadable(t, "aws_iam_policy_document", pd, "json", "minified_json")

	ci := s.DataSource("aws_caller_identity")
	if ci == nil {
		t.Fatal("data source aws_caller_identity missing")
	}
	wantReadable(t, "aws_caller_identity", ci, "account_id", "arn", "user_id", "id")
	if ci.Argument("account_id") != nil {
		t.Error("aws_caller_identity.account_id must be computed-only")
	}

	for _, n := range []string{"aws_region", "aws_availability_zones", "aws_vpc", "aws_ami", "aws_partition"} {
		if s.DataSource(n) == nil {
			t.Errorf("data source %s missing", n)
		}
	}
}

func TestProvider(t *testing.T) {
	p := load(t).Provider
	if p == nil {
		t.Fatal("provider block missing")
	}
	wantArgs(t, "provider", p, false, "region", "profile", "alias", "allowed_account_ids", "s3_us_east_1_regional_endpoint")
	if dt := p.NestedBlock("default_tags"); dt == nil || dt.Argument("tags") == nil {
		t.Errorf("provider default_tags = %+v, want block with tags", dt)
	}
	if ar := p.NestedBlock("assume_role"); ar == nil || ar.Argument("role_arn") == nil {
		t.Errorf("provider assume_role = %+v", ar)
	}
	if p.NestedBlock("endpoints") == nil || p.NestedBlock("ignore_tags") == nil {
		t.Error("provider endpoints/ignore_tags blocks missing")
	}
}

// A few resources of a typical ECS/Aurora/ElastiCache/CloudFront stack.
func TestTypicalStack(t *testing.T) {
	s := load(t)

	lb := resource(t, s, "aws_lb")
	wantArgs(t, "aws_lb", lb, false, "name", "internal", "load_balancer_type", "security_groups", "subnets")
	wantBlock(t, "aws_lb", lb, "access_logs", false, false)
	wantBlock(t, "aws_lb", lb, "subnet_mapping", false, true)
	wantReadable(t, "aws_lb", lb, "arn", "arn_suffix", "dns_name", "zone_id")

	l := resource(t, s, "aws_lb_listener")
	wantArgs(t, "aws_lb_listener", l, true, "load_balancer_arn")
	if da := wantBlock(t, "aws_lb_listener", l, "default_action", true, true); da != nil {
		wantArgs(t, "default_action", &da.Block, true, "type")
		tg := path(t, &da.Block, "forward", "target_group")
		wantArgs(t, "default_action.forward.target_group", tg, true, "arn")
		path(t, &da.Block, "redirect")
	}

	td := resource(t, s, "aws_ecs_task_definition")
	wantArgs(t, "aws_ecs_task_definition", td, true, "family", "container_definitions")
	wantBlock(t, "aws_ecs_task_definition", td, "volume", false, true)
	wantBlock(t, "aws_ecs_task_definition", td, "runtime_platform", false, false)
	wantReadable(t, "aws_ecs_task_definition", td, "arn", "revision", "arn_without_revision")

	rds := resource(t, s, "aws_rds_cluster")
	wantArgs(t, "aws_rds_cluster", rds, true, "engine")
	wantArgs(t, "aws_rds_cluster", rds, false, "cluster_identifier", "master_username", "manage_master_user_password", "storage_encrypted", "vpc_security_group_ids")
	wantBlock(t, "aws_rds_cluster", rds, "serverlessv2_scaling_configuration", false, false)
	wantReadable(t, "aws_rds_cluster", rds, "endpoint", "reader_endpoint", "master_user_secret", "cluster_resource_id")

	rg := resource(t, s, "aws_elasticache_replication_group")
	wantArgs(t, "aws_elasticache_replication_group", rg, true, "replication_group_id", "description")
	wantArgs(t, "aws_elasticache_replication_group", rg, false, "node_type", "num_cache_clusters", "transit_encryption_enabled", "auth_token")
	wantBlock(t, "aws_elasticache_replication_group", rg, "log_delivery_configuration", false, true)
	wantReadable(t, "aws_elasticache_replication_group", rg, "primary_endpoint_address", "reader_endpoint_address", "configuration_endpoint_address")
	if rg.HasAttribute("auth_token_wo") && contains(rg.Attributes, "auth_token_wo") {
		t.Error("write-only auth_token_wo listed as readable attribute")
	}

	ddb := resource(t, s, "aws_dynamodb_table")
	wantArgs(t, "aws_dynamodb_table", ddb, true, "name")
	wantBlock(t, "aws_dynamodb_table", ddb, "attribute", false, true)
	wantBlock(t, "aws_dynamodb_table", ddb, "point_in_time_recovery", false, false)
	wantBlock(t, "aws_dynamodb_table", ddb, "server_side_encryption", false, false)
	wantReadable(t, "aws_dynamodb_table", ddb, "arn", "stream_arn")

	lg := resource(t, s, "aws_cloudwatch_log_group")
	wantArgs(t, "aws_cloudwatch_log_group", lg, false, "name", "retention_in_days", "kms_key_id")
	if len(lg.RequiredArguments()) != 0 {
		t.Errorf("aws_cloudwatch_log_group required = %v", lg.RequiredArguments())
	}

	fl := resource(t, s, "aws_flow_log")
	wantArgs(t, "aws_flow_log", fl, false, "vpc_id", "traffic_type", "log_destination", "log_destination_type", "iam_role_arn")
	wantBlock(t, "aws_flow_log", fl, "destination_options", false, false)

	tgw := resource(t, s, "aws_ec2_transit_gateway_peering_attachment")
	wantArgs(t, "aws_ec2_transit_gateway_peering_attachment", tgw, true, "peer_region", "peer_transit_gateway_id", "transit_gateway_id")
	wantArgs(t, "aws_ec2_transit_gateway_peering_attachment", tgw, false, "peer_account_id", "tags")

	lc := resource(t, s, "aws_s3_bucket_lifecycle_configuration")
	wantArgs(t, "aws_s3_bucket_lifecycle_configuration", lc, true, "bucket")
	if r := wantBlock(t, "aws_s3_bucket_lifecycle_configuration", lc, "rule", false, true); r != nil {
		wantArgs(t, "rule", &r.Block, true, "id", "status")
		wantBlock(t, "rule", &r.Block, "filter", false, true)
		wantBlock(t, "rule", &r.Block, "transition", false, true)
		wantBlock(t, "rule", &r.Block, "expiration", false, true)
		and := path(t, &r.Block, "filter", "and")
		wantArgs(t, "rule.filter.and", and, false, "prefix", "tags", "object_size_greater_than")
		tr := path(t, &r.Block, "transition")
		wantArgs(t, "rule.transition", tr, true, "storage_class")
		wantArgs(t, "rule.transition", tr, false, "days", "date")
	}

	ep := resource(t, s, "aws_vpc_endpoint")
	wantArgs(t, "aws_vpc_endpoint", ep, true, "vpc_id")
	wantArgs(t, "aws_vpc_endpoint", ep, false, "service_name", "vpc_endpoint_type", "subnet_ids", "security_group_ids", "private_dns_enabled", "route_table_ids")
	wantReadable(t, "aws_vpc_endpoint", ep, "arn", "dns_entry", "network_interface_ids", "prefix_list_id", "state")
}

// Names that cdktf renames or mangles must come out as Terraform names.
func TestRenamedNames(t *testing.T) {
	s := load(t)
	inst := resource(t, s, "aws_instance")
	wantArgs(t, "aws_instance", inst, false, "get_password_data")
	if inst.HasAttribute("fetch_password_data") {
		t.Error("aws_instance has cdktf name fetch_password_data")
	}
	sg := path(t, resource(t, s, "aws_security_group"), "ingress")
	if sg.Argument("self") == nil || sg.Argument("self_attribute") != nil {
		t.Errorf("aws_security_group.ingress arguments = %v, want self", sg.ArgumentNames())
	}
	wantArgs(t, "aws_security_group_rule", resource(t, s, "aws_security_group_rule"), false, "self")
	obj := resource(t, s, "aws_s3_object")
	wantReadable(t, "aws_s3_object", obj, "checksum_crc32", "checksum_crc32c", "checksum_crc64nvme", "checksum_sha256")
	wantReadable(t, "aws_iam_virtual_mfa_device", resource(t, s, "aws_iam_virtual_mfa_device"), "base_32_string_seed", "qr_code_png")
	wantArgs(t, "provider", s.Provider, false, "s3_us_east_1_regional_endpoint")
	for name, b := range s.Resources {
		for _, n := range b.Attributes {
			if strings.HasSuffix(n, "_attribute") && b.Argument(n) == nil {
				// real names such as ipv6_address_attribute exist, but only a few
				switch name {
				case "aws_vpc_ipv6_cidr_block_association", "aws_load_balancer_policy":
				default:
					t.Errorf("%s: suspicious attribute %s", name, n)
				}
			}
		}
	}
}

// A list-of-object attribute (not a block) keeps its fields.
func TestObjectAttribute(t *testing.T) {
	b := resource(t, load(t), "aws_bedrockagent_agent")
	a := b.Argument("prompt_override_configuration")
	if a == nil || a.ObjectAttr == nil {
		t.Fatalf("prompt_override_configuration = %+v, want object attribute", a)
	}
	if b.NestedBlock("prompt_override_configuration") != nil {
		t.Error("prompt_override_configuration is also a block")
	}
	if len(a.ObjectAttr.Arguments) == 0 || !a.List {
		t.Errorf("prompt_override_configuration = %+v, want list of objects with fields", a)
	}

	// aws_security_group's ingress/egress are list-of-object attributes
	// (written in block syntax in practice).
	sg := resource(t, load(t), "aws_security_group")
	for _, n := range []string{"ingress", "egress"} {
		a := sg.Argument(n)
		if a == nil || a.ObjectAttr == nil || !a.List || sg.NestedBlock(n) != nil {
			t.Fatalf("aws_security_group.%s = %+v, want list-of-object argument", n, a)
		}
		// (fields of an attribute's object type carry no required flag in
		// the provider schema, so only their names are checked)
		for _, f := range []string{"from_port", "to_port", "protocol", "cidr_blocks", "security_groups", "self", "description"} {
			if a.ObjectAttr.Argument(f) == nil {
				t.Errorf("aws_security_group.%s.%s missing", n, f)
			}
		}
	}

	// a single object attribute
	wt := resource(t, load(t), "aws_dynamodb_global_secondary_index").Argument("warm_throughput")
	if wt == nil || wt.ObjectAttr == nil || wt.List {
		t.Errorf("aws_dynamodb_global_secondary_index.warm_throughput = %+v, want single object", wt)
	}
}

func TestSuggest(t *testing.T) {
	args := resource(t, load(t), "aws_s3_bucket").ArgumentNames()
	for _, c := range []struct{ in, want string }{
		{"bukcet", "bucket"},
		{"bucket", "bucket"},
		{"buckt", "bucket"},
		{"bucket_prefx", "bucket_prefix"},
		{"force_destory", "force_destroy"},
		{"tag", "tags"},
		{"zzzzzzzz", ""},
		{"x", ""},
		{"", ""},
	} {
		if got := Suggest(c.in, args); got != c.want {
			t.Errorf("Suggest(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := Suggest("aws_s3_bukcet", load(t).ResourceTypes()); got != "aws_s3_bucket" {
		t.Errorf("Suggest(aws_s3_bukcet) = %q", got)
	}
	if got := Suggest("bukcet", nil); got != "" {
		t.Errorf("Suggest with no candidates = %q", got)
	}
	// ties go to the alphabetically smallest candidate
	if got := Suggest("ab", []string{"ac", "aa"}); got != "aa" {
		t.Errorf("Suggest tie = %q, want aa", got)
	}
}

func TestOSADistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		d    int
	}{
		{"", "", 0}, {"a", "", 1}, {"", "abc", 3}, {"bucket", "bucket", 0},
		{"bukcet", "bucket", 1}, {"kitten", "sitting", 3}, {"ca", "abc", 3},
	} {
		if got := osaDistance(c.a, c.b); got != c.d {
			t.Errorf("osaDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.d)
		}
	}
}
