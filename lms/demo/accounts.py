"""The demo accounts, one per role, and their shared demo password.

The password is a well-known demo value printed by ``seed_demo``: it is why the command
refuses to run when ``DEBUG`` is off unless forced.
"""

from django.utils.translation import gettext_lazy as _

from lms.accounts import roles
from lms.demo.specs import AccountSpec

DEMO_PASSWORD = "demo-fpse-2026"  # noqa: S105 - a published demo value, not a secret

DEMO_ACCOUNTS: tuple[AccountSpec, ...] = (
    AccountSpec(
        email="claire.martin@demo.insp.gouv.fr",
        first_name="Claire",
        last_name="Martin",
        role=roles.LEARNERS,
        label=_("Learner, senior civil servant (CHESP)"),
    ),
    AccountSpec(
        email="karim.benali@demo.asso.fr",
        first_name="Karim",
        last_name="Benali",
        role=roles.LEARNERS,
        label=_("Learner, association leader (La France s'engage laureate)"),
    ),
    AccountSpec(
        email="sophie.lefevre@demo.insp.gouv.fr",
        first_name="Sophie",
        last_name="Lefèvre",
        role=roles.TRAINERS,
        label=_("Trainer (INSP)"),
    ),
    AccountSpec(
        email="thomas.nguyen@demo.insp.gouv.fr",
        first_name="Thomas",
        last_name="Nguyen",
        role=roles.REVIEWERS,
        label=_("Reviewer"),
    ),
    AccountSpec(
        email="helene.dubois@demo.insp.gouv.fr",
        first_name="Hélène",
        last_name="Dubois",
        role=roles.ADMINISTRATORS,
        label=_("Administrator (INSP / DIESE)"),
    ),
)
"""Pages are authored by the first trainer and published by the first reviewer listed here."""
