"""Bedrohungsmanagement (programme «Sicherheit im sozialen Nahraum», points 14 and 15): reports (R-BM-1),
assessment and case management (R-BM-2), separation, access and the deadline source (R-BM-3)."""

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from bedrohung import domain, permissions, queries
from bedrohung.domain.fristen import TYP
from bedrohung.models import Bedrohungsmeldung, Einschaetzung, Massnahme, Zugriff
from bedrohung.recht import Kanal, Massnahmenart, Meldungsstatus, Risikostufe, Stelle, Urheberart, Zugriffsart
from disziplinar.recht import Tatbestand
from fristenkontrolle.queries import alle_fristen
from kern.erweiterungen import QUELLEN
from kern.fristen import TZ, tagesende
from kern.models import Benutzer
from kern.rollen import Rolle
from tests.conftest import PASSWORT
from tests.factories import fall_anlegen

WORTLAUT = "Ich warte nach Feierabend beim Parkplatz Zebrastreifen auf dich."


def benutzer(username, rolle, anstalt=None) -> Benutzer:
    user = Benutzer(username=username, rolle=rolle, anstalt=anstalt, first_name=username, last_name="Test")
    user.set_password(PASSWORT)
    user.save()
    return user


def meldung(durch, **kw) -> Bedrohungsmeldung:
    daten = {
        "vorfall_am": timezone.now() - timedelta(hours=3),
        "ort": "Werkstatt 2",
        "kanal": Kanal.PERSOENLICH,
        "wortlaut": WORTLAUT,
        "urheber_art": Urheberart.BESUCHER,
        "urheber_beschreibung": "Besucher, etwa 40 Jahre, Name unbekannt",
        "betroffene": "Aufseherin der Werkstatt",
        "zeugen": "Kollege der Frühschicht",
        **kw,
    }
    return domain.meldung_erfassen(**daten, durch=durch)


def eingeschaetzt(m, team, stufe=Risikostufe.MITTEL) -> Einschaetzung:
    return domain.einschaetzung_erfassen(
        meldung=m,
        risikostufe=stufe,
        begruendung="Konkrete Ankündigung, Ort genannt.",
        leakage=True,
        durch=team,
    )


def massnahme(m, team, *, frist=None, art=Massnahmenart.GESPRAECH) -> Massnahme:
    return domain.massnahme_erfassen(
        meldung=m,
        art=art,
        beschreibung="Ansprache durch Kapo Sursee",
        verantwortlich=team,
        frist=frist or timezone.localdate() + timedelta(days=7),
        durch=team,
    )


def meldungsfehler(exc) -> dict[str, list[str]]:
    return exc.value.message_dict


@pytest.fixture
def team2(db):
    return benutzer("btm2", Rolle.BEDROHUNGSMANAGEMENT)


@pytest.fixture
def insasse_a(sachbearbeitung, anstalt_a):
    return fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)


# --- R-BM-3: who sees what ----------------------------------------------------------------------


@pytest.mark.rule("R-BM-3")
def test_meldende_person_sieht_eigene_meldung_andere_nichts(
    sachbearbeitung, sachbearbeitung2, personal_a, revision, bedrohung, partner, admin_user
):
    eigene = meldung(sachbearbeitung)
    fremde = meldung(personal_a)

    assert list(queries.meldungen_fuer_user(sachbearbeitung)) == [eigene]
    assert list(queries.meldungen_fuer_user(personal_a)) == [fremde]
    # Another case worker, the auditors, the administration and agencies see none (views: 404).
    for user in (sachbearbeitung2, revision, partner, admin_user):
        assert not queries.meldungen_fuer_user(user).exists()
    assert set(queries.meldungen_fuer_user(bedrohung)) == {eigene, fremde}


@pytest.mark.rule("R-BM-3")
def test_inaktives_teammitglied_sieht_nichts(bedrohung, personal_a):
    meldung(personal_a)
    bedrohung.is_active = False
    bedrohung.save()
    assert not permissions.ist_team(bedrohung)
    assert not queries.meldungen_fuer_user(bedrohung).exists()


