"""Every write of the threat management goes through one function here (STYLE §2).

Programme «Sicherheit im sozialen Nahraum», points 14 and 15: staff report threats (R-BM-1, any staff
member), the threat-management team assesses them with a structured checklist, names a contact person,
decides measures with owners and deadlines and holds interdisciplinary case conferences (R-BM-2). The
data stay separate from the Vollzug files (R-BM-3): visibility is `bedrohung.queries`, reads go to the
team's own access log (`zugriff_protokollieren`), and closed cases are deleted after the retention
period with a content-free record (`aufbewahrung_durchsetzen`).

Each function checks permission (PermissionDenied), validates with German messages naming the rule
(ValidationError keyed by parameter), saves with history and actor (`kern.audit.speichern`) and
runs in one transaction; the report row is locked where two team members could race.
"""

import logging
import os
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from bedrohung.enums import Kanal, Massnahmenart, Meldungsstatus, Risikostufe, Stelle, Urheberart, Zugriffsart
from bedrohung.models import (
    Ansprechperson,
    Bedrohungsmeldung,
    Einschaetzung,
    Fallkonferenz,
    Loeschprotokoll,
    Massnahme,
    Meldungsbeilage,
    Merkblatt,
    Zugriff,
)
from bedrohung.queries import darf_melden, ist_team, loeschung_faellig, meldungen_fuer_user
from kern import fristen, jobs
from kern.audit import naechste_nummer, speichern, system_benutzer
from kern.audit_kette import historie_vernichten
from kern.dateien import datei_sha256
from kern.rollen import Rolle, berechtigung_pruefen, hat_rolle

log = logging.getLogger(__name__)

__all__ = [
    "BeilageDaten",
    "MassnahmeDaten",
    "RECHTSGRUNDLAGE_LOESCHUNG",
    "ansprechperson_speichern",
    "ansprechperson_zuweisen",
    "aufbewahrung_durchsetzen",
    "beilage_hinzufuegen",
    "disziplinarrapport_anlegen",
    "einschaetzung_erfassen",
    "konferenz_erfassen",
    "massnahme_erfassen",
    "massnahme_erledigen",
    "meldung_abschliessen",
    "meldung_erfassen",
    "merkblatt_speichern",
    "zugriff_protokollieren",
]

RECHTSGRUNDLAGE_LOESCHUNG = "Programm Sicherheit im sozialen Nahraum, Pkt. 14–15; Aufbewahrung 5 Jahre (JVG_BEDROHUNG_AUFBEWAHRUNG_JAHRE)"


@dataclass(frozen=True)
class BeilageDaten:
    titel: str
    datei: UploadedFile = field(repr=False)


@dataclass(frozen=True)
class MassnahmeDaten:
    art: str
    beschreibung: str
    verantwortlich: object  # a team member (Benutzer)
    frist: date


def _fehler(feld: str, meldung: str, code: str) -> ValidationError:
    return ValidationError({feld: ValidationError(meldung, code=code)})


def _text(wert) -> str:
    return (wert or "").strip() if isinstance(wert, str) or wert is None else str(wert).strip()


def _ist_datum(wert) -> bool:
    return isinstance(wert, date) and not isinstance(wert, datetime)


def _zeitpunkt_pruefen(feld: str, wert, jetzt: datetime, was: str, regel: str) -> None:
    if not isinstance(wert, datetime) or timezone.is_naive(wert):
        raise _fehler(feld, f"{regel}: {was} mit Datum und Uhrzeit angeben.", "zeitpunkt_ungueltig")
    if wert.year < 1900:
        raise _fehler(feld, "R-0-BAD-1: Der Zeitpunkt liegt vor 1900.", "zu_frueh")
    if wert > jetzt:
        raise _fehler(feld, f"{regel}: {was} kann nicht in der Zukunft liegen.", "zukunft")


def _team_pruefen(durch, was: str) -> None:
    berechtigung_pruefen(ist_team(durch), f"{was} (nur Bedrohungsmanagement, R-BM-3)")


def _sperren(meldung: Bedrohungsmeldung) -> Bedrohungsmeldung:
    """Lock the report row and bring the caller's instance up to date (two team members may act at once)."""
    gesperrt = Bedrohungsmeldung.objects.select_for_update().get(pk=meldung.pk)
    for f in Bedrohungsmeldung._meta.concrete_fields:
        setattr(meldung, f.attname, getattr(gesperrt, f.attname))
    return meldung


