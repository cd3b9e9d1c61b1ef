"""The authorization matrix: every URL of ours, for every role, read and write.

The URL patterns are found by walking the resolvers, not listed by hand: the root URLconf
(the project's own views: ``lms.*``, ``curriculum.*``, the language switch we mount), the
content origin's URLconf (:mod:`lms.scorm.content_urls`, served on the content host by
:class:`lms.scorm.middleware.ContentOriginMiddleware`), and the Wagtail admin views we
register (``register_admin_urls`` hooks and viewsets of our models, found by their
module). Wagtail's and Django's own admin views (pages, images, documents, users, the
dashboard...) are out of scope: their permissions are Wagtail's, tested upstream. The
Wagtail-served pages of our page types are added by hand (they are not URL patterns).

Each (pattern, role, method) is one test, checked against :data:`tests.security.matrix.MATRIX`;
a pattern with no row there fails, so a new view cannot slip through unreviewed.
"""

from __future__ import annotations

import hashlib
import json
import re

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail import hooks
from wagtail.admin.viewsets import viewsets as admin_viewsets

from lms.scorm.middleware import CONTENT_URLCONF
from lms.scorm.models import ScormAttempt
from tests.security.conftest import ROLES
from tests.security.matrix import MATRIX, OUTCOMES, PAGES, Row

pytestmark = pytest.mark.django_db

SITE_HOST = "127.0.0.1"
CONTENT_HOST = "localhost"
CONTENT_ORIGIN = f"http://{CONTENT_HOST}"
OURS = ("lms.", "curriculum.")
# Django views we mount under our own URLs and whose use we decide (the language switch).
MOUNTED = {"set_language"}
CONTENT_PREFIX = "content:"
LOGIN_PATH = "/comptes/connexion/"
CSRF_SOURCE = "/comptes/mot-de-passe/oubli/"


# Discovery ----------------------------------------------------------------------------------


def _module_of(callback) -> str:
    view_class = getattr(callback, "view_class", None)
    return (view_class or callback).__module__ or ""


def _walk(resolver, namespaces=()):
    """``(name, pattern)`` of every leaf pattern, names with their namespaces."""
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = namespaces + ((entry.namespace,) if entry.namespace else ())
            yield from _walk(entry, inner)
        elif isinstance(entry, URLPattern):
            yield ":".join((*namespaces, entry.name or "<unnamed>")), entry


def _our_admin_namespaces() -> set[str]:
    """URL namespaces of the admin viewsets of our models or classes."""
    namespaces = set()
    for viewset in admin_viewsets.viewsets:
        try:
            namespace = viewset.url_namespace
        except Exception:  # noqa: BLE001, S112 - Wagtail's own unnamed viewsets
            continue
        model = getattr(viewset, "model", None)
        modules = [type(viewset).__module__, getattr(model, "__module__", "") or ""]
        ours = type(viewset).__module__.startswith(OURS)
        # Wagtail's own chooser of a snippet model of ours (its permissions are the
        # snippet's); Wagtail's user admin (whose model is our user) stays out of scope.
        snippet_chooser = namespace.startswith("wagtailsnippetchoosers_") and modules[1].startswith(
            OURS
        )
        if ours or snippet_chooser:
            namespaces.add(namespace)
    return namespaces


def _hooked_callbacks() -> set:
    """Views of the ``register_admin_urls`` hooks of our apps."""
    callbacks = set()
    for hook in hooks.get_hooks("register_admin_urls"):
        if not hook.__module__.startswith(OURS):
            continue
        for entry in hook():
            stack = [entry]
            while stack:
                item = stack.pop()
                if isinstance(item, URLResolver):
                    stack.extend(item.url_patterns)
                else:
                    callbacks.add(item.callback)
    return callbacks


def discovered_patterns() -> list[str]:
    """The names of our URL patterns (content-origin ones prefixed ``content:``)."""
    get_resolver().url_patterns  # noqa: B018 - imports the URLconf, runs the admin hooks
    namespaces = _our_admin_namespaces()
    hooked = _hooked_callbacks()
    names = []
    for name, pattern in _walk(get_resolver()):
        namespace = name.rsplit(":", 1)[0] if ":" in name else ""
        if (
            _module_of(pattern.callback).startswith(OURS)
            or pattern.callback in hooked
            or namespace in namespaces
            or name in MOUNTED
        ):
            names.append(name)
    names += [CONTENT_PREFIX + name for name, _pattern in _walk(get_resolver(CONTENT_URLCONF))]
    return sorted(set(names))


DISCOVERED = discovered_patterns()
KEYS = sorted(set(DISCOVERED) | set(MATRIX) | set(PAGES))


# Requests -----------------------------------------------------------------------------------


