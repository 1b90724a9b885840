"""WSGI entry point (`nightcramp.web.wsgi:application`) for gunicorn or any WSGI server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nightcramp.web.settings")
application = get_wsgi_application()
