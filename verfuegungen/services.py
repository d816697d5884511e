"""Every write of a Verfügung goes through one function here (STYLE §2, §3).

The lifecycle is ONE transition function (`verfuegung_uebergang`) with an explicit table of allowed
moves; the named domain functions (`genehmigen`, `eroeffnen`, …) check permission and the rule of
their step, lock the row, and then move it through that function. UI views, module code and the
Rechtskraft job all call these functions.
"""

import hashlib
import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from kern import erweiterungen, fristen, jobs
from kern.audit import naechste_nummer, speichern, system_benutzer
from kern.rollen import Rolle, berechtigung_pruefen, hat_rolle
from verfuegungen import recht
from verfuegungen.enums import (
    Anhoerungsart,
    Beschwerdeergebnis,
    EroeffnungArt,
    Genehmigungsaktion,
    Verfuegungsstatus,
    Verfuegungstyp,
)
from verfuegungen.models import Anhoerung, Beschwerde, Genehmigungsschritt, Verfuegung
from vollzug.models import Anstalt, Person, Platzierung, Vollzugsfall
from vollzug.queries import personen_fuer_user

log = logging.getLogger(__name__)

S = Verfuegungsstatus

# The appeal failed: the contested decision stands as it was.
_BESTAETIGT = (Beschwerdeergebnis.ABGEWIESEN, Beschwerdeergebnis.NICHTEINTRETEN)

# --- The lifecycle: one table, one function ----------------------------------------------------

UEBERGAENGE: dict[str, frozenset[str]] = {
    S.ENTWURF: frozenset({S.ZUR_GENEHMIGUNG, S.AUFGEHOBEN}),
    S.ZUR_GENEHMIGUNG: frozenset({S.GENEHMIGT, S.ENTWURF, S.AUFGEHOBEN}),
    S.GENEHMIGT: frozenset({S.EROEFFNET, S.AUFGEHOBEN}),
    S.EROEFFNET: frozenset({S.RECHTSKRAEFTIG, S.ANGEFOCHTEN, S.AUFGEHOBEN, S.VOLLZOGEN}),
    # The job records Rechtskraft the day after the deadline; an appeal handed to the post office on
    # the last day arrives later and still reopens it (the instance decides on timeliness).
    S.RECHTSKRAEFTIG: frozenset({S.ANGEFOCHTEN, S.VOLLZOGEN, S.VERJAEHRT, S.AUFGEHOBEN}),
    # §44: without suspensive effect a contested decision may be executed, and an executed one
    # may still be contested within the deadline.
    S.ANGEFOCHTEN: frozenset({S.BESCHWERDEENTSCHEID, S.AUFGEHOBEN, S.VOLLZOGEN}),
    # § 43 Abs. 2: after a rejected appeal the decision becomes rechtskräftig once the further appeal
    # deadline passes unused (job) or a further appeal ends (recorded from the court's certificate).
    S.BESCHWERDEENTSCHEID: frozenset({S.RECHTSKRAEFTIG, S.VOLLZOGEN, S.VERJAEHRT, S.AUFGEHOBEN}),
    S.AUFGEHOBEN: frozenset(),
    S.VERJAEHRT: frozenset(),
    S.VOLLZOGEN: frozenset({S.ANGEFOCHTEN, S.BESCHWERDEENTSCHEID}),
}

# The rule a refused move offends, named in the message.
_REGEL_FUER_ZIEL = {
    S.ZUR_GENEHMIGUNG: "R-0-4EYES-1",
    S.GENEHMIGT: "R-0-4EYES-1",
    S.ENTWURF: "R-0-4EYES-1",
    S.EROEFFNET: "R-0-VFG-2",
    S.RECHTSKRAEFTIG: "R-0-VFG-3",
    S.ANGEFOCHTEN: "R-0-VFG-5",
    S.BESCHWERDEENTSCHEID: "R-0-VFG-5",
    S.VOLLZOGEN: "R-0-VFG-4",
    S.VERJAEHRT: "R-0-VFG-3",
    S.AUFGEHOBEN: "R-0-VFG-2",
}

# A hearing missed because of Gefahr im Verzug is held "unverzüglich"; our working limit for the
# Fristenkontrolle (not a statutory deadline): five days, counted like a procedural deadline.
GEHOER_NACHHOLEN_TAGE = 5


def _fehler(feld: str, meldung: str, code: str) -> ValidationError:
    return ValidationError({feld: ValidationError(meldung, code=code)})


def _uebergang_pruefen(von: str, nach: str) -> None:
    if nach not in UEBERGAENGE.get(von, frozenset()):
        raise _fehler(
            "status",
            f"Übergang von «{S(von).label}» nach «{S(nach).label if nach in S.values else nach}» ist nicht "
            f"zulässig ({_REGEL_FUER_ZIEL.get(nach, 'R-0-VFG-2')}).",
            "uebergang_unzulaessig",
        )


@transaction.atomic
def verfuegung_uebergang(
    *, verfuegung: Verfuegung, nach: str, durch, grund: str = "", nur_geaenderte: bool = False, **daten
) -> Verfuegung:
    """Move `verfuegung` to `nach` if the table allows it, setting the fields in `daten`.

    Steps: lock the row and compare its stored status with ours (a concurrent change wins, we
    refuse); check the table; set fields and status; save with history (actor `durch`, reason).
    """
    gespeichert = (
        Verfuegung.objects.select_for_update().filter(pk=verfuegung.pk).values_list("status", flat=True)
    )
    aktuell = gespeichert.get()
    if aktuell != verfuegung.status:
        raise _fehler(
            "status",
            f"Die Verfügung {verfuegung.nummer} wurde inzwischen geändert (jetzt «{S(aktuell).label}»). "
            "Bitte neu laden.",
            "veraltet",
        )
    _uebergang_pruefen(aktuell, nach)
    for feld, wert in daten.items():
        setattr(verfuegung, feld, wert)
    verfuegung.status = nach
    # history_change_reason holds 100 characters; longer texts belong in a field (e.g. aufhebung_grund).
    grund = grund or f"{S(aktuell).label} → {S(nach).label}"
    # nur_geaenderte: the batch job writes just status and its fields (see speichern's `felder`).
    felder = ["status", *daten] if nur_geaenderte else None
    return speichern(
        verfuegung, durch=durch, grund=grund if len(grund) <= 100 else grund[:99] + "…", felder=felder
    )


