"""The demo seed: a promotion with three binômes at different stages, created once."""

import pytest

from lms.binomes.models import Binome, Evaluation, Milestone, PairingThemes
from lms.demo.binomes_seed import demo_binomes_seed
from lms.demo.services import demo_seed

pytestmark = pytest.mark.django_db


def test_the_demo_promotion_has_three_binomes_at_different_stages(curricula_index):
    demo_seed()

    lines = demo_binomes_seed()

    assert len(lines) == 3
    statuses = sorted(Binome.objects.values_list("status", flat=True))
    assert statuses == sorted(
        [Binome.Status.FORMING, Binome.Status.ACTIVE, Binome.Status.COMPLETED]
    )
    active = Binome.objects.get(status=Binome.Status.ACTIVE)
    assert active.civil_servant.email == "claire.martin@demo.insp.gouv.fr"
    assert Milestone.objects.filter(project__binome=active).count() == 3
    completed = Binome.objects.get(status=Binome.Status.COMPLETED)
    assert completed.project.completed_at is not None
    assert sorted(Evaluation.objects.filter(binome=completed).values_list("role", flat=True)) == [
        "member",
        "member",
        "trainer",
    ]

    # Every paired learner declared themes first.
    assert PairingThemes.objects.filter(promotion=active.promotion).count() == 6
    assert "alimentation" in PairingThemes.objects.get(learner=active.civil_servant).theme_set

    assert demo_binomes_seed() == []
    assert Binome.objects.count() == 3


def test_the_command_seeds_the_binomes(settings, curricula_index):
    from io import StringIO

    from django.core.management import call_command

    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    assert Binome.objects.count() == 3
    assert Binome.objects.filter(status=Binome.Status.COMPLETED).count() == 1
