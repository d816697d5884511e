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

import csv
import hashlib
import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from kern.audit import naechste_nummer, speichern
from kern.rollen import berechtigung_pruefen
from kosten import abgrenzung
from kosten.enums import AUSLAGEN_47, VOLLZUGSKOSTEN_46, Kostenkategorie, Zahler, Zeilenart
from kosten.geld import zahlbetrag_runden
from kosten.models import (
    Abrechnung,
    Abrechnungszeile,
    Elternbeitrag,
    Kostenbeteiligung,
    Kostenposition,
    Sozialdienst,
)
from kosten.services import darf_kosten_bearbeiten, darf_kosten_lesen, sozialdienst_von, vollstreckbar_q
from vollzug.enums import Vollzugsform
from vollzug.models import Person, Vollzugsfall

NULL = Decimal("0.00")


def _fehler(feld: str, meldung: str, code: str) -> ValidationError:
    return ValidationError({feld: ValidationError(meldung, code=code)})


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


def _tage_im_bereich(abschnitte, von: date, bis: date) -> int:
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
        tage = _tage_im_bereich(tage_je_fall.get(b.fall_id, []), z_von, z_bis) if z_von <= z_bis else 0
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
            vollstreckbar_q(), fall__person=person, von__lte=bis, bis__gte=von, betrag_pro_tag__gt=0
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


# --- Visibility (R-0-ROLE-1) ---------------------------------------------------------------------


def abrechnungen_fuer_user(user):
    """Authority and revision: all; a Sozialamt (partnerbehoerde with a Sozialdienst): its own invoices."""
    if darf_kosten_lesen(user):
        return Abrechnung.objects.all()
    sd = sozialdienst_von(user)
    if sd is not None:
        return Abrechnung.objects.filter(zahler=Zahler.SOZIALHILFE, sozialdienst=sd)
    return Abrechnung.objects.none()


def positionen_fuer_user(user):
    """Authority and revision: all; a Sozialamt: only the items routed to it (R-47-2), so persons
    without such items stay invisible (404)."""
    if darf_kosten_lesen(user):
        return Kostenposition.objects.all()
    sd = sozialdienst_von(user)
    if sd is not None:
        return Kostenposition.objects.filter(zahler=Zahler.SOZIALHILFE, sozialdienst=sd)
    return Kostenposition.objects.none()


# --- PDF and CSV ---------------------------------------------------------------------------------


def pdf_kontext(a: Abrechnung) -> dict:
    zeilen = list(a.zeilen.select_related("fall__person").order_by("fall__fallnummer", "von", "pk"))
    faelle: dict[int, dict] = {}
    for z in zeilen:
        f = faelle.setdefault(z.fall_id, {"fall": z.fall, "zeilen": [], "summe": NULL})
        f["zeilen"].append(z)
        f["summe"] += z.betrag
    adresse = []
    if a.zahler == Zahler.SOZIALHILFE:
        adresse = [a.sozialdienst.name, *[z for z in a.sozialdienst.adresse.splitlines() if z.strip()]]
    elif a.zahler == Zahler.PERSON:
        adresse = [f"{a.person.vorname} {a.person.amtlicher_name}", f"geb. {a.person.geburtsdatum:%d.%m.%Y}"]
    elif a.zahler == Zahler.ELTERN:
        adresse = [a.dritter, f"betreffend {a.person.vorname} {a.person.amtlicher_name}"]
    else:
        adresse = [a.empfaenger]
    return {
        "a": a,
        "adresse": adresse,
        "qr": _qr_zahlteil(a, adresse),
        "faelle": list(faelle.values()),
        "ist_rechnung": a.zahler != Zahler.KANTON,
        "ohne_ansatz": sum(1 for z in zeilen if z.art == Zeilenart.KOSTGELD and z.ansatz is None),
    }


def _qr_zahlteil(a: Abrechnung, adresse: list[str]) -> dict | None:
    """R-2D-QR-1 (issue 22): an invoice to a third party carries a Swiss QR-bill; IBAN with a creditor
    reference (ISO 11649) made from the invoice number. The canton's internal statement carries none."""
    if a.zahler == Zahler.KANTON or a.zahlbetrag <= 0:
        return None
    from kern.qrrechnung import Zahlteil, creditor_referenz, iban_konto, zahlteil_svg

    kern = "".join(c for c in a.nummer if c.isalnum())[-21:]
    teil = Zahlteil(
        iban_konto(),
        creditor_referenz(kern),
        a.zahlbetrag,
        adresse[0] if adresse else "",
        tuple(adresse[1:3]),
        f"Rechnung {a.nummer}",
    )
    return {"svg": zahlteil_svg(teil), "titel": f"Einzahlungsschein zu Rechnung {a.nummer}"}