@pytest.mark.rule("R-BM-1", "R-BM-3")
def test_jede_mitarbeiterrolle_darf_melden_partnerbehoerde_und_jobs_nicht(partner, personal_a, medizin):
    assert permissions.darf_melden(personal_a) and permissions.darf_melden(medizin)
    assert not permissions.darf_melden(partner)
    job = benutzer("job:test", Rolle.SYSTEM)
    for user in (partner, job):
        with pytest.raises(PermissionDenied, match="R-BM-1"):
            meldung(user)
    assert not Bedrohungsmeldung.objects.exists()


@pytest.mark.rule("R-BM-3")
def test_vollzug_personensuche_findet_keine_bedrohungsmeldung(
    client_als, sachbearbeitung, personal_a, bedrohung, insasse_a
):
    m = meldung(
        personal_a,
        urheber_art=Urheberart.INSASSE,
        urheber_person=insasse_a.person,
        wortlaut="Zebrastreifen-Drohung gegen die Aufseherin",
    )
    for user in (sachbearbeitung, bedrohung, personal_a):
        for q in ("Zebrastreifen", m.nummer, "Aufseherin"):
            response = client_als(user).get(reverse("vollzug:person_list"), {"q": q})
            assert response.status_code == 200
            assert list(response.context["seite"]) == []
        # Searching the inmate finds the person, but nothing of the report.
        response = client_als(user).get(
            reverse("vollzug:person_list"), {"q": insasse_a.person.amtlicher_name}
        )
        assert list(response.context["seite"]) == [insasse_a.person]
        assert m.nummer not in response.content.decode() and "Zebrastreifen" not in response.content.decode()
        # The threatening inmate's own pages show nothing of the report either.
        for url in (
            reverse("vollzug:person_detail", args=[insasse_a.person_id]),
            reverse("vollzug:fall_detail", args=[insasse_a.pk]),
        ):
            html = client_als(user).get(url).content.decode()
            assert m.nummer not in html and "Zebrastreifen" not in html


@pytest.mark.rule("R-BM-3", "R-0-AUDIT-1")
def test_allgemeines_aenderungsprotokoll_zeigt_keine_bedrohungsdaten(
    client_als, revision, personal_a, bedrohung
):
    m = meldung(personal_a)
    eingeschaetzt(m, bedrohung)
    # The writes are in the history with their actor (R-0-AUDIT-1) ...
    assert m.history.earliest().history_user == personal_a
    assert m.history.latest().history_user == bedrohung
    assert Einschaetzung.history.get().history_user == bedrohung

    # ... but not in the auditors' general change log (R-BM-3: own log of the team).
    response = client_als(revision).get(reverse("protokoll:aenderungen"))
    assert response.status_code == 200
    typen = {e.objekt_typ for e in response.context["seite"].eintraege}
    assert not typen & {"Bedrohungsmeldung", "Risikoeinschätzung", "Bedrohungsmeldungen"}
    html = response.content.decode()
    assert m.nummer not in html and "Parkplatz" not in html and "bedrohung." not in html
    # The type filter does not offer the app's models either.
    response = client_als(revision).get(
        reverse("protokoll:aenderungen"), {"typ": "bedrohung.bedrohungsmeldung"}
    )
    assert response.context["seite"] is None
    assert "typ" in response.context["form"].errors


@pytest.mark.rule("R-BM-3")
def test_zugriff_wird_im_eigenen_protokoll_festgehalten(bedrohung, personal_a):
    m = meldung(personal_a)
    domain.zugriff_protokollieren(user=bedrohung, aktion=Zugriffsart.ANSICHT, meldung=m)
    domain.zugriff_protokollieren(user=bedrohung, aktion=Zugriffsart.LISTE)
    zeilen = list(
        Zugriff.objects.order_by("pk").values_list("benutzer__username", "meldung_nummer", "aktion", "kanal")
    )
    assert zeilen == [("btm", m.nummer, "ansicht", "web"), ("btm", "", "liste", "web")]
    with pytest.raises(ValueError):
        domain.zugriff_protokollieren(user=bedrohung, aktion="lesen", meldung=m)


# --- R-BM-1: the report ---------------------------------------------------------------------------


