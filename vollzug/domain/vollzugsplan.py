"""Vollzugsplan (§ 18 JVG, R-18-1..3): every write of the plan and its stages goes through a function here.

§ 18 Abs. 1: a person sentenced to at least six months of Freiheitsstrafe gets a plan, drawn up by the
management of the facility at the start of execution (Gestaltung, Vollzugsziele, Wiedereingliederung).
§ 18 Abs. 2: it is reviewed at regular intervals and sent to the Vollzugsbehörde without being asked.

A plan's content lives in immutable versions (a review is a new version, R-18-3); the current stage
lives on the plan, because a disciplinary sanction (§ 41 Abs. 1 lit. c, issue 5) moves it down without
revising the plan. Whether a case needs a plan is decided in one place, `vollzug.queries` (R-18-1); its due days are in `vollzug.recht`.
"""

import difflib
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from kern.audit import speichern
from kern.fristen import lokales_datum, tagesende
from kern.models import Aufgabe
from kern.rollen import Rolle, berechtigung_pruefen, hat_rolle
from vollzug.models import Platzierung, Vollzugsfall, Vollzugsplan, Vollzugsplanversion, Vollzugsstufe
from vollzug.permissions import darf_plan_bearbeiten
from vollzug.queries import vollzugsplan_erforderlich
from vollzug.recht import (
    KENNTNISNAHME_TAGE,
    PLAN_STATUS,
    VollzugAufgabenart,
    ueberpruefung_faellig_am,
)

# The history table keeps the reason of a change in 100 characters (simple-history's default column).
GRUND_MAX = 100

_FEHLER_R18_2 = "§ 18 Abs. 1 JVG (R-18-2)"


@dataclass(frozen=True)
class StufeDaten:
    nummer: int
    bezeichnung: str
    beschreibung: str = ""


# --- Who may act -----------------------------------------------------------------------------


def _aktuelle_anstalt_id(fall: Vollzugsfall) -> int | None:
    return (
        Platzierung.objects.filter(fall=fall, bis__isnull=True).values_list("anstalt_id", flat=True).first()
    )


def _leitung_der_anstalt_pruefen(user, anstalt_id: int | None, was: str) -> None:
    berechtigung_pruefen(hat_rolle(user, Rolle.ANSTALTSLEITUNG), was)
    if not darf_plan_bearbeiten(user, anstalt_id):
        # Facility management acts only for persons placed in its own facility (R-0-ROLE-1).
        raise PermissionDenied(
            f"Keine Berechtigung: {was} – die Person ist nicht in Ihrer Einrichtung platziert (R-0-ROLE-1)."
        )


# --- Due dates (R-18-1, R-18-3) ------------------------------------------------------------


def _letzte_version(plan: Vollzugsplan) -> Vollzugsplanversion | None:
    # Reads prefetched versions when there are any (pages and API prefetch them): no query per plan.
    return max(plan.versionen.all(), key=lambda v: v.nummer, default=None)


def naechste_ueberpruefung(plan_or_version: Vollzugsplan | Vollzugsplanversion) -> date | None:
    """R-18-3: the day the next review is due, counted from the latest version (None without one)."""
    if isinstance(plan_or_version, Vollzugsplan):
        version = _letzte_version(plan_or_version)
    else:
        version = plan_or_version
    return ueberpruefung_faellig_am(version.erstellt_am) if version is not None else None


def ist_ueberfaellig(faellig: date | None, jetzt: datetime | None = None) -> bool:
    """Past the end of the due day (23:59:59 Zurich), the same moment the Fristenkontrolle uses."""
    return faellig is not None and (jetzt or timezone.now()) > tagesende(faellig)


# --- Validation -----------------------------------------------------------------------------


