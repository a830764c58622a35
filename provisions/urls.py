from django.urls import path

from provisions import views

app_name = "provisions"

urlpatterns = [
    path("provisions/<slug:law>/<str:number>/", views.article_detail, name="article-detail"),
]
