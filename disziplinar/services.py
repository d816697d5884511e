"""Every write of the disciplinary law (§§ 40–41 JVG) goes through one function here (STYLE §2).

Steps of a case: `rapport_erfassen` (staff, R-40-1) → `verfahren_eroeffnen` (facility management) →
`verfuegung_entwerfen_fuer` (R-41-1/-2/-4, R-41-5a) → the shared Verfügung lifecycle (Gehör,
four-eyes approval) → `verfuegung_eroeffnen` (R-41-5a at notification, execution schedule) →
`sanktion_vollziehen` (§ 44: from Eröffnung). `verjaehrung_eintragen` is the periodic job of
§ 41 Abs. 5 (R-41-5a, R-41-5b).
"""

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from disziplinar.enums import (
    ARREST_MAX_TAGE,
    EINSCHLUSS_MAX_TAGE,
    MIT_DAUER,
    PRIVAT_EINSCHLUSS_MAX_TAGE,
    PRIVAT_ZULAESSIG,
    VERJAEHRUNG_MONATE,
    Disziplinarsanktionsart,
    Sanktionsstatus,
    Tatbestand,
    Teilnahmeform,
    Verfahrensstatus,
)
from disziplinar.models import (
    Disziplinarsanktion,
    Disziplinarverfahren,
    Rapport,
    RapportBeilage,
    RapportDelikt,
)
from disziplinar.queries import vorstrafen
from kern import fristen, jobs
from kern.audit import naechste_nummer, speichern, system_benutzer
from kern.dateien import datei_sha256
from kern.rollen import Rolle, berechtigung_pruefen, hat_rolle
from verfuegungen import domain as vfg
from verfuegungen.models import EROEFFNETE_STATUS, Verfuegung
from verfuegungen.recht import UEBERGAENGE, Verfuegungsstatus, Verfuegungstyp
from vollzug.models import Anstalt, Platzierung, Vollzugsfall
from vollzug.queries import personen_fuer_user

log = logging.getLogger(__name__)

A = Disziplinarsanktionsart
S = Verfuegungsstatus
VS = Verfahrensstatus

__all__ = [
    "Beurteilung",
    "BeilageDaten",
    "DeliktDaten",
    "SanktionDaten",
    "Verjaehrungslauf",
    "eroeffnung_pruefen",
    "rapport_erfassen",
    "sanktion_vollziehen",
    "sanktionen_pruefen",
    "strafanzeige_vormerken",
    "verfahren_einstellen",
    "verfahren_eroeffnen",
    "verfuegung_entwerfen_fuer",
    "verfuegung_eroeffnen",
    "verfuegung_von",
    "verjaehrung_eintragen",
    "vollstreckungsverjaehrung",
    "vorstrafen",
]


def _fehler(feld: str, meldung: str, code: str) -> ValidationError:
    return ValidationError({feld: ValidationError(meldung, code=code)})


def _ist_datum(wert) -> bool:
    return isinstance(wert, date) and not isinstance(wert, datetime)


# --- Who may do what (roles table: staff report, the facility management leads and decides) ------


def darf_rapportieren(user, fall: Vollzugsfall) -> bool:
    """R-40-1: staff (and management) of the facility where the person is placed now."""
    return (
        hat_rolle(user, Rolle.ANSTALTSPERSONAL, Rolle.ANSTALTSLEITUNG)
        and user.anstalt_id is not None
        and Platzierung.objects.filter(fall=fall, bis__isnull=True, anstalt_id=user.anstalt_id).exists()
    )


def darf_leiten(user, *, anstalt_id: int, person_id: int) -> bool:
    """§ 41 Abs. 1: the management of the facility leads and decides, for persons placed there."""
    return (
        hat_rolle(user, Rolle.ANSTALTSLEITUNG)
        and user.anstalt_id == anstalt_id
        and personen_fuer_user(user).filter(pk=person_id).exists()
    )


def _darf_verfahren_leiten(user, verfahren: Disziplinarverfahren) -> bool:
    return darf_leiten(user, anstalt_id=verfahren.anstalt_id, person_id=verfahren.person_id)


# --- Rapport (R-40-1) ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DeliktDaten:
    tatbestand: str  # Tatbestand: "allgemein" (§ 40 Abs. 1) or "a".."l" (§ 40 Abs. 2)
    teilnahmeform: str = Teilnahmeform.TAETERSCHAFT


@dataclass(frozen=True)
class BeilageDaten:
    titel: str
    datei: UploadedFile = field(repr=False)


def _tatzeit_pruefen(tatzeit, jetzt: datetime) -> None:
    if not isinstance(tatzeit, datetime) or timezone.is_naive(tatzeit):
        raise _fehler(
            "tatzeit", "R-40-1: Zeitpunkt der Tat mit Datum und Uhrzeit angeben.", "tatzeit_ungueltig"
        )
    if tatzeit.year < 1900:
        raise _fehler("tatzeit", "R-0-BAD-1: Der Zeitpunkt liegt vor 1900.", "zu_frueh")
    if tatzeit > jetzt:
        raise _fehler(
            "tatzeit",
            "§ 40 JVG (R-40-1): Der Zeitpunkt der Tat kann nicht in der Zukunft liegen.",
            "tatzeit_zukunft",
        )


def _delikte_pruefen(delikte) -> None:
    if not delikte:
        raise _fehler(
            "delikte",
            "§ 40 JVG (R-40-1): Mindestens ein Disziplinarvergehen angeben (§ 40 Abs. 2 lit. a–l oder die "
            "Generalklausel von Abs. 1).",
            "delikt_fehlt",
        )
    fehler = {}
    gesehen = set()
    for i, d in enumerate(delikte):
        if d.tatbestand not in Tatbestand.values:
            fehler[f"delikte[{i}].tatbestand"] = "§ 40 JVG (R-40-1): Unbekannter Tatbestand."
        elif d.tatbestand in gesehen:
            fehler[f"delikte[{i}].tatbestand"] = "§ 40 JVG (R-40-1): Jeder Tatbestand nur einmal je Rapport."
        gesehen.add(d.tatbestand)
        if d.teilnahmeform not in Teilnahmeform.values:
            fehler[f"delikte[{i}].teilnahmeform"] = (
                "§ 40 Abs. 3 JVG (R-40-1): Teilnahmeform ist Täterschaft, Versuch, Anstiftung oder Gehilfenschaft."
            )
    if fehler:
        raise ValidationError(fehler)


