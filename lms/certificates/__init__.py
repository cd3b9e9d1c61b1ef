"""Certificates: templates, issuance, PDF rendering, public verification and revocation."""
