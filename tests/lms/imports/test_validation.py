"""Checking rows: per-row errors, and what people may write for audience, territory, promotion."""

import pytest

from curriculum.models import Audience
from lms.imports.matching import Territory, TerritoryError, audience_match, fold, territory_match
from lms.imports.parsing import RawRow
from lms.imports.validation import rows_validate
from lms.people.models import Promotion
from tests.factories import UserFactory


def raw(line: int = 2, **values) -> RawRow:
    return RawRow(line=line, values={"email": "", **values})


def test_fold_ignores_accents_case_and_punctuation():
    assert fold("  Île-de-France ") == "ile de france"
    assert fold("PRÉNOM") == "prenom"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("haut fonctionnaire", Audience.CIVIL_SERVANTS),
        ("Haute fonctionnaire", Audience.CIVIL_SERVANTS),
        ("HAUTS FONCTIONNAIRES", Audience.CIVIL_SERVANTS),
        ("civil_servants", Audience.CIVIL_SERVANTS),
        ("dirigeant associatif", Audience.ASSOCIATION_LEADERS),
        ("Dirigeante associative", Audience.ASSOCIATION_LEADERS),
        ("association_leaders", Audience.ASSOCIATION_LEADERS),
        ("", ""),
        ("stagiaire", None),
    ],
)
def test_audiences_in_french_or_as_codes(text, expected):
    assert audience_match(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("75", Territory(region="11", departement="75")),
        ("Paris", Territory(region="11", departement="75")),
        ("2a", Territory(region="94", departement="2A")),
        ("1", Territory(region="84", departement="01")),
        ("971", Territory(region="01", departement="971")),
        ("ile de france", Territory(region="11")),
        ("Provence-Alpes-Côte d'Azur", Territory(region="93")),
        ("Île-de-France – Paris", Territory(region="11", departement="75")),
        ("Bretagne / Finistère", Territory(region="53", departement="29")),
        ("La Réunion", Territory(region="04", departement="974")),
        ("R11", Territory(region="11")),
        ("", Territory()),
    ],
)
def test_territories_by_code_or_name(text, expected):
    assert territory_match(text) == expected


@pytest.mark.parametrize("text", ["Atlantide", "Bretagne – Paris", "75 / 13", "99"])
def test_unknown_or_inconsistent_territories_are_refused(text):
    with pytest.raises(TerritoryError):
        territory_match(text)


@pytest.mark.django_db
def test_a_valid_row_is_normalised():
    chesp = Promotion.objects.create(name="CHESP", year=2026)

    (row,) = rows_validate(
        [
            raw(
                email=" Helene.Dupont@Exemple.FR ",
                first_name="Hélène",
                last_name="Dupont",
                audience="haut fonctionnaire",
                organisation="DGFiP",
                territory="Paris",
                promotion="chesp (2026)",
            )
        ]
    )

    assert row == {
        "line": 2,
        "email": "helene.dupont@exemple.fr",
        "first_name": "Hélène",
        "last_name": "Dupont",
        "audience": "civil_servants",
        "audience_text": "haut fonctionnaire",
        "organisation": "DGFiP",
        "region": "11",
        "departement": "75",
        "territory_text": "Paris",
        "promotion_id": chesp.pk,
        "promotion": str(chesp),
        "account_exists": False,
        "errors": [],
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "values",
    [
        {"email": ""},
        {"email": "pas-une-adresse"},
        {"email": "a@exemple.fr", "audience": "stagiaire"},
        {"email": "a@exemple.fr", "territory": "Atlantide"},
        {"email": "a@exemple.fr", "promotion": "Promotion inconnue"},
        {"email": "a@exemple.fr", "first_name": "x" * 151},
    ],
    ids=["missing-email", "bad-email", "audience", "territory", "promotion", "too-long"],
)
def test_each_bad_value_gives_one_error_on_its_row(values):
    rows = rows_validate([raw(line=7, **values), raw(line=8, email="ok@exemple.fr")])

    assert len(rows[0]["errors"]) == 1
    assert rows[0]["line"] == 7
    assert rows[1]["errors"] == []


@pytest.mark.django_db
def test_errors_on_a_row_add_up():
    (row,) = rows_validate([raw(email="x", audience="élève", territory="Atlantide", promotion="X")])

    assert len(row["errors"]) == 4


@pytest.mark.django_db
def test_the_same_address_twice_is_an_error_on_the_later_rows():
    rows = rows_validate(
        [
            raw(line=2, email="a@exemple.fr"),
            raw(line=3, email="b@exemple.fr"),
            raw(line=4, email=" A@Exemple.fr"),
        ]
    )

    assert [bool(row["errors"]) for row in rows] == [False, False, True]
    assert "2" in rows[2]["errors"][0]  # names the line of the first occurrence


@pytest.mark.django_db
def test_promotions_by_name_year_or_displayed_name():
    chesp_2026 = Promotion.objects.create(name="CHESP", year=2026)
    chesp_2027 = Promotion.objects.create(name="CHESP", year=2027)
    laureates = Promotion.objects.create(name="Lauréats 2026", year=2026)

    rows = rows_validate(
        [
            raw(line=2, email="a@exemple.fr", promotion="CHESP (2027)"),
            raw(line=3, email="b@exemple.fr", promotion="laureats 2026"),
            raw(line=4, email="c@exemple.fr", promotion="CHESP"),
            raw(line=5, email="d@exemple.fr", promotion="chesp (2026)"),
        ]
    )

    assert [row["promotion_id"] for row in rows] == [
        chesp_2027.pk,
        laureates.pk,
        None,
        chesp_2026.pk,
    ]
    assert rows[2]["errors"]  # ambiguous without its year


@pytest.mark.django_db
def test_existing_and_deactivated_accounts():
    UserFactory(email="actif@exemple.fr")
    UserFactory(email="parti@exemple.fr", is_active=False)

    active, gone, new = rows_validate(
        [
            raw(line=2, email="ACTIF@exemple.fr"),
            raw(line=3, email="parti@exemple.fr"),
            raw(line=4, email="nouveau@exemple.fr"),
        ]
    )

    assert (active["account_exists"], active["errors"]) == (True, [])
    assert gone["account_exists"] and len(gone["errors"]) == 1
    assert (new["account_exists"], new["errors"]) == (False, [])
