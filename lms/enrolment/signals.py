"""Signals of enrolment, an extension API (SCORM, certificates and binômes listen to them).

Each is sent after the transaction that made the change has committed.
"""

from django.dispatch import Signal

enrolment_created = Signal()
"""A learner was enrolled in a module (a new row or a withdrawn one reactivated).

Arguments: ``sender`` (:class:`~lms.enrolment.models.Enrolment`), ``enrolment``,
``reactivated`` (bool), ``by`` (who enrolled them, or ``None`` for self-enrolment).
"""

enrolment_withdrawn = Signal()
"""A learner's enrolment was withdrawn (the row is kept).

Arguments: ``sender`` (:class:`~lms.enrolment.models.Enrolment`), ``enrolment``, ``by``.
"""
