"""Fristen — ein Kalender für das ganze System (RULEBOOK "Fristen", R-0-FRIST-1 bis R-0-FRIST-3).

Rein: keine Django-Modelle, keine Datenbank, nur stdlib und ``holidays``. Rechtsmittelfristen,
Verjährung, die 48-Stunden-Frist und die Löschfristen rechnen alle hier, damit es pro Fristart genau
eine Zählweise gibt.

Jede Frist liefert ein ``Fristergebnis``: R-0-FRIST-2 verlangt, dass die Zählweise mit dem Datum
gespeichert wird. Die ``METHODE_*``-Kennungen sind stabil; wer eine Zählweise ändert, vergibt eine
neue Kennung (``_v2``), damit gespeicherte Fristen nachvollziehbar bleiben.

``ende`` ist bei Tages-, Monats- und Jahresfristen ein ``date``: der letzte Tag, der noch ganz (bis
24:00 Ortszeit Zürich) zur Frist gehört. Bei Stunden- und Kalendertagsfristen ist es ein
zeitzonenbewusster Zeitpunkt in Europe/Zurich.
"""

from __future__ import annotations

import calendar
import threading
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays

TZ = ZoneInfo("Europe/Zurich")

METHODE_TAGE = "tage_vrg_lu_v1"
METHODE_MONATE = "monate_art77_or_v1"
METHODE_STUNDEN = "stunden_absolut_v1"
METHODE_KALENDERTAGE = "kalendertage_lokal_v1"
METHODE_JAHRE = "jahre_kalender_v1"

_WOCHENTAGE = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")

# R-0-FRIST-1: genau die 13 Ruhetage von § 34 VRG / § 76 JusG, so wie das gepflegte Paket sie für LU
# liefert — nur Kategorie PUBLIC, also keine Gemeindefeiertage (Güdismontag, Leodegar). Ein Objekt für
# den ganzen Prozess: es ergänzt Jahre beim ersten Zugriff selbst (expand=True).
_FEIERTAGE_LU = holidays.Switzerland(subdiv="LU", categories=(holidays.PUBLIC,))
# Das Ergänzen ist nicht threadsicher: holidays trägt das Jahr in ``years`` ein, *bevor* es die Tage
# einfüllt. Ein zweiter Thread (gunicorn-Threads, Celery) sähe das Jahr als vorhanden, aber leer, und
# hielte einen Feiertag für einen Arbeitstag. Darum jeder Zugriff unter einem Lock.
_FEIERTAGE_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class Fristergebnis:
    """Berechnetes Fristende mit der Zählweise (R-0-FRIST-2) und einem Hinweis für Menschen."""

    ende: date | datetime
    methode: str
    hinweis: str = ""


def lokales_datum(d: date | datetime) -> date:
    """Kalendertag in Zürich. Ein ``datetime`` ist auch ein ``date``: ohne diese Umrechnung zählte ein
    UTC-Zeitpunkt am Freitag 23:30 als Freitag, obwohl es in Luzern schon Samstag ist (R-31-4)."""
    if isinstance(d, datetime):
        return _zeitpunkt_in_zuerich(d).date()
    return d


def ist_arbeitstag(d: date | datetime) -> bool:
    """R-0-FRIST-1: Montag bis Freitag und kein Luzerner Ruhetag."""
    tag = lokales_datum(d)
    if tag.weekday() >= 5:
        return False
    with _FEIERTAGE_LOCK:
        return tag not in _FEIERTAGE_LU


def naechster_arbeitstag(d: date | datetime) -> date:
    """Der Tag selbst, wenn er ein Arbeitstag ist, sonst der nächste Arbeitstag."""
    tag = lokales_datum(d)
    while not ist_arbeitstag(tag):
        tag += timedelta(days=1)
    return tag


def erster_arbeitstag_nach(d: date | datetime) -> date:
    """Erster Arbeitstag *nach* d. R-31-4: Versetzung an Auffahrt (Do 14.05.2026) → Information am
    Freitag 15.05.2026; auch nach einem Arbeitstag ist es erst der folgende Arbeitstag."""
    return naechster_arbeitstag(lokales_datum(d) + timedelta(days=1))


