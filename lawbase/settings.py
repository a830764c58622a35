"""Settings for LawBase, read from the environment (12-factor).

A development checkout also reads `.env` in the project (KEY=value lines; `make run` and
`make test` create it with DEBUG=1 and a random SECRET_KEY; git ignores it). The environment
wins over the file. LAWBASE_ENV_FILE names another file, or none when empty (the test suite
reads none). Production sets its variables itself and has no `.env`.

DATABASE_URL  default: an SQLite file in the project (db.sqlite3)
SECRET_KEY    required when DEBUG is off
DEBUG         "1"/"true" to turn on; off by default
ALLOWED_HOSTS comma-separated; localhost names by default
HTTPS         "1" behind TLS: secure cookies, HSTS, redirect to https (proxy sets X-Forwarded-Proto)
TRUSTED_PROXIES  how many reverse proxies in front append to X-Forwarded-For (default 0: none;
              the client's address is the connection's). Login throttling locks by it.
DB_STATEMENT_TIMEOUT_MS  PostgreSQL statement timeout; wsgi.py sets 5000 for web processes
DB_CONNECT_TIMEOUT  seconds to wait for PostgreSQL to accept a connection (default 3)
LAWBASE_RESULT_CACHE  "0" turns the result cache off (search/result_cache.py); on by default
LAWBASE_RESULT_CACHE_BACKEND   the result cache's Django cache backend; by default a table in
                      the database (search.cache_backend.GenerationDatabaseCache), which
                      `manage.py createcachetable` creates; any Django backend works, e.g.
                      django.core.cache.backends.redis.RedisCache
DATABASE_REPLICA_URLS  comma-separated PostgreSQL read replicas of DATABASE_URL: anonymous
                      visitors' reads go to them, writes and editors' reads to the primary
                      (lawbase/db_routers.py)
CACHE_URL             redis://host:port/db: the result cache in Redis (RedisCache), shared by
                      every app server, instead of the table in the database
LAWBASE_RESULT_CACHE_LOCATION  its LOCATION: the table (default lawbase_result_cache) or the
                      server's address. A cache outside the database must serve that database
                      only, and be cleared when the database is recreated or restored (entries
                      are versioned by its data-generation counter)
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

# django-environ reads the file (quoting, comments, `export` lines) into os.environ without
# overriding variables already set, so every setting below sees one environment.
ENV_FILE = os.environ.get("LAWBASE_ENV_FILE", str(BASE_DIR / ".env"))
if ENV_FILE and Path(ENV_FILE).is_file():
    environ.Env.read_env(ENV_FILE, overwrite=False)


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_flag("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-for-debug"

ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")
    if host.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_filters",
    "simple_history",
    "ninja",
    "corsheaders",
    "csp",
    "axes",
    "provisions",
    "search",
    "pages",
    "opendata",
    "pravo",
]
# The synthetic benchmark corpus (`manage.py generate_corpus`): for development, tests and
# `make bench`, never part of the product by default.
if env_flag("LAWBASE_BENCHDATA", DEBUG):
    INSTALLED_APPS.append("benchdata")

MIDDLEWARE = [
    "lawbase.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "lawbase.middleware.RequestSanityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "lawbase.middleware.ApiHeadMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "lawbase.middleware.ApiLastModifiedMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a lockout into a response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lawbase.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "lawbase.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# Totals and facet counts of list and search requests, and whole anonymous read pages, kept
# until the next write (search/result_cache.py). LAWBASE_RESULT_CACHE=0 turns it off.
LAWBASE_RESULT_CACHE = os.environ.get("LAWBASE_RESULT_CACHE", "1") != "0"
results_backend = os.environ.get(
    "LAWBASE_RESULT_CACHE_BACKEND", "search.cache_backend.GenerationDatabaseCache"
)
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "results": {
        "BACKEND": results_backend,
        "LOCATION": os.environ.get("LAWBASE_RESULT_CACHE_LOCATION", "lawbase_result_cache"),
    },
}
if results_backend.endswith("DatabaseCache"):
    # Distinct queries kept before the table is culled (Redis and memcached refuse the option).
    CACHES["results"]["OPTIONS"] = {"MAX_ENTRIES": 5000}
STATEMENT_TIMEOUT_MS = int(os.environ.get("DB_STATEMENT_TIMEOUT_MS", "0"))
# Seconds to wait for PostgreSQL to accept a connection (libpq counts 2 at least): a database
# that stops answering makes a request fail fast with the 503 page, not hang its worker.
DB_CONNECT_TIMEOUT = int(os.environ.get("DB_CONNECT_TIMEOUT", "3"))
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # TCP keepalives and a user timeout: a connection whose server vanished (host down,
    # network cut) is dropped after about 15 s instead of the kernel's two hours.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        connect_timeout=DB_CONNECT_TIMEOUT,
        keepalives=1,
        keepalives_idle=10,
        keepalives_interval=5,
        keepalives_count=3,
        tcp_user_timeout=15000,
    )
    # Tuned for many short queries from concurrent requests. JIT compiles a query for 10-30 ms
    # once its estimated cost is high, longer than these pages' queries run; a parallel worker
    # costs 3-5 ms to start and takes the core another request needs. One heavy query must
    # not hold a web worker: with DB_STATEMENT_TIMEOUT_MS, PostgreSQL cancels it after that.
    session = ["-c jit=off", "-c max_parallel_workers_per_gather=0"]
    if STATEMENT_TIMEOUT_MS:
        session.append(f"-c statement_timeout={STATEMENT_TIMEOUT_MS}")
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = " ".join(session)

# Scale-out (README, "Beyond one machine"): read replicas and a shared cache.
LAWBASE_REPLICAS = []
replica_urls = os.environ.get("DATABASE_REPLICA_URLS", "").split(",")
for number, url in enumerate(url.strip() for url in replica_urls if url.strip()):
    alias = f"replica{number + 1}"
    DATABASES[alias] = {
        **dj_database_url.parse(url, conn_max_age=DATABASES["default"]["CONN_MAX_AGE"]),
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": dict(DATABASES["default"].get("OPTIONS", {})),
        "TEST": {"MIRROR": "default"},  # tests have no replica: the primary stands in
    }
    LAWBASE_REPLICAS.append(alias)
if LAWBASE_REPLICAS:
    DATABASE_ROUTERS = ["lawbase.db_routers.ReplicaRouter"]
    MIDDLEWARE.insert(0, "lawbase.db_routers.PrimaryPinMiddleware")
if os.environ.get("CACHE_URL"):
    CACHES["results"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["CACHE_URL"],
    }

# The list's covering indexes include columns only PostgreSQL can keep in an index; SQLite
# builds them on their key column alone, which is what is wanted there.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five failed logins lock that username from that address for an hour. The address is the
# connection's, or behind TRUSTED_PROXIES reverse proxies the one they forwarded
# (lawbase.proxies; README, Deployment): else every client shares the proxy's address.
TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))
AXES_CLIENT_IP_CALLABLE = "lawbase.proxies.client_address"
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(hours=1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True

# Open data: any site may read the API, nobody may write through it.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False

# No inline script or style anywhere; the API's documentation page brings its own bundle.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/api/docs"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
if env_flag("HTTPS"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# Bulk downloads written by `manage.py export` and listed on /data/.
DATA_EXPORT_ROOT = Path(os.environ.get("DATA_EXPORT_ROOT", BASE_DIR / "exports"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "lawbase.middleware.JsonFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "requests": {"class": "logging.StreamHandler", "formatter": "json"},
    },
    "loggers": {
        # One JSON line per request (lawbase.middleware.RequestLogMiddleware).
        "lawbase.requests": {"handlers": ["requests"], "level": "INFO", "propagate": False},
        # The request log already records every 4xx; Django's own lines would repeat them.
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
