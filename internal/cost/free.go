package cost

// Sources of the free list: AWS pricing pages say what is billed; these
// resources are configuration that AWS does not bill for by itself.
const (
	srcVPC        = "AWS VPC pricing: no charge for VPCs, subnets, route tables, gateways' routes, network ACLs, security groups or internet gateways"
	srcIAM        = "AWS IAM: no charge (aws.amazon.com/iam/faqs)"
	srcKMSAlias   = "AWS KMS pricing: keys are billed, aliases and grants are not"
	srcS3Config   = "Amazon S3 pricing: billed by storage, requests and transfer; bucket settings are free"
	srcS3Object   = "Amazon S3 pricing: an object is billed as its bucket's storage (priced on aws_s3_bucket from the usage file)"
	srcSubnetGrp  = "RDS/ElastiCache pricing: billed per instance/node, subnet and parameter groups are free"
	srcSecrets    = "Secrets Manager pricing: billed per secret and per API call; versions, policies and rotation schedules are free"
	srcECS        = "ECS pricing: no charge for ECS itself; Fargate bills the service's tasks (priced on aws_ecs_service)"
	srcELB        = "ELB pricing: billed per load balancer hour and LCU (priced on aws_lb); listeners, rules and target groups are free"
	srcAutoScale  = "Application Auto Scaling: no additional charge"
	srcLogs       = "CloudWatch pricing: billed for ingestion and storage (priced on the log group); policies and subscription settings are free"
	srcSNS        = "SNS pricing: deliveries are billed on the topic's publishes (priced on aws_sns_topic)"
	srcConfig     = "AWS Config pricing: billed per configuration item and rule evaluation (priced on the recorder and rules)"
	srcWAF        = "AWS WAF pricing: billed per web ACL, rule and request (priced on aws_wafv2_web_acl)"
	srcTGW        = "Transit Gateway pricing: billed per attachment-hour and GB processed (priced on the attachments)"
	srcFlowLog    = "VPC flow logs are billed as log ingestion and storage at their destination (priced on the log group)"
	srcCloudFront = "CloudFront pricing: billed for transfer, requests, functions and real-time log lines (priced on the distribution); policies and origin access controls are free"
	srcCFVPC      = "AWS What's New, Amazon CloudFront announces VPC origins (2024-11-20, aws.amazon.com/about-aws/whats-new/2024/11/amazon-cloudfront-vpc-origins/): \"There is no additional cost for using VPC origins with CloudFront\"; the traffic is billed on the distribution"
	srcLambda     = "Lambda pricing: billed per request and GB-second (priced on aws_lambda_function)"
	srcXRay       = "X-Ray pricing: billed per trace recorded (priced where traces are recorded); sampling rules, groups and encryption settings are free"
	srcACM        = "ACM pricing: public certificates are free"
	srcEvents     = "EventBridge pricing: AWS service events on the default bus are free (custom events are not modelled)"
	srcRDSGlobal  = "Aurora pricing: billed per instance, storage and I/O; parameter groups are free"
	srcIAMOIDC    = "AWS IAM: OIDC identity providers are free"
)

