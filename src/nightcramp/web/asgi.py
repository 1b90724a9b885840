"""ASGI entry point, for servers that prefer it.

Creates the data directory, its static folder and the secret key (if they are not there yet)
before Django starts: the settings module itself never writes anything.
"""

import os

from django.conf import settings
from django.core.asgi import get_asgi_application

from nightcramp.config import prepare_home

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nightcramp.web.settings")
prepare_home(settings.CONFIG)
application = get_asgi_application()
