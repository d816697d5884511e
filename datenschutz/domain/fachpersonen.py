"""§ 22 JVG (R-22-1): experts entrusted with an assessment or a treatment see the file of that person only,
and only for the mandate's period.

The access is a `vollzug.Zuteilung` (the role medizin sees exactly the persons of its current
assignments, `vollzug.queries.personen_fuer_user`, which every view and API of the system starts from).
These functions are the only writers of such assignments with their mandate (`Fachpersonmandat`).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from datenschutz.models import Fachpersonmandat
from datenschutz.permissions import darf_fachperson_zuteilen
from datenschutz.recht import Fachrichtung, Mandatsart, standard_ende
from kern.audit import speichern
from kern.rollen import Rolle, berechtigung_pruefen
from vollzug.models import Person, Zuteilung

REGEL = "§ 22 JVG (R-22-1)"


def _mandatsfehler(feld: str, text: str, code: str) -> ValidationError:
    return ValidationError({feld: ValidationError(f"{REGEL}: {text}", code=code)})


@dataclass(frozen=True, slots=True)
class Mandatsdaten:
    art: str
    fachrichtung: str
    referenz: str
    auftrag: str
    gueltig_ab: date | None = None  # default: today
    gueltig_bis: date | None = None  # Begutachtung: default JVG_FACHPERSON_ZUGRIFF_MONATE after the start


@transaction.atomic
def fachperson_zuteilen(*, person: Person, fachperson, daten: Mandatsdaten, durch) -> Fachpersonmandat:
    """§ 22: give `fachperson` (role medizin) time-limited access to `person`'s file for a mandate.

    Steps: permission (sachbearbeitung) → checks (expert role, mandate kind, reference and question,
    period: not backdated, an assessment always ends — default `JVG_FACHPERSON_ZUGRIFF_MONATE` months —,
    no overlapping mandate of the same expert for the same person) → `Zuteilung` and mandate saved with
    history. Effect: from `gueltig_ab` to `gueltig_bis` the expert sees this person's file (and no other
    person's through this mandate).
    """
    berechtigung_pruefen(darf_fachperson_zuteilen(durch), "Fachperson zuteilen (§ 22 JVG)")
    heute = timezone.localdate()
    if fachperson is None or not (fachperson.is_active and fachperson.rolle == Rolle.MEDIZIN):
        raise _mandatsfehler(
            "fachperson",
            "Zugeteilt werden nur aktive Fachpersonen (Psychiatrie, Medizin, Psychologie; Rolle Medizin).",
            "keine_fachperson",
        )
    if daten.art not in Mandatsart.values:
        raise _mandatsfehler("art", "Auftrag: Begutachtung oder Behandlung angeben.", "art")
    if daten.fachrichtung not in Fachrichtung.values:
        raise _mandatsfehler("fachrichtung", "Fachrichtung angeben.", "fachrichtung")
    referenz, auftrag = (daten.referenz or "").strip(), (daten.auftrag or "").strip()
    if not referenz:
        raise _mandatsfehler("referenz", "Referenz des Auftrags angeben.", "referenz")
    if not auftrag:
        raise _mandatsfehler(
            "auftrag", "Auftrag beschreiben: Einsicht nur, soweit für die Aufgabe erforderlich.", "auftrag"
        )
    ab = daten.gueltig_ab or heute
    if ab < heute:
        raise _mandatsfehler("gueltig_ab", "Der Zugriff kann nicht rückwirkend beginnen.", "rueckwirkend")
    bis = daten.gueltig_bis
    if bis is None and daten.art == Mandatsart.BEGUTACHTUNG:
        bis = standard_ende(ab)
    if bis is not None and bis < ab:
        raise _mandatsfehler("gueltig_bis", "Das Ende des Zugriffs liegt vor seinem Beginn.", "bis_vor_ab")
    ueberlappend = Fachpersonmandat.objects.filter(
        fachperson=fachperson, person=person, beendet_am__isnull=True
    ).filter(Q(zuteilung__gueltig_bis__isnull=True) | Q(zuteilung__gueltig_bis__gte=ab))
    if bis is not None:
        ueberlappend = ueberlappend.filter(zuteilung__gueltig_ab__lte=bis)
    if ueberlappend.exists():
        raise _mandatsfehler(
            "gueltig_ab",
            "Diese Fachperson hat für diese Person bereits ein Mandat in diesem Zeitraum.",
            "ueberlappend",
        )
    grund = f"Fachperson zugeteilt: {Mandatsart(daten.art).label} {referenz} (§ 22 JVG)"
    zuteilung = speichern(
        Zuteilung(benutzer=fachperson, person=person, gueltig_ab=ab, gueltig_bis=bis),
        durch=durch,
        grund=grund,
    )
    mandat = Fachpersonmandat(
        zuteilung=zuteilung,
        person=person,
        fachperson=fachperson,
        art=daten.art,
        fachrichtung=daten.fachrichtung,
        referenz=referenz,
        auftrag=auftrag,
        vorgesehen_ab=ab,
        vorgesehen_bis=bis,
        erteilt_durch=durch,
        erteilt_am=timezone.now(),
    )
    return speichern(mandat, durch=durch, grund=grund)


@transaction.atomic
def mandat_beenden(*, mandat: Fachpersonmandat, grund: str, durch) -> Fachpersonmandat:
    """End a mandate early: the expert's access ends at once (the assignment's last day becomes yesterday).

    A mandate that started today or lies in the future gets the one-day period "yesterday" on its
    assignment (an assignment must end on or after its start, `zuteilung_bis_nach_ab`); the originally
    planned period stays on the mandate and in the history.
    """
    berechtigung_pruefen(darf_fachperson_zuteilen(durch), "Mandat einer Fachperson beenden (§ 22 JVG)")
    m = Fachpersonmandat.objects.select_for_update().select_related("zuteilung").get(pk=mandat.pk)
    heute = timezone.localdate()
    if m.beendet_am is not None:
        raise _mandatsfehler("grund", "Das Mandat ist bereits beendet.", "beendet")
    z = m.zuteilung
    if z.gueltig_bis is not None and z.gueltig_bis < heute:
        raise _mandatsfehler("grund", "Das Mandat ist bereits abgelaufen.", "abgelaufen")
    grund = (grund or "").strip()
    if not grund:
        raise _mandatsfehler("grund", "Grund der vorzeitigen Beendigung angeben.", "grund")
    gestern = heute - timedelta(days=1)
    z.gueltig_bis = gestern
    if z.gueltig_ab > gestern:
        z.gueltig_ab = gestern
    text = f"Mandat {m.referenz} vorzeitig beendet (§ 22 JVG): {grund}"
    speichern(z, durch=durch, grund=text)
    m.beendet_am = heute
    m.beendigung_grund = grund
    return speichern(m, durch=durch, grund=text)
