"""Admin pages of the webhook subscriptions, namespace `benachrichtigungen`."""

from django.urls import path

from benachrichtigungen import views as v

app_name = "benachrichtigungen"

urlpatterns = [
    path("", v.liste, name="liste"),
    path("neu/", v.neu, name="neu"),
    path("<int:pk>/", v.detail, name="detail"),
    path("<int:pk>/<slug:was>/", v.aktion, name="aktion"),
    path("zustellungen/<int:pk>/erneut/", v.erneut, name="erneut"),
]