def _offen_pruefen(meldung: Bedrohungsmeldung) -> None:
    if meldung.status == Meldungsstatus.ABGESCHLOSSEN:
        raise ValidationError(
            f"R-BM-2: Die Meldung {meldung.nummer} ist abgeschlossen; sie kann nicht mehr bearbeitet werden.",
            code="abgeschlossen",
        )


def _in_bearbeitung(meldung: Bedrohungsmeldung, durch, grund: str) -> None:
    """The team took up the case: neu → in_bearbeitung (saved with history)."""
    if meldung.status == Meldungsstatus.NEU:
        meldung.status = Meldungsstatus.IN_BEARBEITUNG
        speichern(meldung, durch=durch, grund=grund, felder=["status"])


# --- Report (R-BM-1) ------------------------------------------------------------------------------


@transaction.atomic
def meldung_erfassen(
    *,
    vorfall_am: datetime,
    ort: str,
    kanal: str,
    wortlaut: str,
    urheber_art: str,
    betroffene: str,
    anstalt=None,
    urheber_person=None,
    urheber_beschreibung: str = "",
    zeugen: str = "",
    sofortbedarf: str = "",
    beilagen=(),
    durch,
) -> Bedrohungsmeldung:
    """R-BM-1: a staff member reports a threat. Steps: permission (any staff role); time (aware, not in
    the future); place, channel, wording, threatening person (an inmate may be named only if the reporter
    may see that person), threatened persons; number BM-YYYY-NNNNN; save with history; attachments.
    The facility defaults to the reporter's own."""
    berechtigung_pruefen(darf_melden(durch), "Bedrohung melden (R-BM-1)")
    jetzt = timezone.now()
    fehler: dict[str, ValidationError] = {}
    try:
        _zeitpunkt_pruefen("vorfall_am", vorfall_am, jetzt, "Der Zeitpunkt der Drohung", "R-BM-1")
    except ValidationError as exc:
        fehler.update(exc.error_dict)
    if not _text(ort):
        fehler["ort"] = [ValidationError("R-BM-1: Den Ort der Drohung angeben.", code="ort_fehlt")]
    if kanal not in Kanal.values:
        fehler["kanal"] = [
            ValidationError(
                "R-BM-1: Kanal ist persönlich, Telefon, Brief, E-Mail, soziale Medien oder anderer Kanal.",
                code="kanal_ungueltig",
            )
        ]
    if not _text(wortlaut):
        fehler["wortlaut"] = [
            ValidationError("R-BM-1: Den Wortlaut oder das Verhalten beschreiben.", code="wortlaut_fehlt")
        ]
    if not _text(betroffene):
        fehler["betroffene"] = [
            ValidationError("R-BM-1: Angeben, wer bedroht wurde.", code="betroffene_fehlen")
        ]
    if urheber_art not in Urheberart.values:
        fehler["urheber_art"] = [
            ValidationError(
                "R-BM-1: Die drohende Person ist eine eingewiesene Person, ein Besucher/eine Besucherin, "
                "eine externe Person oder unbekannt.",
                code="urheber_ungueltig",
            )
        ]
    elif urheber_person is not None:
        if urheber_art != Urheberart.INSASSE:
            fehler["urheber_person"] = [
                ValidationError(
                    "R-BM-1: Eine Person des Vollzugs kann nur bei einer Drohung durch eine eingewiesene "
                    "Person angegeben werden.",
                    code="person_nur_insasse",
                )
            ]
        else:
            from vollzug.queries import personen_fuer_user

            if (
                not personen_fuer_user(durch)
                .filter(pk=getattr(urheber_person, "pk", urheber_person))
                .exists()
            ):
                fehler["urheber_person"] = [
                    ValidationError(
                        "R-BM-1: Diese Person ist nicht in Ihrer Sicht; die drohende Person stattdessen "
                        "beschreiben.",
                        code="person_unbekannt",
                    )
                ]
    if (
        urheber_art in Urheberart.values
        and urheber_art != Urheberart.UNBEKANNT
        and urheber_person is None
        and not _text(urheber_beschreibung)
    ):
        fehler["urheber_beschreibung"] = [
            ValidationError(
                "R-BM-1: Die drohende Person beschreiben (Name, Funktion, Merkmale) oder «unbekannt» wählen.",
                code="urheber_beschreibung_fehlt",
            )
        ]
    if fehler:
        raise ValidationError(fehler)
    if anstalt is None:
        anstalt = getattr(durch, "anstalt", None)
    jahr = timezone.localdate(jetzt).year
    meldung = speichern(
        Bedrohungsmeldung(
            nummer=f"BM-{jahr}-{naechste_nummer(f'bedrohung-{jahr}'):05d}",
            gemeldet_durch=durch,
            gemeldet_am=jetzt,
            vorfall_am=vorfall_am,
            ort=_text(ort),
            anstalt=anstalt,
            kanal=kanal,
            wortlaut=_text(wortlaut),
            urheber_art=urheber_art,
            urheber_person_id=getattr(urheber_person, "pk", urheber_person),
            urheber_beschreibung=_text(urheber_beschreibung),
            betroffene=_text(betroffene),
            zeugen=_text(zeugen),
            sofortbedarf=_text(sofortbedarf),
        ),
        durch=durch,
        grund="Bedrohung gemeldet (R-BM-1)",
    )
    for i, b in enumerate(beilagen):
        try:
            beilage_hinzufuegen(meldung=meldung, titel=b.titel, datei=b.datei, durch=durch)
        except ValidationError as exc:
            raise ValidationError(
                {f"beilagen[{i}].{k}": v for k, v in exc.error_dict.items()}
                if hasattr(exc, "error_dict")
                else {f"beilagen[{i}]": exc.error_list}
            ) from exc
    return meldung


