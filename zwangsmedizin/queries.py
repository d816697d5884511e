"""Who sees what of §§ 34–39 (R-0-ROLE-1, roles table: health data only for `medizin` and the authority).

Two levels, both a query:
* existence (that a forced medication / hunger strike exists, its status and dates, the Verfügung's
  number): the authority and revision (everything), assigned physicians, and the management of the
  facility where the person is placed — it must inform the Einweisungsbehörde (§ 37 Abs. 3) and run
  the facility around the measure. Facility staff, partner agencies and others see nothing (404).
* content (report and request, recommendation, information log, assessment, Patientenverfügung):
  `sieht_gesundheitsdaten(user)` within the scoped queryset — sachbearbeitung and the assigned
  physicians (`vollzug.permissions.darf_gesundheitsdaten_lesen`). Objects that ARE health data (the
  information sessions, Patientenverfügungen, the recommendation document) answer 404 to everyone else.
"""

from django.db.models import QuerySet

from kern.rollen import Rolle, hat_rolle
from vollzug.queries import personen_fuer_user
from zwangsmedizin.models import (
    Aufklaerungsgespraech,
    Hungerstreik,
    Patientenverfuegung,
    Zwangsmedikation,
)

_EXISTENZ_ROLLEN = (Rolle.SACHBEARBEITUNG, Rolle.REVISION, Rolle.MEDIZIN, Rolle.ANSTALTSLEITUNG)
_INHALT_ROLLEN = (Rolle.SACHBEARBEITUNG, Rolle.MEDIZIN)


def sieht_modul(user) -> bool:
    return hat_rolle(user, *_EXISTENZ_ROLLEN)


def sieht_gesundheitsdaten(user) -> bool:
    """Within the scoped querysets below: may this user read the medical content? (medizin's scope is
    already its assigned persons, so the role decides: one answer for a whole list, no query per row)."""
    return hat_rolle(user, *_INHALT_ROLLEN)


def medikationen_fuer_user(user) -> QuerySet[Zwangsmedikation]:
    if not hat_rolle(user, *_EXISTENZ_ROLLEN):
        return Zwangsmedikation.objects.none()
    qs = Zwangsmedikation.objects.all()
    if not hat_rolle(user, Rolle.SACHBEARBEITUNG, Rolle.REVISION):
        qs = qs.filter(person__in=personen_fuer_user(user))
    return qs


def hungerstreiks_fuer_user(user) -> QuerySet[Hungerstreik]:
    if not hat_rolle(user, *_EXISTENZ_ROLLEN):
        return Hungerstreik.objects.none()
    qs = Hungerstreik.objects.all()
    if not hat_rolle(user, Rolle.SACHBEARBEITUNG, Rolle.REVISION):
        qs = qs.filter(person__in=personen_fuer_user(user))
    return qs


def gespraeche_fuer_user(user) -> QuerySet[Aufklaerungsgespraech]:
    if not sieht_gesundheitsdaten(user):
        return Aufklaerungsgespraech.objects.none()
    return Aufklaerungsgespraech.objects.filter(hungerstreik__in=hungerstreiks_fuer_user(user))


def patientenverfuegungen_fuer_user(user) -> QuerySet[Patientenverfuegung]:
    if not sieht_gesundheitsdaten(user):
        return Patientenverfuegung.objects.none()
    if hat_rolle(user, Rolle.SACHBEARBEITUNG):
        return Patientenverfuegung.objects.all()
    return Patientenverfuegung.objects.filter(person__in=personen_fuer_user(user))
