"""Helpers shared by the enrolment, progress and dashboard tests."""

from __future__ import annotations

import threading
from collections.abc import Callable

from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from wagtail.models import Locale, Page, Site

from curriculum.models import CurriculumIndexPage
from lms.enrolment.models import ModuleSettings
from lms.portal.models import HomePage


def page_text(response) -> str:
    """The visible text of a page, entities decoded and whitespace collapsed."""
    soup = BeautifulSoup(response.content, "html.parser")
    return " ".join(soup.get_text(" ").split())


def signed_in(user, **kwargs) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client


def module_settings(module, **values) -> ModuleSettings:
    """Give ``module`` these enrolment settings (created or updated)."""
    settings, _created = ModuleSettings.objects.update_or_create(module=module, defaults=values)
    return settings


def curricula_index_rebuilt() -> CurriculumIndexPage:
    """The curricula index, rebuilding the page tree when a transactional test flushed it."""
    index = CurriculumIndexPage.objects.first()
    if index is not None:
        return index
    locale = Locale.objects.filter(language_code="fr").first() or Locale.objects.create(
        language_code="fr"
    )
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    home = HomePage.objects.first()
    if home is None:
        home = root.add_child(
            instance=HomePage(
                title="Accueil",
                slug="accueil",
                lead="Le programme.",
                body="<p>.</p>",
                locale=locale,
            )
        )
    if not Site.objects.exists():
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    return home.add_child(
        instance=CurriculumIndexPage(title="Parcours", slug="parcours", locale=locale)
    )


def run_at_once(calls: list[Callable[[], object]], timeout: float = 30) -> list[object]:
    """Run each call in its own thread (own DB connection), released together by a barrier.

    Returns what each call returned, or the exception it raised, in the order given.
    """
    barrier = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def worker(index: int, call: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=timeout)
            results[index] = call()
        except Exception as error:  # handed back to the test
            results[index] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=worker, args=(index, call)) for index, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout * 2)
    assert not any(thread.is_alive() for thread in threads), "a thread is stuck (deadlock?)"
    return results
