"""Browser routes of Aufschub und Unterbrechung (§14).

They keep the names and paths they had in the case core (`vollzug:gesuch14_*` under /vollzug/): the project's
`jvg_case/urls.py` merges them into the `vollzug` namespace, so no link or bookmark changed with the move.
"""

from django.urls import path

from aufschub import views as v

urlpatterns = [
    path("gesuche-14/", v.gesuch_liste, name="gesuch14_liste"),
    path("faelle/<int:pk>/gesuche-14/neu/", v.gesuch_neu, name="gesuch14_neu"),
    path("gesuche-14/<int:pk>/", v.gesuch_detail, name="gesuch14_detail"),
    path("gesuche-14/<int:pk>/arztzeugnis/", v.arztzeugnis_download, name="gesuch14_arztzeugnis"),
    path("gesuche-14/<int:pk>/aktion/<slug:aktion>/", v.gesuch_aktion, name="gesuch14_aktion"),
    path("gesuche-14/<int:pk>/schritt/<slug:schritt>/", v.gesuch_schritt, name="gesuch14_schritt"),
]
