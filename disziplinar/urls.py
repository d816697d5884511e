"""Browser routes of the disciplinary law (§§ 40–45), namespace `disziplinar`."""

from django.urls import path

from disziplinar import views as v

app_name = "disziplinar"
urlpatterns = [
    path("", v.start, name="start"),
    path("rapporte/", v.rapport_liste, name="rapport_liste"),
    path("rapporte/neu/", v.rapport_neu, name="rapport_neu"),
    path("rapporte/<int:pk>/", v.rapport_detail, name="rapport_detail"),
    path("rapporte/<int:pk>/verfahren/", v.verfahren_eroeffnen, name="verfahren_eroeffnen"),
    path("beilagen/<int:pk>/", v.beilage_download, name="beilage_download"),
    path("verfahren/", v.verfahren_liste, name="verfahren_liste"),
    path("verfahren/<int:pk>/", v.verfahren_detail, name="verfahren_detail"),
    path("verfahren/<int:pk>/entscheid/", v.entscheid, name="entscheid"),
    path("verfahren/<int:pk>/aktion/<slug:aktion>/", v.verfahren_aktion, name="verfahren_aktion"),
    path("sanktionen/<int:pk>/vollziehen/", v.sanktion_vollziehen, name="sanktion_vollziehen"),
    path("statistik/", v.statistik_seite, name="statistik"),
]
