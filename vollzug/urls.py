from django.urls import path

from vollzug import urls_plan, views, views_vertretung

app_name = "vollzug"
urlpatterns = [
    path("personen/", views.person_list, name="person_list"),
    path("personen/neu/", views.person_neu, name="person_neu"),
    path("personen/<int:pk>/", views.person_detail, name="person_detail"),
    # Issue 17: a person's Vertretung (listed on the person page).
    path("personen/<int:pk>/vertretungen/neu/", views_vertretung.vertretung_neu, name="vertretung_neu"),
    path("vertretungen/<int:pk>/beenden/", views_vertretung.vertretung_beenden, name="vertretung_beenden"),
    path("faelle/", views.fall_list, name="fall_list"),
    path("faelle/neu/", views.fall_neu, name="fall_neu"),
    path("faelle/<int:pk>/", views.fall_detail, name="fall_detail"),
    path("faelle/<int:pk>/einweisen/", views.fall_einweisen, name="fall_einweisen"),
    path("faelle/<int:pk>/versetzen/", views.fall_versetzen, name="fall_versetzen"),
    path("faelle/<int:pk>/entlassen/", views.fall_entlassen, name="fall_entlassen"),
    path("dokumente/<int:pk>/", views.dokument_download, name="dokument_download"),
    path("platzierungen/<int:pk>/arztbericht/", views.arztbericht_download, name="arztbericht_download"),
    *urls_plan.urlpatterns,  # §18 Vollzugsplan
]
