package cost

import (
	"fmt"
	"math"
	"strings"

	"github.com/candlefish-ai/infrastructure/internal/model"
)

func init() {
	register("ElastiCache", priceElastiCacheReplicationGroup, "aws_elasticache_replication_group")
	register("ElastiCache", priceElastiCacheCluster, "aws_elasticache_cluster")
	register("ElastiCache", priceElastiCacheServerless, "aws_elasticache_serverless_cache")
	register("Aurora", priceAuroraCluster, "aws_rds_cluster")
	register("Aurora", priceAuroraInstance, "aws_rds_cluster_instance")
	register("Aurora", priceAuroraGlobal, "aws_rds_global_cluster")
	register("S3", priceS3Bucket, "aws_s3_bucket")
	register("S3", priceS3Replication, "aws_s3_bucket_replication_configuration")
	register("DynamoDB", priceDynamoDB, "aws_dynamodb_table")
	register("Kinesis", priceKinesisStream, "aws_kinesis_stream")
}

// --- ElastiCache ---

// cacheNodes adds n node-months of nodeType for engine (Valkey nodes cost a
// fraction of the Redis OSS price of the same type).
func cacheNodes(b *builder, engine, nodeType string, n float64) {
	if nodeType == "" {
		b.unpricedComponent("cache nodes", "node_type is not a known string")
		return
	}
	id := "elasticache_" + nodeType
	if !b.e.book.Has(id) {
		b.unpricedComponent("cache nodes", "prices.tsv has no price for node type "+nodeType)
		return
	}
	what := fmt.Sprintf("%s node(s) x 730 h", trimFloat(n))
	switch engine {
	case "", "redis":
		b.line(nodeType+" nodes, Redis OSS", id, n*HoursPerMonth).Note = what
	case "valkey":
		redis, ok1 := b.price(id, "cache nodes")
		frac, ok2 := b.price("elasticache_valkey_fraction", "cache nodes")
		if ok1 && ok2 {
			b.derived(nodeType+" nodes, Valkey", n*HoursPerMonth, redis.Unit, redis.USD*frac.USD, redis, frac).Note =
				what + "; Redis OSS price x Valkey fraction"
		}
	default:
		b.unpricedComponent("cache nodes", "engine "+engine+": prices.tsv has Redis OSS and Valkey node prices only")
	}
}

func priceElastiCacheReplicationGroup(e *engine, b *builder) {
	engine := b.text("engine")
	nodes := 1.0
	if ng, ok, _ := b.value("num_node_groups"); ok {
		rep, _, _ := b.value("replicas_per_node_group")
		nodes = ng * (rep + 1)
	} else if n, ok, unknown := b.value("num_cache_clusters"); ok {
		nodes = n
	} else if unknown {
		b.unpricedComponent("cache nodes", "num_cache_clusters is known only after apply")
		return
	} else {
		b.note("num_cache_clusters not set: 1 node (the provider's default)")
	}
	cacheNodes(b, engine, b.text("node_type"), nodes)
	b.usageLine("snapshot storage", "elasticache_backup", "snapshot_storage_size_gb", identity)
}

func priceElastiCacheCluster(e *engine, b *builder) {
	if _, set := b.r.Values["replication_group_id"]; set && b.r.Values["replication_group_id"] != nil {
		b.note("a member of a replication group: its node is priced with the aws_elasticache_replication_group")
		return
	}
	n, ok, unknown := b.value("num_cache_nodes")
	if unknown {
		b.unpricedComponent("cache nodes", "num_cache_nodes is known only after apply")
		return
	}
	if !ok {
		n = 1
	}
	cacheNodes(b, b.text("engine"), b.text("node_type"), n)
	b.usageLine("snapshot storage", "elasticache_backup", "snapshot_storage_size_gb", identity)
}

