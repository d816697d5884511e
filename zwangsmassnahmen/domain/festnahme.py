"""§ 32 Festnahme: `entweichung_melden` (order and tasks at once, R-32-1) → `einweisungsbehoerde_informiert`,
`zufuehrung_erfassen`."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from kern import ereignisse
from kern.audit import naechste_nummer, speichern
from kern.models import Aufgabe
from kern.rollen import Rolle, berechtigung_pruefen
from vollzug.models import Vollzugsfall
from vollzug.recht import Fallstatus, VollzugAufgabenart
from zwangsmassnahmen.domain._hilfen import (
    _aufgaben_erledigen,
    _fehler,
    _sperren,
    _text,
    _zeit,
    _zeitpunkt_pruefen,
)
from zwangsmassnahmen.models import (
    Entweichung,
)
from zwangsmassnahmen.permissions import (
    darf_entweichung_bearbeiten,
    eigene_platzierung,
)
from zwangsmassnahmen.recht import (
    Abwesenheitsart,
    Zufuehrungsart,
    ZwangsmassnahmenAufgabenart,
)

# --- § 32 Festnahmen (R-32-1) ------------------------------------------------------------------------


@transaction.atomic
def entweichung_melden(
    *, fall: Vollzugsfall, art: str, festgestellt_am: datetime, umstaende: str, durch
) -> Entweichung:
    """§ 32 Abs. 1 JVG (R-32-1): staff or management report an escape or unauthorised absence.

    Steps: permission (facility of the current placement); validate; the Festnahme- und
    Zuführungsauftrag is created at once ("unverzüglich angeordnet") with its number; two tasks due
    now: the facility management informs the Einweisungsbehörde (the facility informs), the
    Vollzugsbehörde has the order executed (police, RIPOL). One open escape per case.
    """
    platzierung = eigene_platzierung(fall, durch, "Entweichung melden (§ 32 JVG)")
    jetzt = timezone.now()
    if art not in Abwesenheitsart.values:
        raise _fehler(
            "art", "§ 32 Abs. 1 JVG (R-32-1): Entweichung oder unerlaubte Abwesenheit wählen.", "art"
        )
    _zeitpunkt_pruefen("festgestellt_am", festgestellt_am, jetzt, "Die Feststellung", "§ 32 JVG (R-32-1)")
    if festgestellt_am < platzierung.von:
        raise _fehler(
            "festgestellt_am",
            "Die Abwesenheit kann nicht vor der Platzierung in der Einrichtung liegen.",
            "vor_platzierung",
        )
    if not _text(umstaende):
        raise _fehler(
            "umstaende", "§ 32 JVG (R-32-1): Umstände der Abwesenheit beschreiben.", "umstaende_fehlen"
        )
    Vollzugsfall.objects.select_for_update().get(pk=fall.pk)
    offen = Entweichung.objects.filter(fall=fall, zugefuehrt_am__isnull=True).first()
    if offen is not None:
        raise _fehler(
            "fall",
            f"§ 32 JVG: Zu diesem Fall ist die Abwesenheit {offen.auftrag_nummer} noch offen (keine Zuführung erfasst).",
            "bereits_offen",
        )
    if fall.status != Fallstatus.IM_VOLLZUG:
        raise _fehler("fall", "§ 32 JVG: Die Person ist nicht im Vollzug.", "nicht_im_vollzug")
    nummer = f"FZA-{jetzt.year}-{naechste_nummer(f'festnahmeauftrag-{jetzt.year}'):05d}"
    person = fall.person
    wer = f"{person.vorname} {person.amtlicher_name}"
    info = speichern(
        Aufgabe(
            art=VollzugAufgabenart.EINWEISUNGSBEHOERDE_INFORMIEREN,
            titel=f"Einweisungsbehörde informieren: {Abwesenheitsart(art).label} {wer} (Fall {fall.fallnummer})"[
                :200
            ],
            beschreibung=f"§ 32 Abs. 1 Satz 2 JVG: Festnahme- und Zuführungsauftrag {nummer}; festgestellt "
            f"{_zeit(festgestellt_am)}.",
            fuer_rolle=Rolle.ANSTALTSLEITUNG,
            anstalt_id=platzierung.anstalt_id,
            fall=fall,
            faellig_am=jetzt,
        ),
        durch=durch,
        grund="R-32-1: Einweisungsbehörde informieren",
    )
    festnahme = speichern(
        Aufgabe(
            art=ZwangsmassnahmenAufgabenart.FESTNAHME,
            titel=f"Festnahme und Zuführung {nummer}: {wer} (Fall {fall.fallnummer}) vollziehen lassen"[:200],
            beschreibung=f"§ 32 Abs. 1 JVG: {Abwesenheitsart(art).label} aus {platzierung.anstalt}, festgestellt "
            f"{_zeit(festgestellt_am)}. Auftrag an die Polizei (Fahndung) weiterleiten.",
            fuer_rolle=Rolle.SACHBEARBEITUNG,
            fall=fall,
            faellig_am=jetzt,
        ),
        durch=durch,
        grund="R-32-1: Festnahme- und Zuführungsauftrag",
    )
    entweichung = speichern(
        Entweichung(
            fall=fall,
            anstalt_id=platzierung.anstalt_id,
            art=art,
            festgestellt_am=festgestellt_am,
            umstaende=_text(umstaende),
            gemeldet_am=jetzt,
            gemeldet_durch=durch,
            auftrag_nummer=nummer,
            auftrag_am=jetzt,
            aufgabe_information=info,
            aufgabe_festnahme=festnahme,
        ),
        durch=durch,
        grund="Festnahme und Zuführung angeordnet (§ 32 Abs. 1 JVG)",
    )
    # Subscribed agencies (webhooks) learn of the arrest order after commit; no health data in it.
    ereignisse.melden(
        ereignisse.Ereignistyp.FESTNAHMEAUFTRAG,
        person_id=fall.person_id,
        fall_id=fall.pk,
        objekt=entweichung,
        zeitpunkt=jetzt,
        daten={"auftrag": nummer, "art": art, "anstalt": platzierung.anstalt.name},
    )
    return entweichung


@transaction.atomic
def einweisungsbehoerde_informiert(
    *, entweichung: Entweichung, am: datetime | None = None, durch
) -> Entweichung:
    """§ 32 Abs. 1 Satz 2 JVG (R-32-1): record when the facility informed the Einweisungsbehörde."""
    _sperren(entweichung)
    berechtigung_pruefen(
        darf_entweichung_bearbeiten(durch, entweichung, behoerde=False),
        "Information der Einweisungsbehörde erfassen",
    )
    if entweichung.einweisungsbehoerde_informiert_am is not None:
        raise _fehler("einweisungsbehoerde_informiert_am", "Die Information ist bereits erfasst.", "bereits")
    am = am or timezone.now()
    _zeitpunkt_pruefen(
        "einweisungsbehoerde_informiert_am", am, timezone.now(), "Die Information", "§ 32 JVG (R-32-1)"
    )
    if am < entweichung.festgestellt_am:
        raise _fehler(
            "einweisungsbehoerde_informiert_am",
            "Die Information kann nicht vor der Feststellung liegen.",
            "zu_frueh",
        )
    entweichung.einweisungsbehoerde_informiert_am, entweichung.einweisungsbehoerde_informiert_durch = (
        am,
        durch,
    )
    speichern(entweichung, durch=durch, grund="Einweisungsbehörde informiert (§ 32 Abs. 1 JVG)")
    _aufgaben_erledigen(
        [entweichung.aufgabe_information_id], durch, "Erledigt: Einweisungsbehörde informiert"
    )
    return entweichung


@transaction.atomic
def zufuehrung_erfassen(
    *, entweichung: Entweichung, am: datetime, art: str, bemerkung: str = "", durch
) -> Entweichung:
    """§ 32 JVG: the person was arrested and brought back (by the police, by staff under Abs. 2, or
    returned); closes the order and its task."""
    _sperren(entweichung)
    berechtigung_pruefen(darf_entweichung_bearbeiten(durch, entweichung, behoerde=True), "Zuführung erfassen")
    if entweichung.zugefuehrt_am is not None:
        raise _fehler("zugefuehrt_am", "Die Zuführung ist bereits erfasst.", "bereits")
    if art not in Zufuehrungsart.values:
        raise _fehler("zufuehrung_art", "§ 32 JVG: Art der Zuführung wählen.", "art")
    _zeitpunkt_pruefen("zugefuehrt_am", am, timezone.now(), "Die Zuführung", "§ 32 JVG (R-32-1)")
    if am < entweichung.festgestellt_am:
        raise _fehler(
            "zugefuehrt_am",
            f"Die Zuführung kann nicht vor der Feststellung der Abwesenheit ({_zeit(entweichung.festgestellt_am)}) liegen.",
            "vor_feststellung",
        )
    entweichung.zugefuehrt_am, entweichung.zufuehrung_art = am, art
    entweichung.zufuehrung_bemerkung, entweichung.zufuehrung_erfasst_durch = _text(bemerkung), durch
    speichern(entweichung, durch=durch, grund="Zuführung erfasst (§ 32 JVG)")
    _aufgaben_erledigen([entweichung.aufgabe_festnahme_id], durch, "Erledigt: Person zugeführt")
    return entweichung
