"""Django settings: local mode by default (SQLite in a data directory), hosted mode by
environment (``NOCONTACT_MODE=hosted``, ``DATABASE_URL``, ``SECRET_KEY``)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from nocontact.env import data_dir, env_bool, env_int, env_str, local_secret_key
from nocontact.web.crisis_resources import load_crisis_resources

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = data_dir()
MODE = env_str("NOCONTACT_MODE", "local")
HOSTED = MODE == "hosted"

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if HOSTED:
        raise ImproperlyConfigured("Hosted mode needs SECRET_KEY in the environment.")
    SECRET_KEY = local_secret_key(DATA_DIR)

ALLOWED_HOSTS = [h for h in env_str("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in env_str("CSRF_TRUSTED_ORIGINS").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "nocontact.accounts",
    "nocontact.journey",
    "nocontact.web",
    "nocontact.reminders",
    "nocontact.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "nocontact.accounts.request_cache.RequestCacheMiddleware",
    "nocontact.accounts.middleware.UserTimezoneMiddleware",
    "nocontact.web.middleware.NoStoreMiddleware",
    "nocontact.accounts.lock.AppLockMiddleware",
    "nocontact.accounts.words_middleware.WordsMiddleware",
    # Last, so that it sees the final response of a failed login.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "nocontact.urls"
WSGI_APPLICATION = "nocontact.wsgi.application"
ASGI_APPLICATION = "nocontact.asgi.application"

# The pages (base.html and all that extends it, in <app>/jinja2/) render with Jinja2 in about
# half the time of Django's engine (BENCHMARKS.md); nocontact/web/jinja2_env.py keeps
# Django's output. Django's engine stays second for whatever has no Jinja2 twin.
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "nocontact.web.jinja2_env.environment",
            "context_processors": [
                "nocontact.web.jinja2_env.csrf",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
            ],
        },
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
            ],
        },
    },
]

# Form widgets (each radio and checkbox is a template) render with Jinja2: a quarter
# less CPU on the SOS and check-in pages than Django's template engine (BENCHMARKS.md).
# A <select> (600 time zones) is written in Python, the same HTML (web/form_renderer.py).
FORM_RENDERER = "nocontact.web.form_renderer.PageFormRenderer"

# --- Database ------------------------------------------------------------------
SQLITE_PATH = DATA_DIR / "nocontact.sqlite3"
SQLITE_OPTIONS = {
    # Durability first: a slip logged at 2 a.m. must survive a power cut.
    # secure_delete: what a delete frees is overwritten with zeros (hard delete).
    "init_command": (
        "PRAGMA journal_mode=WAL;PRAGMA synchronous=FULL;PRAGMA foreign_keys=ON;"
        "PRAGMA secure_delete=ON;"
    ),
    "timeout": 10,  # seconds; becomes SQLite's busy timeout
    "transaction_mode": "IMMEDIATE",
}
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
    }
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        DATABASES["default"]["OPTIONS"] = dict(SQLITE_OPTIONS)
    elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
        "NOCONTACT_PG_PREPARED", True
    ):
        # PostgreSQL plans a query each time it is sent; a page sends the same few
        # queries again and again, and planning them cost more than running them
        # (BENCHMARKS.md). Bound on the server, each connection prepares a query the
        # fifth time it sees it (psycopg), and runs that plan from then on. Off
        # (NOCONTACT_PG_PREPARED=0) behind a pooler that hands one connection to many
        # clients in turn without prepared-statement support (docs/deploy.md).
        DATABASES["default"].setdefault("OPTIONS", {}).update(
            server_side_binding=True, prepare_threshold=5
        )
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True, mode=0o700)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(SQLITE_PATH),
            "OPTIONS": dict(SQLITE_OPTIONS),
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts and sessions -------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 24 * 30)
SECURE_COOKIES = env_bool("NOCONTACT_SECURE_COOKIES", HOSTED)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# Brute force: lock a (username, address) pair, never a username alone, so an
# ex who knows the username cannot lock the user out of their own coach.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "nocontact.accounts.views.locked"
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
# Behind a reverse proxy every request comes from the proxy's own address: name the
# header in which the proxy puts the person's (e.g. X-Real-IP, set by the proxy and
# never passed through from the client), or one failed guesser locks a name for all.
CLIENT_IP_HEADER = env_str("NOCONTACT_CLIENT_IP_HEADER")
AXES_CLIENT_IP_CALLABLE = "nocontact.accounts.client_ip.client_address"

# --- Security headers ------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if HOSTED:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # The proxy's health checks may come over plain HTTP from inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^(healthz|readyz)$"]
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    # Preloading promises HTTPS for every subdomain, for months, in every browser:
    # the operator's choice to make, so its reminder is silenced until they do.
    SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "worker-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}

# --- Language and time -------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
DEFAULT_USER_TIMEZONE = env_str("NOCONTACT_DEFAULT_TIMEZONE", "UTC")

# --- Static files: our own, served by whitenoise; nothing from a CDN ----------------
STATIC_URL = "/static/"
# Hosted mode collects static files here; local mode serves them from the package.
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(DATA_DIR / "static"))) if HOSTED else None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if HOSTED
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Local mode serves straight from the package: no collectstatic step to forget.
WHITENOISE_USE_FINDERS = not HOSTED
WHITENOISE_AUTOREFRESH = DEBUG

# --- Logging: never the content of what a user writes --------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
    # SQL logged at DEBUG carries its parameters: journal entries, the ex's nickname.
    # Its records are dropped at the source, whatever level is set (test_no_secrets_in_logs).
    "filters": {"drop": {"()": "django.utils.log.CallbackFilter", "callback": lambda _: False}},
    "loggers": {
        "axes": {"level": "WARNING"},
        "django.db.backends": {"filters": ["drop"]},
        "django.db.backends.schema": {"filters": ["drop"]},
    },
}

# --- Support resources shown for self-harm language and on the safety track ----------
# NOCONTACT_CRISIS_RESOURCES_FILE (a JSON file) or NOCONTACT_CRISIS_RESOURCES (the
# JSON itself) replace the defaults; see nocontact/web/crisis_resources.py.
CRISIS_RESOURCES = load_crisis_resources()

# --- E-mail reminders (nocontact reminders): an SMTP server of the operator's choice ---
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
# The sender shows on a lock screen: a neutral name by default.
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Reminders <reminders@localhost>")
# The app's address, for the link in reminders (empty: no link).
NOCONTACT_SITE_URL = env_str("NOCONTACT_SITE_URL")
