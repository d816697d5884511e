"""§ 23 JVG: consent to lift professional secrecy (Abs. 1), contacts with third parties with or without it
(Abs. 2) and reports to the Staatsanwaltschaft (Abs. 3). Rules R-23-1 and R-23-3; every write here.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from datenschutz.models import (
    Drittkontakt,
    Schweigepflichtentbindung,
    Strafanzeige,
)
from datenschutz.permissions import darf_entbindung_widerrufen, darf_schweigepflicht_erfassen
from datenschutz.queries import personen_datenschutz
from datenschutz.recht import STAATSANWALTSCHAFT, Deliktsschwere, Empfaengerart, Kontaktzweck
from kern.audit import speichern
from kern.dateien import datei_sha256
from kern.rollen import berechtigung_pruefen
from vollzug.models import Person

R_23_1 = "§ 23 Abs. 1 JVG (R-23-1)"
R_23_2 = "§ 23 Abs. 2 JVG (R-23-1)"
R_23_3 = "§ 23 Abs. 3 JVG (R-23-3)"


def _fehler(feld: str, text: str, code: str) -> ValidationError:
    return ValidationError({feld: ValidationError(text, code=code)})


def _datum(tag: date) -> str:
    return f"{tag:%d.%m.%Y}"


def _darf(durch, person: Person, was: str) -> None:
    berechtigung_pruefen(
        darf_schweigepflicht_erfassen(durch) and personen_datenschutz(durch).filter(pk=person.pk).exists(),
        was,
    )


def _pflichttext(wert: str, feld: str, regel: str, was: str) -> str:
    wert = (wert or "").strip()
    if not wert:
        raise _fehler(feld, f"{regel}: {was} angeben.", "pflicht")
    return wert


def _nicht_in_zukunft(tag, feld: str, regel: str, was: str) -> date:
    if not isinstance(tag, date):
        raise _fehler(feld, f"{regel}: {was} angeben.", "pflicht")
    if tag > timezone.localdate():
        raise _fehler(feld, f"{regel}: {was} kann nicht in der Zukunft liegen.", "zukunft")
    return tag


# --- § 23 Abs. 1: Schweigepflichtentbindung ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Entbindungsdaten:
    empfaenger: str
    empfaenger_art: str
    umfang: str
    erteilt_am: date
    gueltig_bis: date | None = None
    dokument: UploadedFile | None = None


@transaction.atomic
def entbindung_erfassen(*, person: Person, daten: Entbindungsdaten, durch) -> Schweigepflichtentbindung:
    """R-23-1: record the person's consent per recipient and scope (optionally the signed document, whose
    SHA-256 is kept). Staff of the authority and of the person's facility."""
    _darf(durch, person, "Schweigepflichtentbindung erfassen (§ 23 JVG)")
    empfaenger = _pflichttext(daten.empfaenger, "empfaenger", R_23_1, "Empfängerin oder Empfänger")
    if daten.empfaenger_art not in Empfaengerart.values:
        raise _fehler("empfaenger_art", f"{R_23_1}: Art der Empfängerin / des Empfängers angeben.", "art")
    umfang = _pflichttext(daten.umfang, "umfang", R_23_1, "Umfang der Entbindung (welche Informationen)")
    erteilt = _nicht_in_zukunft(daten.erteilt_am, "erteilt_am", R_23_1, "Das Datum der Entbindung")
    if daten.gueltig_bis is not None and daten.gueltig_bis < erteilt:
        raise _fehler("gueltig_bis", f"{R_23_1}: «gültig bis» liegt vor der Erteilung.", "bis_vor_erteilung")
    e = Schweigepflichtentbindung(
        person=person,
        empfaenger=empfaenger,
        empfaenger_art=daten.empfaenger_art,
        umfang=umfang,
        erteilt_am=erteilt,
        gueltig_bis=daten.gueltig_bis,
        erfasst_durch=durch,
        erfasst_am=timezone.now(),
    )
    if daten.dokument:
        e.dokument_sha256 = datei_sha256(daten.dokument)
        e.dokument = daten.dokument
    return speichern(
        e, durch=durch, grund=f"Schweigepflichtentbindung gegenüber {empfaenger} erfasst (§ 23 Abs. 1)"
    )


