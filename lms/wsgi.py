"""WSGI entry point (gunicorn ``lms.wsgi:application``)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.base")

application = get_wsgi_application()
