"""Browser routes of the Vollzugsdaten (issue 21), namespace `vollzugsdaten`."""

from django.urls import path

from vollzugsdaten import views as v

app_name = "vollzugsdaten"

urlpatterns = [
    path("faelle/<int:pk>/", v.fall, name="fall"),
    path("faelle/<int:pk>/angaben/", v.angaben, name="angaben"),
    path("faelle/<int:pk>/massnahmen/", v.massnahme_neu, name="massnahme_neu"),
    path("massnahmen/<int:pk>/pruefung/", v.massnahme_pruefung, name="massnahme_pruefung"),
    path("massnahmen/<int:pk>/antrag/", v.antrag_neu, name="antrag_neu"),
    path("antraege/<int:pk>/antwort/", v.antwort, name="antwort"),
    path("antraege/<int:pk>/pdf/", v.antrag_pdf, name="antrag_pdf"),
    path("pruefungen/<int:pk>/", v.pruefung, name="pruefung"),
    path("pruefungen/<int:pk>/bericht-anfordern/", v.bericht_anfordern, name="bericht_anfordern"),
    path("pruefungen/<int:pk>/bericht/", v.bericht, name="bericht"),
    path("pruefungen/<int:pk>/anhoerung/", v.anhoerung, name="anhoerung"),
    path("pruefungen/<int:pk>/entscheid/", v.entscheid, name="entscheid"),
    path("pruefungen/<int:pk>/entlassen/", v.entlassen, name="entlassen"),
]
