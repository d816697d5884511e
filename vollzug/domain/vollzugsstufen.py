"""Stages of the Vollzugsplan (§ 18 JVG, R-18-2; § 41 Abs. 1 lit. c): the current stage lives on the plan and
moves without a new version: set by the facility management, or moved down by a disciplinary sanction.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kern.audit import speichern
from kern.rollen import Rolle, berechtigung_pruefen, hat_rolle
from vollzug.domain.vollzugsplan import GRUND_MAX, _aktuelle_anstalt_id, _leitung_der_anstalt_pruefen
from vollzug.models import Vollzugsfall, Vollzugsplan, Vollzugsstufe


def _grund_pruefen(grund: str, regel: str) -> str:
    grund = (grund or "").strip()
    if not grund:
        raise ValidationError(
            {
                "grund": ValidationError(
                    f"{regel}: Bitte den Grund der Stufenänderung angeben.", code="grund_fehlt"
                )
            }
        )
    if len(grund) > GRUND_MAX:
        raise ValidationError(
            {
                "grund": ValidationError(
                    f"{regel}: Der Grund ist zu lang (höchstens {GRUND_MAX} Zeichen).", code="grund_lang"
                )
            }
        )
    return grund


def _plan_gesperrt(fall: Vollzugsfall, regel: str) -> Vollzugsplan:
    plan = Vollzugsplan.objects.select_for_update().select_related("fall").filter(fall=fall).first()
    if plan is None or plan.aktuelle_stufe is None:
        raise ValidationError(
            {
                "stufe": ValidationError(
                    f"{regel}: Der Fall hat keinen Vollzugsplan mit festgelegter Stufe.", code="kein_plan"
                )
            }
        )
    return plan


@transaction.atomic
def stufe_zurueckversetzen(*, fall: Vollzugsfall, durch, grund: str, quelle=None) -> Vollzugsplan:
    """§ 41 Abs. 1 lit. c JVG: move the person down ONE stage of the plan (called by the disciplinary
    module, issue 5). The plan's content is not revised: no new version.

    Steps: permission (management of the current facility, or a system job); lock the plan; refuse
    without plan/stage or at the lowest stage (1); save the new stage with `grund` (and `quelle`, the
    deciding object, if given) as the history reason, actor `durch`.
    """
    regel = "§ 41 Abs. 1 lit. c JVG"
    was = "Rückversetzung in eine tiefere Vollzugsstufe (§ 41 Abs. 1 lit. c JVG)"
    if not hat_rolle(durch, Rolle.SYSTEM):
        berechtigung_pruefen(hat_rolle(durch, Rolle.ANSTALTSLEITUNG), was)
        _leitung_der_anstalt_pruefen(durch, _aktuelle_anstalt_id(fall), was)
    grund = _grund_pruefen(grund, regel)
    plan = _plan_gesperrt(fall, regel)
    if plan.aktuelle_stufe <= 1:
        raise ValidationError(
            {
                "stufe": ValidationError(
                    f"{regel}: Die Person ist bereits in der tiefsten Vollzugsstufe (Stufe 1); eine "
                    "Rückversetzung ist nicht möglich.",
                    code="tiefste_stufe",
                )
            }
        )
    plan.aktuelle_stufe -= 1
    plan.stufe_seit = timezone.now()
    return speichern(plan, durch=durch, grund=_grund_mit_quelle(grund, quelle))


def _grund_mit_quelle(grund: str, quelle) -> str:
    if quelle is None:
        return grund
    text = f"{grund} ({quelle})"
    return text if len(text) <= GRUND_MAX else text[: GRUND_MAX - 1] + "…"


@transaction.atomic
def stufe_setzen(*, fall: Vollzugsfall, stufe: int, durch, grund: str) -> Vollzugsplan:
    """R-18-2: the facility management moves the person up or down to a stage of the latest version
    (progression within the plan; a demotion as a disciplinary sanction uses `stufe_zurueckversetzen`).

    Steps: permission (management of the current facility); lock the plan; the stage must exist in
    the latest version and differ from the current one; save with `grund` as the history reason.
    """
    regel = "§ 18 JVG (R-18-2)"
    was = "Vollzugsstufe ändern (§ 18 JVG)"
    berechtigung_pruefen(hat_rolle(durch, Rolle.ANSTALTSLEITUNG), was)
    _leitung_der_anstalt_pruefen(durch, _aktuelle_anstalt_id(fall), was)
    grund = _grund_pruefen(grund, regel)
    plan = _plan_gesperrt(fall, regel)
    letzte = plan.versionen.order_by("-nummer").first()
    nummern = set(Vollzugsstufe.objects.filter(version=letzte).values_list("nummer", flat=True))
    if stufe not in nummern:
        raise ValidationError(
            {
                "stufe": ValidationError(
                    f"{regel}: Stufe {stufe} ist in Version {letzte.nummer} des Vollzugsplans nicht festgelegt "
                    f"(Stufen 1–{len(nummern)}).",
                    code="stufe_unbekannt",
                )
            }
        )
    if stufe == plan.aktuelle_stufe:
        raise ValidationError(
            {
                "stufe": ValidationError(
                    f"{regel}: Die Person ist bereits in Stufe {stufe}.", code="gleiche_stufe"
                )
            }
        )
    plan.aktuelle_stufe = stufe
    plan.stufe_seit = timezone.now()
    return speichern(plan, durch=durch, grund=grund)
