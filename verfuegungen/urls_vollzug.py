"""§ 17: the route that drafts a transfer's Verfügung.

It keeps the path and name it had in the case core (`vollzug:platzierung_verfuegung`,
/vollzug/platzierungen/<pk>/verfuegung/): the project's `jvg_case/urls.py` merges it into the `vollzug`
namespace, so links and forms stay valid while the case core knows nothing of Verfügungen.
"""

from django.urls import path

from verfuegungen import views

urlpatterns = [
    path("platzierungen/<int:pk>/verfuegung/", views.platzierung_verfuegung, name="platzierung_verfuegung"),
]
