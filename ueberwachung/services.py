"""Every write of §§ 27, 29, 30 JVG goes through one function here (STYLE §2); the legal deletion is
`loeschung.py`.

Steps common to all: permission (PermissionDenied → 403), validation with German messages naming the
rule (ValidationError keyed by field), save with history and actor (`kern.audit.speichern`).
Access to content is never a plain read: `abhoeren`, `auswerten`, `einsicht_gewaehren`, `ed_einsehen`
and `ed_weitergeben` record the justification first (an `Inhaltszugriff` row, append-only); only then
does `views.inhalt` stream the file, checking the access row again and logging the read (R-0-AUDIT-2).
"""

import re
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from disziplinar.recht import Tatbestand
from kern.audit import speichern
from kern.dateien import datei_sha256
from kern.rollen import Rolle, berechtigung_pruefen, hat_rolle
from vollzug.models import Anstalt, Person, Platzierung

from . import recht
from .enums import (
    ORDENTLICHE_UNTERKUENFTE,
    SPEZIELLE_UNTERKUENFTE,
    EDArt,
    Objektart,
    Raumart,
    Rechtsgrundlage,
    Verdachtsart,
    Verfahrensart,
    Vorgang,
    Zonengrund,
    Zugriffsart,
)
from .models import (
    Beizug,
    EDDatei,
    EDMassnahme,
    Inhaltszugriff,
    Rechtsbeistand,
    Telefonaufzeichnung,
    Vernichtungsprotokoll,
    Videoaufzeichnung,
    Videozone,
)
from .queries import ist_leitung

# The phone system pushes recordings as a system user whose name starts with this (README: management
# command `telefonanlage_einrichten`, token auth).
TELEFONANLAGE = "telefonanlage"


def _fehler(feld: str, meldung: str, code: str) -> ValidationError:
    return ValidationError({feld: ValidationError(meldung, code=code)})


def _text(wert) -> str:
    return wert.strip() if isinstance(wert, str) else ""


def ist_telefonanlage(user) -> bool:
    return hat_rolle(user, Rolle.SYSTEM) and (
        user.username == TELEFONANLAGE or user.username.startswith(f"{TELEFONANLAGE}-")
    )


def nummer_normalisieren(nummer: str) -> str:
    """Phone numbers compared in one form: digits only, international with 00 (+41 44 … = 0041 44 … =
    044 …). Returns "" for anything that is no phone number."""
    roh = _text(nummer)
    if not roh or not re.fullmatch(r"\+?[0-9 ./()\-]{3,40}", roh):
        return ""
    ziffern = re.sub(r"\D", "", roh)
    if roh.startswith("+"):
        ziffern = "00" + ziffern
    elif ziffern.startswith("0") and not ziffern.startswith("00"):
        ziffern = "0041" + ziffern[1:]  # Swiss national number
    return ziffern if len(ziffern) >= 3 else ""


def _nummer_pruefen(nummer, feld: str = "nummer") -> str:
    normalisiert = nummer_normalisieren(nummer)
    if not normalisiert:
        raise _fehler(
            feld,
            "R-0-BAD-1: Eine Telefonnummer besteht aus Ziffern (optional mit + am Anfang, Leerzeichen, "
            "Punkten, Bindestrichen oder Klammern).",
            "nummer_ungueltig",
        )
    return normalisiert


def _zeitraum_pruefen(beginn, ende, regel: str) -> None:
    fehler = {}
    for feld, wert in (("beginn", beginn), ("ende", ende)):
        if not isinstance(wert, datetime) or timezone.is_naive(wert):
            fehler[feld] = [
                ValidationError(
                    f"{regel}: Zeitpunkt mit Datum, Uhrzeit und Zeitzone angeben.", code="zeitpunkt"
                )
            ]
        elif wert > timezone.now() + timedelta(minutes=5):
            fehler[feld] = [ValidationError(f"{regel}: Der Zeitpunkt liegt in der Zukunft.", code="zukunft")]
        elif wert.year < 2000:
            fehler[feld] = [ValidationError("R-0-BAD-1: Der Zeitpunkt liegt vor 2000.", code="zu_frueh")]
    if not fehler and ende < beginn:
        fehler["ende"] = [ValidationError(f"{regel}: Das Ende liegt vor dem Beginn.", code="ende_vor_beginn")]
    if fehler:
        raise ValidationError(fehler)


