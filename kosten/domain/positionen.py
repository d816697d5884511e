"""Cost items (R-KOST-1): who pays (R-46-1, R-47-1, R-47-2: subsidiary items by Unterstützungswohnsitz,
R-49-1, R-50-1), recording with source document, writing off."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from kern.audit import speichern
from kern.dateien import datei_sha256
from kern.models import Aufgabe
from kern.rollen import Rolle, berechtigung_pruefen
from kosten.domain._pruefen import _datum, _fehler, _text
from kosten.models import (
    Kostenposition,
    Sozialdienst,
)
from kosten.permissions import darf_kosten_bearbeiten
from kosten.queries import wohnsitz_am
from kosten.recht import (
    ABSCHREIBBAR,
    AUSLAGEN_47,
    ERLAUBTE_ZAHLER,
    STANDARDZAHLER,
    SUBSIDIAER_MOEGLICH,
    VOLLZUGSKOSTEN_46,
    Kanton,
    KostenAufgabenart,
    Kostenkategorie,
    Zahler,
    chf,
    geld,
)
from vollzug.models import Person, Vollzugsfall

K = Kostenkategorie


@dataclass(frozen=True, slots=True)
class Zuweisung:
    zahler: str
    sozialdienst: Sozialdienst | None = None
    dritter: str = ""
    hinweis: str = ""  # why, for the history and the page


def zahler_bestimmen(
    *,
    person: Person,
    kategorie: str,
    datum: date,
    subsidiaer: bool = False,
    zahler: str = "",
    dritter: str = "",
) -> Zuweisung:
    """Route one item to its payer.

    R-47-2 (§ 47 Abs. 2): an item social assistance pays subsidiarily goes, for a person whose
    Unterstützungswohnsitz on the item's date is in the canton of Lucerne, to that municipality's
    Sozialdienst (lit. a), otherwise to the canton, which takes over unrecoverable costs (lit. b). No
    recorded Unterstützungswohnsitz → refused (the routing would be a guess). Without subsidiarity:
    § 46 costs the canton unless third parties pay (R-46-1), § 47 costs the person (R-47-1), § 49/§ 50
    as chosen within `ERLAUBTE_ZAHLER` (a recharge away from the canton needs its basis, see caller).
    """
    if kategorie not in K.values:
        raise _fehler(
            "kategorie",
            "R-KOST-1: Unbekannte Kategorie (§ 46 Abs. 2 lit. a–d, § 47 Abs. 3 lit. a–l, § 49, § 50).",
            "kategorie",
        )
    if subsidiaer:
        if kategorie not in SUBSIDIAER_MOEGLICH:
            raise _fehler(
                "subsidiaer",
                "§ 47 Abs. 2 JVG (R-47-2): Subsidiär durch die Sozialhilfe getragen werden nur persönliche "
                "Auslagen (§ 47 Abs. 3) und Kosten der fürsorgerischen Unterbringung (§ 49).",
                "nicht_subsidiaer",
            )
        if zahler and zahler not in (Zahler.SOZIALHILFE, Zahler.KANTON):
            raise _fehler(
                "zahler",
                "§ 47 Abs. 2 JVG (R-47-2): Eine subsidiär zu tragende Auslage wird nach dem "
                "Unterstützungswohnsitz zugewiesen, nicht frei gewählt.",
                "zahler_subsidiaer",
            )
        wohnsitz = wohnsitz_am(person, datum)
        if wohnsitz is None:
            raise _fehler(
                "subsidiaer",
                f"§ 47 Abs. 2 JVG (R-47-2): Für {person.vorname} {person.amtlicher_name} ist am "
                f"{datum:%d.%m.%Y} kein Unterstützungswohnsitz erfasst – zuerst erfassen.",
                "wohnsitz_fehlt",
            )
        if wohnsitz.kanton == Kanton.LU:
            return Zuweisung(
                Zahler.SOZIALHILFE,
                sozialdienst=wohnsitz.sozialdienst,
                hinweis=f"§ 47 Abs. 2 lit. a JVG: Unterstützungswohnsitz {wohnsitz.gemeinde} (LU)",
            )
        return Zuweisung(
            Zahler.KANTON,
            hinweis=f"§ 47 Abs. 2 lit. b JVG: Unterstützungswohnsitz {wohnsitz.get_kanton_display()} – Kanton entscheidet",
        )
    zahler = zahler or STANDARDZAHLER[kategorie]
    if zahler not in Zahler.values:  # bad input: a message, not a ValueError of `Zahler(zahler)` below
        raise _fehler("zahler", "§§ 46–50 JVG: Unbekannter Zahler.", "zahler_unbekannt")
    if zahler not in ERLAUBTE_ZAHLER[kategorie]:
        regel = (
            "§ 46 Abs. 1 JVG (R-46-1): Vollzugskosten trägt der Kanton, soweit nicht Dritte aufkommen"
            if kategorie in VOLLZUGSKOSTEN_46
            else "§ 47 Abs. 1 JVG (R-47-1): Persönliche Auslagen trägt die eingewiesene Person"
            if kategorie in AUSLAGEN_47
            else "§§ 49, 50 JVG (R-49-1/R-50-1): Dieser Zahler ist für die Kategorie nicht vorgesehen"
        )
        raise _fehler(
            "zahler", f"{regel} (Zahler «{Zahler(zahler).label}» nicht zulässig).", "zahler_kategorie"
        )
    if zahler == Zahler.DRITTE:
        dritter = _text(dritter, "dritter", "R-KOST-1", "Name der Dritten")
    return Zuweisung(zahler, dritter=dritter if zahler == Zahler.DRITTE else "")


@transaction.atomic
def kostenposition_erfassen(
    *,
    fall: Vollzugsfall,
    kategorie: str,
    datum: date,
    bezeichnung: str,
    betrag: Decimal,
    beleg,
    durch,
    zahler: str = "",
    dritter: str = "",
    subsidiaer: bool = False,
    weiterverrechnung_grund: str = "",
) -> Kostenposition:
    """Record one cost item (R-KOST-1) and route it to its payer (R-46-1, R-47-1, R-47-2).

    Steps: permission; amount; date (not in the future); category; source document (hash); payer via
    `zahler_bestimmen`; a § 49/§ 50 item not borne by the canton (a recharge, R-49-1/R-50-1) and a
    § 49 item at all (§ 57 EGZGB) need their basis; save with history. Side effect: an item routed to
    the canton under § 47 Abs. 2 lit. b opens a task KOSTEN_PRUEFEN (the canton decides and may have
    to bear it as unrecoverable).
    """
    berechtigung_pruefen(darf_kosten_bearbeiten(durch), "Kostenposition erfassen")
    betrag = geld(betrag, "betrag")
    datum = _datum(datum, "datum")
    if datum > timezone.localdate():
        raise _fehler(
            "datum", "R-0-BAD-1: Das Datum einer Kostenposition kann nicht in der Zukunft liegen.", "zukunft"
        )
    bezeichnung = _text(bezeichnung, "bezeichnung", "R-KOST-1", "Bezeichnung")
    if not beleg:
        raise _fehler(
            "beleg", "R-KOST-1: Jede Kostenposition braucht einen Beleg (Quelldokument).", "beleg_fehlt"
        )
    fall = Vollzugsfall.objects.select_related("person").get(pk=fall.pk)
    zuweisung = zahler_bestimmen(
        person=fall.person,
        kategorie=kategorie,
        datum=datum,
        subsidiaer=subsidiaer,
        zahler=zahler,
        dritter=dritter,
    )
    grund = (weiterverrechnung_grund or "").strip()
    if kategorie == K.AUSLAENDERRECHT_50 and zuweisung.zahler != Zahler.KANTON and not grund:
        raise _fehler(
            "weiterverrechnung_grund",
            "§ 50 JVG (R-50-1): Die Kosten der ausländerrechtlichen Haft trägt der Kanton, soweit er sie nicht "
            "weiterverrechnen kann – Grundlage der Weiterverrechnung angeben.",
            "grund_fehlt",
        )
    if kategorie == K.FU_49 and not grund:
        raise _fehler(
            "weiterverrechnung_grund",
            "§ 49 JVG (R-49-1): Die Kostentragung richtet sich nach § 57 EGZGB – Grundlage angeben.",
            "grund_fehlt",
        )
    position = Kostenposition(
        fall=fall,
        kategorie=kategorie,
        datum=datum,
        bezeichnung=bezeichnung,
        betrag=betrag,
        zahler=zuweisung.zahler,
        sozialdienst=zuweisung.sozialdienst,
        dritter=zuweisung.dritter,
        subsidiaer=bool(subsidiaer),
        weiterverrechnung_grund=grund,
        erfasst_durch=durch,
        erfasst_am=timezone.now(),
    )
    position.beleg_sha256 = datei_sha256(beleg)
    position.beleg.save(getattr(beleg, "name", "beleg") or "beleg", beleg, save=False)
    speichern(position, durch=durch, grund=(zuweisung.hinweis or "Kostenposition erfasst")[:100])
    if subsidiaer and zuweisung.zahler == Zahler.KANTON:
        speichern(
            Aufgabe(
                art=KostenAufgabenart.KOSTEN_PRUEFEN,
                titel=f"Subsidiäre Auslage «{bezeichnung}» ({chf(betrag)}) entscheiden (§ 47 Abs. 2 lit. b)",
                beschreibung=f"Fall {fall.fallnummer}: {zuweisung.hinweis}. Uneinbringliche Kosten übernimmt der Kanton.",
                fuer_rolle=Rolle.SACHBEARBEITUNG,
                fall=fall,
                faellig_am=timezone.now() + timedelta(days=30),
            ),
            durch=durch,
        )
    return position


@transaction.atomic
def position_abschreiben(
    *, position: Kostenposition, grund: str, durch, am: date | None = None
) -> Kostenposition:
    """§ 47 Abs. 2 lit. b (R-47-2): the canton takes over an unrecoverable cost; recorded with reason.
    Items routed to a municipality's social assistance are that body's decision, not the canton's."""
    berechtigung_pruefen(darf_kosten_bearbeiten(durch), "Kostenposition abschreiben")
    position = Kostenposition.objects.select_for_update().get(pk=position.pk)
    if position.uneinbringlich_am is not None:
        raise _fehler("uneinbringlich_grund", "Die Position ist bereits abgeschrieben.", "bereits")
    if position.zahler not in ABSCHREIBBAR:
        raise _fehler(
            "uneinbringlich_grund",
            "§ 47 Abs. 2 JVG (R-47-2): Abgeschrieben werden nur Forderungen gegenüber der Person, Dritten oder "
            f"dem Bund (Zahler hier: «{position.get_zahler_display()}»).",
            "nicht_abschreibbar",
        )
    position.uneinbringlich_grund = _text(
        grund, "uneinbringlich_grund", "§ 47 Abs. 2 lit. b JVG (R-47-2)", "Grund der Abschreibung"
    )
    position.uneinbringlich_am = am or timezone.localdate()
    position.uneinbringlich_durch = durch
    return speichern(position, durch=durch, grund="Als uneinbringlich abgeschrieben (§ 47 Abs. 2 lit. b JVG)")