@transaction.atomic
def rapport_erfassen(
    *,
    fall: Vollzugsfall,
    tatzeit: datetime,
    sachverhalt: str,
    delikte: list[DeliktDaten],
    durch,
    zeugen: str = "",
    beilagen: list[BeilageDaten] = (),
) -> Rapport:
    """R-40-1: record a report. Steps: permission (staff of the facility where the person is placed
    now — that facility is the report's); time of the act (aware, not in the future); facts; at least
    one offence with its participation form; save report, offences and evidence (SHA-256), with history."""
    berechtigung_pruefen(darf_rapportieren(durch, fall), "Rapport erfassen")
    jetzt = timezone.now()
    _tatzeit_pruefen(tatzeit, jetzt)
    if not (sachverhalt or "").strip():
        raise _fehler("sachverhalt", "§ 40 JVG (R-40-1): Den Sachverhalt beschreiben.", "sachverhalt_fehlt")
    _delikte_pruefen(delikte)
    rapport = speichern(
        Rapport(
            fall=fall,
            person_id=fall.person_id,
            anstalt_id=durch.anstalt_id,
            tatzeit=tatzeit,
            gemeldet_durch=durch,
            sachverhalt=sachverhalt.strip(),
            zeugen=(zeugen or "").strip(),
            erfasst_am=jetzt,
        ),
        durch=durch,
        grund="Rapport erfasst (§ 40 JVG)",
    )
    for d in delikte:
        speichern(
            RapportDelikt(rapport=rapport, tatbestand=d.tatbestand, teilnahmeform=d.teilnahmeform),
            durch=durch,
        )
    for b in beilagen:
        beilage_hinzufuegen(rapport=rapport, titel=b.titel, datei=b.datei, durch=durch)
    return rapport


@transaction.atomic
def beilage_hinzufuegen(*, rapport: Rapport, titel: str, datei: UploadedFile, durch) -> RapportBeilage:
    """Evidence for a report, by the reporting facility; the hash fixes the file as received."""
    berechtigung_pruefen(
        darf_rapportieren(durch, rapport.fall) and durch.anstalt_id == rapport.anstalt_id,
        "Beilage hinzufügen",
    )
    if not (titel or "").strip():
        raise _fehler("titel", "Titel der Beilage angeben.", "titel_fehlt")
    return speichern(
        RapportBeilage(
            rapport=rapport,
            titel=titel.strip(),
            datei=datei,
            sha256=datei_sha256(datei),
            hochgeladen_am=timezone.now(),
            hochgeladen_durch=durch,
        ),
        durch=durch,
        grund="Beilage zum Rapport",
    )


# --- Proceeding ----------------------------------------------------------------------------------


def verfolgungsverjaehrung(tatzeit: datetime) -> fristen.Fristergebnis:
    """R-41-5a (§ 41 Abs. 5 Satz 1, R-0-FRIST-2): six months after the act, from its local date."""
    return fristen.monatsfrist(tatzeit, VERJAEHRUNG_MONATE)


def vollstreckungsverjaehrung(rechtskraeftig_am: date) -> fristen.Fristergebnis:
    """R-41-5b (§ 41 Abs. 5 Satz 2, R-0-FRIST-2): six months after the decision became binding."""
    return fristen.monatsfrist(rechtskraeftig_am, VERJAEHRUNG_MONATE)


def _verfolgung_verjaehrt(verfahren: Disziplinarverfahren, tag: date) -> ValidationError:
    tat = timezone.localtime(verfahren.rapport.tatzeit) if hasattr(verfahren, "rapport") else None
    seit = f" (Tat vom {tat:%d.%m.%Y})" if tat else ""
    return _fehler(
        "verjaehrung_am",
        f"§ 41 Abs. 5 JVG (R-41-5a): Die disziplinarische Verfolgung ist verjährt{seit}: spätestens am "
        f"{verfahren.verjaehrung_am:%d.%m.%Y} musste die Verfügung eröffnet sein, heute ist der {tag:%d.%m.%Y}.",
        "verjaehrt",
    )


@transaction.atomic
def verfahren_eroeffnen(*, rapport: Rapport, durch) -> Disziplinarverfahren:
    """Open the one proceeding of a report. Steps: lock the report; permission (management of the
    report's facility, person placed there); once per report; not already time-barred (R-41-5a);
    compute and record the limitation date with its method (R-0-FRIST-2)."""
    rapport = Rapport.objects.select_for_update().get(pk=rapport.pk)
    berechtigung_pruefen(
        darf_leiten(durch, anstalt_id=rapport.anstalt_id, person_id=rapport.person_id),
        "Disziplinarverfahren eröffnen",
    )
    vorhanden = Disziplinarverfahren.objects.filter(rapport=rapport).first()
    if vorhanden is not None:
        raise _fehler(
            "rapport", f"Zu diesem Rapport besteht bereits das Verfahren {vorhanden.nummer}.", "doppelt"
        )
    frist = verfolgungsverjaehrung(rapport.tatzeit)
    jetzt = timezone.now()
    verfahren = Disziplinarverfahren(
        rapport=rapport,
        person_id=rapport.person_id,
        anstalt_id=rapport.anstalt_id,
        geleitet_durch=durch,
        eroeffnet_am=jetzt,
        verjaehrung_am=frist.ende,
        verjaehrung_methode=frist.methode,
    )
    heute = timezone.localdate(jetzt)
    if heute > frist.ende:
        raise _verfolgung_verjaehrt(verfahren, heute)
    verfahren.full_clean(exclude=["nummer"])
    verfahren.nummer = f"D-{heute.year}-{naechste_nummer(f'disziplinar-{heute.year}'):05d}"
    return speichern(
        verfahren, durch=durch, grund=f"Disziplinarverfahren eröffnet; Verjährung am {frist.ende:%d.%m.%Y}"
    )


