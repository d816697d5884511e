"""Drafting a Verfügung and the four-eyes approval (R-0-4EYES-1): draft, edit, submit, approve, send back, refuse."""

from dataclasses import dataclass
from datetime import datetime

from django.db import models, transaction
from django.utils import timezone

from kern.audit import naechste_nummer, speichern
from kern.rollen import berechtigung_pruefen
from verfuegungen import recht
from verfuegungen.domain.gehoer import _gehoer_pruefen
from verfuegungen.domain.lebenszyklus import _fehler, _sperren, _uebergang_pruefen, verfuegung_uebergang
from verfuegungen.models import Genehmigungsschritt, Verfuegung
from verfuegungen.permissions import _ist_verfasser, darf_bearbeiten, darf_entwerfen, darf_genehmigen
from verfuegungen.recht import (
    Genehmigungsaktion,
    Verfuegungsstatus,
    Verfuegungstyp,
)
from vollzug.models import Anstalt, Person, Vollzugsfall

S = Verfuegungsstatus

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
        darf_entwerfen(durch, typ=typ, anstalt=anstalt, person=person, gegenstand=gegenstand),
        "Verfügung entwerfen",
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