@transaction.atomic
def beilage_hinzufuegen(
    *, meldung: Bedrohungsmeldung, titel: str, datei: UploadedFile, durch
) -> Meldungsbeilage:
    """R-BM-1: evidence (screenshot, letter, recording) by the reporter or the team; the SHA-256 fixes the
    file as received. Not on a closed report."""
    berechtigung_pruefen(
        meldungen_fuer_user(durch).filter(pk=meldung.pk).exists(), "Beilage hinzufügen (R-BM-3)"
    )
    _sperren(meldung)
    _offen_pruefen(meldung)
    if not _text(titel):
        raise _fehler("titel", "R-BM-1: Titel der Beilage angeben.", "titel_fehlt")
    if datei is None or not getattr(datei, "name", ""):
        raise _fehler("datei", "R-BM-1: Eine Datei auswählen.", "datei_fehlt")
    return speichern(
        Meldungsbeilage(
            meldung=meldung,
            titel=_text(titel)[:150],
            datei=datei,
            sha256=datei_sha256(datei),
            hochgeladen_durch=durch,
        ),
        durch=durch,
        grund="Beilage zur Bedrohungsmeldung (R-BM-1)",
    )


@transaction.atomic
def disziplinarrapport_anlegen(*, meldung: Bedrohungsmeldung, durch, sachverhalt: str = ""):
    """R-BM-1: a threat by an inmate against staff opens a disciplinary report under § 40 Abs. 2 lit. c JVG.

    Linked, not copied: the Rapport refers to the report's number (unless `sachverhalt` is given, the facts
    say only that); the wording and the threatened persons stay in the threat report (R-BM-3). The report
    is written by staff of the facility where the person is placed now (`disziplinar.services.darf_rapportieren`,
    checked again by `rapport_erfassen`). Once per report.
    """
    from disziplinar import services as disziplinar_services
    from vollzug.models import Vollzugsfall

    berechtigung_pruefen(
        meldungen_fuer_user(durch).filter(pk=meldung.pk).exists(), "Disziplinarrapport anlegen (R-BM-3)"
    )
    _sperren(meldung)
    if meldung.disziplinar_rapport_id is not None:
        raise _fehler(
            "disziplinar_rapport",
            f"R-BM-1: Zur Meldung {meldung.nummer} besteht bereits ein Disziplinarrapport.",
            "rapport_besteht",
        )
    if meldung.urheber_art != Urheberart.INSASSE or meldung.urheber_person_id is None:
        raise _fehler(
            "urheber_person",
            "R-BM-1 (§ 40 Abs. 2 lit. c JVG): Ein Disziplinarrapport ist nur bei einer Drohung durch eine "
            "namentlich bekannte eingewiesene Person möglich.",
            "kein_insasse",
        )
    berechtigung_pruefen(
        hat_rolle(durch, Rolle.ANSTALTSPERSONAL, Rolle.ANSTALTSLEITUNG) and durch.anstalt_id is not None,
        "Rapport erfassen (Personal der Einrichtung, R-40-1)",
    )
    fall = (
        Vollzugsfall.objects.filter(
            person_id=meldung.urheber_person_id,
            platzierungen__bis__isnull=True,
            platzierungen__anstalt_id=durch.anstalt_id,
        )
        .order_by("-pk")
        .first()
    )
    if fall is None:
        raise _fehler(
            "urheber_person",
            "R-BM-1 (§ 40 JVG): Die Person ist nicht in Ihrer Einrichtung platziert; den Rapport erstellt "
            "die Einrichtung, in der sie sich befindet.",
            "nicht_platziert",
        )
    text = _text(sachverhalt) or (
        f"Drohung gegen Mitarbeitende gemäss Bedrohungsmeldung {meldung.nummer} "
        f"(§ 40 Abs. 2 lit. c JVG). Einzelheiten beim Bedrohungsmanagement."
    )
    rapport = disziplinar_services.rapport_erfassen(
        fall=fall,
        tatzeit=meldung.vorfall_am,
        sachverhalt=text,
        delikte=[disziplinar_services.DeliktDaten(tatbestand="c")],
        zeugen=meldung.zeugen,
        durch=durch,
    )
    meldung.disziplinar_rapport = rapport
    speichern(
        meldung,
        durch=durch,
        grund="Disziplinarrapport § 40 Abs. 2 lit. c JVG verknüpft (R-BM-1)",
        felder=["disziplinar_rapport"],
    )
    return rapport


