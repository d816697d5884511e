"""R-29-2 / R-30-3: legal holds — a recording attached to a proceeding is not deleted while the hold is active."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kern.audit import speichern
from kern.rollen import berechtigung_pruefen
from ueberwachung.domain._hilfen import _aufzeichnung_sperren, _fehler, _text
from ueberwachung.models import (
    Beizug,
    Telefonaufzeichnung,
)
from ueberwachung.permissions import darf_beiziehen
from ueberwachung.recht import (
    Verfahrensart,
)

# --- Legal holds (R-29-2, R-30-3) --------------------------------------------------------------------


@transaction.atomic
def beizug_erfassen(*, aufzeichnung, verfahrensart: str, referenz: str, behoerde: str, durch) -> Beizug:
    """R-29-2 / R-30-3: attach a recording to a criminal, civil or administrative proceeding (legal hold):
    it is not deleted while the hold is active. The row lock on the recording orders this against a
    running deletion batch (which locks the same row): the hold either comes first, or the recording is
    gone and the call says so."""
    aufzeichnung = _aufzeichnung_sperren(aufzeichnung)
    berechtigung_pruefen(darf_beiziehen(durch, aufzeichnung), "Aufzeichnung einem Verfahren beiziehen")
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
    berechtigung_pruefen(darf_beiziehen(durch, aufzeichnung), "Beizug aufheben")
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
