from django.urls import path

from verfuegungen import views

app_name = "verfuegungen"
urlpatterns = [
    path("", views.liste, name="liste"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/aktion/<slug:aktion>/", views.aktion, name="aktion"),
    path("<int:pk>/pdf/", views.pdf, name="pdf"),
    path("<int:pk>/vorschau.pdf", views.vorschau, name="vorschau"),
]