def _sperren(verfuegung: Verfuegung) -> Verfuegung:
    # Every step re-reads the row under a lock: two approvers or a user and the job at once → the
    # second sees the first one's result and is refused with a clear message.
    # of=self: the facility is a nullable join, which PostgreSQL refuses to lock (and need not).
    return (
        Verfuegung.objects.select_for_update(of=("self",))
        .select_related("person", "anstalt")
        .get(pk=verfuegung.pk)
    )


# --- Who may do what (R-0-ROLE-1, R-0-4EYES-1) -------------------------------------------------


def _sieht_person(user, person_id: int) -> bool:
    return personen_fuer_user(user).filter(pk=person_id).exists()


def darf_entwerfen(user, *, typ: str, anstalt: Anstalt | None, person: Person) -> bool:
    """Facility decisions (§ 31, § 41) are drafted in the facility; all others by the authority."""
    if typ in recht.ANSTALTSTYPEN:
        return (
            hat_rolle(user, Rolle.ANSTALTSLEITUNG, Rolle.ANSTALTSPERSONAL)
            and anstalt is not None
            and user.anstalt_id == anstalt.pk
            and _sieht_person(user, person.pk)
        )
    return hat_rolle(user, Rolle.SACHBEARBEITUNG)


def darf_bearbeiten(user, verfuegung: Verfuegung) -> bool:
    return darf_entwerfen(user, typ=verfuegung.typ, anstalt=verfuegung.anstalt, person=verfuegung.person)


def darf_genehmigen(user, verfuegung: Verfuegung) -> bool:
    """R-0-4EYES-1 by role and facility (the drafter is refused separately, with its own message)."""
    if verfuegung.typ in recht.ANSTALTSTYPEN:
        return (
            hat_rolle(user, Rolle.ANSTALTSLEITUNG)
            and user.anstalt_id == verfuegung.anstalt_id
            and _sieht_person(user, verfuegung.person_id)
        )
    return hat_rolle(user, Rolle.SACHBEARBEITUNG)


def darf_entscheiden(user, verfuegung: Verfuegung) -> bool:
    """Those who may draft or approve may also hear, withdraw, lift or record execution."""
    return darf_bearbeiten(user, verfuegung) or darf_genehmigen(user, verfuegung)


def darf_eroeffnen(user, verfuegung: Verfuegung) -> bool:
    # The authority notifies by mail or in person; staff hand decisions over in the facility.
    if hat_rolle(user, Rolle.SACHBEARBEITUNG):
        return True
    return hat_rolle(user, Rolle.ANSTALTSLEITUNG, Rolle.ANSTALTSPERSONAL) and _sieht_person(
        user, verfuegung.person_id
    )


def darf_vollzug_erfassen(user, verfuegung: Verfuegung) -> bool:
    """Recording that a decision was executed (→ vollzogen) belongs to whoever decides it: the facility
    management for its § 31 and § 41 decisions, the Vollzugsbehörde for all others (issue 24).

    § 31 Abs. 1 gives the order of a besondere Sicherheitsmassnahme to "die Leitung der
    Vollzugseinrichtung", and § 31 Abs. 5 makes keeping or ending it hers as well; § 41 likewise leaves
    the disciplinary sanction to the management (R-41-1, its execution: `disziplinar.services
    .sanktion_vollziehen`). Recording the execution closes the decision's course, so it is part of the
    decision, not of its notification: staff hand a decision over (`darf_eroeffnen`) and draft
    proposals, but do not close one. For the same reason a facility does not record the execution of
    the authority's decisions (§ 17, § 14, § 48 …), nor the authority that of the facility's."""
    return darf_genehmigen(user, verfuegung)


def darf_rechtsmittel_erfassen(user, verfuegung: Verfuegung) -> bool:
    if hat_rolle(user, Rolle.SACHBEARBEITUNG):
        return True
    return verfuegung.typ in recht.ANSTALTSTYPEN and darf_genehmigen(user, verfuegung)


def _ist_verfasser(user, verfuegung: Verfuegung) -> bool:
    if user.pk == verfuegung.entworfen_durch_id:
        return True
    return verfuegung.genehmigungsschritte.filter(aktion=Genehmigungsaktion.VORGELEGT, durch=user).exists()


def erlaubte_aktionen(verfuegung: Verfuegung, user) -> set[str]:
    """The actions the detail page offers `user` now (same predicates as the domain functions)."""
    s = verfuegung.status
    aktionen = set()
    entscheiden = darf_entscheiden(user, verfuegung)
    if s == S.ENTWURF and darf_bearbeiten(user, verfuegung):
        aktionen.add("vorlegen")
    if s == S.ZUR_GENEHMIGUNG and darf_genehmigen(user, verfuegung) and not _ist_verfasser(user, verfuegung):
        aktionen |= {"genehmigen", "zurueckweisen", "ablehnen"}
    if s in (S.ENTWURF, S.ZUR_GENEHMIGUNG) and entscheiden:
        aktionen.add("gehoer")
    if s == S.GENEHMIGT and darf_eroeffnen(user, verfuegung):
        aktionen.add("eroeffnen")
    if s in (S.EROEFFNET, S.RECHTSKRAEFTIG) and darf_rechtsmittel_erfassen(user, verfuegung):
        aktionen.add("beschwerde")
    if s == S.BESCHWERDEENTSCHEID and darf_rechtsmittel_erfassen(user, verfuegung):
        b = getattr(verfuegung, "beschwerde", None)
        if b is not None and b.ergebnis in _BESTAETIGT:
            aktionen.add("rechtskraft" if b.weitergezogen_am else "weiterzug")
    if s == S.ANGEFOCHTEN and darf_rechtsmittel_erfassen(user, verfuegung):
        aktionen.add("beschwerdeentscheid")
        if not verfuegung.aufschiebende_wirkung and verfuegung.aufschiebende_wirkung_erteilt_am is None:
            aktionen.add("aufschiebende_wirkung")
    if entscheiden and any(
        a.art == Anhoerungsart.GEFAHR_IM_VERZUG and a.nachgeholt_am is None
        for a in verfuegung.anhoerungen.all()
    ):
        aktionen.add("gehoer_nachholen")
    if (
        S.AUFGEHOBEN in UEBERGAENGE[s]
        and s not in (S.ENTWURF, S.ZUR_GENEHMIGUNG)
        and (darf_genehmigen(user, verfuegung) or darf_rechtsmittel_erfassen(user, verfuegung))
    ):
        aktionen.add("aufheben")
    return aktionen


# --- Draft and four-eyes (R-0-4EYES-1) ---------------------------------------------------------


