package envtest_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/candlefish-ai/infrastructure/internal/envtest"
	"github.com/candlefish-ai/infrastructure/internal/model"
)

// storageExample is the storage module's example root, production-like:
// replication to us-west-2, provisioned DynamoDB with autoscaling and
// replicas, two cache.r7g.large Valkey nodes, an Aurora global database
// 1-16 ACU with 30 days of backups. Every variable is set in its tfvars.
const storageExample = "terraform/modules/storage/examples/complete"

const storageModule = "module.storage"

// stoManaged returns the managed resources of a type in the storage module.
func stoManaged(m *model.Model, typ string) []*model.Resource {
	return envtest.InModule(m, storageModule, typ)
}

// stoData returns the data sources of a type in the storage module.
func stoData(m *model.Model, typ string) []*model.Resource {
	return envtest.DataInModule(m, storageModule, typ)
}

// stoIndex is a resource's index as a map key: the for_each key, the count
// index in decimal, or "" for a single resource.
func stoIndex(r *model.Resource) string {
	if r.Index == nil {
		return ""
	}
	return fmt.Sprint(r.Index)
}

// stoNamed returns the managed resources of a type and resource name
// (second label) in the storage module, keyed by their index.
func stoNamed(m *model.Model, typ, name string) map[string]*model.Resource {
	out := map[string]*model.Resource{}
	for _, r := range stoManaged(m, typ) {
		if r.Name == name {
			out[stoIndex(r)] = r
		}
	}
	return out
}

// stoDataNamed is stoNamed for data sources.
func stoDataNamed(m *model.Model, typ, name string) map[string]*model.Resource {
	out := map[string]*model.Resource{}
	for _, r := range stoData(m, typ) {
		if r.Name == name {
			out[stoIndex(r)] = r
		}
	}
	return out
}

// stoBlocks returns a nested block value as a list of objects (nil when the
// value is absent, unknown or empty).
func stoBlocks(v any) []map[string]any {
	list, ok := v.([]any)
	if !ok {
		return nil
	}
	var out []map[string]any
	for _, e := range list {
		if o, ok := e.(map[string]any); ok {
			out = append(out, o)
		}
	}
	return out
}

// stoBlock returns the single nested block of a value, or nil.
func stoBlock(v any) map[string]any {
	bs := stoBlocks(v)
	if len(bs) != 1 {
		return nil
	}
	return bs[0]
}

// stoSet reports whether a value is configured: known and non-empty, or
// known only after apply (e.g. the ARN of a key the example creates).
func stoSet(v any) bool {
	if v == nil {
		return false
	}
	if model.IsUnknown(v) {
		return true
	}
	s, isString := v.(string)
	return !isString || s != ""
}

func stoStrings(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, e := range list {
		out = append(out, fmt.Sprint(e))
	}
	return out
}

func stoKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestStorageExampleIsValidAndClean(t *testing.T) {
	m := envtest.Dir(t, storageExample, nil)
	if fs := envtest.ValidationFailures(m); len(fs) > 0 {
		t.Errorf("validation failures: %v", fs)
	}
	if fs := envtest.Findings(m); len(fs) > 0 {
		t.Errorf("findings: %v", fs)
	}
	if n := len(stoManaged(m, "aws_s3_bucket")); n == 0 {
		t.Error("the storage module evaluates to no buckets")
	}
}

// ---------------------------------------------------------------------------
// S3
// ---------------------------------------------------------------------------

// tlsOnly reports whether a policy document denies every S3 action on the
// bucket and its objects to everyone when aws:SecureTransport is false.
func tlsOnly(doc *model.Resource) bool {
	for _, st := range stoBlocks(doc.Values["statement"]) {
		if st["effect"] != "Deny" || fmt.Sprint(stoStrings(st["actions"])) != "[s3:*]" || len(stoStrings(st["resources"])) != 2 {
			continue
		}
		p := stoBlock(st["principals"])
		if p == nil || p["type"] != "*" || fmt.Sprint(stoStrings(p["identifiers"])) != "[*]" {
			continue
		}
		for _, c := range stoBlocks(st["condition"]) {
			if c["test"] == "Bool" && c["variable"] == "aws:SecureTransport" && fmt.Sprint(stoStrings(c["values"])) == "[false]" {
				return true
			}
		}
	}
	return false
}

// lifecycleKinds returns which of the three required rule kinds a lifecycle
// configuration has: Intelligent-Tiering transition, noncurrent version
// expiration, abort of incomplete multipart uploads.
func lifecycleKinds(r *model.Resource) (tiering, noncurrent, multipart bool) {
	for _, rule := range stoBlocks(r.Values["rule"]) {
		if rule["status"] != "Enabled" {
			continue
		}
		for _, tr := range stoBlocks(rule["transition"]) {
			if tr["storage_class"] == "INTELLIGENT_TIERING" {
				tiering = true
			}
		}
		if nv := stoBlock(rule["noncurrent_version_expiration"]); nv != nil && stoSet(nv["noncurrent_days"]) {
			noncurrent = true
		}
		if ab := stoBlock(rule["abort_incomplete_multipart_upload"]); ab != nil && stoSet(ab["days_after_initiation"]) {
			multipart = true
		}
	}
	return
}