def _texte_pruefen(gestaltung: str, vollzugsziele: str, wiedereingliederung: str) -> dict:
    fehler = {}
    pflicht = {
        "gestaltung": "die Gestaltung des Vollzugs",
        "vollzugsziele": "die Vollzugsziele",
        "wiedereingliederung": "die Wiedereingliederung nach der Entlassung",
    }
    werte = {
        "gestaltung": gestaltung,
        "vollzugsziele": vollzugsziele,
        "wiedereingliederung": wiedereingliederung,
    }
    for feld, was in pflicht.items():
        if not (werte[feld] or "").strip():
            fehler[feld] = ValidationError(
                f"{_FEHLER_R18_2}: Der Vollzugsplan umfasst {was} – bitte ausfüllen.", code="pflichtangabe"
            )
    return fehler


def _stufen_pruefen(stufen: list[StufeDaten], aktuelle_stufe) -> dict:
    """R-18-2: the stages of progression (§ 41 Abs. 1 lit. c demotes by one): numbered 1..n, 1 = lowest."""
    if not stufen:
        return {
            "stufen": ValidationError(
                f"{_FEHLER_R18_2}: Der Vollzugsplan legt mindestens eine Vollzugsstufe fest.",
                code="keine_stufe",
            )
        }
    fehler = {}
    for i, stufe in enumerate(stufen):
        bezeichnung = (stufe.bezeichnung or "").strip()
        if not bezeichnung:
            fehler[f"stufen[{i}].bezeichnung"] = ValidationError(
                f"{_FEHLER_R18_2}: Stufe {stufe.nummer} braucht eine Bezeichnung.", code="stufe_ohne_name"
            )
        elif len(bezeichnung) > Vollzugsstufe._meta.get_field("bezeichnung").max_length:
            fehler[f"stufen[{i}].bezeichnung"] = ValidationError(
                f"{_FEHLER_R18_2}: Die Bezeichnung der Stufe {stufe.nummer} ist zu lang (höchstens 120 Zeichen).",
                code="stufe_name_lang",
            )
    nummern = [s.nummer for s in stufen]
    if sorted(nummern) != list(range(1, len(stufen) + 1)):
        fehler["stufen"] = ValidationError(
            f"{_FEHLER_R18_2}: Die Stufen sind von 1 (tiefste Stufe) bis {len(stufen)} lückenlos und ohne "
            f"Doppel zu nummerieren (erhalten: {', '.join(str(n) for n in nummern)}).",
            code="stufen_nummerierung",
        )
    elif aktuelle_stufe not in nummern:
        fehler["aktuelle_stufe"] = ValidationError(
            f"{_FEHLER_R18_2}: Die aktuelle Stufe muss eine der festgelegten Stufen (1–{len(stufen)}) sein.",
            code="aktuelle_stufe_unbekannt",
        )
    return fehler


# --- Writes ---------------------------------------------------------------------------------


