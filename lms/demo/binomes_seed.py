"""Demo binômes: three pairs of the demo promotion at different stages, made through the
services (forming; project in progress with milestones; completed and evaluated).

The demo learners Claire and Karim form the binôme in progress, so that signing in as one
of them shows a project to work on. The four other learners exist only as demo data: their
passwords are unusable. Only done once: a promotion that already has binômes is left as
it is.
"""

from __future__ import annotations

from datetime import date
from typing import TextIO

from django.db import transaction
from django.utils.translation import gettext as _

from curriculum.models import Audience
from lms.accounts import roles
from lms.accounts.models import User
from lms.binomes.errors import BinomeError
from lms.binomes.models import Binome, EvaluationCriterion
from lms.binomes.services import (
    binome_create,
    criterion_add,
    evaluation_submit,
    milestone_add,
    milestone_set_done,
    pairing_themes_set,
    project_complete,
    project_update,
)
from lms.demo.accounts import DEMO_ACCOUNTS
from lms.demo.learning import PROMOTION_NAME
from lms.demo.services import DemoSeedError
from lms.people.models import Promotion
from lms.people.services import learner_profile_update, promotion_add_members

CRITERIA = (
    (
        "Pragmatisme de la solution",
        "La solution est concrète, réalisable avec les moyens disponibles.",
    ),
    (
        "Adéquation aux besoins du terrain",
        "Le projet répond à un besoin constaté auprès des personnes concernées.",
    ),
    (
        "Compréhension mutuelle",
        "Chacun a compris les contraintes, les temporalités et la culture de l'autre.",
    ),
)

# email → (first name, last name, audience, organisation, région, département)
EXTRA_LEARNERS = {
    "julien.roux@demo.insp.gouv.fr": (
        "Julien",
        "Roux",
        Audience.CIVIL_SERVANTS,
        "Direction départementale de l'emploi, du travail et des solidarités de la Gironde",
        "75",
        "33",
    ),
    "amina.traore@demo.asso.fr": (
        "Amina",
        "Traoré",
        Audience.ASSOCIATION_LEADERS,
        "Association Cap Emploi Bordeaux",
        "75",
        "33",
    ),
    "marc.lambert@demo.insp.gouv.fr": (
        "Marc",
        "Lambert",
        Audience.CIVIL_SERVANTS,
        "Préfecture de la région Bretagne",
        "53",
        "35",
    ),
    "lea.morel@demo.asso.fr": (
        "Léa",
        "Morel",
        Audience.ASSOCIATION_LEADERS,
        "Réseau Mobilités solidaires",
        "53",
        "29",
    ),
}

# Themes the learners declared before pairing (they steer the suggested pairing).
THEMES = {
    "claire.martin@demo.insp.gouv.fr": "alimentation, démarches administratives",
    "karim.benali@demo.asso.fr": "alimentation, jardins partagés",
    "julien.roux@demo.insp.gouv.fr": "insertion, jeunesse",
    "amina.traore@demo.asso.fr": "insertion, emploi",
    "marc.lambert@demo.insp.gouv.fr": "mobilité, ruralité",
    "lea.morel@demo.asso.fr": "mobilité",
}

PAIRS = (
    ("claire.martin@demo.insp.gouv.fr", "karim.benali@demo.asso.fr"),
    ("julien.roux@demo.insp.gouv.fr", "amina.traore@demo.asso.fr"),
    ("marc.lambert@demo.insp.gouv.fr", "lea.morel@demo.asso.fr"),
)


def _demo_user(role: str) -> User | None:
    emails = [spec.email for spec in DEMO_ACCOUNTS if spec.role == role]
    return User.objects.filter(email__in=emails).order_by("pk").first()


def _extra_learner(email: str, *, administrator) -> User:
    first_name, last_name, audience, organisation, region, departement = EXTRA_LEARNERS[email]
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, first_name=first_name, last_name=last_name)
        user.set_unusable_password()
        user.save(update_fields=["password"])
    learner_profile_update(
        user=user,
        actor=administrator,
        audience=audience,
        organisation=organisation,
        region=region,
        departement=departement,
    )
    return user


