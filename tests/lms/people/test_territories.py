"""The official lists of régions and départements shipped with the platform."""

from lms.people.territories import (
    DEPARTEMENT_NAMES,
    DEPARTEMENT_REGION,
    DEPARTEMENTS,
    REGION_NAMES,
    REGIONS,
    departement_choices,
    region_choices,
)


def test_there_are_101_departements_with_unique_codes():
    codes = [code for code, _name, _region in DEPARTEMENTS]
    assert len(codes) == 101
    assert len(set(codes)) == 101
    assert len(DEPARTEMENT_NAMES) == 101


def test_there_are_18_regions_with_unique_codes():
    assert len(REGIONS) == 18
    assert len(REGION_NAMES) == 18


def test_every_departement_belongs_to_an_existing_region():
    unknown = {
        code: region for code, region in DEPARTEMENT_REGION.items() if region not in REGION_NAMES
    }
    assert unknown == {}


def test_every_region_has_at_least_one_departement():
    assert set(DEPARTEMENT_REGION.values()) == set(REGION_NAMES)


def test_a_few_well_known_departements():
    assert DEPARTEMENT_NAMES["75"] == "Paris"
    assert REGION_NAMES[DEPARTEMENT_REGION["75"]] == "Île-de-France"
    assert REGION_NAMES[DEPARTEMENT_REGION["2A"]] == "Corse"
    assert REGION_NAMES[DEPARTEMENT_REGION["976"]] == "Mayotte"
    assert REGION_NAMES[DEPARTEMENT_REGION["59"]] == "Hauts-de-France"


def test_choices_cover_every_code():
    assert {code for code, _label in region_choices()} == set(REGION_NAMES)
    assert [code for code, _label in departement_choices()] == [c for c, _n, _r in DEPARTEMENTS]
    assert ("75", "75 – Paris") in departement_choices()
