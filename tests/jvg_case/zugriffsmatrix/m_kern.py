"""The kernel's pages: start, sign-in and sign-out, the Fristenkontrolle (HTML, iCal), the auditors' logs
(HTML, CSV), the API root, schema and docs, the OAuth2 endpoints and the Django admin (every registered
model, with real ids)."""

from datetime import date, timedelta

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from oauth2_provider.models import Grant, IDToken, RefreshToken

from kern import api_tokens
from kern.models import Benutzer, Passkey
from verfuegungen.models import Stellvertretung

ANMELDE_PASSWORT = "Matrix-Anmeldung-2026!"


def anlegen(ds):
    # A user whose password is known: a valid sign-in is a valid payload for everyone.
    u = Benutzer(username="anmeldetest", rolle="revision", first_name="Anmelde", last_name="Test")
    u.set_password(ANMELDE_PASSWORT)
    u.save()
    ds.o["gruppe"] = Group.objects.create(name="Matrix-Gruppe")
    # Issue 17: a deputy of the management whose period has ended (it changes no one's rights now).
    ds.o["stellvertretung"] = Stellvertretung.objects.create(
        vertreter=ds.benutzer["personal_gh"],
        anstalt=ds.o["gh"],
        von=date(2020, 1, 6),
        bis=date(2020, 1, 10),
    )
    admin = ds.benutzer["admin"]
    admin.set_password(ANMELDE_PASSWORT)
    admin.save(update_fields=["password"])
    token, app = ds.o["token"], ds.o["behoerde"].anwendung
    benutzer = ds.o["behoerde"].benutzer
    # OAuth2 rows the client-credentials flow never creates; the admin lists them (no domain function
    # writes them, so they are created directly, each with a secret marker).
    ds.o["refreshtoken"] = RefreshToken.objects.create(
        user=benutzer,
        token=ds.mk("geheimnis", frozenset()).lower() + "-refresh",
        application=app,
        access_token=token,
    )
    ds.o["grant"] = Grant.objects.create(
        user=benutzer,
        code=ds.mk("geheimnis", frozenset()).lower() + "-grant",
        application=app,
        expires=timezone.now() + timedelta(minutes=5),
        redirect_uri="https://sta.invalid/cb",
        code_challenge="x" * 43,
        code_challenge_method="S256",
    )
    ds.o["idtoken"] = IDToken.objects.create(
        user=benutzer, application=app, expires=timezone.now() + timedelta(hours=1)
    )
    # Issue 18 item 7: a staff API token of the case worker (the owner may revoke it, admin too).
    sb = ds.benutzer["sachbearbeitung"]
    ds.o["api_token"] = api_tokens.ausstellen(sb, durch=sb, bezeichnung="Matrix")[0]
    # Issue 18 item 1: a passkey of the case worker (only the owner removes it).
    ds.o["passkey"] = Passkey.objects.create(
        benutzer=sb, credential_id="bWF0cml4", public_key=b"\x00", erstellt_am=timezone.now()
    )
    ziele(ds)


