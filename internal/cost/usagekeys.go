package cost

import "sort"

// UsageKey is one quantity a usage file may give for a resource type.
type UsageKey struct {
	Key string // dotted for nested keys: standard.storage_gb
	Doc string
	// Traffic marks quantities that grow with the number of requests; --traffic scales them.
	Traffic bool
	// Cfctl marks keys Infracost has no equivalent for (cfctl's own names,
	// in Infracost's style); every other key is Infracost's own.
	Cfctl bool
}

var lbKeys = []UsageKey{
	{Key: "new_connections", Doc: "average new connections per second", Traffic: true},
	{Key: "active_connections", Doc: "average active connections per minute", Traffic: true},
	{Key: "processed_bytes_gb", Doc: "average GB processed per hour (requests and responses)", Traffic: true},
	{Key: "rule_evaluations", Doc: "average rule evaluations per second", Traffic: true},
}

var cloudfrontRegions = []string{"us", "europe", "south_africa", "south_america", "japan", "australia", "asia_pacific", "india"}

func cloudfrontKeys() []UsageKey {
	var out []UsageKey
	for _, group := range []struct{ key, doc string }{
		{"monthly_data_transfer_to_internet_gb", "GB per month delivered to viewers from edge locations in"},
		{"monthly_data_transfer_to_origin_gb", "GB per month sent to the origin from edge locations in"},
		{"monthly_https_requests", "HTTPS requests per month served by edge locations in"},
		{"monthly_http_requests", "HTTP requests per month served by edge locations in"},
	} {
		for _, r := range cloudfrontRegions {
			out = append(out, UsageKey{Key: group.key + "." + r, Doc: group.doc + " " + r, Traffic: true})
		}
	}
	return append(out,
		UsageKey{Key: "monthly_log_lines", Doc: "real-time log lines per month", Traffic: true},
		UsageKey{Key: "monthly_invalidation_requests", Doc: "invalidation paths per month"},
	)
}

func s3Keys() []UsageKey {
	return []UsageKey{
		{Key: "standard.storage_gb", Doc: "GB stored in S3 Standard"},
		{Key: "standard.monthly_tier_1_requests", Doc: "PUT, COPY, POST, LIST requests per month to S3 Standard", Traffic: true},
		{Key: "standard.monthly_tier_2_requests", Doc: "GET and other requests per month to S3 Standard", Traffic: true},
		{Key: "intelligent_tiering.frequent_access_storage_gb", Doc: "GB in the Intelligent-Tiering frequent access tier"},
		{Key: "intelligent_tiering.infrequent_access_storage_gb", Doc: "GB in the Intelligent-Tiering infrequent access tier"},
		{Key: "intelligent_tiering.monitored_objects", Doc: "objects monitored by Intelligent-Tiering"},
		{Key: "intelligent_tiering.monthly_tier_1_requests", Doc: "PUT, COPY, POST, LIST requests per month to Intelligent-Tiering", Traffic: true},
		{Key: "intelligent_tiering.monthly_tier_2_requests", Doc: "GET and other requests per month to Intelligent-Tiering", Traffic: true},
		{Key: "standard_infrequent_access.storage_gb", Doc: "GB stored in S3 Standard-IA"},
		{Key: "standard_infrequent_access.monthly_tier_1_requests", Doc: "PUT, COPY, POST, LIST requests per month to Standard-IA", Traffic: true},
		{Key: "standard_infrequent_access.monthly_tier_2_requests", Doc: "GET and other requests per month to Standard-IA", Traffic: true},
		{Key: "standard_infrequent_access.monthly_data_retrieval_gb", Doc: "GB retrieved per month from Standard-IA", Traffic: true},
		{Key: "glacier_instant_retrieval.storage_gb", Doc: "GB stored in S3 Glacier Instant Retrieval", Cfctl: true},
		{Key: "glacier_flexible_retrieval.storage_gb", Doc: "GB stored in S3 Glacier Flexible Retrieval"},
		{Key: "glacier_deep_archive.storage_gb", Doc: "GB stored in S3 Glacier Deep Archive"},
	}
}