# --- Assessment and case management (R-BM-2, team only) --------------------------------------------


@transaction.atomic
def einschaetzung_erfassen(
    *,
    meldung: Bedrohungsmeldung,
    risikostufe: str,
    begruendung: str,
    fixierung: bool = False,
    identifikation: bool = False,
    leakage: bool = False,
    letzte_option: bool = False,
    fruehere_gewalt: bool = False,
    waffenzugang: bool = False,
    eskalation: bool = False,
    weitere_hinweise: str = "",
    durch,
) -> Einschaetzung:
    """R-BM-2: a structured risk assessment (warning behaviours) with its reasoning. Each (re-)assessment
    is a new row; the report carries the latest risk level and moves from neu to in Bearbeitung."""
    _team_pruefen(durch, "Risikoeinschätzung erfassen")
    _sperren(meldung)
    _offen_pruefen(meldung)
    fehler = {}
    if risikostufe not in Risikostufe.values:
        fehler["risikostufe"] = [
            ValidationError("R-BM-2: Risikostufe ist gering, mittel, hoch oder akut.", code="stufe_ungueltig")
        ]
    if not _text(begruendung):
        fehler["begruendung"] = [
            ValidationError("R-BM-2: Die Einschätzung begründen.", code="begruendung_fehlt")
        ]
    if fehler:
        raise ValidationError(fehler)
    einschaetzung = speichern(
        Einschaetzung(
            meldung=meldung,
            erstellt_am=timezone.now(),
            erstellt_durch=durch,
            fixierung=bool(fixierung),
            identifikation=bool(identifikation),
            leakage=bool(leakage),
            letzte_option=bool(letzte_option),
            fruehere_gewalt=bool(fruehere_gewalt),
            waffenzugang=bool(waffenzugang),
            eskalation=bool(eskalation),
            weitere_hinweise=_text(weitere_hinweise),
            risikostufe=risikostufe,
            begruendung=_text(begruendung),
        ),
        durch=durch,
        grund="Risikoeinschätzung (R-BM-2)",
    )
    felder = ["risikostufe"]
    meldung.risikostufe = risikostufe
    if meldung.status == Meldungsstatus.NEU:
        meldung.status = Meldungsstatus.IN_BEARBEITUNG
        felder.append("status")
    speichern(meldung, durch=durch, grund="Risikoeinschätzung (R-BM-2)", felder=felder)
    return einschaetzung


def _teammitglied_pruefen(feld: str, user, was: str) -> None:
    if user is None or not ist_team(user):
        raise _fehler(
            feld,
            f"R-BM-2: {was} muss ein aktives Mitglied des Bedrohungsmanagements sein (R-BM-3: nur das Team "
            "sieht die Meldung).",
            "kein_teammitglied",
        )