def _datei_pruefen(datei, regel: str) -> None:
    if datei is None or not getattr(datei, "name", "") or not getattr(datei, "size", 0):
        raise _fehler("datei", f"{regel}: Die Aufzeichnungsdatei fehlt oder ist leer.", "datei_fehlt")


def _aktuelle_anstalt_id(person) -> int | None:
    return (
        Platzierung.objects.filter(fall__person_id=getattr(person, "pk", person), bis__isnull=True)
        .values_list("anstalt_id", flat=True)
        .first()
    )


def _person_pruefen(person) -> Person:
    if not isinstance(person, Person):
        raise _fehler("person", "R-0-BAD-1: Unbekannte Person.", "person_unbekannt")
    return person


# --- Counsel numbers (R-29-4) ------------------------------------------------------------------------


def rechtsbeistand_erfassen(*, person: Person, name: str, nummer: str, durch) -> Rechtsbeistand:
    """R-29-4: register a counsel's number for a person (authority, or the management of the facility
    where the person is placed). Recordings of calls to this number that exist already are destroyed at
    once, each with a content-free record (`loeschung.rechtsbeistand_aufzeichnungen_vernichten`)."""
    from .loeschung import rechtsbeistand_aufzeichnungen_vernichten

    _person_pruefen(person)
    berechtigung_pruefen(
        hat_rolle(durch, Rolle.SACHBEARBEITUNG) or ist_leitung(durch, _aktuelle_anstalt_id(person)),
        "Rechtsbeistand erfassen (R-29-4)",
    )
    fehler = {}
    if not _text(name):
        fehler["name"] = [
            ValidationError(
                "§ 29 Abs. 4 JVG (R-29-4): Den Namen des Rechtsbeistands angeben.", code="name_fehlt"
            )
        ]
    try:
        normalisiert = _nummer_pruefen(nummer)
    except ValidationError as exc:
        fehler.update(exc.error_dict)
        normalisiert = ""
    if (
        normalisiert
        and Rechtsbeistand.objects.filter(person=person, nummer_normalisiert=normalisiert).exists()
    ):
        fehler["nummer"] = [
            ValidationError(
                "§ 29 Abs. 4 JVG (R-29-4): Diese Nummer ist für die Person bereits erfasst.", code="doppelt"
            )
        ]
    if fehler:
        raise ValidationError(fehler)
    with transaction.atomic():
        beistand = Rechtsbeistand(
            person=person,
            name=_text(name)[:150],
            nummer=_text(nummer)[:40],
            nummer_normalisiert=normalisiert,
            erfasst_durch=durch,
        )
        speichern(beistand, durch=durch, grund="Rechtsbeistand erfasst (§ 29 Abs. 4 JVG)")
    # After the commit: the destruction job part removes files only after its own commit.
    rechtsbeistand_aufzeichnungen_vernichten(person_id=person.pk, nummer_normalisiert=normalisiert)
    return beistand


# --- Phone recordings (R-29-1, R-29-4) ---------------------------------------------------------------


