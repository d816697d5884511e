"""Rechtliches Gehör (R-0-GEHOER-1, Art. 29 Abs. 2 BV): hearing before a burdening decision, or held afterwards
when Gefahr im Verzug did not allow it.
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from kern import fristen
from kern.audit import speichern
from kern.rollen import berechtigung_pruefen
from verfuegungen.domain.lebenszyklus import _fehler, _sperren
from verfuegungen.models import Anhoerung, Verfuegung
from verfuegungen.permissions import darf_entscheiden
from verfuegungen.recht import (
    GEHOER_NACHHOLEN_TAGE,
    Anhoerungsart,
    Verfuegungsstatus,
)

S = Verfuegungsstatus

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
