"""Issue 24: the three cases the probe flagged (each role got 200 with an empty POST), decided by the law
and encoded in one predicate that the domain function, the page and the API share, checked before the
input; and the violations the authorization matrix found, each at its boundary.

1. § 31: who records that a decision was executed (`verfuegungen.permissions.darf_vollzug_erfassen`).
2. § 23: who records the revocation of a consent (`datenschutz.permissions.darf_entbindung_widerrufen`).
3. § 39: who ends a hunger strike (`zwangsmedizin.zm_permissions.darf_hungerstreik_beenden`).
"""

import inspect
import json
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from rest_framework.test import APIClient

from benachrichtigungen import domain as benachrichtigungen
from benachrichtigungen.models import Zustellung
from datenschutz import domain, permissions
from datenschutz.models import Schweigepflichtentbindung
from kern import ereignisse
from kern.rollen import Rolle
from tests.behoerden.hilfen import behoerde_anlegen, fall_mit_entscheid
from tests.datenschutz.hilfen import benutzer, entbindung
from tests.factories import api_token, fall_anlegen, person_anlegen
from tests.sicherheitsmassnahmen.hilfen import aktiv
from tests.zwangsmedizin.hilfen import angeordnet, fall_zugeteilt, neuer_arzt
from verfuegungen import domain as vfg
from verfuegungen import permissions as vfg_permissions
from verfuegungen.models import Verfuegung
from verfuegungen.recht import Verfuegungsstatus
from zwangsmedizin import permissions as zm_permissions
from zwangsmedizin.domain import ernaehrung
from zwangsmedizin.models import Hungerstreik
from zwangsmedizin.recht import Hungerstreikstatus


