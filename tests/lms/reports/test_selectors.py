"""The completion matrix and a learner's detail: counts, %, median days, filters, scope."""

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from curriculum.models import Audience
from lms.audit.models import AuditEntry
from lms.progress.models import ProgressStatus
from lms.reports.selectors import completion_matrix, learner_detail, learner_rows

pytestmark = pytest.mark.django_db


def table(matrix) -> list[tuple]:
    """The matrix as (promotion, module, enrolled, in progress, completed, %, median)."""
    return [
        (
            row.promotion.name,
            row.module_title,
            row.enrolled,
            row.in_progress,
            row.completed,
            row.percent_completed,
            row.median_days,
        )
        for row in matrix.rows
    ]


CHESP = "CHESP 2026"
LAUREATES = "Lauréats La France s'engage 2026"
A1 = "Décider et financer"
A2 = "Évaluer une politique"
C1 = "=SOMME(1;2) Mesurer l'impact"


def test_the_matrix_counts_enrolled_in_progress_completed_with_percent_and_median(
    school, administrator
):
    matrix = completion_matrix(user=administrator)

    assert table(matrix) == [
        # Alice 4 days, Bob 10, Frank 1.5; Carol in progress.
        (CHESP, A1, 4, 1, 3, 75.0, 4.0),
        # Carol's withdrawn enrolment in A2 is not counted: no row.
        (CHESP, C1, 1, 0, 0, 0.0, None),
        # Frank counts in both of his promotions; Dave 2.5 days, Frank 1.5.
        (LAUREATES, A1, 2, 0, 2, 100.0, 2.0),
        (LAUREATES, A2, 1, 1, 0, 0.0, None),
    ]
    assert [row.curriculum_title for row in matrix.rows] == [
        school.association_curriculum.title,
        school.civil_servant_curriculum.title,
        school.association_curriculum.title,
        school.association_curriculum.title,
    ]
    assert matrix.rows[1].not_started == 1


def test_the_matrix_takes_a_bounded_number_of_queries(school, administrator):
    with CaptureQueriesContext(connection) as small:
        completion_matrix(user=administrator)
    with CaptureQueriesContext(connection) as filtered:
        completion_matrix(
            user=administrator, curriculum_id=school.association_curriculum.pk, region="84"
        )

    # Promotions, curricula, counts, completion dates, modules (+ the curriculum filter),
    # and the user's groups once.
    assert len(small) <= 6
    assert len(filtered) <= 7


def test_filter_by_promotion(school, administrator):
    matrix = completion_matrix(user=administrator, promotion_ids=[school.laureates.pk])

    assert [(name, module) for name, module, *_ in table(matrix)] == [
        (LAUREATES, A1),
        (LAUREATES, A2),
    ]


def test_filter_by_audience(school, administrator):
    matrix = completion_matrix(user=administrator, audience=Audience.CIVIL_SERVANTS)

    assert table(matrix) == [
        (CHESP, A1, 2, 1, 1, 50.0, 4.0),  # Alice and Carol
        (CHESP, C1, 1, 0, 0, 0.0, None),
        (LAUREATES, A2, 1, 1, 0, 0.0, None),  # Erin
    ]


def test_filter_by_territory(school, administrator):
    matrix = completion_matrix(user=administrator, region="84")

    assert table(matrix) == [
        (CHESP, A1, 2, 0, 2, 100.0, 2.8),  # Alice 4 days, Frank 1.5: median 2.75
        (CHESP, C1, 1, 0, 0, 0.0, None),
        (LAUREATES, A1, 2, 0, 2, 100.0, 2.0),
    ]


def test_filter_by_curriculum(school, administrator):
    matrix = completion_matrix(user=administrator, curriculum_id=school.civil_servant_curriculum.pk)

    assert table(matrix) == [(CHESP, C1, 1, 0, 0, 0.0, None)]


