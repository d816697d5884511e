"""§ 37 JVG (R-37-1): information before the order unless Gefahr im Verzug; relatives on request; the
Einweisungsbehörde informed."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from kern.audit import speichern
from kern.rollen import Rolle, berechtigung_pruefen
from zwangsmedizin.domain._hilfen import aufgabe_anlegen, aufgabe_erledigen, fehler, person_name, zeitpunkt
from zwangsmedizin.domain.medikation import _sperren
from zwangsmedizin.models import Zwangsmedikation
from zwangsmedizin.permissions import darf_aufklaeren, ist_anstaltsleitung_von, ist_behoerde
from zwangsmedizin.recht import (
    Medikationsstatus,
    ZwangsmedizinAufgabenart,
)

S = Medikationsstatus


@transaction.atomic
def aufklaerung_erfassen(
    *, medikation: Zwangsmedikation, durch, am: datetime | None = None
) -> Zwangsmedikation:
    """§ 37 Abs. 1 (R-37-1): the person was informed about the measure and the right of appeal.

    Before the order (request pending), or afterwards where Gefahr im Verzug was recorded.
    """
    m = _sperren(medikation)
    berechtigung_pruefen(darf_aufklaeren(durch, m), "Aufklärung erfassen")
    if m.aufgeklaert_am is not None:
        raise fehler("aufgeklaert_am", "Die Aufklärung ist bereits erfasst.", "doppelt")
    if m.status != S.BEANTRAGT and not m.gefahr_im_verzug_begruendung:
        raise fehler(
            "aufgeklaert_am",
            "§ 37 Abs. 1 JVG (R-37-1): Die Aufklärung erfolgt vor der Anordnung.",
            "zu_spaet",
        )
    m.aufgeklaert_am = zeitpunkt(
        am, "aufgeklaert_am", nicht_vor=m.erfasst_am if m.status == S.BEANTRAGT else None
    )
    m.aufgeklaert_durch = durch
    nachtraeglich = m.status != S.BEANTRAGT
    return speichern(
        m,
        durch=durch,
        grund="Aufklärung nachgeholt (Gefahr im Verzug, § 37 Abs. 1 JVG)"
        if nachtraeglich
        else "Aufklärung (§ 37 Abs. 1 JVG)",
        felder=["aufgeklaert_am", "aufgeklaert_durch"],
    )


@transaction.atomic
def gefahr_im_verzug_erfassen(*, medikation: Zwangsmedikation, begruendung: str, durch) -> Zwangsmedikation:
    """§ 37 Abs. 1 (R-37-1): the exception; the information follows after the order."""
    m = _sperren(medikation)
    berechtigung_pruefen(darf_aufklaeren(durch, m), "Gefahr im Verzug erfassen")
    if m.status != S.BEANTRAGT:
        raise fehler("begruendung", "Gefahr im Verzug wird vor der Anordnung vermerkt.", "status")
    if m.aufgeklaert_am is not None or m.gefahr_im_verzug_begruendung:
        raise fehler("begruendung", "Aufklärung oder Gefahr im Verzug ist bereits erfasst.", "doppelt")
    if not begruendung.strip():
        raise fehler(
            "begruendung", "§ 37 Abs. 1 JVG (R-37-1): Gefahr im Verzug ist zu begründen.", "begruendung_fehlt"
        )
    m.gefahr_im_verzug_begruendung = begruendung.strip()
    m.gefahr_im_verzug_am = timezone.now()
    return speichern(
        m,
        durch=durch,
        grund="Gefahr im Verzug (§ 37 Abs. 1 JVG)",
        felder=["gefahr_im_verzug_begruendung", "gefahr_im_verzug_am"],
    )


@transaction.atomic
def angehoerige_wunsch_erfassen(
    *, medikation: Zwangsmedikation, person_bezeichnung: str, durch
) -> Zwangsmedikation:
    """§ 37 Abs. 1 Satz 2 (R-37-1): on the person's request relatives or a named close person are
    informed without delay → task ANGEHOERIGE_INFORMIEREN for the authority (due now)."""
    m = _sperren(medikation)
    berechtigung_pruefen(darf_aufklaeren(durch, m), "Wunsch auf Information Angehöriger erfassen")
    if m.angehoerige_wunsch_am is not None:
        raise fehler("person_bezeichnung", "Der Wunsch ist bereits erfasst.", "doppelt")
    if m.status not in (S.BEANTRAGT, S.DRINGLICH_ANGEORDNET, S.ANGEORDNET):
        raise fehler("person_bezeichnung", f"Die Zwangsmedikation ist «{m.get_status_display()}».", "status")
    if not person_bezeichnung.strip():
        raise fehler(
            "person_bezeichnung",
            "§ 37 Abs. 1 JVG (R-37-1): Die zu informierende Person (Angehörige oder nahestehende Person) nennen.",
            "leer",
        )
    m.angehoerige_wunsch_am = timezone.now()
    m.angehoerige_person = person_bezeichnung.strip()[:200]
    m.angehoerige_aufgabe = aufgabe_anlegen(
        art=ZwangsmedizinAufgabenart.ANGEHOERIGE_INFORMIEREN,
        titel=f"Angehörige/nahestehende Person unverzüglich informieren (§ 37 Abs. 1 JVG): {person_name(m.person)}",
        fall=m.fall,
        fuer_rolle=Rolle.SACHBEARBEITUNG,
        faellig_am=m.angehoerige_wunsch_am,
        durch=durch,
    )
    return speichern(
        m,
        durch=durch,
        grund="Wunsch auf Information Angehöriger (§ 37 Abs. 1 JVG)",
        felder=["angehoerige_wunsch_am", "angehoerige_person", "angehoerige_aufgabe"],
    )


@transaction.atomic
def angehoerige_informiert(
    *, medikation: Zwangsmedikation, durch, am: datetime | None = None
) -> Zwangsmedikation:
    m = _sperren(medikation)
    berechtigung_pruefen(darf_aufklaeren(durch, m), "Information Angehöriger erfassen")
    if m.angehoerige_wunsch_am is None:
        raise fehler("am", "§ 37 Abs. 1 JVG: Die Person hat keine Information gewünscht.", "kein_wunsch")
    if m.angehoerige_informiert_am is not None:
        raise fehler("am", "Die Information ist bereits erfasst.", "doppelt")
    m.angehoerige_informiert_am = zeitpunkt(am, "am", nicht_vor=m.angehoerige_wunsch_am)
    m.angehoerige_informiert_durch = durch
    aufgabe_erledigen(m.angehoerige_aufgabe, durch=durch, am=m.angehoerige_informiert_am)
    return speichern(
        m,
        durch=durch,
        grund="Angehörige informiert (§ 37 Abs. 1 JVG)",
        felder=["angehoerige_informiert_am", "angehoerige_informiert_durch"],
    )


@transaction.atomic
def einweisungsbehoerde_informiert(
    *, medikation: Zwangsmedikation, durch, am: datetime | None = None
) -> Zwangsmedikation:
    """§ 37 Abs. 3 (R-37-1): the facility's management records when it informed the Einweisungsbehörde
    (the task's completion time is the timestamp)."""
    m = _sperren(medikation)
    aufgabe = m.einweisung_aufgabe
    if aufgabe is None:
        raise fehler(
            "am", "Zu dieser Zwangsmedikation ist (noch) keine Anordnung zu melden.", "keine_anordnung"
        )
    erlaubt = (
        ist_anstaltsleitung_von(durch, m.person_id) and durch.anstalt_id == aufgabe.anstalt_id
        if aufgabe.anstalt_id
        else ist_behoerde(durch)
    )
    berechtigung_pruefen(erlaubt, "Information der Einweisungsbehörde erfassen")
    if aufgabe.erledigt_am is not None:
        raise fehler("am", "Die Information der Einweisungsbehörde ist bereits erfasst.", "doppelt")
    am = zeitpunkt(am, "am", nicht_vor=m.angeordnet_am)
    aufgabe_erledigen(aufgabe, durch=durch, am=am)
    return m
