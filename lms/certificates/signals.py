"""Signals of certificates, an extension API (e-mails, reports).

Each is sent after the transaction that made the change has committed.
"""

from django.dispatch import Signal

certificate_issued = Signal()
"""A certificate was issued (or re-issued).

Arguments: ``sender`` (:class:`~lms.certificates.models.Certificate`), ``certificate``,
``replaces`` (the superseded certificate, or ``None``).
"""

certificate_revoked = Signal()
"""A certificate was revoked.

Arguments: ``sender`` (:class:`~lms.certificates.models.Certificate`), ``certificate``,
``by``, ``reason``.
"""
