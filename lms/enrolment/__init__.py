"""Enrolment of learners in modules: self-enrolment, by administrators, by promotion."""
