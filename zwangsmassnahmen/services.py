"""Every write of §§ 25, 26, 28 and 32 JVG goes through one function here (STYLE §2).

- § 25 Sicherheitshaft: `sicherheitshaft_anordnen` (R-25-1) → `antrag_erfassen` (R-25-2, late filing
  flagged) → `gerichtsentscheid_erfassen` / `haft_beenden`; the job `sicherheitshaft_erinnern` creates
  the reminders and the escalation (R-25-2, R-0-FRIST-3).
- § 26 vorübergehende Versetzung: `versetzung26_anordnen` (R-26-1) through `vollzug.domain.versetzen`.
- § 28 Kontrollen: `kontrolle_erfassen`; body search `leibesvisitation_beantragen` →
  `leibesvisitation_entscheiden` (facility management, four eyes) → `leibesvisitation_durchfuehren` (R-28-1).
- § 32 Festnahme: `entweichung_melden` (order and tasks at once, R-32-1) → `einweisungsbehoerde_informiert`,
  `zufuehrung_erfassen`.

Each function checks permission (PermissionDenied → 403), validates with German messages naming the §
and rule (ValidationError keyed by parameter), saves with history and actor (`kern.audit.speichern`)
and runs in one transaction.
"""

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from kern import ereignisse, fristen, jobs
from kern.audit import naechste_nummer, speichern, system_benutzer
from kern.models import Aufgabe
from kern.rollen import ANSTALTSROLLEN, Rolle, berechtigung_pruefen, hat_rolle
from vollzug import domain as vollzug_services
from vollzug.models import Anstalt, Platzierung, Sanktion, Vollzugsfall
from vollzug.queries import personen_fuer_user
from vollzug.recht import Fallstatus, Platzierungsart, Sanktionsart, VollzugAufgabenart
from zwangsmassnahmen.enums import (
    ANTRAG_FRIST_STUNDEN,
    DURCHSUCHUNGEN,
    TESTS,
    Abwesenheitsart,
    Gefaehrdung,
    GerichtEntscheid,
    Haftstatus,
    Haftvariante,
    Kontrollart,
    Kontrollergebnis,
    Kontrollstatus,
    Nachverfahren,
    Zufuehrungsart,
    ZwangsmassnahmenAufgabenart,
)
from zwangsmassnahmen.models import (
    Entweichung,
    HaftErinnerung,
    Kontrolle,
    Sicherheitshaft,
    VoruebergehendeVersetzung,
)

log = logging.getLogger(__name__)

# § 26 speaks of "die freiheitsentziehende Massnahme": the sanctions of § 1 that are such measures.
FREIHEITSENTZIEHENDE_MASSNAHMEN = frozenset(
    {Sanktionsart.STATIONAERE_MASSNAHME, Sanktionsart.VERWAHRUNG, Sanktionsart.JUGEND_SCHUTZMASSNAHME}
)


def _fehler(feld: str, meldung: str, code: str) -> ValidationError:
    return ValidationError({feld: ValidationError(meldung, code=code)})


def _text(wert) -> str:
    return wert.strip() if isinstance(wert, str) else ""


def _zeitpunkt_pruefen(feld: str, wert, jetzt: datetime, was: str, regel: str) -> None:
    if not isinstance(wert, datetime) or timezone.is_naive(wert):
        raise _fehler(feld, f"{regel}: {was} mit Datum und Uhrzeit angeben.", "zeitpunkt_ungueltig")
    if wert.year < 2000:
        raise _fehler(feld, f"R-0-BAD-1: {was} liegt vor dem Jahr 2000.", "zu_frueh")
    if wert > jetzt:
        raise _fehler(feld, f"{regel}: {was} kann nicht in der Zukunft liegen.", "zukunft")


def _zeit(wert: datetime) -> str:
    return f"{timezone.localtime(wert, fristen.TZ):%d.%m.%Y %H:%M}"


def _sperren(obj):
    """Lock the row and bring the caller's instance up to date (two users may act at once)."""
    gesperrt = type(obj).objects.select_for_update().get(pk=obj.pk)
    for f in type(obj)._meta.concrete_fields:
        setattr(obj, f.attname, getattr(gesperrt, f.attname))
    return obj


def _aufgaben_erledigen(aufgaben_ids, durch, grund: str) -> None:
    jetzt = timezone.now()
    for aufgabe in Aufgabe.objects.filter(pk__in=[a for a in aufgaben_ids if a], erledigt_am__isnull=True):
        aufgabe.erledigt_am, aufgabe.erledigt_durch = jetzt, durch
        speichern(aufgabe, durch=durch, grund=grund)


# --- Who may do what (roles table) ----------------------------------------------------------------


def darf_haft_anordnen(user) -> bool:
    # § 25 "die zuständige Behörde": the Vollzugsbehörde (roles table: sachbearbeitung decides § 25).
    return hat_rolle(user, Rolle.SACHBEARBEITUNG)


def darf_versetzen_26(user) -> bool:
    # § 26 "die zuständige Behörde": the Vollzugsbehörde, as for § 17 transfers.
    return hat_rolle(user, Rolle.SACHBEARBEITUNG)


def platzierung_in_eigener_anstalt(user, fall: Vollzugsfall) -> Platzierung | None:
    """The person's current placement if it is in the user's own facility (facility roles only)."""
    if not hat_rolle(user, *ANSTALTSROLLEN) or user.anstalt_id is None:
        return None
    return (
        Platzierung.objects.filter(fall=fall, bis__isnull=True, anstalt_id=user.anstalt_id)
        .select_related("anstalt")
        .first()
    )


def darf_in_anstalt_handeln(user, *, anstalt_id: int, person_id: int, nur_leitung: bool = False) -> bool:
    """Facility staff/management act for persons placed in their own facility now (R-0-ROLE-1)."""
    rollen = (Rolle.ANSTALTSLEITUNG,) if nur_leitung else tuple(ANSTALTSROLLEN)
    return (
        hat_rolle(user, *rollen)
        and user.anstalt_id == anstalt_id
        and personen_fuer_user(user).filter(pk=person_id).exists()
    )


# --- § 25 Sicherheitshaft (R-25-1, R-25-2, R-0-FRIST-3) ---------------------------------------------