@dataclass(frozen=True)
class Entwurfsdaten:
    titel: str
    rechtsgrundlage: str
    sachverhalt: str
    begruendung: str
    dispositiv: str  # one numbered point per line


@transaction.atomic
def verfuegung_entwerfen(
    *,
    typ: str,
    person: Person,
    daten: Entwurfsdaten,
    durch,
    fall: Vollzugsfall | None = None,
    anstalt: Anstalt | None = None,
    gegenstand: models.Model | None = None,
    abweisend: bool = False,
    sachbereich: str = "",
) -> Verfuegung:
    """Draft a decision of `typ` for `person` (state entwurf). Suspensive effect follows § 44 by type."""
    if typ not in Verfuegungstyp.values:
        raise _fehler("typ", "Unbekannte Art der Verfügung (R-0-VFG-5).", "typ")
    if typ in recht.ANSTALTSTYPEN and anstalt is None:
        raise _fehler(
            "anstalt",
            "R-0-4EYES-1: Ein Entscheid der Einrichtung (§ 31, § 41 JVG) nennt die Einrichtung, deren Leitung genehmigt.",
            "anstalt_fehlt",
        )
    if sachbereich and typ != Verfuegungstyp.DEPARTEMENTSENTSCHEID:
        raise _fehler(
            "sachbereich",
            "Der Sachbereich gilt nur für Beschwerdeentscheide des Departements.",
            "sachbereich",
        )
    if abweisend and not recht.rechtsfolge(typ).belastend_wenn_abweisend:
        raise _fehler("abweisend", "Nur die Abweisung eines Gesuchs (§ 14 JVG) wird so erfasst.", "abweisend")
    if fall is not None and fall.person_id != person.pk:
        raise _fehler("fall", "Der Fall gehört nicht zur Person der Verfügung.", "fall_person")
    berechtigung_pruefen(
        darf_entwerfen(durch, typ=typ, anstalt=anstalt, person=person), "Verfügung entwerfen"
    )
    jahr = timezone.localdate().year
    v = Verfuegung(
        typ=typ,
        sachbereich=sachbereich,
        abweisend=abweisend,
        person=person,
        fall=fall,
        anstalt=anstalt,
        gegenstand=gegenstand,
        titel=daten.titel.strip(),
        rechtsgrundlage=daten.rechtsgrundlage.strip(),
        sachverhalt=daten.sachverhalt.strip(),
        begruendung=daten.begruendung.strip(),
        dispositiv=daten.dispositiv.strip(),
        entworfen_durch=durch,
        entworfen_am=timezone.now(),
        aufschiebende_wirkung=recht.aufschiebende_wirkung_von(typ, sachbereich),
    )
    v.full_clean(exclude=["nummer"])
    v.nummer = f"V-{jahr}-{naechste_nummer(f'verfuegung-{jahr}'):05d}"
    return speichern(v, durch=durch, grund=f"Verfügung entworfen ({v.get_typ_display()})")


_ENTWURFSFELDER = ("titel", "rechtsgrundlage", "sachverhalt", "begruendung", "dispositiv")


@transaction.atomic
def entwurf_bearbeiten(*, verfuegung: Verfuegung, daten: Entwurfsdaten, durch) -> Verfuegung:
    """Only the drafter edits the draft; others return it with a comment (keeps four-eyes clear)."""
    v = _sperren(verfuegung)
    if v.status != S.ENTWURF:
        raise _fehler("status", "R-0-4EYES-1: Nur ein Entwurf kann bearbeitet werden.", "kein_entwurf")
    berechtigung_pruefen(durch.pk == v.entworfen_durch_id and darf_bearbeiten(durch, v), "Entwurf bearbeiten")
    for feld in _ENTWURFSFELDER:
        setattr(v, feld, getattr(daten, feld).strip())
    return speichern(v, durch=durch, grund="Entwurf bearbeitet")


def _schritt(v: Verfuegung, aktion: str, durch, kommentar: str, am: datetime) -> Genehmigungsschritt:
    return speichern(
        Genehmigungsschritt(verfuegung=v, aktion=aktion, durch=durch, am=am, kommentar=kommentar.strip()),
        durch=durch,
    )


@transaction.atomic
def zur_genehmigung_vorlegen(*, verfuegung: Verfuegung, durch, kommentar: str = "") -> Verfuegung:
    """R-0-4EYES-1: submit the draft; the approver must be someone else with the approval right."""
    v = _sperren(verfuegung)
    berechtigung_pruefen(darf_bearbeiten(durch, v), "Verfügung zur Genehmigung vorlegen")
    _uebergang_pruefen(v.status, S.ZUR_GENEHMIGUNG)
    _schritt(v, Genehmigungsaktion.VORGELEGT, durch, kommentar, timezone.now())
    return verfuegung_uebergang(
        verfuegung=v, nach=S.ZUR_GENEHMIGUNG, durch=durch, grund="Zur Genehmigung vorgelegt"
    )


def _genehmigung_vorbereiten(verfuegung: Verfuegung, durch, was: str) -> Verfuegung:
    v = _sperren(verfuegung)
    if v.status != S.ZUR_GENEHMIGUNG:
        raise _fehler(
            "status",
            f"R-0-4EYES-1: Die Verfügung {v.nummer} ist nicht (mehr) zur Genehmigung vorgelegt "
            f"(Status «{v.get_status_display()}»).",
            "nicht_vorgelegt",
        )
    if _ist_verfasser(durch, v):
        raise _fehler(
            "durch",
            "R-0-4EYES-1: Wer die Verfügung entworfen oder vorgelegt hat, kann sie nicht selbst "
            f"{was} (Vier-Augen-Prinzip).",
            "vier_augen",
        )
    berechtigung_pruefen(darf_genehmigen(durch, v), f"Verfügung {was}")
    return v


@transaction.atomic
def genehmigen(*, verfuegung: Verfuegung, durch, kommentar: str = "") -> Verfuegung:
    """R-0-4EYES-1: approve. Steps: lock; still submitted?; not the drafter; right by role and
    facility; hearing done (R-0-GEHOER-1: the decision is taken now); record the step; the system
    sets the decision date (R-0-VFG-2)."""
    v = _genehmigung_vorbereiten(verfuegung, durch, "genehmigen")
    _gehoer_pruefen(v)
    jetzt = timezone.now()
    _schritt(v, Genehmigungsaktion.GENEHMIGT, durch, kommentar, jetzt)
    return verfuegung_uebergang(
        verfuegung=v,
        nach=S.GENEHMIGT,
        durch=durch,
        grund="Genehmigt (Vier-Augen-Prinzip)",
        genehmigt_durch=durch,
        genehmigt_am=jetzt,
        entscheid_datum=timezone.localdate(jetzt),
    )


