"""The cost overview of a case: who pays what, at a glance (§§ 46–48)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils import timezone

from kosten.domain import abgrenzung
from kosten.domain.abrechnung import tage_im_bereich
from kosten.queries import vollstreckbar_q
from kosten.recht import AUSLAGEN_47, VOLLZUGSKOSTEN_46, Kostenkategorie, Zahler
from vollzug.models import Vollzugsfall

NULL = Decimal("0.00")


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
        b.tage_bisher = tage_im_bereich(u.abschnitte, b.von, min(b.bis, heute)) if b.von <= heute else 0
        b.betrag_bisher = b.betrag_pro_tag * b.tage_bisher
        b.eltern_bisher = sum((e.betrag_pro_tag for e in b.eltern.all()), NULL) * b.tage_bisher
        if b.vollstreckbar:
            u.beteiligung += b.betrag_bisher
            u.eltern += b.eltern_bisher
    # What the person and parents bear is not also the canton's: participation reduces the canton's share.
    u.kanton_vollzugskosten -= min(u.kanton_vollzugskosten, u.beteiligung + u.eltern)
    return u
