"""Browser routes of this app, namespace `vollzugsgestaltung` (under /vollzugsgestaltung/)."""

from django.urls import path

from vollzugsgestaltung import views as v

app_name = "vollzugsgestaltung"

urlpatterns = [
    path("", v.start, name="start"),
    path("faelle/<int:pk>/oeffnung/neu/", v.oeffnung_neu, name="oeffnung_neu"),
    path("oeffnungen/<int:pk>/", v.oeffnung_detail, name="oeffnung_detail"),
    path("oeffnungen/<int:pk>/<slug:aktion>/", v.oeffnung_aktion, name="oeffnung_aktion"),
    path("faelle/<int:pk>/vollzugsform/neu/", v.form_neu, name="form_neu"),
    path("vollzugsformen/<int:pk>/", v.form_detail, name="form_detail"),
    path("vollzugsformen/<int:pk>/<slug:aktion>/", v.form_aktion, name="form_aktion"),
    path("personen/<int:pk>/bewaehrung/neu/", v.akte_neu, name="akte_neu"),
    path("bewaehrung/<int:pk>/", v.akte_detail, name="akte_detail"),
    path("bewaehrung/<int:pk>/<slug:aktion>/", v.akte_aktion, name="akte_aktion"),
    path("bewaehrung/meldungen/<int:pk>/<slug:aktion>/", v.meldung_aktion, name="meldung_aktion"),
    path("personen/<int:pk>/begnadigung/neu/", v.gnade_neu, name="gnade_neu"),
    path("begnadigung/<int:pk>/", v.gnade_detail, name="gnade_detail"),
    path("begnadigung/<int:pk>/<slug:aktion>/", v.gnade_aktion, name="gnade_aktion"),
]