def _kommentar_pflicht(kommentar: str, was: str) -> None:
    if not kommentar.strip():
        raise _fehler(
            "kommentar", f"R-0-4EYES-1: Für {was} ist eine Begründung im Kommentar nötig.", "kommentar_fehlt"
        )


@transaction.atomic
def zurueckweisen(*, verfuegung: Verfuegung, durch, kommentar: str) -> Verfuegung:
    """R-0-4EYES-1: return the draft for revision (comment required)."""
    _kommentar_pflicht(kommentar, "die Rückweisung")
    v = _genehmigung_vorbereiten(verfuegung, durch, "zurückweisen")
    _schritt(v, Genehmigungsaktion.ZURUECKGEWIESEN, durch, kommentar, timezone.now())
    return verfuegung_uebergang(
        verfuegung=v, nach=S.ENTWURF, durch=durch, grund="Zur Überarbeitung zurückgewiesen"
    )


@transaction.atomic
def ablehnen(*, verfuegung: Verfuegung, durch, kommentar: str) -> Verfuegung:
    """R-0-4EYES-1: reject the proposal (comment required) → aufgehoben."""
    _kommentar_pflicht(kommentar, "die Ablehnung")
    v = _genehmigung_vorbereiten(verfuegung, durch, "ablehnen")
    _schritt(v, Genehmigungsaktion.ABGELEHNT, durch, kommentar, timezone.now())
    return verfuegung_uebergang(
        verfuegung=v,
        nach=S.AUFGEHOBEN,
        durch=durch,
        grund="Antrag abgelehnt",
        aufhebung_grund=kommentar.strip(),
    )


# --- Rechtliches Gehör (R-0-GEHOER-1) ----------------------------------------------------------


def _zeitpunkt(am: datetime | None, feld: str, jetzt: datetime) -> datetime:
    am = am or jetzt
    if not isinstance(am, datetime) or timezone.is_naive(am):
        raise _fehler(feld, "Zeitpunkt ohne Zeitzone.", "naiv")
    if am.year < 1900:
        # R-0-BAD-1: a year-1 timestamp would overflow on save; refuse it as a field error.
        raise _fehler(feld, "R-0-BAD-1: Der Zeitpunkt liegt vor 1900.", "zu_frueh")
    if am > jetzt:
        raise _fehler(
            feld,
            "R-0-VFG-2: Der Zeitpunkt kann nicht in der Zukunft liegen (keine vor- oder rückdatierten Einträge).",
            "zukunft",
        )
    return am


@transaction.atomic
def gehoer_erfassen(
    *,
    verfuegung: Verfuegung,
    art: str,
    durch,
    text: str = "",
    begruendung: str = "",
    am: datetime | None = None,
) -> Anhoerung:
    """Record the person's statement, its waiver, or Gefahr im Verzug (hearing follows; a deadline
    for it appears in the Fristenkontrolle)."""
    v = _sperren(verfuegung)
    berechtigung_pruefen(darf_entscheiden(durch, v), "Rechtliches Gehör erfassen")
    if v.status not in (S.ENTWURF, S.ZUR_GENEHMIGUNG):
        raise _fehler(
            "art",
            "R-0-GEHOER-1: Das rechtliche Gehör wird vor dem Entscheid gewährt – die Verfügung ist bereits "
            f"«{v.get_status_display()}».",
            "zu_spaet",
        )
    if art not in Anhoerungsart.values:
        raise _fehler("art", "Unbekannte Art der Anhörung (R-0-GEHOER-1).", "art")
    jetzt = timezone.now()
    am = _zeitpunkt(am, "am", jetzt)
    text, begruendung = text.strip(), begruendung.strip()
    if art == Anhoerungsart.STELLUNGNAHME and not text:
        raise _fehler("text", "R-0-GEHOER-1: Die Stellungnahme der Person erfassen.", "text_fehlt")
    nachholen_bis = None
    if art == Anhoerungsart.GEFAHR_IM_VERZUG:
        if not begruendung:
            raise _fehler(
                "begruendung",
                "R-0-GEHOER-1: Gefahr im Verzug muss begründet werden – sonst wird vor dem Entscheid angehört.",
                "begruendung_fehlt",
            )
        nachholen_bis = fristen.tagesfrist(am, GEHOER_NACHHOLEN_TAGE).ende
    return speichern(
        Anhoerung(
            verfuegung=v,
            art=art,
            text=text,
            begruendung=begruendung,
            am=am,
            erfasst_durch=durch,
            nachholen_bis=nachholen_bis,
        ),
        durch=durch,
        grund=f"Rechtliches Gehör: {Anhoerungsart(art).label}",
    )


@transaction.atomic
def gehoer_nachholen(*, anhoerung: Anhoerung, text: str, durch, am: datetime | None = None) -> Anhoerung:
    """R-0-GEHOER-1: the hearing after a decision taken with Gefahr im Verzug."""
    a = (
        Anhoerung.objects.select_for_update(of=("self",))
        .select_related("verfuegung__person", "verfuegung__anstalt")
        .get(pk=anhoerung.pk)
    )
    berechtigung_pruefen(darf_entscheiden(durch, a.verfuegung), "Rechtliches Gehör nachholen")
    if a.art != Anhoerungsart.GEFAHR_IM_VERZUG or a.nachgeholt_am is not None:
        raise _fehler("text", "R-0-GEHOER-1: Hier ist keine Anhörung nachzuholen.", "nichts_nachzuholen")
    if not text.strip():
        raise _fehler("text", "R-0-GEHOER-1: Die Stellungnahme der Person erfassen.", "text_fehlt")
    jetzt = timezone.now()
    am = _zeitpunkt(am, "am", jetzt)
    if am < a.am:
        raise _fehler(
            "am", "Die Anhörung kann nicht vor dem Vermerk «Gefahr im Verzug» liegen.", "vor_vermerk"
        )
    a.nachgeholt_am = am
    a.nachgeholt_text = text.strip()
    return speichern(a, durch=durch, grund="Rechtliches Gehör nachgeholt")


def gehoer_gewahrt(verfuegung: Verfuegung) -> bool:
    """R-0-GEHOER-1: a burdening decision needs a statement or a waiver, or recorded Gefahr im Verzug."""
    if not verfuegung.ist_belastend:
        return True
    return verfuegung.anhoerungen.filter(art__in=Anhoerungsart.values).exists()


