"""The roles of the rulebook's roles table (R-0-ROLE-1) and the named predicates built on them.

Visibility of persons and cases is a query (`vollzug.queries`); these predicates answer "may this
user do X at all" and are shared by views, API and jobs (STYLE §5).
"""

from django.core.exceptions import PermissionDenied
from django.db import models


class Rolle(models.TextChoices):
    SACHBEARBEITUNG = "sachbearbeitung", "Sachbearbeitung Vollzugsbehörde"
    ANSTALTSLEITUNG = "anstaltsleitung", "Anstaltsleitung"
    ANSTALTSPERSONAL = "anstaltspersonal", "Anstaltspersonal"
    MEDIZIN = "medizin", "Medizin (Arzt/Ärztin, Psychiatrie)"
    REVISION = "revision", "Revision"
    PARTNERBEHOERDE = "partnerbehoerde", "Partnerbehörde (REST)"
    BEDROHUNGSMANAGEMENT = "bedrohungsmanagement", "Bedrohungsmanagement"
    ADMIN = "admin", "Systemadministration"
    SYSTEM = "system", "Systemjob"


# Roles bound to exactly one facility: they see only persons placed there (R-0-ROLE-1, R-20-1).
ANSTALTSROLLEN = frozenset({Rolle.ANSTALTSLEITUNG, Rolle.ANSTALTSPERSONAL})
# Roles that read every case of the authority.
ALLE_FAELLE_LESEN = frozenset({Rolle.SACHBEARBEITUNG, Rolle.REVISION, Rolle.BEDROHUNGSMANAGEMENT})


def hat_rolle(user, *rollen: str) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.rolle in rollen)


def _zustellende_strafbehoerde(user) -> bool:
    # § 12 / § 21 Abs. 3 lit. a: a Strafbehörde's API client delivers its legally binding judgments.
    if not hat_rolle(user, Rolle.PARTNERBEHOERDE):
        return False
    behoerde = getattr(user, "behoerde", None)
    return bool(behoerde is not None and behoerde.aktiv and behoerde.typ == "a")


def darf_fall_erfassen(user) -> bool:
    # §12: judgments are delivered to the Vollzugsbehörde; its case workers open the case, and a
    # Strafbehörde opens it by delivering through the API (R-12-1).
    return hat_rolle(user, Rolle.SACHBEARBEITUNG) or _zustellende_strafbehoerde(user)


def darf_person_erfassen(user) -> bool:
    return hat_rolle(user, Rolle.SACHBEARBEITUNG) or _zustellende_strafbehoerde(user)


def darf_einweisen(user) -> bool:
    # §17.1: the Vollzugsbehörde determines the facility.
    return hat_rolle(user, Rolle.SACHBEARBEITUNG)


def darf_versetzen(user, *, klinik_dringend: bool = False) -> bool:
    # §17.2/§17.3: the authority transfers; only in urgent §17.3 cases the facility management may.
    if hat_rolle(user, Rolle.SACHBEARBEITUNG):
        return True
    return klinik_dringend and hat_rolle(user, Rolle.ANSTALTSLEITUNG)


def darf_entlassen(user) -> bool:
    return hat_rolle(user, Rolle.SACHBEARBEITUNG)


def ist_nur_lesend(user) -> bool:
    return hat_rolle(user, Rolle.REVISION, Rolle.BEDROHUNGSMANAGEMENT)


def berechtigung_pruefen(erlaubt: bool, was: str) -> None:
    """Refuse with the one German message every domain function uses (R-0-ROLE-1)."""
    if not erlaubt:
        raise PermissionDenied(f"Keine Berechtigung: {was} (R-0-ROLE-1).")
