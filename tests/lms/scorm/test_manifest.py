"""Manifest parsing without the database: versions, trees, hrefs, runtime data, sequencing,
and the refusals (malformed XML, DTDs, missing resources)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from lms.scorm.errors import ScormImportError
from lms.scorm.manifest import (
    href_with_parameters,
    manifest_parse,
    namespace_family,
    normalise_href,
    version_from,
)
from tests.lms.scorm.zips import Item, minimal_manifest_12, minimal_manifest_2004


def parse(text: str):
    return manifest_parse(text.encode("utf-8"))


def refusal(text: str | bytes) -> ScormImportError:
    with pytest.raises(ScormImportError) as caught:
        manifest_parse(text.encode("utf-8") if isinstance(text, str) else text)
    return caught.value


@pytest.mark.parametrize(
    ("schemaversion", "families", "expected"),
    [
        ("1.2", set(), "1.2"),
        ("CAM 1.3", set(), "2004 2nd"),
        ("2004 2nd Edition", set(), "2004 2nd"),
        ("2004 3rd Edition", set(), "2004 3rd"),
        ("  2004   4th edition ", set(), "2004 4th"),
        ("", {"adlcp12"}, "1.2"),
        ("", {"adlcp2004"}, "2004"),
        ("", {"imsss"}, "2004"),
        ("1.1.4", {"imscp"}, "ims-cp"),
        ("", set(), "ims-cp"),
    ],
)
def test_version_from_schemaversion_then_namespaces(schemaversion, families, expected):
    assert version_from(schemaversion, families) == expected


def test_namespace_families():
    assert namespace_family("http://www.imsproject.org/xsd/imscp_rootv1p1p2") == "imscp"
    assert namespace_family("http://www.imsglobal.org/xsd/imscp_v1p1") == "imscp"
    assert namespace_family("http://www.adlnet.org/xsd/adlcp_rootv1p2") == "adlcp12"
    assert namespace_family("http://www.adlnet.org/xsd/adlcp_v1p3") == "adlcp2004"
    assert namespace_family("http://www.imsglobal.org/xsd/imsss") == "imsss"
    assert namespace_family("http://www.adlnet.org/xsd/adlseq_v1p3") == "adlseq"
    assert namespace_family("http://www.adlnet.org/xsd/adlnav_v1p3") == "adlnav"
    assert namespace_family("") == ""


@pytest.mark.parametrize(
    ("href", "parameters", "expected"),
    [
        ("a.html", "", "a.html"),
        ("a.html", "?x=1", "a.html?x=1"),
        ("a.html", "x=1", "a.html?x=1"),
        ("a.html", "&x=1", "a.html?x=1"),
        ("a.html?y=2", "?x=1", "a.html?y=2&x=1"),
        ("a.html?y=2", "x=1", "a.html?y=2&x=1"),
        ("a.html", "#part", "a.html#part"),
        ("a.html#top", "#part", "a.html#top"),
        ("a.html#top", "?x=1", "a.html?x=1#top"),
        ("a.html?", "x=1", "a.html?x=1"),
        ("", "?x=1", ""),
    ],
)
def test_parameters_are_joined_as_scorm_cam_says(href, parameters, expected):
    assert href_with_parameters(href, parameters) == expected


def test_normalise_href():
    assert normalise_href("./a/./b/../c.html?x=1#f") == "a/c.html?x=1#f"
    assert normalise_href("https://example.org/x") == "https://example.org/x"
    for bad in (
        "../x.html",
        "a/../../x.html",
        "/etc/passwd",
        "C:/x.html",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "\\x.html",
    ):
        with pytest.raises(ValueError):
            normalise_href(bad)


def test_items_without_namespace_prefix_and_odd_scormtype_case():
    manifest = """<?xml version="1.0"?>
<manifest identifier="m" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
          xmlns:adl="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <organizations default="nope">
    <organization identifier="first"><title>Première</title>
      <item identifier="i1" identifierref="r1" isvisible="FALSE"><title>Un</title>
        <adl:masteryscore> 75.5 </adl:masteryscore></item>
    </organization>
    <organization identifier="second"><title>Seconde</title></organization>
  </organizations>
  <resources>
    <resource identifier="r1" type="webcontent" adl:ScormType="SCO" href="un.html"/>
  </resources>
