"""Webhooks to partner agencies (issue 9 item 4): subscriptions only for entitled event types, calls only
to the registered URL (https; no redirects), signed self-contained payloads with the agency's data
categories (R-21-1), retried with backoff and logged per attempt, secrets never in logs, nothing sent for
a rolled-back write; one run through a real Celery worker and broker."""

import hashlib
import hmac
import json
import logging
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from behoerden.models import Behoerdentyp
from benachrichtigungen import domain
from benachrichtigungen.domain import zustellung
from benachrichtigungen.models import Abonnement, Zustellstatus, Zustellung, Zustellversuch
from benachrichtigungen.recht import BenachrichtigungenAufgabenart
from kern.ereignisse import Ereignistyp
from kern.models import Aufgabe, Lesezugriff
from tests.conftest import echter_worker, warten_bis
from tests.factories import fall_anlegen
from vollzug import domain as vollzug

from .hilfen import behoerde, empfaenger_starten

E = Ereignistyp


@pytest.fixture(autouse=True)
def _webhook_einstellungen(settings):
    settings.JVG_WEBHOOK_HTTP_LOKAL_ERLAUBT = True
    settings.JVG_WEBHOOK_BACKOFF_BASIS_S = 1
    settings.JVG_WEBHOOK_MAX_VERSUCHE = 3
    settings.JVG_WEBHOOK_TIMEOUT_S = 3


@pytest.fixture
def empfaenger():
    e = empfaenger_starten([200])
    yield e
    e.server.shutdown()


def abo(b, url, typen=(E.EINWEISUNG,)):
    return domain.abonnement_anlegen(behoerde=b, url=url, ereignistypen=list(typen), durch=b.benutzer)


def pruefe_signatur(geheimnis, empfang) -> bool:
    ts = empfang.kopf["X-JVG-Zeitstempel"]
    erwartet = (
        "sha256="
        + hmac.new(geheimnis.encode(), ts.encode() + b"." + empfang.body, hashlib.sha256).hexdigest()
    )
    return hmac.compare_digest(erwartet, empfang.kopf["X-JVG-Signatur"])


# --- Subscriptions -------------------------------------------------------------------------------------


@pytest.mark.rule("R-21-1")
def test_abonnement_nur_fuer_freigegebene_ereignistypen(admin_user, empfaenger):
    stva = behoerde(admin_user, "Strassenverkehrsamt Luzern", Behoerdentyp.STRASSENVERKEHRSAMT)
    with pytest.raises(ValidationError) as fehler:
        abo(stva, empfaenger.url, [E.EINWEISUNG, E.VERSETZUNG, E.FESTNAHMEAUFTRAG])
    assert fehler.value.message_dict["ereignistypen"] == [
        "Benachrichtigungen (§ 21 JVG): Für d) Strassenverkehrsamt nicht freigegeben (§ 21 Abs. 2 JVG, R-21-1): "
        "Versetzung (§§ 17, 26 JVG), Entweichung / Festnahmeauftrag (§ 32 JVG)."
    ]
    with pytest.raises(ValidationError) as fehler:
        abo(stva, empfaenger.url, [])
    assert "Mindestens einen Ereignistyp" in fehler.value.message_dict["ereignistypen"][0]
    with pytest.raises(ValidationError) as fehler:
        abo(stva, empfaenger.url, ["geburtstag"])
    assert "Unbekannter Ereignistyp: geburtstag" in fehler.value.message_dict["ereignistypen"][0]
    a, geheimnis = abo(stva, empfaenger.url, [E.ENTLASSUNG, E.EINWEISUNG])
    assert a.ereignistypen == [E.EINWEISUNG, E.ENTLASSUNG]
    assert len(geheimnis) == 64


def test_agentur_verwaltet_nur_eigene_abonnemente(admin_user, empfaenger):
    from django.core.exceptions import PermissionDenied

    a = behoerde(admin_user)
    b = behoerde(admin_user, "Migrationsamt Luzern", Behoerdentyp.AUSLAENDERBEHOERDE)
    with pytest.raises(PermissionDenied):
        domain.abonnement_anlegen(
            behoerde=a, url=empfaenger.url, ereignistypen=[E.EINWEISUNG], durch=b.benutzer
        )
    assert domain.abonnement_anlegen(
        behoerde=a, url=empfaenger.url, ereignistypen=[E.EINWEISUNG], durch=admin_user
    )[0].pk


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("http://example.org/hook", "nur_https"),
        ("ftp://example.org/hook", "nur_https"),
        ("https://benutzer:pw@example.org/hook", "zugangsdaten"),
        ("https://example.org/hook#x", "zugangsdaten"),
        ("https://10.0.0.5/hook", "intern"),
        ("https://169.254.169.254/latest/meta-data", "intern"),
        ("https://[::1]:8443/hook", "intern"),
        ("https:///ohne-host", "ungueltig"),
        ("https://example.org:99999/x", "ungueltig"),
    ],
)
def test_url_nur_https_ohne_zugangsdaten_und_nicht_intern(settings, url, code):
    settings.JVG_WEBHOOK_HTTP_LOKAL_ERLAUBT = False
    with pytest.raises(ValidationError) as fehler:
        domain.url_pruefen(url)
    assert fehler.value.error_dict["url"][0].code == code
    assert domain.url_pruefen(" https://hooks.example.org/jvg?k=1 ") == "https://hooks.example.org/jvg?k=1"


