"""Wagtail hooks of the trainers' SCORM views (attempts per learner, new attempt grants)."""
