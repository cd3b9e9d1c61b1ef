"""Reads for the portal's pages and footer."""

from __future__ import annotations

from curriculum.models import CurriculumIndexPage
from curriculum.selectors import curriculum_list_live, module_list_live
from lms.portal.models import AccessibilityPage, HomePage, LegalKind, LegalPage


def home_curricula(*, home: HomePage) -> dict:
    """The curricula index under the home page, its live curricula and their modules."""
    index = CurriculumIndexPage.objects.child_of(home).live().first()
    curricula = list(curriculum_list_live(index=index)) if index else []
    return {
        "curricula_index": index,
        "curricula": [(c, list(module_list_live(curriculum=c))) for c in curricula],
    }


def footer_links() -> dict:
    """The live legal pages the footer must link to, by kind."""
    links = {
        page.kind: page
        for page in LegalPage.objects.live().order_by("-path").only("title", "url_path", "kind")
    }
    return {
        "accessibility": AccessibilityPage.objects.live().first(),
        "legal_notice": links.get(LegalKind.LEGAL_NOTICE),
        "personal_data": links.get(LegalKind.PERSONAL_DATA),
        "terms": links.get(LegalKind.TERMS),
    }
