"""Settings, read once from the environment with safe defaults (see docs/configuration.md)."""

import datetime as dt
import os
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = Path(os.environ.get("MOTCUA_HOME", Path.cwd())).resolve()


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(int(default))).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
TESTING = "pytest" in sys.modules or os.environ.get("MOTCUA_TESTING") == "1"

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and not TESTING:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-motcua-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG or TESTING else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "motcua.core",
    "motcua.organization",
    "motcua.workcalendar",
    "motcua.catalog",
    "motcua.dossiers",
    "motcua.documents",
    "motcua.portal",
    "motcua.payments",
    "motcua.notifications",
    "motcua.reports",
    "motcua.desk",
    "motcua.construction",
    "motcua.infrastructure",
    "motcua.feedback",
    "motcua.targets",
    "motcua.api",
    "motcua.demo",
    "motcua.security",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "motcua.security.middleware.DatabaseUnavailableMiddleware",
    "motcua.core.dbrouting.ReplicaReadsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "motcua.core.middleware.VietnameseByDefaultMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "motcua.security.middleware.StaffSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "motcua.urls"
WSGI_APPLICATION = "motcua.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = 5
    _prepare = os.environ.get("DB_PREPARE_THRESHOLD", "").strip().lower() or "5"
    if _prepare not in ("off", "no", "false"):
        if not _prepare.isdigit():
            raise ImproperlyConfigured("DB_PREPARE_THRESHOLD: a whole number of runs, or off")
        # Values sent apart from the SQL, and a statement run that many times on a connection
        # prepared on the server (parsed and planned once): docs/postgresql.md.
        DATABASES["default"]["OPTIONS"].update(
            server_side_binding=True, prepare_threshold=int(_prepare)
        )
    DATABASES["default"]["TEST"] = (
        {"NAME": os.environ.get("TEST_DATABASE_NAME")}
        if os.environ.get("TEST_DATABASE_NAME")
        else {}
    )

# A PostgreSQL hot standby for the reads that tolerate lag (motcua.core.dbrouting, docs/scaling.md).
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    DATABASES["replica"].setdefault("OPTIONS", {})["connect_timeout"] = 2
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["motcua.core.dbrouting.ReplicaRouter"]
DATABASE_REPLICA_PATHS = env_list(
    "DATABASE_REPLICA_PATHS",
    "/tra-cuu/,/api/v1/public/lookup,/can-bo/thong-ke/,/api/v1/stats,/api/v1/scorecard",
)
DATABASE_REPLICA_APPS = env_list("DATABASE_REPLICA_APPS", "dossiers,reports,catalog,workcalendar")
DATABASE_REPLICA_MAX_LAG = float(os.environ.get("DATABASE_REPLICA_MAX_LAG", "5"))
DATABASE_REPLICA_CHECK_SECONDS = float(os.environ.get("DATABASE_REPLICA_CHECK_SECONDS", "5"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

LOGIN_URL = "desk:login"
LOGIN_REDIRECT_URL = "desk:home"

# Staff security (docs/security.md): lockout first, then the usual password check.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # successful sign-ins are in the audit log
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_CALLABLE = "motcua.security.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "motcua.security.client.client_ip"
AXES_VERBOSE = False
SECURITY_TRUSTED_PROXIES = int(os.environ.get("SECURITY_TRUSTED_PROXIES", "0"))
SECURITY_IDLE_TIMEOUT = int(os.environ.get("STAFF_IDLE_TIMEOUT", str(30 * 60)))
SECURITY_2FA_SUPERUSERS = env_bool("SECURITY_2FA_SUPERUSERS")
SECURITY_RETRY_AFTER = int(os.environ.get("DB_UNAVAILABLE_RETRY_AFTER", "30"))
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Một Cửa")
PASSWORD_RESET_TIMEOUT = int(os.environ.get("PASSWORD_RESET_TIMEOUT", str(2 * 3600)))

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# Security: sane in production, relaxed only by DEBUG for `make run`.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
if not DEBUG and not TESTING:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# Public site address, used for absolute links in slips and QR codes.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

FORMAT_MODULE_PATH = ["motcua.formats"]

# Cache: the lookup rate limiter counts here. locmem is per process; with several workers set
# CACHE_BACKEND=django.core.cache.backends.db.DatabaseCache, CACHE_LOCATION=motcua_cache and run
# `motcua createcachetable` (see docs/configuration.md).
CACHES = {
    "default": {
        "BACKEND": os.environ.get("CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache"),
        "LOCATION": os.environ.get("CACHE_LOCATION", "motcua"),
        # Django culls a third of the entries when a write finds more than MAX_ENTRIES (300 by
        # default): with the database cache that would delete live rate-limit counters.
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_MAX_ENTRIES", "100000"))},
    }
}

# E-mail: the console in DEBUG, SMTP configured from the environment otherwise.
EMAIL_BACKEND_PATH = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
MAILERS = {"default": {"BACKEND": EMAIL_BACKEND_PATH}}
if EMAIL_BACKEND_PATH.endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": os.environ.get("EMAIL_HOST", "localhost"),
        "port": int(os.environ.get("EMAIL_PORT", "25")),
        "username": os.environ.get("EMAIL_HOST_USER", ""),
        "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS"),
        "use_ssl": env_bool("EMAIL_USE_SSL"),
        "timeout": int(os.environ.get("EMAIL_TIMEOUT", "20")),
    }
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Một Cửa <no-reply@localhost>")
SMS_BACKEND = os.environ.get("SMS_BACKEND", "motcua.notifications.sms.LoggingSmsSender")
NOTIFY_MAX_ATTEMPTS = int(os.environ.get("NOTIFY_MAX_ATTEMPTS", "5"))
NOTIFY_RETRY_SECONDS = int(os.environ.get("NOTIFY_RETRY_SECONDS", "60"))
NOTIFY_ATTACH_SLIPS = env_bool("NOTIFY_ATTACH_SLIPS", True)

# Citizen portal: uploads (checked by content: PDF, JPEG, PNG) and the lookup rate limit.
PORTAL_MAX_FILE_BYTES = int(os.environ.get("PORTAL_MAX_FILE_BYTES", str(10 * 1024 * 1024)))
PORTAL_MAX_DOSSIER_BYTES = int(os.environ.get("PORTAL_MAX_DOSSIER_BYTES", str(50 * 1024 * 1024)))
PORTAL_LOOKUP_LIMIT = int(os.environ.get("PORTAL_LOOKUP_LIMIT", "20"))
PORTAL_LOOKUP_WINDOW = int(os.environ.get("PORTAL_LOOKUP_WINDOW", "600"))

# Online payment: the provider in use and every provider installed (name → class path).
PAYMENT_PROVIDERS = {"simulated": "motcua.payments.simulated.SimulatedProvider"}
PAYMENT_PROVIDER = os.environ.get("PAYMENT_PROVIDER", "simulated")
PAYMENT_SIMULATOR_SECRET = os.environ.get("PAYMENT_SIMULATOR_SECRET", "")