@transaction.atomic
def version_erstellen(
    *,
    fall: Vollzugsfall,
    gestaltung: str,
    vollzugsziele: str,
    wiedereingliederung: str,
    stufen: list[StufeDaten],
    aktuelle_stufe: int,
    anlass: str = "",
    durch,
) -> Vollzugsplanversion:
    """R-18-1/R-18-2/R-18-3: draw up the plan (version 1) or record a review (version 2, 3, …).

    Steps: lock the case (serialises the first version: one plan per case, no duplicate numbers);
    permission: management of the facility of the open placement; the case is in execution and needs a
    plan (R-18-1); the three contents and the stages (1..n, current one among them) are given; a review
    states its reason (`anlass`). Then create the plan on the first version, lock it, save the version
    with the next number and its stages, and move the current stage (`stufe_seit` only if it changed).
    Versions are never edited afterwards; a change is the next version.
    """
    was = "Vollzugsplan erstellen (§ 18 Abs. 1 JVG)"
    berechtigung_pruefen(hat_rolle(durch, Rolle.ANSTALTSLEITUNG), was)
    fall = Vollzugsfall.objects.select_for_update().get(pk=fall.pk)
    anstalt_id = _aktuelle_anstalt_id(fall)
    _leitung_der_anstalt_pruefen(durch, anstalt_id, was)
    if fall.status not in PLAN_STATUS:
        raise ValidationError(
            {
                "__all__": ValidationError(
                    "§ 18 JVG (R-18-1): Ein Vollzugsplan wird während des Vollzugs erstellt und überprüft – "
                    f"der Fall ist «{fall.get_status_display()}».",
                    code="nicht_im_vollzug",
                )
            }
        )
    if not vollzugsplan_erforderlich(fall):
        raise ValidationError(
            {
                "__all__": ValidationError(
                    "§ 18 Abs. 1 JVG (R-18-1): Ein Vollzugsplan ist nur bei einer Freiheitsstrafe von mindestens "
                    "sechs Monaten vorgesehen; die Freiheitsstrafen dieses Falls erreichen das nicht.",
                    code="kein_plan_erforderlich",
                )
            }
        )
    plan = Vollzugsplan.objects.select_for_update().filter(fall=fall).first()
    bisher = plan.versionen.aggregate(m=Max("nummer"))["m"] if plan else None
    nummer = (bisher or 0) + 1

    fehler = _texte_pruefen(gestaltung, vollzugsziele, wiedereingliederung)
    fehler.update(_stufen_pruefen(stufen, aktuelle_stufe))
    if nummer > 1 and not (anlass or "").strip():
        fehler["anlass"] = ValidationError(
            "§ 18 Abs. 2 JVG (R-18-3): Eine Überprüfung hält Anlass und Ergebnis fest – bitte ausfüllen.",
            code="anlass_fehlt",
        )
    if fehler:
        raise ValidationError(fehler)

    jetzt = timezone.now()
    if plan is None:
        # Created under the case lock above, so two first versions cannot both create a plan.
        plan = speichern(
            Vollzugsplan(fall=fall), durch=durch, grund="Vollzugsplan angelegt (§ 18 Abs. 1 JVG)"
        )
    version = speichern(
        Vollzugsplanversion(
            plan=plan,
            nummer=nummer,
            anstalt_id=anstalt_id,
            gestaltung=gestaltung.strip(),
            vollzugsziele=vollzugsziele.strip(),
            wiedereingliederung=wiedereingliederung.strip(),
            anlass=(anlass or "").strip(),
            erstellt_am=jetzt,
            erstellt_durch=durch,
        ),
        durch=durch,
        grund="Vollzugsplan erstellt (§ 18 Abs. 1 JVG)" if nummer == 1 else "Überprüfung (§ 18 Abs. 2 JVG)",
    )
    for stufe in sorted(stufen, key=lambda s: s.nummer):
        speichern(
            Vollzugsstufe(
                version=version,
                nummer=stufe.nummer,
                bezeichnung=stufe.bezeichnung.strip(),
                beschreibung=(stufe.beschreibung or "").strip(),
            ),
            durch=durch,
        )
    if plan.aktuelle_stufe != aktuelle_stufe:
        plan.aktuelle_stufe = aktuelle_stufe
        plan.stufe_seit = jetzt
    speichern(plan, durch=durch, grund=f"Version {nummer} (§ 18 JVG), Stufe {aktuelle_stufe}")
    return version


@transaction.atomic
def version_zustellen(*, version: Vollzugsplanversion, durch) -> Vollzugsplanversion:
    """R-18-3 (§ 18 Abs. 2: "der Vollzugsbehörde unaufgefordert zuzustellen"): record that the facility
    management sent this version to the authority, once; the authority gets a task to read it.

    Steps: lock the version (two clicks record one sending); permission: management of the facility
    that drew it up; refuse a second sending; record time and actor; create the task for the case
    workers, due after `KENNTNISNAHME_TAGE` days.
    """
    was = "Vollzugsplan zustellen (§ 18 Abs. 2 JVG)"
    berechtigung_pruefen(hat_rolle(durch, Rolle.ANSTALTSLEITUNG), was)
    version = Vollzugsplanversion.objects.select_for_update().select_related("plan__fall").get(pk=version.pk)
    _leitung_der_anstalt_pruefen(durch, version.anstalt_id, was)
    if version.zugestellt_am is not None:
        raise ValidationError(
            {
                "zugestellt_am": ValidationError(
                    f"§ 18 Abs. 2 JVG (R-18-3): Version {version.nummer} wurde der Vollzugsbehörde bereits am "
                    f"{timezone.localtime(version.zugestellt_am):%d.%m.%Y %H:%M} zugestellt.",
                    code="bereits_zugestellt",
                )
            }
        )
    jetzt = timezone.now()
    version.zugestellt_am = jetzt
    version.zugestellt_durch = durch
    speichern(version, durch=durch, grund="Der Vollzugsbehörde zugestellt (§ 18 Abs. 2 JVG)")
    fall = version.plan.fall
    speichern(
        Aufgabe(
            art=VollzugAufgabenart.VOLLZUGSPLAN_ZUGESTELLT,
            titel=f"Vollzugsplan Version {version.nummer} (Fall {fall.fallnummer}) zur Kenntnis nehmen",
            beschreibung=(
                f"Zugestellt durch {durch} am {timezone.localtime(jetzt):%d.%m.%Y %H:%M} (§ 18 Abs. 2 JVG)."
            ),
            fuer_rolle=Rolle.SACHBEARBEITUNG,
            fall=fall,
            faellig_am=tagesende(lokales_datum(jetzt) + timedelta(days=KENNTNISNAHME_TAGE)),
        ),
        durch=durch,
        grund="Vollzugsplan zugestellt (§ 18 Abs. 2 JVG)",
    )
    return version