// usageSchema lists, per resource type, the usage keys its cost model reads.
var usageSchema = map[string][]UsageKey{
	"aws_nat_gateway":                        {{Key: "monthly_data_processed_gb", Doc: "GB processed per month", Traffic: true}},
	"aws_vpc_endpoint":                       {{Key: "monthly_data_processed_gb", Doc: "GB processed per month (interface endpoints)", Traffic: true}},
	"aws_ec2_transit_gateway_vpc_attachment": {{Key: "monthly_data_processed_gb", Doc: "GB per month sent from the VPC into the transit gateway", Traffic: true}},
	"aws_ec2_transit_gateway_peering_attachment": {
		{Key: "monthly_data_transfer_gb", Doc: "GB per month sent to the peer region (inter-region transfer)", Traffic: true, Cfctl: true},
	},
	"aws_lb":  lbKeys,
	"aws_alb": lbKeys,
	"aws_ecs_cluster": {
		{Key: "custom_metrics", Doc: "CloudWatch custom metrics Container Insights publishes for the cluster", Cfctl: true},
		{Key: "monthly_data_ingested_gb", Doc: "GB of Container Insights performance log events per month", Traffic: true, Cfctl: true},
	},
	"aws_ecs_service": {
		{Key: "monthly_traces_recorded", Doc: "X-Ray traces recorded per month through the service's X-Ray daemon sidecar", Traffic: true, Cfctl: true},
	},
	"aws_elasticache_replication_group": {{Key: "snapshot_storage_size_gb", Doc: "GB of snapshots kept"}},
	"aws_elasticache_cluster":           {{Key: "snapshot_storage_size_gb", Doc: "GB of snapshots kept"}},
	"aws_elasticache_serverless_cache": {
		{Key: "average_data_stored_gb", Doc: "average GB stored (billed per GB-hour, above the engine's minimum)", Cfctl: true},
		{Key: "monthly_ecpus", Doc: "ElastiCache Processing Units consumed per month", Traffic: true, Cfctl: true},
	},
	"aws_rds_cluster": {
		{Key: "storage_gb", Doc: "GB stored by the cluster"},
		{Key: "write_requests_per_sec", Doc: "average write I/O operations per second", Traffic: true},
		{Key: "read_requests_per_sec", Doc: "average read I/O operations per second", Traffic: true},
		{Key: "backup_snapshot_size_gb", Doc: "GB of backup storage beyond the free amount (100 % of the cluster's storage)"},
	},
	"aws_rds_cluster_instance": {
		{Key: "capacity_units_per_hr", Doc: "average Aurora Serverless v2 capacity (ACU), bounded by the cluster's min and max capacity", Traffic: true},
	},
	"aws_s3_bucket": s3Keys(),
	"aws_s3_bucket_replication_configuration": {
		{Key: "monthly_data_replicated_gb", Doc: "GB replicated per month", Traffic: true, Cfctl: true},
	},
	"aws_dynamodb_table": {
		{Key: "monthly_write_request_units", Doc: "write request units per month (on-demand tables)", Traffic: true},
		{Key: "monthly_read_request_units", Doc: "read request units per month (on-demand tables)", Traffic: true},
		{Key: "storage_gb", Doc: "GB stored in the table"},
		{Key: "pitr_backup_storage_gb", Doc: "GB of point-in-time-recovery backups (default: the table's storage_gb)"},
		{Key: "on_demand_backup_storage_gb", Doc: "GB of on-demand backups"},
		{Key: "monthly_streams_read_request_units", Doc: "DynamoDB Streams read request units per month", Traffic: true},
	},
	"aws_cloudwatch_log_group": {
		{Key: "monthly_data_ingested_gb", Doc: "GB ingested per month", Traffic: true},
		{Key: "storage_gb", Doc: "GB stored (bounded by the retention)", Traffic: true},
		{Key: "monthly_data_scanned_gb", Doc: "GB scanned by Logs Insights per month"},
	},
	"aws_synthetics_canary": {
		{Key: "monthly_runs", Doc: "canary runs per month (default: from a rate() schedule)", Cfctl: true},
	},
	"aws_kms_key":         {{Key: "monthly_requests", Doc: "API requests per month to the key", Traffic: true, Cfctl: true}},
	"aws_kms_replica_key": {{Key: "monthly_requests", Doc: "API requests per month to the key", Traffic: true, Cfctl: true}},
	"aws_secretsmanager_secret": {
		{Key: "monthly_requests", Doc: "API requests per month to the secret"},
	},
	"aws_wafv2_web_acl": {
		{Key: "rule_group_rules", Doc: "extra rules inside rule groups, billed as rules"},
		{Key: "managed_rule_group_rules", Doc: "extra rules inside managed rule groups, billed as rules"},
		{Key: "monthly_requests", Doc: "web requests inspected per month", Traffic: true},
	},
	"aws_cloudfront_distribution": cloudfrontKeys(),
	"aws_cloudfront_function":     {{Key: "monthly_requests", Doc: "invocations per month", Traffic: true}},
	"aws_kinesis_stream": {
		{Key: "monthly_provisioned_put_units", Doc: "PUT payload units (25 KB) per month, provisioned streams", Traffic: true},
		{Key: "monthly_on_demand_data_in_gb", Doc: "GB written per month, on-demand streams", Traffic: true},
		{Key: "monthly_on_demand_data_out_gb", Doc: "GB read per month, on-demand streams", Traffic: true},
	},
	"aws_lambda_function": {
		{Key: "monthly_requests", Doc: "invocations per month", Traffic: true},
		{Key: "request_duration_ms", Doc: "average duration of an invocation in milliseconds"},
		{Key: "monthly_traces_recorded", Doc: "X-Ray traces recorded per month (active tracing)", Traffic: true, Cfctl: true},
	},
	"aws_sns_topic": {
		{Key: "monthly_requests", Doc: "publishes per month"},
		{Key: "request_size_kb", Doc: "average message size in KB (billed in 64 KB chunks)"},
		{Key: "email_subscriptions", Doc: "email subscriptions (default: counted from aws_sns_topic_subscription)"},
		{Key: "http_subscriptions", Doc: "HTTP/HTTPS subscriptions"},
		{Key: "sms_subscriptions", Doc: "SMS subscriptions"},
	},
	"aws_cloudtrail": {
		{Key: "monthly_data_events", Doc: "data events recorded per month", Traffic: true},
		{Key: "monthly_additional_management_events", Doc: "management events per month recorded by a second trail"},
		{Key: "monthly_insight_events", Doc: "Insights events per month"},
	},
	"aws_config_configuration_recorder": {
		{Key: "monthly_config_items", Doc: "configuration items recorded per month"},
		{Key: "monthly_custom_config_items", Doc: "custom configuration items recorded per month"},
	},
	"aws_config_config_rule": {{Key: "monthly_rule_evaluations", Doc: "rule evaluations per month"}},
	"aws_guardduty_detector": {
		{Key: "monthly_cloudtrail_management_events", Doc: "CloudTrail management events analysed per month", Cfctl: true},
		{Key: "monthly_vpc_flow_dns_logs_gb", Doc: "GB of VPC flow logs and DNS logs analysed per month", Traffic: true, Cfctl: true},
	},
}

// UsageTypes lists the resource types that take usage keys, sorted.
func UsageTypes() []string {
	out := make([]string, 0, len(usageSchema))
	for t := range usageSchema {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

func usageKeyDef(typ, key string) (UsageKey, bool) {
	for _, k := range usageSchema[typ] {
		if k.Key == key {
			return k, true
		}
	}
	return UsageKey{}, false
}
