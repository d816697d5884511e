"""Who may act in §§ 34–39 JVG (R-0-ROLE-1): one predicate per step, asked by the domain function and, before
any input is validated, by the page and the API (a caller without the right gets 403, not a form error)."""

from kern.rollen import Rolle, hat_rolle
from vollzug.queries import personen_fuer_user
from zwangsmedizin.models import Zwangsmedikation


def ist_zugeteilte_aerztin(user, person_id: int) -> bool:
    """§ 36 Abs. 1 "zuständiger Arzt": a physician assigned to the person (vollzug.Zuteilung)."""
    return hat_rolle(user, Rolle.MEDIZIN) and personen_fuer_user(user).filter(pk=person_id).exists()


def ist_behoerde(user) -> bool:
    """§ 36 Abs. 1, § 38 Abs. 1, § 39 Abs. 3 "zuständige Behörde": the Vollzugsbehörde's case workers."""
    return hat_rolle(user, Rolle.SACHBEARBEITUNG)


def ist_anstaltsleitung_von(user, person_id: int) -> bool:
    return hat_rolle(user, Rolle.ANSTALTSLEITUNG) and personen_fuer_user(user).filter(pk=person_id).exists()


# --- § 36 Zwangsmedikation ----------------------------------------------------------------------


def darf_medikation_beantragen(user, person_id: int | None = None) -> bool:
    """§ 36 Abs. 1/2: report and request, or the urgent order, are the physician's ("zuständiger Arzt": the
    one assigned to the person). Without a person (an API create before its input is read): the role only."""
    if person_id is None:
        return hat_rolle(user, Rolle.MEDIZIN)
    return ist_zugeteilte_aerztin(user, person_id)


# --- § 37 Zwangsmedikation ----------------------------------------------------------------------


def darf_aufklaeren(user, m: Zwangsmedikation) -> bool:
    return ist_zugeteilte_aerztin(user, m.person_id) or ist_behoerde(user)


def darf_einweisungsbehoerde_informiert(user, m: Zwangsmedikation) -> bool:
    """§ 37 Abs. 3: the management of the task's facility, else (a task of the authority) the authority."""
    aufgabe = m.einweisung_aufgabe
    if aufgabe is None:
        return ist_anstaltsleitung_von(user, m.person_id) or ist_behoerde(user)
    if aufgabe.anstalt_id:
        return ist_anstaltsleitung_von(user, m.person_id) and user.anstalt_id == aufgabe.anstalt_id
    return ist_behoerde(user)


def darf_medikation_aktion(user, m: Zwangsmedikation, aktion: str) -> bool:
    """Issue 18 item 6: the predicate of each step on a Zwangsmedikation, asked by the page and the API
    before their input is read (the domain function asks again). Unknown steps: no right."""
    if aktion in ("aufklaerung", "gefahr", "angehoerige", "angehoerige_informiert"):
        return darf_aufklaeren(user, m)
    if aktion == "einweisungsbehoerde":
        return darf_einweisungsbehoerde_informiert(user, m)
    if aktion in ("verfuegen", "ablehnen", "nachpruefen"):
        return ist_behoerde(user)
    if aktion == "beenden":
        return ist_zugeteilte_aerztin(user, m.person_id) or ist_behoerde(user)
    return False


# --- § 39 Zwangsernährung ----------------------------------------------------------------------------


def darf_hungerstreik_erfassen(user, person_id: int | None = None) -> bool:
    """A hunger strike is recorded by the assigned physician, the facility's management or the authority
    (§ 39 Abs. 1, 3). Without a person (an API create before its input is read): the role only."""
    if person_id is None:
        return hat_rolle(user, Rolle.MEDIZIN, Rolle.ANSTALTSLEITUNG, Rolle.SACHBEARBEITUNG)
    return (
        ist_zugeteilte_aerztin(user, person_id)
        or ist_anstaltsleitung_von(user, person_id)
        or ist_behoerde(user)
    )


def darf_gespraech_erfassen(user, person_id: int) -> bool:
    # § 39 Abs. 1: "durch einen Arzt oder eine Ärztin" – the physician assigned to the person.
    return ist_zugeteilte_aerztin(user, person_id)


def darf_zustand_melden(user, person_id: int) -> bool:
    # § 39 Abs. 3: loss of consciousness or incapacity is a medical finding.
    return ist_zugeteilte_aerztin(user, person_id)


def darf_verfuegen(user) -> bool:
    # § 39 Abs. 3: "ordnet die zuständige Behörde die Zwangsernährung an".
    return ist_behoerde(user)


def darf_patientenverfuegung_erfassen(user, person_id: int) -> bool:
    return ist_zugeteilte_aerztin(user, person_id) or ist_behoerde(user)


def darf_hungerstreik_beenden(user, person_id: int) -> bool:
    """Issue 24: the end of a hunger strike is recorded by the physician assigned to the person or by the
    Vollzugsbehörde – not by the facility management, of this facility or another one.

    § 39 puts the hunger strike in the hands of the physician (Abs. 1: information about the risks;
    Abs. 3: the finding of lost consciousness or capacity) and of the authority, which alone orders
    force-feeding (Abs. 3). Ending the record closes that course: it settles the authority's decision
    task and makes an order impossible (`eroeffnung_pruefen` refuses a strike that is not running). That
    the person eats again, and is out of the danger § 39 guards against, is a medical finding or the
    authority's own assessment. The management reports a strike (so that both get involved) and runs the
    facility around it; the roles table gives it no part in § 39."""
    return ist_zugeteilte_aerztin(user, person_id) or ist_behoerde(user)
