"""Kostenbeteiligung (§ 48, R-48-1): recorded as a Verfügung of the shared lifecycle, parents of a
juvenile within their duty of maintenance (Art. 45 JStPO)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from kern.audit import speichern
from kern.rollen import berechtigung_pruefen
from kosten.domain._pruefen import _datum, _fehler, _text
from kosten.models import (
    Elternbeitrag,
    Kostenbeteiligung,
)
from kosten.permissions import darf_kosten_bearbeiten
from kosten.queries import LEBENDE_STATUS
from kosten.recht import GRUNDLAGE_BUCHSTABE, Beteiligungsgrundlage, chf, geld
from verfuegungen.domain import Entwurfsdaten, verfuegung_entwerfen
from verfuegungen.recht import Verfuegungstyp
from vollzug.models import Person, Vollzugsfall

# --- Kostenbeteiligung (R-48-1) ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ElternDaten:
    name: str
    adresse: str
    betrag_pro_tag: Decimal


@transaction.atomic
def kostenbeteiligung_erfassen(
    *,
    fall: Vollzugsfall,
    grundlage: str,
    von: date,
    bis: date,
    einkommen_monatlich: Decimal,
    betrag_pro_tag: Decimal,
    begruendung: str,
    durch,
    abzuege_monatlich: Decimal = Decimal("0.00"),
    abzuege_text: str = "",
    eltern: list[ElternDaten] | None = None,
) -> Kostenbeteiligung:
    """§ 48 (R-48-1): assess the person's participation per day of placement and draft its Verfügung
    (type KOSTENBETEILIGUNG_48; Gehör, four-eyes approval, Eröffnung, PDF, appeal: shared lifecycle).

    Steps: permission; amounts (Decimal); period; grounds; "angemessen" (Art. 380 Abs. 2 StGB): a
    participation from work or income (lit. a, c) takes at most the net income after deductions —
    per day × 365 ≤ net per month × 12; juveniles (under 18 at the start, Art. 45 JStPO): the parents
    may be co-addressees with their own daily share, adults have none; no overlap with another live
    participation of the case; save with history; draft the Verfügung (gegenstand = this record).
    """
    berechtigung_pruefen(darf_kosten_bearbeiten(durch), "Kostenbeteiligung festsetzen")
    if grundlage not in Beteiligungsgrundlage.values:
        raise _fehler(
            "grundlage",
            "§ 48 JVG (R-48-1): Grundlage nach Art. 380 Abs. 2 lit. a–c StGB wählen.",
            "grundlage",
        )
    einkommen = geld(einkommen_monatlich, "einkommen_monatlich", null_erlaubt=True)
    abzuege = geld(abzuege_monatlich, "abzuege_monatlich", null_erlaubt=True)
    pro_tag = geld(betrag_pro_tag, "betrag_pro_tag", null_erlaubt=True)
    von, bis = _datum(von, "von"), _datum(bis, "bis")
    if bis < von:
        raise _fehler("bis", "§ 48 JVG (R-48-1): Das Ende liegt vor dem Beginn.", "periode")
    begruendung = _text(
        begruendung, "begruendung", "§ 48 Abs. 1 JVG (R-48-1)", "Begründung der Angemessenheit"
    )
    netto = einkommen - abzuege
    if netto < 0:
        raise _fehler(
            "abzuege_monatlich", "§ 48 JVG (R-48-1): Die Abzüge übersteigen das Einkommen.", "abzuege"
        )
    if grundlage != Beteiligungsgrundlage.EINKOMMEN_VERMOEGEN and pro_tag * 365 > netto * 12:
        raise _fehler(
            "betrag_pro_tag",
            f"§ 48 Abs. 1 JVG, Art. 380 Abs. 2 StGB (R-48-1): Die Beteiligung von {chf(pro_tag)} pro Tag übersteigt "
            f"das Nettoeinkommen nach Abzügen ({chf(netto)} pro Monat) – nicht angemessen.",
            "nicht_angemessen",
        )
    fall = Vollzugsfall.objects.select_for_update().select_related("person").get(pk=fall.pk)
    person = fall.person
    eltern = list(eltern or [])
    jugendlich = person.ist_jugendlich(von)
    if eltern and not jugendlich:
        raise _fehler(
            "eltern",
            "§ 48 Abs. 2 JVG (R-48-1): Eltern werden nur bei Jugendlichen (Art. 45 JStPO) beteiligt; die Person "
            f"war am {von:%d.%m.%Y} volljährig.",
            "nicht_jugendlich",
        )
    geprueft = []
    for i, e in enumerate(eltern):
        geprueft.append(
            (
                _text(e.name, f"eltern[{i}].name", "Art. 45 JStPO (R-48-1)", "Name des Elternteils"),
                _text(e.adresse, f"eltern[{i}].adresse", "Art. 45 JStPO (R-48-1)", "Adresse des Elternteils"),
                geld(e.betrag_pro_tag, f"eltern[{i}].betrag_pro_tag"),
            )
        )
    if pro_tag == 0 and not geprueft:
        raise _fehler(
            "betrag_pro_tag", "§ 48 JVG (R-48-1): Eine Beteiligung von CHF 0.00 wird nicht verfügt.", "null"
        )
    andere = Kostenbeteiligung.objects.filter(
        fall=fall, von__lte=bis, bis__gte=von, beendet_am__isnull=True
    ).filter(Q(verfuegung__isnull=True) | Q(verfuegung__status__in=LEBENDE_STATUS))
    if (x := andere.first()) is not None:
        raise _fehler(
            "von",
            f"§ 48 JVG (R-48-1): Für {x.von:%d.%m.%Y}–{x.bis:%d.%m.%Y} ist bereits eine Kostenbeteiligung festgesetzt.",
            "ueberschneidung",
        )
    kb = speichern(
        Kostenbeteiligung(
            fall=fall,
            grundlage=grundlage,
            von=von,
            bis=bis,
            einkommen_monatlich=einkommen,
            abzuege_monatlich=abzuege,
            abzuege_text=(abzuege_text or "").strip(),
            betrag_pro_tag=pro_tag,
            begruendung=begruendung,
            erfasst_durch=durch,
            erfasst_am=timezone.now(),
        ),
        durch=durch,
        grund="Kostenbeteiligung festgesetzt (§ 48 JVG)",
    )
    for name, adresse, betrag in geprueft:
        speichern(
            Elternbeitrag(beteiligung=kb, name=name, adresse=adresse, betrag_pro_tag=betrag), durch=durch
        )
    v = verfuegung_entwerfen(
        typ=Verfuegungstyp.KOSTENBETEILIGUNG_48,
        person=person,
        fall=fall,
        gegenstand=kb,
        daten=_entwurfsdaten(kb, person, geprueft),
        durch=durch,
    )
    kb.verfuegung = v
    return speichern(kb, durch=durch, grund=f"Verfügung {v.nummer} entworfen")


def _entwurfsdaten(kb: Kostenbeteiligung, person: Person, eltern: list[tuple]) -> Entwurfsdaten:
    lit = GRUNDLAGE_BUCHSTABE[kb.grundlage]
    name = f"{person.vorname} {person.amtlicher_name}"
    periode = f"{kb.von:%d.%m.%Y} bis {kb.bis:%d.%m.%Y}"
    sachverhalt = [
        f"{name} verbüsst im Fall {kb.fall.fallnummer} eine Sanktion. Zu entscheiden ist die Beteiligung an den "
        f"Kosten des Vollzugs für die Zeit vom {periode}.",
        f"Grundlage: {Beteiligungsgrundlage(kb.grundlage).label}. Einkommen pro Monat {chf(kb.einkommen_monatlich)}, "
        f"Abzüge {chf(kb.abzuege_monatlich)}{' (' + kb.abzuege_text + ')' if kb.abzuege_text else ''}, "
        f"netto {chf(kb.netto_monatlich)}.",
    ]
    if eltern:
        sachverhalt.append(
            "Die Person ist jugendlich. Mitadressaten dieser Verfügung (Art. 45 JStPO): "
            + "; ".join(f"{n}, {a.replace(chr(10), ', ')}" for n, a, _ in eltern)
            + "."
        )
    dispositiv = [
        f"{name} beteiligt sich vom {periode} mit {chf(kb.betrag_pro_tag)} pro Vollzugstag an den Kosten des "
        f"Vollzugs (§ 48 Abs. 1 JVG, Art. 380 Abs. 2 lit. {lit} StGB)."
    ]
    for n, _, betrag in eltern:
        dispositiv.append(
            f"{n} beteiligt sich als Elternteil mit {betrag and chf(betrag)} pro Vollzugstag (§ 48 Abs. 2 JVG, Art. 45 JStPO)."
        )
    dispositiv.append(
        "Die Beträge werden nach Eintritt der Rechtskraft periodisch in Rechnung gestellt; massgebend sind die "
        "Vollzugstage (Eintrittstag zählt, Austrittstag nicht)."
    )
    return Entwurfsdaten(
        titel="Kostenbeteiligung (§ 48 JVG)",
        rechtsgrundlage="§ 48 JVG; Art. 380 Abs. 2 StGB" + ("; Art. 45 JStPO" if eltern else ""),
        sachverhalt="\n\n".join(sachverhalt),
        begruendung=kb.begruendung,
        dispositiv="\n".join(dispositiv),
    )


def nach_aufhebung(aufhebung) -> None:
    """Issue 23 (registered with `kern.erweiterungen.nach_aufhebung`): the § 48 decision was lifted or set
    aside on appeal → the participation ends (when and why, history with the actor): it is no longer
    invoiced, and a new decision may fix the period anew. Invoices already issued stay as they are (a
    correction is a credit note of the Abrechnung, not part of this step)."""
    kb = Kostenbeteiligung.objects.select_for_update().filter(verfuegung=aufhebung.verfuegung).first()
    if kb is None or kb.beendet_am is not None:
        return
    kb.beendet_am = aufhebung.am
    kb.beendet_grund = aufhebung.grund
    speichern(kb, durch=aufhebung.durch, grund=aufhebung.anlass, felder=["beendet_am", "beendet_grund"])