def _verfahren_sperren(verfahren: Disziplinarverfahren) -> Disziplinarverfahren:
    # of=self: PostgreSQL refuses FOR UPDATE on nullable joins; the joined rows need no lock.
    return (
        Disziplinarverfahren.objects.select_for_update(of=("self",))
        .select_related("rapport__fall", "person", "anstalt")
        .get(pk=verfahren.pk)
    )


@transaction.atomic
def strafanzeige_vormerken(
    *, verfahren: Disziplinarverfahren, datum: date, referenz: str = "", durch
) -> Disziplinarverfahren:
    """R-40-4 (§ 40 Abs. 4): record the report to the Staatsanwaltschaft (criminal prosecution stays
    possible besides the disciplinary one, in any state of the proceeding)."""
    v = _verfahren_sperren(verfahren)
    berechtigung_pruefen(_darf_verfahren_leiten(durch, v), "Strafanzeige vormerken")
    if not _ist_datum(datum):
        raise _fehler("strafanzeige_am", "§ 40 Abs. 4 JVG (R-40-4): Datum der Strafanzeige angeben.", "datum")
    if datum > timezone.localdate():
        raise _fehler(
            "strafanzeige_am",
            "§ 40 Abs. 4 JVG (R-40-4): Das Datum der Strafanzeige kann nicht in der Zukunft liegen.",
            "zukunft",
        )
    if datum < fristen.lokales_datum(v.rapport.tatzeit):
        raise _fehler(
            "strafanzeige_am",
            "§ 40 Abs. 4 JVG (R-40-4): Die Strafanzeige kann nicht vor der Tat liegen.",
            "vor_tat",
        )
    v.strafanzeige = True
    v.strafanzeige_am = datum
    v.strafanzeige_referenz = (referenz or "").strip()
    return speichern(
        v, durch=durch, grund="Strafanzeige an die Staatsanwaltschaft vorgemerkt (§ 40 Abs. 4 JVG)"
    )


def verfuegung_von(verfahren: Disziplinarverfahren) -> Verfuegung | None:
    """The proceeding's current (not lifted) Disziplinarverfügung, if any."""
    return (
        Verfuegung.objects.filter(
            content_type=ContentType.objects.get_for_model(Disziplinarverfahren), object_id=verfahren.pk
        )
        .exclude(status=S.AUFGEHOBEN)
        .order_by("-pk")
        .first()
    )


@transaction.atomic
def verfahren_einstellen(*, verfahren: Disziplinarverfahren, grund: str, durch) -> Disziplinarverfahren:
    """Close an open proceeding without sanction; a draft decision is lifted with it."""
    v = _verfahren_sperren(verfahren)
    berechtigung_pruefen(_darf_verfahren_leiten(durch, v), "Disziplinarverfahren einstellen")
    if v.status != VS.OFFEN:
        raise _fehler("status", f"Das Verfahren ist bereits «{v.get_status_display()}».", "nicht_offen")
    if not (grund or "").strip():
        raise _fehler("einstellung_grund", "Die Einstellung ist zu begründen.", "grund_fehlt")
    entwurf = verfuegung_von(v)
    if entwurf is not None:
        if entwurf.status in EROEFFNETE_STATUS:
            raise _fehler("status", "Die Verfügung ist bereits eröffnet.", "eroeffnet")
        vfg.aufheben(verfuegung=entwurf, grund=f"Verfahren eingestellt: {grund.strip()}", durch=durch)
    v.status = VS.EINGESTELLT
    v.einstellung_grund = grund.strip()
    v.abgeschlossen_am = timezone.now()
    return speichern(v, durch=durch, grund="Disziplinarverfahren eingestellt")


# --- Sanctions (R-41-1, R-41-2) ------------------------------------------------------------------


@dataclass(frozen=True)
class SanktionDaten:
    art: str  # Disziplinarsanktionsart "a".."f"
    dauer_tage: int | None = None  # lit. e and f
    betrag_chf: Decimal | None = None  # lit. d, Decimal with at most two decimals
    beschreibung: str = ""  # lit. b: what is withdrawn
    vollzug_beginn: date | None = None  # lit. e/f: None = the day after notification
    vollzug_ende: date | None = None  # computed by the server; a contradicting value is refused


def _chf(betrag: Decimal) -> str:
    # de-CH: CHF 1'234.55
    return "CHF " + f"{betrag:,.2f}".replace(",", "'")


