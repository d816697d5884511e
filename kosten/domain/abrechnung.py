"""Statements and invoices per payer and period (R-KOST-1), their PDF and CSV, and the cost overview of
a case ("who pays what, at a glance").

* `abrechnung_erstellen` freezes the lines of one payer for one period: accrued daily rates (canton,
  § 46 Abs. 2 lit. a), cost items not yet invoiced with a date up to the period's end (a late item is
  caught by the next statement), and enforceable participations (§ 48) per Vollzugstag. Lines are
  exact to the Rappen; their sum `total` is never rounded; only `zahlbetrag` is, half-up to 0.05 CHF.
* Statements of one payer never overlap in time (a participation or a daily rate would be counted twice).
* The PDF of a long statement is rendered by the Celery task `kosten.abrechnung_pdf_erzeugen` (PITFALLS:
  WeasyPrint); short ones are rendered at the first download. Both store the file with its SHA-256.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from kern.audit import naechste_nummer, speichern
from kern.rollen import berechtigung_pruefen
from kosten.domain import abgrenzung
from kosten.domain._pruefen import _fehler
from kosten.models import (
    Abrechnung,
    Abrechnungszeile,
    Elternbeitrag,
    Kostenbeteiligung,
    Kostenposition,
    Sozialdienst,
)
from kosten.permissions import darf_kosten_bearbeiten
from kosten.queries import vollstreckbar_q
from kosten.recht import Kostenkategorie, Zahler, Zeilenart, zahlbetrag_runden
from vollzug.models import Person, Vollzugsfall
from vollzug.recht import Vollzugsform

K = Kostenkategorie

NULL = Decimal("0.00")


@dataclass(slots=True)
class Zeile:
    fall_id: int
    art: str
    text: str
    von: date
    bis: date
    betrag: Decimal
    kategorie: str = ""
    tage: int | None = None
    ansatz: Decimal | None = None
    position_id: int | None = None


# --- Collecting the lines (constant queries per payer kind) -------------------------------------


def _offene_positionen(bis: date):
    return Kostenposition.objects.filter(
        datum__lte=bis, uneinbringlich_am__isnull=True, abrechnungszeilen__isnull=True
    ).order_by("fall_id", "datum", "pk")


def _positionszeilen(positionen) -> list[Zeile]:
    return [
        Zeile(
            fall_id=p.fall_id,
            art=Zeilenart.POSITION,
            kategorie=p.kategorie,
            text=f"{p.bezeichnung} ({Kostenkategorie(p.kategorie).label.split(':')[0]})"[:250],
            von=p.datum,
            bis=p.datum,
            betrag=p.betrag,
            position_id=p.pk,
        )
        for p in positionen
    ]


def tage_im_bereich(abschnitte, von: date, bis: date) -> int:
    return sum(max(0, (min(a.bis, bis) - max(a.von, von)).days + 1) for a in abschnitte)


def _beteiligungszeilen(beteiligungen, von: date, bis: date, heute: date, betrag_von) -> list[Zeile]:
    """Participation per Vollzugstag (same day convention as the accrual) within the decision's period."""
    beteiligungen = list(beteiligungen)
    if not beteiligungen:
        return []
    tage_je_fall = abgrenzung.vollzugskosten_fuer({b.fall_id for b in beteiligungen}, von, bis, heute)
    zeilen = []
    for b, betrag, text in betrag_von(beteiligungen):
        z_von, z_bis = max(von, b.von), min(bis, b.bis, heute)
        tage = tage_im_bereich(tage_je_fall.get(b.fall_id, []), z_von, z_bis) if z_von <= z_bis else 0
        if tage:
            zeilen.append(
                Zeile(
                    fall_id=b.fall_id,
                    art=Zeilenart.BETEILIGUNG,
                    text=text[:250],
                    von=z_von,
                    bis=z_bis,
                    tage=tage,
                    ansatz=betrag,
                    betrag=betrag * tage,
                )
            )
    return zeilen


