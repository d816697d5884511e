"""Browser routes of Zwangsmedikation and Zwangsernährung (§§ 34–39), namespace `zwangsmedizin`."""

from django.urls import path

from zwangsmedizin import views as v

app_name = "zwangsmedizin"

urlpatterns = [
    path("", v.start, name="start"),
    path("medikationen/", v.medikation_liste, name="medikation_liste"),
    path("medikationen/<int:pk>/", v.medikation_detail, name="medikation_detail"),
    path("medikationen/<int:pk>/empfehlung/", v.empfehlung_download, name="empfehlung_download"),
    path("faelle/<int:fall_pk>/medikation/", v.medikation_neu, name="medikation_neu"),
    path("hungerstreiks/", v.hungerstreik_liste, name="hungerstreik_liste"),
    path("hungerstreiks/<int:pk>/", v.hungerstreik_detail, name="hungerstreik_detail"),
    path("faelle/<int:fall_pk>/hungerstreik/", v.hungerstreik_neu, name="hungerstreik_neu"),
    path(
        "patientenverfuegungen/<int:pk>/", v.patientenverfuegung_download, name="patientenverfuegung_download"
    ),
    path(
        "patientenverfuegungen/<int:pk>/widerrufen/",
        v.patientenverfuegung_widerrufen,
        name="patientenverfuegung_widerrufen",
    ),
]
