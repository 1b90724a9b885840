"""WSGI entry point (`nightcramp.web.wsgi:application`) for gunicorn or any WSGI server.

Creates the data directory, its static folder and the secret key (if they are not there yet)
before Django starts: the settings module itself never writes anything.
"""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

from nightcramp.config import prepare_home

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nightcramp.web.settings")
prepare_home(settings.CONFIG)
application = get_wsgi_application()
