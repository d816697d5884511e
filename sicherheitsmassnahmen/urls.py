"""Browser routes of the besondere Sicherheitsmassnahmen (§ 31 JVG), namespace `sicherheitsmassnahmen`."""

from django.urls import path

from sicherheitsmassnahmen import views as v

app_name = "sicherheitsmassnahmen"
urlpatterns = [
    path("", v.liste, name="liste"),
    path("neu/", v.neu, name="neu"),
    path("<int:pk>/", v.detail, name="detail"),
    path("<int:pk>/genehmigen/", v.genehmigen, name="genehmigen"),
    path("<int:pk>/ablehnen/", v.ablehnen, name="ablehnen"),
    path("<int:pk>/ueberpruefen/", v.ueberpruefen, name="ueberpruefen"),
    path("<int:pk>/aufheben/", v.aufheben, name="aufheben"),
]
