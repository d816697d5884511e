"""Issue 23 point 2: a disciplinary proceeding after a transfer.

Decision: the facility where the offence happened leads and decides the open proceeding to its end
(only that proceeding, not the person's other data); the receiving facility's management sees it
read-only and gets a task; a sanction still to be executed is executed by the receiving facility.
"""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from disziplinar import domain, permissions
from disziplinar.domain import SanktionDaten
from disziplinar.queries import rapporte_fuer_user, verfahren_fuer_user
from disziplinar.recht import DisziplinarAufgabenart, Sanktionsstatus, Verfahrensstatus
from disziplinar.recht import Disziplinarsanktionsart as A
from kern.models import Aufgabe
from kern.rollen import Rolle
from tests.conftest import PASSWORT
from tests.disziplinar.test_disziplinar import benutzer, entwurf, genehmigt, rapport, verfahren
from tests.factories import fall_anlegen
from verfuegungen.queries import verfuegungen_fuer_user
from verfuegungen.recht import EroeffnungArt
from vollzug import domain as vollzug_domain
from vollzug.queries import faelle_fuer_user, personen_fuer_user


@pytest.fixture
def leitung_a2(anstalt_a):
    return benutzer("leitung_a2", Rolle.ANSTALTSLEITUNG, anstalt_a)


@pytest.fixture
def leitung_b(anstalt_b):
    return benutzer("leitung_b", Rolle.ANSTALTSLEITUNG, anstalt_b)


@pytest.fixture
def fall_a(sachbearbeitung, anstalt_a):
    return fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)


def versetzen(fall, anstalt, durch):
    return vollzug_domain.versetzen(
        fall=fall, anstalt=anstalt, am=timezone.now(), grund="a", begruendung="Platzgründe", durch=durch
    )


def sieht(user, v) -> bool:
    return verfahren_fuer_user(user).filter(pk=v.pk).exists()


@pytest.mark.rule("R-0-ROLE-1")
@pytest.mark.django_db
def test_vor_der_versetzung_nur_die_einrichtung_der_tat(
    personal_a, leitung_a, leitung_b, fall_a, sachbearbeitung
):
    v = verfahren(personal_a, leitung_a, fall_a)
    assert sieht(leitung_a, v) and permissions.darf_verfahren_leiten(leitung_a, v)
    assert not sieht(leitung_b, v) and not permissions.darf_verfahren_leiten(leitung_b, v)
    assert not Aufgabe.objects.filter(art=DisziplinarAufgabenart.VERSETZT_MIT_VERFAHREN).exists()


@pytest.mark.rule("R-0-ROLE-1")
@pytest.mark.django_db
def test_nach_versetzung_leitet_die_einrichtung_der_tat_nur_dieses_verfahren(
    personal_a, personal_b, leitung_a, leitung_b, fall_a, anstalt_b, sachbearbeitung
):
    v = verfahren(personal_a, leitung_a, fall_a)
    versetzen(fall_a, anstalt_b, sachbearbeitung)
    # The old facility's management keeps the open proceeding and its report, not the person's file.
    assert sieht(leitung_a, v) and permissions.darf_verfahren_leiten(leitung_a, v)
    assert rapporte_fuer_user(leitung_a).filter(pk=v.rapport_id).exists()
    assert not personen_fuer_user(leitung_a).filter(pk=fall_a.person_id).exists()
    assert not faelle_fuer_user(leitung_a).filter(pk=fall_a.pk).exists()
    # Its staff do not keep the report.
    assert not rapporte_fuer_user(personal_a).filter(pk=v.rapport_id).exists()
    # The receiving management reads, but does not lead; its staff see nothing.
    assert sieht(leitung_b, v) and not permissions.darf_verfahren_leiten(leitung_b, v)
    assert not sieht(personal_b, v)
    with pytest.raises(PermissionDenied):
        entwurf(v, leitung_b)
    with pytest.raises(PermissionDenied):
        domain.verfahren_einstellen(verfahren=v, grund="Versetzt.", durch=leitung_b)
    # … and is told of it by a task.
    aufgabe = Aufgabe.objects.get(art=DisziplinarAufgabenart.VERSETZT_MIT_VERFAHREN)
    assert (aufgabe.fuer_rolle, aufgabe.anstalt_id, aufgabe.fall_id) == (
        Rolle.ANSTALTSLEITUNG,
        anstalt_b.pk,
        fall_a.pk,
    )
    assert v.nummer in aufgabe.titel and "nur lesend" in aufgabe.beschreibung


