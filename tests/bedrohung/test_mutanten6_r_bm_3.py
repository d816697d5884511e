"""Mutation tests (issue 25, session 8) of the separation and retention of threat reports (R-BM-3).

They prove the checks the marked tests left open: only an active team member can be made the contact
person (nobody else sees the report); the Fristenkontrolle names the responsible member (full name, else
the user name); on 29 February the reports closed on 28 February five years before are deleted, those of
1 March stay; the replay after a restore deletes a report named alone in the log, also with a number of
20 characters (the column's length), and an empty or useless log deletes nothing; the team's change log
pages correctly, also when one model's history carries every page (first, middle and last page, a page
holding exactly the rest, page 0 or garbage → page 1); an attachment is sent as a download, never shown
inline. Messages compared in full; dates and limits as literals.
"""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from bedrohung import domain, views
from bedrohung.domain import aufbewahrung
from bedrohung.models import Bedrohungsmeldung, Loeschprotokoll
from bedrohung.recht import Massnahmenart, loeschstichtag
from kern.rollen import Rolle
from protokoll.domain import historie

from .test_aufbewahrung import abgeschlossen, zeit
from .test_bedrohung import benutzer, meldung

pytestmark = pytest.mark.django_db

NUR_TEAM = (
    "R-BM-2: Die Ansprechperson muss ein aktives Mitglied des Bedrohungsmanagements sein (R-BM-3: nur das "
    "Team sieht die Meldung)."
)


@pytest.mark.rule("R-BM-3")
def test_ansprechperson_nur_aus_dem_aktiven_team(personal_a, sachbearbeitung, bedrohung):
    m = meldung(personal_a)
    ehemalig = benutzer("btm_alt", Rolle.BEDROHUNGSMANAGEMENT)
    ehemalig.is_active = False
    ehemalig.save()
    for person in (None, personal_a, sachbearbeitung, ehemalig):
        with pytest.raises(ValidationError) as e:
            domain.ansprechperson_zuweisen(meldung=m, ansprechperson=person, durch=bedrohung)
        assert e.value.message_dict == {"ansprechperson": [NUR_TEAM]}
    m.refresh_from_db()
    assert m.ansprechperson is None

    kollegin = benutzer("btm2", Rolle.BEDROHUNGSMANAGEMENT)
    domain.ansprechperson_zuweisen(meldung=m, ansprechperson=kollegin, durch=bedrohung)
    m.refresh_from_db()
    assert m.ansprechperson == kollegin


@pytest.mark.rule("R-BM-3")
def test_fristenkontrolle_nennt_die_verantwortliche_person(personal_a, bedrohung):
    ohne_namen = benutzer("btm_ohne", Rolle.BEDROHUNGSMANAGEMENT)
    ohne_namen.first_name = ohne_namen.last_name = ""
    ohne_namen.save()
    m = meldung(personal_a)
    frist = timezone.localdate() + timedelta(days=3)
    for verantwortlich in (bedrohung, ohne_namen):
        domain.massnahme_erfassen(
            meldung=m,
            art=Massnahmenart.GESPRAECH,
            beschreibung="Ansprache",
            verantwortlich=verantwortlich,
            frist=frist,
            durch=bedrohung,
        )
    titel = sorted(e.titel for e in domain.massnahmen_fristen(bedrohung, timezone.localdate()))
    assert titel == [
        f"Massnahme {m.nummer}: Gespräch mit der drohenden Person (Gefährderansprache) bis {frist:%d.%m.%Y} (verantwortlich: btm Test)",
        f"Massnahme {m.nummer}: Gespräch mit der drohenden Person (Gefährderansprache) bis {frist:%d.%m.%Y} (verantwortlich: btm_ohne)",
    ]


@pytest.mark.rule("R-BM-3", grenze=True)
def test_loeschung_am_schalttag(personal_a, bedrohung):
    # 29.02.2032 minus five years is no date: the 28.02.2027 closings end on 28.02.2032 and go today.
    assert loeschstichtag(date(2032, 2, 29)) == date(2027, 2, 28)
    weg = abgeschlossen(personal_a, bedrohung, zeit(date(2027, 2, 28)))
    bleibt = abgeschlossen(personal_a, bedrohung, zeit(date(2027, 3, 1)))
    assert domain.aufbewahrung_durchsetzen(heute=date(2032, 2, 29)) == 1
    assert list(Bedrohungsmeldung.objects.values_list("pk", flat=True)) == [bleibt.pk]
    assert Loeschprotokoll.objects.get().meldung_nummer == weg.nummer


