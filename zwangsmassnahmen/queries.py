"""Who may see which records of §§ 25, 26, 28, 32 (R-0-ROLE-1): one place for views, API, cards, deadlines.

The authority's case workers and the auditors see everything; the facility roles see the records of
persons placed in their facility now (controls and escapes only those of their own facility); a record
outside answers 404. The physician (medizin) sees none of them: these measures hold no health data and
§§ 25–32 give the physician no part in them (the § 28 Abs. 3 tests are results of the facility, not medical
findings); other roles (partnerbehoerde, bedrohungsmanagement, admin) have no access to this module.
"""

from django.db.models import QuerySet

from kern.rollen import ANSTALTSROLLEN, Rolle
from vollzug.queries import faelle_fuer_user
from zwangsmassnahmen.models import Entweichung, Kontrolle, Sicherheitshaft, VoruebergehendeVersetzung

# Roles that see every record of this module.
ALLE_SEHEN = frozenset({Rolle.SACHBEARBEITUNG, Rolle.REVISION})
# Roles that use the module at all (navigation, landing page).
MODULROLLEN = ALLE_SEHEN | ANSTALTSROLLEN | {Rolle.MEDIZIN}


def _aktiv(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def _sichtbar(modell, user, *, eigene_anstalt: bool) -> QuerySet:
    if not _aktiv(user):
        return modell.objects.none()
    if user.rolle in ALLE_SEHEN:
        return modell.objects.all()
    if user.rolle in ANSTALTSROLLEN and user.anstalt_id is not None:
        qs = modell.objects.filter(fall__in=faelle_fuer_user(user))
        return qs.filter(anstalt_id=user.anstalt_id) if eigene_anstalt else qs
    return modell.objects.none()


def haften_fuer_user(user) -> QuerySet[Sicherheitshaft]:
    return _sichtbar(Sicherheitshaft, user, eigene_anstalt=False)


def versetzungen_fuer_user(user) -> QuerySet[VoruebergehendeVersetzung]:
    return _sichtbar(VoruebergehendeVersetzung, user, eigene_anstalt=False)


def kontrollen_fuer_user(user) -> QuerySet[Kontrolle]:
    return _sichtbar(Kontrolle, user, eigene_anstalt=True)


def entweichungen_fuer_user(user) -> QuerySet[Entweichung]:
    return _sichtbar(Entweichung, user, eigene_anstalt=True)
