"""Who may do what in §§ 25, 26, 28 and 32 JVG (roles table, R-0-ROLE-1)."""

from kern.rollen import ANSTALTSROLLEN, Rolle, berechtigung_pruefen, hat_rolle
from kern.web.api import NachAktion
from vollzug.models import Platzierung, Vollzugsfall
from vollzug.queries import personen_fuer_user
from zwangsmassnahmen.models import (
    Entweichung,
)


def darf_haft_anordnen(user) -> bool:
    # § 25 "die zuständige Behörde": the Vollzugsbehörde (roles table: sachbearbeitung decides § 25).
    return hat_rolle(user, Rolle.SACHBEARBEITUNG)


def darf_versetzen_26(user) -> bool:
    # § 26 "die zuständige Behörde": the Vollzugsbehörde, as for § 17 transfers.
    return hat_rolle(user, Rolle.SACHBEARBEITUNG)


def platzierung_in_eigener_anstalt(user, fall: Vollzugsfall) -> Platzierung | None:
    """The person's current placement if it is in the user's own facility (facility roles only)."""
    if not hat_rolle(user, *ANSTALTSROLLEN) or user.anstalt_id is None:
        return None
    return (
        Platzierung.objects.filter(fall=fall, bis__isnull=True, anstalt_id=user.anstalt_id)
        .select_related("anstalt")
        .first()
    )


def darf_in_anstalt_handeln(user, *, anstalt_id: int, person_id: int, nur_leitung: bool = False) -> bool:
    """Facility staff/management act for persons placed in their own facility now (R-0-ROLE-1)."""
    rollen = (Rolle.ANSTALTSLEITUNG,) if nur_leitung else tuple(ANSTALTSROLLEN)
    return (
        hat_rolle(user, *rollen)
        and user.anstalt_id == anstalt_id
        and personen_fuer_user(user).filter(pk=person_id).exists()
    )


def darf_entweichung_bearbeiten(user, e: Entweichung, *, behoerde: bool) -> bool:
    if behoerde and hat_rolle(user, Rolle.SACHBEARBEITUNG):
        return True
    return darf_in_anstalt_handeln(user, anstalt_id=e.anstalt_id, person_id=e.fall.person_id)


def eigene_platzierung(fall: Vollzugsfall, durch, was: str) -> Platzierung:
    """The current placement in the user's own facility, else PermissionDenied (R-0-ROLE-1)."""
    platzierung = platzierung_in_eigener_anstalt(durch, fall)
    berechtigung_pruefen(
        platzierung is not None, f"{was} (nur für in der eigenen Einrichtung platzierte Personen)"
    )
    return platzierung


# --- API: the role a write action needs, before its input is read (the domain checks again, per object) -----


def _behoerde(user) -> bool:
    return hat_rolle(user, Rolle.SACHBEARBEITUNG)


def _anstalt(user) -> bool:
    return hat_rolle(user, *ANSTALTSROLLEN) and user.anstalt_id is not None


def _leitung(user) -> bool:
    return hat_rolle(user, Rolle.ANSTALTSLEITUNG) and user.anstalt_id is not None


def _anstalt_oder_behoerde(user) -> bool:
    return _anstalt(user) or _behoerde(user)


class HaftRechte(NachAktion):
    regeln = {
        "create": ("Sicherheitshaft anordnen (§ 25 JVG)", _behoerde),
        "antrag": ("Verlängerungsantrag erfassen", _behoerde),
        "gerichtsentscheid": ("Entscheid des Zwangsmassnahmengerichts erfassen", _behoerde),
        "beenden": ("Sicherheitshaft beenden", _behoerde),
    }


class VersetzungRechte(NachAktion):
    regeln = {"create": ("Vorübergehende Versetzung anordnen (§ 26 JVG)", _behoerde)}


class KontrolleRechte(NachAktion):
    regeln = {
        "create": ("Kontrolle erfassen (§ 28 JVG)", _anstalt),
        "leibesvisitation": ("Leibesvisitation beantragen", _anstalt),
        "entscheiden": ("Leibesvisitation anordnen (Anstaltsleitung)", _leitung),
        "durchfuehren": ("Leibesvisitation durchführen", _anstalt),
    }


class EntweichungRechte(NachAktion):
    regeln = {
        "create": ("Entweichung melden (§ 32 JVG)", _anstalt),
        "informiert": ("Information der Einweisungsbehörde erfassen", _anstalt),
        "zufuehrung": ("Zuführung erfassen", _anstalt_oder_behoerde),
    }