def pdf_rendern(a: Abrechnung) -> bytes:
    from kern.pdf import render_pdf

    return render_pdf("kosten/pdf/abrechnung.html", pdf_kontext(a))


@transaction.atomic
def pdf_speichern(*, abrechnung: Abrechnung, durch) -> Abrechnung:
    """Render the statement's PDF once and store it with its hash (idempotent: a stored PDF stays)."""
    a = Abrechnung.objects.select_for_update().get(pk=abrechnung.pk)
    if a.pdf:
        return a
    inhalt = pdf_rendern(a)
    a.pdf_sha256 = hashlib.sha256(inhalt).hexdigest()
    a.pdf.save(f"{a.nummer}.pdf", ContentFile(inhalt), save=False)
    return speichern(a, durch=durch, grund="PDF erzeugt", felder=["pdf", "pdf_sha256"])


def pdf_synchron_moeglich(a: Abrechnung) -> bool:
    return a.anzahl_zeilen <= settings.JVG_KOSTEN_PDF_SYNCHRON_MAX_ZEILEN


CSV_KOPF = [
    "Abrechnung",
    "Fall",
    "Person",
    "Art",
    "Kategorie",
    "Text",
    "von",
    "bis",
    "Tage",
    "Ansatz CHF",
    "Betrag CHF",
]


def csv_inhalt(a: Abrechnung) -> str:
    """Semicolon-separated (Swiss spreadsheets), dates 31.12.2026, amounts as plain decimals with a
    point (machine-readable, to the Rappen); the last rows hold the total and the amount payable."""
    puffer = io.StringIO()
    w = csv.writer(puffer, delimiter=";", lineterminator="\r\n")
    w.writerow(CSV_KOPF)
    for z in (
        a.zeilen.select_related("fall__person")
        .order_by("fall__fallnummer", "von", "pk")
        .iterator(chunk_size=2000)
    ):
        p = z.fall.person
        w.writerow(
            [
                a.nummer,
                z.fall.fallnummer,
                f"{p.amtlicher_name} {p.vorname}",
                Zeilenart(z.art).label,
                z.kategorie,
                z.text,
                f"{z.von:%d.%m.%Y}",
                f"{z.bis:%d.%m.%Y}",
                "" if z.tage is None else z.tage,
                "" if z.ansatz is None else f"{z.ansatz:.2f}",
                f"{z.betrag:.2f}",
            ]
        )
    w.writerow([a.nummer, "", "", "Total (ungerundet)", "", "", "", "", "", "", f"{a.total:.2f}"])
    w.writerow(
        [a.nummer, "", "", "Zahlbetrag (gerundet auf 0.05)", "", "", "", "", "", "", f"{a.zahlbetrag:.2f}"]
    )
    return puffer.getvalue()


# --- Cost overview of a case (who pays what) ------------------------------------------------------


