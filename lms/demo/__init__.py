"""Demo content: the programme's curricula, mirror pairs and one account per role."""
