"""Browser routes of the threat management (R-BM-1..3), namespace `bedrohung`."""

from django.urls import path

from bedrohung import views as v

app_name = "bedrohung"
urlpatterns = [
    path("", v.start, name="start"),
    path("melden/", v.melden, name="melden"),
    path("meine/", v.meine, name="meine"),
    path("info/", v.info, name="info"),
    path("info/merkblatt/neu/", v.merkblatt_bearbeiten, name="merkblatt_neu"),
    path("info/merkblatt/<int:pk>/", v.merkblatt_bearbeiten, name="merkblatt_bearbeiten"),
    path("info/ansprechperson/neu/", v.ansprechperson_bearbeiten, name="ansprechperson_neu"),
    path("info/ansprechperson/<int:pk>/", v.ansprechperson_bearbeiten, name="ansprechperson_bearbeiten"),
    path("meldungen/", v.meldung_liste, name="meldung_liste"),
    path("meldungen/<int:pk>/", v.meldung_detail, name="meldung_detail"),
    path("meldungen/<int:pk>/disziplinarrapport/", v.disziplinarrapport, name="disziplinarrapport"),
    path("meldungen/<int:pk>/beilagen/", v.beilage_neu, name="beilage_neu"),
    path("meldungen/<int:pk>/einschaetzung/", v.einschaetzung, name="einschaetzung"),
    path("meldungen/<int:pk>/ansprechperson/", v.ansprechperson_zuweisen, name="ansprechperson_zuweisen"),
    path("meldungen/<int:pk>/massnahme/", v.massnahme_neu, name="massnahme_neu"),
    path("meldungen/<int:pk>/konferenz/", v.konferenz_neu, name="konferenz_neu"),
    path("meldungen/<int:pk>/abschliessen/", v.abschliessen, name="abschliessen"),
    path("massnahmen/<int:pk>/erledigt/", v.massnahme_erledigt, name="massnahme_erledigt"),
    path("beilagen/<int:pk>/", v.beilage_download, name="beilage_download"),
    path("protokoll/", v.protokoll, name="protokoll"),
]
