"""Datenschutz (§§ 22, 23 JVG): experts see a person's file only within their mandate (R-22-1); consents to
lift secrecy per recipient and scope, revocable, contacts without consent only with a justification
(R-23-1); reports to the Staatsanwaltschaft with date and reference (R-23-3); every write with its actor
(R-0-AUDIT-1)."""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse

from datenschutz import domain
from datenschutz.models import Drittkontakt, Fachpersonmandat
from datenschutz.recht import Empfaengerart, Kontaktzweck, Mandatsart
from disziplinar import domain as disziplinar
from disziplinar.recht import Tatbestand
from kern.fristen import TZ
from kern.rollen import Rolle
from tests.factories import fall_anlegen
from vollzug.models import Zuteilung
from vollzug.queries import personen_fuer_user

from .hilfen import OHNE_ENTBINDUNG, anzeige, benutzer, entbindung, kontakt, mandat


def mittag(d: date) -> datetime:
    return datetime(d.year, d.month, d.day, 12, 0, tzinfo=TZ)


@pytest.fixture
def fall(sachbearbeitung, anstalt_a):
    return fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)


@pytest.fixture
def anderer_fall(sachbearbeitung, anstalt_a):
    return fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)


# --- § 22: experts (R-22-1) ------------------------------------------------------------------------


@pytest.mark.rule("R-22-1")
def test_fachperson_sieht_akte_nur_im_zeitraum_und_nur_dieser_person(
    client_als, sachbearbeitung, medizin, fall, anderer_fall
):
    with time_machine.travel(mittag(date(2026, 3, 2)), tick=False):
        m = mandat(sachbearbeitung, fall.person, medizin, ab=date(2026, 3, 10), bis=date(2026, 4, 30))
    person_url = reverse("vollzug:person_detail", args=[fall.person.pk])
    # The case through the API (the case page also renders other modules' blocks, tested there).
    fall_url = f"/api/v1/faelle/{fall.pk}/"
    # Before the start: not visible (404, existence does not leak).
    with time_machine.travel(mittag(date(2026, 3, 9)), tick=False):
        client = client_als(medizin)
        assert client.get(person_url).status_code == 404
        assert client.get(fall_url).status_code == 404
    # First and last day of the period: the file is open.
    for tag in (date(2026, 3, 10), date(2026, 4, 30)):
        with time_machine.travel(mittag(tag), tick=False):
            client = client_als(medizin)
            assert client.get(person_url).status_code == 200
            assert client.get(fall_url).status_code == 200
            assert list(personen_fuer_user(medizin)) == [fall.person]
            # Never another person.
            assert (
                client.get(reverse("vollzug:person_detail", args=[anderer_fall.person.pk])).status_code == 404
            )
    # The day after the end: closed again.
    with time_machine.travel(mittag(date(2026, 5, 1)), tick=False):
        client = client_als(medizin)
        assert client.get(person_url).status_code == 404
        assert client.get(fall_url).status_code == 404
    assert m.zuteilung.gueltig_ab == date(2026, 3, 10)


@pytest.mark.rule("R-22-1")
def test_begutachtung_ohne_ende_endet_nach_standardfrist(sachbearbeitung, medizin, fall, settings):
    settings.JVG_FACHPERSON_ZUGRIFF_MONATE = 6
    with time_machine.travel(mittag(date(2026, 8, 31)), tick=False):
        m = mandat(sachbearbeitung, fall.person, medizin)
    # Art. 77 OR: 31.08. + 6 months = 28.02. of the next year.
    assert (m.vorgesehen_ab, m.vorgesehen_bis) == (date(2026, 8, 31), date(2027, 2, 28))
    assert (m.zuteilung.gueltig_ab, m.zuteilung.gueltig_bis) == (date(2026, 8, 31), date(2027, 2, 28))


@pytest.mark.rule("R-22-1")
def test_behandlung_darf_unbefristet_sein_begutachtung_nie(sachbearbeitung, medizin, fall):
    m = mandat(sachbearbeitung, fall.person, medizin, art=Mandatsart.BEHANDLUNG)
    assert m.zuteilung.gueltig_bis is None
    # The database refuses an assessment without end even past the service.
    m.art = Mandatsart.BEGUTACHTUNG
    m.vorgesehen_bis = None
    with pytest.raises(IntegrityError), transaction.atomic():
        m.save()


