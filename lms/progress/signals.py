"""Signals of progress and completion, an extension API (certificates, binômes, e-mails).

Each is sent after the transaction that made the change has committed, once per change.
"""

from django.dispatch import Signal

lesson_progressed = Signal()
"""A learner's progress in a lesson changed (status, score or time).

Arguments: ``sender`` (:class:`~lms.progress.models.LessonProgress`), ``progress``,
``previous_status``.
"""

lesson_completed = Signal()
"""A learner completed a lesson for the first time.

Arguments: ``sender`` (:class:`~lms.progress.models.LessonProgress`), ``progress``.
"""

module_completed = Signal()
"""A learner completed a module (all required lessons, and the sign-off if required).

Arguments: ``sender`` (:class:`~lms.progress.models.ModuleProgress`), ``progress``.
"""

curriculum_completed = Signal()
"""A learner completed a curriculum (all its required modules).

Arguments: ``sender`` (:class:`~lms.progress.models.CurriculumProgress`), ``progress``.
"""

completion_revoked = Signal()
"""An administrator revoked a module or curriculum completion.

Arguments: ``sender`` (the progress model class), ``progress``, ``by``, ``reason``.
"""
