"""Audit trail: who changed what about a learner's enrolment, progress or profile, and when."""
