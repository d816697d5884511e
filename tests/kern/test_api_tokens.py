"""Issue 18 item 7: staff API tokens are hashed at rest, expire, and are listed and revoked by their owner
and by admin; every issue and revocation is a history entry with its actor and a security event."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from kern import api_tokens
from kern.models import ApiToken, Sicherheitsart, Sicherheitsereignis

pytestmark = pytest.mark.django_db

PERSONEN = "/api/v1/personen/"


def _api(secret: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    return client


def _ausstellen_im_browser(client, bezeichnung="Auswertung"):
    antwort = client.post(reverse("api_token_neu"), {"bezeichnung": bezeichnung})
    assert antwort.status_code == 200
    secret = antwort.context["secret"]
    assert secret and secret in antwort.content.decode()
    return antwort, secret


def _alle_texte_der_datenbank() -> str:
    """Every text column of the token table, its history and the security log, as one string."""
    teile = []
    with connection.cursor() as cursor:
        for tabelle in ("jvg_case_apitoken", "jvg_case_historicalapitoken", "jvg_case_sicherheitsereignis"):
            cursor.execute(f"SELECT * FROM {tabelle}")  # noqa: S608 (fixed table names)
            teile += [str(wert) for zeile in cursor.fetchall() for wert in zeile]
    return "\n".join(teile)


def test_issued_in_the_browser_secret_shown_once_and_only_its_hash_stored(client_als, sachbearbeitung):
    client = client_als(sachbearbeitung)
    antwort, secret = _ausstellen_im_browser(client)
    assert antwort["Cache-Control"] == "no-store, private"
    token = ApiToken.objects.get(benutzer=sachbearbeitung)
    assert token.schluessel_hash == api_tokens.hash_von(secret) != secret
    assert secret not in _alle_texte_der_datenbank()
    assert secret.split(".", 1)[1] not in _alle_texte_der_datenbank()
    # Shown once: the account page lists the token by its prefix, never the secret again.
    liste = client.get(reverse("konto")).content.decode()
    assert f"{token.praefix}…" in liste and secret not in liste
    # It works, with the same header as before.
    assert _api(secret).get(PERSONEN).status_code == 200
    # History with the actor, and a security event.
    assert token.history.get().history_user == sachbearbeitung
    e = Sicherheitsereignis.objects.get(art=Sicherheitsart.TOKEN_AUSGESTELLT)
    assert (e.benutzer, e.durch) == (sachbearbeitung, sachbearbeitung)


def test_expiry_boundary_day_90_accepted_day_91_refused(sachbearbeitung, settings):
    settings.JVG_API_TOKEN_TAGE = 90
    t0 = timezone.now()
    with time_machine.travel(t0, tick=False):
        token, secret = api_tokens.ausstellen(sachbearbeitung, durch=sachbearbeitung)
    assert token.gueltig_bis == t0 + timedelta(days=90)
    with time_machine.travel(t0 + timedelta(days=90), tick=False):
        assert _api(secret).get(PERSONEN).status_code == 200
    with time_machine.travel(t0 + timedelta(days=90, seconds=1), tick=False):
        assert _api(secret).get(PERSONEN).status_code == 401
    with time_machine.travel(t0 + timedelta(days=91), tick=False):
        antwort = _api(secret).get(PERSONEN)
    assert antwort.status_code == 401
    assert "abgelaufen" in antwort.json()["detail"]


def test_expiry_follows_the_setting(sachbearbeitung, settings):
    settings.JVG_API_TOKEN_TAGE = 7
    t0 = timezone.now()
    with time_machine.travel(t0, tick=False):
        _, secret = api_tokens.ausstellen(sachbearbeitung, durch=None)
    with time_machine.travel(t0 + timedelta(days=8), tick=False):
        assert _api(secret).get(PERSONEN).status_code == 401


def test_revoked_token_is_refused_and_revocation_recorded(client_als, sachbearbeitung):
    client = client_als(sachbearbeitung)
    _, secret = _ausstellen_im_browser(client)
    token = ApiToken.objects.get(benutzer=sachbearbeitung)
    assert _api(secret).get(PERSONEN).status_code == 200
    antwort = client.post(reverse("api_token_widerrufen", args=[token.pk]))
    assert antwort.status_code == 302
    assert _api(secret).get(PERSONEN).status_code == 401
    token.refresh_from_db()
    assert token.widerrufen_am is not None and token.widerrufen_durch == sachbearbeitung
    assert token.history.first().history_user == sachbearbeitung
    assert (
        Sicherheitsereignis.objects.filter(art=Sicherheitsart.TOKEN_WIDERRUFEN, durch=sachbearbeitung).count()
        == 1
    )
    # A second revocation writes nothing.
    client.post(reverse("api_token_widerrufen", args=[token.pk]))
    assert Sicherheitsereignis.objects.filter(art=Sicherheitsart.TOKEN_WIDERRUFEN).count() == 1
    assert "widerrufen am" in client.get(reverse("konto")).content.decode()


@pytest.mark.rule("R-0-ROLE-1")
def test_user_lists_and_revokes_only_own_tokens(client_als, sachbearbeitung, sachbearbeitung2):
    fremd, fremd_secret = api_tokens.ausstellen(sachbearbeitung2, durch=sachbearbeitung2)
    client = client_als(sachbearbeitung)
    _ausstellen_im_browser(client)
    seite = client.get(reverse("konto")).content.decode()
    assert f"{fremd.praefix}…" not in seite
    assert client.post(reverse("api_token_widerrufen", args=[fremd.pk])).status_code == 404
    fremd.refresh_from_db()
    assert fremd.widerrufen_am is None
    assert _api(fremd_secret).get(PERSONEN).status_code == 200
    assert client.get(reverse("api_token_widerrufen", args=[fremd.pk])).status_code == 405


@pytest.mark.rule("R-0-ROLE-1")
def test_admin_lists_and_revokes_any_token_but_gets_none(client_als, admin_user, sachbearbeitung):
    token, secret = api_tokens.ausstellen(sachbearbeitung, durch=sachbearbeitung)
    client = client_als(admin_user)
    seite = client.get(reverse("konto")).content.decode()
    assert f"{token.praefix}…" in seite and "Neues Token ausstellen" not in seite
    assert client.post(reverse("api_token_neu"), {"bezeichnung": "x"}).status_code == 403
    assert not ApiToken.objects.filter(benutzer=admin_user).exists()
    assert client.post(reverse("api_token_widerrufen", args=[token.pk])).status_code == 302
    assert _api(secret).get(PERSONEN).status_code == 401
    e = Sicherheitsereignis.objects.get(art=Sicherheitsart.TOKEN_WIDERRUFEN)
    assert (e.benutzer, e.durch) == (sachbearbeitung, admin_user)
    token.refresh_from_db()
    assert token.history.first().history_user == admin_user


@pytest.mark.parametrize("anzahl", [1, 6])
def test_admin_list_runs_a_constant_number_of_queries(
    client_als, admin_user, sachbearbeitung, sachbearbeitung2, anzahl, django_assert_max_num_queries
):
    for user in (sachbearbeitung, sachbearbeitung2):
        for _ in range(anzahl):
            api_tokens.ausstellen(user, durch=user)
    client = client_als(admin_user)
    client.get(reverse("konto"))
    # session, user and the page's fixed reads: own tokens, everybody's valid tokens with their owners,
    # the count of open recovery codes and the own passkeys (issue 18 item 1)
    with django_assert_max_num_queries(9):
        antwort = client.get(reverse("konto"))
    assert antwort.content.decode().count("Widerrufen</button>") == 2 * anzahl


def test_too_long_label_shows_the_form_again_and_issues_nothing(client_als, sachbearbeitung):
    antwort = client_als(sachbearbeitung).post(reverse("api_token_neu"), {"bezeichnung": "x" * 101})
    assert antwort.status_code == 200 and antwort.context["secret"] is None
    assert "höchstens 100 Zeichen" in antwort.content.decode()
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("kopf", ["Token ", "Token abc", "Token " + "a" * 500, "Token a b", "Bearer xyz"])
def test_malformed_or_unknown_secret_is_401_never_500(sachbearbeitung, kopf):
    api_tokens.ausstellen(sachbearbeitung, durch=None)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=kopf)
    assert client.get(PERSONEN).status_code == 401


def test_inactive_user_token_refused(sachbearbeitung):
    _, secret = api_tokens.ausstellen(sachbearbeitung, durch=None)
    sachbearbeitung.is_active = False
    sachbearbeitung.save()
    assert _api(secret).get(PERSONEN).status_code == 401


def test_command_prints_secret_once_revokes_the_old_and_stores_a_hash(sachbearbeitung):
    out = StringIO()
    call_command("token_ausstellen", sachbearbeitung.username, stdout=out, stderr=StringIO())
    erstes = out.getvalue().strip()
    out = StringIO()
    call_command(
        "token_ausstellen", sachbearbeitung.username, "--bezeichnung", "Skript", stdout=out, stderr=StringIO()
    )
    zweites = out.getvalue().strip()
    assert _api(erstes).get(PERSONEN).status_code == 401
    assert _api(zweites).get(PERSONEN).status_code == 200
    assert zweites not in _alle_texte_der_datenbank()
    neu = ApiToken.objects.filter(benutzer=sachbearbeitung, widerrufen_am=None).get()
    assert neu.bezeichnung == "Skript"
    # R-0-AUDIT-1: the command's own account is the actor of the issue and of the revocation.
    assert neu.history.get().history_user.username == "job:token_ausstellen"
    alt = ApiToken.objects.exclude(pk=neu.pk).get()
    assert alt.widerrufen_durch.username == "job:token_ausstellen"


def test_last_use_is_recorded(sachbearbeitung):
    token, secret = api_tokens.ausstellen(sachbearbeitung, durch=None)
    assert token.zuletzt_benutzt is None
    _api(secret).get(PERSONEN)
    token.refresh_from_db()
    assert token.zuletzt_benutzt is not None


def test_migration_hashes_existing_drf_tokens_so_clients_keep_working_until_expiry(sachbearbeitung, settings):
    """Data migration 0015: the plain-text DRF key becomes a hashed token valid for JVG_API_TOKEN_TAGE
    days from the migration; the plain-text row is gone."""
    import importlib

    from django.db.migrations.loader import MigrationLoader
    from rest_framework.authtoken.models import Token

    migration = importlib.import_module("kern.migrations.0015_api_token")
    alt = Token.objects.create(user=sachbearbeitung)
    settings.JVG_API_TOKEN_TAGE = 90
    t0 = timezone.now()
    with time_machine.travel(t0, tick=False):
        # the models as the migration sees them (no history signals: it writes the history row itself)
        settings.MIGRATION_MODULES = {}  # the fast loop disables them; read the real ones here
        staende = MigrationLoader(connection).project_state(("jvg_case", "0015_api_token")).apps
        migration.drf_tokens_uebernehmen(staende, None)
    assert not Token.objects.exists()
    token = ApiToken.objects.get(benutzer=sachbearbeitung)
    assert token.schluessel_hash == api_tokens.hash_von(alt.key)
    assert token.gueltig_bis == t0 + timedelta(days=90)
    assert alt.key not in _alle_texte_der_datenbank()
    assert token.history.count() == 1
    with time_machine.travel(t0 + timedelta(days=90), tick=False):
        assert _api(alt.key).get(PERSONEN).status_code == 200
    with time_machine.travel(t0 + timedelta(days=91), tick=False):
        assert _api(alt.key).get(PERSONEN).status_code == 401
