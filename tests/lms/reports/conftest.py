"""Fixtures of the report tests: two promotions mixing both audiences, three modules, and
enrolments and progress made through the services at known dates.

« CHESP 2026 » (followed by ``trainer``): Alice (civil servant, 84), Bob (association, 11),
Carol (civil servant, 11), Frank (association, 84, also in the other promotion).
« Lauréats La France s'engage 2026 » (followed by ``other_trainer``): Dave (association,
84), Erin (civil servant, 32), Frank.

Enrolled on T0 (2026-01-05 09:00, Paris):
- A1 « Décider et financer » (association curriculum): Alice, Bob, Carol, Frank, Dave;
  completed by Alice after 4 days, Bob after 10, Frank after 1.5, Dave after 2.5; Carol
  has done one lesson of two.
- A2 « Évaluer une politique » (association curriculum): Erin (one lesson done); Carol,
  withdrawn (not counted).
- C1 « =SOMME(1;2) Mesurer l'impact » (civil servant curriculum, a title a spreadsheet
  would evaluate): Alice, not started.
"""

from __future__ import annotations

import zoneinfo
from datetime import datetime, timedelta
from types import SimpleNamespace

import pytest

from curriculum.models import Audience
from lms.accounts import roles
from lms.enrolment.models import Enrolment
from lms.enrolment.services import enrolment_create, enrolment_withdraw
from lms.people.models import LearnerProfile
from lms.people.services import promotion_add_members, promotion_create
from lms.progress.services import lesson_mark_done
from tests.factories import UserFactory

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Paris"))
MALICIOUS_ORGANISATION = "=cmd|' /C calc'!A0"


@pytest.fixture
def other_trainer(db):
    return UserFactory(
        email="formateur2@insp.gouv.fr",
        first_name="Paul",
        last_name="Durand",
        roles=[roles.TRAINERS],
    )


def _learner(first_name, last_name, *, audience, region, organisation="Préfecture"):
    user = UserFactory(
        email=f"{first_name.lstrip('-').lower()}@exemple.fr",
        first_name=first_name,
        last_name=last_name,
        roles=[roles.LEARNERS],
    )
    LearnerProfile.objects.create(
        user=user, audience=audience, region=region, organisation=organisation
    )
    return user


def _module(module_factory, lesson_factory, parent, title):
    module = module_factory(parent=parent, title=title)
    module.lessons = [lesson_factory(parent=module, title=f"{title} – leçon {n}") for n in (1, 2)]
    return module


def _complete(learner, module, *, days: float):
    at = T0 + timedelta(days=days)
    for lesson in module.lessons:
        lesson_mark_done(learner=learner, lesson=lesson, at=at)


@pytest.fixture
def school(
    association_curriculum,
    civil_servant_curriculum,
    module_factory,
    lesson_factory,
    administrator,
    trainer,
    other_trainer,
):
    """The state described in this module's docstring."""
    a1 = _module(module_factory, lesson_factory, association_curriculum, "Décider et financer")
    a2 = _module(module_factory, lesson_factory, association_curriculum, "Évaluer une politique")
    c1 = _module(
        module_factory, lesson_factory, civil_servant_curriculum, "=SOMME(1;2) Mesurer l'impact"
    )
    cs, al = Audience.CIVIL_SERVANTS, Audience.ASSOCIATION_LEADERS
    alice = _learner("Alice", "Martin", audience=cs, region="84")
    bob = _learner("-Bob", "Bernard", audience=al, region="11", organisation=MALICIOUS_ORGANISATION)
    carol = _learner("Carol", "Petit", audience=cs, region="11")
    frank = _learner("Frank", "Moreau", audience=al, region="84")
    dave = _learner("Dave", "Leroy", audience=al, region="84")
    erin = _learner("Erin", "Roux", audience=cs, region="32")
    chesp = promotion_create(name="CHESP 2026", year=2026, trainers=[trainer], by=administrator)
    laureates = promotion_create(
        name="Lauréats La France s'engage 2026", year=2026, trainers=[other_trainer]
    )
    promotion_add_members(promotion=chesp, learners=[alice, bob, carol, frank])
    promotion_add_members(promotion=laureates, learners=[dave, erin, frank])

    def enrol(learner, module):
        return enrolment_create(
            learner=learner, module=module, source=Enrolment.Source.ADMINISTRATOR, at=T0
        )

    for learner in (alice, bob, carol, frank, dave):
        enrol(learner, a1)
    enrol(erin, a2)
    enrolment_withdraw(enrolment=enrol(carol, a2), at=T0 + timedelta(days=1))
    enrol(alice, c1)

    _complete(alice, a1, days=4)
    _complete(bob, a1, days=10)
    _complete(frank, a1, days=1.5)
    _complete(dave, a1, days=2.5)
    lesson_mark_done(learner=carol, lesson=a1.lessons[0], at=T0 + timedelta(days=1))
    lesson_mark_done(learner=erin, lesson=a2.lessons[0], at=T0 + timedelta(days=1))

    return SimpleNamespace(
        a1=a1,
        a2=a2,
        c1=c1,
        chesp=chesp,
        laureates=laureates,
        alice=alice,
        bob=bob,
        carol=carol,
        frank=frank,
        dave=dave,
        erin=erin,
        association_curriculum=association_curriculum,
        civil_servant_curriculum=civil_servant_curriculum,
    )