// freeTypes are resource types AWS does not bill for by themselves, with
// the source that says so. Every other type without a cost model is listed
// as unpriced, never as $0.
var freeTypes = map[string]string{
	"aws_vpc":                                            srcVPC,
	"aws_subnet":                                         srcVPC,
	"aws_route_table":                                    srcVPC,
	"aws_route_table_association":                        srcVPC,
	"aws_route":                                          srcVPC,
	"aws_main_route_table_association":                   srcVPC,
	"aws_default_route_table":                            srcVPC,
	"aws_internet_gateway":                               srcVPC,
	"aws_egress_only_internet_gateway":                   srcVPC,
	"aws_security_group":                                 srcVPC,
	"aws_security_group_rule":                            srcVPC,
	"aws_default_security_group":                         srcVPC,
	"aws_vpc_security_group_ingress_rule":                srcVPC,
	"aws_vpc_security_group_egress_rule":                 srcVPC,
	"aws_network_acl":                                    srcVPC,
	"aws_network_acl_rule":                               srcVPC,
	"aws_default_network_acl":                            srcVPC,
	"aws_vpc_dhcp_options":                               srcVPC,
	"aws_vpc_dhcp_options_association":                   srcVPC,
	"aws_flow_log":                                       srcFlowLog,
	"aws_iam_role":                                       srcIAM,
	"aws_iam_role_policy":                                srcIAM,
	"aws_iam_role_policy_attachment":                     srcIAM,
	"aws_iam_policy":                                     srcIAM,
	"aws_iam_instance_profile":                           srcIAM,
	"aws_iam_user":                                       srcIAM,
	"aws_iam_group":                                      srcIAM,
	"aws_iam_service_linked_role":                        srcIAM,
	"aws_iam_account_password_policy":                    srcIAM,
	"aws_iam_openid_connect_provider":                    srcIAMOIDC,
	"aws_kms_alias":                                      srcKMSAlias,
	"aws_kms_grant":                                      srcKMSAlias,
	"aws_s3_bucket_policy":                               srcS3Config,
	"aws_s3_bucket_versioning":                           srcS3Config,
	"aws_s3_bucket_public_access_block":                  srcS3Config,
	"aws_s3_bucket_ownership_controls":                   srcS3Config,
	"aws_s3_bucket_server_side_encryption_configuration": srcS3Config,
	"aws_s3_bucket_lifecycle_configuration":              srcS3Config,
	"aws_s3_bucket_logging":                              srcS3Config,
	"aws_s3_bucket_notification":                         srcS3Config,
	"aws_s3_bucket_cors_configuration":                   srcS3Config,
	"aws_s3_bucket_acl":                                  srcS3Config,
	"aws_s3_account_public_access_block":                 srcS3Config,
	"aws_s3_object":                                      srcS3Object,
	"aws_db_subnet_group":                                srcSubnetGrp,
	"aws_elasticache_subnet_group":                       srcSubnetGrp,
	"aws_elasticache_parameter_group":                    srcSubnetGrp,
	"aws_rds_cluster_parameter_group":                    srcRDSGlobal,
	"aws_db_parameter_group":                             srcRDSGlobal,
	"aws_secretsmanager_secret_version":                  srcSecrets,
	"aws_secretsmanager_secret_rotation":                 srcSecrets,
	"aws_secretsmanager_secret_policy":                   srcSecrets,
	"aws_ecs_task_definition":                            srcECS,
	"aws_ecs_cluster_capacity_providers":                 srcECS,
	"aws_lb_listener":                                    srcELB,
	"aws_lb_listener_rule":                               srcELB,
	"aws_lb_target_group":                                srcELB,
	"aws_lb_listener_certificate":                        srcELB,
	"aws_alb_listener":                                   srcELB,
	"aws_alb_target_group":                               srcELB,
	"aws_appautoscaling_target":                          srcAutoScale,
	"aws_appautoscaling_policy":                          srcAutoScale,
	"aws_appautoscaling_scheduled_action":                srcAutoScale,
	"aws_cloudwatch_log_resource_policy":                 srcLogs,
	"aws_cloudwatch_log_subscription_filter":             srcLogs,
	"aws_cloudwatch_log_data_protection_policy":          srcLogs,
	"aws_sns_topic_subscription":                         srcSNS,
	"aws_sns_topic_policy":                               srcSNS,
	"aws_config_configuration_recorder_status":           srcConfig,
	"aws_config_delivery_channel":                        srcConfig,
	"aws_wafv2_web_acl_association":                      srcWAF,
	"aws_wafv2_web_acl_logging_configuration":            srcWAF,
	"aws_wafv2_ip_set":                                   srcWAF,
	"aws_wafv2_regex_pattern_set":                        srcWAF,
	"aws_wafv2_rule_group":                               srcWAF,
	"aws_ec2_transit_gateway":                            srcTGW,
	"aws_ec2_transit_gateway_route":                      srcTGW,
	"aws_ec2_transit_gateway_route_table":                srcTGW,
	"aws_ec2_transit_gateway_route_table_association":    srcTGW,
	"aws_ec2_transit_gateway_route_table_propagation":    srcTGW,
	"aws_cloudfront_origin_access_control":               srcCloudFront,
	"aws_cloudfront_origin_access_identity":              srcCloudFront,
	"aws_cloudfront_cache_policy":                        srcCloudFront,
	"aws_cloudfront_origin_request_policy":               srcCloudFront,
	"aws_cloudfront_response_headers_policy":             srcCloudFront,
	"aws_cloudfront_realtime_log_config":                 srcCloudFront,
	"aws_cloudfront_vpc_origin":                          srcCFVPC,
	"aws_lambda_permission":                              srcLambda,
	"aws_lambda_alias":                                   srcLambda,
	"aws_lambda_event_source_mapping":                    srcLambda,
	"aws_xray_sampling_rule":                             srcXRay,
	"aws_xray_group":                                     srcXRay,
	"aws_xray_encryption_config":                         srcXRay,
	"aws_acm_certificate":                                srcACM,
	"aws_acm_certificate_validation":                     srcACM,
	"aws_cloudwatch_event_rule":                          srcEvents,
	"aws_cloudwatch_event_target":                        srcEvents,
}
