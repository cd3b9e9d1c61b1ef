"""Helpers of the people tests: French text, visible page text, signed-in clients."""

from bs4 import BeautifulSoup
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext


def french(msgid: str, **params) -> str:
    """What a French reader sees for ``msgid`` (the msgid itself until it is translated)."""
    with translation.override("fr"):
        text = gettext(msgid)
    return text % params if params else text


def page_text(response) -> str:
    """The visible text of a page, entities decoded and whitespace collapsed."""
    soup = BeautifulSoup(response.content, "html.parser")
    return " ".join(soup.get_text(" ").split())


def signed_in(user, **kwargs) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client
