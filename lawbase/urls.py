from django.contrib import admin
from django.urls import include, path

from provisions.api import api

handler500 = "provisions.errors.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("", include("provisions.urls")),
]