def _value(world, spec):
    """A URL argument from the world: ``"certificate"`` is its pk, ``"=text"`` is literal,
    ``"attr.sub"`` follows attributes (the last one's ``pk`` if it is a model)."""
    if spec.startswith("="):
        return spec[1:]
    value = world
    for part in spec.split("."):
        value = getattr(value, part)
    return getattr(value, "pk", value)


def url_of(world, key: str, row: Row) -> str:
    if key in PAGES:
        page = _value_object(world, row.page)
        return page.get_url() + row.page_suffix
    kwargs = {name: _value(world, spec) for name, spec in row.args.items()}
    if key.startswith(CONTENT_PREFIX):
        return reverse(key.removeprefix(CONTENT_PREFIX), kwargs=kwargs, urlconf=CONTENT_URLCONF)
    return reverse(key, kwargs=kwargs)


def _value_object(world, spec):
    value = world
    for part in spec.split("."):
        value = getattr(value, part)
    return value


def client_for(world, role: str, *, host: str = SITE_HOST) -> Client:
    """A client of ``role`` that checks CSRF like a browser, signed in with the session the
    world opened for that role (so a test writes nothing to sign in)."""
    client = Client(enforce_csrf_checks=True, HTTP_HOST=host)
    session = world.sessions.get(role)
    if session is not None:
        client.cookies[settings.SESSION_COOKIE_NAME] = session
    return client


_CSRF: dict[str, str] = {}


def csrf_pair(world) -> tuple[str, str]:
    """A CSRF cookie and the form token that goes with it, as a browser gets them: from a
    form the site rendered (fetched once per run; the token is not tied to a session)."""
    if not _CSRF:
        client = Client(HTTP_HOST=SITE_HOST)
        response = client.get(CSRF_SOURCE)
        html = response.content.decode()
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        assert match, f"no CSRF token in {CSRF_SOURCE} ({response.status_code})"
        _CSRF["cookie"] = client.cookies[settings.CSRF_COOKIE_NAME].value
        _CSRF["token"] = match.group(1)
    return _CSRF["cookie"], _CSRF["token"]


def outcome(response, path: str, *, page: bool = False) -> str:
    """The response as a matrix outcome (see :data:`tests.security.matrix.OUTCOMES`)."""
    status = response.status_code
    if status in (301, 302, 303, 307, 308):
        location = response["Location"]
        if location.startswith(LOGIN_PATH) or location.startswith(
            f"http://{SITE_HOST}{LOGIN_PATH}"
        ):
            return "login"
        if path.startswith("/admin/") and location == "/":
            return "away"
        if path.startswith("/admin/") and location == "/admin/":
            # Wagtail's answer to a signed-in user lacking the permission of an admin view.
            return "denied"
        # A page that sends its visitor elsewhere (a lesson to its module) did not serve it.
        return "redirect" if page else "ok"
    if 200 <= status < 300:
        return "ok"
    return {403: "denied", 404: "notfound", 405: "method", 400: "bad"}.get(status, str(status))


def _data(world, data: dict) -> dict:
    return {
        name: (_value(world, value[1:]) if value.startswith("@") else value)
        for name, value in data.items()
    }


def send(world, key: str, row: Row, role: str, method: str, *, with_csrf: bool = True):
    content = key.startswith(CONTENT_PREFIX)
    client = client_for(world, role, host=CONTENT_HOST if content else SITE_HOST)
    path = url_of(world, key, row)
    if method == "GET":
        return path, client.get(path)
    headers = dict(row.headers)
    if row.body is not None:
        return path, client.post(
            path, data=row.body, content_type="application/json", headers=headers
        )
    data = _data(world, row.data)
    if with_csrf and not content:
        cookie, token = csrf_pair(world)
        client.cookies[settings.CSRF_COOKIE_NAME] = cookie
        data["csrfmiddlewaretoken"] = token
    return path, client.post(path, data=data, headers=headers)


# The matrix ---------------------------------------------------------------------------------

CASES = [
    pytest.param(key, role, method, id=f"{key}|{role}|{method}")
    for key in KEYS
    for role in ROLES
    for method in ("GET", "POST")
]


def test_every_pattern_of_ours_has_a_row():
    missing = [name for name in DISCOVERED if name not in MATRIX]
    stale = [name for name in MATRIX if name not in DISCOVERED]
    assert not missing, (
        "URL patterns without a row in tests/security/matrix.py (decide who may use them "
        f"and add a row): {', '.join(missing)}"
    )
    assert not stale, f"Rows of tests/security/matrix.py matching no URL pattern: {stale}"


