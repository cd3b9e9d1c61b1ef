"""Report screens and exports in the Wagtail admin, through real requests.

Exports take the screen's query string and hold the same header and rows; CSV is streamed
(UTF-8 with BOM, ``;``), XLSX opens with openpyxl; text a spreadsheet would evaluate is
neutralised with a leading ``'``.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.http import StreamingHttpResponse
from django.test import Client, RequestFactory
from wagtail.admin.menu import reports_menu

from lms.audit.models import AuditEntry
from lms.reports.exports import neutralise
from lms.reports.selectors import completion_matrix
from lms.reports.tables import matrix_header, matrix_values

pytestmark = pytest.mark.django_db

MATRIX = "/admin/rapports/"
LEARNERS = "/admin/rapports/apprenants/"
TRIGGERS = ("=", "+", "-", "@")


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def learner_url(learner) -> str:
    return f"{LEARNERS}{learner.pk}/"


def screen(response) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the report table, as texts (« — » read as empty)."""
    assert response.status_code == 200
    table = BeautifulSoup(response.content, "html.parser").find("table", id="report-table")
    if table is None:
        return [], []
    header = [th.get_text(strip=True) for th in table.find("thead").find_all("th")]
    rows = [
        ["" if (text := td.get_text(strip=True)) == "—" else text for td in tr.find_all("td")]
        for tr in table.find("tbody").find_all("tr")
    ]
    return header, rows


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def csv_table(response) -> tuple[list[str], list[list[str]]]:
    data = body(response)
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM"
    rows = list(csv.reader(io.StringIO(data[3:].decode("utf-8")), delimiter=";"))
    return rows[0], rows[1:]


def xlsx_table(response) -> tuple[list, list[list]]:
    workbook = openpyxl.load_workbook(io.BytesIO(body(response)), read_only=True)
    rows = [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    # Read-only mode ends a row at its last value: pad to the header's width.
    width = len(rows[0])
    return rows[0], [row + [None] * (width - len(row)) for row in rows[1:]]


def unneutralised(text: str) -> str:
    """What the screen shows for an exported text cell."""
    if text.startswith("'") and text[1:].startswith(TRIGGERS):
        return text[1:]
    return text


def same_cell(text: str, value) -> bool:
    """Whether a CSV cell and an XLSX cell hold the same datum."""
    if value is None:
        return text == ""
    if isinstance(value, datetime):
        return text == value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, int | float):
        return float(text.replace(",", ".")) == pytest.approx(value)
    return text == value


# Access ------------------------------------------------------------------------------------


