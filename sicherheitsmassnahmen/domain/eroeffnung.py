"""§ 44 JVG: the measure becomes active at Eröffnung (no suspensive effect, R-0-VFG-4).

`nach_eroeffnung` is registered with `kern.erweiterungen.eroeffnung` (contributions.py), so every notification
path (page, API) activates it; `eroeffnung_pruefen` refuses a notification when the person is no longer placed
in the facility or is a juvenile for lit. f/g."""

from datetime import datetime

from django.utils import timezone

from kern.audit import speichern
from sicherheitsmassnahmen.domain._hilfen import (
    S,
    _beenden,
    _fehler,
)
from sicherheitsmassnahmen.domain.antrag import jugendschutz_pruefen, platzierung_pruefen
from sicherheitsmassnahmen.models import Sicherheitsmassnahme
from sicherheitsmassnahmen.recht import (
    ueberpruefung_faellig_ab,
)
from verfuegungen.models import Verfuegung

# --- Eröffnung: the measure becomes active (§ 44, R-0-VFG-4) -------------------------------------


def eroeffnung_pruefen(verfuegung: Verfuegung, am: datetime, muendlich_am: datetime | None) -> None:
    """Registered check of every Eröffnung of type SICHERHEITSMASSNAHME_31 (page, API, service)."""
    m = Sicherheitsmassnahme.objects.select_related("person", "anstalt").filter(verfuegung=verfuegung).first()
    if m is None:
        return  # a § 31 decision without a measure of this module (e.g. drafted directly): nothing to add
    if m.status != S.BEANTRAGT:
        raise _fehler("status", f"Die Massnahme {m.nummer} ist bereits «{m.get_status_display()}».", "status")
    platzierung_pruefen(m, feld="am")
    jugendschutz_pruefen(m.person, m.art, muendlich_am or am)


def nach_eroeffnung(verfuegung: Verfuegung, durch) -> None:
    """§ 44 (R-0-VFG-4): executed from Eröffnung – an oral announcement before the written one counts
    (R-0-VFG-2); the first review is due one interval later (R-31-5)."""
    m = Sicherheitsmassnahme.objects.select_for_update().filter(verfuegung=verfuegung).first()
    if m is None:
        return
    m.status = S.AKTIV
    m.aktiv_seit = verfuegung.muendlich_eroeffnet_am or verfuegung.eroeffnet_am
    m.naechste_ueberpruefung_am = ueberpruefung_faellig_ab(m.art, m.aktiv_seit)
    speichern(
        m,
        durch=durch,
        grund=f"Eröffnet: vollzogen ab {timezone.localtime(m.aktiv_seit):%d.%m.%Y %H:%M} (§ 44 JVG)",
    )


def nach_aufhebung(aufhebung) -> None:
    """Issue 23 (registered with `kern.erweiterungen.nach_aufhebung`): the decision that ordered the measure
    was lifted or set aside on appeal → the active measure ends now, with that reason (§ 31 Abs. 5: it
    lasts only on a valid order). Already ended (e.g. by its review): nothing to do."""
    m = Sicherheitsmassnahme.objects.select_for_update().filter(verfuegung=aufhebung.verfuegung).first()
    if m is None or m.status != S.AKTIV:
        return
    _beenden(m, durch=aufhebung.durch, grund=aufhebung.grund, am=aufhebung.am)
