"""Who may do what in the case core. Who may *see* which persons and cases is `vollzug.queries`
(`personen_fuer_user`, `faelle_fuer_user`); the role predicates shared by all apps are `kern.rollen`.
"""

from kern import rollen
from kern.rollen import Rolle, hat_rolle
from kern.web.api import ErfassenNurMit
from vollzug.queries import personen_fuer_user


def darf_gesundheitsdaten_lesen(user, person) -> bool:
    """Roles table: health data (medical reports §17.3, certificates §14.3) are read only by the
    deciding authority (sachbearbeitung) and by physicians assigned to the person (medizin)."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.rolle == Rolle.SACHBEARBEITUNG:
        return True
    person_id = getattr(person, "pk", person)
    return user.rolle == Rolle.MEDIZIN and personen_fuer_user(user).filter(pk=person_id).exists()


def darf_plan_bearbeiten(user, anstalt_id: int | None) -> bool:
    """R-18-2: the management of the facility where the person is placed now draws up and moves the plan."""
    return (
        anstalt_id is not None
        and hat_rolle(user, Rolle.ANSTALTSLEITUNG)
        and getattr(user, "anstalt_id", None) == anstalt_id
    )


# --- The staff API's permission classes (403 before any input check) -------------------------------


def _sachbearbeitung(user) -> bool:
    # The staff API is for case workers; a Strafbehörde delivers through /api/v1/urteilszustellungen/
    # (purpose-bound, logged, idempotent), never through these endpoints.
    return rollen.hat_rolle(user, rollen.Rolle.SACHBEARBEITUNG)


class DarfPersonErfassen(ErfassenNurMit):
    message = "Keine Berechtigung: Person erfassen (R-0-ROLE-1)."
    darf = staticmethod(lambda user: _sachbearbeitung(user) and rollen.darf_person_erfassen(user))


class DarfFallErfassen(ErfassenNurMit):
    message = "Keine Berechtigung: Vollzugsfall erfassen (R-0-ROLE-1)."
    darf = staticmethod(lambda user: _sachbearbeitung(user) and rollen.darf_fall_erfassen(user))