def api_als(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
    return client


@pytest.fixture
def leitung_b(anstalt_b):
    return benutzer("leitung_b", Rolle.ANSTALTSLEITUNG, anstalt_b)


# --- 1. § 31: the execution of a decision is recorded by who decides it --------------------------------


@pytest.mark.rule("R-0-ROLE-1", "R-31-1")
def test_vollzug_einer_sicherheitsmassnahme_erfasst_nur_die_anordnende_leitung(
    sachbearbeitung, anstalt_a, leitung_a, personal_a, leitung_b
):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    v = aktiv(fall, personal_a, leitung_a).verfuegung
    v.refresh_from_db()
    assert (v.status, vfg.ist_vollstreckbar(v)) == (Verfuegungsstatus.EROEFFNET, True)
    url = f"/api/v1/verfuegungen/{v.pk}/vollzogen/"
    # Staff propose and hand over, the authority reads every case: neither closes the facility's decision.
    for user in (personal_a, sachbearbeitung):
        assert vfg_permissions.darf_vollzug_erfassen(user, v) is False
        with pytest.raises(PermissionDenied):
            vfg.als_vollzogen_markieren(verfuegung=v, durch=user)
        antwort = api_als(user).post(url)
        assert antwort.status_code == 403
        assert antwort.json() == {"detail": "Keine Berechtigung: Vollzug erfassen."}
        assert (
            "vollzogen" not in api_als(user).get(f"/api/v1/verfuegungen/{v.pk}/").json()["erlaubteAktionen"]
        )
    # The other facility's management does not see the decision at all.
    assert api_als(leitung_b).post(url).status_code == 404
    with pytest.raises(PermissionDenied):
        vfg.als_vollzogen_markieren(verfuegung=v, durch=leitung_b)
    v.refresh_from_db()
    assert v.status == Verfuegungsstatus.EROEFFNET
    # The management that ordered it.
    assert "vollzogen" in api_als(leitung_a).get(f"/api/v1/verfuegungen/{v.pk}/").json()["erlaubteAktionen"]
    antwort = api_als(leitung_a).post(url)
    assert (antwort.status_code, antwort.json()["status"]) == (200, "vollzogen")


# --- 2. § 23: a revocation is recorded by the staff who rely on the consent ----------------------------


@pytest.fixture
def entbindung_a(sachbearbeitung, anstalt_a):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    return entbindung(sachbearbeitung, fall.person, erteilt_am=timezone.localdate() - timedelta(days=10))


@pytest.mark.rule("R-0-ROLE-1", "R-23-1")
def test_widerruf_der_entbindung_erfasst_das_personal_der_eigenen_einrichtung(
    client_als, entbindung_a, personal_a
):
    assert permissions.darf_entbindung_widerrufen(personal_a, entbindung_a) is True
    antwort = client_als(personal_a).post(
        reverse("datenschutz:entbindung_widerrufen", args=[entbindung_a.pk]),
        {
            "widerrufen_am": timezone.localdate().isoformat(),
            "bemerkung": "Mündlich auf der Abteilung.",
            "bestaetigt": "1",
        },
    )
    assert antwort.status_code == 302
    entbindung_a.refresh_from_db()
    assert (entbindung_a.widerrufen_am, entbindung_a.history.first().history_user) == (
        timezone.localdate(),
        personal_a,
    )


@pytest.mark.rule("R-0-ROLE-1", "R-23-1")
def test_widerruf_ohne_recht_403_vor_der_eingabe_und_ausserhalb_404(
    client_als, entbindung_a, personal_a, personal_b, revision, medizin
):
    ungueltig_api = {"widerrufenAm": "2999-01-01"}
    url_api = f"/api/v1/datenschutz/entbindungen/{entbindung_a.pk}/widerrufen/"
    url_seite = reverse("datenschutz:entbindung_widerrufen", args=[entbindung_a.pk])
    # The entitled staff get the field error for the date in the future …
    assert api_als(personal_a).post(url_api, ungueltig_api, format="json").status_code == 400
    # … the auditors, who read the consent, get 403 for the same input, page and API alike.
    assert api_als(revision).post(url_api, ungueltig_api, format="json").status_code == 403
    assert client_als(revision).post(url_seite, {"widerrufen_am": "2999-01-01"}).status_code == 403
    # The physician records no § 23 data at all (403 whatever the object); another facility does not see
    # this person's records (404).
    assert api_als(medizin).post(url_api, {}, format="json").status_code == 403
    assert api_als(personal_b).post(url_api, {}, format="json").status_code == 404
    for user in (personal_b, medizin):
        assert permissions.darf_entbindung_widerrufen(user, entbindung_a) is False
        assert client_als(user).post(url_seite, {}).status_code == 404
        with pytest.raises(PermissionDenied):
            domain.entbindung_widerrufen(entbindung=entbindung_a, durch=user)
    with pytest.raises(PermissionDenied):
        domain.entbindung_widerrufen(entbindung=entbindung_a, durch=revision)
    assert Schweigepflichtentbindung.objects.get(pk=entbindung_a.pk).widerrufen_am is None


# --- 3. § 39: the end of a hunger strike is the physician's finding or the authority's record ----------


@pytest.fixture
def hungerstreik(sachbearbeitung, anstalt_a, medizin):
    fall = fall_zugeteilt(sb=sachbearbeitung, anstalt=anstalt_a, arzt=medizin)
    return ernaehrung.hungerstreik_erfassen(
        fall=fall, beginn=timezone.now() - timedelta(days=3), durch=medizin
    )


def _laeuft(h) -> bool:
    return Hungerstreik.objects.get(pk=h.pk).status == Hungerstreikstatus.LAUFEND


@pytest.mark.rule("R-0-ROLE-1", "R-39-1")
def test_hungerstreik_beenden_die_leitung_sieht_ihn_darf_ihn_aber_nicht_beenden(
    client_als, hungerstreik, leitung_a, leitung_b, medizin
):
    h = hungerstreik
    url_seite = reverse("zwangsmedizin:hungerstreik_detail", args=[h.pk])
    url_api = f"/api/v1/hungerstreiks/{h.pk}/beenden/"
    ungueltig = {"aktion": "beenden", "beenden-am": "kein Zeitpunkt"}
    # The assigned physician gets the form back with its error for the same input; the management 403,
    # before the input is read.
    antwort = client_als(medizin).post(url_seite, ungueltig)
    assert antwort.status_code == 200
    assert "Bitte ein gültiges Datum und Uhrzeit eingeben." in antwort.content.decode()
    seite = client_als(leitung_a).get(url_seite)
    assert seite.status_code == 200
    assert 'value="beenden"' not in seite.content.decode()  # no form for a step the page would refuse
    assert 'value="beenden"' in client_als(medizin).get(url_seite).content.decode()
    assert client_als(leitung_a).post(url_seite, ungueltig).status_code == 403
    assert client_als(leitung_a).post(url_seite, {"aktion": "beenden", "beenden-am": ""}).status_code == 403
    assert api_als(leitung_a).post(url_api, {"am": "kein Zeitpunkt"}, format="json").status_code == 403
    assert api_als(leitung_a).post(url_api, {}, format="json").status_code == 403
    # The other facility's management does not see the strike.
    assert client_als(leitung_b).post(url_seite, {"aktion": "beenden"}).status_code == 404
    assert api_als(leitung_b).post(url_api, {}, format="json").status_code == 404
    for user in (leitung_a, leitung_b):
        assert zm_permissions.darf_hungerstreik_beenden(user, h.person_id) is False
        with pytest.raises(PermissionDenied):
            ernaehrung.hungerstreik_beenden(hungerstreik=h, durch=user)
    assert _laeuft(h)


@pytest.mark.rule("R-0-ROLE-1", "R-22-1", "R-39-1")
def test_hungerstreik_beenden_nur_die_zugeteilte_aerztin_oder_die_behoerde(
    client_als, hungerstreik, medizin, sachbearbeitung
):
    h = hungerstreik
    fremder_arzt = neuer_arzt()
    url_api = f"/api/v1/hungerstreiks/{h.pk}/beenden/"
    assert zm_permissions.darf_hungerstreik_beenden(fremder_arzt, h.person_id) is False
    assert api_als(fremder_arzt).post(url_api, {}, format="json").status_code == 404
    with pytest.raises(PermissionDenied):
        ernaehrung.hungerstreik_beenden(hungerstreik=h, durch=fremder_arzt)
    assert _laeuft(h)
    assert zm_permissions.darf_hungerstreik_beenden(sachbearbeitung, h.person_id) is True
    antwort = client_als(medizin).post(
        reverse("zwangsmedizin:hungerstreik_detail", args=[h.pk]), {"aktion": "beenden", "beenden-am": ""}
    )
    assert antwort.status_code == 302
    assert not _laeuft(h)
    assert Hungerstreik.objects.get(pk=h.pk).history.first().history_user == medizin


# --- Violations the matrix found ------------------------------------------------------------------------


@pytest.mark.rule("R-0-ROLE-1", "R-20-1")
def test_gesundheitsverfuegungen_nicht_fuer_das_bedrohungsmanagement(
    client_als, sachbearbeitung, sachbearbeitung2, anstalt_a, medizin, bedrohung
):
    """§ 36 decisions state medical facts: the threat-management team, which reads every case, does not
    see them (roles table: health data only for medizin and the deciding authority)."""
    fall = fall_zugeteilt(sb=sachbearbeitung, anstalt=anstalt_a, arzt=medizin)
    m = angeordnet(fall=fall, arzt=medizin, sb=sachbearbeitung, sb2=sachbearbeitung2)
    v = Verfuegung.objects.get(pk=m.verfuegung_id)
    for user, status in ((sachbearbeitung, 200), (medizin, 200), (bedrohung, 404)):
        assert api_als(user).get(f"/api/v1/verfuegungen/{v.pk}/").status_code == status
        assert client_als(user).get(reverse("verfuegungen:detail", args=[v.pk])).status_code == status
    ids = [x["id"] for x in api_als(bedrohung).get("/api/v1/verfuegungen/").json()["results"]]
    assert v.pk not in ids
    # The team still reads the case itself (what a case worker sees, without health data).
    assert client_als(bedrohung).get(reverse("vollzug:fall_detail", args=[fall.pk])).status_code == 200


@pytest.mark.rule("R-0-BAD-1")
def test_auskunft_als_json_mit_webhook_zustellung(client_als, sachbearbeitung, admin_user, anstalt_a):
    """The subject-access JSON of a person about whom an agency was notified: the delivery's event id is
    a UUID, which broke the streamed file after its first bytes (500)."""
    behoerde, _ = behoerde_anlegen(admin_user, "a", name="Staatsanwaltschaft Luzern")
    fall = fall_mit_entscheid(
        durch=sachbearbeitung,
        person=person_anlegen(durch=sachbearbeitung),
        behoerde_name=behoerde.name,
        referenz="SA1 26 5",
        anstalt=anstalt_a,
    )
    benachrichtigungen.abonnement_anlegen(
        behoerde=behoerde,
        url="https://empfang.sta.invalid/jvg",
        ereignistypen=["einweisung"],
        durch=admin_user,
    )
    [zustellung_id] = benachrichtigungen.verteilen(
        ereignisse.Ereignis(
            typ="einweisung",
            person_id=fall.person_id,
            fall_id=fall.pk,
            objekt="vollzug.platzierung:0",
            zeitpunkt=timezone.now(),
            daten={"anstalt": anstalt_a.name},
        )
    )
    ereignis_id = str(Zustellung.objects.get(pk=zustellung_id).ereignis_id)
    antwort = client_als(sachbearbeitung).get(reverse("datenschutz:auskunft_json", args=[fall.person_id]))
    assert antwort.status_code == 200
    text = b"".join(antwort.streaming_content).decode()
    json.loads(text)
    assert f'"{ereignis_id}"' in text


def _format_varianten(resolver=None):
    """(route, viewset, handler name) of every DRF format-suffix pattern of the API router."""
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            yield from _format_varianten(p)
        elif isinstance(p, URLPattern) and "format" in p.pattern.regex.groupindex:
            cls, aktionen = getattr(p.callback, "cls", None), getattr(p.callback, "actions", None)
            if cls is not None and aktionen:
                for name in set(aktionen.values()):
                    yield str(p.pattern), cls, name


@pytest.mark.rule("R-0-BAD-1")
def test_jede_api_aktion_nimmt_die_formatendung_an():
    """`/api/v1/…/pdf.json` and every other action under its ".json" variant: DRF passes `format` to the
    handler; a handler without it answered 500 (TypeError) to a harmless URL."""
    varianten = list(_format_varianten())
    assert len(varianten) > 100

    def nimmt_format(handler) -> bool:
        parameter = inspect.signature(handler).parameters.values()
        return any(p.name == "format" or p.kind is inspect.Parameter.VAR_KEYWORD for p in parameter)

    ohne = sorted(
        f"{cls.__name__}.{name} ({route})"
        for route, cls, name in varianten
        if not nimmt_format(getattr(cls, name))
    )
    assert ohne == []
