"""Parse ``imsmanifest.xml`` (SCORM 1.2, SCORM 2004, plain IMS CP) into plain dataclasses.

The XML is parsed with defusedxml: DTDs, entities and external references are refused.
Elements are matched by local name and namespace *family* (IMS CP, ADL CP 1.2, ADL CP 2004,
IMS SS, ADL SEQ, ADL NAV), so that the many namespace spellings found in the wild (old and
new IMS CP URIs, no namespace at all, odd case in ``scormType``) all work.

Only the default organization is read (the first one when ``default`` names none). Items
come out in tree order with their depth; each item's launch ``href`` is resolved through
``xml:base`` (manifest, resources, resource) and followed by the item's ``parameters``.
Every refusal raises :class:`~lms.scorm.errors.ScormImportError` (codes listed in
:mod:`lms.scorm.importer`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.utils.translation import gettext as _

from lms.scorm.errors import ScormImportError

# Namespace families -----------------------------------------------------------------------

IMSCP = "imscp"
ADLCP12 = "adlcp12"
ADLCP2004 = "adlcp2004"
IMSSS = "imsss"
ADLSEQ = "adlseq"
ADLNAV = "adlnav"
XML_NS = "http://www.w3.org/XML/1998/namespace"
# Content-package elements: IMS CP, no namespace, or an unknown namespace (some tools
# write their own URI for the default namespace).
CP_FAMILIES = ("", IMSCP, "other")

MAX_IDENTIFIER_LENGTH = 255
MAX_TITLE_LENGTH = 500
MAX_HREF_LENGTH = 2000


def namespace_family(namespace: str) -> str:
    """The family of a namespace URI: ``imscp``, ``adlcp12``, ``adlcp2004``, ``imsss``,
    ``adlseq``, ``adlnav``, ``""`` (no namespace) or ``"other"``."""
    uri = namespace.lower()
    if not uri:
        return ""
    if "adlcp_rootv1p2" in uri:
        return ADLCP12
    if "adlcp_v1p3" in uri or "adlcp_v1p" in uri:
        return ADLCP2004
    if "adlseq" in uri:
        return ADLSEQ
    if "adlnav" in uri:
        return ADLNAV
    if "imsss" in uri:
        return IMSSS
    if "imscp" in uri or "imsproject.org/xsd/ims_cp" in uri:
        return IMSCP
    return "other"


def _split(tag: str) -> tuple[str, str]:
    if isinstance(tag, str) and tag.startswith("{"):
        namespace, _sep, local = tag[1:].partition("}")
        return namespace, local
    return "", tag if isinstance(tag, str) else ""


def local_name(tag: str) -> str:
    return _split(tag)[1]


def _family_of(element: Element) -> str:
    return namespace_family(_split(element.tag)[0])


def _is(element: Element, name: str, families: tuple[str, ...] = CP_FAMILIES) -> bool:
    namespace, local = _split(element.tag)
    return local.lower() == name.lower() and namespace_family(namespace) in families


def _children(element: Element, name: str, families: tuple[str, ...] = CP_FAMILIES):
    return [child for child in element if _is(child, name, families)]


def _child(element: Element, name: str, families: tuple[str, ...] = CP_FAMILIES):
    for child in element:
        if _is(child, name, families):
            return child
    return None


def _attr(element: Element, name: str, default: str | None = None) -> str | None:
    """An attribute by local name, case-insensitive, in any namespace (``adlcp:scormType``
    and ``adlcp:scormtype`` alike)."""
    wanted = name.lower()
    for key, value in element.attrib.items():
        if local_name(key).lower() == wanted:
            return value
    return default


def _xml_base(element: Element) -> str:
    return element.attrib.get(f"{{{XML_NS}}}base", "").strip()


def _text(element: Element | None) -> str:
    if element is None:
        return ""
    return "".join(element.itertext()).strip()


def _bool(value: str | None, default: bool) -> bool:
    if value is None:
        return default
    value = value.strip().lower()
    if value in {"true", "1"}:
        return True
    if value in {"false", "0"}:
        return False
    return default


# Results ----------------------------------------------------------------------------------


@dataclass
class ManifestResource:
    identifier: str
    scorm_type: str  # "sco" or "asset"
    href: str  # resolved through xml:base, "" when none
    files: list[str] = field(default_factory=list)
    dependencies: list[str] = field(default_factory=list)


@dataclass
class ManifestItem:
    identifier: str
    title: str
    depth: int
    parent_identifier: str | None
    kind: str  # "cluster", "sco", "asset" (ScormItem.Kind values)
    resource_identifier: str = ""
    href: str = ""
    is_visible: bool = True
    parameters: str = ""
    mastery_score: Decimal | None = None
    max_time_allowed: str = ""
    time_limit_action: str = ""
    data_from_lms: str = ""
    prerequisites: str = ""
    completion_threshold: Decimal | None = None
    scaled_passing_score: Decimal | None = None
    objectives: list[dict] = field(default_factory=list)
    sequencing: dict = field(default_factory=dict)

    @property
    def launch_path(self) -> str:
        """The file the launch href opens, relative to the package root ("" if none)."""
        return launch_file(self.href)


@dataclass
class Manifest:
    version: str  # ScormVersion value
    schemaversion: str
    identifier: str
    title: str
    organization_identifier: str
    organization_sequencing: dict
    items: list[ManifestItem]
    resources: dict[str, ManifestResource]
    dependency_count: int
    warnings: list[dict] = field(default_factory=list)

    @property
    def scos(self) -> list[ManifestItem]:
        return [item for item in self.items if item.kind == "sco"]

    @property
    def assets(self) -> list[ManifestItem]:
        return [item for item in self.items if item.kind == "asset"]

    @property
    def launchable(self) -> list[ManifestItem]:
        return [item for item in self.items if item.href]

    def summary(self) -> dict:
        """What ``ScormPackageVersion.manifest`` stores."""
        return {
            "organization_identifier": self.organization_identifier,
            "organization_title": self.title,
            "organization_sequencing": self.organization_sequencing,
            "schemaversion": self.schemaversion,
            "resources": len(self.resources),
            "dependencies": self.dependency_count,
        }


def _warning(code: str, message: str) -> dict:
    return {"code": code, "message": str(message)}


# Paths ------------------------------------------------------------------------------------

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def is_external(href: str) -> bool:
    """True for an http(s) URL or a protocol-relative one (``//host/…``)."""
    return href.startswith("//") or bool(re.match(r"^https?:", href, re.IGNORECASE))


def _join_base(bases: list[str], href: str) -> str:
    """Resolve ``href`` against the ``xml:base`` chain (outermost first).

    A base without a trailing slash is taken as a folder (authoring tools write both
    ``content/`` and ``content``); an absolute URL base or href stops the chain.
    """
    if is_external(href):
        return href
    path = href
    for base in reversed(bases):
        if not base:
            continue
        if is_external(path) or path.startswith("/"):
            break
        path = (base if base.endswith("/") else base + "/") + path
    return path


def normalise_href(href: str) -> str:
    """Normalise a package-relative href: ``./`` and ``a/../`` removed, query and fragment
    kept. Raises ``ValueError`` when it leaves the package (``..`` above the root, absolute
    path)."""
    if is_external(href):
        return href
    if _SCHEME.match(href) or href.startswith(("/", "\\")):
        # Another scheme (javascript:, file:, a drive letter C:…) or an absolute path.
        raise ValueError(href)
    parts = urlsplit(href)
    path = parts.path.replace("\\", "/")
    segments: list[str] = []
    for segment in path.split("/"):
        if segment in ("", "."):
            continue
        if segment == "..":
            if not segments:
                raise ValueError(href)
            segments.pop()
            continue
        segments.append(segment)
    result = "/".join(segments)
    if path.endswith("/") and result:
        result += "/"
    if parts.query:
        result += "?" + parts.query
    if parts.fragment:
        result += "#" + parts.fragment
    return result


def launch_file(href: str) -> str:
    """The file part of a launch href (query and fragment removed, %-escapes decoded)."""
    if not href or is_external(href):
        return ""
    return unquote(urlsplit(href).path)


def href_with_parameters(href: str, parameters: str) -> str:
    """Append an item's ``parameters`` to its resource's href as SCORM CAM describes: a
    leading ``?``/``&`` dropped and the right separator used; ``#…`` appended as is (when the
    href has no fragment yet); a query goes before an existing fragment."""
    parameters = (parameters or "").strip()
    if not href or not parameters:
        return href
    if parameters.startswith("#"):
        return href if "#" in href else href + parameters
    parameters = parameters.lstrip("?&")
    if not parameters:
        return href
    base, hash_sign, fragment = href.partition("#")
    separator = "&" if "?" in base else "?"
    if base.endswith(("?", "&")):
        separator = ""
    return f"{base}{separator}{parameters}{hash_sign}{fragment}"


# Version ----------------------------------------------------------------------------------

_SCHEMAVERSIONS = {
    "1.2": "1.2",
    "cam 1.3": "2004 2nd",
    "2004 2nd edition": "2004 2nd",
    "2004 3rd edition": "2004 3rd",
    "2004 4th edition": "2004 4th",
}


def version_from(schemaversion: str, families: set[str]) -> str:
    """The ScormVersion value from ``schemaversion``, else from the namespaces used."""
    normalised = " ".join(schemaversion.lower().split())
    if normalised in _SCHEMAVERSIONS:
        return _SCHEMAVERSIONS[normalised]
    if ADLCP12 in families:
        return "1.2"
    if families & {ADLCP2004, IMSSS, ADLSEQ, ADLNAV}:
        return "2004"
    if normalised.startswith("2004") or normalised in {"1.3", "cam 1.3.1"}:
        return "2004"
    return "ims-cp"


# Sequencing -------------------------------------------------------------------------------

_SS = (IMSSS, "")


def _float(value: str | None) -> float | None:
    if value is None or not value.strip():
        return None
    try:
        number = float(value.strip())
    except ValueError:
        return None
    return number if number == number and abs(number) != float("inf") else None


def _int(value: str | None) -> int | None:
    try:
        return int(value.strip()) if value is not None and value.strip() else None
    except ValueError:
        return None


def _rule(element: Element) -> dict:
    conditions_element = _child(element, "ruleConditions", _SS)
    conditions = []
    combination = "all"
    if conditions_element is not None:
        combination = (_attr(conditions_element, "conditionCombination") or "all").strip()
        for condition in _children(conditions_element, "ruleCondition", _SS):
            conditions.append(
                {
                    "condition": (_attr(condition, "condition") or "").strip(),
                    "operator": (_attr(condition, "operator") or "noOp").strip(),
                    "referenced_objective": (_attr(condition, "referencedObjective") or "").strip(),
                    "measure_threshold": _float(_attr(condition, "measureThreshold")),
                }
            )
    action_element = _child(element, "ruleAction", _SS)
    action = (_attr(action_element, "action") or "").strip() if action_element is not None else ""
    return {"action": action, "condition_combination": combination, "conditions": conditions}


def _rollup_rule(element: Element) -> dict:
    conditions_element = _child(element, "rollupConditions", _SS)
    conditions = []
    combination = "any"
    if conditions_element is not None:
        combination = (_attr(conditions_element, "conditionCombination") or "any").strip()
        for condition in _children(conditions_element, "rollupCondition", _SS):
            conditions.append(
                {
                    "condition": (_attr(condition, "condition") or "").strip(),
                    "operator": (_attr(condition, "operator") or "noOp").strip(),
                }
            )
    action_element = _child(element, "rollupAction", _SS)
    return {
        "child_activity_set": (_attr(element, "childActivitySet") or "all").strip(),
        "minimum_count": _int(_attr(element, "minimumCount")) or 0,
        "minimum_percent": _float(_attr(element, "minimumPercent")) or 0.0,
        "condition_combination": combination,
        "conditions": conditions,
        "action": (_attr(action_element, "action") or "").strip()
        if action_element is not None
        else "",
    }


def _objectives(element: Element) -> list[dict]:
    objectives = []
    for child in element:
        if not (_is(child, "primaryObjective", _SS) or _is(child, "objective", _SS)):
            continue
        measure = _child(child, "minNormalizedMeasure", _SS)
        objectives.append(
            {
                "id": (_attr(child, "objectiveID") or "").strip(),
                "primary": _is(child, "primaryObjective", _SS),
                "satisfied_by_measure": _bool(_attr(child, "satisfiedByMeasure"), False),
                "min_normalized_measure": _float(_text(measure)) if measure is not None else None,
                "map_info": [
                    {
                        "target": (_attr(info, "targetObjectiveID") or "").strip(),
                        "read_satisfied": _bool(_attr(info, "readSatisfiedStatus"), True),
                        "read_measure": _bool(_attr(info, "readNormalizedMeasure"), True),
                        "write_satisfied": _bool(_attr(info, "writeSatisfiedStatus"), False),
                        "write_measure": _bool(_attr(info, "writeNormalizedMeasure"), False),
                    }
                    for info in _children(child, "mapInfo", _SS)
                ],
            }
        )
    return objectives


def parse_sequencing(element: Element) -> dict:
    """One ``imsss:sequencing`` element as a dict with only the keys present in it (plus
    ``objectives`` when declared, and ``rollup`` for the rollupRules attributes)."""
    result: dict = {}
    control = _child(element, "controlMode", _SS)
    if control is not None:
        names = {
            "choice": "choice",
            "choiceExit": "choice_exit",
            "flow": "flow",
            "forwardOnly": "forward_only",
            "useCurrentAttemptObjectiveInfo": "use_current_attempt_objective_info",
            "useCurrentAttemptProgressInfo": "use_current_attempt_progress_info",
        }
        result["control_mode"] = {
            key: _bool(_attr(control, attr), False)
            for attr, key in names.items()
            if _attr(control, attr) is not None
        }
    rules = _child(element, "sequencingRules", _SS)
    if rules is not None:
        for name, key in (
            ("preConditionRule", "pre_condition_rules"),
            ("exitConditionRule", "exit_condition_rules"),
            ("postConditionRule", "post_condition_rules"),
        ):
            found = [_rule(rule) for rule in _children(rules, name, _SS)]
            if found:
                result[key] = found
    limits = _child(element, "limitConditions", _SS)
    if limits is not None:
        result["limit_conditions"] = {
            "attempt_limit": _int(_attr(limits, "attemptLimit")),
            "attempt_absolute_duration_limit": (
                _attr(limits, "attemptAbsoluteDurationLimit") or ""
            ).strip()
            or None,
        }
    delivery = _child(element, "deliveryControls", _SS)
    if delivery is not None:
        names = {
            "tracked": "tracked",
            "completionSetByContent": "completion_set_by_content",
            "objectiveSetByContent": "objective_set_by_content",
        }
        result["delivery_controls"] = {
            key: _bool(_attr(delivery, attr), False)
            for attr, key in names.items()
            if _attr(delivery, attr) is not None
        }
    rollup = _child(element, "rollupRules", _SS)
    if rollup is not None:
        result["rollup_rules"] = [
            _rollup_rule(rule) for rule in _children(rollup, "rollupRule", _SS)
        ]
        attributes = {}
        for attr, key, parse in (
            ("rollupObjectiveSatisfied", "rollup_objective_satisfied", None),
            ("rollupProgressCompletion", "rollup_progress_completion", None),
            ("objectiveMeasureWeight", "objective_measure_weight", _float),
        ):
            value = _attr(rollup, attr)
            if value is not None:
                attributes[key] = parse(value) if parse else _bool(value, True)
        if attributes:
            result["rollup"] = attributes
    constrained = _child(element, "constrainedChoiceConsiderations", (ADLSEQ, IMSSS, ""))
    if constrained is not None:
        names = {"preventActivation": "prevent_activation", "constrainChoice": "constrain_choice"}
        result["constrained_choice"] = {
            key: _bool(_attr(constrained, attr), False)
            for attr, key in names.items()
            if _attr(constrained, attr) is not None
        }
    objectives = _child(element, "objectives", _SS)
    if objectives is not None:
        result["objectives"] = _objectives(objectives)
    return result


def _resolved_sequencing(element: Element | None, collection: dict[str, dict]) -> dict:
    if element is None:
        return {}
    own = parse_sequencing(element)
    reference = (_attr(element, "IDRef") or "").strip()
    if not reference:
        return own
    if reference not in collection:
        raise ScormImportError(
            "manifest_sequencing_idref",
            _(
                "The sequencing of the manifest refers to « %(id)s », which its "
                "sequencingCollection does not define."
            )
            % {"id": reference},
        )
    return {**collection[reference], **own}


# Parsing ----------------------------------------------------------------------------------


def _xml_root(data: bytes) -> Element:
    try:
        return fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise ScormImportError(
            "manifest_dtd",
            _(
                "imsmanifest.xml declares a DTD, entities or external references, which are "
                "refused for security reasons."
            ),
        ) from error
    except ParseError as error:
        line, column = getattr(error, "position", (0, 0))
        raise ScormImportError(
            "manifest_malformed",
            _(
                "imsmanifest.xml is not well-formed XML: %(error)s (line %(line)s, "
                "column %(column)s)."
            )
            % {"error": str(error).split(":")[0], "line": line, "column": column},
        ) from error
    except (ValueError, UnicodeError) as error:
        raise ScormImportError(
            "manifest_malformed",
            _(
                "imsmanifest.xml is not well-formed XML: %(error)s (line %(line)s, "
                "column %(column)s)."
            )
            % {"error": str(error), "line": 1, "column": 0},
        ) from error


def _decimal(value: str, *, low: Decimal, high: Decimal) -> Decimal | None:
    try:
        number = Decimal(value.strip())
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite() or number < low or number > high:
        return None
    return number


def _invalid(message) -> ScormImportError:
    return ScormImportError("manifest_invalid", message)


def manifest_parse(data: bytes) -> Manifest:
    """Parse the bytes of ``imsmanifest.xml``; raise ``ScormImportError`` when refused."""
    root = _xml_root(data)
    if local_name(root.tag).lower() != "manifest":
        raise _invalid(_("The root element of imsmanifest.xml is not <manifest>."))
    families = {namespace_family(_split(element.tag)[0]) for element in root.iter()}
    for element in root.iter():
        families.update(namespace_family(_split(key)[0]) for key in element.attrib)
    warnings: list[dict] = []

    metadata = _child(root, "metadata")
    schemaversion = _text(_child(metadata, "schemaversion")) if metadata is not None else ""
    version = version_from(schemaversion, families)
    is_scorm = version != "ims-cp"
    if not is_scorm:
        warnings.append(
            _warning(
                "ims_cp_assets_only",
                _(
                    "The manifest uses no SCORM (ADL) namespace: this is a plain IMS content "
                    "package, imported as assets only (no tracking of scores or completion)."
                ),
            )
        )
    if any(_is(child, "manifest") for child in root):
        warnings.append(
            _warning(
                "sub_manifests_ignored",
                _("The package contains sub-manifests; they are ignored."),
            )
        )

    # sequencingCollection (2004), by ID.
    collection: dict[str, dict] = {}
    for holder in _children(root, "sequencingCollection", _SS):
        for sequencing in _children(holder, "sequencing", _SS):
            identifier = (_attr(sequencing, "ID") or "").strip()
            if identifier:
                collection[identifier] = parse_sequencing(sequencing)

    resources = _parse_resources(root, is_scorm=is_scorm)
    dependency_count = sum(len(resource.dependencies) for resource in resources.values())
    for resource in resources.values():
        for dependency in resource.dependencies:
            if dependency not in resources:
                warnings.append(
                    _warning(
                        "missing_dependency",
                        _(
                            "The resource « %(resource)s » depends on « %(dependency)s », which "
                            "the manifest does not declare."
                        )
                        % {"resource": resource.identifier, "dependency": dependency},
                    )
                )

    organizations = _child(root, "organizations")
    organization = None
    if organizations is not None:
        candidates = _children(organizations, "organization")
        default = (_attr(organizations, "default") or "").strip()
        organization = next(
            (org for org in candidates if (_attr(org, "identifier") or "").strip() == default),
            candidates[0] if candidates else None,
        )
        if (
            default
            and organization is not None
            and ((_attr(organization, "identifier") or "").strip() != default)
        ):
            warnings.append(
                _warning(
                    "default_organization_missing",
                    _("The default organization « %(id)s » does not exist; the first one is used.")
                    % {"id": default},
                )
            )

    manifest_identifier = (_attr(root, "identifier") or "").strip()
    items: list[ManifestItem] = []
    organization_sequencing: dict = {}
    organization_identifier = ""
    title = ""
    if organization is not None:
        organization_identifier = (_attr(organization, "identifier") or "").strip()
        title = _text(_child(organization, "title"))
        organization_sequencing = _resolved_sequencing(
            _child(organization, "sequencing", _SS), collection
        )
        organization_sequencing.pop("objectives", None)
        for top in _children(organization, "item"):
            _walk_item(
                top,
                depth=0,
                parent=None,
                items=items,
                resources=resources,
                collection=collection,
                is_scorm=is_scorm,
                warnings=warnings,
            )
    elif not is_scorm:
        # A content package without organization: one asset per resource with an href.
        for resource in resources.values():
            if resource.href:
                items.append(
                    ManifestItem(
                        identifier=resource.identifier,
                        title=resource.identifier,
                        depth=0,
                        parent_identifier=None,
                        kind="asset",
                        resource_identifier=resource.identifier,
                        href=resource.href,
                    )
                )

    seen: set[str] = set()
    for item in items:
        if item.identifier in seen:
            raise _invalid(
                _("Two items of the manifest have the identifier « %(id)s ».")
                % {"id": item.identifier}
            )
        seen.add(item.identifier)
    if not items or not any(item.href for item in items):
        raise ScormImportError(
            "manifest_no_launchable",
            _("The manifest's organization has no item that can be launched."),
        )

    return Manifest(
        version=version,
        schemaversion=schemaversion,
        identifier=manifest_identifier[:MAX_IDENTIFIER_LENGTH],
        title=(title or manifest_identifier or "")[:MAX_TITLE_LENGTH],
        organization_identifier=organization_identifier,
        organization_sequencing=organization_sequencing,
        items=items,
        resources=resources,
        dependency_count=dependency_count,
        warnings=warnings,
    )


def _parse_resources(root: Element, *, is_scorm: bool) -> dict[str, ManifestResource]:
    resources: dict[str, ManifestResource] = {}
    manifest_base = _xml_base(root)
    for holder in _children(root, "resources"):
        resources_base = _xml_base(holder)
        for element in _children(holder, "resource"):
            identifier = (_attr(element, "identifier") or "").strip()
            if not identifier:
                raise _invalid(_("A resource of the manifest has no identifier."))
            if identifier in resources:
                raise _invalid(
                    _("Two resources of the manifest have the identifier « %(id)s ».")
                    % {"id": identifier}
                )
            bases = [manifest_base, resources_base, _xml_base(element)]
            href = (_attr(element, "href") or "").strip()
            if href:
                href = _resolve(bases, href)
            files = []
            for file_element in _children(element, "file"):
                file_href = (_attr(file_element, "href") or "").strip()
                if file_href and not is_external(file_href):
                    try:
                        files.append(
                            launch_file(_resolve(bases + [_xml_base(file_element)], file_href))
                        )
                    except ScormImportError:
                        raise
            scorm_type = (_attr(element, "scormtype") or "").strip().lower()
            resources[identifier] = ManifestResource(
                identifier=identifier,
                scorm_type="sco" if is_scorm and scorm_type == "sco" else "asset",
                href=href,
                files=files,
                dependencies=[
                    (_attr(dependency, "identifierref") or "").strip()
                    for dependency in _children(element, "dependency")
                    if (_attr(dependency, "identifierref") or "").strip()
                ],
            )
    return resources


def _resolve(bases: list[str], href: str) -> str:
    try:
        return normalise_href(_join_base(bases, href))
    except ValueError as error:
        raise ScormImportError(
            "manifest_href_outside",
            _("The manifest refers to « %(href)s », outside the package.") % {"href": href},
        ) from error


def _adl_child(item: Element, name: str) -> Element | None:
    return _child(item, name, (ADLCP12, ADLCP2004, ""))


def _walk_item(
    element: Element,
    *,
    depth: int,
    parent: str | None,
    items: list[ManifestItem],
    resources: dict[str, ManifestResource],
    collection: dict[str, dict],
    is_scorm: bool,
    warnings: list[dict],
) -> None:
    identifier = (_attr(element, "identifier") or "").strip()
    if not identifier:
        raise _invalid(_("An item of the manifest has no identifier."))
    if len(identifier) > MAX_IDENTIFIER_LENGTH:
        raise _invalid(
            _("The identifier of an item is longer than %(max)s characters.")
            % {"max": MAX_IDENTIFIER_LENGTH}
        )
    title = _text(_child(element, "title")) or identifier
    reference = (_attr(element, "identifierref") or "").strip()
    item = ManifestItem(
        identifier=identifier,
        title=title[:MAX_TITLE_LENGTH],
        depth=depth,
        parent_identifier=parent,
        kind="cluster",
        is_visible=_bool(_attr(element, "isvisible"), True),
        parameters=(_attr(element, "parameters") or "").strip(),
    )
    if reference:
        resource = resources.get(reference)
        if resource is None:
            raise ScormImportError(
                "manifest_missing_resource",
                _(
                    "The item « %(item)s » refers to the resource « %(resource)s », which the "
                    "manifest does not declare."
                )
                % {"item": title, "resource": reference},
            )
        item.kind = resource.scorm_type
        item.resource_identifier = reference
        item.href = href_with_parameters(resource.href, item.parameters)
        if len(item.href) > MAX_HREF_LENGTH:
            raise _invalid(
                _("The launch address of the item « %(item)s » is too long.") % {"item": title}
            )
    if is_scorm:
        _item_runtime_data(item, element, collection, warnings)
    items.append(item)
    for child in _children(element, "item"):
        _walk_item(
            child,
            depth=depth + 1,
            parent=identifier,
            items=items,
            resources=resources,
            collection=collection,
            is_scorm=is_scorm,
            warnings=warnings,
        )


def _item_runtime_data(
    item: ManifestItem, element: Element, collection: dict[str, dict], warnings: list[dict]
) -> None:
    mastery = _adl_child(element, "masteryscore")
    if mastery is not None and _text(mastery):
        item.mastery_score = _decimal(_text(mastery), low=Decimal(0), high=Decimal(100))
        if item.mastery_score is None:
            warnings.append(_value_warning(item, "masteryscore", _text(mastery)))
    item.max_time_allowed = _text(_adl_child(element, "maxtimeallowed"))[:64]
    item.time_limit_action = _text(_adl_child(element, "timelimitaction"))[:64]
    item.data_from_lms = _text(_adl_child(element, "datafromlms"))
    item.prerequisites = _text(_adl_child(element, "prerequisites"))[:2000]

    threshold = _adl_child(element, "completionThreshold")
    if threshold is not None:
        raw = _attr(threshold, "minProgressMeasure")
        by_measure = _attr(threshold, "completedByMeasure")
        if raw is None:
            raw = _text(threshold)
        elif by_measure is not None and not _bool(by_measure, False):
            # 4th Edition: the measure is only used when completedByMeasure is true.
            raw = ""
        if raw:
            item.completion_threshold = _decimal(raw, low=Decimal(0), high=Decimal(1))
            if item.completion_threshold is None:
                warnings.append(_value_warning(item, "completionThreshold", raw))

    sequencing = _resolved_sequencing(_child(element, "sequencing", _SS), collection)
    objectives = sequencing.pop("objectives", [])
    item.sequencing = sequencing
    duration = (sequencing.get("limit_conditions") or {}).get("attempt_absolute_duration_limit")
    if duration and not item.max_time_allowed:
        # SCORM 2004: cmi.max_time_allowed comes from attemptAbsoluteDurationLimit.
        item.max_time_allowed = duration[:64]
    item.objectives = objectives
    primary = next((objective for objective in objectives if objective["primary"]), None)
    if primary is not None and primary["satisfied_by_measure"]:
        measure = primary["min_normalized_measure"]
        value = Decimal("1") if measure is None else Decimal(str(measure))
        if Decimal(-1) <= value <= Decimal(1):
            item.scaled_passing_score = value
        else:
            warnings.append(_value_warning(item, "minNormalizedMeasure", str(measure)))


def _value_warning(item: ManifestItem, name: str, value: str) -> dict:
    return _warning(
        "invalid_value",
        _("The value « %(value)s » of %(name)s on the item « %(item)s » is invalid; it is ignored.")
        % {"value": value[:100], "name": name, "item": item.title},
    )
