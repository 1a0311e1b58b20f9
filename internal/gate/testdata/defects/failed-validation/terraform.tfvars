name           = "fixture"
retention_days = 10