@dataclass(frozen=True)
class HaftDaten:
    variante: str
    verfahren_art: str
    verfahren_referenz: str
    wahrscheinlichkeit: str
    grund_oeffentlichkeit: bool = False
    grund_massnahmenzweck: bool = False
    grund_flucht: bool = False
    begruendung: str = ""
    festnahme_am: datetime | None = None  # § 25 Abs. 1: required
    anstalt: Anstalt | None = None  # Haftort (§ 25 Abs. 4: executed like a Freiheitsstrafe)
    verfahren_eingeleitet_am: date | None = None  # § 25 Abs. 3: required
    antrag_am: datetime | None = None  # § 25 Abs. 3: request to the Verfahrensleitung
    antrag_referenz: str = ""


def antragsfrist(festnahme_am: datetime) -> fristen.Fristergebnis:
    """R-25-2, R-0-FRIST-3: 48 hours after the arrest, to the minute in Europe/Zurich across DST."""
    return fristen.stundenfrist(festnahme_am, ANTRAG_FRIST_STUNDEN)


def ist_ueberfaellig(haft: Sicherheitshaft, jetzt: datetime | None = None) -> bool:
    """R-25-2: no filing recorded and the 48 hours have passed (exactly 48 h is still in time)."""
    jetzt = jetzt or timezone.now()
    return haft.antrag_offen and haft.frist_ende is not None and jetzt > haft.frist_ende


@transaction.atomic
def sicherheitshaft_anordnen(*, fall: Vollzugsfall, daten: HaftDaten, durch) -> Sicherheitshaft:
    """§ 25 Abs. 1 (or Abs. 3) JVG: order the security detention of a person of a case.

    Steps: permission (the Vollzugsbehörde); R-25-1 (procedure kind and reference, probability
    assessment, at least one ground a–c); Abs. 1: arrest time (not in the future) and place of
    detention, the 48-hour deadline computed to the minute (R-0-FRIST-3); Abs. 3: the procedure had
    already started, the request to the Verfahrensleitung is recorded instead (no 48-hour deadline of
    the authority); number, save with history.
    """
    berechtigung_pruefen(darf_haft_anordnen(durch), "Sicherheitshaft anordnen (§ 25 JVG)")
    jetzt = timezone.now()
    fehler: dict[str, ValidationError] = {}
    if daten.variante not in Haftvariante.values:
        fehler["variante"] = ValidationError("§ 25 JVG: Variante Abs. 1 oder Abs. 3 wählen.", code="variante")
    if daten.verfahren_art not in Nachverfahren.values:
        fehler["verfahren_art"] = ValidationError(
            "§ 25 Abs. 1 JVG (R-25-1): Art des nachträglichen Verfahrens (Art. 363 ff. StPO) angeben.",
            code="verfahren_fehlt",
        )
    if not _text(daten.verfahren_referenz):
        fehler["verfahren_referenz"] = ValidationError(
            "§ 25 Abs. 1 JVG (R-25-1): Geschäftsnummer des nachträglichen Verfahrens (Art. 363 ff. StPO) angeben.",
            code="referenz_fehlt",
        )
    if not _text(daten.wahrscheinlichkeit):
        fehler["wahrscheinlichkeit"] = ValidationError(
            "§ 25 Abs. 1 JVG (R-25-1): Die hinreichende Wahrscheinlichkeit einer Rückversetzung oder einer "
            "Freiheitsstrafe bzw. freiheitsentziehenden Massnahme begründen.",
            code="wahrscheinlichkeit_fehlt",
        )
    if not (daten.grund_oeffentlichkeit or daten.grund_massnahmenzweck or daten.grund_flucht):
        fehler["gruende"] = ValidationError(
            "§ 25 Abs. 1 JVG (R-25-1): Mindestens ein Haftgrund ist nötig – a) erhebliche Gefährdung der "
            "Öffentlichkeit, b) Massnahmenzweck nicht anders gewährleistet oder c) Fluchtgefahr.",
            code="kein_grund",
        )
    if fehler:
        raise ValidationError(fehler)
    eingeleitet = daten.verfahren_eingeleitet_am
    if eingeleitet is not None and eingeleitet > timezone.localdate(jetzt):
        raise _fehler(
            "verfahren_eingeleitet_am",
            "Die Einleitung des Verfahrens kann nicht in der Zukunft liegen.",
            "zukunft",
        )
    haft = Sicherheitshaft(
        fall=fall,
        variante=daten.variante,
        verfahren_art=daten.verfahren_art,
        verfahren_referenz=_text(daten.verfahren_referenz),
        verfahren_eingeleitet_am=eingeleitet,
        wahrscheinlichkeit=_text(daten.wahrscheinlichkeit),
        grund_oeffentlichkeit=daten.grund_oeffentlichkeit,
        grund_massnahmenzweck=daten.grund_massnahmenzweck,
        grund_flucht=daten.grund_flucht,
        begruendung=_text(daten.begruendung),
        angeordnet_am=jetzt,
        angeordnet_durch=durch,
    )
    if daten.variante == Haftvariante.EIGENE_ANORDNUNG:
        if daten.festnahme_am is None:
            raise _fehler(
                "festnahme_am",
                "§ 25 Abs. 2 JVG (R-25-2): Zeitpunkt der Festnahme angeben – ab ihr laufen die 48 Stunden.",
                "festnahme_fehlt",
            )
        _zeitpunkt_pruefen(
            "festnahme_am", daten.festnahme_am, jetzt, "Die Festnahme", "§ 25 Abs. 2 JVG (R-25-2)"
        )
        if eingeleitet is not None and eingeleitet < fristen.lokales_datum(daten.festnahme_am):
            raise _fehler(
                "variante",
                f"§ 25 Abs. 3 JVG: Das Verfahren wurde am {eingeleitet:%d.%m.%Y} eingeleitet, vor der Festnahme. "
                "Die Vollzugsbehörde ordnet die Haft nur vor oder gleichzeitig mit der Einleitung an (Abs. 1); "
                "danach beantragt sie die Sicherheitshaft bei der Verfahrensleitung (Abs. 3).",
                "nach_einleitung",
            )
        if daten.anstalt is None or not daten.anstalt.aktiv:
            raise _fehler(
                "anstalt",
                "§ 25 Abs. 4 JVG: Haftort angeben (aktive Vollzugseinrichtung; die Sicherheitshaft wird "
                "nach den Regeln des Vollzugs von Freiheitsstrafen durchgeführt).",
                "haftort_fehlt",
            )
        frist = antragsfrist(daten.festnahme_am)
        haft.festnahme_am, haft.anstalt = daten.festnahme_am, daten.anstalt
        haft.frist_ende, haft.frist_methode = frist.ende, frist.methode
        haft.status = Haftstatus.IN_HAFT
    else:
        if eingeleitet is None:
            raise _fehler(
                "verfahren_eingeleitet_am",
                "§ 25 Abs. 3 JVG: Datum der Einleitung des Verfahrens angeben (der Antrag an die "
                "Verfahrensleitung setzt ein eingeleitetes Verfahren voraus).",
                "einleitung_fehlt",
            )
        antrag_am = daten.antrag_am or jetzt
        _zeitpunkt_pruefen("antrag_am", antrag_am, jetzt, "Der Antrag", "§ 25 Abs. 3 JVG")
        if fristen.lokales_datum(antrag_am) < eingeleitet:
            raise _fehler(
                "antrag_am",
                "§ 25 Abs. 3 JVG: Der Antrag folgt der Einleitung des Verfahrens.",
                "vor_einleitung",
            )
        haft.anstalt = daten.anstalt
        haft.antrag_am, haft.antrag_referenz, haft.antrag_erfasst_durch = (
            antrag_am,
            _text(daten.antrag_referenz),
            durch,
        )
        haft.status = Haftstatus.BEANTRAGT
    haft.nummer = f"SH-{jetzt.year}-{naechste_nummer(f'sicherheitshaft-{jetzt.year}'):05d}"
    grund = (
        "Sicherheitshaft angeordnet (§ 25 Abs. 1 JVG)"
        if haft.variante == Haftvariante.EIGENE_ANORDNUNG
        else "Sicherheitshaft bei der Verfahrensleitung beantragt (§ 25 Abs. 3 JVG)"
    )
    return speichern(haft, durch=durch, grund=grund)