def zeilen_sammeln(
    *,
    zahler: str,
    von: date,
    bis: date,
    heute: date,
    sozialdienst: Sozialdienst | None = None,
    person: Person | None = None,
    dritter: str = "",
) -> list[Zeile]:
    offen = _offene_positionen(bis)
    if zahler == Zahler.KANTON:
        zeilen = []
        for fall_id, abschnitte in sorted(
            abgrenzung.vollzugskosten_fuer(Vollzugsfall.objects.all(), von, bis, heute).items()
        ):
            for a in abschnitte:
                form = Vollzugsform(a.vollzugsform).label
                text = (
                    f"Kostgeld {a.anstalt_name}, {form}"
                    if a.ansatz is not None
                    else f"KEIN TAGESANSATZ erfasst: {a.anstalt_name}, {form}"
                )
                zeilen.append(
                    Zeile(
                        fall_id=fall_id,
                        art=Zeilenart.KOSTGELD,
                        kategorie=Kostenkategorie.V46_A,
                        text=text[:250],
                        von=a.von,
                        bis=a.bis,
                        tage=a.tage,
                        ansatz=a.ansatz,
                        betrag=a.betrag,
                    )
                )
        return zeilen + _positionszeilen(offen.filter(zahler=Zahler.KANTON))
    if zahler == Zahler.PERSON:
        zeilen = _positionszeilen(offen.filter(zahler=Zahler.PERSON, fall__person=person))
        beteiligungen = Kostenbeteiligung.objects.filter(
            vollstreckbar_q(),
            fall__person=person,
            von__lte=bis,
            bis__gte=von,
            betrag_pro_tag__gt=0,
            beendet_am__isnull=True,  # issue 23: lifted or set aside on appeal
        ).order_by("von", "pk")

        def betraege(liste):
            for b in liste:
                yield b, b.betrag_pro_tag, f"Kostenbeteiligung § 48 JVG (Verfügung {b.verfuegung.nummer})"

        return zeilen + _beteiligungszeilen(
            beteiligungen.select_related("verfuegung"), von, bis, heute, betraege
        )
    if zahler == Zahler.ELTERN:
        beitraege = (
            Elternbeitrag.objects.filter(
                vollstreckbar_q("beteiligung__verfuegung__"),
                beteiligung__fall__person=person,
                beteiligung__von__lte=bis,
                beteiligung__bis__gte=von,
                beteiligung__beendet_am__isnull=True,  # issue 23: lifted or set aside on appeal
                name=dritter,
            )
            .select_related("beteiligung__verfuegung")
            .order_by("beteiligung__von", "pk")
        )
        nach_beteiligung = {e.beteiligung: e for e in beitraege}

        def betraege(liste):
            for b in liste:
                e = nach_beteiligung[b]
                yield b, e.betrag_pro_tag, f"Elternbeitrag Art. 45 JStPO (Verfügung {b.verfuegung.nummer})"

        return _beteiligungszeilen(list(nach_beteiligung), von, bis, heute, betraege)
    if zahler == Zahler.SOZIALHILFE:
        return _positionszeilen(offen.filter(zahler=Zahler.SOZIALHILFE, sozialdienst=sozialdienst))
    if zahler == Zahler.DRITTE:
        return _positionszeilen(offen.filter(zahler=Zahler.DRITTE, dritter=dritter))
    if zahler == Zahler.BUND:
        return _positionszeilen(offen.filter(zahler=Zahler.BUND))
    raise _fehler("zahler", "R-KOST-1: Unbekannter Zahler.", "zahler")


def _ziel_pruefen(zahler, sozialdienst, person, dritter) -> tuple:
    if zahler not in Zahler.values:
        raise _fehler("zahler", "R-KOST-1: Unbekannter Zahler.", "zahler")
    if zahler == Zahler.SOZIALHILFE and sozialdienst is None:
        raise _fehler(
            "sozialdienst", "§ 47 Abs. 2 lit. a JVG (R-47-2): Sozialdienst wählen.", "sozialdienst_fehlt"
        )
    if zahler in (Zahler.PERSON, Zahler.ELTERN) and person is None:
        raise _fehler("person", "R-KOST-1: Person wählen.", "person_fehlt")
    dritter = (dritter or "").strip()
    if zahler in (Zahler.DRITTE, Zahler.ELTERN) and not dritter:
        raise _fehler("dritter", "R-KOST-1: Name der Dritten bzw. des Elternteils angeben.", "dritter_fehlt")
    return (
        sozialdienst if zahler == Zahler.SOZIALHILFE else None,
        person if zahler in (Zahler.PERSON, Zahler.ELTERN) else None,
        dritter if zahler in (Zahler.DRITTE, Zahler.ELTERN) else "",
    )


