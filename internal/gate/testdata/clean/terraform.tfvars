name = "fixture"
