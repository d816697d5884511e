"""Who may do what with a Verfügung (R-0-ROLE-1, R-0-4EYES-1): the predicates the domain functions check and
the pages and the API use to offer actions. Who may *see* which Verfügungen is `verfuegungen.queries`.
"""

from datetime import date

from django.utils import timezone
from rest_framework.permissions import SAFE_METHODS, BasePermission

from kern.rollen import ANSTALTSROLLEN, Rolle, hat_rolle
from verfuegungen import recht
from verfuegungen.models import Stellvertretung, Verfuegung
from verfuegungen.queries import sieht_ueber_gegenstand
from verfuegungen.recht import (
    BESTAETIGT,
    UEBERGAENGE,
    Anhoerungsart,
    Genehmigungsaktion,
    Verfuegungsstatus,
    Verfuegungstyp,
)
from vollzug.models import Anstalt, Person
from vollzug.queries import personen_fuer_user

S = Verfuegungsstatus


def _sieht_person(user, person_id: int, ueber=None) -> bool:
    # `ueber`: the Verfügung or its object; issue 23: an open disciplinary proceeding after a transfer
    # is finished by the facility where the offence happened (`verfuegungen.queries._ueber_gegenstand`).
    return personen_fuer_user(user).filter(pk=person_id).exists() or sieht_ueber_gegenstand(user, ueber)


def darf_entwerfen(user, *, typ: str, anstalt: Anstalt | None, person: Person, gegenstand=None) -> bool:
    """Facility decisions (§ 31, § 41) are drafted in the facility; all others by the authority."""
    z = recht.zustaendigkeit(typ)
    if z.in_anstalt:
        return (
            hat_rolle(user, *z.entwerfen)
            and anstalt is not None
            and user.anstalt_id == anstalt.pk
            and _sieht_person(user, person.pk, gegenstand)
        )
    return hat_rolle(user, *z.entwerfen)


def darf_bearbeiten(user, verfuegung: Verfuegung) -> bool:
    if verfuegung.typ in recht.ANSTALTSTYPEN:
        return (
            hat_rolle(user, Rolle.ANSTALTSLEITUNG, Rolle.ANSTALTSPERSONAL)
            and user.anstalt_id == verfuegung.anstalt_id
            and _sieht_person(user, verfuegung.person_id, verfuegung)
        )
    return hat_rolle(user, Rolle.SACHBEARBEITUNG)


