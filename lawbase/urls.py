from django.contrib import admin
from django.urls import include, path

from opendata.api import api

handler500 = "lawbase.errors.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("", include("pages.urls")),
]