def test_lokales_http_nur_mit_einstellung(settings):
    settings.JVG_WEBHOOK_HTTP_LOKAL_ERLAUBT = False
    with pytest.raises(ValidationError):
        domain.url_pruefen("http://127.0.0.1:8000/hook")
    settings.JVG_WEBHOOK_HTTP_LOKAL_ERLAUBT = True
    assert domain.url_pruefen("http://127.0.0.1:8000/hook") == "http://127.0.0.1:8000/hook"


def test_geheimnis_wird_nicht_gespeichert(admin_user, empfaenger):
    a, geheimnis = abo(behoerde(admin_user), empfaenger.url)
    gespeichert = Abonnement.objects.filter(pk=a.pk).values().get()
    assert geheimnis not in json.dumps(gespeichert, default=str)
    assert not hasattr(a.history.model, "geheimnis_salz")  # not even the salt in the history table
    neu = domain.geheimnis_erneuern(abonnement=a, durch=admin_user)
    assert neu != geheimnis and neu == domain.geheimnis(Abonnement.objects.get(pk=a.pk))


# --- Dispatch -------------------------------------------------------------------------------------------


def test_einweisung_erzeugt_selbsttragende_zustellung_mit_kategorien_der_behoerde(
    admin_user,
    sachbearbeitung,
    anstalt_a,
    empfaenger,
    django_capture_on_commit_callbacks,
    eigene_warteschlange,
):
    jv = behoerde(admin_user)
    stva = behoerde(admin_user, "Strassenverkehrsamt Luzern", Behoerdentyp.STRASSENVERKEHRSAMT)
    abo(jv, empfaenger.url, [E.EINWEISUNG, E.VERSETZUNG])
    abo(stva, empfaenger.url, [E.EINWEISUNG])
    with django_capture_on_commit_callbacks(execute=True):
        fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    z_jv = Zustellung.objects.get(abonnement__behoerde=jv)
    z_stva = Zustellung.objects.get(abonnement__behoerde=stva)
    assert z_jv.ereignis_id == z_stva.ereignis_id  # one event, one id for every agency
    assert z_jv.nutzlast["typ"] == "einweisung"
    assert z_jv.nutzlast["fall"] == {"fallnummer": fall.fallnummer}
    assert z_jv.nutzlast["daten"] == {"anstalt": "JVA Grosshof"}  # no ward (abteilung)
    assert z_jv.nutzlast["person"]["amtlicherName"] == fall.person.amtlicher_name
    # Strassenverkehrsamt: custody status only (R-21-1) — the person's reference, no personal details, no facility.
    assert z_stva.nutzlast["person"] == {"id": fall.person.pk, "personennummer": fall.person.personennummer}
    assert z_stva.nutzlast["daten"] == {}
    assert z_jv.history.get().history_user.username == "job:benachrichtigungen-zustellung"


def test_zurueckgerollte_einweisung_sendet_nichts(
    admin_user, sachbearbeitung, anstalt_a, empfaenger, django_capture_on_commit_callbacks
):
    abo(behoerde(admin_user), empfaenger.url)
    fall = fall_anlegen(durch=sachbearbeitung)
    with (
        django_capture_on_commit_callbacks(execute=True) as rueckrufe,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        vollzug.einweisen(
            fall=fall, anstalt=anstalt_a, am=timezone.now() - timedelta(hours=1), durch=sachbearbeitung
        )
        raise RuntimeError("Abbruch nach der Einweisung")
    assert rueckrufe == []
    assert not Zustellung.objects.exists()
    assert empfaenger.empfangen == []


def test_keine_zustellung_ueber_personen_ausserhalb_der_sicht_der_behoerde(
    admin_user, sachbearbeitung, anstalt_a, empfaenger, django_capture_on_commit_callbacks
):
    # A Strafbehörde sees only persons of its own judgments (behoerden.recht.Sicht.EIGENE_ENTSCHEIDE).
    sta = behoerde(admin_user, "Staatsanwaltschaft Emmen", Behoerdentyp.STRAFBEHOERDE)
    abo(sta, empfaenger.url)
    with django_capture_on_commit_callbacks(execute=True):
        fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)  # judgment of the Kriminalgericht
    assert not Zustellung.objects.exists()


