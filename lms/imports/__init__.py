"""Bulk enrolment from CSV or XLSX files: preview, per-row errors, confirmed import."""