def tagesfrist(zustellung: date | datetime, tage: int) -> Fristergebnis:
    """R-0-FRIST-1 (§ 42: 5 Tage, § 43: 20 Tage): Zählung ab dem Tag nach der Zustellung; fällt der
    letzte Tag auf Samstag, Sonntag oder einen LU-Ruhetag, endet die Frist am nächsten Arbeitstag.

    Das Luzerner Verwaltungsverfahren kennt keinen Fristenstillstand (keine Gerichtsferien an Ostern,
    im Sommer oder an Weihnachten): nur der letzte Tag wird verschoben, nie die Zählung angehalten.
    Eine Zustellung am Sonntag oder Feiertag verschiebt den Beginn nicht.
    """
    _pruefe_anzahl(tage, "Tage")
    letzter_tag = lokales_datum(zustellung) + timedelta(days=tage)
    ende = naechster_arbeitstag(letzter_tag)
    hinweis = ""
    if ende != letzter_tag:
        hinweis = (
            f"Fristende von {_datum_text(letzter_tag)} auf {_datum_text(ende)} verschoben "
            "(Wochenende/Feiertag)"
        )
    return Fristergebnis(ende=ende, methode=METHODE_TAGE, hinweis=hinweis)


def monatsfrist(start: date | datetime, monate: int) -> Fristergebnis:
    """R-0-FRIST-2 (§ 41 Abs. 5: sechs Monate), Art. 77 Abs. 1 Ziff. 3 OR: Ende am Tag des letzten
    Monats mit derselben Zahl wie der Starttag, sonst am letzten Tag dieses Monats
    (31.08.2026 + 6 = 28.02.2027). Verjährungsfristen werden nach dem Rulebook bewusst *nicht* über
    Wochenenden und Feiertage verlängert (anders als Art. 78 OR): sie binden die Behörde, nicht die
    Partei.
    """
    _pruefe_anzahl(monate, "Monate")
    tag = lokales_datum(start)
    ende = _plus_monate(tag, monate)
    return Fristergebnis(ende=ende, methode=METHODE_MONATE, hinweis=_hinweis_kalender(tag, ende))


def jahresfrist(start: date | datetime, jahre: int) -> Fristergebnis:
    """Kalenderjahre (R-27-3: ED-Material spätestens zehn Jahre nach der definitiven Entlassung). Wie
    Art. 77 OR für Jahre: gleiches Datum, der 29. Februar wird im Gemeinjahr zum 28. Februar. Keine
    Verschiebung über Wochenenden oder Feiertage — es ist eine Höchstfrist für die Behörde.
    """
    _pruefe_anzahl(jahre, "Jahre")
    tag = lokales_datum(start)
    ende = _plus_monate(tag, 12 * jahre)
    return Fristergebnis(ende=ende, methode=METHODE_JAHRE, hinweis=_hinweis_kalender(tag, ende))


def stundenfrist(start: datetime, stunden: int) -> Fristergebnis:
    """R-0-FRIST-3 (§ 25 Abs. 2: 48 Stunden seit der Festnahme): tatsächlich verstrichene Stunden.

    Gerechnet wird in UTC und erst das Ergebnis in Zürcher Zeit angezeigt: in der Nacht der
    Sommerzeitumstellung hat der Tag 23 bzw. 25 Stunden, 48 Stunden sind dann nicht "übermorgen
    gleiche Uhrzeit" (Sa 28.03.2026 01:30 + 48 h = Mo 30.03.2026 02:30). Die Frist läuft ab dem
    erfassten Zeitpunkt; Sekunden werden nicht gerundet, sonst wäre ``ende - start`` nicht mehr genau
    ``stunden`` Stunden (Anzeige auf die Minute ist Sache der Oberfläche).
    """
    _pruefe_anzahl(stunden, "Stunden")
    beginn = _zeitpunkt_in_zuerich(start)
    ende = (beginn.astimezone(UTC) + timedelta(hours=stunden)).astimezone(TZ)
    return Fristergebnis(ende=ende, methode=METHODE_STUNDEN)