def sanktionen_pruefen(anstalt: Anstalt, sanktionen: list[SanktionDaten]) -> None:
    """R-41-1 and R-41-2 in ONE place: kinds, limits, combination, private facilities.

    Raises one ValidationError with every problem, keyed `sanktionen[i].<feld>` (or `sanktionen`).
    """
    if not sanktionen:
        raise _fehler(
            "sanktionen",
            "§ 41 Abs. 3 JVG (R-41-1): Mindestens eine Disziplinarsanktion angeben.",
            "sanktion_fehlt",
        )
    privat = anstalt.ist_privat
    if privat and not anstalt.disziplinarbefugnis_delegiert:
        raise _fehler(
            "sanktionen",
            f"§ 41 Abs. 2 JVG (R-41-2): Der privaten Einrichtung {anstalt.name} ist die Kompetenz, "
            "Disziplinarsanktionen auszufällen, nicht übertragen.",
            "nicht_delegiert",
        )
    maximum = Decimal(settings.JVG_DISZIPLINAR_BUSSE_MAX_CHF)
    fehler: dict[str, str] = {}
    gesehen: set[str] = set()
    for i, s in enumerate(sanktionen):

        def f(feld: str, meldung: str, i: int = i) -> None:
            fehler.setdefault(f"sanktionen[{i}].{feld}", meldung)

        if s.art not in A.values:
            f("art", "§ 41 Abs. 1 JVG (R-41-1): Unbekannte Disziplinarsanktion (lit. a–f).")
            continue
        art = A(s.art)
        if art in gesehen:
            f(
                "art",
                f"§ 41 Abs. 3 JVG (R-41-1): {art.label} ist bereits angegeben – jede Sanktionsart nur einmal "
                "je Verfügung (verschiedene Arten können verbunden werden).",
            )
        gesehen.add(art)
        if privat and art not in PRIVAT_ZULAESSIG:
            f(
                "art",
                f"§ 41 Abs. 2 JVG (R-41-2): Private Einrichtungen dürfen nur Sanktionen nach Abs. 1 lit. a–e "
                f"aussprechen, keinen {art.label} (lit. {art.value}).",
            )
            continue
        # Duration: lit. e and f only.
        tage = s.dauer_tage
        if art in MIT_DAUER:
            if isinstance(tage, bool) or not isinstance(tage, int) or tage < 1:
                f(
                    "dauer_tage",
                    f"{art.paragraph} (R-41-1): Dauer in ganzen Tagen angeben (mindestens 1 Tag).",
                )
            elif art == A.EINSCHLUSS and privat and tage > PRIVAT_EINSCHLUSS_MAX_TAGE:
                f(
                    "dauer_tage",
                    f"§ 41 Abs. 2 JVG (R-41-2): In privaten Einrichtungen Zellen- oder Zimmereinschluss "
                    f"höchstens {PRIVAT_EINSCHLUSS_MAX_TAGE} Tage.",
                )
            elif art == A.EINSCHLUSS and tage > EINSCHLUSS_MAX_TAGE:
                f(
                    "dauer_tage",
                    f"§ 41 Abs. 1 lit. e JVG (R-41-1): Zellen- oder Zimmereinschluss höchstens "
                    f"{EINSCHLUSS_MAX_TAGE} Tage.",
                )
            elif art == A.ARREST and tage > ARREST_MAX_TAGE:
                f("dauer_tage", f"§ 41 Abs. 1 lit. f JVG (R-41-1): Arrest höchstens {ARREST_MAX_TAGE} Tage.")
        elif tage is not None:
            f("dauer_tage", f"{art.paragraph} (R-41-1): Eine Dauer gibt es nur bei Einschluss und Arrest.")
        # Amount: lit. d only, Decimal, two decimals, 0 < amount <= configured maximum.
        betrag = s.betrag_chf
        if art == A.BUSSE:
            if not isinstance(betrag, Decimal) or not betrag.is_finite():
                f(
                    "betrag_chf",
                    "§ 41 Abs. 1 lit. d JVG (R-41-1): Betrag der Busse in Franken angeben (z. B. 150.00).",
                )
            elif betrag.as_tuple().exponent < -2:
                f(
                    "betrag_chf",
                    "§ 41 Abs. 1 lit. d JVG (R-41-1): Betrag höchstens auf Rappen genau (zwei Dezimalstellen).",
                )
            elif betrag <= 0:
                f("betrag_chf", "§ 41 Abs. 1 lit. d JVG (R-41-1): Die Busse muss grösser als CHF 0.00 sein.")
            elif betrag > maximum:
                f("betrag_chf", f"§ 41 Abs. 1 lit. d JVG (R-41-1): Busse höchstens {_chf(maximum)}.")
        elif betrag is not None:
            f("betrag_chf", f"{art.paragraph} (R-41-1): Einen Betrag gibt es nur bei der Busse (lit. d).")
        if art == A.ENTZUG and not (s.beschreibung or "").strip():
            f(
                "beschreibung",
                "§ 41 Abs. 1 lit. b JVG (R-41-1): Angeben, welche Erleichterung oder Bewilligung entzogen wird.",
            )
        if art not in MIT_DAUER and (s.vollzug_beginn is not None or s.vollzug_ende is not None):
            f(
                "vollzug_beginn",
                f"{art.paragraph} (R-41-1): Ein Vollzugszeitraum gibt es nur bei Einschluss und Arrest.",
            )
    if fehler:
        raise ValidationError(fehler)


def vollzugszeitraum(dauer_tage: int, beginn: date) -> tuple[date, date]:
    """Einschluss/Arrest: from `beginn` for `dauer_tage` days, both ends included."""
    return beginn, beginn + timedelta(days=dauer_tage - 1)


def _zeitplan_pruefen(
    sanktionen: list[SanktionDaten], heute: date
) -> dict[int, tuple[date | None, date | None]]:
    """The server computes each schedule; a client's end that contradicts it is refused (R-0-BAD-1)."""
    plan: dict[int, tuple[date | None, date | None]] = {}
    fehler = {}
    for i, s in enumerate(sanktionen):
        if s.art not in MIT_DAUER:
            continue
        beginn = s.vollzug_beginn
        if beginn is not None and (not _ist_datum(beginn) or beginn < heute):
            fehler[f"sanktionen[{i}].vollzug_beginn"] = (
                f"{A(s.art).paragraph} (R-41-1): Der Vollzugsbeginn ist ein Datum ab heute."
            )
            continue
        if beginn is None:
            if s.vollzug_ende is not None:
                fehler[f"sanktionen[{i}].vollzug_ende"] = (
                    f"{A(s.art).paragraph} (R-41-1): Ohne Vollzugsbeginn beginnt der Vollzug am Tag nach der "
                    "Eröffnung; das Ende berechnet das System."
                )
            plan[i] = (None, None)
            continue
        beginn, ende = vollzugszeitraum(s.dauer_tage, beginn)
        if s.vollzug_ende is not None and s.vollzug_ende != ende:
            fehler[f"sanktionen[{i}].vollzug_ende"] = (
                f"{A(s.art).paragraph} (R-41-1): {s.dauer_tage} Tage ab {beginn:%d.%m.%Y} enden am "
                f"{ende:%d.%m.%Y} (das Ende berechnet das System)."
            )
        plan[i] = (beginn, ende)
    if fehler:
        raise ValidationError(fehler)
    return plan


# --- The decision (R-41-4, R-41-5a) --------------------------------------------------------------


@dataclass(frozen=True)
class Beurteilung:
    """R-41-4 (§ 41 Abs. 4): the criteria of the assessment."""

    verschulden: str
    schwere: str
    persoenliche_verhaeltnisse: str
    auswirkung_resozialisierung: str