@pytest.mark.rule("R-22-1")
def test_nur_fachpersonen_und_nur_durch_sachbearbeitung(sachbearbeitung, medizin, personal_a, fall):
    with pytest.raises(ValidationError) as fehler:
        mandat(sachbearbeitung, fall.person, personal_a)
    assert fehler.value.message_dict["fachperson"][0].startswith("§ 22 JVG (R-22-1): Zugeteilt werden nur")
    with pytest.raises(PermissionDenied):
        mandat(personal_a, fall.person, medizin)
    assert not Zuteilung.objects.exists()


@pytest.mark.rule("R-22-1")
def test_mandat_nicht_rueckwirkend_und_ende_nicht_vor_beginn(sachbearbeitung, medizin, fall):
    with time_machine.travel(mittag(date(2026, 3, 2)), tick=False):
        with pytest.raises(ValidationError) as fehler:
            mandat(sachbearbeitung, fall.person, medizin, ab=date(2026, 3, 1))
        assert "rückwirkend" in fehler.value.message_dict["gueltig_ab"][0]
        with pytest.raises(ValidationError) as fehler:
            mandat(sachbearbeitung, fall.person, medizin, ab=date(2026, 3, 5), bis=date(2026, 3, 4))
        assert fehler.value.message_dict["gueltig_bis"] == [
            "§ 22 JVG (R-22-1): Das Ende des Zugriffs liegt vor seinem Beginn."
        ]
        # Same day start and end: allowed (one day of access).
        assert mandat(sachbearbeitung, fall.person, medizin, ab=date(2026, 3, 2), bis=date(2026, 3, 2)).pk
        # A second mandate of the same expert overlapping it: refused.
        with pytest.raises(ValidationError) as fehler:
            mandat(sachbearbeitung, fall.person, medizin, ab=date(2026, 3, 2), bis=date(2026, 3, 9))
        assert "bereits ein Mandat" in fehler.value.message_dict["gueltig_ab"][0]
        assert mandat(sachbearbeitung, fall.person, medizin, ab=date(2026, 3, 3), bis=date(2026, 3, 9)).pk


@pytest.mark.rule("R-22-1", "R-0-AUDIT-1")
def test_mandat_vorzeitig_beenden_schliesst_akte_sofort(client_als, sachbearbeitung, medizin, fall):
    with time_machine.travel(mittag(date(2026, 3, 2)), tick=False):
        m = mandat(sachbearbeitung, fall.person, medizin, ab=date(2026, 3, 2), bis=date(2026, 6, 30))
    url = reverse("vollzug:person_detail", args=[fall.person.pk])
    with time_machine.travel(mittag(date(2026, 4, 15)), tick=False):
        assert client_als(medizin).get(url).status_code == 200
        with pytest.raises(ValidationError) as fehler:
            domain.mandat_beenden(mandat=m, grund="  ", durch=sachbearbeitung)
        assert fehler.value.message_dict["grund"] == [
            "§ 22 JVG (R-22-1): Grund der vorzeitigen Beendigung angeben."
        ]
        domain.mandat_beenden(mandat=m, grund="Gutachten abgeliefert.", durch=sachbearbeitung)
        assert client_als(medizin).get(url).status_code == 404
        with pytest.raises(ValidationError):
            domain.mandat_beenden(mandat=m, grund="nochmals", durch=sachbearbeitung)
    m.refresh_from_db()
    assert (m.beendet_am, m.zuteilung.gueltig_bis) == (date(2026, 4, 15), date(2026, 4, 14))
    assert m.vorgesehen_bis == date(2026, 6, 30)  # the planned period stays recorded
    zeile = m.zuteilung.history.first()
    assert zeile.history_user == sachbearbeitung
    assert zeile.history_change_reason.startswith("Mandat GA-2026-17 vorzeitig beendet")


