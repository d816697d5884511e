"""Agencies and their OAuth2 clients: `behoerde_anlegen`, `zugang_neu_ausstellen`, `behoerde_aktiv_setzen`."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from oauth2_provider.generators import generate_client_id, generate_client_secret
from oauth2_provider.models import AccessToken, RefreshToken, get_application_model

from behoerden.models import Behoerde, Behoerdentyp
from behoerden.permissions import darf_behoerden_verwalten
from behoerden.recht import Sicht, freigabe
from kern.audit import speichern
from kern.rollen import Rolle, berechtigung_pruefen

# --- Agencies and credentials -------------------------------------------------------------------


@dataclass(frozen=True)
class BehoerdeDaten:
    name: str
    typ: str
    kontakt_name: str = ""
    kontakt_email: str = ""
    kontakt_telefon: str = ""
    gemeinde: str = ""


def _behoerde_pruefen(daten: BehoerdeDaten, *, ausser_pk=None) -> None:
    fehler = {}
    if not daten.name.strip():
        fehler["name"] = ValidationError("Name der Behörde angeben.", code="name_fehlt")
    elif Behoerde.objects.filter(name__iexact=daten.name.strip()).exclude(pk=ausser_pk).exists():
        fehler["name"] = ValidationError("Eine Behörde mit diesem Namen ist bereits erfasst.", code="doppelt")
    if daten.typ not in Behoerdentyp.values:
        fehler["typ"] = ValidationError(
            "§ 21 Abs. 3 JVG (R-21-1): Behördentyp lit. a–j wählen.", code="typ_unbekannt"
        )
    elif freigabe(daten.typ).sicht == Sicht.UNTERSTUETZUNGSWOHNSITZ and not daten.gemeinde.strip():
        fehler["gemeinde"] = ValidationError(
            "§ 21 Abs. 3 lit. i JVG (R-21-1): Ein Sozialamt handelt für eine Gemeinde – Gemeinde angeben.",
            code="gemeinde_fehlt",
        )
    if fehler:
        raise ValidationError(fehler)


def _benutzername(name: str) -> str:
    basis = f"behoerde-{slugify(name)[:120] or 'x'}"
    User = get_user_model()
    kandidat, n = basis, 1
    while User.objects.filter(username=kandidat).exists():
        n += 1
        kandidat = f"{basis}-{n}"
    return kandidat


@transaction.atomic
def behoerde_anlegen(
    *, daten: BehoerdeDaten, durch, client_id: str | None = None, client_secret: str | None = None
) -> tuple[Behoerde, str]:
    """Record an agency with its actor (role partnerbehoerde, no password) and its OAuth2 client
    (confidential, client credentials). Returns the agency and the client secret in plain text: it is
    shown once, only its hash is stored (django-oauth-toolkit `hash_client_secret`)."""
    berechtigung_pruefen(darf_behoerden_verwalten(durch), "Partnerbehörden verwalten")
    _behoerde_pruefen(daten)
    User = get_user_model()
    benutzer = User(
        username=_benutzername(daten.name),
        rolle=Rolle.PARTNERBEHOERDE,
        first_name="Partnerbehörde",
        last_name=daten.name.strip()[:150],
        email=daten.kontakt_email,
    )
    benutzer.set_unusable_password()  # API only (OAuth2), never a browser login
    speichern(benutzer, durch=durch, grund="Partnerbehörde erfasst (§ 21 Abs. 3 JVG)")
    behoerde = Behoerde(
        name=daten.name.strip(),
        typ=daten.typ,
        kontakt_name=daten.kontakt_name.strip(),
        kontakt_email=daten.kontakt_email.strip(),
        kontakt_telefon=daten.kontakt_telefon.strip(),
        gemeinde=daten.gemeinde.strip(),
        benutzer=benutzer,
    )
    geheimnis = client_secret or generate_client_secret()
    Application = get_application_model()
    anwendung = Application(
        name=f"Partnerbehörde {daten.name.strip()}"[:255],
        client_id=client_id or generate_client_id(),
        client_secret=geheimnis,
        hash_client_secret=True,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
        user=benutzer,
        redirect_uris="",
        skip_authorization=True,
    )
    anwendung.save()
    behoerde.anwendung = anwendung
    speichern(behoerde, durch=durch, grund="Partnerbehörde erfasst, Zugang ausgestellt")
    return behoerde, geheimnis


def _tokens_widerrufen(anwendung) -> None:
    RefreshToken.objects.filter(application=anwendung).delete()
    AccessToken.objects.filter(application=anwendung).delete()


@transaction.atomic
def zugang_neu_ausstellen(*, behoerde: Behoerde, durch, client_secret: str | None = None) -> str:
    """Issue a new client secret (shown once) and revoke every token issued with the old one."""
    berechtigung_pruefen(darf_behoerden_verwalten(durch), "Partnerbehörden verwalten")
    behoerde = (
        Behoerde.objects.select_for_update(of=("self",)).select_related("anwendung").get(pk=behoerde.pk)
    )
    geheimnis = client_secret or generate_client_secret()
    anwendung = behoerde.anwendung
    if anwendung is None:
        Application = get_application_model()
        anwendung = Application(
            name=f"Partnerbehörde {behoerde.name}"[:255],
            client_id=generate_client_id(),
            client_type=Application.CLIENT_CONFIDENTIAL,
            authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
            user=behoerde.benutzer,
            hash_client_secret=True,
            skip_authorization=True,
        )
    else:
        _tokens_widerrufen(anwendung)
    anwendung.client_secret = geheimnis
    anwendung.save()
    behoerde.anwendung = anwendung
    speichern(behoerde, durch=durch, grund="Zugangsdaten neu ausgestellt, alte Tokens widerrufen")
    return geheimnis


@transaction.atomic
def behoerde_aktiv_setzen(*, behoerde: Behoerde, aktiv: bool, durch) -> Behoerde:
    """Deactivate (tokens revoked, every request 401) or reactivate an agency; never deleted (history)."""
    berechtigung_pruefen(darf_behoerden_verwalten(durch), "Partnerbehörden verwalten")
    behoerde = (
        Behoerde.objects.select_for_update(of=("self",))
        .select_related("benutzer", "anwendung")
        .get(pk=behoerde.pk)
    )
    behoerde.aktiv = aktiv
    if not aktiv and behoerde.anwendung is not None:
        _tokens_widerrufen(behoerde.anwendung)
    benutzer = behoerde.benutzer
    benutzer.is_active = aktiv
    speichern(
        benutzer, durch=durch, grund="Partnerbehörde aktiviert" if aktiv else "Partnerbehörde deaktiviert"
    )
    return speichern(
        behoerde, durch=durch, grund="Partnerbehörde aktiviert" if aktiv else "Partnerbehörde deaktiviert"
    )
