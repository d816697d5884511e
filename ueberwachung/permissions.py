"""Who may do what under §§ 27, 29, 30 JVG (R-0-ROLE-1); whether a user is the facility's management is
`queries.ist_leitung`."""

from kern.rollen import Rolle, hat_rolle
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
