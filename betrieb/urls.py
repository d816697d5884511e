from django.urls import path

from betrieb import views

app_name = "betrieb"

urlpatterns = [
    path("gesundheit/", views.lebt, name="lebt"),
    path("gesundheit/bereit/", views.bereit, name="bereit"),
    path("betrieb/metriken/", views.metriken_view, name="metriken"),
]
