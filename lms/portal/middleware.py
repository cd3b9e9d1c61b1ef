"""French first: the interface language is French unless the person chose another one."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class FrenchFirstLocaleMiddleware(LocaleMiddleware):
    """Activate the language chosen with the language selector (cookie), else French.

    Unlike Django's ``LocaleMiddleware`` the browser's ``Accept-Language`` header is
    ignored: a State service speaks French first, and English is offered on request.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