def _gehoer_pruefen(v: Verfuegung) -> None:
    if not gehoer_gewahrt(v):
        raise _fehler(
            "anhoerung",
            "R-0-GEHOER-1 (Art. 29 Abs. 2 BV): Vor einer belastenden Verfügung die Stellungnahme der Person "
            "oder ihren Verzicht erfassen – oder Gefahr im Verzug mit Begründung vermerken.",
            "gehoer_fehlt",
        )


# --- Eröffnung (R-0-VFG-2) and PDF (R-0-VFG-1) -------------------------------------------------


@transaction.atomic
def eroeffnen(
    *,
    verfuegung: Verfuegung,
    art: str,
    durch,
    am: datetime | None = None,
    muendlich_am: datetime | None = None,
    empfangsbestaetigung=None,
) -> Verfuegung:
    """R-0-VFG-2: notify the approved decision in writing.

    Steps: lock; permission; state genehmigt; mode; time not in the future and not before approval
    (an oral announcement may come first, the deadline runs from the written one); signed receipt
    for a hand-over in the facility; hearing (R-0-GEHOER-1); deadline with its counting method from
    the local date of the written notification (R-0-FRIST-1/-2); render and store the PDF with its
    hash; save with history.
    """
    v = _sperren(verfuegung)
    berechtigung_pruefen(darf_eroeffnen(durch, v), "Verfügung eröffnen")
    _uebergang_pruefen(v.status, S.EROEFFNET)
    if art not in EroeffnungArt.values:
        raise _fehler("art", "R-0-VFG-2: Unbekannte Art der Eröffnung.", "art")
    jetzt = timezone.now()
    am = _zeitpunkt(am, "am", jetzt)
    if am < v.genehmigt_am:
        raise _fehler(
            "am",
            "R-0-VFG-2: Die schriftliche Eröffnung kann nicht vor der Genehmigung "
            f"({timezone.localtime(v.genehmigt_am):%d.%m.%Y %H:%M}) liegen.",
            "vor_genehmigung",
        )
    if muendlich_am is not None:
        muendlich_am = _zeitpunkt(muendlich_am, "muendlich_am", jetzt)
        if muendlich_am > am:
            raise _fehler(
                "muendlich_am",
                "R-0-VFG-2: Die mündliche Eröffnung geht der schriftlichen voraus oder fällt mit ihr zusammen.",
                "muendlich_nach_schriftlich",
            )
    if art == EroeffnungArt.UEBERGABE_ANSTALT and not empfangsbestaetigung:
        raise _fehler(
            "empfangsbestaetigung",
            "R-0-VFG-2: Bei Übergabe in der Einrichtung die unterzeichnete Empfangsbestätigung beilegen.",
            "empfang_fehlt",
        )
    _gehoer_pruefen(v)
    # § 44: the type's own rules. Ask every check its module registered for this type
    # (kern.erweiterungen.eroeffnung in <app>/contributions.py, e.g. § 41 Abs. 5 in disziplinar); any of
    # them may refuse the Eröffnung with a ValidationError, whichever page or API notifies.
    for pruefen in erweiterungen.eroeffnung_pruefungen(v.typ):
        pruefen(v, am, muendlich_am)
    frist = fristen.tagesfrist(fristen.lokales_datum(am), v.rechtsfolge.frist_tage)
    daten = {
        "eroeffnet_am": am,
        "eroeffnung_art": art,
        "muendlich_eroeffnet_am": muendlich_am,
        "rechtsmittelfrist_ende": frist.ende,
        "rechtsmittelfrist_methode": frist.methode,
    }
    if empfangsbestaetigung:
        v.empfangsbestaetigung = empfangsbestaetigung
    _pdf_anhaengen(v)
    v = verfuegung_uebergang(
        verfuegung=v,
        nach=S.EROEFFNET,
        durch=durch,
        grund=f"Eröffnet ({art}); Rechtsmittelfrist bis {frist.ende:%d.%m.%Y}",
        **daten,
    )
    # Then run the type's registered consequences in this transaction (e.g. the execution schedule of
    # disciplinary sanctions, the activation of a § 31 measure): the Eröffnung and its effects commit together.
    for danach in erweiterungen.eroeffnung_folgen(v.typ):
        danach(v, durch)
    return v


def _adressat(v: Verfuegung) -> list[str]:
    person = v.person
    zeilen = [f"{person.vorname} {person.amtlicher_name}", f"geb. {person.geburtsdatum:%d.%m.%Y}"]
    platz = (
        Platzierung.objects.filter(fall__person_id=person.pk, bis__isnull=True)
        .select_related("anstalt")
        .first()
    )
    if platz is not None:
        zeilen += [f"c/o {platz.anstalt.name}", platz.anstalt.ort]
    return zeilen


def pdf_kontext(verfuegung: Verfuegung) -> dict:
    """The one place that turns a Verfügung into the PDF contract of `kern.pdf` (R-0-VFG-1)."""
    v = verfuegung
    anstaltsentscheid = v.typ in recht.ANSTALTSTYPEN
    datum = v.entscheid_datum or timezone.localdate()
    ort = v.anstalt.ort if anstaltsentscheid and v.anstalt else "Luzern"
    if v.genehmigt_durch_id:
        g = v.genehmigt_durch
        funktion = f"Leitung {v.anstalt.name}" if anstaltsentscheid else "Vollzugs- und Bewährungsdienst"
        unterschrift = [g.get_full_name() or g.username, funktion]
    else:
        unterschrift = ["ENTWURF – nicht genehmigt, nicht eröffnet"]
    return {
        "behoerde": recht.JSD,
        "abteilung": v.anstalt.name if anstaltsentscheid and v.anstalt else recht.VOLLZUGSBEHOERDE,
        "nummer": v.nummer,
        "ort_datum": f"{ort}, {datum:%d.%m.%Y}",
        "adressat": _adressat(v),
        "titel": v.titel,
        "rechtsgrundlage": v.rechtsgrundlage,
        "sachverhalt": v.sachverhalt,
        "begruendung": v.begruendung,
        "dispositiv": v.dispositiv_ziffern,
        "rechtsmittelbelehrung": recht.rechtsmittelbelehrung(v),
        "aufschiebende_wirkung": recht.aufschiebende_wirkung_text(v),
        "kostenhinweis": recht.kostenhinweis(v),
        "unterschrift": unterschrift,
    }