@pytest.mark.rule("R-BM-1", "R-0-AUDIT-1")
def test_meldung_erfassen_nummer_felder_und_historie(personal_a, anstalt_a):
    vorfall = timezone.now() - timedelta(days=1)
    m = meldung(personal_a, vorfall_am=vorfall, ort="  Besucherraum ", sofortbedarf="Begleitung zum Auto")

    jahr = timezone.localdate().year
    assert m.nummer == f"BM-{jahr}-00001"
    assert meldung(personal_a).nummer == f"BM-{jahr}-00002"
    m.refresh_from_db()
    assert (m.status, m.risikostufe, m.ort, m.anstalt, m.gemeldet_durch, m.vorfall_am) == (
        Meldungsstatus.NEU,
        "",
        "Besucherraum",
        anstalt_a,  # the reporter's facility by default
        personal_a,
        vorfall,
    )
    assert m.gemeldet_am >= vorfall
    eintrag = m.history.get()
    assert (eintrag.history_type, eintrag.history_user, eintrag.history_change_reason) == (
        "+",
        personal_a,
        "Bedrohung gemeldet (R-BM-1)",
    )


@pytest.mark.rule("R-BM-1", "R-0-BAD-1")
@pytest.mark.parametrize(
    ("aenderung", "feld"),
    [
        ({"vorfall_am": "ZUKUNFT"}, "vorfall_am"),
        ({"vorfall_am": datetime(2026, 1, 5, 10, 0)}, "vorfall_am"),  # naive
        ({"vorfall_am": date(2026, 1, 5)}, "vorfall_am"),
        ({"vorfall_am": datetime(1850, 1, 5, 10, 0, tzinfo=TZ)}, "vorfall_am"),
        ({"ort": "  "}, "ort"),
        ({"kanal": "fax"}, "kanal"),
        ({"wortlaut": ""}, "wortlaut"),
        ({"betroffene": ""}, "betroffene"),
        ({"urheber_art": "nachbar"}, "urheber_art"),
        ({"urheber_beschreibung": ""}, "urheber_beschreibung"),
    ],
)
def test_meldung_erfassen_ungueltig_nennt_regel_und_speichert_nichts(personal_a, aenderung, feld):
    if aenderung.get("vorfall_am") == "ZUKUNFT":  # parametrize runs at import time, the clock at test time
        aenderung = {"vorfall_am": timezone.now() + timedelta(minutes=5)}
    with pytest.raises(ValidationError) as exc:
        meldung(personal_a, **aenderung)
    fehler = meldungsfehler(exc)
    assert list(fehler) == [feld]
    assert any("R-BM-1" in t or "R-0-BAD-1" in t for t in fehler[feld])
    assert not Bedrohungsmeldung.objects.exists()


@pytest.mark.rule("R-BM-1", "R-BM-3", "R-0-BAD-1")
def test_vollzugsperson_nur_bei_insasse_und_nur_aus_eigener_sicht(personal_a, personal_b, insasse_a):
    with pytest.raises(ValidationError) as exc:
        meldung(personal_a, urheber_art=Urheberart.BESUCHER, urheber_person=insasse_a.person)
    assert "R-BM-1" in meldungsfehler(exc)["urheber_person"][0]
    # Staff of another facility cannot name (and so probe) a person not placed there.
    with pytest.raises(ValidationError) as exc:
        meldung(personal_b, urheber_art=Urheberart.INSASSE, urheber_person=insasse_a.person)
    assert "nicht in Ihrer Sicht" in meldungsfehler(exc)["urheber_person"][0]
    m = meldung(
        personal_a, urheber_art=Urheberart.INSASSE, urheber_person=insasse_a.person, urheber_beschreibung=""
    )
    assert m.urheber_person == insasse_a.person
    assert (
        meldung(personal_b, urheber_art=Urheberart.UNBEKANNT, urheber_beschreibung="").urheber_art
        == "unbekannt"
    )


@pytest.mark.rule("R-BM-1", "R-BM-3")
def test_beilagen_mit_hash_nur_durch_meldende_person_oder_team(personal_a, personal_b, bedrohung):
    import hashlib

    inhalt = b"%PDF-1.4 Drohbrief"
    m = meldung(
        personal_a, beilagen=[domain.BeilageDaten("Drohbrief", SimpleUploadedFile("brief.pdf", inhalt))]
    )
    beilage = m.beilagen.get()
    assert beilage.sha256 == hashlib.sha256(inhalt).hexdigest()
    assert beilage.datei.name.startswith(f"bedrohung/{m.nummer}/")
    domain.beilage_hinzufuegen(
        meldung=m, titel="Foto", datei=SimpleUploadedFile("f.jpg", b"jpg"), durch=bedrohung
    )
    with pytest.raises(PermissionDenied):
        domain.beilage_hinzufuegen(
            meldung=m, titel="X", datei=SimpleUploadedFile("x.txt", b"x"), durch=personal_b
        )
    with pytest.raises(ValidationError) as exc:
        domain.beilage_hinzufuegen(
            meldung=m, titel=" ", datei=SimpleUploadedFile("x.txt", b"x"), durch=personal_a
        )
    assert "R-BM-1" in meldungsfehler(exc)["titel"][0]
    assert m.beilagen.count() == 2


