"""The content origin serves package files under a token, and nothing else; the site does
not serve them; no cookie is set there; only the site may frame it."""

import pytest
from django.core.checks import Warning
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import set_urlconf

from lms.scorm.checks import check_content_origin
from lms.scorm.content_views import content_type_for, safe_relative_path
from lms.scorm.models import ScormPackage, ScormPackageVersion
from lms.scorm.tokens import content_token_make, content_token_read

pytestmark = pytest.mark.django_db

CONTENT = {"HTTP_HOST": "localhost"}
SITE = {"HTTP_HOST": "127.0.0.1"}


@pytest.fixture(autouse=True)
def _root_urlconf():
    """A content-origin response left unclosed (streamed files) would leave the content
    URLconf active in this thread (Django resets it when a response is closed)."""
    yield
    set_urlconf(None)


def version_with_files(files: dict[str, bytes], number: int = 1) -> ScormPackageVersion:
    package = ScormPackage.objects.create(title="Paquet")
    prefix = f"scorm/{package.pk}/v{number}abc/"
    for name, data in files.items():
        default_storage.save(prefix + name, ContentFile(data))
    return ScormPackageVersion.objects.create(
        package=package,
        number=number,
        scorm_version="1.2",
        title="Paquet",
        storage_prefix=prefix,
        archive_sha256="0" * 64,
        archive_bytes=1,
        file_count=len(files),
        uncompressed_bytes=1,
    )


@pytest.fixture
def version():
    return version_with_files(
        {
            "index.html": b"<html><body>Bonjour</body></html>",
            "js/app.js": "console.log('é');".encode(),
            "css/site.css": b"body{}",
            "media/clip.mp4": bytes(range(256)) * 4,
            "Leçon 1/page.html": "<p>Leçon</p>".encode(),
        }
    )


@pytest.fixture
def token(version, learner):
    return content_token_make(learner_id=learner.pk, version_id=version.pk, lesson_id=1)


def assert_no_cookie(response):
    assert not response.cookies, response.cookies
    assert "Set-Cookie" not in response


def test_a_package_file_is_served_on_the_content_origin(token):
    response = Client().get(f"/{token}/index.html", **CONTENT)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"<html><body>Bonjour</body></html>"
    assert response["Content-Type"] == "text/html"
    assert response["Content-Security-Policy"] == (
        "frame-ancestors http://127.0.0.1 http://localhost"
    )
    assert "X-Frame-Options" not in response
    assert_no_cookie(response)


def test_types_follow_the_extension_and_names_may_be_utf8(token):
    client = Client()
    script = client.get(f"/{token}/js/app.js", **CONTENT)
    style = client.get(f"/{token}/css/site.css", **CONTENT)
    page = client.get(f"/{token}/Le%C3%A7on%201/page.html", **CONTENT)

    assert script["Content-Type"] == "text/javascript; charset=utf-8"
    assert style["Content-Type"] == "text/css; charset=utf-8"
    assert page.status_code == 200
    assert b"".join(page.streaming_content) == "<p>Leçon</p>".encode()
    assert script["X-Content-Type-Options"] == "nosniff"
    assert content_type_for("a/b.unknownext") == "application/octet-stream"
    assert content_type_for("x.woff2") == "font/woff2"


def test_a_byte_range_is_served_for_media(token):
    response = Client().get(f"/{token}/media/clip.mp4", HTTP_RANGE="bytes=10-19", **CONTENT)

    assert response.status_code == 206
    assert response["Content-Range"] == "bytes 10-19/1024"
    assert b"".join(response.streaming_content) == bytes(range(10, 20))
    past_end = Client().get(f"/{token}/media/clip.mp4", HTTP_RANGE="bytes=5000-", **CONTENT)
    assert past_end.status_code == 416


@pytest.mark.parametrize(
    "path",
    [
        "../secret.txt",
        "js/../../secret.txt",
        "%2e%2e/secret.txt",
        "js/%2e%2e/%2e%2e/secret.txt",
        "./index.html",
        "C:/windows.ini",
        "js\\app.js",
        "missing.html",
        "js/",
        "",
    ],
)
def test_paths_leaving_the_package_or_missing_are_404(version, token, path):
    default_storage.save("scorm/secret.txt", ContentFile(b"secret"))
    default_storage.save(version.storage_prefix.rstrip("/") + "secret.txt", ContentFile(b"s"))

    response = Client().get(f"/{token}/{path}", **CONTENT)

    assert response.status_code == 404
    assert b"secret" not in response.content
    assert_no_cookie(response)


