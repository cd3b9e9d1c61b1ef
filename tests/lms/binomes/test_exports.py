"""The evaluation report per binôme and overall, and its CSV and XLSX exports."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from curriculum.models import Audience
from lms.binomes.services import (
    binome_create,
    evaluation_submit,
    project_complete,
    project_update,
)
from tests.lms.binomes.conftest import answers_for, make_learner

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluated(promotion, binome, civil_servant, association_leader, trainer, criteria):
    """One binôme evaluated (members 4 and 2, trainer 3), one with no evaluation."""
    project_update(
        binome=binome,
        by=civil_servant,
        title="=Tiers-lieu",
        problem="",
        territory="",
        partners="",
    )
    project_complete(binome=binome, by=trainer)
    evaluation_submit(binome=binome, by=civil_servant, answers=answers_for(criteria, 4))
    evaluation_submit(binome=binome, by=association_leader, answers=answers_for(criteria, 2))
    evaluation_submit(binome=binome, by=trainer, answers=answers_for(criteria, 3))
    binome_create(
        promotion=promotion,
        first=make_learner(
            audience=Audience.CIVIL_SERVANTS,
            promotion=promotion,
            first_name="Zoé",
            last_name="Zola",
        ),
        second=make_learner(audience=Audience.ASSOCIATION_LEADERS, promotion=promotion),
        by=trainer,
    )
    return binome


def test_the_csv_holds_one_row_per_binome_and_the_overall_row(client, evaluated, trainer, criteria):
    client.force_login(trainer)
    response = client.get(reverse("binomes:report_export", args=(evaluated.promotion_id, "csv")))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))

    assert rows[0][4:7] == [criterion.label for criterion in criteria]
    assert len(rows) == 1 + 2 + 1
    evaluated_row = next(row for row in rows[1:] if row[1] == "'=Tiers-lieu")
    assert evaluated_row[3] == "3"
    assert evaluated_row[4:8] == ["3,0", "3,0", "3,0", "3,0"]
    empty_row = next(row for row in rows[1:-1] if "Zola" in row[0])
    assert empty_row[3] == "0"
    assert empty_row[4:8] == ["", "", "", ""]
    assert rows[-1][3] == "3"
    assert rows[-1][7] == "3,0"


def test_the_xlsx_holds_the_same_numbers(client, evaluated, administrator, criteria):
    client.force_login(administrator)
    response = client.get(reverse("binomes:report_export", args=(evaluated.promotion_id, "xlsx")))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert list(rows[0][4:7]) == [criterion.label for criterion in criteria]
    evaluated_row = next(row for row in rows[1:] if row[1] == "'=Tiers-lieu")
    assert evaluated_row[3] == 3
    assert list(evaluated_row[4:8]) == [3.0, 3.0, 3.0, 3.0]
    assert rows[-1][7] == 3.0


def test_exports_are_for_staff_only(client, evaluated, civil_servant, other_trainer):
    for person in (civil_servant, other_trainer):
        client.force_login(person)
        url = reverse("binomes:report_export", args=(evaluated.promotion_id, "csv"))
        assert client.get(url).status_code == 404


def test_the_report_page_shows_the_means(client, evaluated, trainer):
    client.force_login(trainer)
    response = client.get(reverse("binomes:report", args=(evaluated.promotion_id,)))
    rows = response.context["rows"]
    assert rows[-1].overall == 3.0
    assert [row.evaluations for row in rows] == [3, 0, 3]
