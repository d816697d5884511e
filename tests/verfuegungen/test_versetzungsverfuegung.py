"""Issue 3, item 8: the shared machinery end to end on one real decision — a §17 transfer as Verfügung.

Transfer recorded → draft Verfügung from the case page → four-eyes approval → Eröffnung with PDF and the
20-day Rechtsmittelbelehrung (§43.1) → Fristenkontrolle → Rechtskraft job → auditor's change log.
"""

import io
from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from fristenkontrolle.queries import alle_fristen
from kern.fristen import TZ
from tests.factories import fall_anlegen
from verfuegungen import domain as vfg
from verfuegungen.domain import versetzung
from verfuegungen.models import Verfuegung
from verfuegungen.recht import EroeffnungArt, Verfuegungstyp
from vollzug import domain

pytestmark = pytest.mark.django_db


def _versetzt(sachbearbeitung, anstalt_a, anstalt_b):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    return domain.versetzen(
        fall=fall,
        anstalt=anstalt_b,
        am=timezone.now() - timedelta(hours=1),
        grund="d",
        begruendung="Wiederholte Drohungen gegen Mitgefangene.",
        durch=sachbearbeitung,
    )


@pytest.mark.rule("R-0-VFG-1", "R-0-VFG-2", "R-0-VFG-5", "R-0-4EYES-1", "R-17-1")
def test_versetzung_as_verfuegung_from_draft_to_pdf(
    client_als, sachbearbeitung, sachbearbeitung2, anstalt_a, anstalt_b
):
    platzierung = _versetzt(sachbearbeitung, anstalt_a, anstalt_b)
    client = client_als(sachbearbeitung)
    antwort = client.post(reverse("vollzug:platzierung_verfuegung", args=[platzierung.pk]))
    verfuegung = Verfuegung.objects.get()
    assert antwort.status_code == 302
    assert antwort["Location"] == reverse("verfuegungen:detail", args=[verfuegung.pk])
    assert (verfuegung.typ, verfuegung.status, verfuegung.gegenstand) == (
        Verfuegungstyp.VERSETZUNG_17,
        "entwurf",
        platzierung,
    )
    assert verfuegung.rechtsgrundlage == "§ 17 Abs. 2 lit. d JVG"
    assert "Wiederholte Drohungen" in verfuegung.begruendung

    # The case page links the placement to its Verfügung; a second draft is refused.
    seite = client.get(platzierung.fall.get_absolute_url()).content.decode()
    assert verfuegung.nummer in seite
    with pytest.raises(Exception, match="bereits die Verfügung"):
        versetzung.versetzungsverfuegung_entwerfen(platzierung=platzierung, durch=sachbearbeitung)

    vfg.zur_genehmigung_vorlegen(verfuegung=verfuegung, durch=sachbearbeitung)
    with pytest.raises(Exception, match="R-0-4EYES-1"):
        vfg.genehmigen(verfuegung=verfuegung, durch=sachbearbeitung)
    vfg.genehmigen(verfuegung=verfuegung, durch=sachbearbeitung2, kommentar="Geprüft.")
    verfuegung.refresh_from_db()
    vfg.eroeffnen(verfuegung=verfuegung, art=EroeffnungArt.EINSCHREIBEN, durch=sachbearbeitung)
    verfuegung.refresh_from_db()

    assert verfuegung.status == "eroeffnet"
    erwartet = timezone.localdate(verfuegung.eroeffnet_am) + timedelta(days=20)
    assert verfuegung.rechtsmittelfrist_ende >= erwartet  # moved only to the next working day
    assert (verfuegung.rechtsmittelfrist_ende - erwartet).days <= 4
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(verfuegung.pdf.read())).pages)
    text = " ".join(text.split())
    assert verfuegung.nummer in text
    assert "Justiz- und Sicherheitsdepartement" in text
    assert "20 Tagen" in text
    assert "§ 17 Abs. 2 lit. d JVG" in text

    # The PDF is downloadable for the case worker, 404 for staff of another facility.
    assert client.get(reverse("verfuegungen:pdf", args=[verfuegung.pk])).status_code == 200


@pytest.mark.rule("R-0-VFG-3", "R-0-FRIST-4", "R-0-AUDIT-1")
def test_versetzungsverfuegung_becomes_final_and_is_traced(
    client_als, sachbearbeitung, sachbearbeitung2, revision, anstalt_a, anstalt_b
):
    platzierung = _versetzt(sachbearbeitung, anstalt_a, anstalt_b)
    verfuegung = versetzung.versetzungsverfuegung_entwerfen(platzierung=platzierung, durch=sachbearbeitung)
    vfg.zur_genehmigung_vorlegen(verfuegung=verfuegung, durch=sachbearbeitung)
    vfg.genehmigen(verfuegung=verfuegung, durch=sachbearbeitung2)
    verfuegung.refresh_from_db()
    vfg.eroeffnen(verfuegung=verfuegung, art=EroeffnungArt.EINSCHREIBEN, durch=sachbearbeitung)
    verfuegung.refresh_from_db()
    ende = verfuegung.rechtsmittelfrist_ende

    # The open appeal deadline is in the Fristenkontrolle, due at the end of its last day.
    eintraege = [e for e in alle_fristen(sachbearbeitung) if e.typ == "verfuegung_rechtsmittel"]
    assert [e.faellig for e in eintraege] == [
        datetime(ende.year, ende.month, ende.day, 23, 59, 59, tzinfo=TZ)
    ]

    assert vfg.rechtskraft_eintragen(heute=ende) == 0  # the last day still counts
    assert vfg.rechtskraft_eintragen(heute=ende + timedelta(days=1)) == 1
    assert vfg.rechtskraft_eintragen(heute=ende + timedelta(days=1)) == 0  # idempotent
    verfuegung.refresh_from_db()
    assert verfuegung.status == "rechtskraeftig"
    assert verfuegung.history.first().history_user.username == "job:rechtskraft"

    # The auditor sees every step with its actor, filtered by the person.
    seite = client_als(revision).get(
        reverse("protokoll:aenderungen"),
        {"person": platzierung.fall.person.personennummer, "objekt_typ": "verfuegungen.verfuegung"},
    )
    assert seite.status_code == 200
    inhalt = seite.content.decode()
    assert verfuegung.nummer in inhalt
    assert "Systemjob" in inhalt


@pytest.mark.rule("R-0-ROLE-1")
def test_versetzungsverfuegung_only_for_transfers_and_case_workers(
    client_als, sachbearbeitung, personal_b, leitung_a, anstalt_a, anstalt_b
):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    einweisung = fall.platzierungen.get()
    antwort = client_als(sachbearbeitung).post(
        reverse("vollzug:platzierung_verfuegung", args=[einweisung.pk])
    )
    assert antwort.status_code == 302
    assert Verfuegung.objects.count() == 0
    platzierung = domain.versetzen(
        fall=fall, anstalt=anstalt_b, am=timezone.now(), grund="e", durch=sachbearbeitung
    )
    # After the transfer A's management no longer sees the person (404); staff of B may not decide (403).
    assert (
        client_als(leitung_a)
        .post(reverse("vollzug:platzierung_verfuegung", args=[platzierung.pk]))
        .status_code
        == 404
    )
    assert (
        client_als(personal_b)
        .post(reverse("vollzug:platzierung_verfuegung", args=[platzierung.pk]))
        .status_code
        == 403
    )
    assert Verfuegung.objects.count() == 0
