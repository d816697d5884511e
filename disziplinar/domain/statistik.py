"""Statistics of the disciplinary law (issue 5, item 6): proceedings and sanctions per month, sanctions
by kind and facility, limitation cases (§ 41 Abs. 5).

Aggregated in the database (GROUP BY through `values().annotate()`), four queries whatever the number
of rows; months are the local months of Europe/Zurich (`TruncMonth` with the project's time zone), so
an act notified on 31 January at 23:30 counts for January. The numbers hold no personal data.

Which year a row belongs to: a proceeding by the local date it was opened, a sanction by the local
date its decision was notified (only sanctions of a notified decision exist legally; drafts and
lifted decisions sanction nobody).
"""

import io
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import (
    Count,
    Q,
)
from django.db.models.functions import TruncMonth

from disziplinar.models import (
    Disziplinarsanktion,
    Disziplinarverfahren,
)
from disziplinar.recht import Disziplinarsanktionsart, Sanktionsstatus, Verfahrensstatus
from kern import csv_export
from verfuegungen.models import EROEFFNETE_STATUS

VS = Verfahrensstatus


MONATSNAMEN = ["Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"]


@dataclass
class Monatszeile:
    monat: int  # 1..12
    jahr: int
    verfahren: int = 0
    offen: int = 0
    entschieden: int = 0
    eingestellt: int = 0
    verfahren_verjaehrt: int = 0
    sanktionen: int = 0
    sanktionen_verjaehrt: int = 0

    @property
    def bezeichnung(self) -> str:
        return f"{MONATSNAMEN[self.monat - 1]} {self.jahr}"

    @property
    def kurz(self) -> str:
        return MONATSNAMEN[self.monat - 1]


@dataclass
class Sanktionszeile:
    anstalt: str
    art: str
    anzahl: int
    vollzogen: int
    verjaehrt: int

    @property
    def art_label(self) -> str:
        a = Disziplinarsanktionsart(self.art)
        return f"lit. {a.value}: {a.label}"


@dataclass
class Verjaehrungszeile:
    anstalt: str
    verfahren: int = 0
    verfahren_verjaehrt: int = 0
    sanktionen: int = 0
    sanktionen_verjaehrt: int = 0


@dataclass
class Statistik:
    jahr: int
    anstalt_name: str  # "alle Einrichtungen" or the chosen facility
    monate: list[Monatszeile]
    sanktionen: list[Sanktionszeile]
    verjaehrung: list[Verjaehrungszeile]
    total: Monatszeile = field(init=False)

    def __post_init__(self):
        self.total = Monatszeile(monat=1, jahr=self.jahr)
        for m in self.monate:
            for name in (
                "verfahren",
                "offen",
                "entschieden",
                "eingestellt",
                "verfahren_verjaehrt",
                "sanktionen",
                "sanktionen_verjaehrt",
            ):
                setattr(self.total, name, getattr(self.total, name) + getattr(m, name))


