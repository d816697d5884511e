"""Cases (§§ 1, 12, 13 JVG): intake of a case with its decision, sanctions and documents, the expected end,
and the R-13-1 job. Every write goes through one function here (STYLE §2).
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from kern import erweiterungen, rollen
from kern.audit import naechste_nummer, speichern, system_benutzer
from kern.dateien import datei_sha256
from kern.fristen import lokales_datum, monatsfrist
from kern.models import Aufgabe
from kern.rollen import Rolle, berechtigung_pruefen
from vollzug import recht
from vollzug.models import Dokument, Entscheid, Person, Sanktion, Vollzugsfall
from vollzug.recht import FREIHEITSSTRAFEN, Fallstatus, Sanktionsart, VollzugAufgabenart


@dataclass(frozen=True)
class EntscheidDaten:
    art: str
    behoerde: str
    referenz: str
    entscheid_datum: date
    rechtskraft_am: date


@dataclass(frozen=True)
class SanktionDaten:
    art: str
    vollzugsform: str = ""
    dauer_jahre: int = 0
    dauer_monate: int = 0
    dauer_tage: int = 0
    stunden: int = 0
    bemerkung: str = ""


@dataclass(frozen=True)
class DokumentDaten:
    titel: str
    datei: UploadedFile = field(repr=False)


def _pruefe_sanktion(s: SanktionDaten, index: int) -> None:
    """R-1-1: the sanction kinds of §1 with what each needs to be executable."""
    fehler = {}
    if s.art not in Sanktionsart.values:
        fehler["art"] = "Unbekannte Sanktionsart (§ 1 JVG, R-1-1)."
    elif s.art in FREIHEITSSTRAFEN and not (s.dauer_jahre or s.dauer_monate or s.dauer_tage):
        fehler["dauer_tage"] = (
            "§ 1 JVG (R-1-1): Eine Freiheitsstrafe braucht eine Dauer (Jahre, Monate oder Tage)."
        )
    elif s.art == Sanktionsart.GEMEINNUETZIGE_ARBEIT and not s.stunden:
        fehler["stunden"] = "§ 1 Abs. 1 lit. b JVG (R-1-1): Gemeinnützige Arbeit braucht die Anzahl Stunden."
    if s.vollzugsform and s.art not in (Sanktionsart.FREIHEITSSTRAFE, Sanktionsart.ERSATZFREIHEITSSTRAFE):
        fehler["vollzugsform"] = (
            "§ 16 JVG (R-1-1): Eine besondere Vollzugsform gibt es nur für Freiheits- und Ersatzfreiheitsstrafen."
        )
    if s.dauer_monate >= 12:
        fehler["dauer_monate"] = "Monate: höchstens 11 (sonst Jahre angeben)."
    if fehler:
        raise ValidationError({f"sanktionen[{index}].{k}": v for k, v in fehler.items()})


@transaction.atomic
def fall_erfassen(
    *,
    person: Person,
    entscheid: EntscheidDaten,
    sanktionen: list[SanktionDaten],
    dokumente: list[DokumentDaten] = (),
    eingang_am: date | None = None,
    durch,
) -> Vollzugsfall:
    """R-12-1 (§12): open a case from a legally binding judgment or penal order.

    Steps: permission; the decision must be in force (Rechtskraft not in the future) and not yet
    delivered (authority + reference unique); at least one valid sanction; save case, decision,
    sanctions and documents with history; all or nothing.
    """
    berechtigung_pruefen(rollen.darf_fall_erfassen(durch), "Vollzugsfall erfassen")
    heute = timezone.localdate()
    eingang_am = eingang_am or heute
    if eingang_am > heute:
        raise ValidationError(
            {
                "eingang_am": ValidationError(
                    "Der Eingang kann nicht in der Zukunft liegen.", code="eingang_zukunft"
                )
            }
        )
    if entscheid.rechtskraft_am > heute:
        raise ValidationError(
            {
                "rechtskraft_am": ValidationError(
                    "§ 12 JVG (R-12-1): Nur rechtskräftige Entscheide werden vollzogen – "
                    "das Datum der Rechtskraft liegt in der Zukunft.",
                    code="nicht_rechtskraeftig",
                )
            }
        )
    if entscheid.rechtskraft_am < entscheid.entscheid_datum:
        raise ValidationError(
            {
                "rechtskraft_am": ValidationError(
                    "Die Rechtskraft kann nicht vor dem Entscheiddatum eintreten.",
                    code="rechtskraft_vor_entscheid",
                )
            }
        )
    vorhanden = (
        Entscheid.objects.filter(behoerde=entscheid.behoerde, referenz=entscheid.referenz)
        .select_related("fall")
        .first()
    )
    if vorhanden:
        raise ValidationError(
            {
                "referenz": ValidationError(
                    f"§ 12 JVG (R-12-1): Dieser Entscheid ist bereits im Fall {vorhanden.fall.fallnummer} erfasst.",
                    code="entscheid_doppelt",
                )
            }
        )
    if not sanktionen:
        raise ValidationError(
            {
                "sanktionen": ValidationError(
                    "§ 12 JVG (R-12-1): Mindestens eine Sanktion angeben.", code="keine_sanktion"
                )
            }
        )
    for i, s in enumerate(sanktionen):
        _pruefe_sanktion(s, i)

    fall = Vollzugsfall(
        fallnummer=f"VF-{eingang_am.year}-{naechste_nummer(f'fall-{eingang_am.year}'):05d}",
        person=person,
        eingang_am=eingang_am,
        erfasst_durch=durch,
    )
    speichern(fall, durch=durch, grund="Fall erfasst (§ 12 JVG)")
    try:
        with transaction.atomic():
            ent = speichern(
                Entscheid(fall=fall, **entscheid.__dict__),
                durch=durch,
                grund="Entscheid zugestellt (§ 12 JVG)",
            )
    except IntegrityError as exc:
        # A concurrent delivery of the same decision won the race (constraint entscheid_behoerde_referenz_eindeutig).
        raise ValidationError(
            {
                "referenz": ValidationError(
                    "§ 12 JVG (R-12-1): Dieser Entscheid ist bereits erfasst.", code="entscheid_doppelt"
                )
            }
        ) from exc
    for s in sanktionen:
        speichern(Sanktion(entscheid=ent, **s.__dict__), durch=durch)
    for d in dokumente:
        dokument_hinzufuegen(fall=fall, titel=d.titel, datei=d.datei, durch=durch)
    return fall


def dokument_hinzufuegen(*, fall: Vollzugsfall, titel: str, datei: UploadedFile, durch) -> Dokument:
    berechtigung_pruefen(rollen.darf_fall_erfassen(durch), "Dokument ablegen")
    return speichern(
        Dokument(fall=fall, titel=titel, datei=datei, sha256=datei_sha256(datei), hochgeladen_durch=durch),
        durch=durch,
    )


@transaction.atomic
def ersatzfreiheitsstrafe_anpassen(*, sanktion: Sanktion, dauer_tage: int, grund: str, durch) -> Sanktion:
    """Art. 36 Abs. 1 StGB (issue 22): a payment after the conversion of a Geldstrafe or Busse reduces
    the Ersatzfreiheitsstrafe, also during execution. Only reduces, only this kind of sanction; 0 days =
    fully paid. History names the actor and the reason; whoever computes the case's dates (Vollzugsdaten)
    reads the current sanctions."""
    berechtigung_pruefen(rollen.hat_rolle(durch, Rolle.SACHBEARBEITUNG), "Ersatzfreiheitsstrafe anpassen")
    s = Sanktion.objects.select_for_update().get(pk=sanktion.pk)
    if s.art != Sanktionsart.ERSATZFREIHEITSSTRAFE:
        raise ValidationError(
            {"art": "Art. 36 StGB: Nur eine Ersatzfreiheitsstrafe wird durch Zahlung verkürzt."}
        )
    bisher = s.dauer_jahre * 360 + s.dauer_monate * 30 + s.dauer_tage
    if isinstance(dauer_tage, bool) or not isinstance(dauer_tage, int) or not 0 <= dauer_tage <= bisher:
        raise ValidationError(
            {"dauer_tage": "Art. 36 Abs. 1 StGB: Eine Zahlung kann die Ersatzfreiheitsstrafe nur verkürzen."}
        )
    s.dauer_jahre, s.dauer_monate, s.dauer_tage = 0, 0, dauer_tage
    return speichern(s, durch=durch, grund=grund[:100], felder=["dauer_jahre", "dauer_monate", "dauer_tage"])


def voraussichtliches_ende_berechnen(fall: Vollzugsfall) -> date | None:
    """The expected end of execution: Vollzugsbeginn + the custodial sentences of the case (years and
    months as calendar months, Art. 77 OR; then days) + the days of every ended §14 interruption
    (R-14-1: an interruption moves the end). None without Vollzugsbeginn or without a custodial
    sentence (measures have no fixed end). Credit for pre-trial detention is not modelled."""
    if fall.vollzugsbeginn is None:
        return None
    monate = tage = 0
    hat_strafe = False
    for jahre, m, t in Sanktion.objects.filter(
        entscheid__fall=fall, art__in=sorted(FREIHEITSSTRAFEN)
    ).values_list("dauer_jahre", "dauer_monate", "dauer_tage"):
        hat_strafe = True
        monate += 12 * jahre + m
        tage += t
    if not hat_strafe:
        return None
    ende = lokales_datum(fall.vollzugsbeginn)
    if monate:
        ende = monatsfrist(ende, monate).ende
    # R-14-1: the days of ended interruptions, from the module that records them (aufschub, registered
    # with kern.erweiterungen.unterbrechungstage).
    unterbrochen = sum(funktion(fall) for funktion in erweiterungen.UNTERBRECHUNGSTAGE)
    return ende + timedelta(days=tage + unterbrochen)


def vollzugsbeginn_ueberfaellig_melden(*, heute: date | None = None) -> int:
    """R-13-1 job: one open task per case whose Vollzugsbeginn is overdue. Idempotent; returns new tasks."""
    heute = heute or timezone.localdate()
    grenze = heute - timedelta(days=recht.vollzugsbeginn_ueberfaellig_tage())
    job = system_benutzer("vollzugsbeginn")
    neu = 0
    kandidaten = (
        Vollzugsfall.objects.filter(
            status=Fallstatus.EINGANG, vollzugsbeginn__isnull=True, eingang_am__lt=grenze
        )
        .exclude(
            aufgaben__art=VollzugAufgabenart.VOLLZUGSBEGINN_UEBERFAELLIG, aufgaben__erledigt_am__isnull=True
        )
        .values_list("pk", "fallnummer", "eingang_am")
    )
    for pk, fallnummer, eingang in kandidaten.iterator(chunk_size=500):
        try:
            with transaction.atomic():
                speichern(
                    Aufgabe(
                        art=VollzugAufgabenart.VOLLZUGSBEGINN_UEBERFAELLIG,
                        titel=f"Vollzugsbeginn überfällig: Fall {fallnummer} (Eingang {eingang:%d.%m.%Y})",
                        beschreibung="§ 13 JVG: Freiheitsentziehende Massnahmen sind sofort, Freiheitsstrafen in der "
                        "Regel sofort anzutreten.",
                        fuer_rolle=Rolle.SACHBEARBEITUNG,
                        fall_id=pk,
                        faellig_am=timezone.now(),
                    ),
                    durch=job,
                )
                neu += 1
        except IntegrityError:
            # A parallel run created it first: the unique constraint keeps the job idempotent.
            continue
    return neu
