"""Payments in (issue 22 item 4): one booking function for the bank import, the manual booking with
receipt and the clarification list. Partial payments reduce the balance; an overpayment leaves a
negative balance (to be refunded) and is shown as such."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from inkasso.domain import umwandlung
from inkasso.models import (
    Forderung,
    Forderungsstatus,
    Klaerungsposten,
    Rate,
    Zahlung,
    Zahlungsimport,
    Zahlungsquelle,
)
from inkasso.permissions import darf_inkasso_bearbeiten
from kern.audit import naechste_nummer, speichern
from kern.geld import geld
from kern.rollen import berechtigung_pruefen

# A claim in one of these states takes no payment: booked payments go to the clarification list.
NICHT_ZAHLBAR = frozenset({Forderungsstatus.ABGESCHRIEBEN})


def _fehler(feld: str, meldung: str, code: str) -> ValidationError:
    return ValidationError({feld: ValidationError(meldung, code=code)})


def anwenden(forderung: Forderung, rate: Rate | None, betrag: Decimal) -> None:
    """The effect of one payment on the (locked) claim and instalment in memory; the caller saves them.
    Paid in full (or overpaid: negative balance, to be refunded) → status bezahlt."""
    if rate is not None:
        rate.bezahlt += betrag
    forderung.bezahlt += betrag
    if forderung.saldo <= 0:
        forderung.status = Forderungsstatus.BEZAHLT


def buchen(
    *,
    forderung: Forderung,
    betrag: Decimal,
    valuta: date,
    quelle: str,
    durch,
    rate: Rate | None = None,
    referenz: str = "",
    schluessel: str | None = None,
    zahlungsimport: Zahlungsimport | None = None,
    bemerkung: str = "",
) -> Zahlung:
    """Book one payment on a claim that the caller has locked (inside its transaction): payment row,
    the claim's and the instalment's paid sums, the status, and (Art. 36 Abs. 1 StGB) the reduction of a
    converted claim's Ersatzfreiheitsstrafe."""
    z = speichern(
        Zahlung(
            forderung=forderung,
            rate=rate,
            betrag=betrag,
            valuta=valuta,
            quelle=quelle,
            referenz=referenz,
            schluessel=schluessel,
            zahlungsimport=zahlungsimport,
            # A receipt number for payments at the desk; a bank payment's receipt is the bank's.
            quittung=""
            if quelle == Zahlungsquelle.CAMT
            else f"Q-{valuta.year}-{naechste_nummer(f'inkasso-quittung-{valuta.year}'):06d}",
            bemerkung=bemerkung[:200],
            erfasst_durch=durch,
            erfasst_am=timezone.now(),
        ),
        durch=durch,
        grund="Zahlung gebucht",
    )
    anwenden(forderung, rate, betrag)
    if rate is not None:
        speichern(rate, durch=durch, grund="Zahlung auf Rate", felder=["bezahlt"])
    speichern(
        forderung,
        durch=durch,
        grund=f"Zahlung {z.quittung or z.referenz}"[:100],
        felder=["bezahlt", "status"],
    )
    umwandlung.nach_zahlung(forderung, durch)
    return z


@transaction.atomic
def zahlung_erfassen(
    *, forderung: Forderung, betrag: Decimal, valuta: date, bemerkung: str = "", durch
) -> Zahlung:
    """A payment at the desk or by another way, booked by hand; the receipt (Quittung) is its number and
    the printable receipt page."""
    berechtigung_pruefen(darf_inkasso_bearbeiten(durch), "Zahlung erfassen")
    betrag = geld(betrag, "betrag")
    if not isinstance(valuta, date) or valuta > timezone.localdate():
        raise _fehler("valuta", "Die Valuta kann nicht in der Zukunft liegen.", "valuta")
    f = Forderung.objects.select_for_update().get(pk=forderung.pk)
    if f.status in NICHT_ZAHLBAR:
        raise _fehler(
            "forderung", "Die Forderung ist abgeschrieben; Zahlung über die Klärung zuordnen.", "status"
        )
    return buchen(
        forderung=f,
        betrag=betrag,
        valuta=valuta,
        quelle=Zahlungsquelle.MANUELL,
        durch=durch,
        bemerkung=bemerkung,
    )


@transaction.atomic
def klaerung_zuordnen(*, posten: Klaerungsposten, forderung: Forderung, durch) -> Zahlung:
    """Assign an unmatched bank entry to a claim (after clarification with the payer)."""
    berechtigung_pruefen(darf_inkasso_bearbeiten(durch), "Zahlung zuordnen")
    p = Klaerungsposten.objects.select_for_update().get(pk=posten.pk)
    if p.erledigt_am is not None:
        raise _fehler("posten", "Dieser Posten ist bereits erledigt.", "erledigt")
    if p.betrag <= 0:
        raise _fehler(
            "posten", "Eine Belastung (Rückbuchung) wird nicht einer Forderung gutgeschrieben.", "belastung"
        )
    f = Forderung.objects.select_for_update().get(pk=forderung.pk)
    if f.status in NICHT_ZAHLBAR:
        raise _fehler("forderung", "Die Forderung ist abgeschrieben.", "status")
    z = buchen(
        forderung=f,
        betrag=p.betrag,
        valuta=p.valuta,
        quelle=Zahlungsquelle.KLAERUNG,
        referenz=p.referenz,
        zahlungsimport=p.zahlungsimport,
        durch=durch,
        bemerkung="Aus Klärungsliste zugeordnet",
    )
    p.erledigt_am = timezone.now()
    p.zahlung = z
    speichern(p, durch=durch, grund=f"Zugeordnet zu {f.nummer}", felder=["erledigt_am", "zahlung"])
    return z
