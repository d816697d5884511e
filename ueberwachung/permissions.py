"""Who may do what under §§ 27, 29, 30 JVG (R-0-ROLE-1); whether a user is the facility's management is
`queries.ist_leitung`."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from kern.rollen import Rolle, hat_rolle
from ueberwachung import queries
from ueberwachung.models import (
    EDMassnahme,
)
from ueberwachung.queries import aktuelle_anstalt_id, ist_leitung

# The phone system pushes recordings as a system user whose name starts with this (README: management
# command `telefonanlage_einrichten`, token auth).
TELEFONANLAGE = "telefonanlage"


def ist_telefonanlage(user) -> bool:
    return hat_rolle(user, Rolle.SYSTEM) and (
        user.username == TELEFONANLAGE or user.username.startswith(f"{TELEFONANLAGE}-")
    )


def darf_beiziehen(user, aufzeichnung) -> bool:
    # The authority (it receives the proceedings' requests) or the management of the recording facility.
    return hat_rolle(user, Rolle.SACHBEARBEITUNG) or ist_leitung(user, aufzeichnung.anstalt_id)


def darf_ed_verwalten(user, massnahme_or_person) -> bool:
    """§ 27 Abs. 1: the management of the facility where the person is placed now, or of the facility
    that ordered the measure (after a release, for police requests under § 27 Abs. 2)."""
    if isinstance(massnahme_or_person, EDMassnahme):
        if ist_leitung(user, massnahme_or_person.anstalt_id):
            return True
        person = massnahme_or_person.person_id
    else:
        person = massnahme_or_person
    return ist_leitung(user, aktuelle_anstalt_id(person))


# --- API: the role a write action needs, before its input is read (the domain checks again, per object) -----


def ist_anstaltsleitung(user) -> bool:
    """The role of a facility's management (with its facility); the object's facility is checked per object."""
    return hat_rolle(user, Rolle.ANSTALTSLEITUNG) and user.anstalt_id is not None


class ModulRechte(BasePermission):
    """Reads: the roles that see this module's metadata (management, authority, auditors); the others get
    403. Writes: the predicate of the action (the domain checks again, per object)."""

    regeln: dict = {}

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            self.message = "Keine Berechtigung: Überwachungsdaten (§§ 27, 29, 30 JVG, R-0-ROLE-1)."
            return queries.sieht_modul(request.user) or view.action == "inhalt"
        regel = self.regeln.get(view.action)
        if regel is None:
            return False
        was, darf = regel
        self.message = f"Keine Berechtigung: {was} (R-0-ROLE-1)."
        return darf(request.user)


class TelefonRechte(ModulRechte):
    regeln = {
        "create": (
            "Telefonaufzeichnung erfassen",
            lambda u: ist_telefonanlage(u) or ist_anstaltsleitung(u),
        ),
        "abhoeren": ("Telefonaufzeichnung abhören (§ 29 Abs. 3 JVG)", ist_anstaltsleitung),
    }


class VideoRechte(ModulRechte):
    regeln = {
        "auswerten": ("Videoaufzeichnung auswerten (§ 30 Abs. 3 JVG)", ist_anstaltsleitung),
        "auswertung_abschliessen": ("Auswertung abschliessen (§ 30 Abs. 5 JVG)", ist_anstaltsleitung),
    }


def darf_beiziehen_ueberhaupt(user) -> bool:
    """The roles that attach recordings to proceedings (the authority, the management); per object:
    `darf_beiziehen`."""
    return hat_rolle(user, Rolle.SACHBEARBEITUNG) or ist_anstaltsleitung(user)


class BeizugRechte(ModulRechte):
    regeln = {
        "create": ("Beizug erfassen", darf_beiziehen_ueberhaupt),
        "aufheben": ("Beizug aufheben", darf_beiziehen_ueberhaupt),
    }


class RechtsbeistandRechte(ModulRechte):
    regeln = {
        "create": ("Rechtsbeistand erfassen (R-29-4)", darf_beiziehen_ueberhaupt),
        "entfernen": ("Rechtsbeistand entfernen (R-29-4)", darf_beiziehen_ueberhaupt),
    }


class ZonenRechte(ModulRechte):
    # R-30-1: only a facility's management defines and lifts zones (the domain checks the zone's facility).
    regeln = {
        "create": ("Videozone festlegen (§ 30 Abs. 2 JVG)", ist_anstaltsleitung),
        "aufheben": ("Videozone aufheben (§ 30 Abs. 2 JVG)", ist_anstaltsleitung),
    }


class EDRechte(ModulRechte):
    # R-27-1, R-27-2: only a facility's management orders, views and passes on ED material (the domain
    # checks the person's or measure's facility, `darf_ed_verwalten`).
    regeln = {
        "create": ("Erkennungsdienstliche Massnahme anordnen (§ 27 Abs. 1 JVG)", ist_anstaltsleitung),
        "einsehen": ("ED-Unterlagen einsehen (§ 27 Abs. 1 JVG)", ist_anstaltsleitung),
        "weitergeben": ("ED-Unterlagen weitergeben (§ 27 Abs. 2 JVG)", ist_anstaltsleitung),
    }
