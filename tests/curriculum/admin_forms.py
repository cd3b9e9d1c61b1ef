"""POST data for Wagtail admin forms, built the way a browser submits them.

Tests of the curricula and of the roles post real forms through the admin views; these
helpers read a form back from its page (so every field the form expects is there) or build
the data of a new page with Wagtail's ``form_data`` helpers.
"""

from django.http import QueryDict
from django.urls import reverse
from django.utils.text import slugify
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)
from wagtail.test.utils.wagtail_tests import WagtailTestUtils


def form_data(response, form_id: str) -> QueryDict:
    """What a browser would post back from the form ``form_id`` of ``response``, unchanged."""
    assert response.status_code == 200, f"expected the form page, got {response.status_code}"
    html = response.content.decode()
    data = querydict_from_html(html, form_id=form_id)
    # ``querydict_from_html`` posts "" for a ticked checkbox without a value attribute, which
    # Django reads as unticked; a browser sends "on".
    form = WagtailTestUtils.get_soup(html).find("form", attrs={"id": form_id})
    for box in form.find_all("input", type="checkbox", checked=True):
        if box.get("name") and "value" not in box.attrs:
            data.setlist(box["name"], ["on"])
    return data


def page_edit_data(client, page, changes: dict | None = None) -> QueryDict:
    """The page editor's form for ``page`` as the client's user sees it, with ``changes``.

    ``changes`` maps flat field names to a value or a list of values. A lesson's body (a
    StreamField drawn by JavaScript) is not in the HTML: add ``**lesson_body(...)`` to it.
    """
    data = form_data(client.get(edit_page_url(page)), "page-edit-form")
    for name, value in (changes or {}).items():
        if isinstance(value, list | tuple):
            data.setlist(name, [str(item) for item in value])
        else:
            data[name] = str(value)
    return data


def lesson_body(*paragraphs: str) -> dict[str, str]:
    """StreamField data of a lesson body made of rich-text paragraphs (HTML)."""
    return nested_form_data(
        {"body": streamfield([("paragraph", rich_text(p)) for p in paragraphs])}
    )


def new_module_data(title: str, **fields) -> dict[str, str]:
    """The page editor's data for a new module."""
    return nested_form_data(
        {
            "title": title,
            "slug": slugify(title),
            "summary": "Un module de la formation croisée.",
            "objectives": rich_text("<p>Comprendre les acteurs et les étapes.</p>"),
            "duration_hours": "3.5",
            "target_audience": "Dirigeants associatifs lauréats",
            **fields,
        }
    )


def new_lesson_data(title: str, *paragraphs: str, **fields) -> dict[str, str]:
    """The page editor's data for a new lesson."""
    return {
        **nested_form_data(
            {
                "title": title,
                "slug": slugify(title),
                "summary": "Une leçon de la formation croisée.",
                "estimated_minutes": "25",
                **fields,
            }
        ),
        **lesson_body(*(paragraphs or ("<p>Le cycle de la décision publique.</p>",))),
    }


def add_page_url(model, parent) -> str:
    return reverse(
        "wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk]
    )


def edit_page_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])
