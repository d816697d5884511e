"""/api/v1/: every module registers its endpoints here."""

from rest_framework.routers import DefaultRouter

from bedrohung import api as bedrohung_api
from disziplinar import api as disziplinar_api
from jvg_case.verfuegungen import api as verfuegungen_api
from vollzug import api_aufschub, api_plan
from vollzug.api import FallViewSet, PersonViewSet

router = DefaultRouter()
router.register("personen", PersonViewSet, basename="person")
router.register("faelle", FallViewSet, basename="fall")
api_plan.registrieren(router)  # §18 Vollzugspläne
api_aufschub.registrieren(router)  # §14 Gesuche um Aufschub/Unterbrechung
disziplinar_api.registrieren(router)  # §§ 40–45 Disziplinarrecht
bedrohung_api.registrieren(router)  # Bedrohungsmanagement (nur Team, R-BM-3)
verfuegungen_api.registrieren(router)  # Verfügungen aller Module (Genehmigung, Gehör, Eröffnung, Beschwerde)

urlpatterns = router.urls