def _pdf_rendern(v: Verfuegung) -> bytes:
    from kern.pdf import render_verfuegung_pdf  # written separately (WeasyPrint, R-0-VFG-1)

    return render_verfuegung_pdf(pdf_kontext(v))


def _pdf_anhaengen(v: Verfuegung) -> None:
    # Written to storage before the row is saved; a rollback leaves an unreferenced file, never a
    # row pointing to a missing one.
    inhalt = _pdf_rendern(v)
    v.pdf_sha256 = hashlib.sha256(inhalt).hexdigest()
    v.pdf.save(f"{v.nummer}.pdf", ContentFile(inhalt), save=False)


def pdf_erzeugen(*, verfuegung: Verfuegung, durch) -> bytes:
    """A preview before Eröffnung; NOT stored (the stored PDF is the notified one)."""
    berechtigung_pruefen(
        _sieht_person(durch, verfuegung.person_id) and darf_entscheiden(durch, verfuegung), "PDF-Vorschau"
    )
    return _pdf_rendern(verfuegung)


# --- Appeal (R-0-VFG-4, -5, -6) ----------------------------------------------------------------


@transaction.atomic
def beschwerde_erfassen(
    *, verfuegung: Verfuegung, eingegangen_am: date, durch, instanz: str = ""
) -> Beschwerde:
    """R-0-VFG-5: record an appeal (→ angefochten). A late one is recorded too, flagged `verspaetet`:
    the appeal instance decides whether to enter into it."""
    v = _sperren(verfuegung)
    berechtigung_pruefen(darf_rechtsmittel_erfassen(durch, v), "Beschwerde erfassen")
    _uebergang_pruefen(v.status, S.ANGEFOCHTEN)
    if not isinstance(eingegangen_am, date) or isinstance(eingegangen_am, datetime):
        raise _fehler("eingegangen_am", "Ungültiges Datum.", "datum")
    if eingegangen_am > timezone.localdate():
        raise _fehler("eingegangen_am", "Der Eingang kann nicht in der Zukunft liegen.", "zukunft")
    fruehestens = fristen.lokales_datum(v.muendlich_eroeffnet_am or v.eroeffnet_am)
    if eingegangen_am < fruehestens:
        raise _fehler(
            "eingegangen_am",
            f"Die Beschwerde kann nicht vor der Eröffnung ({fruehestens:%d.%m.%Y}) eingereicht worden sein.",
            "vor_eroeffnung",
        )
    verspaetet = eingegangen_am > v.rechtsmittelfrist_ende
    b = speichern(
        Beschwerde(
            verfuegung=v,
            eingegangen_am=eingegangen_am,
            instanz=instanz.strip() or v.rechtsfolge.instanz,
            verspaetet=verspaetet,
            erfasst_durch=durch,
            erfasst_am=timezone.now(),
        ),
        durch=durch,
        grund="Beschwerde erfasst" + (" (nach Fristablauf)" if verspaetet else ""),
    )
    verfuegung_uebergang(
        verfuegung=v,
        nach=S.ANGEFOCHTEN,
        durch=durch,
        grund=f"Beschwerde vom {eingegangen_am:%d.%m.%Y}" + (" – nach Fristablauf" if verspaetet else ""),
        rechtskraeftig_am=None,
    )
    # The type's registered consequences (kern.erweiterungen.nach_beschwerde), same transaction.
    for folge in erweiterungen.beschwerde_folgen(v.typ):
        folge(b, durch)
    return b


@transaction.atomic
def aufschiebende_wirkung_erteilen(
    *, verfuegung: Verfuegung, durch, instanz: str = "", am: datetime | None = None
) -> Verfuegung:
    """§ 44 (R-0-VFG-4): record that the appeal instance granted suspensive effect."""
    v = _sperren(verfuegung)
    berechtigung_pruefen(darf_rechtsmittel_erfassen(durch, v), "Aufschiebende Wirkung erfassen")
    if v.status != S.ANGEFOCHTEN:
        raise _fehler(
            "status",
            "§ 44 JVG (R-0-VFG-4): Aufschiebende Wirkung erteilt die Beschwerdeinstanz während der Beschwerde.",
            "keine_beschwerde",
        )
    if v.aufschiebende_wirkung or v.aufschiebende_wirkung_erteilt_am is not None:
        raise _fehler(
            "status",
            "§ 44 JVG (R-0-VFG-4): Die Beschwerde hat bereits aufschiebende Wirkung.",
            "schon_erteilt",
        )
    v.aufschiebende_wirkung_erteilt_am = _zeitpunkt(am, "am", timezone.now())
    v.aufschiebende_wirkung_erteilt_durch_instanz = instanz.strip() or v.beschwerde.instanz
    return speichern(
        v, durch=durch, grund="Aufschiebende Wirkung durch die Beschwerdeinstanz erteilt (§ 44 JVG)"
    )


@transaction.atomic
def aufschiebende_wirkung_entziehen(*, verfuegung: Verfuegung, begruendung: str, durch) -> Verfuegung:
    """R-0-VFG-4: the deciding authority withdraws suspensive effect (recorded with reason and time)."""
    v = _sperren(verfuegung)
    berechtigung_pruefen(darf_entscheiden(durch, v), "Aufschiebende Wirkung entziehen")
    if not v.aufschiebende_wirkung or v.aufschiebende_wirkung_entzogen_am is not None:
        raise _fehler(
            "begruendung", "R-0-VFG-4: Hier gibt es keine aufschiebende Wirkung zu entziehen.", "keine_aw"
        )
    if v.status not in (S.ENTWURF, S.ZUR_GENEHMIGUNG, S.GENEHMIGT, S.EROEFFNET, S.ANGEFOCHTEN):
        raise _fehler("begruendung", "R-0-VFG-4: In diesem Status ist kein Entzug mehr möglich.", "status")
    if not begruendung.strip():
        raise _fehler(
            "begruendung", "R-0-VFG-4: Der Entzug der aufschiebenden Wirkung ist zu begründen.", "leer"
        )
    v.aufschiebende_wirkung_entzogen_am = timezone.now()
    v.aufschiebende_wirkung_entzug_begruendung = begruendung.strip()
    return speichern(v, durch=durch, grund="Aufschiebende Wirkung entzogen")


