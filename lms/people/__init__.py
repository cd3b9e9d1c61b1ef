"""Learners' profiles and promotions (cohorts mixing both audiences)."""
