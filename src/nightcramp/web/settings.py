"""Django settings, read from the environment through `nightcramp.config`. No secrets here.

Importing this module has no side effects: it creates no directory and no file. The commands
that start Django (`nightcramp serve` and the others that use the database, the WSGI and ASGI
entry points) call `nightcramp.config.prepare_home` first, which creates the data directory,
its static folder and the secret key.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.functional import SimpleLazyObject

from nightcramp.config import load_config, secret_key

WEB_DIR = Path(__file__).resolve().parent
# All of nightcramp's settings as one read-only value: `settings.CONFIG` in code that needs more
# than the Django settings below (the paper size, the reminder times).
CONFIG = load_config()

# Read (or, if no start-up step made it yet, generated) on first use, not on import.
SECRET_KEY = SimpleLazyObject(lambda: secret_key(CONFIG))
DEBUG = CONFIG.debug
ALLOWED_HOSTS = list(CONFIG.allowed_hosts)
SERVE_LOOPBACK = CONFIG.serve_loopback

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",  # the form templates, found through TEMPLATES (FORM_RENDERER below)
    "axes",  # failed log-ins and lockouts, kept in the database
    "django_htmx",
    "csp",
    # The store: people's records (app labels and tables as in 0.1).
    "nightcramp.store.account",
    "nightcramp.store.diary",
    "nightcramp.store.triage",
    "nightcramp.store.plan",
    "nightcramp.store.report",
    "nightcramp.store.experiments",
    "nightcramp.store.insights",
    "nightcramp.store.sharing",
    # The web adapter: pages, forms, templates and static files.
    "nightcramp.web.account",
    "nightcramp.web.diary",
    "nightcramp.web.guide",
    "nightcramp.web.learn",
    "nightcramp.web.triage",
    "nightcramp.web.insight",
    "nightcramp.web.plan",
    "nightcramp.web.report",
    "nightcramp.web.experiments",
    "nightcramp.web.sharing",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "nightcramp.web.account.session_lifetime.SessionLifetimeMiddleware",
    "nightcramp.web.account.middleware.LocalUserMiddleware",
    "nightcramp.web.account.middleware.OriginCheckMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "nightcramp.web.errors.NotAllowedPage",
    # Last, as django-axes asks: it turns a locked-out log-in into the "try again later" page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "nightcramp.web.urls"
WSGI_APPLICATION = "nightcramp.web.wsgi.application"

# Form widgets and error lists render through TEMPLATES, so that the project's own error list
# (templates/django/forms/errors/list/ul.html: each message a sentence) is the one used.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [WEB_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "nightcramp.web.context.site",
            ],
        },
    },
]


def _databases() -> dict[str, dict[str, object]]:
    if CONFIG.database_url and not CONFIG.database_url.startswith("sqlite"):
        db = dj_database_url.parse(CONFIG.database_url, conn_max_age=60, conn_health_checks=True)
        return {"default": dict(db)}
    name = (
        dj_database_url.parse(CONFIG.database_url)["NAME"]
        if CONFIG.database_url
        else str(CONFIG.sqlite_path)
    )
    return {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": name,
            "OPTIONS": {
                # WAL survives kill -9 of a writer; IMMEDIATE transactions take the write lock
                # up front so concurrent writers wait (timeout) instead of failing "locked".
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
                ),
                "transaction_mode": "IMMEDIATE",
                "timeout": 30,
            },
        }
    }


DATABASES = _databases()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# No state in a process: sessions, lockouts and idempotency keys live in the database. Nothing
# in nightcramp needs the cache, so by default there is none (Django's dummy cache keeps
# nothing), which is right for any number of workers or servers. NIGHTCRAMP_REDIS_URL gives
# every app server one shared Redis cache instead (docs/clinic.md). Never a per-process
# (local-memory) cache: `serve` runs several workers, and they would disagree.
CACHES: dict[str, dict[str, object]] = {
    "default": (
        {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": CONFIG.redis_url,
            "KEY_PREFIX": "nightcramp",
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
        }
        if CONFIG.redis_url
        else {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    )
}

# Accounts and sessions: what each setting protects, and why, is in docs/security.md.
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out name and address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# OWASP ASVS 4.0.3 V2.1: 12 to 128 characters, any characters, no composition rules; not a
# common password and not close to the name.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {
        "NAME": "nightcramp.store.account.passwords.MaximumLengthValidator",
        "OPTIONS": {"max_length": 128},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# Five wrong passwords for one name from one address lock that pair out for 15 minutes (each
# new try while locked starts the 15 minutes again); a good log-in clears the count. Kept in the
# database, so every app server counts the same tries. `nightcramp user unlock NAME` lifts it.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Many addresses together: 20 failures for one name within the cool-off time lock that name
# from every address (web/account/throttle.py).
ACCOUNT_FAILURE_CEILING = 20
AXES_HANDLER = "nightcramp.web.account.throttle.AccountCeilingHandler"
AXES_LOCKOUT_CALLABLE = "nightcramp.web.account.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "nightcramp.web.account.lockout.client_address"
AXES_HTTP_RESPONSE_CODE = 429
# Sessions live in the database (shared by every app server). A session ends after 14 days
# without use, and 30 days after the log-in however much it is used (session_lifetime.py).
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 14 * 24 * 60 * 60
ACCOUNT_SESSION_MAX_AGE = 30 * 24 * 60 * 60
LOGIN_URL = "account:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

LANGUAGE_CODE = "en"
TIME_ZONE = CONFIG.timezone
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = CONFIG.static_root
STATICFILES_DIRS = [WEB_DIR / "static"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_MAX_AGE = 3600

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = [
    f"{scheme}://{host}"
    for host in CONFIG.allowed_hosts
    if host not in {"*"} and not host.startswith(".")
    for scheme in ("http", "https")
]
if CONFIG.behind_proxy:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "worker-src": [SELF],
        "manifest-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

NIGHTCRAMP_EMERGENCY_NUMBER = CONFIG.emergency_number
# The locale's country: with the number above it decides the health line (context.services).
NIGHTCRAMP_COUNTRY = CONFIG.country

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {
        "stderr": {"class": "logging.StreamHandler"},
        "null": {"class": "logging.NullHandler"},
    },
    "root": {"handlers": ["stderr"], "level": "WARNING"},
    "loggers": {
        # A wrong Host header is answered 400; a traceback on stderr for it is noise. (With no
        # handler at all, Python's last-resort handler would print it anyway.)
        "django.security.DisallowedHost": {"handlers": ["null"], "propagate": False},
    },
}
