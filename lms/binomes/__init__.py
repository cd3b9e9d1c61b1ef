"""Binômes: a senior civil servant and an association leader paired on a concrete project."""
