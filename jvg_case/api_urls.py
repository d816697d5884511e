"""/api/v1/: every module registers its endpoints here."""

from rest_framework.routers import DefaultRouter

from aufschub import api as api_aufschub
from bedrohung import api as bedrohung_api
from behoerden import api as behoerden_api
from benachrichtigungen import api as benachrichtigungen_api
from datenschutz import api as datenschutz_api
from disziplinar import api as disziplinar_api
from inkasso import api as inkasso_api
from kosten import api as kosten_api
from sicherheitsmassnahmen import api as sicherheit_api
from ueberwachung import api as ueberwachung_api
from verfuegungen import api as verfuegungen_api
from vollzug import api_plan, api_vertretung
from vollzug.api import FallViewSet, PersonViewSet
from vollzugsdaten import api as vollzugsdaten_api
from vollzugsgestaltung import api as vollzugsgestaltung_api
from zwang import api as zwang_api
from zwangsmassnahmen import api as zwangsmassnahmen_api
from zwangsmedizin import api as zwangsmedizin_api

router = DefaultRouter()
router.register("personen", PersonViewSet, basename="person")
router.register("faelle", FallViewSet, basename="fall")
api_vertretung.registrieren(router)  # Issue 17: Vertretung einer Person
api_plan.registrieren(router)  # §18 Vollzugspläne
api_aufschub.registrieren(router)  # §14 Gesuche um Aufschub/Unterbrechung
disziplinar_api.registrieren(router)  # §§ 40–45 Disziplinarrecht
bedrohung_api.registrieren(router)  # Bedrohungsmanagement (nur Team, R-BM-3)
zwangsmassnahmen_api.registrieren(router)  # §§ 25, 26, 28, 32
sicherheit_api.registrieren(router)  # § 31 besondere Sicherheitsmassnahmen
zwang_api.registrieren(router)  # § 33 unmittelbarer Zwang
zwangsmedizin_api.registrieren(router)  # §§ 34–39 Zwangsmedikation, Zwangsernährung
ueberwachung_api.registrieren(router)  # §§ 27, 29, 30 Überwachung und Aufbewahrung
kosten_api.registrieren(router)  # §§ 46–50 Kosten
inkasso_api.registrieren(router)  # § 2 Abs. 1 lit. d Inkasso
behoerden_api.registrieren(router)  # §§ 12, 21 Partnerbehörden (OAuth2, Zweckbindung, Bekanntgabeprotokoll)
benachrichtigungen_api.registrieren(router)  # Webhooks an Partnerbehörden
datenschutz_api.registrieren(router)  # §§ 22, 23 Fachpersonen, Schweigepflicht, Auskunft
vollzugsgestaltung_api.registrieren(router)  # Vollzugsöffnungen, § 16, Bewährungshilfe, § 51
vollzugsdaten_api.registrieren(router)  # Strafzeitberechnung, Art. 86–87, 59–64b StGB (issue 21)
verfuegungen_api.registrieren(router)  # Verfügungen aller Module (Genehmigung, Gehör, Eröffnung, Beschwerde)

urlpatterns = router.urls