def _haft_aufgaben(haft: Sicherheitshaft) -> list[int]:
    return list(HaftErinnerung.objects.filter(haft=haft).values_list("aufgabe_id", flat=True))


@transaction.atomic
def antrag_erfassen(*, haft: Sicherheitshaft, antrag_am: datetime, referenz: str, durch) -> Sicherheitshaft:
    """§ 25 Abs. 2 JVG (R-25-2): record the application to the Zwangsmassnahmengericht.

    Steps: permission; lock; only an arrest under Abs. 1 still waiting for its filing; the filing time
    is not in the future and not before the arrest; a filing after the 48 hours is recorded but flagged
    late (`antrag_verspaetet`); open reminder and escalation tasks are closed.
    """
    berechtigung_pruefen(darf_haft_anordnen(durch), "Verlängerungsantrag erfassen (§ 25 Abs. 2 JVG)")
    _sperren(haft)
    if not haft.antrag_offen:
        raise _fehler(
            "antrag_am",
            f"§ 25 Abs. 2 JVG (R-25-2): Für die Sicherheitshaft {haft.nummer} ist kein Antrag mehr offen "
            f"(Status «{haft.get_status_display()}»).",
            "kein_antrag_offen",
        )
    _zeitpunkt_pruefen("antrag_am", antrag_am, timezone.now(), "Die Einreichung", "§ 25 Abs. 2 JVG (R-25-2)")
    if antrag_am < haft.festnahme_am:
        raise _fehler(
            "antrag_am",
            f"§ 25 Abs. 2 JVG (R-25-2): Die Einreichung kann nicht vor der Festnahme ({_zeit(haft.festnahme_am)}) liegen.",
            "vor_festnahme",
        )
    if not _text(referenz):
        raise _fehler(
            "antrag_referenz", "§ 25 Abs. 2 JVG (R-25-2): Referenz des Antrags angeben.", "referenz_fehlt"
        )
    haft.antrag_am, haft.antrag_referenz, haft.antrag_erfasst_durch = antrag_am, _text(referenz), durch
    haft.antrag_verspaetet = antrag_am > haft.frist_ende
    haft.status = Haftstatus.BEANTRAGT
    # History reasons hold at most 100 characters (simple-history's column).
    grund = "Antrag ans Zwangsmassnahmengericht (§ 25 Abs. 2 JVG)"
    if haft.antrag_verspaetet:
        grund += f" – verspätet (Frist {_zeit(haft.frist_ende)})"
    speichern(haft, durch=durch, grund=grund)
    _aufgaben_erledigen(_haft_aufgaben(haft), durch, "Erledigt: Antrag eingereicht (§ 25 Abs. 2 JVG)")
    return haft


@transaction.atomic
def gerichtsentscheid_erfassen(
    *, haft: Sicherheitshaft, entscheid: str, am: datetime, durch
) -> Sicherheitshaft:
    """The court's decision on the extension: confirmed → detention continues; refused → release."""
    berechtigung_pruefen(darf_haft_anordnen(durch), "Entscheid des Zwangsmassnahmengerichts erfassen")
    _sperren(haft)
    if haft.status != Haftstatus.BEANTRAGT:
        raise _fehler(
            "gericht_entscheid",
            f"Ein Entscheid ist nur zu einem hängigen Antrag möglich (Status «{haft.get_status_display()}»).",
            "nicht_beantragt",
        )
    if entscheid not in GerichtEntscheid.values:
        raise _fehler("gericht_entscheid", "Entscheid wählen: bewilligt oder abgelehnt.", "entscheid")
    _zeitpunkt_pruefen("gericht_entscheid_am", am, timezone.now(), "Der Entscheid", "R-0-BAD-1")
    if am < haft.antrag_am:
        raise _fehler("gericht_entscheid_am", "Der Entscheid kann nicht vor dem Antrag liegen.", "vor_antrag")
    haft.gericht_entscheid, haft.gericht_entscheid_am = entscheid, am
    if entscheid == GerichtEntscheid.BESTAETIGT:
        haft.status = Haftstatus.BESTAETIGT
        grund = "Verlängerung durch das Zwangsmassnahmengericht bewilligt"
    else:
        haft.status, haft.beendet_am = Haftstatus.BEENDET, am
        haft.beendet_grund = "Verlängerung durch das Zwangsmassnahmengericht abgelehnt: Entlassung."
        grund = "Verlängerung abgelehnt, Haft beendet"
    return speichern(haft, durch=durch, grund=grund)