func TestStorageBuckets(t *testing.T) {
	m := envtest.Dir(t, storageExample, nil)
	buckets := stoNamed(m, "aws_s3_bucket", "this")
	if got := stoKeys(buckets); fmt.Sprint(got) != "[assets logs uploads]" {
		t.Fatalf("buckets %v, want assets, logs, uploads", got)
	}
	versioning := stoNamed(m, "aws_s3_bucket_versioning", "this")
	kms := stoNamed(m, "aws_s3_bucket_server_side_encryption_configuration", "this")
	logsSSE := stoNamed(m, "aws_s3_bucket_server_side_encryption_configuration", "logs")
	pab := stoNamed(m, "aws_s3_bucket_public_access_block", "this")
	ownership := stoNamed(m, "aws_s3_bucket_ownership_controls", "this")
	policies := stoNamed(m, "aws_s3_bucket_policy", "this")
	docs := stoDataNamed(m, "aws_iam_policy_document", "bucket")
	lifecycle := stoNamed(m, "aws_s3_bucket_lifecycle_configuration", "this")
	logging := stoNamed(m, "aws_s3_bucket_logging", "this")

	for k, b := range buckets {
		if want := "candlefish-production-" + k + "-example"; b.Values["bucket"] != want {
			t.Errorf("%s: bucket %v, want %s", b.Address, b.Values["bucket"], want)
		}
		if b.Region != "us-east-1" {
			t.Errorf("%s in %q, want us-east-1", b.Address, b.Region)
		}
		if v := versioning[k]; v == nil {
			t.Errorf("%s has no versioning", k)
		} else if status, _ := v.Lookup("versioning_configuration.0.status"); status != "Enabled" {
			t.Errorf("%s versioning status %v", k, status)
		}

		// SSE: KMS with bucket keys, except the logs bucket (SSE-S3: S3 server
		// access logs and ALB logs are only delivered to SSE-S3 buckets).
		if k == "logs" {
			if kms[k] != nil {
				t.Errorf("logs bucket has an SSE-KMS configuration")
			}
			if alg, _ := logsSSE[""].Lookup("rule.0.apply_server_side_encryption_by_default.0.sse_algorithm"); alg != "AES256" {
				t.Errorf("logs bucket SSE algorithm %v, want AES256 (SSE-S3)", alg)
			}
		} else {
			sse := kms[k]
			if sse == nil {
				t.Errorf("%s has no SSE configuration", k)
				continue
			}
			alg, _ := sse.Lookup("rule.0.apply_server_side_encryption_by_default.0.sse_algorithm")
			key, _ := sse.Lookup("rule.0.apply_server_side_encryption_by_default.0.kms_master_key_id")
			bk, _ := sse.Lookup("rule.0.bucket_key_enabled")
			if alg != "aws:kms" || !stoSet(key) || bk != true {
				t.Errorf("%s SSE: algorithm %v, key %v, bucket key %v; want aws:kms with a key and bucket keys", k, alg, key, bk)
			}
		}

		if p := pab[k]; p == nil {
			t.Errorf("%s has no public access block", k)
		} else {
			for _, arg := range []string{"block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"} {
				if p.Values[arg] != true {
					t.Errorf("%s public access block: %s = %v", k, arg, p.Values[arg])
				}
			}
		}
		if o, _ := ownership[k].Lookup("rule.0.object_ownership"); o != "BucketOwnerEnforced" {
			t.Errorf("%s object ownership %v, want BucketOwnerEnforced", k, o)
		}
		if policies[k] == nil {
			t.Errorf("%s has no bucket policy", k)
		}
		if d := docs[k]; d == nil || !tlsOnly(d) {
			t.Errorf("%s policy does not deny requests without TLS", k)
		}
		if lc := lifecycle[k]; lc == nil {
			t.Errorf("%s has no lifecycle configuration", k)
		} else if ti, nc, mp := lifecycleKinds(lc); !ti || !nc || !mp {
			t.Errorf("%s lifecycle: intelligent-tiering %v, noncurrent expiration %v, abort multipart %v", k, ti, nc, mp)
		}
		if k != "logs" {
			if l := logging[k]; l == nil {
				t.Errorf("%s has no access logging", k)
			} else if l.Values["target_bucket"] != "candlefish-production-logs-example" || l.Values["target_prefix"] != "s3-access/"+k+"/" {
				t.Errorf("%s logs to %v/%v", k, l.Values["target_bucket"], l.Values["target_prefix"])
			}
		}
	}
	if logging["logs"] != nil {
		t.Error("the logs bucket logs to itself")
	}

	// The logs bucket admits S3 server access logs, ALB and CloudFront (v2) logs.
	sids := map[string]bool{}
	for _, st := range stoBlocks(docs["logs"].Values["statement"]) {
		sids[fmt.Sprint(st["sid"])] = true
	}
	for _, sid := range []string{"AllowS3ServerAccessLogs", "AllowELBAccountAccessLogs", "AllowELBLogDeliveryAccessLogs", "AllowCloudFrontStandardLogsV2"} {
		if !sids[sid] {
			t.Errorf("logs bucket policy lacks %s (has %v)", sid, stoKeys(sids))
		}
	}
	if n := len(stoBlocks(docs["assets"].Values["statement"])); n != 1 {
		t.Errorf("assets bucket policy has %d statements, want only the TLS deny", n)
	}
}

// Per-bucket lifecycle overrides reach the rules.
func TestStorageBucketLifecycleOverrides(t *testing.T) {
	m := envtest.Dir(t, storageExample, map[string]string{
		"buckets": `{
			assets  = { intelligent_tiering_days = 10, noncurrent_version_expiration_days = 15, noncurrent_versions_to_keep = 0, abort_incomplete_multipart_days = 2, expiration_days = 400 }
			uploads = {}
			logs    = {}
		}`,
	})
	lc := stoNamed(m, "aws_s3_bucket_lifecycle_configuration", "this")["assets"]
	got := map[string]any{}
	for _, rule := range stoBlocks(lc.Values["rule"]) {
		switch rule["id"] {
		case "intelligent-tiering":
			got["tiering"], _ = stoBlock(rule["transition"])["days"]
		case "expire-noncurrent-versions":
			nv := stoBlock(rule["noncurrent_version_expiration"])
			got["noncurrent"], got["keep"] = nv["noncurrent_days"], nv["newer_noncurrent_versions"]
		case "abort-incomplete-multipart-uploads":
			got["multipart"] = stoBlock(rule["abort_incomplete_multipart_upload"])["days_after_initiation"]
		case "expire-current-versions":
			got["expiration"] = stoBlock(rule["expiration"])["days"]
		}
	}
	want := map[string]any{"tiering": int64(10), "noncurrent": int64(15), "keep": nil, "multipart": int64(2), "expiration": int64(400)}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("assets lifecycle %v, want %v", got, want)
	}
	uploads := stoNamed(m, "aws_s3_bucket_lifecycle_configuration", "this")["uploads"]
	for _, rule := range stoBlocks(uploads.Values["rule"]) {
		if rule["id"] == "expire-current-versions" {
			t.Error("uploads expires current versions without expiration_days")
		}
	}
}