# --- Attempts ------------------------------------------------------------------------------------------


def test_nach_letztem_fehlversuch_aufgabe_fuer_admin_und_keine_weiteren_aufrufe(
    admin_user, sachbearbeitung, anstalt_a, django_capture_on_commit_callbacks
):
    kaputt = empfaenger_starten([503])
    try:
        abo(behoerde(admin_user), kaputt.url)
        with django_capture_on_commit_callbacks(execute=False):  # no task: the test makes the attempts
            fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
        zustellung._verteilen(_letztes_ereignis(sachbearbeitung))
        z = Zustellung.objects.get()
        for versuch in (1, 2):
            with pytest.raises(domain.Zustellfehler) as fehler:
                domain.zustellen(z.pk)
            assert fehler.value.warte_s == versuch  # 1 s, 2 s: exponential
        assert domain.zustellen(z.pk) is False
        z.refresh_from_db()
        assert z.status == Zustellstatus.FEHLGESCHLAGEN
        assert list(z.versuche.values_list("nummer", "http_status", "fehler", "erfolgreich")) == [
            (1, 503, "HTTP 503", False),
            (2, 503, "HTTP 503", False),
            (3, 503, "HTTP 503", False),
        ]
        aufgabe = Aufgabe.objects.get(art=BenachrichtigungenAufgabenart.BENACHRICHTIGUNG_FEHLGESCHLAGEN)
        assert (aufgabe.fuer_rolle, aufgabe.erledigt_am) == ("admin", None)
        # Idempotent: a redelivered task changes nothing and calls nobody.
        assert domain.zustellen(z.pk) is False
        assert len(kaputt.empfangen) == 3
        # The administration starts a new round after fixing the receiver.
        kaputt.antworten[:] = [200]
        with django_capture_on_commit_callbacks(execute=False):
            domain.erneut_zustellen(zustellung=z, durch=admin_user)
        assert domain.zustellen(z.pk) is True
        z.refresh_from_db()
        assert (z.status, z.versuche.count()) == (Zustellstatus.ZUGESTELLT, 4)
    finally:
        kaputt.server.shutdown()


def _letztes_ereignis(durch):
    from kern.ereignisse import Ereignis
    from vollzug.models import Platzierung

    p = Platzierung.objects.select_related("fall", "anstalt").latest("pk")
    return Ereignis(
        typ=E.EINWEISUNG,
        person_id=p.fall.person_id,
        fall_id=p.fall_id,
        objekt=f"vollzug.platzierung:{p.pk}",
        zeitpunkt=p.von,
        daten={"anstalt": p.anstalt.name},
    )


def test_weiterleitung_wird_nicht_gefolgt_und_fremde_url_nie_aufgerufen(
    admin_user, sachbearbeitung, anstalt_a, django_capture_on_commit_callbacks
):
    fremd = empfaenger_starten([200])
    umleitung = empfaenger_starten([302])
    try:
        abo(behoerde(admin_user), umleitung.url)
        with django_capture_on_commit_callbacks(execute=False):
            fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
        zustellung._verteilen(_letztes_ereignis(sachbearbeitung))
        z = Zustellung.objects.get()
        with pytest.raises(domain.Zustellfehler):
            domain.zustellen(z.pk)
        assert z.versuche.get().fehler == "HTTP 302"
        assert len(umleitung.empfangen) == 1
        assert fremd.empfangen == []  # nothing but the registered URL was called
    finally:
        fremd.server.shutdown()
        umleitung.server.shutdown()


def test_deaktiviertes_abonnement_bricht_ausstehende_zustellung_ab(
    admin_user, sachbearbeitung, anstalt_a, empfaenger, django_capture_on_commit_callbacks
):
    a, _g = abo(behoerde(admin_user), empfaenger.url)
    with django_capture_on_commit_callbacks(execute=False):
        fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    zustellung._verteilen(_letztes_ereignis(sachbearbeitung))
    domain.abonnement_aendern(abonnement=a, aenderung=domain.Aenderung(aktiv=False), durch=admin_user)
    z = Zustellung.objects.get()
    assert domain.zustellen(z.pk) is False
    z.refresh_from_db()
    assert z.status == Zustellstatus.ABGEBROCHEN
    assert empfaenger.empfangen == []


