package candlefish.tls

import data.candlefish.lib
import rego.v1

metadata := {
	"id": "CF-TLS-001",
	"title": "TLS 1.2 or newer on every listener and distribution",
	"severity": "HIGH",
	"resolution": "Use an ELBSecurityPolicy-TLS13-* policy on HTTPS listeners, redirect HTTP to HTTPS, and minimum_protocol_version TLSv1.2_2021 on CloudFront.",
}

modern_listener_policy(p) if contains(p, "TLS13")

modern_listener_policy(p) if contains(p, "TLS-1-2")

deny contains f if {
	some r in lib.of_type("aws_lb_listener")
	r.values.protocol in {"HTTPS", "TLS"}
	p := object.get(r.values, "ssl_policy", "")
	lib.is_known(p)
	not modern_listener_policy(p)
	f := {"address": r.address, "attribute": "ssl_policy", "msg": sprintf("%s uses TLS policy %q, which allows versions older than TLS 1.2", [r.address, p])}
}

deny contains f if {
	some r in lib.of_type("aws_lb_listener")
	r.values.protocol == "HTTP"
	not redirects_to_https(r.values)
	f := {"address": r.address, "attribute": "default_action", "msg": sprintf("%s serves plain HTTP instead of redirecting to HTTPS", [r.address])}
}

redirects_to_https(v) if {
	some a in lib.blocks(v, "default_action")
	a.type == "redirect"
	some rd in lib.blocks(a, "redirect")
	rd.protocol == "HTTPS"
}

modern_viewer := {"TLSv1.2_2018", "TLSv1.2_2019", "TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"}

deny contains f if {
	some r in lib.of_type("aws_cloudfront_distribution")
	some vc in lib.blocks(r.values, "viewer_certificate")
	v := object.get(vc, "minimum_protocol_version", "TLSv1")
	not v in modern_viewer
	f := {"address": r.address, "attribute": "viewer_certificate", "msg": sprintf("%s accepts viewers below TLS 1.2 (minimum_protocol_version %q; the default certificate forces TLSv1)", [r.address, v])}
}

deny contains f if {
	some r in lib.of_type("aws_cloudfront_distribution")
	some o in lib.blocks(r.values, "origin")
	some c in lib.blocks(o, "custom_origin_config")
	some p in object.get(c, "origin_ssl_protocols", [])
	p in {"SSLv3", "TLSv1", "TLSv1.1"}
	f := {"address": r.address, "attribute": "origin", "msg": sprintf("%s may talk to origin %v with %s", [r.address, o.origin_id, p])}
}

# A VPC origin's connection from CloudFront to the load balancer.
deny contains f if {
	some r in lib.of_type("aws_cloudfront_vpc_origin")
	some c in lib.blocks(r.values, "vpc_origin_endpoint_config")
	c.origin_protocol_policy != "https-only"
	f := {"address": r.address, "attribute": "vpc_origin_endpoint_config", "msg": sprintf("%s lets CloudFront reach the origin without TLS (origin_protocol_policy %q)", [r.address, c.origin_protocol_policy])}
}

deny contains f if {
	some r in lib.of_type("aws_cloudfront_vpc_origin")
	some c in lib.blocks(r.values, "vpc_origin_endpoint_config")
	some s in lib.blocks(c, "origin_ssl_protocols")
	some p in object.get(s, "items", [])
	p in {"SSLv3", "TLSv1", "TLSv1.1"}
	f := {"address": r.address, "attribute": "vpc_origin_endpoint_config", "msg": sprintf("%s allows %s to the origin", [r.address, p])}
}

deny contains f if {
	some r in lib.of_type("aws_elasticache_replication_group")
	object.get(r.values, "transit_encryption_enabled", false) == false
	f := {"address": r.address, "attribute": "transit_encryption_enabled", "msg": sprintf("%s does not encrypt traffic in transit", [r.address])}
}
