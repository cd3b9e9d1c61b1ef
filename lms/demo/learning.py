"""Demo learning activity: a promotion with both demo learners, enrolments and progress.

Everything goes through the services (profiles, promotions, enrolment, progress), as if the
learners had used the site, so the dashboard and the admin show plausible data. Only done
once: a learner who already has enrolments is left as they are.
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from curriculum.models import Audience, CurriculumPage, LessonPage, ModulePage
from lms.enrolment.models import Enrolment
from lms.enrolment.services import enrolment_create
from lms.people.models import Promotion
from lms.people.services import learner_profile_update, promotion_add_members, promotion_create
from lms.progress.services import lesson_mark_done, lesson_open

PROMOTION_NAME = "CHESP 2026 – La fonction publique s'engage"

# email → (audience, organisation, région, département)
LEARNERS = {
    "claire.martin@demo.insp.gouv.fr": (
        Audience.CIVIL_SERVANTS,
        "Préfecture de la région Grand Est",
        "44",
        "67",
    ),
    "karim.benali@demo.asso.fr": (
        Audience.ASSOCIATION_LEADERS,
        "Association Les Jardins partagés d'Occitanie",
        "76",
        "31",
    ),
}


def demo_learning_seed(*, learners: dict, trainer, administrator) -> list[str]:
    """Create the demo promotion, profiles, enrolments and progress when missing.

    ``learners`` maps the demo learners' e-mails to their users. Returns lines to print.
    """
    lines: list[str] = []
    promotion = Promotion.objects.filter(name=PROMOTION_NAME, year=2026).first()
    if promotion is None:
        promotion = promotion_create(
            name=PROMOTION_NAME,
            year=2026,
            starts_on=date(2026, 1, 12),
            ends_on=date(2026, 12, 18),
            trainers=[trainer],
            by=administrator,
        )
        lines.append(_("Created promotion “%(name)s”.") % {"name": PROMOTION_NAME})
    promotion_add_members(promotion=promotion, learners=list(learners.values()), by=administrator)

    for email, user in learners.items():
        audience, organisation, region, departement = LEARNERS[email]
        if Enrolment.objects.filter(learner=user).exists():
            continue
        learner_profile_update(
            user=user,
            actor=administrator,
            organisation=organisation,
            audience=audience,
            region=region,
            departement=departement,
        )
        curriculum = CurriculumPage.objects.live().filter(audience=audience).first()
        if curriculum is None:
            continue
        modules = list(ModulePage.objects.child_of(curriculum).live().order_by("path"))
        for module in modules[:3]:
            enrolment_create(
                learner=user,
                module=module,
                source=Enrolment.Source.PROMOTION,
                by=administrator,
            )
        # The first module done, the second started: the dashboard has something to show.
        for lesson in LessonPage.objects.child_of(modules[0]).live().order_by("path"):
            lesson_open(learner=user, lesson=lesson)
            lesson_mark_done(learner=user, lesson=lesson)
        first_of_second = LessonPage.objects.child_of(modules[1]).live().order_by("path").first()
        if first_of_second is not None:
            lesson_open(learner=user, lesson=first_of_second)
            lesson_mark_done(learner=user, lesson=first_of_second)
        lines.append(
            _("Enrolled %(learner)s in %(count)d modules of “%(curriculum)s”, with progress.")
            % {
                "learner": user.get_full_name(),
                "count": min(3, len(modules)),
                "curriculum": curriculum.title,
            }
        )
    return lines
