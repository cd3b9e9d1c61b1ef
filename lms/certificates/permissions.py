"""Who may issue, revoke and see certificates, and manage their templates.

Permissions come from the roles (:mod:`lms.accounts.roles`): *Administrateurs* hold them;
staff status alone gives nothing.
"""

from __future__ import annotations

ISSUE_PERMISSION = "certificates.add_certificate"
REVOKE_PERMISSION = "certificates.change_certificate"
VIEW_PERMISSION = "certificates.view_certificate"
TEMPLATE_PERMISSION = "certificates.change_certificatetemplate"


def _active(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def user_can_issue_certificates(user) -> bool:
    """Issue and re-issue certificates (``certificates.add_certificate``)."""
    return _active(user) and user.has_perm(ISSUE_PERMISSION)


def user_can_revoke_certificates(user) -> bool:
    """Revoke certificates (``certificates.change_certificate``)."""
    return _active(user) and user.has_perm(REVOKE_PERMISSION)


def user_can_view_certificates(user) -> bool:
    """List every certificate in the admin (``certificates.view_certificate``)."""
    return _active(user) and user.has_perm(VIEW_PERMISSION)


def user_can_manage_templates(user) -> bool:
    """Create and edit certificate templates, and preview them."""
    return _active(user) and user.has_perm(TEMPLATE_PERMISSION)
