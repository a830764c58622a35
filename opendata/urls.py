"""/data/ and its downloads. lawbase/urls.py serves them in the "provisions" namespace with the
pages' URLs (names "provisions:data", "provisions:data-download"), where they have always been."""

from django.urls import path

from opendata import views

urlpatterns = [
    path("data/", views.data_page, name="data"),
    path("data/<str:export>/<path:filename>", views.download, name="data-download"),
]