@transaction.atomic
def beschwerdeentscheid_erfassen(
    *,
    verfuegung: Verfuegung,
    ergebnis: str,
    am: date,
    durch,
    mutwillig: bool = False,
    zugestellt_am: date | None = None,
) -> Beschwerde:
    """R-0-VFG-5/-6: record the outcome. § 45: disciplinary appeals cost nothing unless abusive.
    A rejected appeal (or Nichteintreten) leaves the decision standing: its Rechtskraft then waits for
    the further appeal deadline (§ 43 Abs. 2), counted from the day the appeal decision was served."""
    v = _sperren(verfuegung)
    berechtigung_pruefen(darf_rechtsmittel_erfassen(durch, v), "Beschwerdeentscheid erfassen")
    _uebergang_pruefen(v.status, S.BESCHWERDEENTSCHEID)
    b = Beschwerde.objects.select_for_update().filter(verfuegung=v).first()
    if b is None:
        raise _fehler(
            "ergebnis", "R-0-VFG-5: Zu dieser Verfügung ist keine Beschwerde erfasst.", "keine_beschwerde"
        )
    if ergebnis not in Beschwerdeergebnis.values:
        raise _fehler("ergebnis", "Unbekanntes Ergebnis der Beschwerde.", "ergebnis")
    if not isinstance(am, date) or isinstance(am, datetime):
        raise _fehler("am", "Ungültiges Datum.", "datum")
    if am > timezone.localdate():
        raise _fehler("am", "Der Beschwerdeentscheid kann nicht in der Zukunft liegen.", "zukunft")
    if am < b.eingegangen_am:
        raise _fehler("am", "Der Beschwerdeentscheid kann nicht vor der Beschwerde liegen.", "vor_beschwerde")
    zugestellt_am = zugestellt_am or am
    if not isinstance(zugestellt_am, date) or isinstance(zugestellt_am, datetime):
        raise _fehler("zugestellt_am", "Ungültiges Datum.", "datum")
    if zugestellt_am < am or zugestellt_am > timezone.localdate():
        raise _fehler(
            "zugestellt_am",
            "Die Zustellung liegt zwischen dem Entscheiddatum und heute (§ 43 Abs. 2 JVG).",
            "zustellung",
        )
    if mutwillig and ergebnis in (Beschwerdeergebnis.GUTGEHEISSEN, Beschwerdeergebnis.TEILWEISE_GUTGEHEISSEN):
        raise _fehler(
            "mutwillig",
            "§ 45 Abs. 2 JVG (R-0-VFG-6): Eine (teilweise) gutgeheissene Beschwerde ist nicht offensichtlich unbegründet.",
            "mutwillig_gutgeheissen",
        )
    b.ergebnis = ergebnis
    b.entschieden_am = am
    b.mutwillig = mutwillig
    # § 45 Abs. 2: only for disciplinary appeals do we record the cost question; elsewhere the VRG applies.
    b.kosten_auferlegt = mutwillig and v.rechtsfolge.kostenlos_ausser_mutwillig
    if ergebnis in _BESTAETIGT:
        b.entscheid_zugestellt_am = zugestellt_am
        b.weiterzug_instanz, tage = recht.weiterzug(b.instanz)
        b.weiterzug_frist_ende = fristen.tagesfrist(zugestellt_am, tage).ende
    speichern(b, durch=durch, grund=f"Beschwerdeentscheid: {Beschwerdeergebnis(ergebnis).label}")
    verfuegung_uebergang(
        verfuegung=v, nach=S.BESCHWERDEENTSCHEID, durch=durch, grund=f"Beschwerdeentscheid vom {am:%d.%m.%Y}"
    )
    return b


def _bestaetigte_beschwerde(v: Verfuegung, feld: str) -> Beschwerde:
    b = Beschwerde.objects.select_for_update().filter(verfuegung=v).first()
    if v.status != S.BESCHWERDEENTSCHEID or b is None or b.ergebnis not in _BESTAETIGT:
        raise _fehler(
            feld,
            "§ 43 Abs. 2 JVG (R-0-VFG-5): Nur nach einer abgewiesenen Beschwerde (oder Nichteintreten).",
            "keine_abweisung",
        )
    return b


@transaction.atomic
def weiterzug_erfassen(*, verfuegung: Verfuegung, eingegangen_am: date, durch) -> Beschwerde:
    """§ 43 Abs. 2 (R-0-VFG-5): the appeal decision was taken further; Rechtskraft now waits for that
    court. A late further appeal is recorded as such; the court decides on it."""
    v = _sperren(verfuegung)
    berechtigung_pruefen(darf_rechtsmittel_erfassen(durch, v), "Weiterzug erfassen")
    b = _bestaetigte_beschwerde(v, "eingegangen_am")
    if b.weitergezogen_am is not None:
        raise _fehler("eingegangen_am", "Der Weiterzug ist bereits erfasst.", "schon_erfasst")
    if not isinstance(eingegangen_am, date) or isinstance(eingegangen_am, datetime):
        raise _fehler("eingegangen_am", "Ungültiges Datum.", "datum")
    if eingegangen_am > timezone.localdate():
        raise _fehler("eingegangen_am", "Der Eingang kann nicht in der Zukunft liegen.", "zukunft")
    if eingegangen_am < b.entscheid_zugestellt_am:
        raise _fehler(
            "eingegangen_am",
            "Der Weiterzug kann nicht vor der Zustellung des Beschwerdeentscheids liegen.",
            "vor_zustellung",
        )
    b.weitergezogen_am = eingegangen_am
    spaet = eingegangen_am > b.weiterzug_frist_ende
    return speichern(
        b, durch=durch, grund=f"Weiterzug an {b.weiterzug_instanz}" + (" (nach Fristablauf)" if spaet else "")
    )


@transaction.atomic
def rechtskraft_feststellen(*, verfuegung: Verfuegung, am: date, durch) -> Verfuegung:
    """After a further appeal that failed: the decision is rechtskräftig on the date the court certifies
    (Rechtskraftbescheinigung). Without a further appeal the job sets it (R-0-VFG-3)."""
    v = _sperren(verfuegung)
    berechtigung_pruefen(darf_rechtsmittel_erfassen(durch, v), "Rechtskraft feststellen")
    b = _bestaetigte_beschwerde(v, "am")
    if b.weitergezogen_am is None:
        raise _fehler(
            "am",
            "R-0-VFG-3: Ohne Weiterzug wird die Verfügung nach Ablauf der Weiterzugsfrist von selbst rechtskräftig.",
            "ohne_weiterzug",
        )
    if not isinstance(am, date) or isinstance(am, datetime):
        raise _fehler("am", "Ungültiges Datum.", "datum")
    if am > timezone.localdate() or am < b.weitergezogen_am:
        raise _fehler(
            "am", "Die Rechtskraft liegt zwischen dem Weiterzug und heute (R-0-VFG-3).", "rechtskraft_datum"
        )
    return verfuegung_uebergang(
        verfuegung=v,
        nach=S.RECHTSKRAEFTIG,
        durch=durch,
        grund=f"Rechtskräftig am {am:%d.%m.%Y} (Weiterzug erledigt)",
        rechtskraeftig_am=am,
    )


