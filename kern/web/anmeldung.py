"""The sign-in pages of issue 18: password with lockout message, second factor, enrolment; and the
middleware that holds every request of a session whose second factor is still open."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from kern import anmeldung, api_tokens, passkeys
from kern import zweiter_faktor as faktoren
from kern.models import ApiToken, Benutzer, Sicherheitsart
from kern.rollen import Rolle
from kern.web import aufbewahren


class AnmeldeForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Benutzername oder Passwort falsch.",
        "inactive": "Benutzername oder Passwort falsch.",
    }

    def clean(self):
        name = self.cleaned_data.get("username") or ""
        if name and anmeldung.gesperrt(name, anmeldung._ip(self.request)):
            # Same answer for existing and unknown names: the lock does not reveal who exists.
            raise ValidationError(anmeldung.sperrmeldung(), code="gesperrt")
        return super().clean()


class AnmeldeView(auth_views.LoginView):
    template_name = "registration/login.html"
    form_class = AnmeldeForm


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code aus der Authenticator-App oder Wiederherstellungscode",
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _weiter(request) -> str:
    ziel = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        ziel, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return ziel
    return reverse("start")


@login_required
def zweiter_faktor(request):
    user = request.user
    if request.session.get(anmeldung.SITZUNG_MFA) or not anmeldung.mfa_noetig(user):
        return redirect(_weiter(request))
    if not anmeldung.faktor_eingerichtet(user):
        return redirect(reverse("zweiter_faktor_einrichten"))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if anmeldung.gesperrt(user.username, anmeldung._ip(request)):
            form.add_error("code", anmeldung.sperrmeldung())
        elif anmeldung.code_pruefen(user, form.cleaned_data["code"]) or faktoren.code_einloesen(
            user, form.cleaned_data["code"], request=request
        ):
            return _faktor_bestaetigt(request, user)
        else:
            faktor_falsch(request, user)
            form.add_error("code", "Der Code ist falsch oder abgelaufen.")
    kontext = {"form": form, "next": _weiter(request), "totp": user.totp_bestaetigt_am is not None}
    return render(request, "registration/zweiter_faktor.html", {**kontext, "passkey": user.hat_passkey})


def faktor_bestaetigen(request, user, bemerkung: str = "") -> None:
    """The session has its second factor: new session key (V7.2), flag, security event."""
    request.session.cycle_key()
    request.session[anmeldung.SITZUNG_MFA] = True
    anmeldung.ereignis(Sicherheitsart.MFA_ERFOLG, request=request, benutzer=user, bemerkung=bemerkung)


def faktor_falsch(request, user, bemerkung: str = "zweiter Faktor") -> None:
    """A wrong second factor counts like a wrong password: five lock the account."""
    anmeldung.ereignis(Sicherheitsart.MFA_FEHLVERSUCH, request=request, benutzer=user, bemerkung=bemerkung)
    anmeldung.ereignis(Sicherheitsart.FEHLVERSUCH, request=request, benutzer=user, bemerkung=bemerkung)


def _faktor_bestaetigt(request, user):
    faktor_bestaetigen(request, user)
    return redirect(_weiter(request))


@login_required
def zweiter_faktor_einrichten(request):
    """Enrolment in the browser: a new secret (shown once, kept in the session until confirmed)."""
    user = request.user
    # Enrolled already, or (passkey only) not yet confirmed in this session: no new secret that would
    # let the session skip the factor it has.
    if user.totp_bestaetigt_am is not None or (
        user.hat_passkey and not request.session.get(anmeldung.SITZUNG_MFA)
    ):
        return redirect(reverse("zweiter_faktor"))
    geheimnis = request.session.get("jvg_mfa_neu") or anmeldung.geheimnis_neu()
    request.session["jvg_mfa_neu"] = geheimnis
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if anmeldung.code_pruefen(user, form.cleaned_data["code"], geheimnis=geheimnis):
            Benutzer.objects.filter(pk=user.pk).update(
                totp_geheimnis=geheimnis, totp_bestaetigt_am=timezone.now()
            )
            del request.session["jvg_mfa_neu"]
            request.session.cycle_key()
            request.session[anmeldung.SITZUNG_MFA] = True
            anmeldung.ereignis(Sicherheitsart.MFA_EINGERICHTET, request=request, benutzer=user)
            return redirect(_weiter(request))
        form.add_error("code", "Der Code ist falsch oder abgelaufen.")
    return render(
        request,
        "registration/zweiter_faktor_einrichten.html",
        {"form": form, "geheimnis": geheimnis, "uri": anmeldung.einrichtungs_uri(user, geheimnis)},
    )


# Paths a session with an open second factor may still reach.
_FREI = ("/anmelden/", "/abmelden/", "/static/", "/admin/login/", "/admin/logout/")


class SitzungMiddleware:
    """Issue 18 item 8: a session past its absolute lifetime, or begun before "log out everywhere", ends.
    Issue 19: the idle timeout is renewed here at most once a minute (no session write on every request)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and anmeldung.sitzung_abgelaufen(request):
            # Issue 17 item 7: a form posted now is kept for the same user's next sign-in.
            daten = aufbewahren.felder(request) if request.method == "POST" else []
            benutzer_id = user.pk
            logout(request)
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": "Sitzung abgelaufen: bitte neu anmelden."}, status=401)
            return aufbewahren.abgelaufen_umleiten(request, benutzer_id=benutzer_id, daten=daten)
        if user is not None and user.is_authenticated:
            anmeldung.leerlauf_verlaengern(request)
        return self.get_response(request)


