"""Who may import learners: holders of ``imports.add_importbatch`` (the *Administrateurs*)."""

from __future__ import annotations

IMPORT_PERMISSION = "imports.add_importbatch"


def user_can_import(user) -> bool:
    """Active users with the import permission (or superusers)."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and user.has_perm(IMPORT_PERMISSION)
    )