@transaction.atomic
def aufheben(*, verfuegung: Verfuegung, grund: str, durch) -> Verfuegung:
    """Lift a decision (withdrawal, reconsideration); the reason is required and kept in history."""
    v = _sperren(verfuegung)
    # R-0-4EYES-1: what was approved can only be lifted by someone with the right to approve it.
    if v.status in (S.ENTWURF, S.ZUR_GENEHMIGUNG):
        erlaubt = darf_entscheiden(durch, v)
    else:
        erlaubt = darf_genehmigen(durch, v) or darf_rechtsmittel_erfassen(durch, v)
    berechtigung_pruefen(erlaubt, "Verfügung aufheben")
    if not grund.strip():
        raise _fehler("grund", "Die Aufhebung ist zu begründen.", "grund_fehlt")
    return verfuegung_uebergang(
        verfuegung=v,
        nach=S.AUFGEHOBEN,
        durch=durch,
        grund=f"Aufgehoben: {grund.strip()}",
        aufhebung_grund=grund.strip(),
    )


def ist_vollstreckbar(verfuegung: Verfuegung, jetzt: datetime | None = None) -> bool:
    """R-0-VFG-4 (§ 44): types without suspensive effect from Eröffnung (unless the instance grants
    it); others only when rechtskräftig or when suspensive effect was withdrawn."""
    jetzt = jetzt or timezone.now()
    v = verfuegung
    if v.status in (S.RECHTSKRAEFTIG, S.VOLLZOGEN):
        return True
    if v.status == S.BESCHWERDEENTSCHEID:
        if v.beschwerde.ergebnis not in _BESTAETIGT:
            return False
        # § 44: without suspensive effect (or with it withdrawn) the decision stays enforceable; otherwise a
        # further appeal (§ 43 Abs. 2) is still possible, so it waits for Rechtskraft.
        if not v.aufschiebende_wirkung:
            return True
        entzogen = v.aufschiebende_wirkung_entzogen_am
        return entzogen is not None and entzogen <= jetzt
    if v.status not in (S.EROEFFNET, S.ANGEFOCHTEN) or v.eroeffnet_am is None or v.eroeffnet_am > jetzt:
        return False
    if not v.aufschiebende_wirkung:
        erteilt = v.aufschiebende_wirkung_erteilt_am
        return erteilt is None or erteilt > jetzt
    entzogen = v.aufschiebende_wirkung_entzogen_am
    return entzogen is not None and entzogen <= jetzt


@transaction.atomic
def als_vollzogen_markieren(*, verfuegung: Verfuegung, durch, jetzt: datetime | None = None) -> Verfuegung:
    v = _sperren(verfuegung)
    berechtigung_pruefen(darf_vollzug_erfassen(durch, v), "Vollzug erfassen")
    _uebergang_pruefen(v.status, S.VOLLZOGEN)
    if not ist_vollstreckbar(v, jetzt):
        raise _fehler(
            "status",
            "§ 44 JVG (R-0-VFG-4): Die Verfügung ist noch nicht vollstreckbar (Beschwerde mit aufschiebender "
            "Wirkung möglich oder hängig).",
            "nicht_vollstreckbar",
        )
    return verfuegung_uebergang(verfuegung=v, nach=S.VOLLZOGEN, durch=durch, grund="Vollzogen")


# --- Rechtskraft job (R-0-VFG-3) ---------------------------------------------------------------


def rechtskraft_faellige(heute: date):
    """Everything notified whose deadline ended before `heute` (the last day counts fully) and that
    has no appeal (an appeal moves it to angefochten in the same transaction), and every decision whose
    appeal failed and whose further appeal deadline (§ 43 Abs. 2) ended unused. No lower bound: a
    missed run catches up."""
    return Verfuegung.objects.filter(
        Q(status=S.EROEFFNET, rechtsmittelfrist_ende__lt=heute)
        | Q(
            status=S.BESCHWERDEENTSCHEID,
            beschwerde__ergebnis__in=_BESTAETIGT,
            beschwerde__weitergezogen_am__isnull=True,
            beschwerde__weiterzug_frist_ende__lt=heute,
        )
    )


def _rechtskraft_ab(v: Verfuegung) -> tuple[date, str]:
    if v.status == S.BESCHWERDEENTSCHEID:
        ende = v.beschwerde.weiterzug_frist_ende
        return ende, f"Rechtskräftig: Weiterzugsfrist am {ende:%d.%m.%Y} unbenützt abgelaufen"
    ende = v.rechtsmittelfrist_ende
    return ende, f"Rechtskräftig: Rechtsmittelfrist am {ende:%d.%m.%Y} unbenützt abgelaufen"


def rechtskraft_eintragen(*, heute: date | None = None, batch: int = 500, zeitbudget_s: float = 50) -> int:
    """R-0-VFG-3: mark decisions rechtskräftig after an unused appeal deadline. Returns the count.

    Runs on the one batch-job runner (kern.jobs): the job's advisory lock keeps two sweeps apart, pages
    by primary key with the rows locked (`skip_locked`: a user's concurrent appeal is not blocked, its
    row is left for the next run), stops at the time budget. Every row goes through the transition
    function, so history names the job as actor; idempotent.
    """
    heute = heute or timezone.localdate()
    job = system_benutzer("rechtskraft")

    def stapel(zeilen: list[Verfuegung]) -> None:
        for v in zeilen:
            ende, grund = _rechtskraft_ab(v)
            verfuegung_uebergang(
                verfuegung=v,
                nach=S.RECHTSKRAEFTIG,
                durch=job,
                grund=grund,
                rechtskraeftig_am=ende + timedelta(days=1),
                nur_geaenderte=True,
            )

    with jobs.sperre("verfuegungen.rechtskraft_eintragen") as frei:
        if not frei:
            log.info("R-0-VFG-3: anderer Lauf aktiv, übersprungen")
            return 0
        # The appeal is joined (outer): lock the Verfügung rows only.
        return jobs.stapelweise(
            rechtskraft_faellige(heute).select_related("beschwerde"),
            batch=batch,
            budget=jobs.Zeitbudget(zeitbudget_s),
            verarbeiten=stapel,
        )