def telefonaufzeichnung_erfassen(
    *, person: Person, nummer: str, beginn: datetime, ende: datetime, datei: UploadedFile, durch
) -> Telefonaufzeichnung:
    """R-29-1: store a recorded call (the phone system through the API, or the facility management by
    upload). Steps: permission; times; number; file; person placed in a facility (§ 29 Abs. 1: calls of
    inmates); R-29-4 counsel check — a call to a registered counsel number is refused and the refusal
    logged content-free (committed even though the call raises); R-29-2: nothing older than 100 days is
    accepted; save with SHA-256 and the due time of the deletion."""
    berechtigung_pruefen(
        ist_telefonanlage(durch) or hat_rolle(durch, Rolle.ANSTALTSLEITUNG),
        "Telefonaufzeichnung erfassen (R-29-1)",
    )
    _person_pruefen(person)
    _zeitraum_pruefen(beginn, ende, "§ 29 Abs. 1 JVG (R-29-1)")
    normalisiert = _nummer_pruefen(nummer)
    _datei_pruefen(datei, "§ 29 Abs. 1 JVG (R-29-1)")
    anstalt_id = _aktuelle_anstalt_id(person)
    if anstalt_id is None:
        raise _fehler(
            "person",
            "§ 29 Abs. 1 JVG (R-29-1): Aufgezeichnet werden nur Gespräche von Personen, die in einer "
            "Vollzugseinrichtung platziert sind.",
            "nicht_platziert",
        )
    if hat_rolle(durch, Rolle.ANSTALTSLEITUNG) and durch.anstalt_id != anstalt_id:
        # R-0-ROLE-1: a person outside the management's facility does not exist for it.
        raise _fehler("person", "R-0-BAD-1: Unbekannte Person.", "person_unbekannt")
    if Rechtsbeistand.objects.filter(person=person, nummer_normalisiert=normalisiert).exists():
        # R-29-4: neither recorded nor listened to. The refusal is logged without the number or content.
        Vernichtungsprotokoll.objects.create(
            vorgang=Vorgang.ABGEWIESEN,
            objektart=Objektart.TELEFON,
            person=person,
            personennummer=person.personennummer,
            anstalt_id=anstalt_id,
            aufgezeichnet_am=beginn,
            vernichtet_am=timezone.now(),
            lauf=None,
            rechtsgrundlage=Rechtsgrundlage.RECHTSBEISTAND_29_4,
        )
        raise _fehler(
            "nummer",
            "§ 29 Abs. 4 JVG (R-29-4): Gespräch mit dem Rechtsbeistand – darf weder aufgezeichnet noch "
            "abgehört werden; die Aufzeichnung wurde nicht gespeichert.",
            "rechtsbeistand",
        )
    faellig = recht.loeschung_faellig_am(beginn)
    if faellig <= timezone.now():
        raise _fehler(
            "beginn",
            f"§ 29 Abs. 2 JVG (R-29-2): Die Aufzeichnung ist älter als {recht.AUFZEICHNUNG_TAGE} Tage und "
            "darf nicht mehr gespeichert werden.",
            "zu_alt",
        )
    with transaction.atomic():
        return speichern(
            Telefonaufzeichnung(
                person=person,
                anstalt_id=anstalt_id,
                nummer=_text(nummer)[:40],
                nummer_normalisiert=normalisiert,
                beginn=beginn,
                ende=ende,
                datei=datei,
                sha256=datei_sha256(datei),
                groesse=datei.size,
                eingegangen_durch=durch,
                loeschung_faellig_am=faellig,
            ),
            durch=durch,
            grund="Telefonaufzeichnung eingegangen (§ 29 Abs. 1 JVG)",
        )


# --- Video zones and recordings (R-30-1, R-30-3) -----------------------------------------------------


@transaction.atomic
def videozone_festlegen(
    *, bezeichnung: str, raumart: str, grund: str = "", begruendung: str = "", durch
) -> Videozone:
    """R-30-1 (§ 30 Abs. 2): the facility management defines a zone of its own facility. Ordinary quarters
    are refused; disciplinary and security cells need a recorded reason (special circumstances or health)."""
    berechtigung_pruefen(
        hat_rolle(durch, Rolle.ANSTALTSLEITUNG) and durch.anstalt_id is not None,
        "Videozone festlegen (R-30-1)",
    )
    fehler = {}
    if not _text(bezeichnung):
        fehler["bezeichnung"] = [
            ValidationError(
                "§ 30 Abs. 2 JVG (R-30-1): Den Raum oder die Fläche bezeichnen.", code="bezeichnung_fehlt"
            )
        ]
    if raumart not in Raumart.values:
        fehler["raumart"] = [
            ValidationError("§ 30 Abs. 2 JVG (R-30-1): Unbekannte Art des Raums.", code="raumart_ungueltig")
        ]
    elif raumart in ORDENTLICHE_UNTERKUENFTE:
        fehler["raumart"] = [
            ValidationError(
                "§ 30 Abs. 2 lit. a JVG (R-30-1): Die ordentlichen Unterkünfte der eingewiesenen Personen "
                "dürfen nicht visuell überwacht werden.",
                code="ordentliche_unterkunft",
            )
        ]
    elif raumart in SPEZIELLE_UNTERKUENFTE:
        if grund not in Zonengrund.values:
            fehler["grund"] = [
                ValidationError(
                    "§ 30 Abs. 2 lit. b JVG (R-30-1): Disziplinar- und Sicherheitszellen nur, wenn besondere "
                    "Umstände oder der Gesundheitszustand es erfordern – Grund angeben.",
                    code="grund_fehlt",
                )
            ]
        if not _text(begruendung):
            fehler["begruendung"] = [
                ValidationError(
                    "§ 30 Abs. 2 lit. b JVG (R-30-1): Die besonderen Umstände bzw. den Gesundheitszustand "
                    "begründen.",
                    code="begruendung_fehlt",
                )
            ]
    elif grund:
        fehler["grund"] = [
            ValidationError(
                "§ 30 Abs. 2 JVG (R-30-1): Ein Grund wird nur für Disziplinar- und Sicherheitszellen erfasst.",
                code="grund_unnoetig",
            )
        ]
    if fehler:
        raise ValidationError(fehler)
    return speichern(
        Videozone(
            anstalt_id=durch.anstalt_id,
            bezeichnung=_text(bezeichnung)[:120],
            raumart=raumart,
            grund=grund or "",
            begruendung=_text(begruendung),
            festgelegt_durch=durch,
        ),
        durch=durch,
        grund="Videozone festgelegt (§ 30 Abs. 2 JVG)",
    )


