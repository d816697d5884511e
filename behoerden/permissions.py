"""Who may do what with partner agencies: the staff predicates, and the OAuth2 client credentials for partner agencies (§ 21 Abs. 3 JVG, R-21-1).

Client-credential tokens carry no user (PITFALLS): `BehoerdenAuthentication` resolves the token's
application to its `Behoerde` and makes the agency's own user (role partnerbehoerde) the actor of the
request (history rows, logs). `BehoerdeBerechtigt` checks the scope and the agency type's allowlist;
`BehoerdenDrosselung` throttles per agency client. Only the agency endpoints use these classes; the
staff endpoints keep their session/token authentication (where partnerbehoerde users see nothing).
"""

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from oauth2_provider.contrib.rest_framework import OAuth2Authentication
from oauth2_provider.oauth2_validators import OAuth2Validator
from oauth2_provider.scopes import SettingsScopes
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.permissions import BasePermission
from rest_framework.throttling import SimpleRateThrottle

from behoerden.models import Behoerde
from behoerden.recht import SCOPE, scopes_fuer
from kern.rollen import Rolle, hat_rolle

TOKEN_URL = "/o/token/"


def _behoerde_der_anwendung(anwendung) -> Behoerde | None:
    if anwendung is None:
        return None
    try:
        return Behoerde.objects.select_related("benutzer").get(anwendung=anwendung)
    except Behoerde.DoesNotExist:
        return None


class BehoerdenAuthentication(OAuth2Authentication):
    """Bearer token of an agency client → (agency user, token); unknown/expired token or inactive agency → 401."""

    def authenticate(self, request):
        ergebnis = super().authenticate(request)
        if ergebnis is None:
            if request.META.get("HTTP_AUTHORIZATION", "").lower().startswith("bearer "):
                raise AuthenticationFailed("Ungültiges oder abgelaufenes Zugriffstoken.")
            return None
        _user, token = ergebnis
        behoerde = _behoerde_der_anwendung(token.application)
        if behoerde is None or not behoerde.aktiv or not behoerde.benutzer.is_active:
            raise AuthenticationFailed("Dieser Zugang ist keiner aktiven Partnerbehörde zugeordnet.")
        request._behoerde = behoerde
        return behoerde.benutzer, token


def behoerde_von(request) -> Behoerde | None:
    return getattr(request, "_behoerde", None) or getattr(request._request, "_behoerde", None)


class BehoerdeBerechtigt(BasePermission):
    """The view's endpoint is in the agency type's allowlist and the token carries its scope (403 otherwise)."""

    message = (
        "§ 21 JVG (R-21-1): Dieser Endpunkt ist für diesen Behördentyp oder dieses Token nicht freigegeben."
    )

    def has_permission(self, request, view):
        behoerde = behoerde_von(request)
        token = request.auth
        if behoerde is None or token is None or not hasattr(token, "allow_scopes"):
            return False
        from behoerden.recht import freigabe

        endpunkt = view.endpunkt
        return endpunkt in freigabe(behoerde.typ).endpunkte and token.allow_scopes([SCOPE[endpunkt]])


class BehoerdenDrosselung(SimpleRateThrottle):
    """Requests per agency client (setting JVG_BEHOERDEN_RATE, e.g. "120/min"). Not a security control."""

    scope = "behoerde"

    def get_rate(self):
        return settings.JVG_BEHOERDEN_RATE

    def get_cache_key(self, request, view):
        behoerde = behoerde_von(request)
        if behoerde is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": behoerde.pk}


class BehoerdenScopes(SettingsScopes):
    """An agency's client may obtain only the scopes of its type's endpoints (Strafbehörde: + urteile)."""

    def get_available_scopes(self, application=None, request=None, *args, **kwargs):
        behoerde = _behoerde_der_anwendung(application)
        if behoerde is None or not behoerde.aktiv:
            return []
        return scopes_fuer(behoerde.typ)

    def get_default_scopes(self, application=None, request=None, *args, **kwargs):
        return self.get_available_scopes(application, request)


class BehoerdenValidator(OAuth2Validator):
    """No token for the client of an inactive agency."""

    def authenticate_client(self, request, *args, **kwargs):
        if not super().authenticate_client(request, *args, **kwargs):
            return False
        behoerde = _behoerde_der_anwendung(getattr(request, "client", None))
        return behoerde is not None and behoerde.aktiv


class BehoerdenSchema(OpenApiAuthenticationExtension):
    target_class = "behoerden.permissions.BehoerdenAuthentication"
    name = "oauth2Partnerbehoerde"
    priority = 1

    def get_security_requirement(self, auto_schema):
        endpunkt = getattr(auto_schema.view, "endpunkt", None)
        return {self.name: [SCOPE[endpunkt]] if endpunkt else []}

    def get_security_definition(self, auto_schema):
        return {
            "type": "oauth2",
            "description": "OAuth2 Client Credentials (RFC 6749 Abschnitt 4.4) für Partnerbehörden nach § 21 "
            "Abs. 3 JVG. Zugangsdaten stellt die Systemadministration aus; das Geheimnis wird nur einmal "
            "angezeigt. Jede Anfrage zusätzlich mit den Headern X-Zweck und X-Sachbearbeitung.",
            "flows": {
                "clientCredentials": {
                    "tokenUrl": TOKEN_URL,
                    "scopes": dict(settings.OAUTH2_PROVIDER["SCOPES"]),
                }
            },
        }


def darf_behoerden_verwalten(user) -> bool:
    # Roles table: admin manages users and settings; an agency client is a technical user of that kind.
    return hat_rolle(user, Rolle.ADMIN)


def darf_bekanntgaben_einsehen(user) -> bool:
    # R-21-1 / R-0-AUDIT-2: the auditors search the log. It names the persons asked about and by which
    # agency (person data): the administration administers and does not audit, as for the change and
    # read logs (`protokoll.queries.darf_protokolle_einsehen`); the roles table gives it no person data.
    return hat_rolle(user, Rolle.REVISION)
