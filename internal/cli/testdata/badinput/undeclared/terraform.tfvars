name = "a"
nmae = "b"
