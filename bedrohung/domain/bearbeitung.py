"""The team's work on a report (R-BM-2): structured assessment, contact person, measures with owner
and deadline, interdisciplinary case conferences, closing."""

from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from bedrohung.domain._pruefen import (
    _fehler,
    _in_bearbeitung,
    _ist_datum,
    _offen_pruefen,
    _sperren,
    _team_pruefen,
    _text,
    _zeitpunkt_pruefen,
)
from bedrohung.models import (
    Bedrohungsmeldung,
    Einschaetzung,
    Fallkonferenz,
    Massnahme,
)
from bedrohung.permissions import ist_team
from bedrohung.recht import Massnahmenart, Meldungsstatus, Risikostufe, Stelle
from kern.audit import speichern


@dataclass(frozen=True)
class MassnahmeDaten:
    art: str
    beschreibung: str
    verantwortlich: object  # a team member (Benutzer)
    frist: date


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
