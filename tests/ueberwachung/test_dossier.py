"""Issue 17: §§ 27, 29, 30 in the dossier — one block on the case and person page (counts and the newest
recordings and ED measures) and the timeline's events (hold, access, ED measure, deletion), metadata only
and only for the roles that see this module; constant queries whatever the number of rows."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kern import erweiterungen
from ueberwachung import contributions, domain
from ueberwachung.recht import Verfahrensart
from vollzug.models import Vollzugsfall

from . import hilfen
from .hilfen import T0, aufnehmen, zeit

pytestmark = pytest.mark.django_db

insasse, telefonanlage, leitung_b = hilfen.insasse, hilfen.telefonanlage, hilfen.leitung_b

GEHEIM = "Bemerkung-GEHEIM-4711"
REFERENZ = "ST 2026 GEHEIM-REF"
NUMMER = "079 123 45 67"


def _ed(leitung, person, tag=date(2026, 3, 4)):
    with time_machine.travel(zeit(tag.year, tag.month, tag.day, 11), tick=False):
        return domain.ed_anordnen(
            person=person,
            art="fotografien",
            durchgefuehrt_am=tag,
            dateien=[SimpleUploadedFile("foto.jpg", b"\xff\xd8\xff-jpeg-inhalt")],
            bemerkung=GEHEIM,
            durch=leitung,
        )


@pytest.fixture
def daten(telefonanlage, insasse, leitung_a, sachbearbeitung):
    gehalten = aufnehmen(telefonanlage, insasse, nummer=NUMMER)
    aufnehmen(telefonanlage, insasse, beginn=T0 + timedelta(days=1), nummer=NUMMER)
    with time_machine.travel(T0 + timedelta(days=2), tick=False):
        domain.beizug_erfassen(
            aufzeichnung=gehalten,
            verfahrensart=Verfahrensart.STRAF,
            referenz=REFERENZ,
            behoerde="Staatsanwaltschaft Luzern",
            durch=sachbearbeitung,
        )
    with time_machine.travel(T0 + timedelta(days=3), tick=False):
        domain.abhoeren(aufzeichnung=gehalten, tatbestand="j", referenz="Rapport GEHEIM-2", durch=leitung_a)
    ed = _ed(leitung_a, insasse)
    # 10 June: the second call's 100 days are over (R-29-2); the held one stays.
    with time_machine.travel(zeit(2026, 6, 11, 12), tick=False):
        domain.aufzeichnungen_loeschen()
    return {"gehalten": gehalten, "ed": ed}


def _lesen(person, user):
    return erweiterungen.ereignisse_lesen(contributions.zeitleiste(person, user))


ERWARTET = {
    "Telefonaufzeichnung vom 01.03.2026 beigezogen: Strafverfahren (§ 29 Abs. 2 JVG)",
    "Telefonaufzeichnung abgehört (§ 29 Abs. 3 JVG)",
    "Erkennungsdienstliche Massnahme (§ 27 Abs. 1 JVG): Anfertigung von Fotografien (lit. b)",
    "Telefonaufzeichnung gelöscht (§ 29 Abs. 2 JVG)",
}


@pytest.mark.rule("R-0-ROLE-1", "R-29-2")
@pytest.mark.parametrize("persona", ["sachbearbeitung", "revision", "leitung_a"])
def test_chronologie_nur_metadaten_fuer_berechtigte(request, insasse, daten, persona):
    ereignisse = _lesen(insasse, request.getfixturevalue(persona))
    assert {e.text for e in ereignisse} == ERWARTET
    text = " ".join(e.text for e in ereignisse)
    for geheim in (GEHEIM, REFERENZ, "GEHEIM-2", "079", "Staatsanwaltschaft"):
        assert geheim not in text
    urls = {e.url for e in ereignisse}
    assert reverse("ueberwachung:telefon_detail", args=[daten["gehalten"].pk]) + "#beizug-" in " ".join(urls)
    assert reverse("ueberwachung:ed_detail", args=[daten["ed"].pk]) in urls


@pytest.mark.rule("R-0-ROLE-1")
@pytest.mark.parametrize("persona", ["personal_a", "medizin", "bedrohung", "partner"])
def test_chronologie_leer_ohne_sicht_auf_das_modul(
    client_als, request, insasse, daten, persona, django_assert_num_queries
):
    user = request.getfixturevalue(persona)
    with django_assert_num_queries(0):
        assert contributions.zeitleiste(insasse, user) == []
    if persona == "personal_a":  # sees the person, not the module
        seite = client_als(user).get(reverse("vollzug:person_detail", args=[insasse.pk])).content.decode()
        assert "beigezogen" not in seite and "Erkennungsdienstliche Massnahme" not in seite


@pytest.mark.rule("R-0-ROLE-1")
def test_andere_einrichtung_sieht_keine_ereignisse(insasse, daten, leitung_b):
    assert _lesen(insasse, leitung_b) == []


def test_fall_und_personenseite_zeigen_die_ereignisse(client_als, insasse, daten, sachbearbeitung):
    c = client_als(sachbearbeitung)
    fall = Vollzugsfall.objects.get(person=insasse)
    for name, pk in (("vollzug:person_detail", insasse.pk), ("vollzug:fall_detail", fall.pk)):
        seite = c.get(reverse(name, args=[pk])).content.decode()
        assert "Telefonaufzeichnung abgehört (§ 29 Abs. 3 JVG)" in seite, name
        assert GEHEIM not in seite and REFERENZ not in seite and NUMMER not in seite, name


@pytest.mark.parametrize("anzahl", [1, 4])
def test_chronologie_konstante_abfragen(
    telefonanlage, insasse, leitung_a, sachbearbeitung, anzahl, django_assert_num_queries
):
    for i in range(anzahl):
        a = aufnehmen(telefonanlage, insasse, beginn=T0 + timedelta(hours=i))
        with time_machine.travel(T0 + timedelta(days=2), tick=False):
            domain.beizug_erfassen(
                aufzeichnung=a,
                verfahrensart=Verfahrensart.STRAF,
                referenz="x",
                behoerde="y",
                durch=sachbearbeitung,
            )
        _ed(leitung_a, insasse)
    with django_assert_num_queries(2):  # holds, ED measures, accesses (one UNION ALL); deletions (grouped)
        ereignisse = _lesen(insasse, sachbearbeitung)
    assert len(ereignisse) == 2 * anzahl


# --- The one block (issue 17 item 2: the dossier list and the counts were two blocks) ------------------


@pytest.mark.rule("R-0-ROLE-1")
@pytest.mark.parametrize("persona", ["sachbearbeitung", "revision", "leitung_a"])
def test_ein_block_mit_zahlen_und_eintraegen(client_als, request, insasse, daten, persona):
    user = request.getfixturevalue(persona)
    block = contributions.dossier(insasse, user)
    assert block["anzahl"] == {"telefon": 1, "video": 0, "ed": 1, "rechtsbeistaende": 0}
    assert [a.pk for a in block["telefon"]] == [daten["gehalten"].pk]
    assert [m.pk for m in block["ed"]] == [daten["ed"].pk] and block["video"] == []
    fall = Vollzugsfall.objects.get(person=insasse)
    for name, pk in (("vollzug:person_detail", insasse.pk), ("vollzug:fall_detail", fall.pk)):
        seite = client_als(user).get(reverse(name, args=[pk])).content.decode()
        assert seite.count('id="ueberwachung"') == 1, name
        assert seite.count("Überwachung und erkennungsdienstliche Massnahmen") == 1, name
        assert "Telefonaufzeichnung vom 01.03.2026 10:15" in seite, name  # the newest rows
        assert f"{reverse('ueberwachung:ed_liste')}?person={insasse.pk}" in seite, name  # the counts
        assert GEHEIM not in seite and NUMMER not in seite, name


@pytest.mark.rule("R-0-ROLE-1")
@pytest.mark.parametrize("persona", ["personal_a", "medizin", "bedrohung"])
def test_kein_block_ohne_sicht_auf_das_modul(request, insasse, daten, persona, django_assert_num_queries):
    user = request.getfixturevalue(persona)
    with django_assert_num_queries(0):
        assert contributions.dossier(insasse, user) is None


def test_block_ohne_daten_eine_abfrage(insasse, sachbearbeitung, django_assert_num_queries):
    with django_assert_num_queries(1):  # the counts; no rows to load
        assert contributions.dossier(insasse, sachbearbeitung) is None


@pytest.mark.parametrize("anzahl", [1, 4])
def test_block_konstante_abfragen(
    telefonanlage, insasse, leitung_a, sachbearbeitung, anzahl, django_assert_num_queries
):
    for i in range(anzahl):
        aufnehmen(telefonanlage, insasse, beginn=T0 + timedelta(hours=i))
        _ed(leitung_a, insasse)
    with django_assert_num_queries(3):  # counts, phone recordings, ED measures (no video: no query)
        block = contributions.dossier(insasse, sachbearbeitung)
    assert block["anzahl"]["telefon"] == len(block["telefon"]) == anzahl