@dataclass
class Uebersicht:
    kanton_vollzugskosten: Decimal = NULL  # § 46 Abs. 2 lit. a, accrued
    kanton_positionen: Decimal = NULL  # § 46 b–d, § 47 Abs. 2 lit. b, § 50 borne
    kanton_abgeschrieben: Decimal = NULL  # § 47 Abs. 2 lit. b: unrecoverable, taken over
    person: Decimal = NULL  # § 47 items charged to the person
    beteiligung: Decimal = NULL  # § 48, enforceable, accrued so far
    eltern: Decimal = NULL
    sozialhilfe: Decimal = NULL
    weiterverrechnet: Decimal = NULL  # § 46/§ 49/§ 50 charged to Bund, Dritte or the person
    dritte_auslagen: Decimal = NULL  # § 47 items paid by third parties (e.g. insurers)
    tage: int = 0
    tage_ohne_ansatz: int = 0
    abschnitte: list = field(default_factory=list)
    positionen: list = field(default_factory=list)
    beteiligungen: list = field(default_factory=list)

    @property
    def kanton(self) -> Decimal:
        return self.kanton_vollzugskosten + self.kanton_positionen + self.kanton_abgeschrieben

    @property
    def person_gesamt(self) -> Decimal:
        return self.person + self.beteiligung

    @property
    def total(self) -> Decimal:
        return (
            self.kanton
            + self.person_gesamt
            + self.eltern
            + self.sozialhilfe
            + self.weiterverrechnet
            + self.dritte_auslagen
        )

    def balken(self) -> list[dict]:
        """Rows of the chart: label, amount, colour, width in % of the largest (server-rendered SVG)."""
        reihen = [
            ("Kanton (Vollzugskosten, § 46)", self.kanton_vollzugskosten + self.kanton_positionen, "#1f5f8b"),
            ("Kanton: uneinbringlich übernommen (§ 47 Abs. 2 lit. b)", self.kanton_abgeschrieben, "#6b8fb0"),
            ("Person: persönliche Auslagen (§ 47)", self.person, "#c77c02"),
            ("Person: Kostenbeteiligung (§ 48)", self.beteiligung, "#e0a23b"),
            ("Eltern (Art. 45 JStPO)", self.eltern, "#9c6b30"),
            ("Sozialhilfe der Gemeinde (§ 47 Abs. 2 lit. a)", self.sozialhilfe, "#2e8b57"),
            ("Weiterverrechnet an Bund/Dritte/Person (§§ 46, 49, 50)", self.weiterverrechnet, "#7a4b9c"),
            ("Dritte (z. B. Versicherer, § 47)", self.dritte_auslagen, "#888888"),
        ]
        groesster = max((b for _, b, _ in reihen), default=NULL) or Decimal(1)
        # Geometry for the SVG (display only; the amounts shown are the Decimals themselves).
        return [
            {
                "label": label,
                "betrag": betrag,
                "farbe": farbe,
                "y": i * 26 + 4,
                "text_y": i * 26 + 17,
                "breite": breite,
                "text_x": round(345 + breite, 1),
            }
            for i, (label, betrag, farbe) in enumerate(reihen)
            for breite in [round(float(betrag / groesster) * 300, 1) if betrag else 0]
        ]

    @property
    def diagramm_hoehe(self) -> int:
        return 8 * 26 + 4


def fall_uebersicht(fall: Vollzugsfall, heute: date | None = None) -> Uebersicht:
    """Who bears which cost of this case up to `heute` (constant queries: accrual 3, items 1,
    participations 1, parents 1)."""
    heute = heute or timezone.localdate()
    u = Uebersicht()
    beginn = timezone.localtime(fall.vollzugsbeginn).date() if fall.vollzugsbeginn else None
    if beginn is not None:
        u.abschnitte = abgrenzung.vollzugskosten(fall, beginn, heute, heute)
        u.kanton_vollzugskosten = sum((a.betrag for a in u.abschnitte), NULL)
        u.tage = sum(a.tage for a in u.abschnitte)
        u.tage_ohne_ansatz = sum(a.tage for a in u.abschnitte if a.ansatz is None)
    u.positionen = list(fall.kostenpositionen.select_related("sozialdienst").order_by("-datum", "-pk"))
    for p in u.positionen:
        if p.uneinbringlich_am is not None:
            u.kanton_abgeschrieben += p.betrag
        elif p.zahler == Zahler.KANTON:
            u.kanton_positionen += p.betrag
        elif p.zahler == Zahler.SOZIALHILFE:
            u.sozialhilfe += p.betrag
        elif p.kategorie in AUSLAGEN_47:
            if p.zahler == Zahler.PERSON:
                u.person += p.betrag
            else:
                u.dritte_auslagen += p.betrag
        elif p.kategorie in VOLLZUGSKOSTEN_46 or p.kategorie in (
            Kostenkategorie.FU_49,
            Kostenkategorie.AUSLAENDERRECHT_50,
        ):
            u.weiterverrechnet += p.betrag
    u.beteiligungen = list(
        fall.kostenbeteiligungen.select_related("verfuegung").prefetch_related("eltern").order_by("von", "pk")
    )
    vollstreckbar = set(fall.kostenbeteiligungen.filter(vollstreckbar_q()).values_list("pk", flat=True))
    for b in u.beteiligungen:
        b.vollstreckbar = b.pk in vollstreckbar
        b.tage_bisher = _tage_im_bereich(u.abschnitte, b.von, min(b.bis, heute)) if b.von <= heute else 0
        b.betrag_bisher = b.betrag_pro_tag * b.tage_bisher
        b.eltern_bisher = sum((e.betrag_pro_tag for e in b.eltern.all()), NULL) * b.tage_bisher
        if b.vollstreckbar:
            u.beteiligung += b.betrag_bisher
            u.eltern += b.eltern_bisher
    # What the person and parents bear is not also the canton's: participation reduces the canton's share.
    u.kanton_vollzugskosten -= min(u.kanton_vollzugskosten, u.beteiligung + u.eltern)
    return u


def darf_uebersicht_sehen(user, fall) -> bool:
    return darf_kosten_lesen(user)