_BEURTEILUNG_LABEL = {
    "verschulden": "Schwere des Verschuldens",
    "schwere": "Schwere der Verletzung oder Gefährdung von Sicherheit, Ordnung und Zusammenleben",
    "persoenliche_verhaeltnisse": "Persönliche Umstände",
    "auswirkung_resozialisierung": "Wirkung der Sanktion auf die Resozialisierung",
}


def _sanktion_text(s: SanktionDaten, beginn: date | None, ende: date | None) -> str:
    art = A(s.art)
    if art == A.BUSSE:
        text = f"Busse von {_chf(s.betrag_chf)}"
    elif art == A.ENTZUG:
        text = f"Entzug von Erleichterungen bzw. einer anstaltsinternen Bewilligung: {s.beschreibung.strip()}"
    elif art in MIT_DAUER:
        text = f"{art.label} von {s.dauer_tage} {'Tag' if s.dauer_tage == 1 else 'Tagen'}"
        if beginn is not None:
            text += f", vom {beginn:%d.%m.%Y} bis {ende:%d.%m.%Y}"
        else:
            text += ", beginnend am Tag nach der Eröffnung dieser Verfügung"
    else:
        text = art.label
    return f"{text} ({art.paragraph})."


def _rechtsgrundlage(delikte: list[RapportDelikt], sanktionen: list[SanktionDaten]) -> str:
    abs1 = any(d.tatbestand == Tatbestand.ALLGEMEIN for d in delikte)
    buchstaben = sorted(d.tatbestand for d in delikte if d.tatbestand != Tatbestand.ALLGEMEIN)
    teile40 = (["Abs. 1"] if abs1 else []) + ([f"Abs. 2 lit. {', '.join(buchstaben)}"] if buchstaben else [])
    arten = ", ".join(sorted(s.art for s in sanktionen))
    return f"§ 40 {', '.join(teile40)} und Abs. 3; § 41 Abs. 1 lit. {arten} und Abs. 4 JVG"[:200]


@transaction.atomic
def verfuegung_entwerfen_fuer(
    *,
    verfahren: Disziplinarverfahren,
    sanktionen: list[SanktionDaten],
    beurteilung: Beurteilung,
    begruendung: str,
    durch,
) -> Verfuegung:
    """Draft the Disziplinarverfügung of an open proceeding.

    Steps: lock the proceeding; permission (management of its facility); open and not time-barred
    (R-41-5a: today after `verjaehrung_am` → refused); no other live decision; the four assessment
    criteria (R-41-4) and reasons; the sanctions (R-41-1/-2, `sanktionen_pruefen`); the server's
    execution schedule; the prior sanctions (Wiederholungsfall). Then draft the Verfügung of type
    DISZIPLINAR (facility = the proceeding's, gegenstand = the proceeding) through the shared
    lifecycle — Gehör (R-0-GEHOER-1) and four-eyes approval (R-0-4EYES-1) are enforced there, and the
    Rechtsmittelbelehrung of R-42-1 (§ 42: five days to the JSD; § 44: no suspensive effect; § 45: free
    of costs) comes from `recht.RECHTSFOLGEN[DISZIPLINAR]` — and store the sanctions and the criteria,
    all with history.
    """
    v = _verfahren_sperren(verfahren)
    berechtigung_pruefen(_darf_verfahren_leiten(durch, v), "Disziplinarverfügung entwerfen")
    if v.status != VS.OFFEN:
        raise _fehler("status", f"Das Verfahren ist «{v.get_status_display()}».", "nicht_offen")
    heute = timezone.localdate()
    if heute > v.verjaehrung_am:
        raise _verfolgung_verjaehrt(v, heute)
    vorhanden = verfuegung_von(v)
    if vorhanden is not None:
        raise _fehler(
            "status",
            f"Zu diesem Verfahren besteht bereits die Verfügung {vorhanden.nummer} "
            f"(«{vorhanden.get_status_display()}»).",
            "doppelt",
        )
    fehler = {}
    for feld, label in _BEURTEILUNG_LABEL.items():
        if not (getattr(beurteilung, feld) or "").strip():
            fehler[feld] = f"§ 41 Abs. 4 JVG (R-41-4): Für die Zumessung ist «{label}» zu würdigen."
    if not (begruendung or "").strip():
        fehler["begruendung"] = "§ 41 Abs. 4 JVG (R-41-4): Die Verfügung ist zu begründen."
    if fehler:
        raise ValidationError(fehler)
    sanktionen_pruefen(v.anstalt, sanktionen)
    zeitplan = _zeitplan_pruefen(sanktionen, heute)

    rapport = v.rapport
    delikte = list(rapport.delikte.all())
    frueher = list(vorstrafen(v.person, ausser=v))
    tat = timezone.localtime(rapport.tatzeit)
    person = v.person
    name = f"{person.vorname} {person.amtlicher_name}"
    sachverhalt = "\n\n".join(
        [
            f"Rapport der {v.anstalt.name} vom {timezone.localtime(rapport.erfasst_am):%d.%m.%Y} "
            f"über den Vorfall vom {tat:%d.%m.%Y} um {tat:%H:%M} Uhr (Verfahren {v.nummer}).",
            rapport.sachverhalt,
            "Vorgeworfene Disziplinarvergehen: "
            + "; ".join(
                f"{Tatbestand(d.tatbestand).paragraph} ({Teilnahmeform(d.teilnahmeform).label})"
                for d in delikte
            )
            + ".",
        ]
    )
    if frueher:
        vorstrafen_text = (
            "Frühere Disziplinarsanktionen (Wiederholungsfall, § 41 Abs. 4 JVG): "
            + "; ".join(
                f"Verfügung {s.verfuegung.nummer} vom "
                f"{timezone.localtime(s.verfuegung.eroeffnet_am):%d.%m.%Y}: {s.get_art_display()}"
                for s in frueher
            )
            + "."
        )
    else:
        vorstrafen_text = "Frühere Disziplinarsanktionen: keine."
    begruendung_text = "\n\n".join(
        [
            begruendung.strip(),
            "Zumessung (§ 41 Abs. 4 JVG):\n"
            + "\n".join(
                f"{label}: {getattr(beurteilung, feld).strip()}" for feld, label in _BEURTEILUNG_LABEL.items()
            ),
            vorstrafen_text,
        ]
    )
    dispositiv = "\n".join(
        f"{n}. {name}: {_sanktion_text(s, *zeitplan.get(i, (None, None)))}"
        for n, (i, s) in enumerate(enumerate(sanktionen), start=1)
    )
    verfuegung = vfg.verfuegung_entwerfen(
        typ=Verfuegungstyp.DISZIPLINAR,
        person=person,
        fall=rapport.fall,
        anstalt=v.anstalt,
        gegenstand=v,
        daten=vfg.Entwurfsdaten(
            titel="Disziplinarverfügung",
            rechtsgrundlage=_rechtsgrundlage(delikte, sanktionen),
            sachverhalt=sachverhalt,
            begruendung=begruendung_text,
            dispositiv=dispositiv,
        ),
        durch=durch,
    )
    for i, s in enumerate(sanktionen):
        beginn, ende = zeitplan.get(i, (None, None))
        speichern(
            Disziplinarsanktion(
                verfahren=v,
                verfuegung=verfuegung,
                art=s.art,
                dauer_tage=s.dauer_tage if s.art in MIT_DAUER else None,
                betrag_chf=s.betrag_chf if s.art == A.BUSSE else None,
                beschreibung=(s.beschreibung or "").strip(),
                vollzug_beginn=beginn,
                vollzug_ende=ende,
            ),
            durch=durch,
            grund=f"Sanktion verfügt ({A(s.art).paragraph})",
        )
    for feld in _BEURTEILUNG_LABEL:
        setattr(v, feld, getattr(beurteilung, feld).strip())
    speichern(v, durch=durch, grund="Zumessung erfasst (§ 41 Abs. 4 JVG)")
    return verfuegung