def ist_stellvertretung(user, *, anstalt_id: int | None, am: date | None = None) -> bool:
    """R-0-4EYES-1 (issue 17): `user` is the configured deputy for the management of facility
    `anstalt_id` (None: for the authority) on day `am` (default today, Europe/Zurich), both ends included."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    tag = am or timezone.localdate()
    return Stellvertretung.objects.filter(
        vertreter=user, anstalt_id=anstalt_id, von__lte=tag, bis__gte=tag
    ).exists()


def darf_genehmigen(user, verfuegung: Verfuegung, *, am: date | None = None) -> bool:
    """R-0-4EYES-1 by the type's Zuständigkeit (`recht.ZUSTAENDIGKEIT`): the approving role — in a facility
    its management, bound to that facility — or the deputy configured for it on that day (a facility's
    deputy works there). The drafter is refused separately, with its own message."""
    z = recht.zustaendigkeit(verfuegung.typ)
    if not z.in_anstalt:
        return hat_rolle(user, *z.genehmigen) or (
            hat_rolle(user, *z.entwerfen) and ist_stellvertretung(user, anstalt_id=None, am=am)
        )
    if not (hat_rolle(user, *ANSTALTSROLLEN) and user.anstalt_id == verfuegung.anstalt_id):
        return False
    if not (
        hat_rolle(user, *z.genehmigen) or ist_stellvertretung(user, anstalt_id=verfuegung.anstalt_id, am=am)
    ):
        return False
    return _sieht_person(user, verfuegung.person_id, verfuegung)


def darf_entscheiden(user, verfuegung: Verfuegung) -> bool:
    """Those who may draft or approve may also hear, withdraw, lift or record execution."""
    return darf_bearbeiten(user, verfuegung) or darf_genehmigen(user, verfuegung)


def darf_eroeffnen(user, verfuegung: Verfuegung) -> bool:
    # The authority notifies by mail or in person; staff hand decisions over in the facility.
    if hat_rolle(user, Rolle.SACHBEARBEITUNG):
        return True
    return hat_rolle(user, Rolle.ANSTALTSLEITUNG, Rolle.ANSTALTSPERSONAL) and _sieht_person(
        user, verfuegung.person_id, verfuegung
    )


def darf_vollzug_erfassen(user, verfuegung: Verfuegung) -> bool:
    """Recording that a decision was executed (→ vollzogen) belongs to whoever decides it: the facility
    management for its § 31 and § 41 decisions, the Vollzugsbehörde for all others (issue 24).

    § 31 Abs. 1 gives the order of a besondere Sicherheitsmassnahme to "die Leitung der
    Vollzugseinrichtung", and § 31 Abs. 5 makes keeping or ending it hers as well; § 41 likewise leaves
    the disciplinary sanction to the management (R-41-1, its execution: `disziplinar.domain
    .sanktion_vollziehen`). Recording the execution closes the decision's course, so it is part of the
    decision, not of its notification: staff hand a decision over (`darf_eroeffnen`) and draft
    proposals, but do not close one. For the same reason a facility does not record the execution of
    the authority's decisions (§ 17, § 14, § 48 …), nor the authority that of the facility's.

    Issue 23 (decision): a disciplinary sanction still to be executed after a transfer is executed by
    the receiving facility, so its management (the person is placed there now) records it too."""
    if (
        verfuegung.typ == Verfuegungstyp.DISZIPLINAR
        and hat_rolle(user, Rolle.ANSTALTSLEITUNG)
        and personen_fuer_user(user).filter(pk=verfuegung.person_id).exists()
    ):
        return True
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
        if b is not None and b.ergebnis in BESTAETIGT:
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


# --- The API's permission class: 403 before any input check (the domain checks again, under the row lock)


def darf_aufheben(user, v: Verfuegung) -> bool:
    # As `verfuegungen.domain.aufheben`: what was approved is lifted only by someone who may approve it (R-0-4EYES-1).
    if v.status in (Verfuegungsstatus.ENTWURF, Verfuegungsstatus.ZUR_GENEHMIGUNG):
        return darf_entscheiden(user, v)
    return darf_genehmigen(user, v) or darf_rechtsmittel_erfassen(user, v)


# API action → (what, predicate of this module for this object)
RECHTE = {
    "vorlegen": ("Verfügung zur Genehmigung vorlegen", darf_bearbeiten),
    "genehmigen": ("Verfügung genehmigen (R-0-4EYES-1)", darf_genehmigen),
    "zurueckweisen": ("Verfügung zurückweisen (R-0-4EYES-1)", darf_genehmigen),
    "ablehnen": ("Verfügung ablehnen (R-0-4EYES-1)", darf_genehmigen),
    "gehoer": ("Rechtliches Gehör erfassen", darf_entscheiden),
    "gehoer_nachholen": ("Rechtliches Gehör nachholen", darf_entscheiden),
    "eroeffnen": ("Verfügung eröffnen", darf_eroeffnen),
    "beschwerde": ("Beschwerde erfassen", darf_rechtsmittel_erfassen),
    "aufschiebende_wirkung": ("Aufschiebende Wirkung erfassen", darf_rechtsmittel_erfassen),
    "aufschiebende_wirkung_entziehen": ("Aufschiebende Wirkung entziehen", darf_entscheiden),
    "beschwerdeentscheid": ("Beschwerdeentscheid erfassen", darf_rechtsmittel_erfassen),
    "weiterzug": ("Weiterzug erfassen", darf_rechtsmittel_erfassen),
    "rechtskraft": ("Rechtskraft eintragen", darf_rechtsmittel_erfassen),
    "aufheben": ("Verfügung aufheben", darf_aufheben),
    "vollzogen": ("Vollzug erfassen", darf_vollzug_erfassen),
}


class VerfuegungRechte(BasePermission):
    """Reads: every signed-in user (what they see is the queryset). Writes: the roles that ever write in
    the lifecycle (authority and facility), then the service's predicate for this decision."""

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        regel = RECHTE.get(view.action)
        if regel is None:
            return False
        self.message = f"Keine Berechtigung: {regel[0]} (R-0-ROLE-1)."
        return hat_rolle(request.user, Rolle.SACHBEARBEITUNG, Rolle.ANSTALTSLEITUNG, Rolle.ANSTALTSPERSONAL)

    def has_object_permission(self, request, view, obj):
        if request.method in SAFE_METHODS:
            return True
        was, darf = RECHTE[view.action]
        self.message = f"Keine Berechtigung: {was} (R-0-ROLE-1)."
        return darf(request.user, obj)
