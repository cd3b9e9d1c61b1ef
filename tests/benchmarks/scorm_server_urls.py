"""The site's URLs plus ``/bench/baseline/``: a bare Django view returning JSON, the
baseline of the commit benchmark (same server, same middleware, no work)."""

from django.http import JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from lms.urls import urlpatterns as site_urlpatterns


@csrf_exempt
def baseline(request):
    return JsonResponse({"result": True, "errorCode": 0})


urlpatterns = [path("bench/baseline/", baseline), *site_urlpatterns]
