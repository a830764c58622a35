import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lawbase.settings")
# Web workers: PostgreSQL cancels any query slower than this (management commands run without).
os.environ.setdefault("DB_STATEMENT_TIMEOUT_MS", "5000")
application = get_wsgi_application()