def ziele(ds):
    o = ds.o
    ds.ziel("start")
    ds.ziel("login", daten=lambda: {"username": "anmeldetest", "password": ANMELDE_PASSWORT})
    ds.ziel("logout", daten=lambda: {})
    # Issue 18: second factor, its enrolment, the account page and "log out everywhere".
    ds.ziel("zweiter_faktor", daten=lambda: {"code": "000000"})
    ds.ziel("zweiter_faktor_einrichten", daten=lambda: {"code": "000000"})
    ds.ziel("konto", daten=lambda: {"old_password": "falsch", "new_password1": "x", "new_password2": "x"})
    ds.ziel("ueberall_abmelden", daten=lambda: {})
    ds.ziel("api_token_neu", daten=lambda: {"bezeichnung": "Matrix"})
    ds.ziel(
        "api_token_widerrufen",
        kwargs={"pk": o["api_token"].pk},
        seite="i",
        bezug=frozenset({"eigen:sachbearbeitung"}),
        daten=lambda: {},
    )
    ds.ziel("wiederherstellungscodes_neu", daten=lambda: {})
    ds.ziel("passkey_optionen", daten=lambda: {})
    ds.ziel("passkey_registrieren", daten=lambda: {"credential": "x"})
    ds.ziel(
        "passkey_entfernen",
        kwargs={"pk": o["passkey"].pk},
        seite="i",
        bezug=frozenset({"eigen:sachbearbeitung"}),
        daten=lambda: {},
    )
    ds.ziel("passkey_anmeldung_optionen", daten=lambda: {})
    ds.ziel("passkey_anmeldung", daten=lambda: {"credential": "x"})
    ds.ziel("fristenkontrolle:uebersicht")
    ds.ziel("fristenkontrolle:ical")
    for name in (
        "protokoll:aenderungen",
        "protokoll:aenderungen_csv",
        "protokoll:lesezugriffe",
        "protokoll:lesezugriffe_csv",
        "protokoll:sicherheit",
    ):
        ds.ziel(name)
    for seite in ("a", "b"):
        person = o[f"person_{seite}"]
        ds.ziel("protokoll:aenderungen", query=f"person={person.personennummer}")
    ds.ziel("api-root")
    ds.ziel("api-root", format="json")
    ds.ziel("schema")
    ds.ziel("api-docs")
    # Operations (issue 20): probes without login; the metrics need a token that tests do not set.
    ds.ziel("betrieb:lebt")
    ds.ziel("betrieb:bereit")
    ds.ziel("betrieb:metriken")
    app = o["behoerde"].anwendung
    ds.ziel(
        "oauth2_provider:token",
        daten=lambda: {
            "grant_type": "client_credentials",
            "client_id": app.client_id,
            "client_secret": o["behoerde_geheimnis"],
            "scope": "auskunft",
        },
    )
    ds.ziel(
        "oauth2_provider:revoke-token",
        daten=lambda: {
            "token": o["token"].token,
            "client_id": app.client_id,
            "client_secret": o["behoerde_geheimnis"],
        },
    )
    _admin(ds)


def _admin(ds):
    o = ds.o
    ds.ziel("admin:index")
    ds.ziel("admin:login")
    ds.ziel("admin:logout", daten=lambda: {})
    ds.ziel(
        "admin:password_change",
        daten=lambda: {
            "old_password": ANMELDE_PASSWORT,
            "new_password1": "Neu-Passwort-2026!",
            "new_password2": "Neu-Passwort-2026!",
        },
    )
    ds.ziel("admin:password_change_done")
    ds.ziel("admin:autocomplete", query="app_label=jvg_case&model_name=benutzer&field_name=groups&term=a")
    ds.ziel("admin:jsi18n")
    ct = ContentType.objects.get_for_model(Benutzer)
    ds.ziel(
        "admin:view_on_site", kwargs={"content_type_id": ct.pk, "object_id": o["personal_gh_pk"]}, seite="i"
    )
    for app_label in ("auth", "jvg_case", "vollzug", "verfuegungen", "oauth2_provider"):
        ds.ziel(f"admin:app_list[{app_label}]", name="admin:app_list", kwargs={"app_label": app_label})
    modelle = {
        "auth_group": o["gruppe"].pk,
        "jvg_case_benutzer": o["personal_gh_pk"],
        "vollzug_anstalt": o["gh"].pk,
        "verfuegungen_stellvertretung": o["stellvertretung"].pk,
        "oauth2_provider_application": o["behoerde"].anwendung_id,
        "oauth2_provider_accesstoken": o["token"].pk,
        "oauth2_provider_grant": o["grant"].pk,
        "oauth2_provider_idtoken": o["idtoken"].pk,
        "oauth2_provider_refreshtoken": o["refreshtoken"].pk,
    }
    for modell, pk in modelle.items():
        ds.ziel(f"admin:{modell}_changelist")
        ds.ziel(
            f"admin:{modell}_add",
            daten=_admin_daten(ds, f"/admin/{PFADE[modell]}/add/", ADMIN_NEU.get(modell)),
            admin_formular="add",
        )
        ds.ziel(f"admin:{modell}_history", kwargs={"object_id": pk}, seite="i")
        ds.ziel(f"admin:{modell}_delete", kwargs={"object_id": pk}, seite="i", daten=lambda: {"post": "yes"})
        ds.ziel(
            f"admin:{modell}_change",
            kwargs={"object_id": pk},
            seite="i",
            daten=_admin_daten(ds, f"/admin/{PFADE[modell]}/{pk}/change/", None),
            admin_formular="change",
        )
        pfad = PFADE[modell]
        ds.ziel(f"admin/{pfad}/<path:object_id>/", name=f"/admin/{pfad}/{pk}/", seite="i")
    ds.ziel(
        "admin:auth_user_password_change",
        kwargs={"id": o["personal_gh_pk"]},
        seite="i",
        daten=lambda: {"password1": "Neu-Passwort-2026!", "password2": "Neu-Passwort-2026!"},
    )
    benutzer = ds.benutzer["personal_gh"]
    history_id = benutzer.history.latest("history_id").history_id
    ds.ziel(
        "admin:jvg_case_benutzer_simple_history",
        name=f"/admin/jvg_case/benutzer/{benutzer.pk}/history/{history_id}/",
        seite="i",
    )
    for art, pk in (("anstalt", o["gh"].pk),):
        history_id = o["gh"].history.latest("history_id").history_id
        ds.ziel(
            "admin:vollzug_anstalt_simple_history",
            name=f"/admin/vollzug/{art}/{pk}/history/{history_id}/",
            seite="i",
        )
    stv = o["stellvertretung"]
    ds.ziel(
        "admin:verfuegungen_stellvertretung_simple_history",
        name=f"/admin/verfuegungen/stellvertretung/{stv.pk}/history/{stv.history.latest('history_id').history_id}/",
        seite="i",
    )
    ds.ziel("admin/(?P<url>.*)$", name="/admin/unbekannt/", seite="-")


