from django.urls import path

from behoerden import views

app_name = "behoerden"

urlpatterns = [
    path("", views.liste, name="liste"),
    path("neu/", views.neu, name="neu"),
    path("<int:pk>/zugang/", views.zugang, name="zugang"),
    path("<int:pk>/aktiv/", views.aktiv, name="aktiv"),
    path("bekanntgaben/", views.bekanntgaben, name="bekanntgaben"),
    path("bekanntgaben.csv", views.bekanntgaben_csv, name="bekanntgaben_csv"),
]