@pytest.mark.rule("R-22-1")
def test_mandat_am_ersten_tag_beendet_gibt_keinen_zugriff(client_als, sachbearbeitung, medizin, fall):
    with time_machine.travel(mittag(date(2026, 3, 2)), tick=False):
        m = mandat(sachbearbeitung, fall.person, medizin, ab=date(2026, 3, 2), bis=date(2026, 3, 31))
        domain.mandat_beenden(mandat=m, grund="Falsche Person zugeteilt.", durch=sachbearbeitung)
        assert (
            client_als(medizin).get(reverse("vollzug:person_detail", args=[fall.person.pk])).status_code
            == 404
        )
    m.zuteilung.refresh_from_db()
    assert (m.zuteilung.gueltig_ab, m.zuteilung.gueltig_bis) == (date(2026, 3, 1), date(2026, 3, 1))


# --- § 23 Abs. 1 and 2: consent and contacts (R-23-1) ----------------------------------------------


@pytest.mark.rule("R-23-1", "R-0-AUDIT-1")
def test_entbindung_mit_dokument_und_hash(personal_a, fall):
    inhalt = b"%PDF-1.4 unterschrieben"
    e = entbindung(
        personal_a, fall.person, dokument=SimpleUploadedFile("entbindung.pdf", inhalt, "application/pdf")
    )
    import hashlib

    assert e.dokument_sha256 == hashlib.sha256(inhalt).hexdigest()
    assert e.history.get().history_user == personal_a


@pytest.mark.rule("R-23-1")
def test_entbindung_falsche_eingaben_mit_meldung(sachbearbeitung, fall):
    with time_machine.travel(mittag(date(2026, 3, 2)), tick=False):
        with pytest.raises(ValidationError) as fehler:
            entbindung(sachbearbeitung, fall.person, erteilt_am=date(2026, 3, 3))
        assert fehler.value.message_dict["erteilt_am"] == [
            "§ 23 Abs. 1 JVG (R-23-1): Das Datum der Entbindung kann nicht in der Zukunft liegen."
        ]
        with pytest.raises(ValidationError) as fehler:
            entbindung(sachbearbeitung, fall.person, erteilt_am=date(2026, 3, 2), bis=date(2026, 3, 1))
        assert "«gültig bis» liegt vor der Erteilung" in fehler.value.message_dict["gueltig_bis"][0]
        with pytest.raises(ValidationError) as fehler:
            entbindung(sachbearbeitung, fall.person, art="astrologie")
        assert "empfaenger_art" in fehler.value.message_dict


@pytest.mark.rule("R-23-1")
def test_kontakt_stuetzt_sich_auf_gueltige_entbindung_bis_zum_widerruf(sachbearbeitung, personal_a, fall):
    from datenschutz.domain import entbindung_widerrufen

    with time_machine.travel(mittag(date(2026, 3, 2)), tick=False):
        e = entbindung(personal_a, fall.person, erteilt_am=date(2026, 3, 1))
    with time_machine.travel(mittag(date(2026, 5, 4)), tick=False):
        k = kontakt(personal_a, fall.person, datum=date(2026, 5, 3), entbindung=e)
        assert (k.entbindung, k.zweck, k.rechtfertigung) == (e, "", "")
        entbindung_widerrufen(
            entbindung=e, am=date(2026, 5, 4), bemerkung="mündlich widerrufen", durch=personal_a
        )
        # The day before the revocation: still covered; from the revocation day on: not.
        assert kontakt(personal_a, fall.person, datum=date(2026, 5, 3), entbindung=e).pk
        with pytest.raises(ValidationError) as fehler:
            kontakt(personal_a, fall.person, datum=date(2026, 5, 4), entbindung=e)
        assert fehler.value.message_dict["entbindung"] == [
            "§ 23 Abs. 1 JVG (R-23-1): Die Entbindung galt am 04.05.2026 nicht (am 04.05.2026 widerrufen). "
            "Ohne gültige Entbindung ist ein Kontakt nur mit Begründung nach § 23 Abs. 2 zulässig."
        ]
        # Before it was given: not covered either.
        with pytest.raises(ValidationError) as fehler:
            kontakt(personal_a, fall.person, datum=date(2026, 2, 28), entbindung=e)
        assert "erst am 01.03.2026 erteilt" in fehler.value.message_dict["entbindung"][0]
        # A second revocation is refused.
        with pytest.raises(ValidationError):
            entbindung_widerrufen(entbindung=e, durch=sachbearbeitung)
    assert Drittkontakt.objects.count() == 2


