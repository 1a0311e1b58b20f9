region = "us-east-1"
name   = "demo"
