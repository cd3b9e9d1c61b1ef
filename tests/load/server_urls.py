"""The site's URLs plus ``/_faults/slow/``: a view holding its database connection for a
while (``pg_sleep``), so that the fault test can cut a connection in the middle of a
request. Only the load and fault servers mount it (``tests.load.server_settings``)."""

from django.db import connection
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.cache import never_cache

from lms.urls import handler403, handler404, handler500  # noqa: F401
from lms.urls import urlpatterns as site_urlpatterns

SLOW_SECONDS = 1.5


@never_cache
def slow(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_sleep(%s)", [SLOW_SECONDS])
    return HttpResponse(b"slow: done", content_type="text/plain")


urlpatterns = [path("_faults/slow/", slow), *site_urlpatterns]