def test_nachholjob_reiht_verlorene_zustellungen_ein(
    admin_user, sachbearbeitung, anstalt_a, empfaenger, django_capture_on_commit_callbacks, settings
):
    abo(behoerde(admin_user), empfaenger.url)
    with django_capture_on_commit_callbacks(execute=False):
        fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    zustellung._verteilen(_letztes_ereignis(sachbearbeitung))
    z = Zustellung.objects.get()
    assert domain.ausstehende_nachholen() == 0  # not overdue yet
    alt = timezone.now() - timedelta(seconds=settings.JVG_WEBHOOK_BACKOFF_MAX_S + 601)
    Zustellung.objects.filter(pk=z.pk).update(naechster_versuch_am=alt)
    with django_capture_on_commit_callbacks(execute=False) as rueckrufe:
        assert domain.ausstehende_nachholen() == 1
    assert len(rueckrufe) == 1  # the task is queued after the commit
    z.refresh_from_db()
    assert z.naechster_versuch_am > alt
    assert domain.ausstehende_nachholen() == 0  # idempotent


# --- Through a real worker and broker (PITFALLS: eager mode only emulates a worker) ---------------------


@pytest.mark.rule("R-0-AUDIT-1", "R-0-AUDIT-2")
@pytest.mark.django_db(transaction=True)
def test_zustellung_nach_fehlschlag_wiederholt_protokolliert_signiert_ueber_echten_worker(
    admin_user, sachbearbeitung, anstalt_a, eigene_warteschlange, caplog, capfd
):
    from jvg_case.celery import app

    caplog.set_level(logging.DEBUG)
    empfaenger = empfaenger_starten([500, 200])  # fails first, then accepts
    fremd = empfaenger_starten([200])
    try:
        b = behoerde(admin_user)
        _abo, geheimnis = abo(b, empfaenger.url)
        with echter_worker(app, loglevel="DEBUG"):
            fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
            assert warten_bis(
                lambda: Zustellung.objects.filter(status=Zustellstatus.ZUGESTELLT).exists(), sekunden=60
            )
        z = Zustellung.objects.get()
        versuche = list(Zustellversuch.objects.filter(zustellung=z).order_by("nummer"))
        assert [(v.nummer, v.http_status, v.erfolgreich) for v in versuche] == [
            (1, 500, False),
            (2, 200, True),
        ]
        assert versuche[1].zeitpunkt - versuche[0].zeitpunkt >= timedelta(seconds=1)  # backoff waited
        # Both calls went to the registered URL, signed, with the same event id; nothing to anyone else.
        assert len(empfaenger.empfangen) == 2 and fremd.empfangen == []
        for empfang in empfaenger.empfangen:
            assert empfang.pfad == "/hook"
            assert pruefe_signatur(geheimnis, empfang)
            assert empfang.kopf["X-JVG-Ereignis"] == str(z.ereignis_id)
        nutzlast = json.loads(empfaenger.empfangen[1].body)
        assert (nutzlast["typ"], nutzlast["fall"]["fallnummer"]) == ("einweisung", fall.fallnummer)
        # A forged signature does not verify.
        gefaelscht = empfaenger.empfangen[1]
        gefaelscht.body = gefaelscht.body.replace(b"einweisung", b"entlassung")
        assert not pruefe_signatur(geheimnis, gefaelscht)
        # The secret and the signatures appear in no log row and in no log output.
        signaturen = [e.kopf["X-JVG-Signatur"] for e in empfaenger.empfangen]
        protokolle = json.dumps(
            [
                list(Zustellversuch.objects.values()),
                list(Zustellung.objects.values()),
                list(Zustellung.history.values()),
                list(Abonnement.history.values()),
            ],
            default=str,
        )
        ausgabe = caplog.text + "".join(capfd.readouterr())  # log records and what the worker thread printed
        for geheim in [geheimnis, *signaturen, *(s.removeprefix("sha256=") for s in signaturen)]:
            assert geheim not in protokolle
            assert geheim not in ausgabe
        assert "Versuch 1 fehlgeschlagen (HTTP 500)" in ausgabe  # the log output was captured
        # The delivery is a disclosure: in the person's read log, with the agency as reader (R-0-AUDIT-2).
        lesen = Lesezugriff.objects.get(person=fall.person, objekt_typ="benachrichtigungen.zustellung")
        assert (lesen.benutzer, lesen.kanal) == (b.benutzer, "api")
        assert z.history.latest("history_id").history_user.username == "job:benachrichtigungen-zustellung"
    finally:
        empfaenger.server.shutdown()
        fremd.server.shutdown()