func priceElastiCacheServerless(e *engine, b *builder) {
	engine := b.text("engine")
	prefix, minGB := "", 0.0
	switch engine {
	case "valkey":
		prefix, minGB = "elasticache_serverless_valkey", 0.1
	case "redis":
		prefix, minGB = "elasticache_serverless_redis", 1
	default:
		b.unpricedComponent("serverless cache", "engine "+engine+": prices.tsv has serverless Valkey and Redis OSS prices only")
		return
	}
	if limits := first(b.r.Values["cache_usage_limits"]); limits != nil {
		if ds := first(limits["data_storage"]); ds != nil {
			if m, ok := num(ds["minimum"]); ok && m > minGB {
				minGB = m
			}
		}
	}
	stored, ok := b.use("average_data_stored_gb")
	if !ok {
		b.dependsOn("data stored above the minimum", "average_data_stored_gb")
	}
	l := b.line("data stored", prefix+"_storage", math.Max(stored, minGB)*HoursPerMonth)
	l.Note = fmt.Sprintf("%s GB x 730 h (minimum %s GB)", trimFloat(math.Max(stored, minGB)), trimFloat(minGB))
	if ok {
		l.UsageKey = "average_data_stored_gb"
	}
	b.usageLine("ElastiCache Processing Units", prefix+"_ecpu", "monthly_ecpus", perMillion)
}

// --- Aurora ---

func isAurora(r *model.Resource) bool {
	eng, _ := str(r.Values["engine"])
	return strings.HasPrefix(eng, "aurora")
}

func priceAuroraCluster(e *engine, b *builder) {
	if !isAurora(b.r) {
		b.unpricedComponent("DB cluster", "engine "+b.text("engine")+": only Aurora clusters have a cost model")
		return
	}
	if mode := b.text("engine_mode"); mode != "" && mode != "provisioned" {
		b.unpricedComponent("DB cluster", "engine_mode "+mode+": only Aurora Serverless v2 and provisioned clusters have a cost model")
		return
	}
	if st := b.text("storage_type"); st == "aurora-iopt1" {
		b.unpricedComponent("storage and I/O", "Aurora I/O-Optimized: prices.tsv has Aurora Standard prices only")
	} else {
		b.usageLine("storage", "aurora_storage", "storage_gb", identity)
		w, okW := b.use("write_requests_per_sec")
		r, okR := b.use("read_requests_per_sec")
		if okW || okR {
			l := b.line("I/O requests", "aurora_io", (w+r)*3600*HoursPerMonth/1e6)
			l.UsageKey = "write_requests_per_sec"
			l.Note = fmt.Sprintf("(%s writes + %s reads) per second x 3600 x 730", trimFloat(w), trimFloat(r))
		} else {
			b.dependsOn("I/O requests", "write_requests_per_sec")
		}
	}
	b.usageLine("backup storage beyond the free amount", "aurora_backup", "backup_snapshot_size_gb", identity)
}

// auroraCluster finds the cluster an instance belongs to.
func (e *engine) auroraCluster(inst *model.Resource) *model.Resource {
	if id, ok := str(inst.Values["cluster_identifier"]); ok {
		for _, c := range e.byType["aws_rds_cluster"] {
			if ci, _ := str(c.Values["cluster_identifier"]); ci == id {
				return c
			}
		}
	}
	cs := e.related(inst, "aws_rds_cluster")
	if len(cs) == 1 {
		return cs[0]
	}
	return nil
}

func priceAuroraInstance(e *engine, b *builder) {
	class := b.text("instance_class")
	if class != "db.serverless" {
		if class == "" {
			class = "(known after apply)"
		}
		b.unpricedComponent("DB instance", "instance class "+class+": prices.tsv has Aurora Serverless v2 (db.serverless) prices only")
		return
	}
	cluster := e.auroraCluster(b.r)
	if cluster == nil {
		b.unpricedComponent("Aurora capacity", "its aws_rds_cluster is not in the configuration")
		return
	}
	sc := first(cluster.Values["serverlessv2_scaling_configuration"])
	lo, okLo := num(sc["min_capacity"])
	hi, okHi := num(sc["max_capacity"])
	if sc == nil || !okLo || !okHi {
		b.unpricedComponent("Aurora capacity", cluster.Address+": serverlessv2_scaling_configuration min/max capacity are not known numbers")
		return
	}
	acu, ok := b.use("capacity_units_per_hr")
	if !ok {
		acu = lo
		b.dependsOn("capacity above the minimum", "capacity_units_per_hr")
	}
	avg := clamp(acu, lo, hi)
	l := b.line("Serverless v2 capacity", "aurora_acu", avg*HoursPerMonth)
	l.Note = fmt.Sprintf("%s ACU average x 730 h (cluster min %s, max %s)", trimFloat(round6(avg)), trimFloat(lo), trimFloat(hi))
	if ok {
		l.UsageKey = "capacity_units_per_hr"
	}
	if days, ok, _ := b.value("performance_insights_retention_period"); ok && days > 7 {
		b.unpricedComponent("Performance Insights retention beyond 7 days", "prices.tsv has no Performance Insights price")
	}
}