@transaction.atomic
def videozone_aufheben(*, zone: Videozone, durch) -> Videozone:
    """R-30-1: the management ends the surveillance of a zone (recordings keep their zone)."""
    zone = Videozone.objects.select_for_update().get(pk=zone.pk)
    berechtigung_pruefen(ist_leitung(durch, zone.anstalt_id), "Videozone aufheben (R-30-1)")
    if zone.aufgehoben_am is not None:
        raise _fehler("zone", "§ 30 Abs. 2 JVG (R-30-1): Die Zone ist bereits aufgehoben.", "aufgehoben")
    zone.aufgehoben_am = timezone.now()
    return speichern(
        zone, durch=durch, grund="Videozone aufgehoben (§ 30 Abs. 2 JVG)", felder=["aufgehoben_am"]
    )


def videoaufzeichnung_erfassen(
    *,
    zone: Videozone,
    beginn: datetime,
    ende: datetime,
    datei: UploadedFile,
    person: Person | None = None,
    durch,
) -> Videoaufzeichnung:
    """R-30-3: store a video recording of one zone of the management's facility (the zone must have been
    in force when recording began). Not older than 100 days; deletion due at start + 100 days."""
    berechtigung_pruefen(
        isinstance(zone, Videozone) and ist_leitung(durch, zone.anstalt_id),
        "Videoaufzeichnung erfassen (R-30-3)",
    )
    _zeitraum_pruefen(beginn, ende, "§ 30 JVG (R-30-3)")
    _datei_pruefen(datei, "§ 30 JVG (R-30-3)")
    if zone.festgelegt_am > beginn or (zone.aufgehoben_am is not None and zone.aufgehoben_am < beginn):
        raise _fehler(
            "zone",
            "§ 30 Abs. 2 JVG (R-30-1): Die Zone war zu diesem Zeitpunkt nicht zur Überwachung festgelegt.",
            "zone_nicht_in_kraft",
        )
    if person is not None and _aktuelle_anstalt_id(person) != zone.anstalt_id:
        raise _fehler("person", "R-0-BAD-1: Unbekannte Person.", "person_unbekannt")
    faellig = recht.loeschung_faellig_am(beginn)
    if faellig <= timezone.now():
        raise _fehler(
            "beginn",
            f"§ 30 Abs. 5 JVG (R-30-3): Die Aufzeichnung ist älter als {recht.AUFZEICHNUNG_TAGE} Tage und "
            "darf nicht mehr gespeichert werden.",
            "zu_alt",
        )
    with transaction.atomic():
        return speichern(
            Videoaufzeichnung(
                zone=zone,
                anstalt_id=zone.anstalt_id,
                person=person,
                beginn=beginn,
                ende=ende,
                datei=datei,
                sha256=datei_sha256(datei),
                groesse=datei.size,
                eingegangen_durch=durch,
                loeschung_faellig_am=faellig,
            ),
            durch=durch,
            grund="Videoaufzeichnung gespeichert (§ 30 JVG)",
        )


@transaction.atomic
def auswertung_abschliessen(*, video: Videoaufzeichnung, durch) -> Videoaufzeichnung:
    """§ 30 Abs. 5 (R-30-3): the management closes the evaluation; the recording is due at once (the next
    run of the deletion job destroys it) unless it is attached to a proceeding."""
    video = Videoaufzeichnung.objects.select_for_update().get(pk=video.pk)
    berechtigung_pruefen(ist_leitung(durch, video.anstalt_id), "Auswertung abschliessen (R-30-2)")
    if video.auswertung_abgeschlossen_am is not None:
        raise _fehler(
            "video", "§ 30 Abs. 5 JVG (R-30-3): Die Auswertung ist bereits abgeschlossen.", "abgeschlossen"
        )
    if not Inhaltszugriff.objects.filter(
        objektart=Objektart.VIDEO, objekt_id=video.pk, art=Zugriffsart.AUSWERTEN
    ).exists():
        raise _fehler(
            "video",
            "§ 30 Abs. 3 JVG (R-30-2): Es ist keine Auswertung erfasst; abgeschlossen wird eine begonnene Auswertung.",
            "keine_auswertung",
        )
    jetzt = timezone.now()
    video.auswertung_abgeschlossen_am = jetzt
    video.loeschung_faellig_am = min(video.loeschung_faellig_am, jetzt)
    return speichern(
        video,
        durch=durch,
        grund="Auswertung abgeschlossen (§ 30 Abs. 5 JVG)",
        felder=["auswertung_abgeschlossen_am", "loeschung_faellig_am"],
    )