def _admin_daten(ds, url, zusatz):
    """The admin's own form (read once as admin), filled in with `zusatz`: a payload the admin saves."""
    from .anfrage import admin_formular

    zwischenspeicher = {}

    def daten():
        if "d" not in zwischenspeicher:
            from django.test import Client

            c = Client()
            c.force_login(ds.benutzer["admin"])
            zwischenspeicher["d"] = admin_formular(c, url, zusatz() if zusatz else None)
        return dict(zwischenspeicher["d"])

    return daten


PFADE = {
    "auth_group": "auth/group",
    "jvg_case_benutzer": "jvg_case/benutzer",
    "vollzug_anstalt": "vollzug/anstalt",
    "verfuegungen_stellvertretung": "verfuegungen/stellvertretung",
    "oauth2_provider_application": "oauth2_provider/application",
    "oauth2_provider_accesstoken": "oauth2_provider/accesstoken",
    "oauth2_provider_grant": "oauth2_provider/grant",
    "oauth2_provider_idtoken": "oauth2_provider/idtoken",
    "oauth2_provider_refreshtoken": "oauth2_provider/refreshtoken",
}

ADMIN_NEU = {
    "oauth2_provider_application": lambda: {
        "client_id": "neu-client-matrix",
        "client_secret": "neu-geheimnis-matrix-0123456789",
        "client_type": "confidential",
        "authorization_grant_type": "client-credentials",
        "name": "Neue Anwendung",
    },
    "auth_group": lambda: {"name": "Neue Gruppe"},
    "jvg_case_benutzer": lambda: {
        "username": "neu.benutzer",
        "password1": "Neu-Passwort-2026!",
        "password2": "Neu-Passwort-2026!",
        "usable_password": "true",
        "rolle": "revision",
    },
    # A second ended period of the dataset's deputy (personal_gh in Grosshof).
    "verfuegungen_stellvertretung": lambda: {
        "vertreter": str(Stellvertretung.objects.order_by("pk").first().vertreter_id),
        "anstalt": str(Stellvertretung.objects.order_by("pk").first().anstalt_id),
        "von": "05.01.2021",
        "bis": "08.01.2021",
        "bemerkung": "Matrix",
    },
    "vollzug_anstalt": lambda: {
        "name": "JVA Neu",
        "kurzname": "Neu",
        "ort": "Sursee",
        "traegerschaft": "kantonal",
        "aktiv": "on",
    },
}