@transaction.atomic
def abrechnung_erstellen(
    *,
    zahler: str,
    von: date,
    bis: date,
    durch,
    sozialdienst: Sozialdienst | None = None,
    person: Person | None = None,
    dritter: str = "",
    heute: date | None = None,
) -> Abrechnung:
    """Create the statement of one payer for `[von, bis]` (R-KOST-1).

    Steps: permission; payer and its target; period (not in the future: only what happened is
    billed); no overlap with another statement of the same payer (lock: the payer's existing rows);
    collect the lines; refuse an empty statement; total (unrounded) and amount payable (rounded once,
    half-up to 0.05); save the statement and its lines with history (bulk, actor `durch`); queue the
    PDF of a long statement after commit.
    """
    berechtigung_pruefen(darf_kosten_bearbeiten(durch), "Abrechnung erstellen")
    heute = heute or timezone.localdate()
    sozialdienst, person, dritter = _ziel_pruefen(zahler, sozialdienst, person, dritter)
    for feld, wert in (("periode_von", von), ("periode_bis", bis)):
        if not isinstance(wert, date):
            raise _fehler(feld, "Ungültiges Datum: erwartet TT.MM.JJJJ.", "datum")
    if bis < von:
        raise _fehler("periode_bis", "R-KOST-1: Das Periodenende liegt vor dem Beginn.", "periode")
    if bis > heute:
        raise _fehler(
            "periode_bis",
            "R-KOST-1: Abgerechnet wird nur Vergangenes (Periodenende spätestens heute).",
            "zukunft",
        )
    gleiche = Abrechnung.objects.select_for_update().filter(
        zahler=zahler, sozialdienst=sozialdienst, person=person, dritter=dritter
    )
    if (x := gleiche.filter(periode_von__lte=bis, periode_bis__gte=von).first()) is not None:
        raise _fehler(
            "periode_von",
            f"R-KOST-1: Die Periode überschneidet sich mit der Abrechnung {x.nummer} "
            f"({x.periode_von:%d.%m.%Y}–{x.periode_bis:%d.%m.%Y}) desselben Zahlers.",
            "ueberschneidung",
        )
    zeilen = zeilen_sammeln(
        zahler=zahler,
        von=von,
        bis=bis,
        heute=heute,
        sozialdienst=sozialdienst,
        person=person,
        dritter=dritter,
    )
    if not zeilen:
        raise _fehler(
            "periode_von", "R-KOST-1: In dieser Periode gibt es für diesen Zahler nichts abzurechnen.", "leer"
        )
    total = sum((z.betrag for z in zeilen), NULL)
    jahr = heute.year
    a = Abrechnung(
        zahler=zahler,
        sozialdienst=sozialdienst,
        person=person,
        dritter=dritter,
        periode_von=von,
        periode_bis=bis,
        total=total,
        zahlbetrag=zahlbetrag_runden(total),
        anzahl_zeilen=len(zeilen),
        anzahl_faelle=len({z.fall_id for z in zeilen}),
        erstellt_durch=durch,
        erstellt_am=timezone.now(),
    )
    a.full_clean(exclude=["nummer"])
    a.nummer = f"K-{jahr}-{naechste_nummer(f'kostenabrechnung-{jahr}'):05d}"
    speichern(a, durch=durch, grund=f"Abrechnung erstellt ({a.get_zahler_display()})")
    bulk_create_with_history(
        [
            Abrechnungszeile(
                abrechnung=a,
                fall_id=z.fall_id,
                art=z.art,
                kategorie=z.kategorie,
                text=z.text,
                von=z.von,
                bis=z.bis,
                tage=z.tage,
                ansatz=z.ansatz,
                betrag=z.betrag,
                position_id=z.position_id,
            )
            for z in zeilen
        ],
        Abrechnungszeile,
        batch_size=500,
        default_user=durch,
        default_change_reason=f"Zeile der Abrechnung {a.nummer}",
    )
    if a.anzahl_zeilen > settings.JVG_KOSTEN_PDF_SYNCHRON_MAX_ZEILEN:
        from kosten.tasks import abrechnung_pdf_erzeugen

        pk = a.pk
        transaction.on_commit(lambda: abrechnung_pdf_erzeugen.delay(pk))
    return a