def _hat_verfahren(verfuegung: Verfuegung) -> bool:
    return verfuegung.content_type_id == ContentType.objects.get_for_model(Disziplinarverfahren).pk


def _verfahren_der_verfuegung(verfuegung: Verfuegung) -> Disziplinarverfahren:
    ct = ContentType.objects.get_for_model(Disziplinarverfahren)
    if verfuegung.typ != Verfuegungstyp.DISZIPLINAR or verfuegung.content_type_id != ct.pk:
        raise _fehler("typ", "Keine Disziplinarverfügung eines Disziplinarverfahrens.", "kein_disziplinar")
    return Disziplinarverfahren.objects.select_related("rapport").get(pk=verfuegung.object_id)


def eroeffnung_pruefen(
    verfuegung: Verfuegung, am: datetime | None = None, muendlich_am: datetime | None = None
) -> None:
    """Checks of every Eröffnung of a Disziplinarverfügung, whichever page or API notifies it
    (registered with the shared `eroeffnen` in `disziplinar/contributions.py`):
    R-41-5a (§ 41 Abs. 5 Satz 1): notified at the latest on the last day of the six months after the
    act (the local date of the written notification counts); a given start of Einschluss/Arrest not
    before the (first) notification. A decision of this type drafted outside a proceeding (the
    shared module allows it) has no act date to check."""
    if not _hat_verfahren(verfuegung):
        return
    verfahren = _verfahren_der_verfuegung(verfuegung)
    if verfahren.status != VS.OFFEN:
        raise _fehler("status", f"Das Verfahren ist «{verfahren.get_status_display()}».", "nicht_offen")
    tag = fristen.lokales_datum(am or timezone.now())
    if tag > verfahren.verjaehrung_am:
        raise _verfolgung_verjaehrt(verfahren, tag)
    erster_tag = fristen.lokales_datum(muendlich_am or am or timezone.now())
    for s in verfuegung.disziplinarsanktionen.order_by("pk"):
        if s.vollzug_beginn is not None and s.vollzug_beginn < erster_tag:
            raise _fehler(
                "am",
                f"{A(s.art).paragraph} (R-0-VFG-4): Der Vollzug ab {s.vollzug_beginn:%d.%m.%Y} kann nicht vor "
                "der Eröffnung beginnen.",
                "vollzug_vor_eroeffnung",
            )


def nach_eroeffnung(verfuegung: Verfuegung, durch) -> None:
    """After the Eröffnung (same transaction): the server's schedule for sanctions without a start
    (the day after the first notification, § 44: enforceable from Eröffnung) and the proceeding →
    entschieden."""
    if not _hat_verfahren(verfuegung):
        return
    v = _verfahren_sperren(_verfahren_der_verfuegung(verfuegung))
    erster_tag = fristen.lokales_datum(verfuegung.muendlich_eroeffnet_am or verfuegung.eroeffnet_am)
    for s in verfuegung.disziplinarsanktionen.select_for_update().order_by("pk"):
        if s.art in MIT_DAUER and s.vollzug_beginn is None:
            s.vollzug_beginn, s.vollzug_ende = vollzugszeitraum(s.dauer_tage, erster_tag + timedelta(days=1))
            speichern(s, durch=durch, grund="Vollzugszeitraum ab dem Tag nach der Eröffnung")
    v.status = VS.ENTSCHIEDEN
    v.abgeschlossen_am = verfuegung.eroeffnet_am
    speichern(v, durch=durch, grund=f"Entschieden: Verfügung {verfuegung.nummer} eröffnet")