@transaction.atomic
def ansprechperson_zuweisen(*, meldung: Bedrohungsmeldung, ansprechperson, durch) -> Bedrohungsmeldung:
    """R-BM-2: the responsible contact person of the case, a member of the team."""
    _team_pruefen(durch, "Ansprechperson zuweisen")
    _sperren(meldung)
    _offen_pruefen(meldung)
    _teammitglied_pruefen("ansprechperson", ansprechperson, "Die Ansprechperson")
    meldung.ansprechperson = ansprechperson
    felder = ["ansprechperson"]
    if meldung.status == Meldungsstatus.NEU:
        meldung.status = Meldungsstatus.IN_BEARBEITUNG
        felder.append("status")
    return speichern(meldung, durch=durch, grund="Ansprechperson zugewiesen (R-BM-2)", felder=felder)


def _massnahme_pruefen(
    art, beschreibung, verantwortlich, frist, heute: date, praefix: str = ""
) -> dict[str, list[ValidationError]]:
    fehler: dict[str, list[ValidationError]] = {}
    if art not in Massnahmenart.values:
        fehler[f"{praefix}art"] = [
            ValidationError("R-BM-2: Unbekannte Art der Massnahme.", code="art_ungueltig")
        ]
    if not _text(beschreibung):
        fehler[f"{praefix}beschreibung"] = [
            ValidationError("R-BM-2: Die Massnahme beschreiben.", code="beschreibung_fehlt")
        ]
    try:
        _teammitglied_pruefen(f"{praefix}verantwortlich", verantwortlich, "Verantwortlich")
    except ValidationError as exc:
        fehler.update(exc.error_dict)
    if not _ist_datum(frist):
        fehler[f"{praefix}frist"] = [
            ValidationError("R-BM-2: Die Frist als Datum angeben.", code="frist_ungueltig")
        ]
    elif frist < heute:
        fehler[f"{praefix}frist"] = [
            ValidationError(
                f"R-BM-2: Die Frist ({frist:%d.%m.%Y}) liegt in der Vergangenheit.", code="frist_vergangen"
            )
        ]
    return fehler


@transaction.atomic
def massnahme_erfassen(
    *,
    meldung: Bedrohungsmeldung,
    art: str,
    beschreibung: str,
    verantwortlich,
    frist: date,
    konferenz: Fallkonferenz | None = None,
    durch,
) -> Massnahme:
    """R-BM-2: a measure with its owner (a team member) and deadline (Fristenkontrolle, team only)."""
    _team_pruefen(durch, "Massnahme erfassen")
    _sperren(meldung)
    _offen_pruefen(meldung)
    fehler = _massnahme_pruefen(art, beschreibung, verantwortlich, frist, timezone.localdate())
    if konferenz is not None and konferenz.meldung_id != meldung.pk:
        fehler["konferenz"] = [
            ValidationError(
                "R-BM-2: Die Fallkonferenz gehört zu einer anderen Meldung.", code="konferenz_fremd"
            )
        ]
    if fehler:
        raise ValidationError(fehler)
    massnahme = speichern(
        Massnahme(
            meldung=meldung,
            konferenz=konferenz,
            art=art,
            beschreibung=_text(beschreibung),
            verantwortlich=verantwortlich,
            frist=frist,
            erfasst_durch=durch,
        ),
        durch=durch,
        grund="Massnahme (R-BM-2)",
    )
    _in_bearbeitung(meldung, durch, "Massnahme erfasst (R-BM-2)")
    return massnahme


@transaction.atomic
def massnahme_erledigen(*, massnahme: Massnahme, bemerkung: str = "", durch) -> Massnahme:
    """R-BM-2: a measure is done (leaves the Fristenkontrolle)."""
    _team_pruefen(durch, "Massnahme erledigen")
    meldung = _sperren(massnahme.meldung)
    _offen_pruefen(meldung)
    massnahme = Massnahme.objects.select_for_update().get(pk=massnahme.pk)
    if massnahme.erledigt_am is not None:
        raise ValidationError(
            f"R-BM-2: Die Massnahme ist seit {timezone.localtime(massnahme.erledigt_am):%d.%m.%Y %H:%M} erledigt.",
            code="bereits_erledigt",
        )
    massnahme.erledigt_am = timezone.now()
    massnahme.erledigt_bemerkung = _text(bemerkung)
    return speichern(
        massnahme,
        durch=durch,
        grund="Massnahme erledigt (R-BM-2)",
        felder=["erledigt_am", "erledigt_bemerkung"],
    )