# --- Legal holds (R-29-2, R-30-3) --------------------------------------------------------------------


def _aufzeichnung_sperren(aufzeichnung):
    modell = type(aufzeichnung)
    if modell not in (Telefonaufzeichnung, Videoaufzeichnung):
        raise _fehler("aufzeichnung", "R-0-BAD-1: Unbekannte Aufzeichnung.", "unbekannt")
    gesperrt = modell.objects.select_for_update().filter(pk=aufzeichnung.pk).first()
    if gesperrt is None:
        raise _fehler("aufzeichnung", "Die Aufzeichnung ist bereits gelöscht.", "geloescht")
    return gesperrt


def _darf_beiziehen(user, aufzeichnung) -> bool:
    # The authority (it receives the proceedings' requests) or the management of the recording facility.
    return hat_rolle(user, Rolle.SACHBEARBEITUNG) or ist_leitung(user, aufzeichnung.anstalt_id)


@transaction.atomic
def beizug_erfassen(*, aufzeichnung, verfahrensart: str, referenz: str, behoerde: str, durch) -> Beizug:
    """R-29-2 / R-30-3: attach a recording to a criminal, civil or administrative proceeding (legal hold):
    it is not deleted while the hold is active. The row lock on the recording orders this against a
    running deletion batch (which locks the same row): the hold either comes first, or the recording is
    gone and the call says so."""
    aufzeichnung = _aufzeichnung_sperren(aufzeichnung)
    berechtigung_pruefen(_darf_beiziehen(durch, aufzeichnung), "Aufzeichnung einem Verfahren beiziehen")
    regel = (
        "§ 29 Abs. 2 JVG (R-29-2)"
        if isinstance(aufzeichnung, Telefonaufzeichnung)
        else "§ 30 Abs. 5 JVG (R-30-3)"
    )
    fehler = {}
    if verfahrensart not in Verfahrensart.values:
        fehler["verfahrensart"] = [
            ValidationError(
                f"{regel}: Beigezogen wird nur für ein Straf-, Zivil- oder Verwaltungsverfahren.",
                code="verfahrensart",
            )
        ]
    if not _text(referenz):
        fehler["referenz"] = [
            ValidationError(f"{regel}: Die Verfahrensnummer/Referenz angeben.", code="referenz_fehlt")
        ]
    if not _text(behoerde):
        fehler["behoerde"] = [
            ValidationError(f"{regel}: Die verfahrensleitende Behörde angeben.", code="behoerde_fehlt")
        ]
    if fehler:
        raise ValidationError(fehler)
    feld = "telefon" if isinstance(aufzeichnung, Telefonaufzeichnung) else "video"
    return speichern(
        Beizug(
            **{feld: aufzeichnung},
            verfahrensart=verfahrensart,
            referenz=_text(referenz)[:120],
            behoerde=_text(behoerde)[:150],
            beigezogen_durch=durch,
        ),
        durch=durch,
        grund=f"Beizug für {Verfahrensart(verfahrensart).label} ({regel})",
    )


@transaction.atomic
def beizug_aufheben(*, beizug: Beizug, grund: str, durch) -> Beizug:
    """Lift a legal hold. A recording older than 100 days (and without another active hold) is then due at
    once: its due time has passed, so the next run of the job deletes it."""
    # Lock the hold row only (an outer join to the recordings cannot be locked on PostgreSQL).
    beizug = Beizug.objects.select_for_update().get(pk=beizug.pk)
    aufzeichnung = beizug.telefon or beizug.video
    berechtigung_pruefen(_darf_beiziehen(durch, aufzeichnung), "Beizug aufheben")
    if beizug.aufgehoben_am is not None:
        raise _fehler("beizug", "Der Beizug ist bereits aufgehoben.", "aufgehoben")
    if not _text(grund):
        raise _fehler(
            "grund", "Den Grund der Aufhebung angeben (z. B. Verfahren abgeschlossen).", "grund_fehlt"
        )
    beizug.aufgehoben_am = timezone.now()
    beizug.aufgehoben_durch = durch
    beizug.aufhebung_grund = _text(grund)
    return speichern(
        beizug,
        durch=durch,
        grund="Beizug aufgehoben",
        felder=["aufgehoben_am", "aufgehoben_durch", "aufhebung_grund"],
    )


