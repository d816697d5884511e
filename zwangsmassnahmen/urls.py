"""Browser routes of §§ 25, 26, 28, 32 and the chapter-5 landing page, namespace `zwangsmassnahmen`.

Every route has its own prefix: the other chapter-5 apps live under /zwangsmassnahmen/sicherheit/,
/zwang/ and /medizinisch/ (jvg_case/urls.py), which these patterns must never shadow."""

from django.urls import path

from zwangsmassnahmen import views as v

app_name = "zwangsmassnahmen"

urlpatterns = [
    path("", v.start, name="start"),
    path("haft/", v.haft_liste, name="haft_liste"),
    path("haft/neu/", v.haft_neu, name="haft_neu"),
    path("haft/<int:pk>/", v.haft_detail, name="haft_detail"),
    path("haft/<int:pk>/<slug:aktion>/", v.haft_aktion, name="haft_aktion"),
    path("versetzungen/", v.versetzung_liste, name="versetzung_liste"),
    path("versetzungen/neu/", v.versetzung_neu, name="versetzung_neu"),
    path("versetzungen/<int:pk>/", v.versetzung_detail, name="versetzung_detail"),
    path("kontrollen/", v.kontrolle_liste, name="kontrolle_liste"),
    path("kontrollen/neu/", v.kontrolle_neu, name="kontrolle_neu"),
    path("kontrollen/leibesvisitation/", v.leibesvisitation_neu, name="leibesvisitation_neu"),
    path("kontrollen/<int:pk>/", v.kontrolle_detail, name="kontrolle_detail"),
    path("kontrollen/<int:pk>/<slug:aktion>/", v.kontrolle_aktion, name="kontrolle_aktion"),
    path("entweichungen/", v.entweichung_liste, name="entweichung_liste"),
    path("entweichungen/neu/", v.entweichung_neu, name="entweichung_neu"),
    path("entweichungen/<int:pk>/", v.entweichung_detail, name="entweichung_detail"),
    path("entweichungen/<int:pk>/<slug:aktion>/", v.entweichung_aktion, name="entweichung_aktion"),
]
