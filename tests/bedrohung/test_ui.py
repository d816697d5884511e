"""Browser pages of the threat management: reporting in a few clicks with the § 40 Abs. 2 lit. c offer
(R-BM-1), the team's assessment, contact person, measures, conferences and closing (R-BM-2), separation
and access (R-BM-3: team and reporter only, 404 for everyone else, not in the Vollzug search, own access
and change log), the information page, bad input (R-0-BAD-1) and constant query budgets of the lists."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bedrohung import domain
from bedrohung.models import (
    Ansprechperson,
    Bedrohungsmeldung,
    Einschaetzung,
    Fallkonferenz,
    Massnahme,
    Meldungsbeilage,
    Merkblatt,
    Zugriff,
)
from bedrohung.recht import Kanal, Massnahmenart, Meldungsstatus, Risikostufe, Stelle, Urheberart, Zugriffsart
from disziplinar.models import Rapport
from kern.models import Lesezugriff
from kern.rollen import Rolle
from tests.disziplinar.test_disziplinar import benutzer
from tests.factories import fall_anlegen, person_anlegen
from vollzug.models import Vollzugsfall

MELDEN = reverse("bedrohung:melden")
LISTE = reverse("bedrohung:meldung_liste")
MEINE = reverse("bedrohung:meine")
INFO = reverse("bedrohung:info")
PROTOKOLL = reverse("bedrohung:protokoll")


def detail(m):
    return reverse("bedrohung:meldung_detail", args=[m.pk])


def meldung(durch, *, wortlaut="Ich weiss, wo Sie wohnen.", **kw) -> Bedrohungsmeldung:
    daten = {
        "vorfall_am": timezone.now() - timedelta(hours=2),
        "ort": "Besucherraum",
        "kanal": Kanal.PERSOENLICH,
        "wortlaut": wortlaut,
        "urheber_art": Urheberart.EXTERN,
        "urheber_beschreibung": "Bruder eines Eingewiesenen",
        "betroffene": "Aufseherin Meier",
    }
    daten.update(kw)
    return domain.meldung_erfassen(durch=durch, **daten)


def _formular(**aenderungen) -> dict:
    daten = {
        "urheber_art": Urheberart.EXTERN,
        "urheber_beschreibung": "Mann um die 40, schwarze Jacke",
        "betroffene": "Aufseherin Meier",
        "vorfall_am": (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "ort": "Pforte",
        "kanal": Kanal.PERSOENLICH,
        "wortlaut": "Dich erwische ich noch, draussen.",
        "zeugen": "",
        "sofortbedarf": "",
    }
    daten.update(aenderungen)
    return daten


@pytest.fixture
def insasse_a(sachbearbeitung, anstalt_a):
    person = person_anlegen(durch=sachbearbeitung, amtlicher_name="Brunner", vorname="Kurt")
    fall_anlegen(durch=sachbearbeitung, person=person, eingewiesen_in=anstalt_a)
    return person


@pytest.fixture
def team2(db):
    return benutzer("btm2", Rolle.BEDROHUNGSMANAGEMENT)


# --- R-BM-1: report ---------------------------------------------------------------------------------


@pytest.mark.rule("R-BM-1", "R-BM-3")
def test_melden_mit_mehreren_beilagen_zeigt_bestaetigung_und_disziplinar_angebot(
    client_als, personal_a, insasse_a
):
    c = client_als(personal_a)
    assert c.get(MELDEN).status_code == 200
    dateien = [
        SimpleUploadedFile("brief.pdf", b"%PDF-1.4 Drohbrief", content_type="application/pdf"),
        SimpleUploadedFile("foto.jpg", b"JPEGDATEN", content_type="image/jpeg"),
    ]
    antwort = c.post(
        MELDEN,
        _formular(
            urheber_art=Urheberart.INSASSE,
            urheber_person=insasse_a.pk,
            urheber_beschreibung="",
            betroffene="Ich selbst (Personal Test)",
            wortlaut="Dir stech ich ab, wenn ich rauskomme.",
            anstalt=personal_a.anstalt_id,
            dateien=dateien,
        ),
    )
    m = Bedrohungsmeldung.objects.get()
    assert antwort.status_code == 302 and antwort["Location"] == detail(m)
    assert (m.gemeldet_durch, m.urheber_person, m.anstalt_id) == (
        personal_a,
        insasse_a,
        personal_a.anstalt_id,
    )
    assert sorted(Meldungsbeilage.objects.values_list("titel", flat=True)) == ["brief.pdf", "foto.jpg"]
    seite = c.get(antwort["Location"]).content.decode()
    assert (
        m.nummer in seite
        and "Dir stech ich ab" in seite
        and "ist beim Bedrohungsmanagement eingegangen" in seite
    )
    assert "Disziplinarrapport nach § 40 Abs. 2 lit. c eröffnen" in seite
    # The reporter sees their own report in «Meine Meldungen».
    assert m.nummer in c.get(MEINE).content.decode()


@pytest.mark.rule("R-BM-1")
def test_disziplinarrapport_aus_meldung_verknuepft_nicht_kopiert(client_als, personal_a, insasse_a):
    m = meldung(personal_a, urheber_art=Urheberart.INSASSE, urheber_person=insasse_a, urheber_beschreibung="")
    c = client_als(personal_a)
    antwort = c.post(reverse("bedrohung:disziplinarrapport", args=[m.pk]))
    rapport = Rapport.objects.get()
    assert antwort["Location"] == reverse("disziplinar:rapport_detail", args=[rapport.pk])
    m.refresh_from_db()
    assert m.disziplinar_rapport == rapport
    assert list(rapport.delikte.values_list("tatbestand", flat=True)) == ["c"]
    assert m.wortlaut not in rapport.sachverhalt  # linked, not copied
    seite = c.get(detail(m)).content.decode()
    assert 'id="disziplinar-link"' in seite and "eröffnen</button>" not in seite
    # Once only: a second POST shows the service's German message and creates nothing.
    c.post(reverse("bedrohung:disziplinarrapport", args=[m.pk]))
    assert Rapport.objects.count() == 1
    assert "bereits ein Disziplinarrapport" in c.get(detail(m)).content.decode()


@pytest.mark.rule("R-BM-1", "R-0-BAD-1")
def test_disziplinar_angebot_nur_fuer_personal_der_einrichtung(client_als, sachbearbeitung, insasse_a):
    m = meldung(
        sachbearbeitung, urheber_art=Urheberart.INSASSE, urheber_person=insasse_a, urheber_beschreibung=""
    )
    c = client_als(sachbearbeitung)
    seite = c.get(detail(m)).content.decode()
    assert "eröffnen</button>" not in seite and "Den Rapport eröffnet das Personal der Einrichtung" in seite
    antwort = c.post(reverse("bedrohung:disziplinarrapport", args=[m.pk]), follow=True)
    assert antwort.status_code == 200
    assert "Keine Berechtigung: Rapport erfassen" in antwort.content.decode()
    assert not Rapport.objects.exists()


@pytest.mark.rule("R-BM-1", "R-0-BAD-1")
def test_ungueltige_meldung_zeigt_deutsche_meldungen_und_speichert_nichts(
    client_als, personal_a, sachbearbeitung
):
    c = client_als(personal_a)
    zukunft = (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    antwort = c.post(MELDEN, _formular(vorfall_am=zukunft, wortlaut="  ", ort="", kanal="fax"))
    assert antwort.status_code == 200
    text = antwort.content.decode()
    assert "Den Wortlaut oder das Verhalten beschreiben." in text
    assert "Den Ort angeben." in text
    assert "Auswahl" in text or "gültige" in text  # unknown channel: Django's German choice message
    antwort = c.post(MELDEN, _formular(vorfall_am=zukunft))
    assert "Der Zeitpunkt der Drohung kann nicht in der Zukunft liegen." in antwort.content.decode()
    antwort = c.post(MELDEN, _formular(vorfall_am="31.02.2026 25:99"))
    assert "Ungültiger Zeitpunkt" in antwort.content.decode()
    antwort = c.post(MELDEN, _formular(urheber_beschreibung=""))
    assert "Die drohende Person beschreiben" in antwort.content.decode()
    # A person not visible to the reporter (not placed in their facility) cannot be chosen.
    fremd = person_anlegen(durch=sachbearbeitung)
    antwort = c.post(MELDEN, _formular(urheber_art=Urheberart.INSASSE, urheber_person=fremd.pk))
    assert "Diese Person ist nicht auswählbar." in antwort.content.decode()
    assert not Bedrohungsmeldung.objects.exists() and not Meldungsbeilage.objects.exists()


@pytest.mark.rule("R-BM-1")
def test_partnerbehoerde_darf_nicht_melden(client_als, partner):
    c = client_als(partner)
    assert c.get(MELDEN).status_code == 403
    assert c.post(MELDEN, _formular()).status_code == 403
    assert c.get(INFO).status_code == 403
    assert not Bedrohungsmeldung.objects.exists()


# --- R-BM-3: access ---------------------------------------------------------------------------------


@pytest.mark.rule("R-BM-3")
def test_sachbearbeitung_ausserhalb_des_teams_bekommt_404(
    client_als, personal_a, sachbearbeitung, leitung_a, revision, admin_user
):
    m = meldung(
        personal_a,
        beilagen=[domain.BeilageDaten(titel="Brief", datei=SimpleUploadedFile("b.pdf", b"%PDF"))],
    )
    beilage = m.beilagen.get()
    for user in (sachbearbeitung, leitung_a, revision, admin_user):
        c = client_als(user)
        assert c.get(detail(m)).status_code == 404, user
        assert c.get(reverse("bedrohung:beilage_download", args=[beilage.pk])).status_code == 404, user
        assert c.post(reverse("bedrohung:disziplinarrapport", args=[m.pk])).status_code == 404, user
        assert c.post(reverse("bedrohung:beilage_neu", args=[m.pk])).status_code == 404, user
        assert m.nummer not in c.get(MEINE).content.decode()
    # A 404 reads nothing and so logs nothing.
    assert not Zugriff.objects.filter(meldung_nummer=m.nummer).exists()


@pytest.mark.rule("R-BM-3")
def test_melder_sieht_eigene_meldung_aber_nicht_die_teamdaten(client_als, personal_a, bedrohung):
    m = meldung(personal_a, wortlaut="Ich warte draussen auf dich.")
    domain.einschaetzung_erfassen(
        meldung=m,
        risikostufe=Risikostufe.HOCH,
        begruendung="Geheime Polizeiinfo: Waffenbesitz.",
        durch=bedrohung,
    )
    domain.ansprechperson_zuweisen(meldung=m, ansprechperson=bedrohung, durch=bedrohung)
    domain.massnahme_erfassen(
        meldung=m,
        art=Massnahmenart.POLIZEI,
        beschreibung="Polizeiposten Kriens informieren",
        verantwortlich=bedrohung,
        frist=timezone.localdate() + timedelta(days=3),
        durch=bedrohung,
    )
    c = client_als(personal_a)
    seite = c.get(detail(m)).content.decode()
    assert "Ich warte draussen auf dich." in seite and "in Bearbeitung" in seite
    assert "btm Test" in seite  # the contact person
    for geheim in (
        "Geheime Polizeiinfo",
        "Polizeiposten Kriens",
        "Risikoeinschätzungen",
        "Fallkonferenz erfassen",
    ):
        assert geheim not in seite
    # The reporter cannot open the team's forms either.
    assert c.get(reverse("bedrohung:einschaetzung", args=[m.pk])).status_code == 404
    team = client_als(bedrohung).get(detail(m)).content.decode()
    assert "Geheime Polizeiinfo" in team and "Polizeiposten Kriens" in team


@pytest.mark.rule("R-BM-3")
def test_teamseiten_404_fuer_alle_anderen(
    client_als, personal_a, sachbearbeitung, revision, leitung_a, bedrohung
):
    m = meldung(personal_a)
    domain.einschaetzung_erfassen(meldung=m, risikostufe="gering", begruendung="Einmalig.", durch=bedrohung)
    a = domain.massnahme_erfassen(
        meldung=m,
        art=Massnahmenart.GESPRAECH,
        beschreibung="Gespräch",
        verantwortlich=bedrohung,
        frist=timezone.localdate(),
        durch=bedrohung,
    )
    merkblatt = domain.merkblatt_speichern(titel="T", inhalt="I", durch=bedrohung)
    ap = domain.ansprechperson_speichern(name="N", abteilung="A", durch=bedrohung)
    get_urls = [
        LISTE,
        PROTOKOLL,
        reverse("bedrohung:einschaetzung", args=[m.pk]),
        reverse("bedrohung:massnahme_neu", args=[m.pk]),
        reverse("bedrohung:konferenz_neu", args=[m.pk]),
        reverse("bedrohung:abschliessen", args=[m.pk]),
        reverse("bedrohung:merkblatt_neu"),
        reverse("bedrohung:merkblatt_bearbeiten", args=[merkblatt.pk]),
        reverse("bedrohung:ansprechperson_neu"),
        reverse("bedrohung:ansprechperson_bearbeiten", args=[ap.pk]),
    ]
    post_urls = [
        reverse("bedrohung:ansprechperson_zuweisen", args=[m.pk]),
        reverse("bedrohung:massnahme_erledigt", args=[a.pk]),
        reverse("bedrohung:einschaetzung", args=[m.pk]),
        reverse("bedrohung:merkblatt_neu"),
    ]
    for user in (personal_a, sachbearbeitung, revision, leitung_a):
        c = client_als(user)
        for url in get_urls:
            assert c.get(url).status_code == 404, (user, url)
        for url in post_urls:
            assert c.post(url, {"bemerkung": "x", "titel": "x", "inhalt": "x"}).status_code == 404, (
                user,
                url,
            )
    a.refresh_from_db()
    assert a.erledigt_am is None and Merkblatt.objects.count() == 1
    team = client_als(bedrohung)
    for url in get_urls:
        assert team.get(url).status_code == 200, url


@pytest.mark.rule("R-BM-3")
def test_vollzugssuche_findet_keine_bedrohungsmeldung(
    client_als, sachbearbeitung, bedrohung, insasse_a, anstalt_a
):
    m = meldung(
        sachbearbeitung,
        wortlaut="Quarzschleifer wird dich finden.",
        urheber_art=Urheberart.INSASSE,
        urheber_person=insasse_a,
        urheber_beschreibung="",
    )
    fall = Vollzugsfall.objects.get(person=insasse_a)
    for user in (sachbearbeitung, bedrohung):
        c = client_als(user)
        for q in ("Quarzschleifer", "wird dich finden", m.nummer):
            antwort = c.get(reverse("vollzug:person_list"), {"q": q})
            assert list(antwort.context["seite"].object_list) == [], (user, q)
        antwort = c.get(reverse("vollzug:person_list"), {"q": "Brunner"})
        assert [p.pk for p in antwort.context["seite"].object_list] == [insasse_a.pk]  # the search works
        seiten = [
            antwort.content.decode(),
            c.get(reverse("vollzug:person_detail", args=[insasse_a.pk])).content.decode(),
            c.get(reverse("vollzug:fall_detail", args=[fall.pk])).content.decode(),
        ]
        for seite in seiten:
            assert "Quarzschleifer" not in seite and m.nummer not in seite
            assert reverse("bedrohung:meldung_detail", args=[m.pk]) not in seite


# --- Access log (R-BM-3) -----------------------------------------------------------------------------


@pytest.mark.rule("R-BM-3")
def test_zugriffe_werden_im_eigenen_protokoll_geschrieben(client_als, personal_a, bedrohung):
    m = meldung(
        personal_a,
        beilagen=[domain.BeilageDaten(titel="Mail", datei=SimpleUploadedFile("mail.eml", b"From: x"))],
    )
    beilage = m.beilagen.get()
    # The log is append-only (the app role may not delete from it): only the rows after this mark count.
    marke = Zugriff.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    lesezugriffe_vorher = Lesezugriff.objects.count()
    team = client_als(bedrohung)
    assert team.get(LISTE).status_code == 200
    assert team.get(detail(m)).status_code == 200
    antwort = team.get(reverse("bedrohung:beilage_download", args=[beilage.pk]))
    assert antwort.status_code == 200 and b"".join(antwort.streaming_content) == b"From: x"
    melder = Client()
    melder.force_login(personal_a)
    melder.get(MEINE)
    melder.get(detail(m))
    zeilen = list(
        Zugriff.objects.filter(pk__gt=marke)
        .order_by("pk")
        .values_list("benutzer__username", "aktion", "meldung_nummer")
    )
    assert zeilen == [
        ("btm", Zugriffsart.LISTE, ""),
        ("btm", Zugriffsart.ANSICHT, m.nummer),
        ("btm", Zugriffsart.DOKUMENT, m.nummer),
        ("personal_a", Zugriffsart.LISTE, ""),
        ("personal_a", Zugriffsart.ANSICHT, m.nummer),
    ]
    # Not in the general read log of the Vollzug files (separate legal basis).
    assert Lesezugriff.objects.count() == lesezugriffe_vorher
    seite = team.get(PROTOKOLL).content.decode()
    assert seite.count(m.nummer) >= 3 and "Dokument" in seite


@pytest.mark.rule("R-BM-2", "R-BM-3", "R-0-AUDIT-1")
def test_aenderungen_mit_akteur_nur_im_teamprotokoll(client_als, personal_a, bedrohung, revision):
    m = meldung(personal_a)
    client_als(bedrohung).post(
        reverse("bedrohung:einschaetzung", args=[m.pk]),
        {"risikostufe": "mittel", "begruendung": "Wiederholte Anrufe.", "eskalation": "on"},
    )
    e = Einschaetzung.objects.get()
    assert e.history.get().history_user == bedrohung
    assert m.history.filter(history_user=personal_a).exists()
    seite = client_als(bedrohung).get(PROTOKOLL).content.decode()
    assert "Risikoeinschätzung (R-BM-2)" in seite and "Bedrohung gemeldet (R-BM-1)" in seite
    # R-BM-3: left out of the auditors' general change log.
    allgemein = client_als(revision).get(reverse("protokoll:aenderungen")).content.decode()
    assert "Risikoeinschätzung (R-BM-2)" not in allgemein and m.nummer not in allgemein


# --- R-BM-2: case management by the team ---------------------------------------------------------------


@pytest.mark.rule("R-BM-2")
def test_team_bearbeitet_fall_von_einschaetzung_bis_abschluss(client_als, personal_a, bedrohung, team2):
    m = meldung(personal_a)
    c = client_als(bedrohung)
    # Assessment with checklist → risk level and history.
    for stufe, text in (("mittel", "Erste Einschätzung."), ("hoch", "Neue Hinweise: Waffe erwähnt.")):
        antwort = c.post(
            reverse("bedrohung:einschaetzung", args=[m.pk]),
            {"risikostufe": stufe, "begruendung": text, "fixierung": "on", "waffenzugang": "on"},
        )
        assert antwort.status_code == 302
    m.refresh_from_db()
    assert (m.risikostufe, m.status) == (Risikostufe.HOCH, Meldungsstatus.IN_BEARBEITUNG)
    assert Einschaetzung.objects.filter(meldung=m, fixierung=True, waffenzugang=True).count() == 2
    # Contact person.
    assert (
        c.post(
            reverse("bedrohung:ansprechperson_zuweisen", args=[m.pk]), {"ansprechperson": team2.pk}
        ).status_code
        == 302
    )
    m.refresh_from_db()
    assert m.ansprechperson == team2
    # A measure with deadline.
    frist = timezone.localdate() + timedelta(days=5)
    antwort = c.post(
        reverse("bedrohung:massnahme_neu", args=[m.pk]),
        {
            "art": Massnahmenart.SCHUTZ,
            "beschreibung": "Begleitung zum Parkplatz",
            "verantwortlich": team2.pk,
            "frist": frist.isoformat(),
        },
    )
    a = Massnahme.objects.get()
    assert antwort["Location"] == detail(m) + f"#massnahme-{a.pk}"
    # A conference with two follow-ups (the third row empty).
    antwort = c.post(
        reverse("bedrohung:konferenz_neu", args=[m.pk]),
        {
            "datum": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "stellen": [Stelle.POLIZEI, Stelle.FORENSIK],
            "teilnehmende": "Kapo Luzern (Wm Huber), Dr. Keller (Forensik)",
            "beschluesse": "Gefährderansprache durch die Polizei.",
            "folge-TOTAL_FORMS": "3",
            "folge-INITIAL_FORMS": "0",
            "folge-0-art": Massnahmenart.GESPRAECH,
            "folge-0-beschreibung": "Gefährderansprache",
            "folge-0-verantwortlich": bedrohung.pk,
            "folge-0-frist": (timezone.localdate() + timedelta(days=7)).isoformat(),
            "folge-1-art": Massnahmenart.POLIZEI,
            "folge-1-beschreibung": "Rückmeldung an Kapo",
            "folge-1-verantwortlich": team2.pk,
            "folge-1-frist": (timezone.localdate() + timedelta(days=14)).isoformat(),
        },
    )
    assert antwort.status_code == 302, antwort.content.decode()
    k = Fallkonferenz.objects.get()
    assert k.stellen == [Stelle.POLIZEI, Stelle.FORENSIK] and k.folgeauftraege.count() == 2
    seite = c.get(detail(m)).content.decode()
    for text in (
        "Polizei, Forensische Psychiatrie",
        "Gefährderansprache",
        "Rückmeldung an Kapo",
        "Begleitung zum Parkplatz",
        "Neue Hinweise: Waffe erwähnt.",
        "Erste Einschätzung.",
    ):
        assert text in seite, text
    assert 'id="risikostufe">hoch<' in seite
    # Closing is refused while measures are open (the service's message next to the form).
    antwort = c.post(reverse("bedrohung:abschliessen", args=[m.pk]), {"bemerkung": "Lage beruhigt."})
    assert antwort.status_code == 200 and "3 Massnahmen noch offen" in antwort.content.decode()
    for massnahme in Massnahme.objects.all():
        antwort = c.post(reverse("bedrohung:massnahme_erledigt", args=[massnahme.pk]), {"bemerkung": "ok"})
        assert antwort["Location"].endswith(f"#massnahme-{massnahme.pk}")
    assert not Massnahme.objects.filter(erledigt_am__isnull=True).exists()
    assert (
        c.post(reverse("bedrohung:abschliessen", args=[m.pk]), {"bemerkung": "Lage beruhigt."}).status_code
        == 302
    )
    m.refresh_from_db()
    assert m.status == Meldungsstatus.ABGESCHLOSSEN and m.abschluss_bemerkung == "Lage beruhigt."
    seite = c.get(detail(m)).content.decode()
    assert "Einschätzung erfassen" not in seite and "abgeschlossen am" in seite


@pytest.mark.rule("R-BM-2", "R-0-BAD-1")
def test_team_formulare_fehler_deutsch_und_nichts_gespeichert(client_als, personal_a, bedrohung):
    m = meldung(personal_a)
    c = client_als(bedrohung)
    antwort = c.post(reverse("bedrohung:einschaetzung", args=[m.pk]), {"risikostufe": "", "begruendung": ""})
    text = antwort.content.decode()
    assert antwort.status_code == 200
    assert "Die Risikostufe wählen." in text and "Die Einschätzung begründen." in text
    antwort = c.post(
        reverse("bedrohung:massnahme_neu", args=[m.pk]),
        {"art": "schutz", "beschreibung": "x", "verantwortlich": bedrohung.pk, "frist": "2020-01-01"},
    )
    assert "Die Frist (01.01.2020) liegt in der Vergangenheit." in antwort.content.decode()
    antwort = c.post(
        reverse("bedrohung:massnahme_neu", args=[m.pk]),
        {"art": "schutz", "beschreibung": "x", "verantwortlich": personal_a.pk, "frist": "2099-01-01"},
    )
    assert antwort.status_code == 200 and "Auswahl" in antwort.content.decode()  # not a team member
    antwort = c.post(
        reverse("bedrohung:konferenz_neu", args=[m.pk]),
        {
            "datum": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "stellen": [],
            "teilnehmende": "A",
            "beschluesse": "B",
            "folge-TOTAL_FORMS": "3",
            "folge-INITIAL_FORMS": "0",
            "folge-0-beschreibung": "nur Text, keine Frist",
        },
    )
    text = antwort.content.decode()
    assert "Mindestens eine beteiligte Stelle wählen." in text
    assert "Zum Folgeauftrag die Frist angeben." in text
    antwort = c.post(reverse("bedrohung:abschliessen", args=[m.pk]), {"bemerkung": "fertig"})
    assert "Vor dem Abschluss ist mindestens eine Risikoeinschätzung zu erfassen." in antwort.content.decode()
    antwort = c.post(
        reverse("bedrohung:ansprechperson_zuweisen", args=[m.pk]), {"ansprechperson": personal_a.pk}
    )
    assert antwort.status_code == 200
    assert not Einschaetzung.objects.exists() and not Massnahme.objects.exists()
    assert not Fallkonferenz.objects.exists()
    m.refresh_from_db()
    assert (m.status, m.ansprechperson) == (Meldungsstatus.NEU, None)


@pytest.mark.rule("R-BM-2", "R-BM-3")
def test_liste_filtert_nach_status_und_risiko(client_als, personal_a, bedrohung):
    a = meldung(personal_a, wortlaut="A")
    b = meldung(personal_a, wortlaut="B")
    domain.einschaetzung_erfassen(meldung=b, risikostufe="akut", begruendung="Akut.", durch=bedrohung)
    c = client_als(bedrohung)
    akut = c.get(LISTE, {"risikostufe": "akut"}).content.decode()
    assert b.nummer in akut and a.nummer not in akut
    ohne = c.get(LISTE, {"risikostufe": "ohne"}).content.decode()
    assert a.nummer in ohne and b.nummer not in ohne
    neu = c.get(LISTE, {"status": "neu"}).content.decode()
    assert a.nummer in neu and b.nummer not in neu
    assert c.get(LISTE, {"status": "quatsch"}).status_code == 200  # R-0-BAD-1: invalid filter, no 500


# --- Lists: constant queries -----------------------------------------------------------------------------


def _viele(personal, bedrohung, anzahl):
    for i in range(anzahl):
        m = meldung(personal, wortlaut=f"Drohung {i}")
        domain.einschaetzung_erfassen(meldung=m, risikostufe="mittel", begruendung="B", durch=bedrohung)
        domain.ansprechperson_zuweisen(meldung=m, ansprechperson=bedrohung, durch=bedrohung)
        domain.massnahme_erfassen(
            meldung=m,
            art="schutz",
            beschreibung="S",
            verantwortlich=bedrohung,
            frist=timezone.localdate() + timedelta(days=3),
            durch=bedrohung,
        )


@pytest.mark.rule("R-BM-3")
@pytest.mark.parametrize("anzahl", [1, 20])
def test_listen_konstante_abfragen(client_als, personal_a, bedrohung, django_assert_max_num_queries, anzahl):
    _viele(personal_a, bedrohung, anzahl)
    team = client_als(bedrohung)
    with django_assert_max_num_queries(9):
        antwort = team.get(LISTE)
    assert antwort.content.decode().count("/bedrohung/meldungen/") >= anzahl
    melder = client_als(personal_a)
    with django_assert_max_num_queries(9):
        antwort = melder.get(MEINE)
    assert antwort.content.decode().count("/bedrohung/meldungen/") >= anzahl


# A query budget, not a proof of R-0-ROLE-1/R-BM-2 (issue 25): the rows are proven elsewhere.
@pytest.mark.parametrize("anzahl", [1, 5])
def test_detail_konstante_abfragen(client_als, personal_a, bedrohung, django_assert_max_num_queries, anzahl):
    m = meldung(personal_a)
    for i in range(anzahl):
        domain.einschaetzung_erfassen(meldung=m, risikostufe="mittel", begruendung=f"B{i}", durch=bedrohung)
        domain.massnahme_erfassen(
            meldung=m,
            art="schutz",
            beschreibung=f"S{i}",
            verantwortlich=bedrohung,
            frist=timezone.localdate() + timedelta(days=3),
            durch=bedrohung,
        )
        domain.konferenz_erfassen(
            meldung=m,
            datum=timezone.now(),
            stellen=["polizei"],
            teilnehmende="T",
            beschluesse="B",
            folgeauftraege=[domain.MassnahmeDaten("gespraech", "F", bedrohung, timezone.localdate())],
            durch=bedrohung,
        )
    team = client_als(bedrohung)
    with django_assert_max_num_queries(14):
        assert team.get(detail(m)).status_code == 200


# --- Information material ---------------------------------------------------------------------------------


def test_infoseite_standardtext_und_pflege_durch_team(client_als, personal_a, bedrohung):
    c = client_als(personal_a)
    seite = c.get(INFO).content.decode()
    assert (
        'id="merkblatt-standard-erkennen"' in seite
        and "117" in seite
        and "Noch keine Ansprechpersonen" in seite
    )
    assert "Merkblatt erfassen" not in seite
    team = client_als(bedrohung)
    antwort = team.post(
        reverse("bedrohung:merkblatt_neu"),
        {"titel": "Drohanrufe", "inhalt": "Ruhig bleiben.\n\nNotizen machen.", "reihenfolge": "1"},
    )
    assert antwort.status_code == 302
    mb = Merkblatt.objects.get()
    team.post(
        reverse("bedrohung:merkblatt_bearbeiten", args=[mb.pk]),
        {"titel": "Drohanrufe richtig behandeln", "inhalt": "Ruhig bleiben.", "reihenfolge": "1"},
    )
    mb.refresh_from_db()
    assert mb.titel == "Drohanrufe richtig behandeln" and mb.history.count() == 2
    team.post(
        reverse("bedrohung:ansprechperson_neu"),
        {
            "name": "Sandra Widmer",
            "abteilung": "JVA Grosshof",
            "telefon": "041 228 00 00",
            "email": "s.widmer@lu.ch",
            "aktiv": "on",
        },
    )
    team.post(reverse("bedrohung:ansprechperson_neu"), {"name": "Inaktiv Ivo", "abteilung": "JVA Grosshof"})
    assert Ansprechperson.objects.count() == 2
    seite = client_als(personal_a).get(INFO).content.decode()
    assert "Drohanrufe richtig behandeln" in seite and "merkblatt-standard-erkennen" not in seite
    assert "Sandra Widmer" in seite and "Inaktiv Ivo" not in seite  # inactive ones only for the team
    assert "Inaktiv Ivo" in client_als(bedrohung).get(INFO).content.decode()


@pytest.mark.rule("R-0-BAD-1")
def test_infoformulare_fehler_deutsch(client_als, bedrohung):
    team = client_als(bedrohung)
    antwort = team.post(reverse("bedrohung:merkblatt_neu"), {"titel": "", "inhalt": "", "reihenfolge": "-3"})
    text = antwort.content.decode()
    assert "Bitte einen Titel angeben." in text and "Die Reihenfolge darf nicht negativ sein." in text
    antwort = team.post(
        reverse("bedrohung:ansprechperson_neu"),
        {
            "name": "X",
            "abteilung": "Y",
            "email": "kein-mail",
            "geschult_am": (date.today() + timedelta(days=30)).isoformat(),
        },
    )
    text = antwort.content.decode()
    assert "Bitte eine gültige E-Mail-Adresse angeben." in text
    assert "Das Schulungsdatum darf nicht in der Zukunft liegen." in text
    assert not Merkblatt.objects.exists() and not Ansprechperson.objects.exists()