@transaction.atomic
def haft_beenden(*, haft: Sicherheitshaft, am: datetime, grund: str, durch) -> Sicherheitshaft:
    """End the detention (release, or the court's post-judgment decision took over). Open reminder
    tasks are closed: a person released within the 48 hours needs no extension."""
    berechtigung_pruefen(darf_haft_anordnen(durch), "Sicherheitshaft beenden")
    _sperren(haft)
    if haft.status == Haftstatus.BEENDET:
        raise _fehler("beendet_am", f"Die Sicherheitshaft {haft.nummer} ist bereits beendet.", "beendet")
    _zeitpunkt_pruefen("beendet_am", am, timezone.now(), "Das Ende der Haft", "R-0-BAD-1")
    beginn = haft.festnahme_am or haft.antrag_am
    if beginn and am < beginn:
        raise _fehler("beendet_am", f"Das Ende kann nicht vor dem {_zeit(beginn)} liegen.", "vor_beginn")
    if not _text(grund):
        raise _fehler("beendet_grund", "Grund der Beendigung angeben.", "grund_fehlt")
    haft.status, haft.beendet_am, haft.beendet_grund = Haftstatus.BEENDET, am, _text(grund)
    speichern(haft, durch=durch, grund="Sicherheitshaft beendet")
    _aufgaben_erledigen(_haft_aufgaben(haft), durch, "Erledigt: Sicherheitshaft beendet")
    return haft


# --- The reminder job (R-25-2) ----------------------------------------------------------------------


@dataclass(frozen=True)
class Erinnerungslauf:
    erinnerungen: int = 0
    eskalationen: int = 0


def erinnerung_faellig(jetzt: datetime):
    """Open arrests (Abs. 1, no filing) whose first reminder point passed and that are not escalated
    yet. No lower bound: a missed run catches up. Uses index haft25_offen_idx."""
    erste = min(settings.JVG_SICHERHEITSHAFT_ERINNERUNG_STUNDEN)
    return Sicherheitshaft.objects.filter(
        variante=Haftvariante.EIGENE_ANORDNUNG,
        status=Haftstatus.IN_HAFT,
        antrag_am__isnull=True,
        eskaliert_am__isnull=True,
        festnahme_am__lte=jetzt - timedelta(hours=erste),
    )


def _erinnerungsaufgabe(haft: Sicherheitshaft, stunden: int, eskalation: bool) -> Aufgabe:
    frist = _zeit(haft.frist_ende)
    if eskalation:
        titel = f"ÜBERFÄLLIG: Verlängerungsantrag Sicherheitshaft {haft.nummer} (Frist {frist} verpasst)"
        text = (
            "§ 25 Abs. 2 JVG: Die 48 Stunden seit der Festnahme sind abgelaufen, ohne dass ein Antrag an das "
            "Zwangsmassnahmengericht erfasst ist. Antrag sofort einreichen und erfassen oder die Person entlassen."
        )
    else:
        titel = (
            f"Sicherheitshaft {haft.nummer}: Verlängerung beantragen bis {frist} ({stunden} h seit Festnahme)"
        )
        text = (
            f"§ 25 Abs. 2 JVG: Antrag an das Zwangsmassnahmengericht innert 48 Stunden seit der Festnahme "
            f"({_zeit(haft.festnahme_am)}), spätestens {frist}."
        )
    return Aufgabe(
        art=ZwangsmassnahmenAufgabenart.SICHERHEITSHAFT_ANTRAG,
        titel=titel[:200],
        beschreibung=text,
        fuer_rolle=Rolle.SACHBEARBEITUNG,
        anstalt_id=haft.anstalt_id,
        fall_id=haft.fall_id,
        faellig_am=haft.frist_ende,
    )


def sicherheitshaft_erinnern(
    *, jetzt: datetime | None = None, batch: int = 200, zeitbudget_s: float = 50
) -> Erinnerungslauf:
    """R-25-2: one reminder task per configured point (hours after the arrest) and, once the 48 hours
    passed without a filing, one escalation task plus the flag `eskaliert_am`.

    Pages by primary key, one transaction per batch with the rows locked (`skip_locked`: an arrest a
    case worker is filing right now is left for the next run), an advisory lock on PostgreSQL so two
    sweeps never overlap, stops at the time budget. Idempotent: the points already reminded are read
    per batch and the unique constraint (haft, stunden) guards the rest. A constant number of queries
    per batch: tasks, reminders and the history rows are written in bulk with the job as actor.
    """
    jetzt = jetzt or timezone.now()
    punkte = settings.JVG_SICHERHEITSHAFT_ERINNERUNG_STUNDEN
    job = system_benutzer("sicherheitshaft-erinnerung")
    zaehler = {"erinnerungen": 0, "eskalationen": 0}

    def stapel(zeilen: list) -> None:
        erledigt = set(
            HaftErinnerung.objects.filter(haft__in=[h.pk for h in zeilen]).values_list("haft_id", "stunden")
        )
        neu: list[tuple[Sicherheitshaft, int, bool]] = []
        eskaliert: list[Sicherheitshaft] = []
        for haft in zeilen:
            for stunden in punkte:
                if (haft.pk, stunden) not in erledigt and fristen.stundenfrist(
                    haft.festnahme_am, stunden
                ).ende <= jetzt:
                    neu.append((haft, stunden, False))
            if jetzt > haft.frist_ende:
                if (haft.pk, ANTRAG_FRIST_STUNDEN) not in erledigt:
                    neu.append((haft, ANTRAG_FRIST_STUNDEN, True))
                haft.eskaliert_am = jetzt
                haft._change_reason = "Frist § 25 Abs. 2 JVG verpasst: eskaliert"
                eskaliert.append(haft)
        if neu:
            aufgaben = bulk_create_with_history(
                [_erinnerungsaufgabe(h, s, e) for h, s, e in neu],
                Aufgabe,
                default_user=job,
                default_change_reason="Erinnerung § 25 Abs. 2 JVG (R-25-2)",
            )
            bulk_create_with_history(
                [
                    HaftErinnerung(haft=h, stunden=s, eskalation=e, aufgabe=a, erstellt_am=jetzt)
                    for (h, s, e), a in zip(neu, aufgaben, strict=True)
                ],
                HaftErinnerung,
                default_user=job,
                default_change_reason="Erinnerung § 25 Abs. 2 JVG (R-25-2)",
            )
            zaehler["erinnerungen"] += sum(1 for _, _, e in neu if not e)
        if eskaliert:
            # One UPDATE and one history INSERT per batch; the rows are locked above.
            Sicherheitshaft.objects.filter(pk__in=[h.pk for h in eskaliert]).update(eskaliert_am=jetzt)
            Sicherheitshaft.history.bulk_history_create(eskaliert, update=True, default_user=job)
            zaehler["eskalationen"] += len(eskaliert)

    with jobs.sperre("zwangsmassnahmen.sicherheitshaft_erinnern") as frei:
        if not frei:
            log.info("R-25-2: anderer Lauf aktiv, übersprungen")
            return Erinnerungslauf(**zaehler)
        jobs.stapelweise(
            erinnerung_faellig(jetzt),
            batch=batch,
            budget=jobs.Zeitbudget(zeitbudget_s),
            verarbeiten=stapel,
        )

    return Erinnerungslauf(**zaehler)