@pytest.mark.rule("R-23-1")
def test_befristete_entbindung_gilt_bis_einschliesslich_letztem_tag(sachbearbeitung, fall):
    with time_machine.travel(mittag(date(2026, 3, 31)), tick=False):
        e = entbindung(sachbearbeitung, fall.person, erteilt_am=date(2026, 3, 1), bis=date(2026, 3, 30))
        assert kontakt(sachbearbeitung, fall.person, datum=date(2026, 3, 30), entbindung=e).pk
        with pytest.raises(ValidationError) as fehler:
            kontakt(sachbearbeitung, fall.person, datum=date(2026, 3, 31), entbindung=e)
        assert "nur bis 30.03.2026 gültig" in fehler.value.message_dict["entbindung"][0]


@pytest.mark.rule("R-23-1")
def test_entbindung_gilt_nur_fuer_ihre_empfaengerart_und_person(sachbearbeitung, fall, anderer_fall):
    e = entbindung(sachbearbeitung, fall.person, art=Empfaengerart.SCHULDENBERATUNG)
    with pytest.raises(ValidationError) as fehler:
        kontakt(sachbearbeitung, fall.person, entbindung=e, art=Empfaengerart.ARBEITGEBER)
    assert fehler.value.message_dict["empfaenger_art"] == [
        "§ 23 Abs. 1 JVG (R-23-1): Die Entbindung gilt gegenüber Schuldenberatungsstelle (Schuldenberatung "
        "Luzern), nicht gegenüber Arbeitgeber/in."
    ]
    with pytest.raises(ValidationError) as fehler:
        kontakt(sachbearbeitung, anderer_fall.person, entbindung=e)
    assert "anderen Person" in fehler.value.message_dict["entbindung"][0]


@pytest.mark.rule("R-23-1")
def test_kontakt_ohne_entbindung_braucht_zweck_und_begruendung(personal_a, fall):
    with pytest.raises(ValidationError) as fehler:
        kontakt(personal_a, fall.person)
    assert fehler.value.message_dict["zweck"] == [
        "§ 23 Abs. 2 JVG (R-23-1): Ohne Schweigepflichtentbindung ist ein Kontakt nur zulässig, wenn er zur "
        "Resozialisierung oder Rückfallverhinderung wesentlich beiträgt: Zweck angeben."
    ]
    with pytest.raises(ValidationError) as fehler:
        kontakt(personal_a, fall.person, zweck=Kontaktzweck.RUECKFALLVERHINDERUNG, rechtfertigung="   ")
    assert fehler.value.message_dict["rechtfertigung"] == [
        "§ 23 Abs. 2 JVG (R-23-1): Ohne Schweigepflichtentbindung begründen, warum der Kontakt zur "
        "Rückfallverhinderung wesentlich beiträgt."
    ]
    assert not Drittkontakt.objects.exists()
    k = kontakt(personal_a, fall.person, **OHNE_ENTBINDUNG)
    assert (k.entbindung, k.zweck) == (None, Kontaktzweck.RESOZIALISIERUNG)
    # The database refuses a contact with neither consent nor justification.
    k.zweck, k.rechtfertigung = "", ""
    with pytest.raises(IntegrityError), transaction.atomic():
        k.save()


@pytest.mark.rule("R-23-1")
def test_kontakt_mit_entbindung_und_begruendung_zugleich_abgelehnt(sachbearbeitung, fall):
    e = entbindung(sachbearbeitung, fall.person)
    with pytest.raises(ValidationError) as fehler:
        kontakt(sachbearbeitung, fall.person, entbindung=e, **OHNE_ENTBINDUNG)
    assert "nicht auf beides" in fehler.value.message_dict["rechtfertigung"][0]


