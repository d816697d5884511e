"""Who may do what in the disciplinary law: staff report, the facility management leads and decides."""

from disziplinar.models import Disziplinarverfahren
from disziplinar.recht import Verfahrensstatus
from kern.rollen import ANSTALTSROLLEN, Rolle, hat_rolle
from kern.web.api import NachAktion
from vollzug.models import Platzierung, Vollzugsfall
from vollzug.queries import personen_fuer_user

# --- Who may do what (roles table: staff report, the facility management leads and decides) ------


def darf_rapportieren(user, fall: Vollzugsfall) -> bool:
    """R-40-1: staff (and management) of the facility where the person is placed now."""
    return (
        hat_rolle(user, Rolle.ANSTALTSPERSONAL, Rolle.ANSTALTSLEITUNG)
        and user.anstalt_id is not None
        and Platzierung.objects.filter(fall=fall, bis__isnull=True, anstalt_id=user.anstalt_id).exists()
    )


def darf_leiten(user, *, anstalt_id: int, person_id: int, offen: bool = True) -> bool:
    """§ 41 Abs. 1: the management of the facility where the offence happened leads and decides.

    Issue 23 (decision): it keeps leading an open proceeding (or opening one on its report) after the
    person was transferred, until the end; a closed proceeding it leads only while the person is
    placed there. The receiving facility's management only reads (`queries.verfahren_fuer_user`).
    """
    if not (hat_rolle(user, Rolle.ANSTALTSLEITUNG) and user.anstalt_id == anstalt_id):
        return False
    return offen or _aktuell_hier(user, person_id)


def _aktuell_hier(user, person_id: int) -> bool:
    return Platzierung.objects.filter(
        anstalt_id=user.anstalt_id, bis__isnull=True, fall__person_id=person_id
    ).exists()


def darf_verfahren_leiten(user, verfahren: Disziplinarverfahren) -> bool:
    return darf_leiten(
        user,
        anstalt_id=verfahren.anstalt_id,
        person_id=verfahren.person_id,
        offen=verfahren.status == Verfahrensstatus.OFFEN,
    )


def darf_sanktion_vollziehen(user, verfahren: Disziplinarverfahren) -> bool:
    """Issue 23 (decision): a sanction is executed by the management of the facility where the person
    is placed now; after a transfer that is the receiving facility, not the one that decided."""
    return (
        hat_rolle(user, Rolle.ANSTALTSLEITUNG)
        and user.anstalt_id is not None
        and _aktuell_hier(user, verfahren.person_id)
    )


def darf_entscheid_entwerfen(user, verfahren: Disziplinarverfahren) -> bool:
    """R-0-4EYES-1 (issue 17, roles table: staff draft proposals): staff of the facility (e.g. the security
    chief) or its management draft the Disziplinarverfügung of a proceeding the management opened; the
    management — or its configured Stellvertretung — approves it (`verfuegungen.recht.ZUSTAENDIGKEIT`),
    never the drafter. So a facility with one director can decide.
    Issue 23: the management that leads the proceeding (`darf_verfahren_leiten`) keeps drafting it after the
    person's transfer; staff draft only while they see the person (placed in their facility)."""
    return darf_verfahren_leiten(user, verfahren) or (
        hat_rolle(user, *ANSTALTSROLLEN)
        and user.anstalt_id == verfahren.anstalt_id
        and personen_fuer_user(user).filter(pk=verfahren.person_id).exists()
    )


def darf_statistik_sehen(user) -> bool:
    """Facility management (its own facility) and the authority's case workers and auditors (all)."""
    return hat_rolle(user, Rolle.SACHBEARBEITUNG, Rolle.REVISION) or (
        hat_rolle(user, Rolle.ANSTALTSLEITUNG) and user.anstalt_id is not None
    )


def sieht_alle_anstalten(user) -> bool:
    return hat_rolle(user, Rolle.SACHBEARBEITUNG, Rolle.REVISION)


# --- Before the object is known: 403 before any input check (the domain checks again, per object) -----


def darf_rapportieren_ueberhaupt(user) -> bool:
    """R-40-1: staff and management of a facility (`darf_rapportieren` then checks the person's placement)."""
    return hat_rolle(user, *ANSTALTSROLLEN) and user.anstalt_id is not None


def darf_leiten_ueberhaupt(user) -> bool:
    """§ 41 Abs. 1: the facility management leads and decides (`darf_leiten` then checks the person)."""
    return hat_rolle(user, Rolle.ANSTALTSLEITUNG) and user.anstalt_id is not None


def darf_entwerfen_ueberhaupt(user) -> bool:
    """Issue 17 (roles table: staff draft proposals): staff or management of a facility may draft a
    Disziplinarverfügung; `darf_entscheid_entwerfen` then checks the proceeding's facility and person."""
    return hat_rolle(user, *ANSTALTSROLLEN) and user.anstalt_id is not None


def darf_eroeffnen(user) -> bool:
    # As `verfuegungen.permissions.darf_eroeffnen`: the authority or the facility.
    return hat_rolle(user, Rolle.SACHBEARBEITUNG, Rolle.ANSTALTSLEITUNG, Rolle.ANSTALTSPERSONAL)


# DRF permission classes of the API: the predicate per action.
class RapportRechte(NachAktion):
    regeln = {
        "create": ("Rapport erfassen", darf_rapportieren_ueberhaupt),
        "verfahren_eroeffnen": ("Disziplinarverfahren eröffnen", darf_leiten_ueberhaupt),
    }


class VerfahrenRechte(NachAktion):
    regeln = {
        "strafanzeige": ("Strafanzeige vormerken", darf_leiten_ueberhaupt),
        "einstellen": ("Disziplinarverfahren einstellen", darf_leiten_ueberhaupt),
        "entscheid": ("Disziplinarverfügung entwerfen", darf_entwerfen_ueberhaupt),
        "eroeffnen": ("Verfügung eröffnen", darf_eroeffnen),
    }


class SanktionRechte(NachAktion):
    regeln = {"vollziehen": ("Disziplinarsanktion vollziehen", darf_leiten_ueberhaupt)}