# --- § 26 vorübergehende Versetzung (R-26-1) ---------------------------------------------------------


@transaction.atomic
def versetzung26_anordnen(
    *,
    fall: Vollzugsfall,
    anstalt: Anstalt,
    am: datetime,
    undurchfuehrbar: str,
    gefaehrdung: str,
    gefaehrdung_begruendung: str,
    abteilung: str = "",
    voraussichtlich_bis: date | None = None,
    durch,
) -> VoruebergehendeVersetzung:
    """§ 26 JVG (R-26-1): move the person temporarily to another facility.

    Steps: permission (the Vollzugsbehörde); both conditions recorded — the measure is temporarily
    impracticable AND this leads to an erheblichen Gefährdung of the public or of the measure's purpose;
    the case has a freiheitsentziehende Massnahme (the law's wording); then the transfer itself through
    `vollzug.domain.versetzen(art=versetzung_26)` (placement history, hooks) and the reasons linked
    to the new placement.
    """
    berechtigung_pruefen(darf_versetzen_26(durch), "Vorübergehende Versetzung anordnen (§ 26 JVG)")
    fehler: dict[str, ValidationError] = {}
    if not _text(undurchfuehrbar):
        fehler["undurchfuehrbar"] = ValidationError(
            "§ 26 JVG (R-26-1): Begründen, weshalb die Massnahme vorübergehend undurchführbar ist.",
            code="undurchfuehrbar_fehlt",
        )
    if gefaehrdung not in Gefaehrdung.values:
        fehler["gefaehrdung"] = ValidationError(
            "§ 26 JVG (R-26-1): Angeben, ob die Öffentlichkeit oder der Massnahmenzweck erheblich gefährdet ist.",
            code="gefaehrdung_fehlt",
        )
    if not _text(gefaehrdung_begruendung):
        fehler["gefaehrdung_begruendung"] = ValidationError(
            "§ 26 JVG (R-26-1): Die erhebliche Gefährdung begründen.", code="gefaehrdung_begruendung_fehlt"
        )
    if fehler:
        raise ValidationError(fehler)
    if not Sanktion.objects.filter(
        entscheid__fall=fall, art__in=sorted(FREIHEITSENTZIEHENDE_MASSNAHMEN)
    ).exists():
        raise _fehler(
            "fall",
            "§ 26 JVG (R-26-1): Vorübergehend versetzt wird nur bei einer freiheitsentziehenden Massnahme "
            "(stationäre Massnahme, Verwahrung, jugendrechtliche Unterbringung); für andere Fälle gilt § 17 Abs. 2.",
            "keine_massnahme",
        )
    if (
        voraussichtlich_bis is not None
        and isinstance(am, datetime)
        and voraussichtlich_bis < fristen.lokales_datum(am)
    ):
        raise _fehler(
            "voraussichtlich_bis", "Das voraussichtliche Ende liegt vor der Versetzung.", "ende_vor_beginn"
        )
    aktuell = Platzierung.objects.filter(fall=fall, bis__isnull=True).first()
    von_anstalt_id = aktuell.anstalt_id if aktuell else None
    text = (
        f"§ 26 JVG: Massnahme vorübergehend undurchführbar: {_text(undurchfuehrbar)}\n"
        f"{Gefaehrdung(gefaehrdung).label}: {_text(gefaehrdung_begruendung)}"
    )
    platzierung = vollzug_services.versetzen(
        fall=fall,
        anstalt=anstalt,
        am=am,
        art=Platzierungsart.VERSETZUNG_VORUEBERGEHEND,
        abteilung=abteilung,
        begruendung=text,
        durch=durch,
    )
    return speichern(
        VoruebergehendeVersetzung(
            platzierung=platzierung,
            fall=fall,
            von_anstalt_id=von_anstalt_id,
            undurchfuehrbar=_text(undurchfuehrbar),
            gefaehrdung=gefaehrdung,
            gefaehrdung_begruendung=_text(gefaehrdung_begruendung),
            voraussichtlich_bis=voraussichtlich_bis,
            angeordnet_am=timezone.now(),
            angeordnet_durch=durch,
        ),
        durch=durch,
        grund="Vorübergehende Versetzung (§ 26 JVG)",
    )


# --- § 28 Kontrollen und Durchsuchungen (R-28-1) ------------------------------------------------------


