"""Fristenkontrolle (R-0-FRIST-4): sources, sorting, grouping, filters, visibility, iCal, query budget."""

from datetime import date, datetime, time, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from fristenkontrolle.domain import ical
from fristenkontrolle.queries import alle_fristen, anzahl_offen, gruppieren, wochenende
from kern.audit import speichern
from kern.erweiterungen import (
    QUELLEN,
    FristEintrag,
    fristquelle,
    fristquelle_entfernen,
)
from kern.fristen import TZ, tagesende
from kern.models import Aufgabe
from kern.rollen import Rolle
from tests.factories import fall_anlegen, person_anlegen
from vollzug import domain
from vollzug.recht import Platzierungsart, VollzugAufgabenart

VOLLZUG_QUELLEN = {"vollzugsbeginn", "aufgabe"}


@pytest.fixture(autouse=True)
def _nur_vollzug_quellen(monkeypatch):
    """Only the Vollzug's sources (and those a test registers itself): exact assertions here must not
    change when another module registers deadlines or creates them as a side effect (e.g. a §17
    transfer that one day also produces a Verfügung). Other modules test their own sources."""
    for typ in set(QUELLEN) - VOLLZUG_QUELLEN:
        monkeypatch.delitem(QUELLEN, typ)


def _url(name: str) -> str:
    return reverse(f"fristenkontrolle:{name}")


def _zeit(jahr, monat, tag, stunde=0, minute=0, sekunde=0):
    return datetime(jahr, monat, tag, stunde, minute, sekunde, tzinfo=TZ)


def _eintrag(faellig, typ="test", titel="Frist", url="/x/", **kw):
    return FristEintrag(typ=typ, titel=titel, faellig=faellig, url=url, **kw)


def _aufgabe(*, durch, faellig_am, fuer_rolle=Rolle.SACHBEARBEITUNG, fall=None, anstalt=None, titel=None):
    return speichern(
        Aufgabe(
            art=VollzugAufgabenart.MELDUNG_VERSETZUNG_DRINGEND,
            titel=titel or f"Aufgabe fällig {faellig_am:%d.%m.%Y %H:%M}",
            fuer_rolle=fuer_rolle,
            fall=fall,
            anstalt=anstalt,
            faellig_am=faellig_am,
        ),
        durch=durch,
    )


def _ics_zeilen(inhalt: bytes) -> list[str]:
    """Unfold (RFC 5545 §3.1) and split into content lines."""
    text = inhalt.decode("utf-8")
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")  # no bare LF anywhere
    return text.replace("\r\n ", "").split("\r\n")[:-1]


# --- iCal writer (pure) ------------------------------------------------------------------------


