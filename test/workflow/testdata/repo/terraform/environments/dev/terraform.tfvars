environment = "dev"
account_id  = "123456789012"