func TestStorageReplication(t *testing.T) {
	t.Run("enabled", func(t *testing.T) {
		m := envtest.Dir(t, storageExample, nil)
		configs := stoNamed(m, "aws_s3_bucket_replication_configuration", "this")
		if got := stoKeys(configs); fmt.Sprint(got) != "[assets uploads]" {
			t.Fatalf("replicated buckets %v, want assets and uploads (never logs)", got)
		}
		for k, c := range configs {
			rule := stoBlock(c.Values["rule"])
			if rule == nil || rule["status"] != "Enabled" {
				t.Errorf("%s: replication rule %v", k, rule)
				continue
			}
			if s, _ := c.Lookup("rule.0.source_selection_criteria.0.sse_kms_encrypted_objects.0.status"); s != "Enabled" {
				t.Errorf("%s: SSE-KMS encrypted objects are not replicated (%v)", k, s)
			}
			dest := stoBlock(rule["destination"])
			if dest == nil || dest["storage_class"] != "STANDARD_IA" {
				t.Errorf("%s: destination %v", k, dest)
				continue
			}
			if key, _ := c.Lookup("rule.0.destination.0.encryption_configuration.0.replica_kms_key_id"); !stoSet(key) {
				t.Errorf("%s: replicas have no KMS key", k)
			}
			if !stoSet(c.Values["role"]) {
				t.Errorf("%s: no replication role", k)
			}
		}

		replicas := stoNamed(m, "aws_s3_bucket", "replica")
		versioning := stoNamed(m, "aws_s3_bucket_versioning", "replica")
		sse := stoNamed(m, "aws_s3_bucket_server_side_encryption_configuration", "replica")
		pab := stoNamed(m, "aws_s3_bucket_public_access_block", "replica")
		docs := stoDataNamed(m, "aws_iam_policy_document", "replica_bucket")
		lifecycle := stoNamed(m, "aws_s3_bucket_lifecycle_configuration", "replica")
		for _, k := range []string{"assets", "uploads"} {
			r := replicas[k]
			if r == nil {
				t.Errorf("no replica bucket for %s", k)
				continue
			}
			if r.Region != "us-west-2" || r.Values["bucket"] != "candlefish-production-"+k+"-replica-example" {
				t.Errorf("replica of %s: %v in %s", k, r.Values["bucket"], r.Region)
			}
			if s, _ := versioning[k].Lookup("versioning_configuration.0.status"); s != "Enabled" {
				t.Errorf("replica of %s: versioning %v", k, s)
			}
			alg, _ := sse[k].Lookup("rule.0.apply_server_side_encryption_by_default.0.sse_algorithm")
			key, _ := sse[k].Lookup("rule.0.apply_server_side_encryption_by_default.0.kms_master_key_id")
			if alg != "aws:kms" || !stoSet(key) {
				t.Errorf("replica of %s: SSE %v with key %v", k, alg, key)
			}
			for _, arg := range []string{"block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"} {
				if pab[k] == nil || pab[k].Values[arg] != true {
					t.Errorf("replica of %s: public access block %s not true", k, arg)
				}
			}
			if docs[k] == nil || !tlsOnly(docs[k]) {
				t.Errorf("replica of %s: policy does not deny requests without TLS", k)
			}
			if lc := lifecycle[k]; lc == nil {
				t.Errorf("replica of %s: no lifecycle", k)
			} else if _, nc, mp := lifecycleKinds(lc); !nc || !mp {
				t.Errorf("replica of %s: lifecycle noncurrent %v, multipart %v", k, nc, mp)
			}
		}

		keys := stoNamed(m, "aws_kms_key", "replica_s3")
		if k := keys["0"]; k == nil || k.Region != "us-west-2" || k.Values["enable_key_rotation"] != true {
			t.Errorf("replica KMS key %v: want one in us-west-2 with rotation", k)
		}

		// Least privilege: named actions on named resources only.
		doc := stoDataNamed(m, "aws_iam_policy_document", "replication")["0"]
		if doc == nil {
			t.Fatal("no replication policy document")
		}
		for _, st := range stoBlocks(doc.Values["statement"]) {
			for _, a := range stoStrings(st["actions"]) {
				if strings.Contains(a, "*") {
					t.Errorf("replication statement %v allows %s", st["sid"], a)
				}
			}
			for _, r := range stoStrings(st["resources"]) {
				if r == "*" {
					t.Errorf("replication statement %v applies to every resource", st["sid"])
				}
			}
		}
		if n := len(stoNamed(m, "aws_iam_role", "replication")); n != 1 {
			t.Errorf("%d replication roles, want 1", n)
		}
	})

	t.Run("disabled", func(t *testing.T) {
		m := envtest.Dir(t, storageExample, map[string]string{"enable_replication": "false"})
		for _, typ := range []string{"aws_s3_bucket_replication_configuration", "aws_iam_role", "aws_iam_role_policy", "aws_kms_key"} {
			if n := len(stoManaged(m, typ)); n != 0 {
				t.Errorf("enable_replication = false: %d %s", n, typ)
			}
		}
		if n := len(stoNamed(m, "aws_s3_bucket", "replica")); n != 0 {
			t.Errorf("enable_replication = false: %d replica buckets", n)
		}
		if n := envtest.Count(m, "aws_s3_bucket", "us-west-2"); n != 0 {
			t.Errorf("enable_replication = false: %d buckets in us-west-2", n)
		}
	})

	t.Run("opt-out and existing key", func(t *testing.T) {
		m := envtest.Dir(t, storageExample, map[string]string{
			"buckets":                `{ assets = {}, uploads = { replicate = false }, logs = {} }`,
			"replica_s3_kms_key_arn": `"arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"`,
		})
		if got := stoKeys(stoNamed(m, "aws_s3_bucket_replication_configuration", "this")); fmt.Sprint(got) != "[assets]" {
			t.Errorf("replicated buckets %v, want only assets", got)
		}
		if n := len(stoNamed(m, "aws_kms_key", "replica_s3")); n != 0 {
			t.Errorf("%d replica keys created although replica_s3_kms_key_arn is given", n)
		}
		key, _ := stoNamed(m, "aws_s3_bucket_replication_configuration", "this")["assets"].Lookup("rule.0.destination.0.encryption_configuration.0.replica_kms_key_id")
		if key != "arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" {
			t.Errorf("replica key %v, want the given one", key)
		}
	})
}

// ---------------------------------------------------------------------------
// DynamoDB
// ---------------------------------------------------------------------------

// stoTables returns every table of the module (on-demand and autoscaled) by key.
func stoTables(m *model.Model) map[string]*model.Resource {
	out := stoNamed(m, "aws_dynamodb_table", "this")
	for k, r := range stoNamed(m, "aws_dynamodb_table", "autoscaled") {
		out[k] = r
	}
	return out
}

func checkTablesProtected(t *testing.T, tables map[string]*model.Resource) {
	t.Helper()
	if len(tables) == 0 {
		t.Fatal("no tables")
	}
	for k, r := range tables {
		if pitr, _ := r.Lookup("point_in_time_recovery.0.enabled"); pitr != true {
			t.Errorf("%s: point-in-time recovery %v", k, pitr)
		}
		enabled, _ := r.Lookup("server_side_encryption.0.enabled")
		key, _ := r.Lookup("server_side_encryption.0.kms_key_arn")
		if enabled != true || !stoSet(key) {
			t.Errorf("%s: SSE enabled %v with key %v", k, enabled, key)
		}
	}
}

func TestStorageDynamoDBProvisioned(t *testing.T) {
	m := envtest.Dir(t, storageExample, nil)
	tables := stoTables(m)
	if got := stoKeys(tables); fmt.Sprint(got) != "[sessions workflows]" {
		t.Fatalf("tables %v", got)
	}
	checkTablesProtected(t, tables)
	if n := len(stoNamed(m, "aws_dynamodb_table", "this")); n != 0 {
		t.Errorf("%d on-demand tables in a PROVISIONED example", n)
	}
	for k, r := range tables {
		if r.Values["billing_mode"] != "PROVISIONED" || r.Values["read_capacity"] != int64(5) || r.Values["write_capacity"] != int64(5) {
			t.Errorf("%s: billing %v, capacity %v/%v", k, r.Values["billing_mode"], r.Values["read_capacity"], r.Values["write_capacity"])
		}
		if r.Values["name"] != "candlefish-production-"+k {
			t.Errorf("%s: name %v", k, r.Values["name"])
		}
	}
	if ttl, _ := tables["sessions"].Lookup("ttl.0.attribute_name"); ttl != "expires_at" {
		t.Errorf("sessions TTL attribute %v", ttl)
	}

	// Target tracking for read and write, on each table and each GSI.
	targets := stoNamed(m, "aws_appautoscaling_target", "dynamodb")
	policies := stoNamed(m, "aws_appautoscaling_policy", "dynamodb")
	want := map[string][3]any{
		"sessions/read":                   {"table/candlefish-production-sessions", "dynamodb:table:ReadCapacityUnits", int64(200)},
		"sessions/write":                  {"table/candlefish-production-sessions", "dynamodb:table:WriteCapacityUnits", int64(100)},
		"workflows/read":                  {"table/candlefish-production-workflows", "dynamodb:table:ReadCapacityUnits", int64(200)},
		"workflows/write":                 {"table/candlefish-production-workflows", "dynamodb:table:WriteCapacityUnits", int64(100)},
		"workflows/index/by-status/read":  {"table/candlefish-production-workflows/index/by-status", "dynamodb:index:ReadCapacityUnits", int64(200)},
		"workflows/index/by-status/write": {"table/candlefish-production-workflows/index/by-status", "dynamodb:index:WriteCapacityUnits", int64(100)},
	}
	if fmt.Sprint(stoKeys(targets)) != fmt.Sprint(stoKeys(want)) || fmt.Sprint(stoKeys(policies)) != fmt.Sprint(stoKeys(want)) {
		t.Fatalf("scaling targets %v, policies %v, want %v", stoKeys(targets), stoKeys(policies), stoKeys(want))
	}
	for k, w := range want {
		tg := targets[k]
		if tg.Values["resource_id"] != w[0] || tg.Values["scalable_dimension"] != w[1] || tg.Values["min_capacity"] != int64(5) || tg.Values["max_capacity"] != w[2] {
			t.Errorf("target %s: %v %v %v-%v", k, tg.Values["resource_id"], tg.Values["scalable_dimension"], tg.Values["min_capacity"], tg.Values["max_capacity"])
		}
		p := policies[k]
		target, _ := p.Lookup("target_tracking_scaling_policy_configuration.0.target_value")
		metric, _ := p.Lookup("target_tracking_scaling_policy_configuration.0.predefined_metric_specification.0.predefined_metric_type")
		wantMetric := "DynamoDBReadCapacityUtilization"
		if strings.HasSuffix(k, "/write") {
			wantMetric = "DynamoDBWriteCapacityUtilization"
		}
		if p.Values["policy_type"] != "TargetTrackingScaling" || target != int64(70) || metric != wantMetric {
			t.Errorf("policy %s: %v target %v metric %v", k, p.Values["policy_type"], target, metric)
		}
	}
}