def test_the_discovery_finds_every_part_of_the_project():
    """Guards the discovery itself: each source of patterns yields some."""
    prefixes = (
        "accounts:",
        "certificates:",
        "content:",
        "people_promotion:",
        "scorm_packages:",
        "scorm_tracking:",
        "reports:",
        "binomes:",
        "curriculum_mirrorpair:",
    )
    for prefix in prefixes:
        assert any(name.startswith(prefix) for name in DISCOVERED), prefix
    assert "imports_upload" in DISCOVERED and "set_language" in DISCOVERED
    # Wagtail's own admin views are not ours.
    assert not any(name.startswith(("wagtailadmin_", "wagtailusers_")) for name in DISCOVERED)


@pytest.mark.parametrize(("key", "role", "method"), CASES)
def test_access(world, key, role, method):
    row = MATRIX.get(key) or PAGES.get(key)
    if row is None:
        pytest.fail(f"URL pattern {key!r} has no row in tests/security/matrix.py")
    expected = row.expected(method, role)
    assert expected in OUTCOMES, f"{key}: unknown outcome {expected!r}"
    path, response = send(world, key, row, role, method)
    got = outcome(response, path, page=key in PAGES)
    detail = f" -> {response.get('Location')}" if response.has_header("Location") else ""
    assert got == expected, (
        f"{method} {path} as {role}: expected {expected!r}, got {got!r} "
        f"({response.status_code}{detail})"
    )


# CSRF and safe methods ----------------------------------------------------------------------


def _first_allowed(row: Row) -> str | None:
    return next((role for role in ROLES if row.expected("POST", role) == "ok"), None)


STATE_CHANGING = sorted(key for key, row in MATRIX.items() if row.kind in ("write", "form"))


# Where somebody may POST (a row nobody may POST to is checked by the matrix itself).
CSRF_CHECKED = [
    key
    for key in STATE_CHANGING
    if not key.startswith("scorm:") and _first_allowed(MATRIX[key]) is not None
]


@pytest.mark.parametrize("key", CSRF_CHECKED)
def test_state_changing_views_refuse_a_post_without_csrf(world, key):
    row = MATRIX[key]
    role = _first_allowed(row)
    path, response = send(world, key, row, role, "POST", with_csrf=False)
    assert response.status_code == 403, (
        f"POST {path} as {role} without CSRF token: {response.status_code}"
    )


def _attempt_state(world):
    return ScormAttempt.objects.filter(pk=world.attempt.pk).values().get()


def test_the_scorm_commit_refuses_a_missing_or_forged_token_or_another_origin(world):
    """The commit endpoint is CSRF-exempt (beacons cannot carry the token): its proof is
    the signed attempt token plus the ``Origin`` header of the content origin."""
    before = _attempt_state(world)
    body = json.dumps({"runtimeData": {"cmi": {"completion_status": "completed"}}})
    forged = world.attempt_token[:-4] + (
        "AAAA" if not world.attempt_token.endswith("AAAA") else "BBBB"
    )
    client = Client(HTTP_HOST=SITE_HOST)
    cases = [
        (reverse("scorm:commit", args=[forged]), {"Origin": CONTENT_ORIGIN}),
        (reverse("scorm:commit", args=["forged"]), {"Origin": CONTENT_ORIGIN}),
        (reverse("scorm:commit", args=[world.attempt_token]), {}),
        (reverse("scorm:commit", args=[world.attempt_token]), {"Origin": "http://evil.example"}),
        (reverse("scorm:commit", args=[world.attempt_token]), {"Origin": f"http://{SITE_HOST}"}),
    ]
    for path, headers in cases:
        response = client.post(path, data=body, content_type="text/plain", headers=headers)
        assert response.status_code == 403, (path, headers, response.status_code)
        assert response.json()["result"] is False
    assert client.get(f"/scorm/commit/{world.attempt_token}/").status_code == 403
    assert _attempt_state(world) == before


def _fingerprint() -> str:
    """A digest of every row of our apps' tables, Wagtail's pages and the auth tables (the
    world is small), read raw (no field conversion, so no object reprs)."""
    digest = hashlib.sha256()
    with connection.cursor() as cursor:
        for config in apps.get_app_configs():
            if not config.name.startswith(OURS[:1] + ("curriculum",)) and config.label not in (
                "wagtailcore",
                "auth",
            ):
                continue
            for model in config.get_models():
                table = model._meta.db_table
                if table in IGNORED_TABLES:
                    continue
                pk = connection.ops.quote_name(model._meta.pk.column)
                cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)} ORDER BY {pk}")  # noqa: S608
                digest.update(f"{table}:{cursor.fetchall()!r}".encode())
    return digest.hexdigest()


# Tables a read may legitimately write: the audit trail of reads, rate-limit counters.
IGNORED_TABLES = {"lms_shared_cache"}