@transaction.atomic
def konferenz_erfassen(
    *,
    meldung: Bedrohungsmeldung,
    datum: datetime,
    stellen: list[str],
    teilnehmende: str,
    beschluesse: str,
    folgeauftraege=(),
    durch,
) -> Fallkonferenz:
    """R-BM-2: an interdisciplinary case conference (programme point 15): when, which agencies (police,
    prosecution, KESB, forensic psychiatry …), who took part, what was decided, and follow-ups with owner
    and deadline (`MassnahmeDaten`, shown in the Fristenkontrolle). Recorded after it took place."""
    _team_pruefen(durch, "Fallkonferenz erfassen")
    _sperren(meldung)
    _offen_pruefen(meldung)
    jetzt = timezone.now()
    fehler: dict[str, list[ValidationError]] = {}
    try:
        _zeitpunkt_pruefen("datum", datum, jetzt, "Das Datum der Fallkonferenz", "R-BM-2")
        if datum < meldung.vorfall_am:
            raise _fehler("datum", "R-BM-2: Die Fallkonferenz liegt vor der Drohung.", "vor_vorfall")
    except ValidationError as exc:
        fehler.update(exc.error_dict)
    stellen = list(stellen or [])
    if not stellen:
        fehler["stellen"] = [
            ValidationError("R-BM-2: Mindestens eine beteiligte Stelle angeben.", code="stellen_fehlen")
        ]
    elif any(s not in Stelle.values for s in stellen):
        fehler["stellen"] = [
            ValidationError("R-BM-2: Unbekannte beteiligte Stelle.", code="stelle_ungueltig")
        ]
    if not _text(teilnehmende):
        fehler["teilnehmende"] = [
            ValidationError("R-BM-2: Die Teilnehmenden angeben.", code="teilnehmende_fehlen")
        ]
    if not _text(beschluesse):
        fehler["beschluesse"] = [
            ValidationError("R-BM-2: Die Beschlüsse festhalten.", code="beschluesse_fehlen")
        ]
    heute = timezone.localdate()
    folgeauftraege = list(folgeauftraege or [])
    for i, f in enumerate(folgeauftraege):
        fehler.update(
            _massnahme_pruefen(
                f.art, f.beschreibung, f.verantwortlich, f.frist, heute, praefix=f"folgeauftraege[{i}]."
            )
        )
    if fehler:
        raise ValidationError(fehler)
    konferenz = speichern(
        Fallkonferenz(
            meldung=meldung,
            datum=datum,
            stellen=list(dict.fromkeys(stellen)),
            teilnehmende=_text(teilnehmende),
            beschluesse=_text(beschluesse),
            erfasst_durch=durch,
        ),
        durch=durch,
        grund="Fallkonferenz (R-BM-2)",
    )
    for f in folgeauftraege:
        speichern(
            Massnahme(
                meldung=meldung,
                konferenz=konferenz,
                art=f.art,
                beschreibung=_text(f.beschreibung),
                verantwortlich=f.verantwortlich,
                frist=f.frist,
                erfasst_durch=durch,
            ),
            durch=durch,
            grund="Folgeauftrag der Fallkonferenz (R-BM-2)",
        )
    _in_bearbeitung(meldung, durch, "Fallkonferenz (R-BM-2)")
    return konferenz


@transaction.atomic
def meldung_abschliessen(*, meldung: Bedrohungsmeldung, bemerkung: str, durch) -> Bedrohungsmeldung:
    """R-BM-2: the team closes a case that was assessed and whose measures are all done. From the closing
    date the retention period of R-BM-3 runs (`aufbewahrung_durchsetzen`)."""
    _team_pruefen(durch, "Meldung abschliessen")
    _sperren(meldung)
    _offen_pruefen(meldung)
    if not Einschaetzung.objects.filter(meldung=meldung).exists():
        raise ValidationError(
            "R-BM-2: Vor dem Abschluss ist mindestens eine Risikoeinschätzung zu erfassen.",
            code="einschaetzung_fehlt",
        )
    offen = Massnahme.objects.filter(meldung=meldung, erledigt_am__isnull=True).count()
    if offen:
        raise ValidationError(
            f"R-BM-2: {offen} Massnahme{'' if offen == 1 else 'n'} noch offen; zuerst erledigen.",
            code="massnahmen_offen",
        )
    if not _text(bemerkung):
        raise _fehler("bemerkung", "R-BM-2: Den Abschluss kurz begründen.", "bemerkung_fehlt")
    meldung.status = Meldungsstatus.ABGESCHLOSSEN
    meldung.abgeschlossen_am = timezone.now()
    meldung.abschluss_bemerkung = _text(bemerkung)
    return speichern(
        meldung,
        durch=durch,
        grund="Meldung abgeschlossen (R-BM-2)",
        felder=["status", "abgeschlossen_am", "abschluss_bemerkung"],
    )


