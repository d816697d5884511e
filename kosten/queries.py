"""Read side of the costs: which statements and items a user sees, the Unterstützungswohnsitz on a day
(§ 48), and which participations are enforceable (R-0-VFG-4)."""

from __future__ import annotations

from datetime import date

from django.db.models import Q

from kosten.models import (
    Abrechnung,
    Kostenposition,
    Unterstuetzungswohnsitz,
)
from kosten.permissions import darf_kosten_lesen, sozialdienst_von
from kosten.recht import Zahler
from verfuegungen.recht import Verfuegungsstatus
from vollzug.models import Person


def wohnsitz_am(person: Person | int, tag: date) -> Unterstuetzungswohnsitz | None:
    person_id = getattr(person, "pk", person)
    return (
        Unterstuetzungswohnsitz.objects.filter(person_id=person_id, gueltig_ab__lte=tag)
        .select_related("sozialdienst")
        .order_by("-gueltig_ab")
        .first()
    )


# A decision that binds: notified and not lifted; invoiced once enforceable (R-0-VFG-4: the type has
# suspensive effect, so only rechtskräftig — or notified with suspensive effect withdrawn).
LEBENDE_STATUS = [s for s in Verfuegungsstatus.values if s != Verfuegungsstatus.AUFGEHOBEN]


def vollstreckbar_q(praefix: str = "verfuegung__") -> Q:
    S = Verfuegungsstatus
    return Q(**{f"{praefix}status__in": [S.RECHTSKRAEFTIG, S.VOLLZOGEN, S.BESCHWERDEENTSCHEID]}) | Q(
        **{f"{praefix}status": S.EROEFFNET, f"{praefix}aufschiebende_wirkung_entzogen_am__isnull": False}
    )


# --- Visibility (R-0-ROLE-1) ---------------------------------------------------------------------


def abrechnungen_fuer_user(user):
    """Authority and revision: all; a Sozialamt (partnerbehoerde with a Sozialdienst): its own invoices."""
    if darf_kosten_lesen(user):
        return Abrechnung.objects.all()
    sd = sozialdienst_von(user)
    if sd is not None:
        return Abrechnung.objects.filter(zahler=Zahler.SOZIALHILFE, sozialdienst=sd)
    return Abrechnung.objects.none()


def positionen_fuer_user(user):
    """Authority and revision: all; a Sozialamt: only the items routed to it (R-47-2), so persons
    without such items stay invisible (404)."""
    if darf_kosten_lesen(user):
        return Kostenposition.objects.all()
    sd = sozialdienst_von(user)
    if sd is not None:
        return Kostenposition.objects.filter(zahler=Zahler.SOZIALHILFE, sozialdienst=sd)
    return Kostenposition.objects.none()
