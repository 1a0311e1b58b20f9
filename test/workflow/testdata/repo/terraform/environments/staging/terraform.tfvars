environment = "staging"
account_id  = "123456789012"