// usageOf is another resource's usage, scaled by --traffic like a builder's.
func (e *engine) usageOf(r *model.Resource) map[string]float64 {
	u := e.usage.For(r.Address, r.Type)
	for k, v := range u {
		if def, ok := usageKeyDef(r.Type, k); ok && def.Traffic {
			u[k] = v * e.traffic
		}
	}
	return u
}

// priceAuroraGlobal prices the write I/O a global database replicates to
// each secondary region (an assumption: no list price was found).
func priceAuroraGlobal(e *engine, b *builder) {
	var members []*model.Resource
	gid, _ := str(b.r.Values["global_cluster_identifier"])
	for _, c := range e.byType["aws_rds_cluster"] {
		id, _ := str(c.Values["global_cluster_identifier"])
		linked := gid != "" && id == gid
		for _, ref := range c.References {
			linked = linked || ref == b.r.BlockAddress()
		}
		if linked {
			members = append(members, c)
		}
	}
	var primary *model.Resource
	secondaries := 0.0
	for _, c := range members {
		if c.Region == b.r.Region && primary == nil {
			primary = c
		} else {
			secondaries++
		}
	}
	if primary == nil || secondaries == 0 {
		b.note("no primary and secondary clusters in different regions: nothing is replicated")
		return
	}
	w, ok := e.usageOf(primary)["write_requests_per_sec"]
	if !ok {
		b.dependsOn("replicated write I/O", primary.Address+" write_requests_per_sec")
		return
	}
	l := b.line("replicated write I/O", "aurora_global_write_io", w*3600*HoursPerMonth/1e6*secondaries)
	l.UsageKey = "write_requests_per_sec"
	l.Note = fmt.Sprintf("%s writes/s of %s x 3600 x 730 x %s secondary region(s)", trimFloat(w), primary.Address, trimFloat(secondaries))
}

// --- S3 ---

func priceS3Bucket(e *engine, b *builder) {
	storage := []struct{ key, component, id string }{
		{"standard.storage_gb", "Standard storage", "s3_standard"},
		{"intelligent_tiering.frequent_access_storage_gb", "Intelligent-Tiering frequent access storage", "s3_it_frequent"},
		{"intelligent_tiering.infrequent_access_storage_gb", "Intelligent-Tiering infrequent access storage", "s3_it_infrequent"},
		{"standard_infrequent_access.storage_gb", "Standard-IA storage", "s3_standard_ia"},
		{"glacier_instant_retrieval.storage_gb", "Glacier Instant Retrieval storage", "s3_glacier_ir"},
	}
	anyStorage := false
	for _, s := range storage {
		if _, ok := b.use(s.key); ok {
			anyStorage = true
			b.usageLine(s.component, s.id, s.key, identity)
		}
	}
	if _, ok := b.use("intelligent_tiering.monitored_objects"); ok {
		b.usageLine("Intelligent-Tiering monitoring", "s3_it_monitoring", "intelligent_tiering.monitored_objects", perK(1000))
	}
	requests := []struct{ key, component, id string }{
		{"standard.monthly_tier_1_requests", "Standard PUT, COPY, POST, LIST requests", "s3_tier1"},
		{"standard.monthly_tier_2_requests", "Standard GET and other requests", "s3_tier2"},
		{"intelligent_tiering.monthly_tier_1_requests", "Intelligent-Tiering PUT, COPY, POST, LIST requests", "s3_tier1"},
		{"intelligent_tiering.monthly_tier_2_requests", "Intelligent-Tiering GET and other requests", "s3_tier2"},
	}
	anyRequests := false
	for _, r := range requests {
		if _, ok := b.use(r.key); ok {
			anyRequests = true
			b.usageLine(r.component, r.id, r.key, perK(1000))
		}
	}
	for _, k := range []string{
		"standard_infrequent_access.monthly_tier_1_requests", "standard_infrequent_access.monthly_tier_2_requests",
		"standard_infrequent_access.monthly_data_retrieval_gb", "glacier_flexible_retrieval.storage_gb", "glacier_deep_archive.storage_gb",
	} {
		b.noPrice(k, k)
	}
	if !anyStorage {
		b.dependsOn("storage", "standard.storage_gb")
	}
	if !anyRequests {
		b.dependsOn("requests", "standard.monthly_tier_1_requests")
	}
}