# --- R-BM-1: § 40 Abs. 2 lit. c, linked not copied -------------------------------------------------


@pytest.mark.rule("R-BM-1", "R-40-1")
def test_disziplinarrapport_lit_c_wird_verknuepft_nicht_kopiert(personal_a, insasse_a, bedrohung):
    m = meldung(personal_a, urheber_art=Urheberart.INSASSE, urheber_person=insasse_a.person)

    rapport = domain.disziplinarrapport_anlegen(meldung=m, durch=personal_a)

    m.refresh_from_db()
    assert m.disziplinar_rapport == rapport
    assert [d.tatbestand for d in rapport.delikte.all()] == [Tatbestand.C]
    assert (rapport.fall, rapport.person, rapport.tatzeit, rapport.gemeldet_durch) == (
        insasse_a,
        insasse_a.person,
        m.vorfall_am,
        personal_a,
    )
    # Linked, not copied: the disciplinary file refers to the report's number, never its wording.
    assert m.nummer in rapport.sachverhalt
    assert WORTLAUT not in rapport.sachverhalt and "Aufseherin" not in rapport.sachverhalt
    assert m.history.latest().history_user == personal_a

    with pytest.raises(ValidationError) as exc:
        domain.disziplinarrapport_anlegen(meldung=m, durch=personal_a)
    assert "R-BM-1" in meldungsfehler(exc)["disziplinar_rapport"][0]


@pytest.mark.rule("R-BM-1", "R-0-BAD-1")
def test_disziplinarrapport_nur_fuer_insassen_und_personal_der_einrichtung(
    personal_a, leitung_a, sachbearbeitung, bedrohung, insasse_a, anstalt_b
):
    from disziplinar.models import Rapport

    besucher = meldung(personal_a)
    with pytest.raises(ValidationError) as exc:
        domain.disziplinarrapport_anlegen(meldung=besucher, durch=personal_a)
    assert "§ 40 Abs. 2 lit. c" in meldungsfehler(exc)["urheber_person"][0]

    m = meldung(sachbearbeitung, urheber_art=Urheberart.INSASSE, urheber_person=insasse_a.person)
    # The case worker (reporter) and the team write no disciplinary reports; staff of the facility do.
    for user in (sachbearbeitung, bedrohung):
        with pytest.raises(PermissionDenied):
            domain.disziplinarrapport_anlegen(meldung=m, durch=user)
    # The facility management cannot reach a report that is not theirs (R-BM-3).
    with pytest.raises(PermissionDenied):
        domain.disziplinarrapport_anlegen(meldung=m, durch=leitung_a)
    # Staff of another facility: the person is not placed there.
    personal_b2 = benutzer("personal_b2", Rolle.ANSTALTSPERSONAL, anstalt_b)
    eigene = meldung(personal_a, urheber_art=Urheberart.INSASSE, urheber_person=insasse_a.person)
    Bedrohungsmeldung.objects.filter(pk=eigene.pk).update(gemeldet_durch=personal_b2)
    eigene.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        domain.disziplinarrapport_anlegen(meldung=eigene, durch=personal_b2)
    assert "nicht in Ihrer Einrichtung" in meldungsfehler(exc)["urheber_person"][0]
    assert not Rapport.objects.exists()


# --- R-BM-2: assessment, contact person, measures, conference, closing -----------------------------