def kalendertage_lokal(start: datetime, tage: int) -> Fristergebnis:
    """Kalendertage auf der Zürcher Wanduhr (R-29-2, R-30-3: 100 Tage; aufgezeichnet am 1. März um
    10:15 → fällig am 9. Juni um 10:15, obwohl dazwischen die Sommerzeit beginnt; verstrichen sind
    dann 100 Tage minus eine Stunde).

    Gibt es die Uhrzeit am Zieltag nicht (Umstellung auf Sommerzeit, 02:00–02:59), gilt sie mit
    fold=0 als Winterzeit und wird über UTC normalisiert: 02:30 wird 03:30 Sommerzeit, also derselbe
    Moment, den 02:30 Winterzeit hätte. Gibt es sie zweimal (Umstellung auf Winterzeit), gilt mit
    fold=0 die erste (Sommerzeit) — bei Löschfristen die frühere, datenschutzfreundliche.
    """
    _pruefe_anzahl(tage, "Tage")
    wanduhr = _zeitpunkt_in_zuerich(start).replace(tzinfo=None) + timedelta(days=tage)
    gewuenscht = wanduhr.replace(tzinfo=TZ, fold=0)
    ende = gewuenscht.astimezone(UTC).astimezone(TZ)
    hinweis = ""
    if ende.replace(tzinfo=None) != wanduhr:
        hinweis = (
            f"{wanduhr:%H:%M} Uhr am {wanduhr:%d.%m.%Y} gibt es nicht (Beginn der Sommerzeit): "
            f"Fristende {ende:%H:%M} Uhr Sommerzeit"
        )
    elif gewuenscht.utcoffset() != wanduhr.replace(tzinfo=TZ, fold=1).utcoffset():
        hinweis = (
            f"{wanduhr:%H:%M} Uhr am {wanduhr:%d.%m.%Y} gibt es zweimal (Ende der Sommerzeit): "
            "Fristende beim ersten Mal (Sommerzeit)"
        )
    return Fristergebnis(ende=ende, methode=METHODE_KALENDERTAGE, hinweis=hinweis)


def _zeitpunkt_in_zuerich(zeitpunkt: datetime) -> datetime:
    # Ein naiver Zeitpunkt ist mehrdeutig (UTC aus der Datenbank? Ortszeit aus einem Formular?):
    # lieber laut scheitern als eine Frist um ein, zwei Stunden oder einen Tag falsch berechnen.
    if zeitpunkt.tzinfo is None or zeitpunkt.utcoffset() is None:
        raise ValueError(f"Zeitpunkt ohne Zeitzone ({zeitpunkt.isoformat()}): Frist nicht berechenbar.")
    return zeitpunkt.astimezone(TZ)


def _pruefe_anzahl(anzahl: int, einheit: str) -> None:
    if isinstance(anzahl, bool) or not isinstance(anzahl, int):
        raise ValueError(f"Fristdauer in {einheit} muss eine ganze Zahl sein, nicht {anzahl!r}.")
    if anzahl < 1:
        raise ValueError(f"Fristdauer in {einheit} muss mindestens 1 sein, nicht {anzahl}.")


def _plus_monate(tag: date, monate: int) -> date:
    # Art. 77 Abs. 1 Ziff. 3 OR: gleiche Tageszahl, sonst der letzte Tag des Zielmonats.
    index = tag.year * 12 + (tag.month - 1) + monate
    jahr, monat = divmod(index, 12)
    monat += 1
    return date(jahr, monat, min(tag.day, calendar.monthrange(jahr, monat)[1]))


def _hinweis_kalender(start: date, ende: date) -> str:
    teile = []
    if ende.day != start.day:
        teile.append(f"Den {start.day}. gibt es im Zielmonat nicht: Fristende am Monatsletzten")
    if not ist_arbeitstag(ende):
        teile.append(f"Fristende {_datum_text(ende)} wird nicht auf einen Arbeitstag verschoben")
    return "; ".join(teile)


def _datum_text(tag: date) -> str:
    return f"{_WOCHENTAGE[tag.weekday()]}, {tag:%d.%m.%Y}"


def tagesende(tag: date) -> datetime:
    """The moment a day deadline ends: 23:59:59 Europe/Zurich of its last day (aware).

    Sources turn the `date` this module computes into `FristEintrag.faellig` with this, so
    every day deadline of every module ends at the same wall-clock second (also across DST).
    """
    return datetime.combine(tag, time(23, 59, 59), tzinfo=TZ)