@pytest.mark.parametrize(
    ("key", "role"),
    [
        pytest.param(key, role, id=f"{key}|{role}")
        for key in STATE_CHANGING
        for role in ("learner_a", "trainer", "administrator")
    ],
)
def test_a_get_changes_nothing(world, key, role):
    row = MATRIX[key]
    before = _fingerprint()
    path, response = send(world, key, row, role, "GET")
    assert response.status_code < 500
    assert response.status_code == 405 or _fingerprint() == before, (
        f"GET {path} as {role} ({response.status_code}) changed the database"
    )


READS_ANSWERING_POST = sorted(
    key for key, row in MATRIX.items() if row.kind == "read" and _first_allowed(row) is not None
)


@pytest.mark.parametrize("key", READS_ANSWERING_POST)
def test_a_read_view_answering_post_changes_nothing(world, key):
    row = MATRIX[key]
    role = _first_allowed(row)
    before = _fingerprint()
    path, response = send(world, key, row, role, "POST")
    assert _fingerprint() == before, f"POST {path} as {role} changed the database"


def test_the_content_origin_needs_the_right_token(world):
    """No cookie reaches the content origin: the token is the only authority there."""
    client = Client(HTTP_HOST=CONTENT_HOST)
    sco = world.sco.pk
    learner_token, staff_token = world.content_token, world.staff_content_token
    refused = [
        # A learner's token does not open the staff preview.
        f"/{learner_token}/__apercu__/{sco}/",
        f"/forged/__apercu__/{sco}/",
        f"/forged/__runtime__/{world.attempt_token}/",
        f"/{learner_token}/__runtime__/forged/",
        # A trainer's token does not open learner A's attempt.
        f"/{staff_token}/__runtime__/{world.attempt_token}/",
        "/forged/index.html",
        f"/{learner_token}/../{learner_token}/imsmanifest.xml",
    ]
    for path in refused:
        assert client.get(path).status_code == 404, path
    assert client.get(f"/{learner_token}/index.html").status_code == 200
    # The content URLs do not exist on the site's origin.
    site = Client(HTTP_HOST=SITE_HOST)
    assert site.get(f"/{learner_token}/index.html").status_code == 404


def _outsider_requests(world):
    """Staff views about one learner, for a learner of no promotion the Formateur follows."""
    learner, module, lesson = world.outsider.pk, world.module.pk, world.scorm_lesson.pk
    subject = {"learner_id": learner, "module_id": module}
    return [
        ("GET", reverse("people_learnerprofile:inspect", args=[world.outsider.learner_profile.pk])),
        ("GET", reverse("people_learnerprofile:edit", args=[world.outsider.learner_profile.pk])),
        ("GET", reverse("reports:learner", args=[learner])),
        ("GET", reverse("progress_learner_module", kwargs=subject)),
        ("POST", reverse("progress_module_signoff", kwargs=subject)),
        ("POST", reverse("scorm_tracking:grant", args=[lesson, learner])),
    ]


@pytest.mark.parametrize("role", ["trainer", "administrator"])
def test_a_trainer_reaches_only_the_learners_of_the_promotions_they_follow(world, role):
    """The matrix's learner A is in the Formateur's promotion; learner D is not."""
    cookie, token = csrf_pair(world)
    results = {}
    for method, path in _outsider_requests(world):
        client = client_for(world, role)
        if method == "GET":
            response = client.get(path)
        else:
            client.cookies[settings.CSRF_COOKIE_NAME] = cookie
            response = client.post(path, {"csrfmiddlewaretoken": token})
        results[f"{method} {path}"] = outcome(response, path)
    if role == "administrator":
        assert all(got in ("ok", "bad") for got in results.values()), results
    else:
        assert all(got in ("denied", "notfound") for got in results.values()), results


@pytest.mark.parametrize(
    "following",
    ["/\\evil.example/", "//evil.example/", "https://evil.example/", "javascript:alert(1)"],
)
def test_marking_a_lesson_done_never_redirects_off_site(world, following):
    """The ``next`` of the « done » button stays on the site (``/\\host`` is a host to
    browsers)."""
    client = client_for(world, "learner_a")
    cookie, token = csrf_pair(world)
    client.cookies[settings.CSRF_COOKIE_NAME] = cookie
    path = reverse("progress:lesson_done", args=[world.lesson.pk])
    response = client.post(path, {"csrfmiddlewaretoken": token, "next": following})
    assert response.status_code == 302
    assert response["Location"] == world.lesson.get_url()
    kept = client.post(path, {"csrfmiddlewaretoken": token, "next": "/mon-parcours/"})
    assert kept["Location"] == "/mon-parcours/"