func TestStorageDynamoDBOnDemand(t *testing.T) {
	m := envtest.Dir(t, storageExample, map[string]string{"dynamodb_billing_mode": `"PAY_PER_REQUEST"`})
	tables := stoNamed(m, "aws_dynamodb_table", "this")
	if got := stoKeys(tables); fmt.Sprint(got) != "[sessions workflows]" {
		t.Fatalf("on-demand tables %v", got)
	}
	checkTablesProtected(t, tables)
	for k, r := range tables {
		if r.Values["billing_mode"] != "PAY_PER_REQUEST" || r.Values["read_capacity"] != nil {
			t.Errorf("%s: billing %v, read capacity %v", k, r.Values["billing_mode"], r.Values["read_capacity"])
		}
	}
	for _, typ := range []string{"aws_appautoscaling_target", "aws_appautoscaling_policy"} {
		if n := len(stoManaged(m, typ)); n != 0 {
			t.Errorf("on-demand: %d %s", n, typ)
		}
	}

	// A per-table override: only that table is provisioned and autoscaled.
	m = envtest.Dir(t, storageExample, map[string]string{
		"dynamodb_billing_mode": `"PAY_PER_REQUEST"`,
		"dynamodb_tables": `{
			sessions = { hash_key = "session_id", attributes = { session_id = "S" }, billing_mode = "PROVISIONED" }
			events   = { hash_key = "id", attributes = { id = "S" } }
		}`,
	})
	if got := stoKeys(stoNamed(m, "aws_dynamodb_table", "autoscaled")); fmt.Sprint(got) != "[sessions]" {
		t.Errorf("autoscaled tables %v, want [sessions]", got)
	}
	if got := stoKeys(stoNamed(m, "aws_appautoscaling_target", "dynamodb")); fmt.Sprint(got) != "[sessions/read sessions/write]" {
		t.Errorf("scaling targets %v", got)
	}
}

func TestStorageDynamoDBReplica(t *testing.T) {
	t.Run("enabled", func(t *testing.T) {
		m := envtest.Dir(t, storageExample, nil)
		for k, r := range stoTables(m) {
			rep := stoBlock(r.Values["replica"])
			if rep == nil || rep["region_name"] != "us-west-2" || rep["point_in_time_recovery"] != true || !stoSet(rep["kms_key_arn"]) {
				t.Errorf("%s: replica %v, want us-west-2 with PITR and a KMS key", k, rep)
			}
			if r.Values["stream_enabled"] != true || r.Values["stream_view_type"] != "NEW_AND_OLD_IMAGES" {
				t.Errorf("%s: global table without a NEW_AND_OLD_IMAGES stream (%v %v)", k, r.Values["stream_enabled"], r.Values["stream_view_type"])
			}
		}
	})
	t.Run("disabled", func(t *testing.T) {
		m := envtest.Dir(t, storageExample, map[string]string{"enable_dynamodb_replica": "false"})
		for k, r := range stoTables(m) {
			if reps := stoBlocks(r.Values["replica"]); len(reps) != 0 {
				t.Errorf("%s: replicas %v with enable_dynamodb_replica = false", k, reps)
			}
			if r.Values["stream_enabled"] != false {
				t.Errorf("%s: stream %v without replica or stream_view_type", k, r.Values["stream_enabled"])
			}
		}
	})
}

func TestStorageDynamoDBDeletionProtection(t *testing.T) {
	for _, on := range []bool{true, false} {
		m := envtest.Dir(t, storageExample, map[string]string{"dynamodb_deletion_protection": fmt.Sprint(on)})
		for k, r := range stoTables(m) {
			if r.Values["deletion_protection_enabled"] != on {
				t.Errorf("input %v: %s deletion_protection_enabled %v", on, k, r.Values["deletion_protection_enabled"])
			}
			if rep := stoBlock(r.Values["replica"]); rep == nil || rep["deletion_protection_enabled"] != on {
				t.Errorf("input %v: %s replica %v", on, k, rep)
			}
		}
	}
}

// ---------------------------------------------------------------------------
// ElastiCache
// ---------------------------------------------------------------------------

func stoCache(t *testing.T, m *model.Model) *model.Resource {
	t.Helper()
	rgs := stoManaged(m, "aws_elasticache_replication_group")
	if len(rgs) != 1 {
		t.Fatalf("%d replication groups, want 1", len(rgs))
	}
	return rgs[0]
}

func TestStorageCache(t *testing.T) {
	m := envtest.Dir(t, storageExample, nil)
	rg := stoCache(t, m)
	v := rg.Values
	if v["engine"] != "valkey" || v["node_type"] != "cache.r7g.large" || v["num_cache_clusters"] != int64(2) {
		t.Errorf("cache %v %v x%v", v["engine"], v["node_type"], v["num_cache_clusters"])
	}
	if v["at_rest_encryption_enabled"] != true || !stoSet(v["kms_key_id"]) {
		t.Errorf("at-rest encryption %v with key %v", v["at_rest_encryption_enabled"], v["kms_key_id"])
	}
	if v["transit_encryption_enabled"] != true || v["transit_encryption_mode"] != "required" {
		t.Errorf("in-transit encryption %v mode %v", v["transit_encryption_enabled"], v["transit_encryption_mode"])
	}
	if v["automatic_failover_enabled"] != true || v["multi_az_enabled"] != true {
		t.Errorf("2 nodes: automatic failover %v, multi-AZ %v", v["automatic_failover_enabled"], v["multi_az_enabled"])
	}
	// The AUTH token is write-only (never in state), from the secret.
	if _, inState := v["auth_token"]; inState || !stoSet(v["auth_token_wo"]) || v["auth_token_wo_version"] != int64(1) {
		t.Errorf("auth token: auth_token %v, auth_token_wo %v version %v", v["auth_token"], v["auth_token_wo"], v["auth_token_wo_version"])
	}
	if v["snapshot_retention_limit"] != int64(7) || v["snapshot_window"] != "03:00-04:00" || v["maintenance_window"] != "sun:05:00-sun:06:00" {
		t.Errorf("snapshots %v at %v, maintenance %v", v["snapshot_retention_limit"], v["snapshot_window"], v["maintenance_window"])
	}
	if ld := stoBlock(v["log_delivery_configuration"]); ld == nil || ld["log_type"] != "slow-log" || ld["destination_type"] != "cloudwatch-logs" {
		t.Errorf("slow log delivery %v", v["log_delivery_configuration"])
	}
	pg := stoNamed(m, "aws_elasticache_parameter_group", "this")["0"]
	if pg == nil || pg.Values["family"] != "valkey8" || v["parameter_group_name"] != pg.Values["name"] {
		t.Errorf("parameter group %v, used %v", pg, v["parameter_group_name"])
	}
	secret := stoNamed(m, "aws_secretsmanager_secret", "cache_auth")["0"]
	if secret == nil || !stoSet(secret.Values["kms_key_id"]) {
		t.Errorf("AUTH token secret %v without a KMS key", secret)
	}
	version := stoNamed(m, "aws_secretsmanager_secret_version", "cache_auth")["0"]
	if version == nil || version.Values["secret_string"] != nil || !stoSet(version.Values["secret_string_wo"]) {
		t.Errorf("AUTH token secret version %v: the value must be write-only", version)
	}
}

