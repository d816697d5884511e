"""Browser routes of §§ 27, 29, 30 JVG, namespace `ueberwachung`, mounted at /ueberwachung/."""

from django.urls import path

from ueberwachung import views as v

app_name = "ueberwachung"

urlpatterns = [
    path("", v.start, name="start"),
    path("telefon/", v.telefon_liste, name="telefon_liste"),
    path("telefon/neu/", v.telefon_neu, name="telefon_neu"),
    path("telefon/<int:pk>/", v.telefon_detail, name="telefon_detail"),
    path("telefon/<int:pk>/abhoeren/", v.telefon_abhoeren, name="telefon_abhoeren"),
    path("video/", v.video_liste, name="video_liste"),
    path("video/neu/", v.video_neu, name="video_neu"),
    path("video/<int:pk>/", v.video_detail, name="video_detail"),
    path("video/<int:pk>/auswerten/", v.video_auswerten, name="video_auswerten"),
    path("video/<int:pk>/abschliessen/", v.video_abschliessen, name="video_abschliessen"),
    path("<slug:art>/<int:pk>/beizug/", v.beizug_neu, name="beizug_neu"),
    path("<slug:art>/<int:pk>/einsicht/", v.einsicht, name="einsicht"),
    path("beizuege/", v.beizug_liste, name="beizug_liste"),
    path("beizuege/<int:pk>/aufheben/", v.beizug_aufheben, name="beizug_aufheben"),
    path("zonen/", v.zonen, name="zonen"),
    path("zonen/<int:pk>/aufheben/", v.zone_aufheben, name="zone_aufheben"),
    path("rechtsbeistaende/", v.rechtsbeistaende, name="rechtsbeistaende"),
    path("rechtsbeistaende/<int:pk>/entfernen/", v.rechtsbeistand_entfernen, name="rechtsbeistand_entfernen"),
    path("ed/", v.ed_liste, name="ed_liste"),
    path("ed/neu/", v.ed_neu, name="ed_neu"),
    path("ed/<int:pk>/", v.ed_detail, name="ed_detail"),
    path("zugriffe/", v.zugriff_liste, name="zugriff_liste"),
    path("zugriffe/<int:pk>/", v.zugriff_detail, name="zugriff_detail"),
    path("zugriffe/<int:pk>/inhalt/", v.inhalt, name="inhalt"),
    path("vernichtungen/", v.vernichtung_liste, name="vernichtung_liste"),
    path("vernichtungen.csv", v.vernichtung_csv, name="vernichtung_csv"),
]