def test_filters_combine(school, administrator):
    matrix = completion_matrix(
        user=administrator,
        promotion_ids=[school.chesp.pk],
        audience=Audience.ASSOCIATION_LEADERS,
        curriculum_id=school.association_curriculum.pk,
    )

    assert table(matrix) == [(CHESP, A1, 2, 0, 2, 100.0, 5.8)]  # Bob 10, Frank 1.5


def test_a_trainer_sees_only_the_promotions_they_follow(school, trainer, other_trainer):
    assert {row.promotion.name for row in completion_matrix(user=trainer).rows} == {CHESP}
    assert {row.promotion.name for row in completion_matrix(user=other_trainer).rows} == {LAUREATES}
    # Asking for another promotion gives nothing rather than its rows.
    assert completion_matrix(user=trainer, promotion_ids=[school.laureates.pk]).rows == []


def test_learners_and_reviewers_get_an_empty_matrix(school, learner, reviewer):
    assert completion_matrix(user=learner).rows == []
    assert completion_matrix(user=reviewer).rows == []


def test_learner_rows_list_each_learner_module_and_promotion(school, trainer, administrator):
    rows = list(learner_rows(user=trainer).rows())

    assert [(row.promotion_name, row.last_name, row.module_title) for row in rows] == [
        (CHESP, "Bernard", A1),
        (CHESP, "Martin", A1),
        (CHESP, "Martin", C1),
        (CHESP, "Moreau", A1),
        (CHESP, "Petit", A1),
    ]
    carol = rows[-1]
    assert carol.status == ProgressStatus.IN_PROGRESS
    assert carol.completed_at is None
    alice_c1 = rows[2]
    assert alice_c1.status == ProgressStatus.NOT_STARTED
    bob = rows[0]
    assert bob.organisation.startswith("=cmd")
    assert bob.completed_at is not None
    # Administrators get Frank twice, once per promotion.
    everyone = list(learner_rows(user=administrator, module_id=school.a1.pk).rows())
    assert [row.last_name for row in everyone].count("Moreau") == 2
    assert len(everyone) == 6


def test_learner_rows_match_the_matrix(school, administrator):
    matrix = completion_matrix(user=administrator, region="84")
    rows = list(learner_rows(user=administrator, region="84").rows())

    for line in matrix.rows:
        mine = [
            row
            for row in rows
            if row.promotion_id == line.promotion.pk and row.module_id == line.module_id
        ]
        assert len(mine) == line.enrolled
        assert sum(row.status == ProgressStatus.COMPLETED for row in mine) == line.completed


def test_learner_detail_shows_profile_promotions_progress_and_audit(school, administrator):
    detail = learner_detail(user=administrator, learner=school.frank)

    assert detail.profile.region == "84"
    assert [promotion.name for promotion in detail.promotions] == [CHESP, LAUREATES]
    assert [(line.module.title, line.status) for line in detail.modules] == [
        (A1, ProgressStatus.COMPLETED)
    ]
    entries = list(detail.audit)
    assert entries == list(
        AuditEntry.objects.filter(learner=school.frank).order_by("-created_at", "-pk")
    )
    assert entries[0].action == "module.completed"
    assert {"enrolment.created", "promotion.member_added"} <= {e.action for e in entries}


def test_learner_detail_keeps_trainers_to_their_promotions(school, trainer):
    with pytest.raises(Http404):
        learner_detail(user=trainer, learner=school.dave)

    detail = learner_detail(user=trainer, learner=school.frank)
    # Frank's other promotion is not the trainer's business.
    assert [promotion.name for promotion in detail.promotions] == [CHESP]


def test_learner_detail_shows_withdrawn_enrolments(school, administrator):
    detail = learner_detail(user=administrator, learner=school.carol)

    assert [(line.module.title, line.enrolment.status) for line in detail.modules] == [
        (A1, "active"),
        (A2, "withdrawn"),
    ]
