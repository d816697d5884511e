from django.urls import path

from kosten import views

app_name = "kosten"

urlpatterns = [
    path("", views.start, name="start"),
    path("tagesansaetze/", views.kostgeld_liste, name="kostgeld_liste"),
    path("positionen/", views.position_liste, name="position_liste"),
    path("positionen/<int:pk>/", views.position_detail, name="position_detail"),
    path("positionen/<int:pk>/beleg/", views.position_beleg, name="position_beleg"),
    path("positionen/<int:pk>/abschreiben/", views.position_abschreiben, name="position_abschreiben"),
    path("faelle/<int:fall_pk>/position/", views.position_neu, name="position_neu"),
    path("faelle/<int:fall_pk>/beteiligung/", views.beteiligung_neu, name="beteiligung_neu"),
    path("faelle/<int:pk>/", views.fall, name="fall"),
    path("personen/<int:person_pk>/wohnsitz/", views.wohnsitz_neu, name="wohnsitz_neu"),
    path("abrechnungen/", views.abrechnung_liste, name="abrechnung_liste"),
    path("abrechnungen/neu/", views.abrechnung_neu, name="abrechnung_neu"),
    path("abrechnungen/<int:pk>/", views.abrechnung_detail, name="abrechnung_detail"),
    path("abrechnungen/<int:pk>/pdf/", views.abrechnung_pdf, name="abrechnung_pdf"),
    path("abrechnungen/<int:pk>/csv/", views.abrechnung_csv, name="abrechnung_csv"),
]
