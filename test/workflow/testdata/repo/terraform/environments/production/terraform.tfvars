environment = "production"
account_id  = "210987654321"
