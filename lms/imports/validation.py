"""Checking each row of a learners file and normalising it for the import."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from curriculum.models import Audience
from lms.accounts.models import normalize_email_address
from lms.imports.matching import PromotionLookup, TerritoryError, audience_match, territory_match
from lms.imports.parsing import HEADER_BY_KEY, RawRow
from lms.people.models import Promotion
from lms.people.territories import DEPARTEMENT_NAMES, REGION_NAMES

MAX_LENGTHS = {"email": 254, "first_name": 150, "last_name": 150, "organisation": 255}
LOOKUP_CHUNK = 500


def _chunks(values: list[str], size: int = LOOKUP_CHUNK) -> Iterable[list[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _accounts_by_email(emails: list[str]) -> dict[str, bool]:
    """``{email: is_active}`` of the accounts using these addresses."""
    User = get_user_model()
    found: dict[str, bool] = {}
    for chunk in _chunks(sorted(set(emails))):
        found.update(User.objects.filter(email__in=chunk).values_list("email", "is_active"))
    return found


def rows_validate(rows: list[RawRow]) -> list[dict]:
    """Normalise each row and list its errors (French messages).

    Checks: an e-mail address present and valid, not already on an earlier line; the
    audience, territory and promotion recognised; lengths; an existing account active.
    """
    promotions = PromotionLookup(Promotion.objects.all())
    emails = [normalize_email_address(row.values.get("email", "")) for row in rows]
    accounts = _accounts_by_email([email for email in emails if email])
    first_line: dict[str, int] = {}
    result = []
    for row, email in zip(rows, emails, strict=True):
        values = row.values
        errors: list[str] = []
        if not email:
            errors.append(_("The e-mail address is missing."))
        else:
            try:
                validate_email(email)
            except ValidationError:
                errors.append(_("“%(email)s” is not a valid e-mail address.") % {"email": email})
            if email in first_line:
                errors.append(
                    _("This e-mail address is already on line %(line)s.")
                    % {"line": first_line[email]}
                )
            else:
                first_line[email] = row.line
            if accounts.get(email) is False:
                errors.append(_("The account using this e-mail address is deactivated."))

        for key, limit in MAX_LENGTHS.items():
            if len(values.get(key, "")) > limit:
                errors.append(
                    _("The column “%(column)s” is too long (%(limit)s characters at most).")
                    % {"column": HEADER_BY_KEY[key], "limit": limit}
                )

        audience_text = values.get("audience", "")
        audience = audience_match(audience_text)
        if audience is None:
            audience = ""
            errors.append(
                _(
                    "Unknown audience “%(value)s”: write “haut fonctionnaire” or "
                    "“dirigeant associatif”."
                )
                % {"value": audience_text}
            )

        territory_text = values.get("territory", "")
        region = departement = ""
        try:
            territory = territory_match(territory_text)
            region, departement = territory.region, territory.departement
        except TerritoryError:
            errors.append(
                _(
                    "Unknown territory “%(value)s”: give a région, a département (name or "
                    "number) or both, e.g. “Île-de-France – Paris”."
                )
                % {"value": territory_text}
            )

        promotion_text = values.get("promotion", "")
        promotion, problem = promotions.find(promotion_text)
        if problem == "unknown":
            errors.append(_("Unknown promotion “%(value)s”.") % {"value": promotion_text})
        elif problem == "ambiguous":
            errors.append(
                _(
                    "Several promotions are named “%(value)s”: add the year, "
                    "e.g. “%(value)s (2026)”."
                )
                % {"value": promotion_text}
            )

        result.append(
            {
                "line": row.line,
                "email": email,
                "first_name": values.get("first_name", ""),
                "last_name": values.get("last_name", ""),
                "audience": audience,
                "audience_text": audience_text,
                "organisation": values.get("organisation", ""),
                "region": region,
                "departement": departement,
                "territory_text": territory_text,
                "promotion_id": promotion.pk if promotion else None,
                "promotion": str(promotion) if promotion else promotion_text,
                "account_exists": email in accounts,
                "errors": errors,
            }
        )
    return result


def row_labels(row: dict) -> dict[str, str]:
    """Audience and territory of a normalised row as people read them."""
    territory = " – ".join(
        part
        for part in (
            REGION_NAMES.get(row["region"], ""),
            DEPARTEMENT_NAMES.get(row["departement"], ""),
        )
        if part
    )
    audience = dict(Audience.choices).get(row["audience"], "") if row["audience"] else ""
    return {"audience_label": str(audience), "territory_label": territory}
