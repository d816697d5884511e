from django.urls import path

from protokoll import views

app_name = "protokoll"
urlpatterns = [
    path("aenderungen/", views.aenderungen, name="aenderungen"),
    path("aenderungen.csv", views.aenderungen_csv, name="aenderungen_csv"),
    path("lesezugriffe/", views.lesezugriffe, name="lesezugriffe"),
    path("lesezugriffe.csv", views.lesezugriffe_csv, name="lesezugriffe_csv"),
    path("sicherheit/", views.sicherheit, name="sicherheit"),
]