@pytest.mark.rule("R-23-1", "R-0-ROLE-1")
def test_schweigepflicht_nur_fuer_personal_der_einrichtung_der_person(
    personal_a, personal_b, revision, medizin, fall
):
    for user in (personal_b, revision, medizin):
        with pytest.raises(PermissionDenied):
            entbindung(user, fall.person)
        with pytest.raises(PermissionDenied):
            kontakt(user, fall.person, **OHNE_ENTBINDUNG)
    assert entbindung(personal_a, fall.person).pk


@pytest.mark.rule("R-23-1")
def test_kontakt_nicht_in_der_zukunft(sachbearbeitung, fall):
    with time_machine.travel(mittag(date(2026, 3, 2)), tick=False), pytest.raises(ValidationError) as fehler:
        kontakt(sachbearbeitung, fall.person, datum=date(2026, 3, 3), **OHNE_ENTBINDUNG)
    assert fehler.value.message_dict["datum"] == [
        "§ 23 Abs. 1 JVG (R-23-1): Das Datum des Kontakts kann nicht in der Zukunft liegen."
    ]


# --- § 23 Abs. 3: reports to the Staatsanwaltschaft (R-23-3) ---------------------------------------


@pytest.mark.rule("R-23-3", "R-0-AUDIT-1")
def test_strafanzeige_mit_datum_referenz_und_erstatter(personal_a, fall):
    a = anzeige(personal_a, fall.person)
    assert (a.referenz, a.staatsanwaltschaft, a.erstattet_durch) == (
        "JVG-SA-2026-4",
        "Staatsanwaltschaft des Kantons Luzern",
        personal_a,
    )
    assert a.history.get().history_user == personal_a
    with pytest.raises(ValidationError) as fehler:
        anzeige(personal_a, fall.person, referenz=" ")
    assert fehler.value.message_dict["referenz"] == [
        "§ 23 Abs. 3 JVG (R-23-3): Referenz der Anzeige angeben."
    ]
    with pytest.raises(ValidationError) as fehler:
        anzeige(personal_a, fall.person, schwere="uebertretung")
    assert "Vergehen oder Verbrechen" in fehler.value.message_dict["schwere"][0]
    with pytest.raises(ValidationError) as fehler:
        anzeige(personal_a, fall.person, datum=date.today() + timedelta(days=2))
    assert "Zukunft" in fehler.value.message_dict["datum"][0]


@pytest.mark.rule("R-23-3", "R-40-4")
def test_strafanzeige_verknuepft_nur_vorgemerktes_disziplinarverfahren_derselben_person(
    personal_a, leitung_a, fall, anderer_fall
):
    from django.utils import timezone

    r = disziplinar.rapport_erfassen(
        fall=fall,
        tatzeit=timezone.now() - timedelta(hours=3),
        sachverhalt="Betäubungsmittel in der Zelle gefunden.",
        delikte=[disziplinar.DeliktDaten(Tatbestand.B)],
        zeugen="",
        durch=personal_a,
    )
    v = disziplinar.verfahren_eroeffnen(rapport=r, durch=leitung_a)
    with pytest.raises(ValidationError) as fehler:
        anzeige(personal_a, fall.person, verfahren=v)
    assert "keine Strafanzeige vorgemerkt" in fehler.value.message_dict["disziplinarverfahren"][0]
    disziplinar.strafanzeige_vormerken(verfahren=v, datum=timezone.localdate(), referenz="X", durch=leitung_a)
    with pytest.raises(ValidationError) as fehler:
        anzeige(personal_a, anderer_fall.person, verfahren=v)
    assert fehler.value.message_dict["disziplinarverfahren"] == [
        "§ 23 Abs. 3 JVG (R-23-3): Das Disziplinarverfahren betrifft eine andere Person."
    ]
    assert anzeige(personal_a, fall.person, verfahren=v).disziplinarverfahren == v


def test_rollen_der_fixtures(medizin):
    # Guard for the tests above: the expert persona has the role § 22 requires.
    assert medizin.rolle == Rolle.MEDIZIN
    assert benutzer("psy2", Rolle.MEDIZIN).rolle == Rolle.MEDIZIN
    assert Fachpersonmandat.objects.count() == 0