# --- Access log (R-BM-3) ---------------------------------------------------------------------------


def zugriff_protokollieren(
    *, user, aktion: str, meldung: Bedrohungsmeldung | None = None, kanal: str = "web"
) -> Zugriff:
    """R-BM-3: the team's own access log: who read which report (by number), how, when. Append-only;
    list views pass no report (one row per list view)."""
    if aktion not in Zugriffsart.values:
        raise ValueError(f"Unbekannte Zugriffsart {aktion!r}.")
    return Zugriff.objects.create(
        benutzer=user,
        meldung_nummer=meldung.nummer if meldung is not None else "",
        aktion=aktion,
        kanal=kanal,
    )


# --- Information material (programme point 14, team only) ------------------------------------------


@transaction.atomic
def merkblatt_speichern(
    *, titel: str, inhalt: str, reihenfolge: int = 0, merkblatt: Merkblatt | None = None, durch
) -> Merkblatt:
    """Programme point 14: guidance for staff (recognise, report, protect oneself), edited by the team."""
    _team_pruefen(durch, "Merkblatt bearbeiten")
    fehler = {}
    if not _text(titel):
        fehler["titel"] = [ValidationError("Titel des Merkblatts angeben.", code="titel_fehlt")]
    elif len(_text(titel)) > 150:
        fehler["titel"] = [ValidationError("R-0-BAD-1: Titel höchstens 150 Zeichen.", code="titel_zu_lang")]
    if not _text(inhalt):
        fehler["inhalt"] = [ValidationError("Inhalt des Merkblatts angeben.", code="inhalt_fehlt")]
    if not isinstance(reihenfolge, int) or isinstance(reihenfolge, bool) or not 0 <= reihenfolge <= 32767:
        fehler["reihenfolge"] = [
            ValidationError("R-0-BAD-1: Reihenfolge ist eine ganze Zahl von 0 bis 32767.", code="reihenfolge")
        ]
    if fehler:
        raise ValidationError(fehler)
    neu = merkblatt is None
    merkblatt = Merkblatt() if neu else Merkblatt.objects.select_for_update().get(pk=merkblatt.pk)
    merkblatt.titel, merkblatt.inhalt, merkblatt.reihenfolge = _text(titel), _text(inhalt), reihenfolge
    return speichern(merkblatt, durch=durch, grund="Merkblatt erfasst" if neu else "Merkblatt geändert")


@transaction.atomic
def ansprechperson_speichern(
    *,
    name: str,
    abteilung: str,
    telefon: str = "",
    email: str = "",
    geschult_am: date | None = None,
    aktiv: bool = True,
    ansprechperson: Ansprechperson | None = None,
    durch,
) -> Ansprechperson:
    """Programme point 14: the list of trained contact persons per department, maintained by the team."""
    _team_pruefen(durch, "Ansprechpersonen bearbeiten")
    fehler = {}
    if not _text(name):
        fehler["name"] = [ValidationError("Namen der Ansprechperson angeben.", code="name_fehlt")]
    if not _text(abteilung):
        fehler["abteilung"] = [ValidationError("Abteilung oder Einrichtung angeben.", code="abteilung_fehlt")]
    if geschult_am is not None:
        if not _ist_datum(geschult_am):
            fehler["geschult_am"] = [ValidationError("R-0-BAD-1: Datum der Schulung angeben.", code="datum")]
        elif geschult_am > timezone.localdate():
            fehler["geschult_am"] = [
                ValidationError("Das Datum der Schulung liegt in der Zukunft.", code="geschult_zukunft")
            ]
    if fehler:
        raise ValidationError(fehler)
    neu = ansprechperson is None
    ap = Ansprechperson() if neu else Ansprechperson.objects.select_for_update().get(pk=ansprechperson.pk)
    ap.name, ap.abteilung = _text(name), _text(abteilung)
    ap.telefon, ap.email = _text(telefon), _text(email)
    ap.geschult_am, ap.aktiv = geschult_am, bool(aktiv)
    # full_clean in `speichern` checks lengths and the e-mail address (field messages, R-0-BAD-1).
    return speichern(ap, durch=durch, grund="Ansprechperson erfasst" if neu else "Ansprechperson geändert")