def _tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def statistik_berechnen(*, jahr: int, anstalt_id: int | None) -> Statistik:
    """The four aggregations of one year, for one facility or (anstalt_id None) all of them.

    Callers decide the scope (`darf_statistik_sehen`; facility management passes its own facility)."""
    tz = _tz()
    von, bis = datetime(jahr, 1, 1, tzinfo=tz), datetime(jahr + 1, 1, 1, tzinfo=tz)
    verfahren = Disziplinarverfahren.objects.filter(eroeffnet_am__gte=von, eroeffnet_am__lt=bis)
    sanktionen = Disziplinarsanktion.objects.filter(
        verfuegung__status__in=EROEFFNETE_STATUS,
        verfuegung__eroeffnet_am__gte=von,
        verfuegung__eroeffnet_am__lt=bis,
    )
    if anstalt_id is not None:
        verfahren = verfahren.filter(anstalt_id=anstalt_id)
        sanktionen = sanktionen.filter(verfahren__anstalt_id=anstalt_id)

    def anzahl(**bedingung):
        return Count("pk", filter=Q(**bedingung))

    # 1. Proceedings per local month of their opening.
    monate = {m: Monatszeile(monat=m, jahr=jahr) for m in range(1, 13)}
    for z in (
        verfahren.annotate(monat=TruncMonth("eroeffnet_am", tzinfo=tz))
        .values("monat")
        .annotate(
            gesamt=Count("pk"),
            offen=anzahl(status=VS.OFFEN),
            entschieden=anzahl(status=VS.ENTSCHIEDEN),
            eingestellt=anzahl(status=VS.EINGESTELLT),
            verjaehrt=anzahl(status=VS.VERJAEHRT),
        )
        .order_by("monat")
    ):
        m = monate[z["monat"].astimezone(tz).month]
        m.verfahren, m.offen, m.entschieden = z["gesamt"], z["offen"], z["entschieden"]
        m.eingestellt, m.verfahren_verjaehrt = z["eingestellt"], z["verjaehrt"]
    # 2. Sanctions per local month of the decision's notification.
    for z in (
        sanktionen.annotate(monat=TruncMonth("verfuegung__eroeffnet_am", tzinfo=tz))
        .values("monat")
        .annotate(gesamt=Count("pk"), verjaehrt=anzahl(status=Sanktionsstatus.VERJAEHRT))
        .order_by("monat")
    ):
        m = monate[z["monat"].astimezone(tz).month]
        m.sanktionen, m.sanktionen_verjaehrt = z["gesamt"], z["verjaehrt"]
    # 3. Sanctions by facility and kind.
    nach_art = [
        Sanktionszeile(
            anstalt=z["verfahren__anstalt__name"],
            art=z["art"],
            anzahl=z["gesamt"],
            vollzogen=z["vollzogen"],
            verjaehrt=z["verjaehrt"],
        )
        for z in sanktionen.values("verfahren__anstalt_id", "verfahren__anstalt__name", "art")
        .annotate(
            gesamt=Count("pk"),
            vollzogen=anzahl(status=Sanktionsstatus.VOLLZOGEN),
            verjaehrt=anzahl(status=Sanktionsstatus.VERJAEHRT),
        )
        .order_by("verfahren__anstalt__name", "verfahren__anstalt_id", "art")
    ]
    # 4. Limitation cases per facility: proceedings (R-41-5a) here, sanctions (R-41-5b) from 3.
    verjaehrung: dict[str, Verjaehrungszeile] = {}
    for z in (
        verfahren.values("anstalt_id", "anstalt__name")
        .annotate(gesamt=Count("pk"), verjaehrt=anzahl(status=VS.VERJAEHRT))
        .order_by("anstalt__name", "anstalt_id")
    ):
        verjaehrung[z["anstalt__name"]] = Verjaehrungszeile(
            anstalt=z["anstalt__name"], verfahren=z["gesamt"], verfahren_verjaehrt=z["verjaehrt"]
        )
    for s in nach_art:
        zeile = verjaehrung.setdefault(s.anstalt, Verjaehrungszeile(anstalt=s.anstalt))
        zeile.sanktionen += s.anzahl
        zeile.sanktionen_verjaehrt += s.verjaehrt
    return Statistik(
        jahr=jahr,
        anstalt_name="",
        monate=list(monate.values()),
        sanktionen=nach_art,
        verjaehrung=sorted(verjaehrung.values(), key=lambda z: z.anstalt),
    )


# --- Chart: server-rendered inline SVG (CSP 'self': no script, no inline style) -------------------


@dataclass(frozen=True)
class Balken:
    x: float
    y: float
    breite: float
    hoehe: float
    wert: int
    titel: str


@dataclass(frozen=True)
class Diagramm:
    breite: int
    hoehe: int
    boden: float  # y of the x axis
    links: float
    rechts: float
    verfahren: list[Balken]
    sanktionen: list[Balken]
    achse: list[tuple[float, str]]  # (x of the label, month)
    skala: list[tuple[float, int]]  # (y of the grid line, value)

    @property
    def skala_x(self) -> float:  # right edge of the scale's numbers
        return self.links - 6

    @property
    def achse_y(self) -> float:  # baseline of the month labels
        return self.boden + 16