# --- Access to content (R-29-3, R-30-2, R-27-2): justified and logged first -------------------------


def _zugriff(*, art, objekt, durch, **felder) -> Inhaltszugriff:
    zugriff = Inhaltszugriff(
        benutzer=durch,
        art=art,
        objektart=objekt.objektart,
        objekt_id=objekt.pk,
        person_id=getattr(objekt, "person_id", None),
        anstalt_id=objekt.anstalt_id,
        **felder,
    )
    zugriff.full_clean()
    zugriff.save(force_insert=True)
    return zugriff


def abhoeren(*, aufzeichnung: Telefonaufzeichnung, tatbestand: str, verdacht: str, durch) -> Inhaltszugriff:
    """R-29-3 (§ 29 Abs. 3): only the management of the recording facility, only on a recorded suspicion
    of a disciplinary offence under § 40 Abs. 2 lit. a, c, g, h, i or j. Other letters are refused. The
    access row is the log; the content is then streamed by `views.inhalt` (logged again as a read)."""
    berechtigung_pruefen(
        isinstance(aufzeichnung, Telefonaufzeichnung) and ist_leitung(durch, aufzeichnung.anstalt_id),
        "Telefonaufzeichnung abhören (nur Anstaltsleitung, § 29 Abs. 3 JVG, R-29-3)",
    )
    fehler = {}
    if tatbestand not in recht.ABHOEREN_TATBESTAENDE:
        bekannt = tatbestand in Tatbestand.values
        fehler["tatbestand"] = [
            ValidationError(
                "§ 29 Abs. 3 JVG (R-29-3): Abhören nur bei Verdacht auf ein Disziplinarvergehen nach § 40 Abs. 2 "
                f"lit. a, c, g, h, i oder j{f' – nicht lit. {tatbestand}' if bekannt and tatbestand != 'allgemein' else ''}.",
                code="tatbestand_nicht_erlaubt",
            )
        ]
    if not _text(verdacht):
        fehler["verdacht"] = [
            ValidationError("§ 29 Abs. 3 JVG (R-29-3): Den Verdacht begründen.", code="verdacht_fehlt")
        ]
    if fehler:
        raise ValidationError(fehler)
    with transaction.atomic():
        if not Telefonaufzeichnung.objects.filter(pk=aufzeichnung.pk).exists():
            raise _fehler("aufzeichnung", "Die Aufzeichnung ist bereits gelöscht.", "geloescht")
        return _zugriff(
            art=Zugriffsart.ABHOEREN,
            objekt=aufzeichnung,
            durch=durch,
            tatbestand=tatbestand,
            verdacht=_text(verdacht),
        )


def auswerten(*, video: Videoaufzeichnung, verdachtsart: str, verdacht: str, durch) -> Inhaltszugriff:
    """R-30-2 (§ 30 Abs. 3): only the management of the facility, only on a recorded suspicion of a
    disciplinary offence or a crime."""
    berechtigung_pruefen(
        isinstance(video, Videoaufzeichnung) and ist_leitung(durch, video.anstalt_id),
        "Videoaufzeichnung auswerten (nur Anstaltsleitung, § 30 Abs. 3 JVG, R-30-2)",
    )
    fehler = {}
    if verdachtsart not in Verdachtsart.values:
        fehler["verdachtsart"] = [
            ValidationError(
                "§ 30 Abs. 3 JVG (R-30-2): Ausgewertet wird nur bei Verdacht auf ein Disziplinarvergehen oder eine Straftat.",
                code="verdachtsart",
            )
        ]
    if not _text(verdacht):
        fehler["verdacht"] = [
            ValidationError("§ 30 Abs. 3 JVG (R-30-2): Die Verdachtsgründe angeben.", code="verdacht_fehlt")
        ]
    if fehler:
        raise ValidationError(fehler)
    with transaction.atomic():
        if not Videoaufzeichnung.objects.filter(pk=video.pk).exists():
            raise _fehler("video", "Die Aufzeichnung ist bereits gelöscht.", "geloescht")
        return _zugriff(
            art=Zugriffsart.AUSWERTEN,
            objekt=video,
            durch=durch,
            verdachtsart=verdachtsart,
            verdacht=_text(verdacht),
        )