def test_learners_never_see_the_reports(school, learner):
    client = signed_in(school.alice)

    for url in (MATRIX, f"{MATRIX}completion.csv", LEARNERS, learner_url(school.alice)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == "/"


def test_reviewers_are_refused(school, reviewer):
    client = signed_in(reviewer)

    for url in (MATRIX, f"{MATRIX}completion.xlsx", f"{LEARNERS}", learner_url(school.alice)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == "/admin/"


def test_the_menu_shows_the_reports_to_administrators_and_trainers(
    administrator, trainer, reviewer
):
    def names(user):
        request = RequestFactory().get("/admin/")
        request.user = user
        return {item.name for item in reports_menu.menu_items_for_request(request)}

    assert {"module-completion", "learners-progress"} <= names(administrator)
    assert {"module-completion", "learners-progress"} <= names(trainer)
    assert not {"module-completion", "learners-progress"} & names(reviewer)


# Matrix --------------------------------------------------------------------------------------


def test_the_matrix_page_shows_the_rows(school, administrator):
    header, rows = screen(signed_in(administrator).get(MATRIX))

    assert len(header) == 8
    assert [row[:6] for row in rows] == [
        ["CHESP 2026", school.association_curriculum.title, "Décider et financer", "4", "1", "3"],
        ["CHESP 2026", school.civil_servant_curriculum.title, school.c1.title, "1", "0", "0"],
        [
            "Lauréats La France s'engage 2026",
            school.association_curriculum.title,
            "Décider et financer",
            "2",
            "0",
            "2",
        ],
        [
            "Lauréats La France s'engage 2026",
            school.association_curriculum.title,
            "Évaluer une politique",
            "1",
            "1",
            "0",
        ],
    ]
    # % and median, whatever the decimal separator.
    assert [row[6].replace(",", ".") for row in rows] == ["75.0", "0.0", "100.0", "0.0"]
    assert [row[7].replace(",", ".") for row in rows] == ["4.0", "", "2.0", ""]


def test_the_matrix_page_filters_from_the_query_string(school, administrator):
    client = signed_in(administrator)

    _header, rows = screen(
        client.get(MATRIX, {"region": "84", "curriculum": school.association_curriculum.pk})
    )

    assert [(row[0], row[2], row[3]) for row in rows] == [
        ("CHESP 2026", "Décider et financer", "2"),
        ("Lauréats La France s'engage 2026", "Décider et financer", "2"),
    ]


def test_a_trainer_sees_only_their_promotion_rows(school, trainer):
    client = signed_in(trainer)

    _header, rows = screen(client.get(MATRIX))
    assert {row[0] for row in rows} == {"CHESP 2026"}
    # Another promotion is not even offered: the filter is refused, nothing is shown.
    _header, rows = screen(client.get(MATRIX, {"promotion": school.laureates.pk}))
    assert rows == []
    export = client.get(f"{MATRIX}completion.csv", {"promotion": school.laureates.pk})
    assert export.status_code == 400


@pytest.mark.parametrize(
    "query",
    [{}, {"audience": "civil_servants"}, {"region": "84"}, {"curriculum": "civil"}],
)
def test_the_matrix_exports_match_the_screen(school, administrator, query):
    if query.get("curriculum") == "civil":
        query = {"curriculum": school.civil_servant_curriculum.pk}
    client = signed_in(administrator)
    screen_header, screen_rows = screen(client.get(MATRIX, query))

    csv_response = client.get(f"{MATRIX}completion.csv", query)
    xlsx_response = client.get(f"{MATRIX}completion.xlsx", query)

    assert isinstance(csv_response, StreamingHttpResponse)
    assert csv_response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in csv_response["Content-Disposition"]
    header, rows = csv_table(csv_response)
    assert header == screen_header
    assert [[unneutralised(cell) for cell in row] for row in rows] == screen_rows
    assert rows, "the fixture gives each filter rows"

    assert xlsx_response.status_code == 200
    assert xlsx_response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    xlsx_header, xlsx_rows = xlsx_table(xlsx_response)
    assert xlsx_header == header
    assert len(xlsx_rows) == len(rows)
    for csv_row, xlsx_row in zip(rows, xlsx_rows, strict=True):
        assert all(same_cell(text, value) for text, value in zip(csv_row, xlsx_row, strict=True)), (
            csv_row,
            xlsx_row,
        )


def test_the_matrix_exports_neutralise_formulas(school, administrator):
    client = signed_in(administrator)
    query = {"curriculum": school.civil_servant_curriculum.pk}

    _header, rows = csv_table(client.get(f"{MATRIX}completion.csv", query))
    _header, xlsx_rows = xlsx_table(client.get(f"{MATRIX}completion.xlsx", query))

    assert rows[0][2] == "'=SOMME(1;2) Mesurer l'impact"
    assert xlsx_rows[0][2] == "'=SOMME(1;2) Mesurer l'impact"
    # The raw values: numbers stay numbers in the XLSX.
    matrix = completion_matrix(user=administrator, **{"curriculum_id": query["curriculum"]})
    assert xlsx_rows == [[neutralise(v) for v in matrix_values(row)] for row in matrix.rows]


def test_the_matrix_xlsx_header_is_the_screen_header(school, administrator):
    header, _rows = xlsx_table(signed_in(administrator).get(f"{MATRIX}completion.xlsx"))

    assert header == [neutralise(label) for label in matrix_header()]


# Learners ----------------------------------------------------------------------------------


def test_the_learners_page_drills_into_a_matrix_row(school, trainer):
    client = signed_in(trainer)
    page = BeautifulSoup(client.get(MATRIX).content, "html.parser")
    link = page.find("table", id="report-table").find("a", string="Décider et financer")

    _header, rows = screen(client.get(link["href"]))

    assert [(row[0], row[8]) for row in rows] == [
        ("Bernard", "Décider et financer"),
        ("Martin", "Décider et financer"),
        ("Moreau", "Décider et financer"),
        ("Petit", "Décider et financer"),
    ]


def test_the_learners_exports_match_the_screen_and_stay_in_the_trainers_promotions(school, trainer):
    client = signed_in(trainer)
    _screen_header, screen_rows = screen(client.get(LEARNERS))

    csv_response = client.get(f"{MATRIX}apprenants.csv")
    assert isinstance(csv_response, StreamingHttpResponse)
    header, rows = csv_table(csv_response)
    xlsx_header, xlsx_rows = xlsx_table(client.get(f"{MATRIX}apprenants.xlsx"))

    assert [[unneutralised(cell) for cell in row] for row in rows] == screen_rows
    assert len(rows) == 5
    assert {row[6] for row in rows} == {"CHESP 2026"}
    assert "dave@exemple.fr" not in {row[2] for row in rows}
    assert xlsx_header == header
    for csv_row, xlsx_row in zip(rows, xlsx_rows, strict=True):
        assert all(same_cell(text, value) for text, value in zip(csv_row, xlsx_row, strict=True)), (
            csv_row,
            xlsx_row,
        )


def test_the_learners_exports_neutralise_names_and_organisations(school, administrator):
    client = signed_in(administrator)
    query = {"promotion": school.chesp.pk, "module": school.a1.pk}

    _header, rows = csv_table(client.get(f"{MATRIX}apprenants.csv", query))
    _header, xlsx_rows = xlsx_table(client.get(f"{MATRIX}apprenants.xlsx", query))

    bob = next(row for row in rows if row[0] == "Bernard")
    assert bob[1] == "'-Bob"
    assert bob[3] == "'=cmd|' /C calc'!A0"
    bob = next(row for row in xlsx_rows if row[0] == "Bernard")
    assert bob[1] == "'-Bob"
    assert bob[3] == "'=cmd|' /C calc'!A0"
    # No cell of either export starts with a formula trigger.
    for row in rows + xlsx_rows:
        assert not any(isinstance(c, str) and c.startswith(TRIGGERS) for c in row), row


def test_exports_refuse_unknown_formats(school, administrator):
    response = signed_in(administrator).get(f"{MATRIX}completion.pdf", follow=True)

    assert response.status_code == 404


# Learner detail ----------------------------------------------------------------------------


def test_the_learner_detail_shows_progress_and_the_audit_trail_most_recent_first(
    school, administrator
):
    response = signed_in(administrator).get(learner_url(school.frank))

    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert [li.get_text(strip=True) for li in page.select("#learner-promotion-list li")] == [
        "CHESP 2026",
        "Lauréats La France s'engage 2026",
    ]
    modules = page.select("#learner-module-table tbody tr")
    assert [(tr["data-module"], tr["data-status"]) for tr in modules] == [
        (str(school.a1.pk), "completed")
    ]
    actions = [tr["data-action"] for tr in page.select("#learner-audit-table tbody tr")]
    expected = AuditEntry.objects.filter(learner=school.frank).order_by("-created_at", "-pk")
    assert actions == [entry.action for entry in expected]
    assert actions[0] == "module.completed"
    assert actions[-1] == "promotion.member_added"


def test_a_trainer_gets_404_for_a_learner_of_another_promotion(school, trainer):
    client = signed_in(trainer)

    assert client.get(learner_url(school.dave)).status_code == 404
    assert client.get(learner_url(school.frank)).status_code == 200
    assert client.get(f"{LEARNERS}999999/").status_code == 404


def test_the_learners_page_links_to_the_detail(school, trainer):
    client = signed_in(trainer)
    page = BeautifulSoup(client.get(LEARNERS).content, "html.parser")

    links = {a["href"] for a in page.select("#report-table tbody a")}

    assert learner_url(school.alice) in links
    assert learner_url(school.dave) not in links