func priceS3Replication(e *engine, b *builder) {
	buckets := e.related(b.r, "aws_s3_bucket")
	cross, same := false, false
	for _, bk := range buckets {
		if bk.Region != "" && bk.Region != b.r.Region {
			cross = true
		} else {
			same = true
		}
	}
	switch {
	case cross:
	case same:
		b.note("source and destination buckets are in the same region: replication has no transfer charge")
		return
	default:
		e.assume("", "S3 replication whose destination bucket is not in the configuration is priced as cross-region.")
	}
	b.usageLine("cross-region replication transfer", "s3_replication_transfer", "monthly_data_replicated_gb", identity)
}

// --- DynamoDB ---

// capacity is a provisioned table's (or index's) capacity units for one
// direction, bounded by its autoscaling target and scaled by --traffic.
func (e *engine) capacity(b *builder, configured float64, table, index, direction string) (float64, string) {
	dim := "dynamodb:table:" + direction + "CapacityUnits"
	want := "table/" + table
	if index != "" {
		dim = "dynamodb:index:" + direction + "CapacityUnits"
		want += "/index/" + index
	}
	sc, err := e.autoscaling(b.r, "dynamodb", dim, func(id string) bool { return table != "" && id == want })
	if err != nil || sc == nil {
		if e.traffic != 1 {
			return configured, "no autoscaling target: stays at the configured capacity"
		}
		return configured, ""
	}
	n := clamp(configured, sc.min, sc.max)
	if e.traffic != 1 {
		n = clamp(math.Ceil(n*e.traffic-1e-9), sc.min, sc.max)
	}
	return n, fmt.Sprintf("bounded by %s (min %s, max %s)", sc.address, trimFloat(sc.min), trimFloat(sc.max))
}

// capacityTarget is a table (index "") or one of its global secondary indexes.
type capacityTarget struct {
	index  string
	values map[string]any
}

var capacityUnits = []struct{ dir, id, field string }{
	{"Write", "dynamodb_wcu", "write_capacity"},
	{"Read", "dynamodb_rcu", "read_capacity"},
}