def _eigene_platzierung(fall: Vollzugsfall, durch, was: str) -> Platzierung:
    platzierung = platzierung_in_eigener_anstalt(durch, fall)
    berechtigung_pruefen(
        platzierung is not None, f"{was} (nur für in der eigenen Einrichtung platzierte Personen)"
    )
    return platzierung


def _ergebnis_pruefen(art: str, ergebnis: str, ergebnis_text: str, fundgegenstaende: str) -> None:
    if ergebnis not in Kontrollergebnis.values:
        raise _fehler("ergebnis", "§ 28 JVG (R-28-1): Ergebnis der Kontrolle angeben.", "ergebnis_fehlt")
    if ergebnis == Kontrollergebnis.FUND:
        if art in TESTS and not _text(ergebnis_text):
            raise _fehler(
                "ergebnis_text",
                "§ 28 Abs. 3 JVG (R-28-1): Beim positiven Befund angeben, worauf positiv (Substanz, Wert).",
                "befund_fehlt",
            )
        if art not in TESTS and not _text(fundgegenstaende):
            raise _fehler(
                "fundgegenstaende",
                "§ 28 JVG (R-28-1): Die gefundenen Gegenstände auflisten.",
                "fund_fehlt",
            )


@transaction.atomic
def kontrolle_erfassen(
    *,
    fall: Vollzugsfall,
    art: str,
    zeitpunkt: datetime,
    ergebnis: str,
    ort: str = "",
    ergebnis_text: str = "",
    fundgegenstaende: str = "",
    beteiligte: str = "",
    verdacht: str = "",
    durch,
) -> Kontrolle:
    """§ 28 Abs. 1 and 3 JVG (R-28-1): staff log a search of effects or quarters, or a breath, urine,
    blood or hair test, of a person placed in their facility. A body search is not logged here: it
    needs a suspicion and an order first (`leibesvisitation_beantragen`)."""
    platzierung = _eigene_platzierung(fall, durch, "Kontrolle erfassen")
    jetzt = timezone.now()
    if art == Kontrollart.LEIBESVISITATION:
        raise _fehler(
            "art",
            "§ 28 Abs. 2 JVG (R-28-1): Eine Leibesvisitation setzt einen erfassten Verdacht und die Anordnung "
            "der Anstaltsleitung voraus (Art. 85 Abs. 2 StGB) – zuerst beantragen.",
            "leibesvisitation_ohne_anordnung",
        )
    if art not in Kontrollart.values:
        raise _fehler("art", "§ 28 JVG (R-28-1): Art der Kontrolle wählen.", "art_fehlt")
    _zeitpunkt_pruefen("zeitpunkt", zeitpunkt, jetzt, "Der Zeitpunkt der Kontrolle", "§ 28 JVG (R-28-1)")
    if art in DURCHSUCHUNGEN and not _text(ort):
        raise _fehler(
            "ort",
            "§ 28 Abs. 1 JVG (R-28-1): Ort der Durchsuchung angeben (Zelle, Effektenraum …).",
            "ort_fehlt",
        )
    _ergebnis_pruefen(art, ergebnis, ergebnis_text, fundgegenstaende)
    return speichern(
        Kontrolle(
            fall=fall,
            anstalt_id=platzierung.anstalt_id,
            art=art,
            status=Kontrollstatus.DURCHGEFUEHRT,
            verdacht=_text(verdacht),
            zeitpunkt=zeitpunkt,
            ort=_text(ort),
            durchgefuehrt_durch=durch,
            beteiligte=_text(beteiligte),
            ergebnis=ergebnis,
            ergebnis_text=_text(ergebnis_text),
            fundgegenstaende=_text(fundgegenstaende),
            erfasst_am=jetzt,
        ),
        durch=durch,
        grund=f"{Kontrollart(art).label} erfasst",
    )


@transaction.atomic
def leibesvisitation_beantragen(*, fall: Vollzugsfall, verdacht: str, durch) -> Kontrolle:
    """§ 28 Abs. 2 JVG (R-28-1): staff request a body search on a recorded suspicion (what the person is
    suspected to carry or hide in body openings); the facility management orders it."""
    platzierung = _eigene_platzierung(fall, durch, "Leibesvisitation beantragen")
    if not _text(verdacht):
        raise _fehler(
            "verdacht",
            "§ 28 Abs. 2 JVG (R-28-1): Ohne Verdacht keine Leibesvisitation – angeben, welche unerlaubten "
            "Gegenstände die Person auf sich tragen oder in Körperöffnungen verbergen soll.",
            "verdacht_fehlt",
        )
    jetzt = timezone.now()
    return speichern(
        Kontrolle(
            fall=fall,
            anstalt_id=platzierung.anstalt_id,
            art=Kontrollart.LEIBESVISITATION,
            status=Kontrollstatus.BEANTRAGT,
            verdacht=_text(verdacht),
            beantragt_am=jetzt,
            beantragt_durch=durch,
            erfasst_am=jetzt,
        ),
        durch=durch,
        grund="Leibesvisitation beantragt (§ 28 Abs. 2 JVG)",
    )


@transaction.atomic
def leibesvisitation_entscheiden(
    *, kontrolle: Kontrolle, anordnen: bool, kommentar: str = "", durch
) -> Kontrolle:
    """Art. 85 Abs. 2 StGB, R-28-1, R-0-4EYES-1: the facility management orders (or refuses) a requested
    body search — never the person who requested it."""
    _sperren(kontrolle)
    if kontrolle.art != Kontrollart.LEIBESVISITATION or kontrolle.status != Kontrollstatus.BEANTRAGT:
        raise _fehler(
            "status",
            f"R-28-1: Diese Kontrolle ist nicht zur Anordnung beantragt (Status «{kontrolle.get_status_display()}»).",
            "nicht_beantragt",
        )
    if kontrolle.beantragt_durch_id == durch.pk:
        raise _fehler(
            "durch",
            "R-0-4EYES-1: Wer die Leibesvisitation beantragt hat, kann sie nicht selbst anordnen (Vier-Augen-Prinzip).",
            "vier_augen",
        )
    berechtigung_pruefen(
        darf_in_anstalt_handeln(
            durch, anstalt_id=kontrolle.anstalt_id, person_id=kontrolle.fall.person_id, nur_leitung=True
        ),
        "Leibesvisitation anordnen (Anstaltsleitung, Art. 85 Abs. 2 StGB)",
    )
    if not anordnen and not _text(kommentar):
        raise _fehler(
            "kommentar", "R-0-4EYES-1: Für die Ablehnung eine Begründung angeben.", "kommentar_fehlt"
        )
    kontrolle.angeordnet_am, kontrolle.angeordnet_durch = timezone.now(), durch
    kontrolle.entscheid_kommentar = _text(kommentar)
    kontrolle.status = Kontrollstatus.ANGEORDNET if anordnen else Kontrollstatus.ABGELEHNT
    grund = "Leibesvisitation angeordnet (Art. 85 Abs. 2 StGB)" if anordnen else "Leibesvisitation abgelehnt"
    return speichern(kontrolle, durch=durch, grund=grund)