def _eintrag(nummer: str) -> dict:
    return {
        "art": "bedrohung",
        "meldung_nummer": nummer,
        "gemeldet_am": "2026-03-08",
        "abgeschlossen_am": "2026-03-10",
        "geloescht_am": "2031-03-11T02:00:00+01:00",
        "rechtsgrundlage": "Aufbewahrung 5 Jahre",
    }


@pytest.mark.rule("R-BM-3", grenze=True)
@pytest.mark.eigentuemer  # the replay after a restore runs as the owner (docs/betrieb.md, «Wiederherstellen»)
def test_nachholen_einzeln_bis_20_zeichen_und_leeres_protokoll(personal_a):
    # Nothing usable in the log: nothing deleted, nothing recorded.
    assert aufbewahrung.vernichtungen_nachholen([]) == 0
    assert aufbewahrung.vernichtungen_nachholen([{"art": "bedrohung", "meldung_nummer": 7}, {}]) == 0
    assert not Loeschprotokoll.objects.exists()

    # A restored database holds the report again; the log names only it.
    wieder = meldung(personal_a)
    assert aufbewahrung.vernichtungen_nachholen([_eintrag(wieder.nummer)]) == 1
    assert not Bedrohungsmeldung.objects.filter(pk=wieder.pk).exists()

    # The number column holds 20 characters: a number of that length is still deleted.
    lang = meldung(personal_a)
    Bedrohungsmeldung.objects.filter(pk=lang.pk).update(nummer="BM-2026-000000000001")
    assert len("BM-2026-000000000001") == 20
    assert aufbewahrung.vernichtungen_nachholen([_eintrag("BM-2026-000000000001")]) == 1
    assert not Bedrohungsmeldung.objects.filter(pk=lang.pk).exists()
    assert list(Loeschprotokoll.objects.order_by("pk").values_list("meldung_nummer", flat=True)) == [
        wieder.nummer,
        "BM-2026-000000000001",
    ]


def _schluessel(seite):
    return [(e.zeitpunkt, e.objekt_typ, e.objekt_id, e.aktion) for e in seite.eintraege]


@pytest.mark.rule("R-BM-3")
def test_aenderungsprotokoll_des_teams_blaettert(client_als, personal_a, bedrohung):
    # Five reports without attachments: five rows of one model, so one history stream carries every page.
    for _ in range(5):
        meldung(personal_a)
    alle = _schluessel(views.aenderungen_seite(nummer=1, pro_seite=1000))
    assert len(alle) == 5

    seiten = [views.aenderungen_seite(nummer=k, pro_seite=2) for k in (1, 2, 3)]
    assert [(_schluessel(s), s.nummer, s.hat_vorherige, s.hat_naechste) for s in seiten] == [
        (alle[:2], 1, False, True),
        (alle[2:4], 2, True, True),
        (alle[4:], 3, True, False),
    ]
    # A page that holds exactly the rest has no next page; one entry fewer per page leaves one over.
    voll = views.aenderungen_seite(nummer=1, pro_seite=5)
    assert (len(voll.eintraege), voll.hat_naechste) == (5, False)
    assert views.aenderungen_seite(nummer=1, pro_seite=4).hat_naechste is True
    # Page 0 is page 1, also in the general log's function.
    null = historie.aenderungen_seite(
        historie.Filter(), nummer=0, pro_seite=2, modelle=historie.modelle_der_app("bedrohung")
    )
    assert (_schluessel(null), null.nummer, null.hat_vorherige) == (alle[:2], 1, False)

    team = client_als(bedrohung)
    for wert, nummer in (("abc", 1), ("2", 2)):
        antwort = team.get(reverse("bedrohung:protokoll"), {"apage": wert})
        assert (antwort.status_code, antwort.context["aseite"].nummer) == (200, nummer)


@pytest.mark.rule("R-BM-3")
def test_beilage_nur_als_download(client_als, personal_a, bedrohung):
    m = meldung(
        personal_a, beilagen=[domain.BeilageDaten("Mail", SimpleUploadedFile("mail.eml", b"From: x"))]
    )
    beilage = m.beilagen.get()
    antwort = client_als(bedrohung).get(reverse("bedrohung:beilage_download", args=[beilage.pk]))
    assert antwort.status_code == 200
    assert antwort["Content-Disposition"].startswith("attachment; filename=")
    assert b"".join(antwort.streaming_content) == b"From: x"