@pytest.mark.rule("R-BM-2", "R-0-AUDIT-1")
def test_einschaetzung_setzt_risikostufe_und_behaelt_verlauf(personal_a, bedrohung, team2):
    m = meldung(personal_a)
    erste = eingeschaetzt(m, bedrohung, Risikostufe.MITTEL)
    m.refresh_from_db()
    assert (m.risikostufe, m.status) == (Risikostufe.MITTEL, Meldungsstatus.IN_BEARBEITUNG)
    assert (erste.leakage, erste.fixierung, erste.erstellt_durch) == (True, False, bedrohung)

    domain.einschaetzung_erfassen(
        meldung=m,
        risikostufe=Risikostufe.HOCH,
        begruendung="Zweite Drohung, Zugang zu Waffen bekannt.",
        waffenzugang=True,
        eskalation=True,
        durch=team2,
    )
    m.refresh_from_db()
    assert m.risikostufe == Risikostufe.HOCH
    assert list(m.einschaetzungen.values_list("risikostufe", flat=True)) == ["hoch", "mittel"]
    assert m.history.latest().history_user == team2


@pytest.mark.rule("R-BM-2", "R-BM-3", "R-0-BAD-1")
def test_einschaetzung_nur_team_und_vollstaendig(personal_a, sachbearbeitung, bedrohung):
    m = meldung(personal_a)
    for user in (personal_a, sachbearbeitung):
        with pytest.raises(PermissionDenied, match="R-BM-3"):
            eingeschaetzt(m, user)
    with pytest.raises(ValidationError) as exc:
        domain.einschaetzung_erfassen(meldung=m, risikostufe="extrem", begruendung=" ", durch=bedrohung)
    fehler = meldungsfehler(exc)
    assert set(fehler) == {"risikostufe", "begruendung"}
    assert all("R-BM-2" in t[0] for t in fehler.values())
    assert not Einschaetzung.objects.exists()


@pytest.mark.rule("R-BM-2", "R-0-BAD-1")
def test_ansprechperson_muss_teammitglied_sein(personal_a, sachbearbeitung, bedrohung, team2):
    m = meldung(personal_a)
    with pytest.raises(ValidationError) as exc:
        domain.ansprechperson_zuweisen(meldung=m, ansprechperson=sachbearbeitung, durch=bedrohung)
    assert "R-BM-2" in meldungsfehler(exc)["ansprechperson"][0]
    domain.ansprechperson_zuweisen(meldung=m, ansprechperson=team2, durch=bedrohung)
    m.refresh_from_db()
    assert (m.ansprechperson, m.status) == (team2, Meldungsstatus.IN_BEARBEITUNG)


@pytest.mark.rule("R-BM-2", "R-0-BAD-1")
def test_massnahme_pruefung(personal_a, sachbearbeitung, bedrohung):
    m = meldung(personal_a)
    with pytest.raises(ValidationError) as exc:
        domain.massnahme_erfassen(
            meldung=m,
            art="pranger",
            beschreibung="",
            verantwortlich=sachbearbeitung,
            frist=timezone.localdate() - timedelta(days=1),
            durch=bedrohung,
        )
    assert set(meldungsfehler(exc)) == {"art", "beschreibung", "verantwortlich", "frist"}
    with pytest.raises(ValidationError) as exc:
        domain.massnahme_erfassen(
            meldung=m,
            art="schutz",
            beschreibung="x",
            verantwortlich=bedrohung,
            frist="morgen",
            durch=bedrohung,
        )
    assert "R-BM-2" in meldungsfehler(exc)["frist"][0]
    heute = massnahme(m, bedrohung, frist=timezone.localdate())  # today is still allowed
    assert heute.erledigt_am is None
    with pytest.raises(PermissionDenied):
        massnahme(m, personal_a)


@pytest.mark.rule("R-BM-2")
def test_fallkonferenz_mit_folgeauftraegen(personal_a, bedrohung, team2):
    m = meldung(personal_a)
    frist = timezone.localdate() + timedelta(days=14)
    konferenz = domain.konferenz_erfassen(
        meldung=m,
        datum=timezone.now() - timedelta(hours=1),
        stellen=[Stelle.POLIZEI, Stelle.FORENSIK, Stelle.POLIZEI],
        teilnehmende="Kapo LU (Bedrohungsmanagement), Forensik LUPS, Team BM",
        beschluesse="Gefährderansprache; Hausverbot prüfen.",
        folgeauftraege=[
            domain.MassnahmeDaten(Massnahmenart.GESPRAECH, "Gefährderansprache", team2, frist),
            domain.MassnahmeDaten(Massnahmenart.HAUSVERBOT, "Hausverbot prüfen", bedrohung, frist),
        ],
        durch=bedrohung,
    )
    assert konferenz.stellen == ["polizei", "forensik"]
    assert list(konferenz.folgeauftraege.order_by("pk").values_list("art", "verantwortlich__username")) == [
        ("gespraech", "btm2"),
        ("hausverbot", "btm"),
    ]
    m.refresh_from_db()
    assert m.status == Meldungsstatus.IN_BEARBEITUNG


