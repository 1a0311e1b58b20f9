retention_days = "a week"