@transaction.atomic
def leibesvisitation_durchfuehren(
    *,
    kontrolle: Kontrolle,
    zeitpunkt: datetime,
    gleiches_geschlecht: bool,
    ergebnis: str,
    ort: str = "",
    ergebnis_text: str = "",
    fundgegenstaende: str = "",
    beteiligte: str = "",
    durch,
) -> Kontrolle:
    """§ 28 Abs. 2 JVG, Art. 85 Abs. 2 StGB (R-28-1): log the body search as carried out — only an
    ordered one, by a person of the same sex, not before the order."""
    _sperren(kontrolle)
    berechtigung_pruefen(
        darf_in_anstalt_handeln(durch, anstalt_id=kontrolle.anstalt_id, person_id=kontrolle.fall.person_id),
        "Leibesvisitation durchführen",
    )
    if kontrolle.art != Kontrollart.LEIBESVISITATION or kontrolle.status != Kontrollstatus.ANGEORDNET:
        raise _fehler(
            "status",
            "§ 28 Abs. 2 JVG (R-28-1): Durchgeführt wird nur eine von der Anstaltsleitung angeordnete "
            f"Leibesvisitation (Status «{kontrolle.get_status_display()}»).",
            "nicht_angeordnet",
        )
    _zeitpunkt_pruefen("zeitpunkt", zeitpunkt, timezone.now(), "Der Zeitpunkt", "§ 28 Abs. 2 JVG (R-28-1)")
    if zeitpunkt < kontrolle.angeordnet_am.replace(second=0, microsecond=0):
        raise _fehler(
            "zeitpunkt",
            f"§ 28 Abs. 2 JVG (R-28-1): Die Leibesvisitation kann nicht vor ihrer Anordnung ({_zeit(kontrolle.angeordnet_am)}) liegen.",
            "vor_anordnung",
        )
    if not gleiches_geschlecht:
        raise _fehler(
            "gleiches_geschlecht",
            "Art. 85 Abs. 2 StGB (R-28-1): Die Leibesvisitation ist von einer Person gleichen Geschlechts vorzunehmen.",
            "geschlecht",
        )
    _ergebnis_pruefen(kontrolle.art, ergebnis, ergebnis_text, fundgegenstaende)
    kontrolle.zeitpunkt, kontrolle.ort, kontrolle.durchgefuehrt_durch = zeitpunkt, _text(ort), durch
    kontrolle.gleiches_geschlecht, kontrolle.beteiligte = True, _text(beteiligte)
    kontrolle.ergebnis, kontrolle.ergebnis_text = ergebnis, _text(ergebnis_text)
    kontrolle.fundgegenstaende = _text(fundgegenstaende)
    kontrolle.status = Kontrollstatus.DURCHGEFUEHRT
    return speichern(kontrolle, durch=durch, grund="Leibesvisitation durchgeführt (§ 28 Abs. 2 JVG)")


# --- § 32 Festnahmen (R-32-1) ------------------------------------------------------------------------


