"""Who may do what in the case core. Who may *see* which persons and cases is `vollzug.queries`
(`personen_fuer_user`, `faelle_fuer_user`); the role predicates shared by all apps are `kern.rollen`.
"""

from kern.rollen import Rolle, hat_rolle
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
