from django.urls import path

from fristenkontrolle import views

app_name = "fristenkontrolle"
urlpatterns = [
    path("", views.uebersicht, name="uebersicht"),
    path("ical/", views.ical_export, name="ical"),
]