@transaction.atomic
def verfuegung_eroeffnen(
    *,
    verfahren: Disziplinarverfahren,
    art: str,
    durch,
    am: datetime | None = None,
    muendlich_am: datetime | None = None,
    empfangsbestaetigung=None,
) -> Verfuegung:
    """Notify the approved Disziplinarverfügung of `verfahren` through the shared `eroeffnen`
    (permission, Gehör, appeal deadline of § 42, PDF), which also runs `eroeffnung_pruefen` and
    `nach_eroeffnung` for this type."""
    v = _verfahren_sperren(verfahren)
    verfuegung = verfuegung_von(v)
    if verfuegung is None or verfuegung.status != S.GENEHMIGT:
        raise _fehler(
            "status",
            "R-0-4EYES-1: Zu eröffnen ist eine genehmigte Disziplinarverfügung dieses Verfahrens.",
            "nicht_genehmigt",
        )
    return vfg.eroeffnen(
        verfuegung=verfuegung,
        art=art,
        durch=durch,
        am=am,
        muendlich_am=muendlich_am,
        empfangsbestaetigung=empfangsbestaetigung,
    )


# --- Execution (§ 44, R-41-1 lit. c, R-41-5b) ----------------------------------------------------


@transaction.atomic
def sanktion_vollziehen(*, sanktion: Disziplinarsanktion, durch) -> Disziplinarsanktion:
    """Record the execution of one sanction.

    Steps: lock; permission (management of the facility); still ordered and not time-barred
    (R-41-5b: six months after Rechtskraft); the decision is enforceable (§ 44: from Eröffnung unless
    the appeal instance granted suspensive effect); Einschluss/Arrest not before its start; lit. c
    moves the plan's stage through `vollzug.domain.stufe_zurueckversetzen` (refuses without plan or at
    the lowest stage); when every sanction of the decision is settled, the decision → vollzogen.
    """
    s = (
        Disziplinarsanktion.objects.select_for_update(of=("self",))
        .select_related("verfahren__rapport__fall", "verfuegung")
        .get(pk=sanktion.pk)
    )
    verfahren, verfuegung = s.verfahren, s.verfuegung
    berechtigung_pruefen(_darf_verfahren_leiten(durch, verfahren), "Disziplinarsanktion vollziehen")
    heute = timezone.localdate()
    if s.status == Sanktionsstatus.VERJAEHRT or (
        verfuegung.rechtskraeftig_am is not None
        and vollstreckungsverjaehrung(verfuegung.rechtskraeftig_am).ende < heute
    ):
        raise _fehler(
            "status",
            "§ 41 Abs. 5 JVG (R-41-5b): Der Vollzug ist verjährt (sechs Monate nach der rechtskräftigen "
            "Verfügung).",
            "vollzug_verjaehrt",
        )
    if s.status != Sanktionsstatus.ANGEORDNET:
        raise _fehler("status", "Diese Sanktion ist bereits vollzogen.", "schon_vollzogen")
    if not vfg.ist_vollstreckbar(verfuegung):
        raise _fehler(
            "status",
            "§ 44 JVG (R-0-VFG-4): Die Verfügung ist (noch) nicht vollstreckbar.",
            "nicht_vollstreckbar",
        )
    if s.vollzug_beginn is not None and heute < s.vollzug_beginn:
        raise _fehler(
            "status",
            f"{A(s.art).paragraph} (R-41-1): Der Vollzug beginnt erst am {s.vollzug_beginn:%d.%m.%Y}.",
            "vor_beginn",
        )
    if s.art == A.RUECKVERSETZUNG:
        from vollzug.domain import stufe_zurueckversetzen

        stufe_zurueckversetzen(
            fall=verfahren.rapport.fall,
            durch=durch,
            grund=f"§ 41 Abs. 1 lit. c JVG: Disziplinarverfügung {verfuegung.nummer}",
            quelle=s,
        )
    s.status = Sanktionsstatus.VOLLZOGEN
    s.vollzogen_am = timezone.now()
    speichern(s, durch=durch, grund=f"Vollzogen ({A(s.art).paragraph})")
    offen = verfuegung.disziplinarsanktionen.filter(status=Sanktionsstatus.ANGEORDNET).exists()
    if not offen and S.VOLLZOGEN in UEBERGAENGE[verfuegung.status]:
        vfg.als_vollzogen_markieren(verfuegung=verfuegung, durch=durch)
    return s


# --- The limitation job (R-41-5a, R-41-5b) --------------------------------------------------------


@dataclass(frozen=True)
class Verjaehrungslauf:
    verfahren: int = 0  # proceedings closed as verjährt (R-41-5a)
    sanktionen: int = 0  # sanctions marked verjährt (R-41-5b)
    nachgefuehrt: int = 0  # sanctions whose limitation date was recorded (R-0-FRIST-2)

    @property
    def gesamt(self) -> int:
        return self.verfahren + self.sanktionen + self.nachgefuehrt


def verfahren_verjaehrt_faellig(heute: date):
    """R-41-5a: open proceedings whose last day passed and whose decision was not notified. No lower
    bound: a missed run catches up."""
    notifiziert = Verfuegung.objects.filter(
        content_type=ContentType.objects.get_for_model(Disziplinarverfahren),
        object_id=OuterRef("pk"),
        status__in=EROEFFNETE_STATUS,
    )
    return Disziplinarverfahren.objects.filter(status=VS.OFFEN, verjaehrung_am__lt=heute).exclude(
        Exists(notifiziert)
    )


def rechtskraft_stichtag(heute: date) -> date:
    """The last Rechtskraft date whose six months ended before `heute` (Art. 77 OR is monotone, so
    every earlier date too). Six months span 181 to 184 days."""
    tag = heute - timedelta(days=182)
    while vollstreckungsverjaehrung(tag).ende >= heute:
        tag -= timedelta(days=1)
    return tag


def sanktionen_nachzufuehren(heute: date):
    """R-41-5b: ordered sanctions of a binding decision whose limitation date is not yet recorded,
    or recorded as passed (then they become verjährt)."""
    return Disziplinarsanktion.objects.filter(
        status=Sanktionsstatus.ANGEORDNET, verfuegung__rechtskraeftig_am__isnull=False
    ).filter(Q(vollstreckungsverjaehrung_am__isnull=True) | Q(vollstreckungsverjaehrung_am__lt=heute))