@login_required
def konto(request):
    """Password change and "log out everywhere" in the browser (issue 18 item 8)."""
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)  # this session stays, every other one ends (Django)
        messages.success(request, "Das Passwort wurde geändert; Ihre anderen Sitzungen sind beendet.")
        return redirect(reverse("konto"))
    return _konto_seite(request, form=form)


# Bounded lists: one's own latest tokens, and for admin the valid tokens of everybody.
MAX_TOKENS_EIGENE = 50
MAX_TOKENS_ALLE = 200


class TokenForm(forms.Form):
    bezeichnung = forms.CharField(
        label="Bezeichnung (z. B. Werkzeug oder Gerät)", max_length=100, required=False, strip=True
    )


def _konto_seite(
    request, *, form=None, token_form=None, neues_token=None, secret=None, codes=None, status=200
):
    user = request.user
    jetzt = timezone.now()
    eigene = list(
        ApiToken.objects.filter(benutzer=user).select_related("widerrufen_durch")[:MAX_TOKENS_EIGENE]
    )
    alle = None
    if user.rolle == Rolle.ADMIN:
        alle = list(
            ApiToken.objects.filter(widerrufen_am=None, gueltig_bis__gte=jetzt)
            .select_related("benutzer")
            .order_by("benutzer__username", "-erstellt_am")[:MAX_TOKENS_ALLE]
        )
    kontext = {
        "form": form or PasswordChangeForm(user),
        "token_form": token_form or TokenForm(),
        "darf_token": api_tokens.darf_ausstellen(user),
        "tokens": eigene,
        "alle_tokens": alle,
        "jetzt": jetzt,
        "neues_token": neues_token,
        "secret": secret,
        "token_tage": settings.JVG_API_TOKEN_TAGE,
        "mfa_eingerichtet": anmeldung.faktor_eingerichtet(user),
        "codes": codes,
        "codes_offen": faktoren.codes_offen(user),
        "codes_anzahl": faktoren.ANZAHL_CODES,
        "passkeys": list(user.passkeys.all()[: passkeys.MAX_PASSKEYS]),
        "max_passkeys": passkeys.MAX_PASSKEYS,
    }
    return render(request, "registration/konto.html", kontext, status=status)


@login_required
@require_POST
def api_token_neu(request):
    """Issue 18 item 7: the user issues an API token for themself; the secret is shown on this answer
    only (it is stored as a hash), never again."""
    if not api_tokens.darf_ausstellen(request.user):  # permission before validation
        raise PermissionDenied
    token_form = TokenForm(request.POST)
    if not token_form.is_valid():
        return _konto_seite(request, token_form=token_form)
    token, secret = api_tokens.ausstellen(
        request.user, durch=request.user, bezeichnung=token_form.cleaned_data["bezeichnung"], request=request
    )
    return _konto_seite(request, neues_token=token, secret=secret)


@login_required
@require_POST
def api_token_widerrufen(request, pk: int):
    """Revoke one token: one's own, or (admin) anybody's. Another's token does not exist for the caller."""
    token = get_object_or_404(ApiToken.objects.select_related("benutzer"), pk=pk)
    if not api_tokens.darf_widerrufen(token, request.user):
        raise Http404
    if api_tokens.widerrufen(token, durch=request.user, request=request):
        messages.success(request, f"Das Token {token.praefix}… ist widerrufen.")
    else:
        messages.info(request, f"Das Token {token.praefix}… war bereits widerrufen.")
    return redirect(reverse("konto"))


@login_required
@require_POST
def wiederherstellungscodes_neu(request):
    """Ten new single-use recovery codes, shown on this answer only; the old ones are invalid at once.
    Only with a second factor set up (the codes replace it, not the password)."""
    if not anmeldung.faktor_eingerichtet(request.user):
        raise PermissionDenied
    return _konto_seite(request, codes=faktoren.codes_erstellen(request.user, request=request))


@login_required
@require_POST
def ueberall_abmelden(request):
    anmeldung.ueberall_abmelden(request.user)
    logout(request)
    return redirect(reverse("login"))


class ZweiterFaktorMiddleware:
    """Every request of a signed-in session whose second factor is open goes to the code page; API calls
    with that session cookie get 403 (token and OAuth2 callers are not sessions and pass)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.session.get(anmeldung.SITZUNG_MFA)
            and not request.path.startswith(_FREI)
            and anmeldung.mfa_noetig(user)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": "Zweiter Faktor fehlt: bitte im Browser bestätigen."}, status=403
                )
            return redirect(f"{reverse('zweiter_faktor')}?next={request.get_full_path()}")
        return self.get_response(request)
