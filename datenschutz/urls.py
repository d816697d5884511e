"""Browser routes of the data-protection module (§§ 22, 23 JVG, subject access), namespace `datenschutz`."""

from django.urls import path

from datenschutz import views as v

app_name = "datenschutz"

urlpatterns = [
    path("personen/<int:pk>/", v.person, name="person"),
    path("personen/<int:pk>/entbindungen/neu/", v.entbindung_neu, name="entbindung_neu"),
    path("personen/<int:pk>/kontakte/neu/", v.kontakt_neu, name="kontakt_neu"),
    path("personen/<int:pk>/strafanzeigen/neu/", v.anzeige_neu, name="anzeige_neu"),
    path("personen/<int:pk>/fachpersonen/neu/", v.mandat_neu, name="mandat_neu"),
    path("personen/<int:pk>/auskunft/", v.auskunft_seite, name="auskunft"),
    path("personen/<int:pk>/auskunft.json", v.auskunft_json, name="auskunft_json"),
    path("personen/<int:pk>/auskunft.pdf", v.auskunft_pdf, name="auskunft_pdf"),
    path("entbindungen/<int:pk>/widerrufen/", v.entbindung_widerrufen, name="entbindung_widerrufen"),
    path("entbindungen/<int:pk>/dokument/", v.entbindung_dokument, name="entbindung_dokument"),
    path("mandate/", v.mandate, name="mandate"),
    path("mandate/<int:pk>/beenden/", v.mandat_beenden, name="mandat_beenden"),
]