@transaction.atomic
def entweichung_melden(
    *, fall: Vollzugsfall, art: str, festgestellt_am: datetime, umstaende: str, durch
) -> Entweichung:
    """§ 32 Abs. 1 JVG (R-32-1): staff or management report an escape or unauthorised absence.

    Steps: permission (facility of the current placement); validate; the Festnahme- und
    Zuführungsauftrag is created at once ("unverzüglich angeordnet") with its number; two tasks due
    now: the facility management informs the Einweisungsbehörde (the facility informs), the
    Vollzugsbehörde has the order executed (police, RIPOL). One open escape per case.
    """
    platzierung = _eigene_platzierung(fall, durch, "Entweichung melden (§ 32 JVG)")
    jetzt = timezone.now()
    if art not in Abwesenheitsart.values:
        raise _fehler(
            "art", "§ 32 Abs. 1 JVG (R-32-1): Entweichung oder unerlaubte Abwesenheit wählen.", "art"
        )
    _zeitpunkt_pruefen("festgestellt_am", festgestellt_am, jetzt, "Die Feststellung", "§ 32 JVG (R-32-1)")
    if festgestellt_am < platzierung.von:
        raise _fehler(
            "festgestellt_am",
            "Die Abwesenheit kann nicht vor der Platzierung in der Einrichtung liegen.",
            "vor_platzierung",
        )
    if not _text(umstaende):
        raise _fehler(
            "umstaende", "§ 32 JVG (R-32-1): Umstände der Abwesenheit beschreiben.", "umstaende_fehlen"
        )
    Vollzugsfall.objects.select_for_update().get(pk=fall.pk)
    offen = Entweichung.objects.filter(fall=fall, zugefuehrt_am__isnull=True).first()
    if offen is not None:
        raise _fehler(
            "fall",
            f"§ 32 JVG: Zu diesem Fall ist die Abwesenheit {offen.auftrag_nummer} noch offen (keine Zuführung erfasst).",
            "bereits_offen",
        )
    if fall.status != Fallstatus.IM_VOLLZUG:
        raise _fehler("fall", "§ 32 JVG: Die Person ist nicht im Vollzug.", "nicht_im_vollzug")
    nummer = f"FZA-{jetzt.year}-{naechste_nummer(f'festnahmeauftrag-{jetzt.year}'):05d}"
    person = fall.person
    wer = f"{person.vorname} {person.amtlicher_name}"
    info = speichern(
        Aufgabe(
            art=VollzugAufgabenart.EINWEISUNGSBEHOERDE_INFORMIEREN,
            titel=f"Einweisungsbehörde informieren: {Abwesenheitsart(art).label} {wer} (Fall {fall.fallnummer})"[
                :200
            ],
            beschreibung=f"§ 32 Abs. 1 Satz 2 JVG: Festnahme- und Zuführungsauftrag {nummer}; festgestellt "
            f"{_zeit(festgestellt_am)}.",
            fuer_rolle=Rolle.ANSTALTSLEITUNG,
            anstalt_id=platzierung.anstalt_id,
            fall=fall,
            faellig_am=jetzt,
        ),
        durch=durch,
        grund="R-32-1: Einweisungsbehörde informieren",
    )
    festnahme = speichern(
        Aufgabe(
            art=ZwangsmassnahmenAufgabenart.FESTNAHME,
            titel=f"Festnahme und Zuführung {nummer}: {wer} (Fall {fall.fallnummer}) vollziehen lassen"[:200],
            beschreibung=f"§ 32 Abs. 1 JVG: {Abwesenheitsart(art).label} aus {platzierung.anstalt}, festgestellt "
            f"{_zeit(festgestellt_am)}. Auftrag an die Polizei (Fahndung) weiterleiten.",
            fuer_rolle=Rolle.SACHBEARBEITUNG,
            fall=fall,
            faellig_am=jetzt,
        ),
        durch=durch,
        grund="R-32-1: Festnahme- und Zuführungsauftrag",
    )
    entweichung = speichern(
        Entweichung(
            fall=fall,
            anstalt_id=platzierung.anstalt_id,
            art=art,
            festgestellt_am=festgestellt_am,
            umstaende=_text(umstaende),
            gemeldet_am=jetzt,
            gemeldet_durch=durch,
            auftrag_nummer=nummer,
            auftrag_am=jetzt,
            aufgabe_information=info,
            aufgabe_festnahme=festnahme,
        ),
        durch=durch,
        grund="Festnahme und Zuführung angeordnet (§ 32 Abs. 1 JVG)",
    )
    # Subscribed agencies (webhooks) learn of the arrest order after commit; no health data in it.
    ereignisse.melden(
        ereignisse.Ereignistyp.FESTNAHMEAUFTRAG,
        person_id=fall.person_id,
        fall_id=fall.pk,
        objekt=entweichung,
        zeitpunkt=jetzt,
        daten={"auftrag": nummer, "art": art, "anstalt": platzierung.anstalt.name},
    )
    return entweichung


def _darf_entweichung_bearbeiten(user, e: Entweichung, *, behoerde: bool) -> bool:
    if behoerde and hat_rolle(user, Rolle.SACHBEARBEITUNG):
        return True
    return darf_in_anstalt_handeln(user, anstalt_id=e.anstalt_id, person_id=e.fall.person_id)


@transaction.atomic
def einweisungsbehoerde_informiert(
    *, entweichung: Entweichung, am: datetime | None = None, durch
) -> Entweichung:
    """§ 32 Abs. 1 Satz 2 JVG (R-32-1): record when the facility informed the Einweisungsbehörde."""
    _sperren(entweichung)
    berechtigung_pruefen(
        _darf_entweichung_bearbeiten(durch, entweichung, behoerde=False),
        "Information der Einweisungsbehörde erfassen",
    )
    if entweichung.einweisungsbehoerde_informiert_am is not None:
        raise _fehler("einweisungsbehoerde_informiert_am", "Die Information ist bereits erfasst.", "bereits")
    am = am or timezone.now()
    _zeitpunkt_pruefen(
        "einweisungsbehoerde_informiert_am", am, timezone.now(), "Die Information", "§ 32 JVG (R-32-1)"
    )
    if am < entweichung.festgestellt_am:
        raise _fehler(
            "einweisungsbehoerde_informiert_am",
            "Die Information kann nicht vor der Feststellung liegen.",
            "zu_frueh",
        )
    entweichung.einweisungsbehoerde_informiert_am, entweichung.einweisungsbehoerde_informiert_durch = (
        am,
        durch,
    )
    speichern(entweichung, durch=durch, grund="Einweisungsbehörde informiert (§ 32 Abs. 1 JVG)")
    _aufgaben_erledigen(
        [entweichung.aufgabe_information_id], durch, "Erledigt: Einweisungsbehörde informiert"
    )
    return entweichung


@transaction.atomic
def zufuehrung_erfassen(
    *, entweichung: Entweichung, am: datetime, art: str, bemerkung: str = "", durch
) -> Entweichung:
    """§ 32 JVG: the person was arrested and brought back (by the police, by staff under Abs. 2, or
    returned); closes the order and its task."""
    _sperren(entweichung)
    berechtigung_pruefen(
        _darf_entweichung_bearbeiten(durch, entweichung, behoerde=True), "Zuführung erfassen"
    )
    if entweichung.zugefuehrt_am is not None:
        raise _fehler("zugefuehrt_am", "Die Zuführung ist bereits erfasst.", "bereits")
    if art not in Zufuehrungsart.values:
        raise _fehler("zufuehrung_art", "§ 32 JVG: Art der Zuführung wählen.", "art")
    _zeitpunkt_pruefen("zugefuehrt_am", am, timezone.now(), "Die Zuführung", "§ 32 JVG (R-32-1)")
    if am < entweichung.festgestellt_am:
        raise _fehler(
            "zugefuehrt_am",
            f"Die Zuführung kann nicht vor der Feststellung der Abwesenheit ({_zeit(entweichung.festgestellt_am)}) liegen.",
            "vor_feststellung",
        )
    entweichung.zugefuehrt_am, entweichung.zufuehrung_art = am, art
    entweichung.zufuehrung_bemerkung, entweichung.zufuehrung_erfasst_durch = _text(bemerkung), durch
    speichern(entweichung, durch=durch, grund="Zuführung erfasst (§ 32 JVG)")
    _aufgaben_erledigen([entweichung.aufgabe_festnahme_id], durch, "Erledigt: Person zugeführt")
    return entweichung
