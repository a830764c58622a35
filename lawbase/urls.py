from django.contrib import admin
from django.urls import include, path

from opendata import urls as opendata_urls
from opendata.api import api
from pages import urls as pages_urls

handler500 = "lawbase.errors.server_error"

# The pages and /data/ share the "provisions" namespace their URL names have always had; pages
# does not import opendata, so the two are joined here.
urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("", include(([*pages_urls.urlpatterns, *opendata_urls.urlpatterns], "provisions"))),
]
