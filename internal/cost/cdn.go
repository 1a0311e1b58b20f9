package cost

func init() {
	register("CloudFront", priceDistribution, "aws_cloudfront_distribution")
	register("CloudFront", priceCloudFrontFunction, "aws_cloudfront_function")
}

// priceDistribution prices CloudFront's transfer out, HTTPS requests and
// real-time log lines. prices.tsv has the US/Europe transfer and US HTTPS
// prices: quantities given for other edge regions are unpriced.
func priceDistribution(e *engine, b *builder) {
	transfer, https := false, false
	for _, region := range cloudfrontRegions {
		key := "monthly_data_transfer_to_internet_gb." + region
		if _, ok := b.use(key); ok {
			transfer = true
			if region == "us" || region == "europe" {
				b.usageLine("data transfer out ("+region+")", "cloudfront_transfer_us_eu", key, identity)
			} else {
				b.noPrice(key, "data transfer out ("+region+")")
			}
		}
		key = "monthly_https_requests." + region
		if _, ok := b.use(key); ok {
			https = true
			if region == "us" {
				b.usageLine("HTTPS requests ("+region+")", "cloudfront_https_us", key, perK(10000))
			} else {
				b.noPrice(key, "HTTPS requests ("+region+")")
			}
		}
		b.noPrice("monthly_http_requests."+region, "HTTP requests ("+region+")")
		b.noPrice("monthly_data_transfer_to_origin_gb."+region, "data transfer to origin ("+region+")")
	}
	if !transfer {
		b.dependsOn("data transfer out", "monthly_data_transfer_to_internet_gb.us")
	}
	if !https {
		b.dependsOn("HTTPS requests", "monthly_https_requests.us")
	}
	realtime := false
	for _, cb := range append(blocks(b.r.Values["default_cache_behavior"]), blocks(b.r.Values["ordered_cache_behavior"])...) {
		if v, ok := cb["realtime_log_config_arn"]; ok && v != nil && v != "" {
			realtime = true
		}
	}
	if realtime {
		b.usageLine("real-time log lines", "cloudfront_realtime_logs", "monthly_log_lines", perMillion)
	} else if v, ok := b.use("monthly_log_lines"); ok && v > 0 {
		b.note("monthly_log_lines is ignored: no cache behaviour sends real-time logs")
	}
	b.noPrice("monthly_invalidation_requests", "invalidation requests")
}

func priceCloudFrontFunction(e *engine, b *builder) {
	b.usageLine("invocations", "cloudfront_function_invocations", "monthly_requests", perMillion)
}