</manifest>"""
    result = parse(manifest)
    assert result.version == "1.2"  # from the namespace: no schemaversion
    assert result.title == "Première"
    assert result.organization_identifier == "first"
    assert "default_organization_missing" in [w["code"] for w in result.warnings]
    (item,) = result.items
    assert (item.kind, item.href, item.is_visible) == ("sco", "un.html", False)
    assert item.mastery_score == Decimal("75.5")


def test_unknown_default_namespace_is_read_as_content_package():
    manifest = minimal_manifest_12().replace(
        "http://www.imsproject.org/xsd/imscp_rootv1p1p2", "http://example.org/tool/cp"
    )
    result = parse(manifest)
    assert [(item.kind, item.href) for item in result.items] == [("sco", "index.html")]


def test_out_of_range_values_are_ignored_with_a_warning():
    result = parse(
        minimal_manifest_12(
            items=[
                Item(
                    "i1",
                    "Un",
                    href="index.html",
                    extra="<adlcp:masteryscore>180</adlcp:masteryscore>",
                )
            ]
        )
    )
    assert result.items[0].mastery_score is None
    assert [w["code"] for w in result.warnings] == ["invalid_value"]


def test_counts_items_scos_assets_and_launchable():
    result = parse(
        minimal_manifest_12(
            items=[
                Item(
                    "c",
                    "Chapitre",
                    children=(
                        Item("s", "SCO", href="s.html"),
                        Item("a", "Fiche", href="a.pdf", scormtype="asset"),
                        Item("h", "Caché", href="h.html", visible=False),
                    ),
                ),
            ],
            extra_resources='<resource identifier="lib" type="webcontent" '
            'adlcp:scormtype="asset"><file href="lib.js"/></resource>',
        )
    )
    assert len(result.items) == 4
    assert [item.identifier for item in result.scos] == ["s", "h"]
    assert [item.identifier for item in result.assets] == ["a"]
    assert [item.href for item in result.launchable] == ["s.html", "a.pdf", "h.html"]
    assert result.summary()["resources"] == 4


def test_sequencing_rules_rollup_limits_and_idref_merge():
    collection = """
    <imsss:sequencing ID="commun">
      <imsss:controlMode choice="false" flow="true" forwardOnly="true"/>
      <imsss:limitConditions attemptLimit="3" attemptAbsoluteDurationLimit="PT1H"/>
      <imsss:deliveryControls tracked="false"/>
    </imsss:sequencing>"""
    own = """<imsss:sequencing IDRef="commun">
      <imsss:controlMode choice="true"/>
      <imsss:sequencingRules>
        <imsss:exitConditionRule><imsss:ruleConditions>
          <imsss:ruleCondition condition="objectiveMeasureGreaterThan" measureThreshold="0.5"/>
        </imsss:ruleConditions><imsss:ruleAction action="exit"/></imsss:exitConditionRule>
        <imsss:postConditionRule><imsss:ruleConditions conditionCombination="any">
          <imsss:ruleCondition condition="always"/></imsss:ruleConditions>
          <imsss:ruleAction action="continue"/></imsss:postConditionRule>
      </imsss:sequencingRules>
      <imsss:rollupRules rollupObjectiveSatisfied="false">
        <imsss:rollupRule childActivitySet="atLeastCount" minimumCount="2">
          <imsss:rollupConditions><imsss:rollupCondition operator="not" condition="attempted"/>
          </imsss:rollupConditions><imsss:rollupAction action="notSatisfied"/>
        </imsss:rollupRule>
      </imsss:rollupRules>
      <adlseq:constrainedChoiceConsiderations preventActivation="true"/>
    </imsss:sequencing>"""
    result = parse(
        minimal_manifest_2004(
            items=[Item("i1", "Un", href="index.html", extra=own)],
            sequencing_collection=collection,
        )
    )
    sequencing = result.items[0].sequencing
    assert sequencing["control_mode"] == {"choice": True}  # the item's own element wins
    assert sequencing["limit_conditions"] == {
        "attempt_limit": 3,
        "attempt_absolute_duration_limit": "PT1H",
    }
    assert sequencing["delivery_controls"] == {"tracked": False}
    assert result.items[0].max_time_allowed == "PT1H"  # cmi.max_time_allowed (2004)
    assert sequencing["exit_condition_rules"] == [
        {
            "action": "exit",
            "condition_combination": "all",
            "conditions": [
                {
                    "condition": "objectiveMeasureGreaterThan",
                    "operator": "noOp",
                    "referenced_objective": "",
                    "measure_threshold": 0.5,
                }
            ],
        }
    ]
    assert sequencing["post_condition_rules"][0]["action"] == "continue"
    assert sequencing["rollup_rules"] == [
        {
            "child_activity_set": "atLeastCount",
            "minimum_count": 2,
            "minimum_percent": 0.0,
            "condition_combination": "any",
            "conditions": [{"condition": "attempted", "operator": "not"}],
            "action": "notSatisfied",
        }
    ]
    assert sequencing["rollup"] == {"rollup_objective_satisfied": False}
    assert sequencing["constrained_choice"] == {"prevent_activation": True}


def test_objectives_defaults_and_map_info():
    extra = """<imsss:sequencing><imsss:objectives>
      <imsss:primaryObjective objectiveID="p" satisfiedByMeasure="true"/>
      <imsss:objective objectiveID="o2"><imsss:minNormalizedMeasure>0.3</imsss:minNormalizedMeasure>
        <imsss:mapInfo targetObjectiveID="g1" readNormalizedMeasure="false"
                       writeNormalizedMeasure="true"/></imsss:objective>
    </imsss:objectives></imsss:sequencing>"""
    result = parse(minimal_manifest_2004(items=[Item("i1", "Un", href="index.html", extra=extra)]))
    item = result.items[0]
    assert item.scaled_passing_score == Decimal("1")  # satisfiedByMeasure, IMS SS default 1.0
    assert item.objectives[1] == {
        "id": "o2",
        "primary": False,
        "satisfied_by_measure": False,
        "min_normalized_measure": 0.3,
        "map_info": [
            {
                "target": "g1",
                "read_satisfied": True,
                "read_measure": False,
                "write_satisfied": False,
                "write_measure": True,
            }
        ],
    }


def test_completion_threshold_not_used_when_completed_by_measure_is_false():
    extra = '<adlcp:completionThreshold completedByMeasure="false" minProgressMeasure="0.7"/>'
    result = parse(minimal_manifest_2004(items=[Item("i1", "Un", href="index.html", extra=extra)]))
    assert result.items[0].completion_threshold is None


def test_organization_sequencing_in_the_summary():
    result = parse(
        minimal_manifest_2004(
            organization_extra='<imsss:sequencing><imsss:controlMode choice="false" '
            'flow="true"/></imsss:sequencing>'
        )
    )
    assert result.summary()["organization_sequencing"] == {
        "control_mode": {"choice": False, "flow": True}
    }
    assert result.summary()["schemaversion"] == "2004 4th Edition"


def test_refusals():
    assert refusal("<manifest><organizations>").code == "manifest_malformed"
    error = refusal("<?xml version='1.0'?>\n<manifest>\n<a></b></manifest>")
    assert error.code == "manifest_malformed"
    # The parser's own words and where it stopped (line 3), in the French message.
    assert "ligne 3" in error.message and "mismatched tag" in error.message
    assert refusal("<notamanifest/>").code == "manifest_invalid"
    assert refusal(b"\xff\xfe\x00garbage").code == "manifest_malformed"
    external = '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    assert refusal(external + "<manifest>&x;</manifest>").code == "manifest_dtd"
    no_launch = minimal_manifest_12(items=[Item("c", "Chapitre")])
    assert refusal(no_launch).code == "manifest_no_launchable"
    no_identifier = minimal_manifest_12().replace('identifier="item_1"', "")
    assert refusal(no_identifier).code == "manifest_invalid"


def test_utf8_bom_and_latin1_declaration():
    text = minimal_manifest_12(title="Éducation")
    assert parse("\ufeff" + text).title == "Éducation"
    latin = text.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').encode("latin-1")
    assert manifest_parse(latin).title == "Éducation"