@pytest.mark.rule("R-BM-2", "R-0-BAD-1")
def test_fallkonferenz_ungueltig(personal_a, sachbearbeitung, bedrohung):
    m = meldung(personal_a)
    with pytest.raises(ValidationError) as exc:
        domain.konferenz_erfassen(
            meldung=m,
            datum=timezone.now() + timedelta(days=2),
            stellen=["geheimdienst"],
            teilnehmende="",
            beschluesse="",
            folgeauftraege=[domain.MassnahmeDaten("schutz", "", sachbearbeitung, timezone.localdate())],
            durch=bedrohung,
        )
    fehler = meldungsfehler(exc)
    assert set(fehler) == {
        "datum",
        "stellen",
        "teilnehmende",
        "beschluesse",
        "folgeauftraege[0].beschreibung",
        "folgeauftraege[0].verantwortlich",
    }
    assert all("R-BM-2" in t[0] for t in fehler.values())
    with pytest.raises(ValidationError) as exc:
        domain.konferenz_erfassen(
            meldung=m,
            datum=m.vorfall_am - timedelta(days=1),
            stellen=[],
            teilnehmende="A",
            beschluesse="B",
            durch=bedrohung,
        )
    assert set(meldungsfehler(exc)) == {"datum", "stellen"}


@pytest.mark.rule("R-BM-2")
def test_abschluss_braucht_einschaetzung_und_erledigte_massnahmen(personal_a, bedrohung):
    m = meldung(personal_a)
    with pytest.raises(
        ValidationError, match="R-BM-2: Vor dem Abschluss ist mindestens eine Risikoeinschätzung"
    ):
        domain.meldung_abschliessen(meldung=m, bemerkung="Erledigt", durch=bedrohung)
    eingeschaetzt(m, bedrohung, Risikostufe.GERING)
    offene = massnahme(m, bedrohung)
    with pytest.raises(ValidationError, match="R-BM-2: 1 Massnahme noch offen"):
        domain.meldung_abschliessen(meldung=m, bemerkung="Erledigt", durch=bedrohung)
    domain.massnahme_erledigen(massnahme=offene, bemerkung="Gespräch geführt", durch=bedrohung)
    with pytest.raises(ValidationError, match="R-BM-2: Die Massnahme ist seit"):
        domain.massnahme_erledigen(massnahme=offene, durch=bedrohung)
    with pytest.raises(ValidationError) as exc:
        domain.meldung_abschliessen(meldung=m, bemerkung=" ", durch=bedrohung)
    assert "R-BM-2" in meldungsfehler(exc)["bemerkung"][0]
    with pytest.raises(PermissionDenied):
        domain.meldung_abschliessen(meldung=m, bemerkung="Erledigt", durch=personal_a)

    domain.meldung_abschliessen(meldung=m, bemerkung="Keine weitere Gefahr", durch=bedrohung)

    m.refresh_from_db()
    assert (m.status, m.abschluss_bemerkung) == (Meldungsstatus.ABGESCHLOSSEN, "Keine weitere Gefahr")
    assert m.abgeschlossen_am is not None
    # A closed case is not edited any more.
    with pytest.raises(ValidationError, match="ist abgeschlossen"):
        eingeschaetzt(m, bedrohung)
    with pytest.raises(ValidationError, match="ist abgeschlossen"):
        domain.beilage_hinzufuegen(
            meldung=m, titel="X", datei=SimpleUploadedFile("x.txt", b"x"), durch=personal_a
        )


# --- R-BM-2 / R-BM-3: measures in the Fristenkontrolle, team only ---------------------------------