def _rundes_maximum(wert: int) -> int:
    """The top of the scale: at least 4, a multiple of 4 so the quarter lines are whole numbers."""
    return max(4, -(-wert // 4) * 4)


def diagramm(statistik: Statistik, *, breite: int = 720, hoehe: int = 260) -> Diagramm:
    """Bars per month: proceedings opened and sanctions ordered, scaled to the largest value."""
    links, rechts, oben, unten = 44.0, 12.0, 12.0, 28.0
    boden = hoehe - unten
    flaeche = boden - oben
    maximum = _rundes_maximum(
        max([m.verfahren for m in statistik.monate] + [m.sanktionen for m in statistik.monate])
    )
    schritt = (breite - links - rechts) / 12
    balkenbreite = schritt * 0.36

    def balken(i: int, wert: int, versatz: float, was: str, monat: Monatszeile) -> Balken:
        h = flaeche * wert / maximum
        return Balken(
            x=round(links + i * schritt + versatz, 1),
            y=round(boden - h, 1),
            breite=round(balkenbreite, 1),
            hoehe=round(h, 1),
            wert=wert,
            titel=f"{monat.bezeichnung}: {wert} {was}",
        )

    rand = schritt * 0.12
    return Diagramm(
        breite=breite,
        hoehe=hoehe,
        boden=boden,
        links=links,
        rechts=breite - rechts,
        verfahren=[balken(i, m.verfahren, rand, "Verfahren", m) for i, m in enumerate(statistik.monate)],
        sanktionen=[
            balken(i, m.sanktionen, rand + balkenbreite, "Sanktionen", m)
            for i, m in enumerate(statistik.monate)
        ],
        achse=[(round(links + (i + 0.5) * schritt, 1), m.kurz) for i, m in enumerate(statistik.monate)],
        skala=[(round(boden - flaeche * k / 4, 1), maximum * k // 4) for k in range(5)],
    )


# --- CSV export: semicolon-separated, UTF-8 with BOM (Excel de-CH), German headers -----------------


def csv_inhalt(statistik: Statistik) -> str:
    puffer = io.StringIO()
    w = csv_export.writer(puffer, delimiter=";", lineterminator="\r\n")  # issue 18: neutralises formula cells
    w.writerow(["Disziplinarstatistik (§§ 40–45 JVG)", f"Jahr {statistik.jahr}", statistik.anstalt_name])
    w.writerow([])
    w.writerow(["Verfahren und Sanktionen nach Monat"])
    w.writerow(
        [
            "Monat",
            "Verfahren eröffnet",
            "davon offen",
            "davon entschieden",
            "davon eingestellt",
            "davon verjährt",
            "Sanktionen verfügt",
            "davon verjährt",
        ]
    )
    for m in [*statistik.monate, statistik.total]:
        w.writerow(
            [
                "Total" if m is statistik.total else f"{m.monat:02d}.{m.jahr}",
                m.verfahren,
                m.offen,
                m.entschieden,
                m.eingestellt,
                m.verfahren_verjaehrt,
                m.sanktionen,
                m.sanktionen_verjaehrt,
            ]
        )
    w.writerow([])
    w.writerow(["Sanktionen nach Art und Einrichtung"])
    w.writerow(["Einrichtung", "Sanktion (§ 41 Abs. 1 JVG)", "Anzahl", "davon vollzogen", "davon verjährt"])
    for s in statistik.sanktionen:
        w.writerow([s.anstalt, s.art_label, s.anzahl, s.vollzogen, s.verjaehrt])
    w.writerow([])
    w.writerow(["Verjährungsfälle (§ 41 Abs. 5 JVG)"])
    w.writerow(
        [
            "Einrichtung",
            "Verfahren",
            "davon verjährt (Verfolgung)",
            "Sanktionen",
            "davon verjährt (Vollstreckung)",
        ]
    )
    for v in statistik.verjaehrung:
        w.writerow([v.anstalt, v.verfahren, v.verfahren_verjaehrt, v.sanktionen, v.sanktionen_verjaehrt])
    return "\ufeff" + puffer.getvalue()
