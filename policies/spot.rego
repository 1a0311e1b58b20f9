package candlefish.spot

import data.candlefish.lib
import rego.v1

metadata := {
	"id": "CF-SPOT-001",
	"title": "Fargate Spot share within what the environment allows",
	"severity": "HIGH",
	"resolution": "Set spot_percentage: dev up to 100, staging up to 70, production 0 (on-demand for stability).",
}

max_share := {"dev": 100, "staging": 70, "production": 0}

strategy_of(r) := lib.blocks(r.values, "capacity_provider_strategy") if r.type == "aws_ecs_service"

strategy_of(r) := lib.blocks(r.values, "default_capacity_provider_strategy") if r.type == "aws_ecs_cluster_capacity_providers"

deny contains f if {
	some r in lib.managed
	r.type in {"aws_ecs_service", "aws_ecs_cluster_capacity_providers"}
	limit := max_share[lib.environment]
	strategy := strategy_of(r)
	total := sum([w | some s in strategy; w := weight(s)])
	total > 0
	spot := sum([w | some s in strategy; s.capacity_provider == "FARGATE_SPOT"; w := weight(s)])
	share := (spot * 100) / total
	share > limit
	f := {
		"address": r.address,
		"attribute": "capacity_provider_strategy",
		"msg": sprintf("%s puts %v%% of tasks on Fargate Spot; %s allows at most %d%%", [r.address, round(share), lib.environment, limit]),
	}
}

weight(s) := w if {
	w := object.get(s, "weight", 0)
	is_number(w)
}
