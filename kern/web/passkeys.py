"""The passkey endpoints (issue 18 item 1): JSON for static/js/passkey.js, the ceremony in kern.passkeys."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST
from rest_framework.exceptions import ParseError

from kern import anmeldung, passkeys
from kern.models import Passkey
from kern.web.anmeldung import _weiter, faktor_bestaetigen, faktor_falsch
from kern.web.eingabe import json_laden


def _json(request) -> dict:
    try:
        daten = json_laden(request.body.decode("utf-8"))
    except (ParseError, UnicodeDecodeError):
        raise ValidationError("Ungültige Anfrage.") from None
    if not isinstance(daten, dict) or not isinstance(daten.get("credential"), dict):
        raise ValidationError("Ungültige Anfrage.")
    return daten


def _fehler(fehler: ValidationError, status=400) -> JsonResponse:
    return JsonResponse({"fehler": " ".join(fehler.messages)}, status=status)


def _optionen(text: str) -> HttpResponse:
    return HttpResponse(text, content_type="application/json")


@login_required
@require_POST
def passkey_optionen(request):
    """Options for a new passkey of the signed-in person (behind the second factor, if any)."""
    return _optionen(passkeys.registrierung_optionen(request))


@login_required
@require_POST
def passkey_registrieren(request):
    try:
        daten = _json(request)
        passkey = passkeys.registrieren(request, daten["credential"], str(daten.get("bezeichnung") or ""))
    except ValidationError as fehler:
        return _fehler(fehler)
    if not request.session.get(anmeldung.SITZUNG_MFA):
        # The first factor of a session without one: the person has just shown the passkey (as after
        # the TOTP enrolment), so the session does not ask for it again.
        request.session.cycle_key()
        request.session[anmeldung.SITZUNG_MFA] = True
    messages.success(request, f"Der Passkey «{passkey}» ist eingerichtet.")
    return JsonResponse({"weiter": reverse("konto")})


@login_required
@require_POST
def passkey_entfernen(request, pk: int):
    passkey = get_object_or_404(Passkey.objects.select_related("benutzer"), pk=pk, benutzer=request.user)
    passkeys.entfernen(passkey, request=request)
    messages.success(request, "Der Passkey ist entfernt.")
    return redirect(reverse("konto"))


@login_required
@require_POST
def passkey_anmeldung_optionen(request):
    if not request.user.hat_passkey:
        raise Http404
    return _optionen(passkeys.anmeldung_optionen(request))


@login_required
@require_POST
def passkey_anmeldung(request):
    """The second factor by passkey; a failed check counts like a wrong code (lockout)."""
    user = request.user
    if not user.hat_passkey:
        raise Http404
    if anmeldung.gesperrt(user.username, anmeldung._ip(request)):
        return JsonResponse({"fehler": anmeldung.sperrmeldung()}, status=403)
    try:
        passkeys.pruefen(request, _json(request)["credential"])
    except ValidationError as fehler:
        faktor_falsch(request, user, bemerkung="Passkey")
        return _fehler(fehler)
    faktor_bestaetigen(request, user, bemerkung="Passkey")
    return JsonResponse({"weiter": _weiter(request)})