// Automatic failover and Multi-AZ iff two or more nodes.
func TestStorageCacheFailoverFollowsNodeCount(t *testing.T) {
	for nodes, want := range map[int]bool{1: false, 2: true, 3: true} {
		m := envtest.Dir(t, storageExample, map[string]string{"cache_num_nodes": fmt.Sprint(nodes)})
		v := stoCache(t, m).Values
		if v["num_cache_clusters"] != int64(nodes) || v["automatic_failover_enabled"] != want || v["multi_az_enabled"] != want {
			t.Errorf("%d nodes: num_cache_clusters %v, automatic failover %v, multi-AZ %v; want %v", nodes, v["num_cache_clusters"], v["automatic_failover_enabled"], v["multi_az_enabled"], want)
		}
	}
}

func TestStorageCacheEngineAndSwitch(t *testing.T) {
	m := envtest.Dir(t, storageExample, map[string]string{"cache_engine": `"redis"`, "cache_engine_version": `"7.1"`, "cache_node_type": `"cache.t3.micro"`})
	if pg := stoNamed(m, "aws_elasticache_parameter_group", "this")["0"]; pg == nil || pg.Values["family"] != "redis7" {
		t.Errorf("redis 7.1 parameter group %v", pg)
	}
	if v := stoCache(t, m).Values; v["engine"] != "redis" || v["node_type"] != "cache.t3.micro" {
		t.Errorf("cache %v %v", v["engine"], v["node_type"])
	}
	m = envtest.Dir(t, storageExample, map[string]string{"enable_cache": "false"})
	for _, typ := range []string{"aws_elasticache_replication_group", "aws_elasticache_parameter_group"} {
		if n := len(stoManaged(m, typ)); n != 0 {
			t.Errorf("enable_cache = false: %d %s", n, typ)
		}
	}
	if n := len(stoNamed(m, "aws_secretsmanager_secret", "cache_auth")); n != 0 {
		t.Errorf("enable_cache = false: %d AUTH secrets", n)
	}
}

// ---------------------------------------------------------------------------
// Aurora
// ---------------------------------------------------------------------------

func stoCluster(t *testing.T, m *model.Model, name string) *model.Resource {
	t.Helper()
	c := stoNamed(m, "aws_rds_cluster", name)["0"]
	if c == nil {
		t.Fatalf("no aws_rds_cluster.%s", name)
	}
	return c
}

func checkCluster(t *testing.T, c *model.Resource, minACU, maxACU any, retention int64, protected bool) {
	t.Helper()
	v := c.Values
	if v["engine"] != "aurora-postgresql" || v["engine_mode"] != "provisioned" {
		t.Errorf("%s: engine %v mode %v", c.Address, v["engine"], v["engine_mode"])
	}
	scaling := stoBlock(v["serverlessv2_scaling_configuration"])
	if scaling == nil || fmt.Sprint(scaling["min_capacity"]) != fmt.Sprint(minACU) || fmt.Sprint(scaling["max_capacity"]) != fmt.Sprint(maxACU) {
		t.Errorf("%s: scaling %v, want %v-%v ACU", c.Address, scaling, minACU, maxACU)
	}
	if v["backup_retention_period"] != retention || v["deletion_protection"] != protected {
		t.Errorf("%s: backups %v days, deletion protection %v; want %d, %v", c.Address, v["backup_retention_period"], v["deletion_protection"], retention, protected)
	}
	if v["storage_encrypted"] != true || !stoSet(v["kms_key_id"]) {
		t.Errorf("%s: storage encrypted %v with key %v", c.Address, v["storage_encrypted"], v["kms_key_id"])
	}
	if v["iam_database_authentication_enabled"] != true {
		t.Errorf("%s: IAM database authentication off", c.Address)
	}
	if fmt.Sprint(stoStrings(v["enabled_cloudwatch_logs_exports"])) != "[postgresql]" || v["copy_tags_to_snapshot"] != true {
		t.Errorf("%s: log exports %v, copy tags %v", c.Address, v["enabled_cloudwatch_logs_exports"], v["copy_tags_to_snapshot"])
	}
	if v["skip_final_snapshot"] != false || !stoSet(v["final_snapshot_identifier"]) {
		t.Errorf("%s: final snapshot skip %v id %v", c.Address, v["skip_final_snapshot"], v["final_snapshot_identifier"])
	}
}

func checkInstances(t *testing.T, is map[string]*model.Resource, n int, region string) {
	t.Helper()
	if len(is) != n {
		t.Fatalf("%d instances, want %d", len(is), n)
	}
	for _, i := range is {
		v := i.Values
		if v["instance_class"] != "db.serverless" || v["publicly_accessible"] != false || i.Region != region {
			t.Errorf("%s: class %v public %v in %s", i.Address, v["instance_class"], v["publicly_accessible"], i.Region)
		}
		if v["performance_insights_enabled"] != true || !stoSet(v["performance_insights_kms_key_id"]) {
			t.Errorf("%s: Performance Insights %v key %v", i.Address, v["performance_insights_enabled"], v["performance_insights_kms_key_id"])
		}
	}
}

func TestStorageAuroraGlobal(t *testing.T) {
	m := envtest.Dir(t, storageExample, nil)
	primary := stoCluster(t, m, "this")
	checkCluster(t, primary, 1, 16, 30, true)
	checkInstances(t, stoNamed(m, "aws_rds_cluster_instance", "this"), 1, "us-east-1")
	if primary.Region != "us-east-1" || !stoSet(primary.Values["global_cluster_identifier"]) {
		t.Errorf("primary in %s, global cluster %v", primary.Region, primary.Values["global_cluster_identifier"])
	}

	globals := stoManaged(m, "aws_rds_global_cluster")
	if len(globals) != 1 || globals[0].Values["storage_encrypted"] != true || globals[0].Values["deletion_protection"] != true {
		t.Fatalf("global clusters %v", globals)
	}

	secondary := stoCluster(t, m, "secondary")
	checkCluster(t, secondary, 1, 16, 30, true)
	checkInstances(t, stoNamed(m, "aws_rds_cluster_instance", "secondary"), 1, "us-west-2")
	if secondary.Region != "us-west-2" || secondary.Values["master_username"] != nil || secondary.Values["db_subnet_group_name"] != "candlefish-production-example-standby" {
		t.Errorf("secondary in %s, master user %v, subnet group %v", secondary.Region, secondary.Values["master_username"], secondary.Values["db_subnet_group_name"])
	}

	// A global database's clusters cannot use an RDS-managed password: the
	// module's own secret, written and set through write-only arguments.
	v := primary.Values
	if v["manage_master_user_password"] != nil || v["master_password"] != nil || !stoSet(v["master_password_wo"]) || v["master_password_wo_version"] != int64(1) {
		t.Errorf("global primary password: managed %v, master_password %v, master_password_wo %v", v["manage_master_user_password"], v["master_password"], v["master_password_wo"])
	}
	secret := stoNamed(m, "aws_secretsmanager_secret", "aurora_master")["0"]
	if secret == nil || !stoSet(secret.Values["kms_key_id"]) {
		t.Fatalf("master secret %v", secret)
	}
	if rep := stoBlock(secret.Values["replica"]); rep == nil || rep["region"] != "us-west-2" {
		t.Errorf("master secret replica %v, want us-west-2", secret.Values["replica"])
	}
	if version := stoNamed(m, "aws_secretsmanager_secret_version", "aurora_master")["0"]; version == nil || version.Values["secret_string"] != nil || !stoSet(version.Values["secret_string_wo"]) {
		t.Errorf("master secret version %v: the value must be write-only", version)
	}
}