@transaction.atomic
def einsicht_gewaehren(*, aufzeichnung, beizug: Beizug, empfaenger: str, durch) -> Inhaltszugriff:
    """§ 30 Abs. 4 (R-30-2), § 29 Abs. 2: another authority gets a recording only in a recorded proceeding —
    an active hold of this recording. The management hands it over; the disclosure is logged."""
    aufzeichnung = _aufzeichnung_sperren(aufzeichnung)
    berechtigung_pruefen(
        ist_leitung(durch, aufzeichnung.anstalt_id), "Einsicht gewähren (§ 30 Abs. 4 JVG, R-30-2)"
    )
    feld = "telefon_id" if isinstance(aufzeichnung, Telefonaufzeichnung) else "video_id"
    if (
        not isinstance(beizug, Beizug)
        or getattr(beizug, feld) != aufzeichnung.pk
        or not Beizug.objects.filter(pk=beizug.pk, aufgehoben_am__isnull=True).exists()
    ):
        raise _fehler(
            "beizug",
            "§ 30 Abs. 4 JVG (R-30-2): Andere Behörden erhalten Einsicht nur in einem Straf-, Zivil- oder "
            "Verwaltungsverfahren – zuerst den Beizug für dieses Verfahren erfassen.",
            "kein_verfahren",
        )
    if not _text(empfaenger):
        raise _fehler(
            "empfaenger", "§ 30 Abs. 4 JVG (R-30-2): Die empfangende Behörde angeben.", "empfaenger_fehlt"
        )
    return _zugriff(
        art=Zugriffsart.EINSICHT_BEHOERDE,
        objekt=aufzeichnung,
        durch=durch,
        empfaenger=_text(empfaenger)[:150],
        verfahrensart=beizug.verfahrensart,
        verfahren_referenz=beizug.referenz,
    )


# --- ED measures (R-27-1, R-27-2) --------------------------------------------------------------------


def darf_ed_verwalten(user, massnahme_or_person) -> bool:
    """§ 27 Abs. 1: the management of the facility where the person is placed now, or of the facility
    that ordered the measure (after a release, for police requests under § 27 Abs. 2)."""
    if isinstance(massnahme_or_person, EDMassnahme):
        if ist_leitung(user, massnahme_or_person.anstalt_id):
            return True
        person = massnahme_or_person.person_id
    else:
        person = massnahme_or_person
    return ist_leitung(user, _aktuelle_anstalt_id(person))


def ed_anordnen(
    *, person: Person, art: str, durchgefuehrt_am, dateien: list[UploadedFile], bemerkung: str = "", durch
) -> EDMassnahme:
    """R-27-1: the facility management orders an ED measure for a person placed in its facility; the
    material is stored as files (SHA-256 each) with kind and date."""
    _person_pruefen(person)
    berechtigung_pruefen(
        hat_rolle(durch, Rolle.ANSTALTSLEITUNG) and ist_leitung(durch, _aktuelle_anstalt_id(person)),
        "Erkennungsdienstliche Massnahme anordnen (nur Anstaltsleitung, § 27 Abs. 1 JVG, R-27-1)",
    )
    fehler = {}
    if art not in EDArt.values:
        fehler["art"] = [
            ValidationError(
                "§ 27 Abs. 1 JVG (R-27-1): Fingerabdrücke, Fotografien, Messungen oder körperliche Merkmale.",
                code="art_ungueltig",
            )
        ]
    heute = timezone.localdate()
    if not hasattr(durchgefuehrt_am, "year") or isinstance(durchgefuehrt_am, datetime):
        fehler["durchgefuehrt_am"] = [
            ValidationError("§ 27 Abs. 1 JVG (R-27-1): Datum angeben.", code="datum")
        ]
    elif durchgefuehrt_am > heute:
        fehler["durchgefuehrt_am"] = [
            ValidationError("R-0-BAD-1: Das Datum liegt in der Zukunft.", code="zukunft")
        ]
    dateien = list(dateien or [])
    if not dateien or any(not getattr(d, "size", 0) for d in dateien):
        fehler["dateien"] = [
            ValidationError(
                "§ 27 Abs. 1 JVG (R-27-1): Das Material als Datei(en) beilegen (keine leeren Dateien).",
                code="dateien_fehlen",
            )
        ]
    if fehler:
        raise ValidationError(fehler)
    with transaction.atomic():
        massnahme = speichern(
            EDMassnahme(
                person=person,
                anstalt_id=durch.anstalt_id,
                art=art,
                durchgefuehrt_am=durchgefuehrt_am,
                bemerkung=_text(bemerkung),
                angeordnet_durch=durch,
            ),
            durch=durch,
            grund="Erkennungsdienstliche Massnahme angeordnet (§ 27 Abs. 1 JVG)",
        )
        for datei in dateien:
            speichern(
                EDDatei(massnahme=massnahme, datei=datei, sha256=datei_sha256(datei), groesse=datei.size),
                durch=durch,
                grund="ED-Material gespeichert (§ 27 Abs. 1 JVG)",
            )
    return massnahme