@pytest.mark.rule("R-0-ROLE-1")
@pytest.mark.django_db
def test_seiten_nach_versetzung(client, personal_a, leitung_a, leitung_b, fall_a, anstalt_b, sachbearbeitung):
    v = verfahren(personal_a, leitung_a, fall_a)
    versetzen(fall_a, anstalt_b, sachbearbeitung)
    url = reverse("disziplinar:verfahren_detail", args=[v.pk])
    client.login(username="leitung_a", password=PASSWORD)
    assert client.get(url).status_code == 200
    assert client.get(reverse("vollzug:fall_detail", args=[fall_a.pk])).status_code == 404
    client.login(username="leitung_b", password=PASSWORD)
    antwort = client.get(url)
    assert antwort.status_code == 200
    assert reverse("disziplinar:entscheid", args=[v.pk]) not in antwort.content.decode()
    assert client.get(reverse("disziplinar:entscheid", args=[v.pk])).status_code == 403


PASSWORD = PASSWORT


@pytest.mark.rule("R-0-ROLE-1")
@pytest.mark.django_db
def test_einrichtung_der_tat_entscheidet_zu_ende_und_die_neue_vollzieht(
    personal_a, leitung_a, leitung_a2, leitung_b, fall_a, anstalt_b, sachbearbeitung
):
    v = verfahren(personal_a, leitung_a, fall_a)
    versetzen(fall_a, anstalt_b, sachbearbeitung)
    # Draft, hearing, four-eyes approval and notification by the old facility after the transfer.
    verfuegung = entwurf(v, leitung_a, [SanktionDaten(A.ARREST, dauer_tage=2)])
    assert verfuegungen_fuer_user(leitung_a).filter(pk=verfuegung.pk).exists()
    genehmigt(verfuegung, leitung_a, leitung_a2)
    domain.verfuegung_eroeffnen(verfahren=v, art=EroeffnungArt.EINSCHREIBEN, durch=leitung_a)
    v.refresh_from_db()
    assert v.status == Verfahrensstatus.ENTSCHIEDEN
    # At its end the old facility loses the proceeding and its decision.
    assert not sieht(leitung_a, v)
    assert not verfuegungen_fuer_user(leitung_a).filter(pk=verfuegung.pk).exists()
    # The sanction to execute goes to the receiving facility.
    assert sieht(leitung_b, v)
    sanktion = v.sanktionen.get()
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        with pytest.raises(PermissionDenied):
            domain.sanktion_vollziehen(sanktion=sanktion, durch=leitung_a)
        domain.sanktion_vollziehen(sanktion=sanktion, durch=leitung_b)
    sanktion.refresh_from_db()
    assert sanktion.status == Sanktionsstatus.VOLLZOGEN
    # Executed and decided: the receiving facility no longer sees the other facility's proceeding.
    assert not sieht(leitung_b, v)


@pytest.mark.rule("R-0-ROLE-1")
@pytest.mark.django_db
def test_abgeschlossenes_verfahren_bleibt_nicht_sichtbar(
    personal_a, leitung_a, leitung_b, fall_a, anstalt_b, sachbearbeitung
):
    v = verfahren(personal_a, leitung_a, fall_a)
    domain.verfahren_einstellen(verfahren=v, grund="Geringfügig.", durch=leitung_a)
    v.refresh_from_db()
    assert sieht(leitung_a, v)  # person still placed there
    versetzen(fall_a, anstalt_b, sachbearbeitung)
    assert not sieht(leitung_a, v) and not sieht(leitung_b, v)
    assert not permissions.darf_verfahren_leiten(leitung_a, v)
    assert not Aufgabe.objects.filter(art=DisziplinarAufgabenart.VERSETZT_MIT_VERFAHREN).exists()


@pytest.mark.rule("R-0-ROLE-1")
@pytest.mark.django_db
def test_rapport_ohne_verfahren_eroeffnet_die_einrichtung_der_tat(
    personal_a, leitung_a, leitung_b, fall_a, anstalt_b, sachbearbeitung
):
    r = rapport(personal_a, fall_a)
    versetzen(fall_a, anstalt_b, sachbearbeitung)
    assert rapporte_fuer_user(leitung_a).filter(pk=r.pk).exists()
    assert not rapporte_fuer_user(leitung_b).filter(pk=r.pk).exists()
    with pytest.raises(PermissionDenied):
        domain.verfahren_eroeffnen(rapport=r, durch=leitung_b)
    v = domain.verfahren_eroeffnen(rapport=r, durch=leitung_a)
    assert v.anstalt_id == r.anstalt_id and sieht(leitung_b, v)


@pytest.mark.rule("R-0-ROLE-1")
@pytest.mark.django_db
def test_abteilungswechsel_erzeugt_keine_aufgabe(personal_a, leitung_a, fall_a, anstalt_a, sachbearbeitung):
    verfahren(personal_a, leitung_a, fall_a)
    vollzug_domain.versetzen(
        fall=fall_a,
        anstalt=anstalt_a,
        abteilung="B2",
        am=timezone.now(),
        grund="a",
        begruendung="Abteilung",
        durch=sachbearbeitung,
    )
    assert not Aufgabe.objects.filter(art=DisziplinarAufgabenart.VERSETZT_MIT_VERFAHREN).exists()