// Staging-like: no global database, RDS manages the master password.
func TestStorageAuroraStandalone(t *testing.T) {
	m := envtest.Dir(t, storageExample, map[string]string{
		"enable_aurora_global_database": "false",
		"create_aurora_secondary":       "false",
		"aurora_min_capacity":           "0.5",
		"aurora_max_capacity":           "2",
		"aurora_backup_retention_days":  "7",
		"aurora_deletion_protection":    "false",
		"aurora_instance_count":         "2",
	})
	primary := stoCluster(t, m, "this")
	checkCluster(t, primary, 0.5, 2, 7, false)
	checkInstances(t, stoNamed(m, "aws_rds_cluster_instance", "this"), 2, "us-east-1")
	v := primary.Values
	if v["manage_master_user_password"] != true || !stoSet(v["master_user_secret_kms_key_id"]) || v["master_password_wo"] != nil {
		t.Errorf("managed password %v with key %v, master_password_wo %v", v["manage_master_user_password"], v["master_user_secret_kms_key_id"], v["master_password_wo"])
	}
	if v["global_cluster_identifier"] != nil {
		t.Errorf("global_cluster_identifier %v without a global database", v["global_cluster_identifier"])
	}
	if n := len(stoManaged(m, "aws_rds_global_cluster")); n != 0 {
		t.Errorf("standalone: %d global clusters", n)
	}
	if n := len(stoNamed(m, "aws_secretsmanager_secret", "aurora_master")); n != 0 {
		t.Errorf("standalone: %d module-made master secrets (RDS manages it)", n)
	}
	if n := len(stoNamed(m, "aws_rds_cluster", "secondary")) + len(stoNamed(m, "aws_rds_cluster_instance", "secondary")); n != 0 {
		t.Errorf("standalone: %d secondary clusters/instances", n)
	}
	if n := envtest.Count(m, "aws_rds_cluster", "us-west-2"); n != 0 {
		t.Errorf("standalone: %d clusters in us-west-2", n)
	}
}

func TestStorageAuroraDisabled(t *testing.T) {
	m := envtest.Dir(t, storageExample, map[string]string{
		"enable_aurora":                 "false",
		"enable_aurora_global_database": "false",
		"create_aurora_secondary":       "false",
	})
	for _, typ := range []string{"aws_rds_cluster", "aws_rds_cluster_instance", "aws_rds_global_cluster", "aws_rds_cluster_parameter_group"} {
		if n := len(stoManaged(m, typ)); n != 0 {
			t.Errorf("enable_aurora = false: %d %s", n, typ)
		}
	}
}

// ---------------------------------------------------------------------------
// Validations
// ---------------------------------------------------------------------------

// Every validation of the module accepts a good value and rejects a bad one
// with its message. Values are HCL expressions for the example's variables,
// applied on top of its terraform.tfvars.
func TestStorageVariableValidations(t *testing.T) {
	for _, tc := range storageValidationCases() {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			envtest.ExpectValid(t, storageExample, tc.good)
			envtest.ExpectInvalid(t, storageExample, tc.bad, tc.want)
		})
	}
}

// stoValidationCase targets one validation block of a module variable.
type stoValidationCase struct {
	variable string // the module variable whose validation the case targets
	name     string
	good     map[string]string
	bad      map[string]string
	want     string // part of the expected error message
}