def test_safe_relative_path():
    assert safe_relative_path("a/b/c.html") == "a/b/c.html"
    for bad in ["../x", "a/../../x", "/etc/passwd", "a\\b", "a/./b", "", "a\x00b", "D:/x"]:
        assert safe_relative_path(bad) is None, bad


def test_a_forged_or_foreign_token_opens_nothing(version, token, learner):
    other = version_with_files({"index.html": b"other"}, number=2)
    client = Client()

    assert client.get(f"/{token[:-2]}xx/index.html", **CONTENT).status_code == 404
    assert client.get("/not-a-token/index.html", **CONTENT).status_code == 404
    other_token = content_token_make(learner_id=learner.pk, version_id=other.pk, lesson_id=1)
    response = client.get(f"/{other_token}/index.html", **CONTENT)
    assert b"".join(response.streaming_content) == b"other"
    assert client.get(f"/{other_token}/js/app.js", **CONTENT).status_code == 404


def test_a_token_expires_after_a_working_day(token, settings):
    assert content_token_read(token) is not None
    settings.LMS_SCORM_CONTENT_TOKEN_MAX_AGE = -1

    assert content_token_read(token) is None
    assert Client().get(f"/{token}/index.html", **CONTENT).status_code == 404


def test_content_urls_do_not_exist_on_the_site(token):
    response = Client().get(f"/{token}/index.html", **SITE)

    assert response.status_code == 404
    assert b"Bonjour" not in response.content


@pytest.mark.parametrize(
    "path",
    ["/", "/comptes/connexion/", "/admin/", "/healthz", "/static/scorm/runtime.js", "/media/x"],
)
def test_site_urls_are_404_on_the_content_origin(path, learner):
    client = Client()
    client.force_login(learner)

    response = client.get(path, **CONTENT)

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/plain")
    assert_no_cookie(response)


def test_no_cookie_is_set_on_the_content_origin_even_with_the_site_cookies(token, learner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)  # as if the browser sent the site's cookies there
    client.cookies["django_language"] = "en"

    for path in (f"/{token}/index.html", f"/{token}/missing", "/comptes/connexion/"):
        response = client.get(path, **CONTENT)
        assert_no_cookie(response)
    assert client.post(f"/{token}/index.html", **CONTENT).status_code in {403, 404, 405}


def test_head_is_allowed_and_post_is_not(token):
    client = Client()

    assert client.head(f"/{token}/index.html", **CONTENT).status_code == 200
    assert client.post(f"/{token}/index.html", **CONTENT).status_code == 405


def test_site_pages_may_not_be_framed(home):
    response = Client().get("/", **SITE)

    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert "Content-Security-Policy" not in response


def test_deploy_check_warns_about_the_content_origin(settings):
    settings.LMS_SCORM_CONTENT_ORIGIN = ""
    assert [w.id for w in check_content_origin()] == ["scorm.W001"]

    settings.LMS_SCORM_CONTENT_ORIGIN = "https://formation.gouv.fr"
    settings.LMS_SITE_ORIGIN = "https://formation.gouv.fr"
    settings.ALLOWED_HOSTS = ["formation.gouv.fr"]
    assert "scorm.W002" in [w.id for w in check_content_origin()]

    settings.LMS_SCORM_CONTENT_ORIGIN = "https://contenu.gouv.fr"
    settings.LMS_SITE_ORIGIN = ""
    settings.ALLOWED_HOSTS = ["contenu.gouv.fr", "contenu.gouv.fr"]
    settings.ALLOWED_HOSTS = ["formation.gouv.fr", "contenu.gouv.fr"]
    assert [w.id for w in check_content_origin()] == ["scorm.W003"]

    settings.LMS_SITE_ORIGIN = "https://formation.gouv.fr"
    assert check_content_origin() == []
    assert all(isinstance(w, Warning) for w in check_content_origin())


def test_a_configured_content_origin_is_recognised_by_host(settings, token):
    settings.LMS_SCORM_CONTENT_ORIGIN = "https://contenu.gouv.fr"
    settings.LMS_SITE_ORIGIN = "https://formation.gouv.fr"
    settings.ALLOWED_HOSTS = ["formation.gouv.fr", "contenu.gouv.fr"]
    settings.SECURE_SSL_REDIRECT = False

    response = Client().get(f"/{token}/index.html", HTTP_HOST="contenu.gouv.fr")
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == (
        "frame-ancestors https://formation.gouv.fr https://contenu.gouv.fr"
    )
    on_site = Client().get(f"/{token}/index.html", HTTP_HOST="formation.gouv.fr")
    assert on_site.status_code == 404
