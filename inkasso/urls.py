from django.urls import path

from inkasso import views

app_name = "inkasso"

urlpatterns = [
    path("", views.liste, name="liste"),
    path("neu/", views.neu, name="neu"),
    path("forderungen/<int:pk>/", views.detail, name="detail"),
    path("forderungen/<int:pk>/pdf/", views.pdf, name="pdf"),
    path("forderungen/<int:pk>/betreibung.pdf", views.betreibung_pdf, name="betreibung_pdf"),
    path("forderungen/<int:pk>/<slug:aktion>/", views.aktion, name="aktion"),
    path("mahnungen/<int:pk>/pdf/", views.mahnung_pdf, name="mahnung_pdf"),
    path("arbeiten/<int:pk>/einsatz/", views.einsatz, name="einsatz"),
    path("arbeiten/<int:pk>/widerruf/", views.widerruf, name="widerruf"),
    path("zahlungen/<int:pk>/quittung/", views.quittung, name="quittung"),
    path("import/", views.importieren, name="import"),
    path("klaerung/", views.klaerung, name="klaerung"),
    path("bericht/", views.bericht, name="bericht"),
    path("bericht.csv", views.bericht_csv, name="bericht_csv"),
]