def verjaehrung_eintragen(
    *, heute: date | None = None, batch: int = 500, zeitbudget_s: float = 50
) -> Verjaehrungslauf:
    """§ 41 Abs. 5: close time-barred proceedings (R-41-5a) and time-barred sanctions (R-41-5b).

    On the one batch-job runner (kern.jobs): the job's advisory lock keeps two sweeps apart; pages by
    primary key, one transaction per page with the rows locked (`skip_locked`: a row a user is working
    on is left for the next run); both phases share the time budget; idempotent (a second run finds
    nothing). Actor of every history row: the job's system user.

    Proceedings: status → verjaehrt; a draft/submitted/approved decision is lifted (→ aufgehoben, the
    lifecycle allows no other exit before Eröffnung). Sanctions: the limitation date is recorded with
    its method once the decision is binding; when it has passed → verjaehrt, and a decision all of
    whose sanctions became time-barred → verjaehrt.
    """
    heute = heute or timezone.localdate()
    job = system_benutzer("disziplinar-verjaehrung")
    ct = ContentType.objects.get_for_model(Disziplinarverfahren)
    zaehler = {"verfahren": 0, "sanktionen": 0, "nachgefuehrt": 0}

    def verfahren_stapel(zeilen: list[Disziplinarverfahren]) -> None:
        # R-41-5a: proceedings.
        entwuerfe: dict[int, list[Verfuegung]] = {}
        for vf in (
            Verfuegung.objects.select_for_update(of=("self",))
            .filter(content_type=ct, object_id__in=[z.pk for z in zeilen])
            .exclude(status=S.AUFGEHOBEN)
            .order_by("pk")
        ):
            entwuerfe.setdefault(vf.object_id, []).append(vf)
        jetzt, verjaehrt = timezone.now(), []
        for verfahren in zeilen:
            verfuegungen = entwuerfe.get(verfahren.pk, [])
            if any(vf.status in EROEFFNETE_STATUS for vf in verfuegungen):
                continue  # notified meanwhile (concurrent Eröffnung): not time-barred
            for vf in verfuegungen:
                vfg.verfuegung_uebergang(
                    verfuegung=vf,
                    nach=S.AUFGEHOBEN,
                    durch=job,
                    grund="Verfolgungsverjährung (§ 41 Abs. 5 JVG)",
                    aufhebung_grund=(
                        f"Die disziplinarische Verfolgung ist am {verfahren.verjaehrung_am:%d.%m.%Y} "
                        "verjährt (§ 41 Abs. 5 JVG); die Verfügung wurde nicht rechtzeitig eröffnet."
                    ),
                    nur_geaenderte=True,
                )
            verfahren.status, verfahren.abgeschlossen_am = VS.VERJAEHRT, jetzt
            # R-0-AUDIT-1: the job is the actor of each history row, with its reason.
            verfahren._history_user = job
            verfahren._change_reason = f"Verjährt am {verfahren.verjaehrung_am:%d.%m.%Y} (§ 41 Abs. 5 JVG)"
            verjaehrt.append(verfahren)
        # One UPDATE and one history INSERT per batch instead of two statements per row (about ten
        # times faster on PostgreSQL); the rows are locked above, the database constraints still
        # guard the values.
        if verjaehrt:
            Disziplinarverfahren.objects.filter(pk__in=[v.pk for v in verjaehrt]).update(
                status=VS.VERJAEHRT, abgeschlossen_am=jetzt
            )
            Disziplinarverfahren.history.bulk_history_create(verjaehrt, update=True, default_user=job)
            zaehler["verfahren"] += len(verjaehrt)

    def sanktionen_stapel(zeilen: list[Disziplinarsanktion]) -> None:
        # R-41-5b: sanctions.
        betroffen: set[int] = set()
        for s in zeilen:
            frist = vollstreckungsverjaehrung(s.verfuegung.rechtskraeftig_am)
            felder = ["vollstreckungsverjaehrung_am", "vollstreckungsverjaehrung_methode"]
            s.vollstreckungsverjaehrung_am, s.vollstreckungsverjaehrung_methode = (
                frist.ende,
                frist.methode,
            )
            if frist.ende < heute:
                s.status = Sanktionsstatus.VERJAEHRT
                felder.append("status")
                grund = f"Vollzug verjährt am {frist.ende:%d.%m.%Y} (§ 41 Abs. 5 JVG)"
                zaehler["sanktionen"] += 1
                betroffen.add(s.verfuegung_id)
            else:
                grund = f"Vollstreckungsverjährung am {frist.ende:%d.%m.%Y} (§ 41 Abs. 5 JVG)"
                zaehler["nachgefuehrt"] += 1
            speichern(s, durch=job, grund=grund, felder=felder)
        # A decision none of whose sanctions can be executed any more is itself time-barred.
        erledigt = (
            Verfuegung.objects.filter(pk__in=betroffen, status__in=[S.RECHTSKRAEFTIG, S.BESCHWERDEENTSCHEID])
            .annotate(
                offen=Count(
                    "disziplinarsanktionen",
                    filter=~Q(disziplinarsanktionen__status=Sanktionsstatus.VERJAEHRT),
                )
            )
            .filter(offen=0)
            .order_by("pk")
        )
        for vf in erledigt:
            vfg.verfuegung_uebergang(
                verfuegung=vf,
                nach=S.VERJAEHRT,
                durch=job,
                grund="Vollstreckungsverjährung aller Sanktionen (§ 41 Abs. 5 JVG)",
                nur_geaenderte=True,
            )

    with jobs.sperre("disziplinar.verjaehrung_eintragen") as frei:
        if not frei:
            log.info("R-41-5: anderer Lauf aktiv, übersprungen")
            return Verjaehrungslauf(**zaehler)
        budget = jobs.Zeitbudget(zeitbudget_s)
        jobs.stapelweise(
            verfahren_verjaehrt_faellig(heute), batch=batch, budget=budget, verarbeiten=verfahren_stapel
        )
        # The decision is joined (inner): lock the sanction rows only.
        jobs.stapelweise(
            sanktionen_nachzufuehren(heute).select_related("verfuegung"),
            batch=batch,
            budget=budget,
            verarbeiten=sanktionen_stapel,
        )

    return Verjaehrungslauf(**zaehler)
