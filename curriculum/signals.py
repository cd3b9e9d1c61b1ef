"""Signals of the curricula, an extension API for other apps.

Each is sent after the transaction that made the change has committed.
"""

from django.dispatch import Signal

mirror_pair_saved = Signal()
"""A mirror pair was created or changed.

Arguments: ``sender`` (:class:`~curriculum.models.MirrorPair`), ``pair`` (the pair),
``created`` (bool), ``user`` (who did it, or ``None`` for scripts).
"""

mirror_pair_deleted = Signal()
"""A mirror pair was removed by the mirror services (not by deleting a module).

Arguments: ``sender`` (:class:`~curriculum.models.MirrorPair`), ``association_module_id``,
``civil_servant_module_id``, ``user``.
"""