@transaction.atomic
def entbindung_widerrufen(
    *, entbindung: Schweigepflichtentbindung, am: date | None = None, bemerkung: str = "", durch
) -> Schweigepflichtentbindung:
    """R-23-1: the person revokes the consent (effective on `am`, default today; not in the future, not
    before it was given, once). Contacts from that day on need a justification under § 23 Abs. 2."""
    e = Schweigepflichtentbindung.objects.select_for_update().get(pk=entbindung.pk)
    berechtigung_pruefen(
        darf_entbindung_widerrufen(durch, e), "Schweigepflichtentbindung widerrufen (§ 23 JVG)"
    )
    if e.widerrufen_am is not None:
        raise _fehler(
            "widerrufen_am",
            f"{R_23_1}: Die Entbindung ist seit {_datum(e.widerrufen_am)} widerrufen.",
            "widerrufen",
        )
    am = _nicht_in_zukunft(am or timezone.localdate(), "widerrufen_am", R_23_1, "Das Datum des Widerrufs")
    if am < e.erteilt_am:
        raise _fehler(
            "widerrufen_am",
            f"{R_23_1}: Der Widerruf kann nicht vor der Erteilung ({_datum(e.erteilt_am)}) liegen.",
            "vor_erteilung",
        )
    e.widerrufen_am = am
    e.widerruf_grund = (bemerkung or "").strip()
    return speichern(
        e, durch=durch, grund=f"Schweigepflichtentbindung widerrufen per {_datum(am)} (§ 23 Abs. 1)"
    )


# --- § 23 Abs. 1/2: contacts with third parties ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Kontaktdaten:
    empfaenger: str
    empfaenger_art: str
    datum: date
    inhalt: str
    entbindung: Schweigepflichtentbindung | None = None
    zweck: str = ""
    rechtfertigung: str = ""


def _entbindung_pruefen(person: Person, daten: Kontaktdaten) -> Schweigepflichtentbindung:
    # Fresh and locked: a revocation recorded meanwhile (or concurrently) must be seen.
    e = Schweigepflichtentbindung.objects.select_for_update().get(pk=daten.entbindung.pk)
    if e.person_id != person.pk:
        raise _fehler(
            "entbindung", f"{R_23_1}: Die Entbindung gehört zu einer anderen Person.", "andere_person"
        )
    if not e.gilt_am(daten.datum):
        if e.erteilt_am > daten.datum:
            warum = f"erst am {_datum(e.erteilt_am)} erteilt"
        elif e.widerrufen_am is not None and e.widerrufen_am <= daten.datum:
            warum = f"am {_datum(e.widerrufen_am)} widerrufen"
        else:
            warum = f"nur bis {_datum(e.gueltig_bis)} gültig"
        raise _fehler(
            "entbindung",
            f"{R_23_1}: Die Entbindung galt am {_datum(daten.datum)} nicht ({warum}). Ohne gültige Entbindung "
            "ist ein Kontakt nur mit Begründung nach § 23 Abs. 2 zulässig.",
            "nicht_gueltig",
        )
    if daten.empfaenger_art != e.empfaenger_art:
        raise _fehler(
            "empfaenger_art",
            f"{R_23_1}: Die Entbindung gilt gegenüber {e.get_empfaenger_art_display()} ({e.empfaenger}), "
            f"nicht gegenüber {Empfaengerart(daten.empfaenger_art).label}.",
            "anderer_empfaenger",
        )
    if (daten.zweck or "").strip() or (daten.rechtfertigung or "").strip():
        raise _fehler(
            "rechtfertigung",
            f"{R_23_2}: Ein Kontakt stützt sich entweder auf eine Entbindung oder auf eine Begründung, nicht "
            "auf beides.",
            "beides",
        )
    return e