func storageValidationCases() []stoValidationCase {
	const key = `"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"`
	const westKey = `"arn:aws:kms:us-west-2:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab"`
	kms := func(service, value string) map[string]string {
		return map[string]string{"kms_key_arns": fmt.Sprintf("{ %s = %s }", service, value)}
	}
	one := func(name, value string) map[string]string { return map[string]string{name: value} }
	buckets := func(assets string) map[string]string {
		return one("buckets", fmt.Sprintf("{ assets = %s, uploads = {}, logs = {} }", assets))
	}
	table := func(body string) map[string]string { return one("dynamodb_tables", "{ t = "+body+" }") }
	secondaryOff := map[string]string{"enable_aurora_global_database": "false", "create_aurora_secondary": "false"}
	with := func(base map[string]string, k, v string) map[string]string {
		out := map[string]string{k: v}
		for bk, bv := range base {
			out[bk] = bv
		}
		return out
	}

	return []stoValidationCase{
		{"project", "project", one("project", `"acme-2"`), one("project", `"Acme_Project"`), "project must be 3-20 characters"},
		{"environment", "environment", one("environment", `"staging"`), one("environment", `"prod"`), "environment must be one of"},
		{"replica_region", "replica_region", one("replica_region", `"us-east-2"`), one("replica_region", `"uswest2"`), "replica_region must be an AWS region name"},
		{"log_retention_days", "log_retention_days", one("log_retention_days", "365"), one("log_retention_days", "100"), "log_retention_days must be one of"},
		{"secret_recovery_window_in_days", "secret_recovery_window_in_days", one("secret_recovery_window_in_days", "0"), one("secret_recovery_window_in_days", "3"), "secret_recovery_window_in_days must be 0 or a whole number between 7 and 30"},

		// KMS keys
		{"s3_kms_key_arn", "s3_kms_key_arn", kms("s3", key), kms("s3", `"alias/candlefish-s3"`), "s3_kms_key_arn must be a KMS key ARN"},
		{"replica_s3_kms_key_arn", "replica_s3_kms_key_arn", one("replica_s3_kms_key_arn", westKey), one("replica_s3_kms_key_arn", `"arn:aws:s3:::bucket"`), "replica_s3_kms_key_arn must be null or a KMS key ARN"},
		{"dynamodb_kms_key_arn", "dynamodb_kms_key_arn", kms("dynamodb", key), kms("dynamodb", `"key/1234"`), "dynamodb_kms_key_arn must be a KMS key ARN"},
		{"replica_dynamodb_kms_key_arn", "replica_dynamodb_kms_key_arn", one("standby_kms_key_arns", "{ dynamodb = "+westKey+" }"), one("standby_kms_key_arns", `{ dynamodb = "arn:aws:kms:us-west-2:123456789012:alias/x" }`), "replica_dynamodb_kms_key_arn must be null or a KMS key ARN"},
		{"elasticache_kms_key_arn", "elasticache_kms_key_arn", kms("elasticache", key), kms("elasticache", `""`), "elasticache_kms_key_arn must be a KMS key ARN"},
		{"aurora_kms_key_arn", "aurora_kms_key_arn", kms("aurora", key), kms("aurora", `"arn:aws:kms:us-east-1:123:key/x"`), "aurora_kms_key_arn must be a KMS key ARN"},
		{"secrets_kms_key_arn", "secrets_kms_key_arn", kms("secrets", key), kms("secrets", `"aws/secretsmanager"`), "secrets_kms_key_arn must be a KMS key ARN"},
		{"cloudwatch_logs_kms_key_arn", "cloudwatch_logs_kms_key_arn", kms("logs", key), kms("logs", `"logs-key"`), "cloudwatch_logs_kms_key_arn must be null or a KMS key ARN"},

		// S3
		{"buckets", "buckets need logs", one("buckets", `{ assets = {}, uploads = {}, logs = {}, media = {} }`), one("buckets", `{ assets = {}, uploads = {} }`), `buckets must contain the key "logs"`},
		{"buckets", "buckets keys", one("buckets", `{ assets = {}, "user-uploads" = {}, logs = {} }`), one("buckets", `{ Assets = {}, logs = {} }`), "buckets keys (purposes) must be"},
		{"buckets", "buckets name length", one("buckets", `{ "a-rather-long-purpose-nam" = {}, logs = {} }`), one("buckets", `{ "an-extremely-long-purpose-name-x" = {}, logs = {} }`), "must be at most 63 characters"},
		{"buckets", "buckets lifecycle numbers", buckets(`{ intelligent_tiering_days = 0, noncurrent_versions_to_keep = 100 }`), buckets(`{ abort_incomplete_multipart_days = 0 }`), "buckets lifecycle settings must be whole numbers"},
		{"buckets", "buckets expiration", buckets(`{ intelligent_tiering_days = 30, expiration_days = 31 }`), buckets(`{ intelligent_tiering_days = 30, expiration_days = 30 }`), "buckets expiration_days must be null or a whole number of days greater than intelligent_tiering_days"},
		{"buckets", "buckets logs not replicated", one("buckets", `{ assets = {}, logs = { replicate = false } }`), one("buckets", `{ assets = {}, logs = { replicate = true } }`), `buckets["logs"].replicate must be null or false`},
		{"buckets", "buckets cloudfront arns", buckets(`{ cloudfront_distribution_arns = ["arn:aws:cloudfront::123456789012:distribution/E2ABCDEF123456"] }`), buckets(`{ cloudfront_distribution_arns = ["E2ABCDEF123456"] }`), "buckets cloudfront_distribution_arns must be CloudFront distribution ARNs"},
		{"bucket_name_suffix", "bucket_name_suffix", one("bucket_name_suffix", `""`), one("bucket_name_suffix", `"-Bad_"`), "bucket_name_suffix must be empty or 1-20"},
		{"replication_storage_class", "replication_storage_class", one("replication_storage_class", `"GLACIER_IR"`), one("replication_storage_class", `"COLD"`), "replication_storage_class must be one of"},
		{"replica_kms_deletion_window_in_days", "replica_kms_deletion_window_in_days", one("replica_kms_deletion_window_in_days", "7"), one("replica_kms_deletion_window_in_days", "6"), "replica_kms_deletion_window_in_days must be a whole number between 7 and 30"},

		// DynamoDB
		{"dynamodb_tables", "dynamodb_tables keys", table(`{ hash_key = "id", attributes = { id = "S" } }`), one("dynamodb_tables", `{ "Bad Table" = { hash_key = "id", attributes = { id = "S" } } }`), "dynamodb_tables keys must be"},
		{"dynamodb_tables", "dynamodb_tables attribute types", table(`{ hash_key = "id", attributes = { id = "B" } }`), table(`{ hash_key = "id", attributes = { id = "STRING" } }`), "dynamodb_tables attribute types must be S, N or B"},
		{"dynamodb_tables", "dynamodb_tables declared keys", table(`{ hash_key = "id", range_key = "at", attributes = { id = "S", at = "N" } }`), table(`{ hash_key = "id", range_key = "at", attributes = { id = "S" } }`), "must be declared in the table's attributes"},
		{"dynamodb_tables", "dynamodb_tables unused attributes", table(`{ hash_key = "id", attributes = { id = "S", g = "S" }, global_secondary_indexes = { by-g = { hash_key = "g" } } }`), table(`{ hash_key = "id", attributes = { id = "S", name = "S" } }`), "attributes may only declare key attributes"},
		{"dynamodb_tables", "dynamodb_tables billing_mode", table(`{ hash_key = "id", attributes = { id = "S" }, billing_mode = "PAY_PER_REQUEST" }`), table(`{ hash_key = "id", attributes = { id = "S" }, billing_mode = "ON_DEMAND" }`), "dynamodb_tables billing_mode must be null, PAY_PER_REQUEST or PROVISIONED"},
		{"dynamodb_tables", "dynamodb_tables table_class", table(`{ hash_key = "id", attributes = { id = "S" }, table_class = "STANDARD_INFREQUENT_ACCESS" }`), table(`{ hash_key = "id", attributes = { id = "S" }, table_class = "IA" }`), "dynamodb_tables table_class must be STANDARD or STANDARD_INFREQUENT_ACCESS"},
		{"dynamodb_tables", "dynamodb_tables stream_view_type",
			with(table(`{ hash_key = "id", attributes = { id = "S" }, stream_view_type = "KEYS_ONLY" }`), "enable_dynamodb_replica", "false"),
			table(`{ hash_key = "id", attributes = { id = "S" }, stream_view_type = "ALL" }`), "dynamodb_tables stream_view_type must be null, KEYS_ONLY"},
		{"dynamodb_tables", "dynamodb_tables projection",
			table(`{ hash_key = "id", attributes = { id = "S", g = "S" }, global_secondary_indexes = { by-g = { hash_key = "g", projection_type = "INCLUDE", non_key_attributes = ["name"] } } }`),
			table(`{ hash_key = "id", attributes = { id = "S", g = "S" }, global_secondary_indexes = { by-g = { hash_key = "g", projection_type = "KEYS_ONLY", non_key_attributes = ["name"] } } }`),
			"dynamodb_tables global_secondary_indexes projection_type must be ALL, KEYS_ONLY or INCLUDE"},
		{"dynamodb_tables", "dynamodb_tables stream with replica",
			table(`{ hash_key = "id", attributes = { id = "S" }, stream_view_type = "NEW_AND_OLD_IMAGES" }`),
			table(`{ hash_key = "id", attributes = { id = "S" }, stream_view_type = "NEW_IMAGE" }`),
			"must be null or NEW_AND_OLD_IMAGES when enable_dynamodb_replica is true"},
		{"dynamodb_billing_mode", "dynamodb_billing_mode", one("dynamodb_billing_mode", `"PAY_PER_REQUEST"`), one("dynamodb_billing_mode", `"ON_DEMAND"`), "dynamodb_billing_mode must be PAY_PER_REQUEST or PROVISIONED"},
		{"dynamodb_autoscaling", "dynamodb_autoscaling capacities", one("dynamodb_autoscaling", `{ read_min_capacity = 1, read_max_capacity = 1 }`), one("dynamodb_autoscaling", `{ write_min_capacity = 50, write_max_capacity = 10 }`), "dynamodb_autoscaling capacities must be whole numbers with 1 <= min <= max <= 40000"},
		{"dynamodb_autoscaling", "dynamodb_autoscaling target", one("dynamodb_autoscaling", `{ target_utilization = 90 }`), one("dynamodb_autoscaling", `{ target_utilization = 95 }`), "dynamodb_autoscaling target_utilization must be between 20 and 90"},
		{"dynamodb_point_in_time_recovery_days", "dynamodb_point_in_time_recovery_days", one("dynamodb_point_in_time_recovery_days", "1"), one("dynamodb_point_in_time_recovery_days", "36"), "dynamodb_point_in_time_recovery_days must be a whole number between 1 and 35"},
		// An empty key stands for a missing one: the evaluator treats a module
		// input explicitly set to null as unknown and skips its validations.
		{"enable_dynamodb_replica", "enable_dynamodb_replica needs a key",
			one("enable_dynamodb_replica", "true"),
			one("standby_kms_key_arns", `{ dynamodb = "" }`),
			"enable_dynamodb_replica needs replica_dynamodb_kms_key_arn"},

		// ElastiCache
		{"enable_cache", "enable_cache needs network", map[string]string{"enable_cache": "false", "cache_security_group_ids": "[]"}, one("cache_security_group_ids", "[]"), "enable_cache needs cache_subnet_group_name and at least one cache_security_group_ids entry"},
		{"cache_engine", "cache_engine", map[string]string{"cache_engine": `"redis"`, "cache_engine_version": `"7.1"`}, one("cache_engine", `"memcached"`), "cache_engine must be valkey or redis"},
		{"cache_engine_version", "cache_engine_version", one("cache_engine_version", `"7.2"`), map[string]string{"cache_engine": `"redis"`, "cache_engine_version": `"8.0"`}, "cache_engine_version must be 7.2, 8.0 or 8.1 for valkey"},
		{"cache_node_type", "cache_node_type", one("cache_node_type", `"cache.t3.micro"`), one("cache_node_type", `"t4g.micro"`), "cache_node_type must be an ElastiCache node type"},
		{"cache_num_nodes", "cache_num_nodes", one("cache_num_nodes", "6"), one("cache_num_nodes", "0"), "cache_num_nodes must be a whole number between 1 and 6"},
		{"cache_security_group_ids", "cache_security_group_ids", one("cache_security_group_ids", `["sg-0123456789abcdef0"]`), one("cache_security_group_ids", `["cache"]`), "cache_security_group_ids must be security group IDs"},
		{"cache_snapshot_retention_days", "cache_snapshot_retention_days", one("cache_snapshot_retention_days", "0"), one("cache_snapshot_retention_days", "36"), "cache_snapshot_retention_days must be a whole number between 0 and 35"},
		{"cache_snapshot_window", "cache_snapshot_window", one("cache_snapshot_window", `"23:00-00:30"`), one("cache_snapshot_window", `"3am-4am"`), "cache_snapshot_window must be hh:mm-hh:mm"},
		{"cache_maintenance_window", "cache_maintenance_window", one("cache_maintenance_window", `"sat:22:00-sat:23:00"`), one("cache_maintenance_window", `"sunday:05:00-sunday:06:00"`), "cache_maintenance_window must be ddd:hh:mm-ddd:hh:mm"},
		{"cache_auth_token_version", "cache_auth_token_version", one("cache_auth_token_version", "2"), one("cache_auth_token_version", "0"), "cache_auth_token_version must be a whole number >= 1"},

		// Aurora
		{"enable_aurora", "enable_aurora needs network", with(secondaryOff, "enable_aurora", "false"), one("aurora_security_group_ids", "[]"), "enable_aurora needs aurora_db_subnet_group_name and at least one aurora_security_group_ids entry"},
		{"aurora_engine_version", "aurora_engine_version", one("aurora_engine_version", `"17.4"`), one("aurora_engine_version", `"12.9"`), "aurora_engine_version must be <major>.<minor> with major 13-17"},
		{"aurora_min_capacity", "aurora_min_capacity", with(secondaryOff, "aurora_min_capacity", "0"), one("aurora_min_capacity", "0.7"), "aurora_min_capacity must be between 0 and 256 in steps of 0.5"},
		{"aurora_max_capacity", "aurora_max_capacity range", one("aurora_max_capacity", "256"), one("aurora_max_capacity", "300"), "aurora_max_capacity must be between 1 and 256 in steps of 0.5"},
		{"aurora_max_capacity", "aurora_max_capacity at least min", map[string]string{"aurora_min_capacity": "8", "aurora_max_capacity": "8"}, map[string]string{"aurora_min_capacity": "8", "aurora_max_capacity": "4"}, "aurora_max_capacity must be greater than or equal to aurora_min_capacity"},
		{"aurora_instance_count", "aurora_instance_count", one("aurora_instance_count", "15"), one("aurora_instance_count", "16"), "aurora_instance_count must be a whole number between 1 and 15"},
		{"aurora_security_group_ids", "aurora_security_group_ids", one("aurora_security_group_ids", `["sg-0123456789abcdef0", "sg-01234567"]`), one("aurora_security_group_ids", `["sg-XYZ"]`), "aurora_security_group_ids must be security group IDs"},
		{"aurora_database_name", "aurora_database_name", one("aurora_database_name", `"candlefish_app"`), one("aurora_database_name", `"1app"`), "aurora_database_name must be 1-63 letters"},
		{"aurora_master_username", "aurora_master_username", one("aurora_master_username", `"dbowner"`), one("aurora_master_username", `"postgres"`), "aurora_master_username must be 1-63 letters"},
		{"aurora_backup_retention_days", "aurora_backup_retention_days", one("aurora_backup_retention_days", "35"), one("aurora_backup_retention_days", "0"), "aurora_backup_retention_days must be a whole number between 1 and 35"},
		{"aurora_backup_window", "aurora_backup_window", one("aurora_backup_window", `"07:00-07:30"`), one("aurora_backup_window", `"7:00-7:30"`), "aurora_backup_window must be hh:mm-hh:mm"},
		{"aurora_maintenance_window", "aurora_maintenance_window", one("aurora_maintenance_window", `"mon:01:00-mon:02:00"`), one("aurora_maintenance_window", `"mon:25:00-mon:26:00"`), "aurora_maintenance_window must be ddd:hh:mm-ddd:hh:mm"},
		{"aurora_performance_insights_retention_days", "aurora_performance_insights_retention_days", one("aurora_performance_insights_retention_days", "93"), one("aurora_performance_insights_retention_days", "30"), "aurora_performance_insights_retention_days must be 7, a multiple of 31"},
		// (aurora_secondary = null is the other way to fail it; the evaluator
		// treats a null module input as unknown, so the case uses enable_aurora.)
		{"enable_aurora_global_database", "enable_aurora_global_database needs aurora", secondaryOff, one("enable_aurora", "false"), "enable_aurora_global_database needs enable_aurora = true and aurora_secondary"},
		{"enable_aurora_global_database", "enable_aurora_global_database cannot pause", one("aurora_min_capacity", "0.5"), one("aurora_min_capacity", "0"), "enable_aurora_global_database needs aurora_min_capacity >= 0.5"},
		{"aurora_secondary", "aurora_secondary security groups", one("aurora_secondary_security_group_ids", `["sg-0123456789abcdef0"]`), one("aurora_secondary_security_group_ids", "[]"), "aurora_secondary.security_group_ids must hold at least one security group ID"},
		{"aurora_secondary", "aurora_secondary keys", one("standby_kms_key_arns", "{ aurora = "+westKey+", logs = null }"), one("standby_kms_key_arns", `{ secrets = "arn:aws:kms:us-west-2:123456789012:alias/secrets" }`), "aurora_secondary.kms_key_arn (and secrets_kms_key_arn, logs_kms_key_arn when set) must be KMS key ARNs"},
		{"aurora_secondary", "aurora_secondary instance_count", one("aurora_secondary_instance_count", "0"), one("aurora_secondary_instance_count", "16"), "aurora_secondary.instance_count must be a whole number between 0 (headless) and 15"},
		{"aurora_seconds_until_auto_pause", "aurora_seconds_until_auto_pause", one("aurora_seconds_until_auto_pause", "300"), one("aurora_seconds_until_auto_pause", "120"), "aurora_seconds_until_auto_pause must be a whole number of seconds between 300 and 86400"},
		{"aurora_master_password_version", "aurora_master_password_version", one("aurora_master_password_version", "3"), one("aurora_master_password_version", "1.5"), "aurora_master_password_version must be a whole number >= 1"},
	}
}

// Every validation block of the module has at least one case above, so that
// a new validation cannot go untested.
func TestStorageEveryValidationIsTested(t *testing.T) {
	m := envtest.Dir(t, storageExample, nil)
	cases := map[string]int{}
	for _, tc := range storageValidationCases() {
		cases[tc.variable]++
	}
	blocks := 0
	for dir, d := range m.Dirs {
		if !strings.HasSuffix(dir, "/modules/storage") {
			continue
		}
		for name, v := range d.Variables {
			blocks += len(v.Validations)
			if n := len(v.Validations); cases[name] < n {
				t.Errorf("variable %s has %d validation blocks but %d cases in storageValidationCases", name, n, cases[name])
			}
			delete(cases, name)
		}
	}
	if blocks == 0 {
		t.Fatal("no validation blocks found in the storage module")
	}
	for name := range cases {
		t.Errorf("storageValidationCases names %q, which is not a variable of the storage module", name)
	}
}