@pytest.mark.rule("R-0-FRIST-4")
def test_ical_text_escapen_escapes_backslash_semicolon_comma_and_newlines():
    assert ical.text_escapen("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf"


@pytest.mark.rule("R-0-FRIST-4")
def test_ical_zeile_falten_never_splits_an_umlaut_at_the_75_octet_boundary():
    # "SUMMARY:" + 66 × "a" = 74 octets; the "ä" (2 octets) would make 76 → it starts the next line.
    zeile = "SUMMARY:" + "a" * 66 + "äöü"
    gefaltet = ical.zeile_falten(zeile).encode("utf-8")
    erste, zweite = gefaltet.split(b"\r\n")
    assert erste == ("SUMMARY:" + "a" * 66).encode()
    assert len(erste) == 74
    assert zweite == " äöü".encode()
    assert gefaltet.replace(b"\r\n ", b"").decode("utf-8") == zeile


@pytest.mark.rule("R-0-FRIST-4")
def test_ical_zeile_falten_long_german_summary_every_line_at_most_75_octets():
    titel = (
        "Überprüfung der besonderen Sicherheitsmassnahme gemäss § 31 Abs. 1 lit. f JVG für Müller Jürg "
        "(Überführung in die Luzerner Psychiatrie, Forensik, St. Urban) – Frist läuft am Sonntag ab"
    )
    zeile = "SUMMARY:" + ical.text_escapen(titel)
    gefaltet = ical.zeile_falten(zeile).encode("utf-8")
    physisch = gefaltet.split(b"\r\n")
    assert len(physisch) == 3
    for i, teil in enumerate(physisch):
        assert len(teil) <= 75
        teil.decode("utf-8")  # no UTF-8 sequence is cut (would raise UnicodeDecodeError)
        assert teil.startswith(b" ") == (i > 0)
    assert len(physisch[0]) >= 74  # filled up, not folded early
    assert gefaltet.replace(b"\r\n ", b"").decode("utf-8") == zeile


@pytest.mark.rule("R-0-FRIST-4")
def test_ical_zeile_falten_leaves_short_lines_alone():
    assert ical.zeile_falten("VERSION:2.0") == "VERSION:2.0"
    assert ical.zeile_falten("X:" + "b" * 73) == "X:" + "b" * 73  # exactly 75 octets


@pytest.mark.rule("R-0-FRIST-4")
def test_ical_kalender_structure_utc_times_and_stable_uid():
    eintrag = _eintrag(
        _zeit(2026, 12, 31, 14, 5),
        typ="aufgabe",
        titel="Meldung; Versetzung, dringend",
        url="/vollzug/faelle/7/#aufgabe-3",
        person_name="Muster Max",
        anstalt_name="JVA Grosshof",
        regel="R-17-1",
    )
    jetzt = _zeit(2026, 12, 1, 9, 0)
    inhalt = ical.kalender([eintrag], jetzt=jetzt, absolute_url=lambda p: "https://jvg.lu.ch" + p)
    zeilen = _ics_zeilen(inhalt.encode("utf-8"))
    assert zeilen[:3] == ["BEGIN:VCALENDAR", f"PRODID:{ical.PRODID}", "VERSION:2.0"]
    assert zeilen[-1] == "END:VCALENDAR"
    beginn, ende = zeilen.index("BEGIN:VEVENT"), zeilen.index("END:VEVENT")
    event = dict(z.split(":", 1) for z in zeilen[beginn + 1 : ende])
    assert event["DTSTAMP"] == "20261201T080000Z"
    assert event["DTEND"] == "20261231T130500Z"  # 14:05 CET = 13:05 UTC
    assert event["DTSTART"] == "20261231T123500Z"
    assert event["SUMMARY"] == "Meldung\\; Versetzung\\, dringend"
    assert event["URL"] == "https://jvg.lu.ch/vollzug/faelle/7/#aufgabe-3"
    assert event["DESCRIPTION"] == (
        "Typ: Aufgabe\\nPerson: Muster Max\\nEinrichtung: JVA Grosshof\\nRegel: R-17-1"
    )
    assert event["UID"].startswith("aufgabe-") and event["UID"].endswith("-20261231T130500Z@jvg-case")
    # Stable: another export at another time gives the same UID.
    spaeter = ical.kalender([eintrag], jetzt=jetzt + timedelta(days=3), absolute_url=str)
    assert f"UID:{event['UID']}" in _ics_zeilen(spaeter.encode("utf-8"))


@pytest.mark.rule("R-0-FRIST-4")
def test_ical_utc_zeit_refuses_naive_times():
    with pytest.raises(ValueError, match="ohne Zeitzone"):
        ical.utc_zeit(datetime(2026, 1, 1, 12, 0))


# --- Grouping (pure) ---------------------------------------------------------------------------


@pytest.mark.rule("R-0-FRIST-4")
def test_gruppieren_week_boundaries():
    jetzt = _zeit(2026, 6, 17, 10, 0)  # Wednesday
    gestern = _eintrag(tagesende(date(2026, 6, 16)), titel="gestern")
    eben = _eintrag(jetzt - timedelta(seconds=1), titel="eben")
    genau_jetzt = _eintrag(jetzt, titel="jetzt")
    sonntag = _eintrag(_zeit(2026, 6, 21, 23, 59, 59), titel="sonntag")
    montag = _eintrag(_zeit(2026, 6, 22, 0, 0), titel="montag")
    gruppen = gruppieren([gestern, eben, genau_jetzt, sonntag, montag], jetzt)
    assert [e.titel for e in gruppen["ueberfaellig"]] == ["gestern", "eben"]
    assert [e.titel for e in gruppen["diese_woche"]] == ["jetzt", "sonntag"]
    assert [e.titel for e in gruppen["spaeter"]] == ["montag"]


@pytest.mark.rule("R-0-FRIST-4")
def test_gruppieren_week_with_dst_end_and_sunday_evening():
    # Summer time ends on Sunday 25.10.2026: Sunday 23:59:59 is CET (+01:00) and still this week.
    jetzt = _zeit(2026, 10, 21, 8, 0)
    assert wochenende(jetzt) == _zeit(2026, 10, 26, 0, 0)
    sonntag = _eintrag(tagesende(date(2026, 10, 25)))
    assert gruppieren([sonntag], jetzt)["diese_woche"] == [sonntag]
    # On Sunday evening "diese Woche" is only the rest of Sunday.
    sonntagabend = _zeit(2026, 10, 25, 22, 0)
    montag_frueh = _eintrag(_zeit(2026, 10, 26, 6, 0))
    assert gruppieren([montag_frueh], sonntagabend)["spaeter"] == [montag_frueh]


# --- Sources of the Vollzug and the collector --------------------------------------------------


@pytest.mark.rule("R-0-FRIST-4")
def test_alle_fristen_sorted_by_due_time_across_sources(sachbearbeitung):
    heute = timezone.localdate()
    alt = fall_anlegen(durch=sachbearbeitung, eingang_am=heute - timedelta(days=40))
    neu = fall_anlegen(durch=sachbearbeitung, eingang_am=heute)
    aufgabe = _aufgabe(durch=sachbearbeitung, faellig_am=tagesende(heute - timedelta(days=5)))
    fristen = alle_fristen(sachbearbeitung, heute=heute)
    assert [(f.typ, f.url) for f in fristen] == [
        ("vollzugsbeginn", alt.get_absolute_url()),
        ("aufgabe", f"{reverse('start')}#aufgabe-{aufgabe.pk}"),
        ("vollzugsbeginn", neu.get_absolute_url()),
    ]
    assert [f.faellig for f in fristen] == [
        tagesende(heute - timedelta(days=10)),
        tagesende(heute - timedelta(days=5)),
        tagesende(heute + timedelta(days=30)),
    ]


@pytest.mark.rule("R-0-FRIST-4", "R-13-1")
def test_vollzugsbeginn_frist_matches_the_overdue_rule_of_the_case(sachbearbeitung, settings):
    settings.JVG_VOLLZUGSBEGINN_UEBERFAELLIG_TAGE = 30
    heute = timezone.localdate()
    person = person_anlegen(durch=sachbearbeitung, amtlicher_name="Beispiel", vorname="Anna")
    fall = fall_anlegen(durch=sachbearbeitung, person=person, eingang_am=heute - timedelta(days=30))
    [frist] = alle_fristen(sachbearbeitung, heute=heute)
    assert frist.typ == "vollzugsbeginn"
    assert frist.regel == "R-13-1"
    assert frist.faellig == datetime.combine(heute, time(23, 59, 59), tzinfo=TZ)
    assert frist.titel == (
        f"Vollzugsbeginn Fall {fall.fallnummer} (Eingang {fall.eingang_am:%d.%m.%Y}, § 13 JVG)"
    )
    assert (frist.person_id, frist.person_name) == (person.pk, "Beispiel Anna")
    assert (frist.anstalt_id, frist.anstalt_name) == (None, "")
    # Last second of day 30: not overdue, as on the case; one second later both say overdue.
    assert fall.vollzugsbeginn_ueberfaellig(heute) is False
    assert gruppieren([frist], frist.faellig)["ueberfaellig"] == []
    assert fall.vollzugsbeginn_ueberfaellig(heute + timedelta(days=1)) is True
    assert gruppieren([frist], frist.faellig + timedelta(seconds=1))["ueberfaellig"] == [frist]


@pytest.mark.rule("R-0-FRIST-4", "R-13-1")
def test_vollzugsbeginn_overdue_task_replaces_the_case_entry_without_duplicate(
    sachbearbeitung, revision, anstalt_a
):
    heute = timezone.localdate()
    fall = fall_anlegen(durch=sachbearbeitung, eingang_am=heute - timedelta(days=40))
    assert domain.vollzugsbeginn_ueberfaellig_melden(heute=heute) == 1

    [fuer_sb] = alle_fristen(sachbearbeitung, heute=heute)
    aufgabe = Aufgabe.objects.get()
    assert (fuer_sb.typ, fuer_sb.regel) == ("aufgabe", "R-13-1")
    assert fuer_sb.url == f"{fall.get_absolute_url()}#aufgabe-{aufgabe.pk}"
    assert fuer_sb.faellig == aufgabe.faellig_am
    # The task is for the case workers only: the auditor keeps the case entry.
    [fuer_revision] = alle_fristen(revision, heute=heute)
    assert (fuer_revision.typ, fuer_revision.url) == ("vollzugsbeginn", fall.get_absolute_url())

    domain.einweisen(fall=fall, anstalt=anstalt_a, am=timezone.now(), durch=sachbearbeitung)
    assert alle_fristen(sachbearbeitung, heute=heute) == []
    assert alle_fristen(revision, heute=heute) == []


@pytest.mark.rule("R-0-FRIST-4", "R-17-1")
def test_urgent_clinic_transfer_task_appears_for_the_authority_with_current_facility(
    sachbearbeitung, leitung_a, anstalt_a, klinik
):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    domain.versetzen(
        fall=fall,
        anstalt=klinik,
        am=timezone.now(),
        art=Platzierungsart.VERSETZUNG_KLINIK,
        arztbericht=SimpleUploadedFile("b.pdf", b"%PDF-1.4 x"),
        durch=leitung_a,
    )
    [frist] = alle_fristen(sachbearbeitung)
    person = fall.person
    assert (frist.typ, frist.regel) == ("aufgabe", "R-17-1")
    assert (frist.anstalt_id, frist.anstalt_name) == (klinik.pk, "Luzerner Psychiatrie, Forensik")
    assert (frist.person_id, frist.person_name) == (person.pk, f"{person.amtlicher_name} {person.vorname}")
    # The task is addressed to the authority, not to the facility management that ordered it.
    assert alle_fristen(leitung_a) == []


@pytest.mark.rule("R-0-FRIST-4")
def test_alle_fristen_filters_by_facility_person_and_type(sachbearbeitung, anstalt_a, anstalt_b):
    heute = timezone.localdate()
    jetzt = timezone.now()
    anna = person_anlegen(durch=sachbearbeitung, amtlicher_name="Amrein", vorname="Anna")
    beat = person_anlegen(durch=sachbearbeitung, amtlicher_name="Bucher", vorname="Beat")
    fall_a = fall_anlegen(durch=sachbearbeitung, person=anna, eingewiesen_in=anstalt_a)
    fall_b = fall_anlegen(durch=sachbearbeitung, person=beat, eingewiesen_in=anstalt_b)
    _aufgabe(durch=sachbearbeitung, faellig_am=jetzt, fall=fall_a, titel="A")
    _aufgabe(durch=sachbearbeitung, faellig_am=jetzt, fall=fall_b, titel="B")
    eingang = fall_anlegen(durch=sachbearbeitung, person=anna)  # vollzugsbeginn, no facility

    def titel(**filter_):
        return sorted(f.titel for f in alle_fristen(sachbearbeitung, heute=heute, **filter_))

    vollzugsbeginn_titel = alle_fristen(sachbearbeitung, typ="vollzugsbeginn")[0].titel
    assert eingang.fallnummer in vollzugsbeginn_titel
    assert titel(anstalt=anstalt_a) == ["A"]
    assert titel(anstalt=anstalt_b.pk) == ["B"]
    assert titel(typ="aufgabe") == ["A", "B"]
    assert titel(typ="vollzugsbeginn") == [vollzugsbeginn_titel]
    assert titel(person="amrein") == sorted(["A", vollzugsbeginn_titel])
    assert titel(person="Anna Amrein") == sorted(["A", vollzugsbeginn_titel])
    assert titel(person=beat.personennummer) == ["B"]
    assert titel(person=beat.pk) == ["B"]
    assert titel(person="Niemand") == []
    assert titel(person="amrein", typ="aufgabe", anstalt=anstalt_a) == ["A"]
    with pytest.raises(ValueError, match="Unbekannter Fristtyp"):
        alle_fristen(sachbearbeitung, typ="gibtesnicht")


@pytest.mark.rule("R-0-FRIST-4", "R-0-ROLE-1")
def test_facility_staff_of_b_never_see_deadlines_of_a(
    client_als, sachbearbeitung, personal_a, personal_b, anstalt_a, anstalt_b
):
    fall_a = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    jetzt = timezone.now()
    _aufgabe(
        durch=sachbearbeitung,
        faellig_am=jetzt,
        fuer_rolle=Rolle.ANSTALTSPERSONAL,
        fall=fall_a,
        titel="Fall-A",
    )
    _aufgabe(
        durch=sachbearbeitung,
        faellig_am=jetzt,
        fuer_rolle=Rolle.ANSTALTSPERSONAL,
        anstalt=anstalt_a,
        titel="Anstalt-A",
    )
    assert sorted(f.titel for f in alle_fristen(personal_a)) == ["Anstalt-A", "Fall-A"]
    assert alle_fristen(personal_b) == []

    client = client_als(personal_b)
    seite = client.get(_url("uebersicht"))
    assert seite.status_code == 200
    assert "Fall-A" not in seite.content.decode() and "Anstalt-A" not in seite.content.decode()
    assert [a.pk for a in seite.context["form"].fields["anstalt"].queryset] == [anstalt_b.pk]
    # Asking for A's deadlines is refused with a German message, never answered.
    seite = client.get(_url("uebersicht"), {"anstalt": anstalt_a.pk})
    assert seite.status_code == 200
    assert seite.context["form"].errors["anstalt"] == [
        "R-0-ROLE-1: Diese Einrichtung gibt es nicht oder sie ist für Sie nicht sichtbar."
    ]
    assert "Fall-A" not in seite.content.decode()
    kalender = client.get(_url("ical"))
    assert kalender.status_code == 200
    assert "BEGIN:VEVENT" not in kalender.content.decode()
    abgelehnt = client.get(_url("ical"), {"anstalt": anstalt_a.pk})
    assert abgelehnt.status_code == 400
    assert "nicht sichtbar" in abgelehnt.content.decode()
    assert "Fall-A" not in abgelehnt.content.decode()


# --- Page and export -------------------------------------------------------------------------


@pytest.mark.rule("R-0-FRIST-4")
def test_uebersicht_requires_login(client):
    assert (_url("uebersicht"), _url("ical")) == ("/fristen/", "/fristen/ical/")
    antwort = client.get(_url("uebersicht"))
    assert antwort.status_code == 302
    assert antwort.url.startswith(reverse("login"))
    assert client.get(_url("ical")).status_code == 302


@pytest.mark.rule("R-0-FRIST-4")
def test_uebersicht_groups_counts_and_overdue_marker(client_als, sachbearbeitung, anstalt_a):
    jetzt = timezone.now()
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    ueberfaellig = _aufgabe(
        durch=sachbearbeitung, faellig_am=jetzt - timedelta(days=2), fall=fall, titel="Alte Meldung"
    )
    _aufgabe(durch=sachbearbeitung, faellig_am=jetzt + timedelta(days=30), titel="Spätere Meldung")
    antwort = client_als(sachbearbeitung).get(_url("uebersicht"))
    assert antwort.status_code == 200
    gruppen = {g["schluessel"]: [z["frist"].titel for z in g["zeilen"]] for g in antwort.context["gruppen"]}
    assert gruppen == {"ueberfaellig": ["Alte Meldung"], "diese_woche": [], "spaeter": ["Spätere Meldung"]}
    html = antwort.content.decode()
    assert "Überfällig (1)" in html
    assert "Diese Woche (0)" in html
    assert "Später (1)" in html
    assert 'class="badge badge-warnung">überfällig</span>' in html
    faellig_text = timezone.localtime(ueberfaellig.faellig_am).strftime("%d.%m.%Y %H:%M")
    assert faellig_text in html
    assert f'href="{fall.get_absolute_url()}#aufgabe-{ueberfaellig.pk}"' in html
    assert "JVA Grosshof" in html


@pytest.mark.rule("R-0-FRIST-4")
def test_uebersicht_filter_by_type_and_person_id(client_als, sachbearbeitung):
    person = person_anlegen(durch=sachbearbeitung, amtlicher_name="Zemp", vorname="Ida")
    fall_anlegen(durch=sachbearbeitung, person=person)
    fall_anlegen(durch=sachbearbeitung)
    _aufgabe(durch=sachbearbeitung, faellig_am=timezone.now(), titel="Nur Aufgabe")
    client = client_als(sachbearbeitung)

    def typen(**parameter):
        antwort = client.get(_url("uebersicht"), parameter)
        assert antwort.status_code == 200
        return sorted(
            (z["frist"].typ, z["frist"].person_name) for g in antwort.context["gruppen"] for z in g["zeilen"]
        )

    assert [t for t, _ in typen(typ="aufgabe")] == ["aufgabe"]
    assert typen(person_id=person.pk) == [("vollzugsbeginn", "Zemp Ida")]
    assert typen(person="zemp") == [("vollzugsbeginn", "Zemp Ida")]
    antwort = client.get(_url("uebersicht"), {"typ": "unbekannt"})
    assert antwort.status_code == 200
    assert antwort.context["form"].errors["typ"] == ["Unbekannter Fristtyp «unbekannt»."]


@pytest.mark.rule("R-0-FRIST-4")
def test_ical_export_response_headers_and_content(client_als, sachbearbeitung):
    fall = fall_anlegen(durch=sachbearbeitung)
    aufgabe = _aufgabe(durch=sachbearbeitung, faellig_am=timezone.now(), titel="Prüfen, ob; dringend")
    antwort = client_als(sachbearbeitung).get(_url("ical"), {"typ": "aufgabe"})
    assert antwort.status_code == 200
    assert antwort["Content-Type"] == "text/calendar; charset=utf-8"
    assert antwort["Content-Disposition"] == 'attachment; filename="fristen.ics"'
    for physisch in antwort.content.split(b"\r\n"):
        assert len(physisch) <= 75
    zeilen = _ics_zeilen(antwort.content)
    assert zeilen.count("BEGIN:VEVENT") == 1  # the type filter left the case's deadline out
    assert "SUMMARY:Prüfen\\, ob\\; dringend" in zeilen
    assert f"URL:http://testserver/#aufgabe-{aufgabe.pk}" in zeilen
    assert fall.fallnummer not in antwort.content.decode()


# --- Query budget ----------------------------------------------------------------------------
# Budget = session + user + 2 sources + facility choices (rendered select) + session save of the idle
# timeout (savepoint, update, release); the export has no select. Other modules' sources
# are taken out (fixture above) so the figure is exact; each of them adds its own constant.


@pytest.mark.rule("R-0-FRIST-4")
@pytest.mark.parametrize("anzahl", [1, 50])
def test_uebersicht_constant_queries_for_1_and_50_deadlines(
    client_als, sachbearbeitung, anstalt_a, anzahl, django_assert_max_num_queries
):
    jetzt = timezone.now()
    for i in range(anzahl):
        if i % 2:
            fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
            _aufgabe(durch=sachbearbeitung, faellig_am=jetzt + timedelta(hours=i), fall=fall)
        else:
            fall_anlegen(durch=sachbearbeitung)
    client = client_als(sachbearbeitung)
    # + 1: the read log of the persons shown, one bulk INSERT (issue 18 item 10)
    with django_assert_max_num_queries(9):
        antwort = client.get(_url("uebersicht"))
    assert sum(len(g["zeilen"]) for g in antwort.context["gruppen"]) == anzahl
    with django_assert_max_num_queries(8):
        assert client.get(_url("ical")).content.decode().count("BEGIN:VEVENT") == anzahl


# --- Start page counts -----------------------------------------------------------------------


@pytest.mark.rule("R-0-FRIST-4")
def test_anzahl_offen_counts_overdue_and_this_week(sachbearbeitung):
    jetzt = timezone.now()
    heute = timezone.localdate()
    _aufgabe(durch=sachbearbeitung, faellig_am=jetzt - timedelta(hours=1))
    _aufgabe(durch=sachbearbeitung, faellig_am=jetzt - timedelta(days=3))
    _aufgabe(durch=sachbearbeitung, faellig_am=jetzt + timedelta(seconds=1))
    _aufgabe(durch=sachbearbeitung, faellig_am=jetzt + timedelta(days=8))  # always next week or later
    assert anzahl_offen(sachbearbeitung, heute, jetzt=jetzt) == {"ueberfaellig": 2, "diese_woche": 1}


@pytest.mark.rule("R-0-FRIST-4")
def test_zaehler_include_shows_counts_as_cards_linking_to_the_page():
    html = render_to_string(
        "fristenkontrolle/_zaehler.html", {"fristen_zaehler": {"ueberfaellig": 3, "diese_woche": 0}}
    )
    assert f'<a class="karte karte-warnung" href="{_url("uebersicht")}#ueberfaellig">' in html
    assert '<span class="karte-zahl">3</span>' in html
    assert f'<a class="karte" href="{_url("uebersicht")}#diese_woche">' in html
    assert '<span class="karte-zahl">0</span>' in html
    ruhig = render_to_string(
        "fristenkontrolle/_zaehler.html", {"fristen_zaehler": {"ueberfaellig": 0, "diese_woche": 2}}
    )
    assert "karte-warnung" not in ruhig


# --- Extension by registration ---------------------------------------------------------------


@pytest.fixture
def testquelle():
    """A source registered the way a module does it; removed again in teardown."""

    def quelle(user, heute):
        return [
            _eintrag(
                tagesende(heute + timedelta(days=14)),
                typ="testquelle",
                titel="Testfrist aus neuem Modul",
                url="/neues-modul/1/",
                regel="R-0-FRIST-4",
            )
        ]

    fristquelle("testquelle", "Testquelle (neues Modul)")(quelle)
    yield quelle
    fristquelle_entfernen("testquelle")
    assert "testquelle" not in QUELLEN


@pytest.mark.rule("R-0-FRIST-4")
def test_registered_source_appears_without_page_changes(client_als, sachbearbeitung, testquelle):
    client = client_als(sachbearbeitung)
    antwort = client.get(_url("uebersicht"))
    html = antwort.content.decode()
    assert '<a href="/neues-modul/1/">Testfrist aus neuem Modul</a>' in html
    assert "Testquelle (neues Modul)" in html  # type column and filter choice
    assert ("testquelle", "Testquelle (neues Modul)") in antwort.context["form"].fields["typ"].choices
    gefiltert = client.get(_url("uebersicht"), {"typ": "testquelle"})
    assert [z["frist"].typ for g in gefiltert.context["gruppen"] for z in g["zeilen"]] == ["testquelle"]
    assert "SUMMARY:Testfrist aus neuem Modul" in _ics_zeilen(client.get(_url("ical")).content)


@pytest.mark.rule("R-0-FRIST-4")
def test_fristquelle_refuses_a_second_function_for_the_same_type(testquelle):
    with pytest.raises(ValueError, match="bereits registriert"):
        fristquelle("testquelle", "Andere")(lambda user, heute: [])
    assert fristquelle("testquelle", "Testquelle (neues Modul)")(testquelle) is testquelle