@transaction.atomic
def kontakt_erfassen(*, person: Person, daten: Kontaktdaten, durch) -> Drittkontakt:
    """R-23-1: record an information exchange with a third party.

    Relying on a consent: it must be the person's, valid on the contact's date (given, not expired, not
    revoked) and given for that kind of recipient (its scope is shown with the contact). Without consent
    (§ 23 Abs. 2, "ausnahmsweise"): the purpose (resocialisation or relapse prevention) and the reason why
    the contact contributes essentially to it are required, else the contact is refused.
    """
    _darf(durch, person, "Kontakt mit Dritten erfassen (§ 23 JVG)")
    empfaenger = _pflichttext(daten.empfaenger, "empfaenger", R_23_1, "Empfängerin oder Empfänger")
    if daten.empfaenger_art not in Empfaengerart.values:
        raise _fehler("empfaenger_art", f"{R_23_1}: Art der Empfängerin / des Empfängers angeben.", "art")
    datum = _nicht_in_zukunft(daten.datum, "datum", R_23_1, "Das Datum des Kontakts")
    inhalt = _pflichttext(daten.inhalt, "inhalt", R_23_1, "Inhalt des Kontakts (Zusammenfassung)")
    zweck, rechtfertigung = "", ""
    if daten.entbindung is not None:
        entbindung = _entbindung_pruefen(person, daten)
    else:
        entbindung = None
        zweck = (daten.zweck or "").strip()
        rechtfertigung = (daten.rechtfertigung or "").strip()
        if zweck not in Kontaktzweck.values:
            raise _fehler(
                "zweck",
                f"{R_23_2}: Ohne Schweigepflichtentbindung ist ein Kontakt nur zulässig, wenn er zur "
                "Resozialisierung oder Rückfallverhinderung wesentlich beiträgt: Zweck angeben.",
                "zweck",
            )
        if not rechtfertigung:
            raise _fehler(
                "rechtfertigung",
                f"{R_23_2}: Ohne Schweigepflichtentbindung begründen, warum der Kontakt zur "
                f"{Kontaktzweck(zweck).label} wesentlich beiträgt.",
                "rechtfertigung",
            )
    k = Drittkontakt(
        person=person,
        empfaenger=empfaenger,
        empfaenger_art=daten.empfaenger_art,
        datum=datum,
        inhalt=inhalt,
        entbindung=entbindung,
        zweck=zweck,
        rechtfertigung=rechtfertigung,
        erfasst_durch=durch,
        erfasst_am=timezone.now(),
    )
    grundlage = "Entbindung (§ 23 Abs. 1)" if entbindung else "ohne Entbindung (§ 23 Abs. 2)"
    return speichern(k, durch=durch, grund=f"Kontakt mit {empfaenger} erfasst, {grundlage}")


# --- § 23 Abs. 3: reports to the Staatsanwaltschaft --------------------------------------------------


@dataclass(frozen=True, slots=True)
class Anzeigedaten:
    datum: date
    referenz: str
    schwere: str
    sachverhalt: str
    tatbestand: str = ""
    staatsanwaltschaft: str = STAATSANWALTSCHAFT
    disziplinarverfahren: object = None  # disziplinar.Disziplinarverfahren flagged for a criminal report


@transaction.atomic
def strafanzeige_erfassen(*, person: Person, daten: Anzeigedaten, durch) -> Strafanzeige:
    """R-23-3: record a report to the Staatsanwaltschaft (date, reference, the officially prosecuted
    misdemeanour or felony and the concrete facts, by whom); optionally linked to the disciplinary
    proceeding of the same person that was flagged for a criminal report (R-40-4)."""
    _darf(durch, person, "Strafanzeige erfassen (§ 23 Abs. 3 JVG)")
    datum = _nicht_in_zukunft(daten.datum, "datum", R_23_3, "Das Datum der Anzeige")
    referenz = _pflichttext(daten.referenz, "referenz", R_23_3, "Referenz der Anzeige")
    if daten.schwere not in Deliktsschwere.values:
        raise _fehler(
            "schwere",
            f"{R_23_3}: Anzeigepflichtig sind von Amtes wegen zu verfolgende Vergehen oder Verbrechen: angeben.",
            "schwere",
        )
    sachverhalt = _pflichttext(
        daten.sachverhalt, "sachverhalt", R_23_3, "Die konkreten Anhaltspunkte (Sachverhalt)"
    )
    staatsanwaltschaft = (daten.staatsanwaltschaft or "").strip() or STAATSANWALTSCHAFT
    verfahren = daten.disziplinarverfahren
    if verfahren is not None:
        verfahren = type(verfahren).objects.get(pk=verfahren.pk)  # the flag as stored now (R-40-4)
        if verfahren.person_id != person.pk:
            raise _fehler(
                "disziplinarverfahren",
                f"{R_23_3}: Das Disziplinarverfahren betrifft eine andere Person.",
                "andere_person",
            )
        if not verfahren.strafanzeige:
            raise _fehler(
                "disziplinarverfahren",
                f"{R_23_3}: Im Disziplinarverfahren {verfahren.nummer} ist keine Strafanzeige vorgemerkt "
                "(§ 40 Abs. 4 JVG, R-40-4).",
                "nicht_vorgemerkt",
            )
    a = Strafanzeige(
        person=person,
        datum=datum,
        referenz=referenz,
        staatsanwaltschaft=staatsanwaltschaft[:150],
        schwere=daten.schwere,
        tatbestand=(daten.tatbestand or "").strip(),
        sachverhalt=sachverhalt,
        disziplinarverfahren=verfahren,
        erstattet_durch=durch,
        erfasst_am=timezone.now(),
    )
    return speichern(a, durch=durch, grund=f"Strafanzeige {referenz} an die Staatsanwaltschaft (§ 23 Abs. 3)")
