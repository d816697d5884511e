"""Issue 17 item 7: a form sent after the session expired is not lost.

When a signed-out browser posts a form (idle timeout, absolute lifetime), the fields are kept on the
server in the new, anonymous session: bounded in number and size, never files, never passwords or codes,
never the CSRF token or a confirmation (`bestaetigt`). The browser goes to the sign-in page and from there
back to the page the form was on. There, and only for the same user who was signed in when the session
ended, the page says "Sitzung abgelaufen — …" and fills the form in again (a small script from our own
static files; without JavaScript the kept values are listed). Nothing is ever submitted automatically.
The kept values are shown once and then dropped; another user signing in on that browser never sees them.

Who was signed in is read from the expired session's row (Django keeps it until `clearsessions`), or
handed over by `SitzungMiddleware` when it ends a session itself.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

SCHLUESSEL = "jvg_aufbewahrt"
MAX_FELDER = 200
MAX_ZEICHEN = 60_000  # all names and values together
MELDUNG = "Sitzung abgelaufen — Ihre Eingaben wurden aufbewahrt. Bitte prüfen und erneut absenden."
HINWEIS_ANMELDUNG = "Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an; Ihre Eingaben werden danach wieder angezeigt."

# Paths whose POST is no form of the application (sign-in, API, OAuth, admin, probes).
_NICHT = ("/anmelden/", "/abmelden/", "/api/", "/o/", "/admin/", "/static/", "/gesundheit/", "/betrieb/")
_GEHEIM = ("passw", "password", "code", "token", "secret", "geheimnis")
_NIE = {"csrfmiddlewaretoken", "bestaetigt", "next"}


def _behalten(name: str) -> bool:
    klein = name.lower()
    return name not in _NIE and not any(teil in klein for teil in _GEHEIM)


def felder(request) -> list[list[str]]:
    """The POST's fields worth keeping, in order, within the bounds."""
    ergebnis: list[list[str]] = []
    zeichen = 0
    for name in request.POST:
        if not _behalten(name):
            continue
        for wert in request.POST.getlist(name):
            zeichen += len(name) + len(wert)
            if len(ergebnis) >= MAX_FELDER or zeichen > MAX_ZEICHEN:
                return ergebnis
            ergebnis.append([name, wert])
    return ergebnis


def _ziel(request) -> str:
    """The page the form was on (the referrer on this host), else the posted path."""
    herkunft = request.META.get("HTTP_REFERER", "")
    if herkunft and url_has_allowed_host_and_scheme(
        herkunft, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        teile = urlsplit(herkunft)
        pfad = teile.path + (f"?{teile.query}" if teile.query else "")
        if pfad and not pfad.startswith(_NICHT):
            return pfad
    return request.get_full_path()


def ablegen(request, *, daten: list[list[str]], benutzer_id, ziel: str) -> None:
    if daten and benutzer_id is not None:
        request.session[SCHLUESSEL] = {"benutzer": str(benutzer_id), "ziel": ziel, "felder": daten}


def _frueherer_benutzer(request):
    schluessel = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not schluessel:
        return None
    zeile = Session.objects.filter(session_key=schluessel).first()
    return zeile.get_decoded().get(SESSION_KEY) if zeile is not None else None


def abgelaufen_umleiten(request, *, benutzer_id, daten: list[list[str]] | None = None):
    """Keep the POST (if any) and send the browser to the sign-in page, then back to the form's page."""
    ziel = _ziel(request) if request.method == "POST" else request.get_full_path()
    if request.method == "POST":
        ablegen(
            request, daten=felder(request) if daten is None else daten, benutzer_id=benutzer_id, ziel=ziel
        )
    return redirect(f"{reverse('login')}?{urlencode({'next': ziel})}")


def _csrf_gueltig(request) -> bool:
    # The view's CSRF check has not run yet (it runs just before the view): a forged cross-site post
    # must not plant input into the next sign-in.
    return CsrfViewMiddleware(lambda r: None).process_view(request, lambda r: None, (), {}) is None


class AufbewahrenMiddleware:
    """Below authentication: catches the form posted by an expired session before the view's
    `login_required` would drop it, and hands the kept fields to the page after the new sign-in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            request.method == "POST"
            and not user.is_authenticated
            and settings.SESSION_COOKIE_NAME in request.COOKIES
            and not request.path.startswith(_NICHT)
            and _csrf_gueltig(request)
        ):
            benutzer_id = _frueherer_benutzer(request)
            if benutzer_id is not None:
                return abgelaufen_umleiten(request, benutzer_id=benutzer_id)
        if user.is_authenticated and request.method == "GET" and SCHLUESSEL in request.session:
            gespeichert = request.session[SCHLUESSEL]
            if gespeichert.get("benutzer") != str(user.pk):
                del request.session[SCHLUESSEL]  # somebody else's input: never shown
            elif gespeichert.get("ziel") == request.get_full_path():
                request.aufbewahrt = gespeichert["felder"]
                del request.session[SCHLUESSEL]
        return self.get_response(request)


def kontext(request):
    """Context processor: `aufbewahrt` (the kept fields for this page, once) with its message, and on the
    sign-in page the hint that input waits."""
    daten = getattr(request, "aufbewahrt", None)
    user = getattr(request, "user", None)
    wartet = (
        user is not None
        and not user.is_authenticated
        and hasattr(request, "session")
        and SCHLUESSEL in request.session
    )
    return {
        "aufbewahrt": daten,
        "aufbewahrt_meldung": MELDUNG if daten else "",
        "aufbewahrt_hinweis": HINWEIS_ANMELDUNG if wartet else "",
    }
