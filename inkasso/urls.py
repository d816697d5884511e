from django.urls import path
from django.views.decorators.cache import never_cache

from inkasso import views

app_name = "inkasso"

# Every page shows a person's claims and payments: no-store for every authenticated response.

urlpatterns = [
    path("", never_cache(views.liste), name="liste"),
    path("neu/", never_cache(views.neu), name="neu"),
    path("forderungen/<int:pk>/", never_cache(views.detail), name="detail"),
    path("forderungen/<int:pk>/pdf/", never_cache(views.pdf), name="pdf"),
    path("forderungen/<int:pk>/betreibung.pdf", never_cache(views.betreibung_pdf), name="betreibung_pdf"),
    path("forderungen/<int:pk>/<slug:aktion>/", never_cache(views.aktion), name="aktion"),
    path("mahnungen/<int:pk>/pdf/", never_cache(views.mahnung_pdf), name="mahnung_pdf"),
    path("arbeiten/<int:pk>/einsatz/", never_cache(views.einsatz), name="einsatz"),
    path("arbeiten/<int:pk>/widerruf/", never_cache(views.widerruf), name="widerruf"),
    path("zahlungen/<int:pk>/quittung/", never_cache(views.quittung), name="quittung"),
    path("import/", never_cache(views.importieren), name="import"),
    path("klaerung/", never_cache(views.klaerung), name="klaerung"),
    path("bericht/", never_cache(views.bericht), name="bericht"),
    path("bericht.csv", never_cache(views.bericht_csv), name="bericht_csv"),
]
