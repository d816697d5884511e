"""Helpers of the data-protection tests (§§ 22, 23 JVG): data built through the domain functions."""

from django.utils import timezone

from datenschutz import domain
from datenschutz.recht import Deliktsschwere, Empfaengerart, Fachrichtung, Kontaktzweck, Mandatsart
from kern.models import Benutzer
from tests.conftest import PASSWORT


def benutzer(username, rolle, anstalt=None):
    user = Benutzer(username=username, rolle=rolle, anstalt=anstalt, first_name=username, last_name="Test")
    user.set_password(PASSWORT)
    user.save()
    return user


def mandat(sb, person, fachperson, *, art=Mandatsart.BEGUTACHTUNG, ab=None, bis=None, referenz="GA-2026-17"):
    return domain.fachperson_zuteilen(
        person=person,
        fachperson=fachperson,
        daten=domain.Mandatsdaten(
            art=art,
            fachrichtung=Fachrichtung.PSYCHIATRIE,
            referenz=referenz,
            auftrag="Forensisch-psychiatrisches Gutachten zur Rückfallgefahr (Art. 62d StGB).",
            gueltig_ab=ab,
            gueltig_bis=bis,
        ),
        durch=sb,
    )


def entbindung(
    durch, person, *, art=Empfaengerart.SCHULDENBERATUNG, erteilt_am=None, bis=None, dokument=None
):
    return domain.entbindung_erfassen(
        person=person,
        daten=domain.Entbindungsdaten(
            empfaenger="Schuldenberatung Luzern",
            empfaenger_art=art,
            umfang="Einkommen während des Vollzugs, Betreibungen, Sanierungsplan.",
            erteilt_am=erteilt_am or timezone.localdate(),
            gueltig_bis=bis,
            dokument=dokument,
        ),
        durch=durch,
    )


def kontakt(durch, person, *, datum=None, entbindung=None, zweck="", rechtfertigung="", art=None):
    return domain.kontakt_erfassen(
        person=person,
        daten=domain.Kontaktdaten(
            empfaenger="Schuldenberatung Luzern",
            empfaenger_art=art or (entbindung.empfaenger_art if entbindung else Empfaengerart.ARBEITGEBER),
            datum=datum or timezone.localdate(),
            inhalt="Telefonat: Stand der Lohnpfändung besprochen.",
            entbindung=entbindung,
            zweck=zweck,
            rechtfertigung=rechtfertigung,
        ),
        durch=durch,
    )


OHNE_ENTBINDUNG = {
    "zweck": Kontaktzweck.RESOZIALISIERUNG,
    "rechtfertigung": "Anschlussstelle nach der Entlassung: ohne Absprache mit dem Arbeitgeber fällt sie weg.",
}


def anzeige(
    durch, person, *, datum=None, referenz="JVG-SA-2026-4", verfahren=None, schwere=Deliktsschwere.VERGEHEN
):
    return domain.strafanzeige_erfassen(
        person=person,
        daten=domain.Anzeigedaten(
            datum=datum or timezone.localdate(),
            referenz=referenz,
            schwere=schwere,
            sachverhalt="Bei der Zellenkontrolle wurden 40 g Cannabis und eine Feinwaage gefunden.",
            tatbestand="Art. 19 BetmG",
            disziplinarverfahren=verfahren,
        ),
        durch=durch,
    )