func priceDynamoDB(e *engine, b *builder) {
	mode := b.text("billing_mode")
	if mode == "" {
		mode = "PROVISIONED" // the provider's default
	}
	if b.text("table_class") == "STANDARD_INFREQUENT_ACCESS" {
		b.unpricedComponent("table", "table class STANDARD_INFREQUENT_ACCESS: prices.tsv has Standard table prices only")
		return
	}
	name := b.text("name")
	var wcu float64 // provisioned write capacity of the table and its indexes, for replicas
	if mode == "PAY_PER_REQUEST" {
		b.usageLine("write request units", "dynamodb_wru", "monthly_write_request_units", perMillion)
		b.usageLine("read request units", "dynamodb_rru", "monthly_read_request_units", perMillion)
	} else {
		targets := []capacityTarget{{"", b.r.Values}}
		for _, g := range blocks(b.r.Values["global_secondary_index"]) {
			gn, _ := str(g["name"])
			targets = append(targets, capacityTarget{gn, g})
		}
		for _, t := range targets {
			for _, u := range capacityUnits {
				c, ok := num(t.values[u.field])
				if !ok {
					if model.IsUnknown(t.values[u.field]) {
						b.unpricedComponent(strings.ToLower(u.dir)+" capacity", u.field+" is known only after apply")
					}
					continue
				}
				n, note := e.capacity(b, c, name, t.index, u.dir)
				what := strings.ToLower(u.dir) + " capacity"
				if t.index != "" {
					what += ", index " + t.index
				}
				l := b.line(what, u.id, n*HoursPerMonth)
				l.Note = joinNonEmpty("; ", fmt.Sprintf("%s units x 730 h", trimFloat(n)), note)
				if u.dir == "Write" {
					wcu += n
				}
			}
		}
	}
	b.usageLine("storage", "dynamodb_storage", "storage_gb", identity)
	pitr := false
	if p := first(b.r.Values["point_in_time_recovery"]); p != nil {
		pitr, _ = boolean(p["enabled"])
	}
	if pitr {
		pitrBackup(b, b.region, "point-in-time recovery", false)
	}
	b.noPrice("on_demand_backup_storage_gb", "on-demand backups")
	b.noPrice("monthly_streams_read_request_units", "stream reads")
	b.unknownBlocks("replica", "replicas")
	for _, rep := range blocks(b.r.Values["replica"]) {
		region, ok := str(rep["region_name"])
		if !ok {
			b.unpricedComponent("replica", "region_name is known only after apply")
			continue
		}
		where := "replica " + region
		if mode == "PAY_PER_REQUEST" {
			b.lineIn(region, where+": replicated write request units", "dynamodb_replicated_wru", "monthly_write_request_units", perMillion)
		} else {
			l := b.lineAt(region, where+": replicated write capacity", "dynamodb_replicated_wcu", wcu*HoursPerMonth)
			l.Note = fmt.Sprintf("%s units x 730 h (the table's write capacity)", trimFloat(wcu))
		}
		b.lineIn(region, where+": storage", "dynamodb_storage", "storage_gb", identity)
		if p, _ := boolean(rep["point_in_time_recovery"]); p {
			pitrBackup(b, region, where+": point-in-time recovery", true)
		}
		e.assume("", "DynamoDB global table replication: inter-region transfer of replicated items is not priced (it depends on item sizes).")
	}
}

// pitrBackup prices point-in-time recovery on pitr_backup_storage_gb, or on
// storage_gb (AWS bills PITR on the table's size) when that is not given.
func pitrBackup(b *builder, region, component string, replica bool) {
	key := "pitr_backup_storage_gb"
	if _, ok := b.use(key); !ok {
		if _, ok := b.use("storage_gb"); ok {
			key = "storage_gb"
		}
	}
	l := b.lineIn(region, component, "dynamodb_pitr", key, identity)
	if key == "storage_gb" && l.Quantity > 0 {
		l.Note = "billed on the table's size (storage_gb)"
	}
}

// lineAt adds a config-based line priced in another region than the resource's.
func (b *builder) lineAt(region, component, id string, qty float64) *Line {
	saved := b.region
	b.region = region
	defer func() { b.region = saved }()
	return b.line(component, id, qty)
}

// lineIn adds a usage-based line priced in another region than the resource's.
func (b *builder) lineIn(region, component, id, key string, qty func(float64) float64) *Line {
	saved := b.region
	b.region = region
	defer func() { b.region = saved }()
	return b.usageLine(component, id, key, qty)
}

// --- Kinesis ---

func priceKinesisStream(e *engine, b *builder) {
	mode := "PROVISIONED"
	if m := first(b.r.Values["stream_mode_details"]); m != nil {
		if s, ok := str(m["stream_mode"]); ok {
			mode = s
		}
	}
	if mode == "ON_DEMAND" {
		b.line("on-demand stream", "kinesis_on_demand_stream", HoursPerMonth)
		b.unpricedComponent("on-demand data in and out", "prices.tsv has no price for on-demand stream data")
	} else {
		shards, ok, _ := b.value("shard_count")
		if !ok {
			b.unpricedComponent("shards", "shard_count is not a known number")
		} else {
			b.line("shards", "kinesis_shard", shards*HoursPerMonth).Note = fmt.Sprintf("%s shard(s) x 730 h", trimFloat(shards))
		}
		b.usageLine("PUT payload units", "kinesis_put_units", "monthly_provisioned_put_units", perMillion)
	}
	if days, ok, _ := b.value("retention_period"); ok && days > 24 {
		b.unpricedComponent("extended retention", "prices.tsv has no price for retention beyond 24 hours")
	}
}