def _in_progress(binome: Binome, *, civil_servant, association_leader) -> None:
    project_update(
        binome=binome,
        by=civil_servant,
        title="Un guichet unique pour les jardins partagés de Strasbourg",
        problem=(
            "Les associations qui créent des jardins partagés doivent s'adresser à quatre "
            "services différents pour obtenir un terrain, l'eau et une subvention."
        ),
        territory="67",
        partners="Eurométropole de Strasbourg, DDT du Bas-Rhin",
    )
    diagnosis = milestone_add(
        binome=binome,
        by=association_leader,
        title="Diagnostic des démarches",
        due_on=date(2026, 3, 6),
    )
    milestone_set_done(milestone=diagnosis, by=association_leader, done=True)
    milestone_add(
        binome=binome, by=civil_servant, title="Atelier avec les services", due_on=date(2026, 4, 17)
    )
    milestone_add(
        binome=binome, by=civil_servant, title="Proposition au préfet", due_on=date(2026, 6, 12)
    )


def _completed(binome: Binome, *, civil_servant, association_leader, trainer) -> None:
    project_update(
        binome=binome,
        by=association_leader,
        title="Parcours d'insertion des jeunes décrocheurs en Gironde",
        problem="Les jeunes sortis du système scolaire sans diplôme échappent aux dispositifs.",
        territory="33",
        partners="Mission locale de Bordeaux, Conseil départemental de la Gironde",
    )
    step = milestone_add(
        binome=binome, by=civil_servant, title="Repérage des jeunes", due_on=date(2026, 2, 27)
    )
    milestone_set_done(milestone=step, by=civil_servant, done=True)
    project_complete(binome=binome, by=trainer)
    criteria = list(EvaluationCriterion.objects.filter(promotion=binome.promotion))
    for person, scores in (
        (civil_servant, (4, 3, 4)),
        (association_leader, (3, 4, 3)),
        (trainer, (4, 4, 3)),
    ):
        evaluation_submit(
            binome=binome,
            by=person,
            answers={
                criterion.pk: (score, "")
                for criterion, score in zip(criteria, scores, strict=False)
            },
        )


def demo_binomes_seed(*, stdout: TextIO | None = None) -> list[str]:
    """Create the demo promotion's evaluation grid and three binômes when it has none.

    Runs after :func:`lms.demo.services.demo_seed` (it needs the demo promotion and
    accounts); returns lines to print (also written to ``stdout`` when given).
    """
    promotion = Promotion.objects.filter(name=PROMOTION_NAME, year=2026).first()
    trainer = _demo_user(roles.TRAINERS)
    administrator = _demo_user(roles.ADMINISTRATORS)
    if promotion is None or trainer is None or administrator is None:
        return []
    if Binome.objects.filter(promotion=promotion).exists():
        return []
    try:
        lines = _binomes_seed(promotion=promotion, trainer=trainer, administrator=administrator)
    except BinomeError as error:
        raise DemoSeedError(error.message) from error
    for line in lines:
        if stdout is not None:
            stdout.write(f"{line}\n")
    return lines


def _binomes_seed(*, promotion, trainer, administrator) -> list[str]:
    lines = []
    with transaction.atomic():
        if not EvaluationCriterion.objects.filter(promotion=promotion).exists():
            for label, description in CRITERIA:
                criterion_add(
                    promotion=promotion, by=administrator, label=label, description=description
                )
        extras = [_extra_learner(email, administrator=administrator) for email in EXTRA_LEARNERS]
        promotion_add_members(promotion=promotion, learners=extras, by=administrator)
        users = {user.email: user for user in User.objects.filter(email__in=sum(PAIRS, ()))}
        for email, themes in THEMES.items():
            pairing_themes_set(promotion=promotion, learner=users[email], themes=themes)
        binomes = [
            binome_create(promotion=promotion, first=users[first], second=users[second], by=trainer)
            for first, second in PAIRS
        ]
        _in_progress(
            binomes[0], civil_servant=users[PAIRS[0][0]], association_leader=users[PAIRS[0][1]]
        )
        _completed(
            binomes[1],
            civil_servant=users[PAIRS[1][0]],
            association_leader=users[PAIRS[1][1]],
            trainer=trainer,
        )
        for binome in binomes:
            binome.refresh_from_db()
            lines.append(
                _("Created binôme %(binome)s (%(status)s).")
                % {"binome": binome, "status": binome.get_status_display()}
            )
    return lines