# --- Retention (R-BM-3) ----------------------------------------------------------------------------


def _datei_entfernen(datei) -> None:
    """Delete an attachment's file (a missing file is fine: an earlier, interrupted run removed it) and
    the report's then empty folder on a file-system storage."""
    if not datei:
        return
    storage, name = datei.storage, datei.name
    storage.delete(name)
    try:
        ordner = os.path.dirname(storage.path(name))
        if os.path.isdir(ordner) and not os.listdir(ordner):
            os.rmdir(ordner)
    except (NotImplementedError, OSError):
        pass


def _meldung_loeschen(pk: int, heute: date, job, job_lauf: str) -> bool:
    """One report, atomically: files, rows (CASCADE), every history row of the report and its children,
    and the content-free record. Files go first: if the transaction fails after that, the report is still
    due and the next run finishes it; never the other way round (rows gone, files left without a trace)."""
    with transaction.atomic():
        meldung = jobs.gesperrt(loeschung_faellig(heute).filter(pk=pk)).first()
        if meldung is None:  # deleted meanwhile, reopened, or being deleted by a concurrent run
            return False
        beilagen = list(Meldungsbeilage.objects.filter(meldung_id=pk))
        for b in beilagen:
            _datei_entfernen(b.datei)
        protokoll = Loeschprotokoll(
            meldung_nummer=meldung.nummer,
            gemeldet_am=fristen.lokales_datum(meldung.gemeldet_am),
            abgeschlossen_am=fristen.lokales_datum(meldung.abgeschlossen_am),
            geloescht_am=timezone.now(),
            job_lauf=job_lauf[:60],
            anzahl_beilagen=len(beilagen),
            rechtsgrundlage=RECHTSGRUNDLAGE_LOESCHUNG,
        )
        meldung._history_user = job
        meldung.delete()  # CASCADE: attachments, assessments, conferences, measures
        # PITFALLS (simple-history): the deletion wrote '-' rows holding the full content, and the
        # earlier rows hold it too. Remove every history row of the report and of its children; by the
        # report's id, so rows of children deleted earlier go as well.
        # Issue 18: through the one destruction path (content-free record per history row).
        historie_vernichten(Bedrohungsmeldung.history.filter(id=pk), grund=RECHTSGRUNDLAGE_LOESCHUNG)
        for modell in (Meldungsbeilage, Einschaetzung, Fallkonferenz, Massnahme):
            historie_vernichten(modell.history.filter(meldung_id=pk), grund=RECHTSGRUNDLAGE_LOESCHUNG)
        protokoll.full_clean()
        protokoll.save()
    return True


def aufbewahrung_durchsetzen(
    *, heute: date | None = None, batch: int = 200, zeitbudget_s: float = 300
) -> int:
    """R-BM-3: delete closed reports whose retention period (`JVG_BEDROHUNG_AUFBEWAHRUNG_JAHRE` years from
    the local closing date, `jahresfrist`) ended before `heute`, each with a content-free `Loeschprotokoll`.

    On the one batch-job runner (kern.jobs): the job's lock keeps two runs apart; pages ids by primary key
    (`batch` at a time: bounded memory, no cursor held open across writes); each report is deleted in its
    own transaction with its row locked (`skip_locked`), so a worker dying mid-run leaves whole reports
    deleted or untouched and the next run finishes the rest. Idempotent: a second run finds nothing. Stops at the time budget (the task re-queues).
    Returns the number of deleted reports. Actor of the job: the system user "bedrohung-aufbewahrung".
    """
    heute = heute or timezone.localdate()
    job = system_benutzer("bedrohung-aufbewahrung")
    job_lauf = f"bedrohung-aufbewahrung:{timezone.now().isoformat(timespec='seconds')}"
    geloescht = 0
    with jobs.sperre("bedrohung.aufbewahrung_durchsetzen") as frei:
        if not frei:
            log.info("R-BM-3: anderer Lauf aktiv, übersprungen")
            return 0
        budget = jobs.Zeitbudget(zeitbudget_s)
        for pks in jobs.id_seiten(loeschung_faellig(heute), batch=batch, budget=budget):
            for pk in pks:
                if _meldung_loeschen(pk, heute, job, job_lauf):
                    geloescht += 1
                if not budget.uebrig():
                    break
    log.info("R-BM-3: %d Bedrohungsmeldungen nach Ablauf der Aufbewahrung gelöscht (%s)", geloescht, job_lauf)
    return geloescht
