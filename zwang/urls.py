"""Browser routes of § 33 JVG (unmittelbarer Zwang), namespace `zwang`."""

from django.urls import path

from zwang import views as v

app_name = "zwang"

urlpatterns = [
    path("", v.liste, name="liste"),
    path("neu/", v.neu, name="neu"),
    path("stellungnahmen/", v.meine_stellungnahmen, name="meine_stellungnahmen"),
    path("<int:pk>/", v.detail, name="detail"),
    path("<int:pk>/bearbeiten/", v.bearbeiten, name="bearbeiten"),
    path("<int:pk>/einreichen/", v.einreichen, name="einreichen"),
    path("<int:pk>/korrigieren/", v.korrigieren, name="korrigieren"),
    path("<int:pk>/pruefen/", v.pruefen, name="pruefen"),
    path("beteiligungen/<int:pk>/stellungnahme/", v.stellungnahme, name="stellungnahme"),
]