@pytest.mark.rule("R-BM-2", "R-BM-3", "R-0-FRIST-4")
def test_massnahmen_in_fristenkontrolle_nur_fuer_team(
    personal_a, sachbearbeitung, revision, leitung_a, bedrohung, team2, insasse_a
):
    assert TYP in QUELLEN
    m = meldung(personal_a, urheber_art=Urheberart.INSASSE, urheber_person=insasse_a.person)
    frist = timezone.localdate() + timedelta(days=3)
    offen = massnahme(m, bedrohung, frist=frist)
    erledigt = massnahme(m, bedrohung)
    domain.massnahme_erledigen(massnahme=erledigt, durch=bedrohung)

    for user in (bedrohung, team2):
        eintraege = [e for e in alle_fristen(user) if e.typ == TYP]
        assert len(eintraege) == 1
        e = eintraege[0]
        assert e.faellig == tagesende(frist)
        assert e.regel == "R-BM-2"
        assert e.url == f"/bedrohung/meldungen/{m.pk}/#massnahme-{offen.pk}"
        assert e.titel.startswith(f"Massnahme {m.nummer}: Gespräch mit der drohenden Person")
        assert f"bis {frist:%d.%m.%Y}" in e.titel
        # No person of the Vollzug, no content of the report.
        assert (e.person_id, e.person_name) == (None, "")
        assert insasse_a.person.amtlicher_name not in e.titel and "Sursee" not in e.titel
    # The reporter, case workers, auditors and the facility management see nothing of it.
    for user in (personal_a, sachbearbeitung, revision, leitung_a):
        assert [e for e in alle_fristen(user) if e.typ == TYP] == []
        assert alle_fristen(user, typ=TYP) == []


@pytest.mark.rule("R-BM-2", "R-0-FRIST-4")
def test_fristquelle_konstante_abfragen(personal_a, bedrohung, django_assert_max_num_queries):
    from bedrohung.domain import massnahmen_fristen

    m = meldung(personal_a)
    massnahme(m, bedrohung)
    with django_assert_max_num_queries(1):
        assert len(massnahmen_fristen(bedrohung, timezone.localdate())) == 1
    for i in range(19):
        massnahme(meldung(personal_a) if i % 2 else m, bedrohung)
    with django_assert_max_num_queries(1):
        assert len(massnahmen_fristen(bedrohung, timezone.localdate())) == 20
    with django_assert_max_num_queries(0):
        assert massnahmen_fristen(personal_a, timezone.localdate()) == []


# --- Information material (programme point 14) ---------------------------------------------------


@pytest.mark.rule("R-BM-3", "R-0-BAD-1")
def test_merkblatt_und_ansprechpersonen_nur_team(bedrohung, sachbearbeitung):
    blatt = domain.merkblatt_speichern(
        titel="Drohungen erkennen", inhalt="Absatz 1\n\nAbsatz 2", durch=bedrohung
    )
    blatt = domain.merkblatt_speichern(
        titel="Drohungen erkennen und melden", inhalt="Neu", reihenfolge=2, merkblatt=blatt, durch=bedrohung
    )
    assert (blatt.titel, blatt.reihenfolge, blatt.history.count()) == ("Drohungen erkennen und melden", 2, 2)
    assert blatt.history.latest().history_user == bedrohung
    ap = domain.ansprechperson_speichern(
        name="Petra Muster",
        abteilung="JVA Grosshof",
        email="petra@lu.ch",
        geschult_am=date(2025, 3, 1),
        durch=bedrohung,
    )
    assert ap.aktiv
    with pytest.raises(ValidationError) as exc:
        domain.ansprechperson_speichern(name="", abteilung="X", email="kein-mail", durch=bedrohung)
    assert {"name"} <= set(meldungsfehler(exc))
    with pytest.raises(ValidationError) as exc:
        domain.ansprechperson_speichern(name="A", abteilung="X", email="kein-mail", durch=bedrohung)
    assert set(meldungsfehler(exc)) == {"email"}
    with pytest.raises(ValidationError) as exc:
        domain.merkblatt_speichern(titel="x" * 200, inhalt="", reihenfolge=-1, durch=bedrohung)
    assert set(meldungsfehler(exc)) == {"titel", "inhalt", "reihenfolge"}
    for aufruf in (
        lambda: domain.merkblatt_speichern(titel="T", inhalt="I", durch=sachbearbeitung),
        lambda: domain.ansprechperson_speichern(name="N", abteilung="A", durch=sachbearbeitung),
    ):
        with pytest.raises(PermissionDenied):
            aufruf()