@transaction.atomic
def kenntnis_nehmen(*, aufgabe: Aufgabe, durch) -> Aufgabe:
    """§ 18 Abs. 2: the case worker has read a plan the facility sent; settles its task (once)."""
    berechtigung_pruefen(hat_rolle(durch, Rolle.SACHBEARBEITUNG), "Vollzugsplan zur Kenntnis nehmen")
    aufgabe = Aufgabe.objects.select_for_update().get(pk=aufgabe.pk)
    if aufgabe.art != VollzugAufgabenart.VOLLZUGSPLAN_ZUGESTELLT:
        raise ValidationError(
            {"__all__": ValidationError("Keine Aufgabe zu einem Vollzugsplan.", code="art")}
        )
    if aufgabe.erledigt_am is not None:
        raise ValidationError(
            {"__all__": ValidationError("Diese Aufgabe ist bereits erledigt.", code="bereits_erledigt")}
        )
    aufgabe.erledigt_am = timezone.now()
    aufgabe.erledigt_durch = durch
    return speichern(aufgabe, durch=durch, grund="Vollzugsplan zur Kenntnis genommen (§ 18 Abs. 2 JVG)")


# --- Comparison of two versions -------------------------------------------------------------

VERGLEICHSFELDER = ("gestaltung", "vollzugsziele", "wiedereingliederung")


def stufen_als_text(version: Vollzugsplanversion) -> str:
    """The stages one per line ("2. Wohngruppe – Beschreibung"); reads prefetched stages if present."""
    zeilen = []
    for stufe in sorted(version.stufen.all(), key=lambda s: s.nummer):
        zeile = f"{stufe.nummer}. {stufe.bezeichnung}"
        if stufe.beschreibung:
            zeile += f" – {' '.join(stufe.beschreibung.split())}"
        zeilen.append(zeile)
    return "\n".join(zeilen)


def _diff(alt: str, neu: str) -> list[str]:
    zeilen = difflib.unified_diff(alt.splitlines(), neu.splitlines(), lineterm="", n=2)
    # The two file header lines ("--- ", "+++ ") say nothing here; hunks start with "@@".
    return [z for i, z in enumerate(zeilen) if i >= 2]


def versionen_vergleichen(alt: Vollzugsplanversion, neu: Vollzugsplanversion) -> list[tuple[str, list[str]]]:
    """R-18-3: what a review changed, per content field and for the stages, as unified-diff lines
    ('-' removed, '+' added, ' ' context, '@@' new section); an unchanged field has no lines."""
    ergebnis = []
    for feld in VERGLEICHSFELDER:
        label = str(Vollzugsplanversion._meta.get_field(feld).verbose_name)
        ergebnis.append((label, _diff(getattr(alt, feld), getattr(neu, feld))))
    ergebnis.append(("Vollzugsstufen", _diff(stufen_als_text(alt), stufen_als_text(neu))))
    return ergebnis