def ed_einsehen(*, massnahme: EDMassnahme, zweck: str, durch) -> Inhaltszugriff:
    """R-27-1: the facility management looks at the material (purpose recorded, access logged)."""
    berechtigung_pruefen(
        darf_ed_verwalten(durch, massnahme), "ED-Unterlagen einsehen (nur Anstaltsleitung, § 27 JVG)"
    )
    if not _text(zweck):
        raise _fehler(
            "zweck", "§ 27 Abs. 1 JVG (R-27-1): Den Zweck angeben (Sicherung des Vollzugs).", "zweck_fehlt"
        )
    return _zugriff(art=Zugriffsart.ED_ANSICHT, objekt=massnahme, durch=durch, verdacht=_text(zweck))


def ed_weitergeben(*, massnahme: EDMassnahme, empfaenger: str, zweck: str, durch) -> Inhaltszugriff:
    """R-27-2 (§ 27 Abs. 2): results go to the police for police tasks (in particular a search); every
    disclosure is logged with recipient, purpose and date."""
    berechtigung_pruefen(
        darf_ed_verwalten(durch, massnahme),
        "ED-Unterlagen weitergeben (nur Anstaltsleitung, § 27 Abs. 2 JVG)",
    )
    fehler = {}
    if not _text(empfaenger):
        fehler["empfaenger"] = [
            ValidationError(
                "§ 27 Abs. 2 JVG (R-27-2): Die empfangende Polizeistelle angeben.", code="empfaenger_fehlt"
            )
        ]
    if not _text(zweck):
        fehler["zweck"] = [
            ValidationError(
                "§ 27 Abs. 2 JVG (R-27-2): Den polizeilichen Zweck angeben (z. B. Fahndung).",
                code="zweck_fehlt",
            )
        ]
    if fehler:
        raise ValidationError(fehler)
    return _zugriff(
        art=Zugriffsart.ED_WEITERGABE,
        objekt=massnahme,
        durch=durch,
        empfaenger=_text(empfaenger)[:150],
        verdacht=_text(zweck),
    )


# --- Checking an access before the content is streamed ---------------------------------------------


def zugriff_fuer_inhalt(*, zugriff_id: int, user):
    """The object whose content `user` may stream now under the access row `zugriff_id`, or None: the
    access is the user's own, younger than `recht.ZUGRIFF_GUELTIG`, the object still exists and the
    user is still the management of its facility. Everything else answers 404 in the view."""
    zugriff = Inhaltszugriff.objects.filter(pk=zugriff_id, benutzer=user).first()
    if zugriff is None or zugriff.zeitpunkt + recht.ZUGRIFF_GUELTIG < timezone.now():
        return None, None
    modell = {
        Objektart.TELEFON: Telefonaufzeichnung,
        Objektart.VIDEO: Videoaufzeichnung,
        Objektart.ED: EDMassnahme,
    }[zugriff.objektart]
    objekt = modell.objects.filter(pk=zugriff.objekt_id).first()
    if objekt is None:
        return zugriff, None
    erlaubt = (
        darf_ed_verwalten(user, objekt) if modell is EDMassnahme else ist_leitung(user, objekt.anstalt_id)
    )
    return zugriff, (objekt if erlaubt else None)


def anstalten_mit_zonen(user):
    return (
        Anstalt.objects.filter(pk=user.anstalt_id)
        if hat_rolle(user, Rolle.ANSTALTSLEITUNG)
        else Anstalt.objects.none()
    )
