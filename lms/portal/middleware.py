"""French first: the interface language is French unless the person chose another one."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


def _supported(language: str | None) -> bool:
    return language in {code for code, _name in settings.LANGUAGES}


class FrenchFirstLocaleMiddleware(LocaleMiddleware):
    """Activate the language the person chose, else French.

    The choice is the language cookie (set by the language selector or the profile page),
    else, for a signed-in learner, the preferred language of their profile (then stored in
    the cookie). Unlike Django's ``LocaleMiddleware`` the browser's ``Accept-Language`` is
    ignored: a State service speaks French first and offers English on request. Placed
    after the authentication middleware.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        request._language_from_profile = False
        if not _supported(chosen):
            chosen = None
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                from lms.people.models import LearnerProfile

                preferred = (
                    LearnerProfile.objects.filter(user=user)
                    .values_list("preferred_language", flat=True)
                    .first()
                )
                if _supported(preferred):
                    chosen = preferred
                    request._language_from_profile = True
        translation.activate(chosen or settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        response = super().process_response(request, response)
        already_set = settings.LANGUAGE_COOKIE_NAME in response.cookies  # e.g. by the profile
        if getattr(request, "_language_from_profile", False) and not already_set:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                request.LANGUAGE_CODE,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            )
        return response
