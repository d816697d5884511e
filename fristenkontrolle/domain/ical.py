"""R-0-FRIST-4: the deadline overview as an iCalendar file (RFC 5545), written by hand.

Only what calendar clients need: one VEVENT per deadline. Written here rather than with a library
because it is ~80 lines and the three details that matter are easy to test at byte level: TEXT
escaping (§3.3.11), CRLF line ends and folding at 75 octets without splitting a UTF-8 character
(§3.1).
"""

import hashlib
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta

from kern.erweiterungen import FristEintrag, typ_bezeichnung

PRODID = "-//Kanton Luzern//jvg-case Fristenkontrolle//DE"
ZEILENENDE = "\r\n"
MAX_OKTETTE = 75
# A deadline is a moment; calendars show nothing for a zero-length event and RFC 5545 wants
# DTEND > DTSTART. The event therefore *ends* at the deadline and starts this much earlier.
VORLAUF = timedelta(minutes=30)


def text_escapen(wert: str) -> str:
    """TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks."""
    wert = wert.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return wert.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def zeile_falten(zeile: str) -> str:
    """Fold one content line into lines of at most 75 octets (CRLF not counted), RFC 5545 §3.1.

    A continuation line starts with one space, which counts towards its 75 octets. Multi-byte UTF-8
    characters (ä, ö, ü, §) are never split: a line ends before a character that would not fit.
    """
    teile: list[str] = []
    aktuell: list[str] = []
    laenge = 0
    for zeichen in zeile:
        oktette = len(zeichen.encode("utf-8"))
        if laenge + oktette > MAX_OKTETTE:
            teile.append("".join(aktuell))
            aktuell, laenge = [" "], 1
        aktuell.append(zeichen)
        laenge += oktette
    teile.append("".join(aktuell))
    return ZEILENENDE.join(teile)


def utc_zeit(zeitpunkt: datetime) -> str:
    """DATE-TIME in UTC form ("20261231T130500Z"); naive times are refused, never guessed."""
    if zeitpunkt.tzinfo is None or zeitpunkt.utcoffset() is None:
        raise ValueError(f"Zeitpunkt ohne Zeitzone ({zeitpunkt.isoformat()}).")
    return zeitpunkt.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def uid(eintrag: FristEintrag) -> str:
    """Stable across exports (so a client updates an event instead of adding a copy): type + object key
    (the entry's url, see FristEintrag) + due time. A moved deadline is a new event by design."""
    schluessel = hashlib.sha256(eintrag.url.encode("utf-8")).hexdigest()[:16]
    return f"{eintrag.typ}-{schluessel}-{utc_zeit(eintrag.faellig)}@jvg-case"


def _beschreibung(eintrag: FristEintrag) -> str:
    zeilen = [f"Typ: {typ_bezeichnung(eintrag.typ)}"]
    if eintrag.person_name:
        zeilen.append(f"Person: {eintrag.person_name}")
    if eintrag.anstalt_name:
        zeilen.append(f"Einrichtung: {eintrag.anstalt_name}")
    if eintrag.regel:
        zeilen.append(f"Regel: {eintrag.regel}")
    return "\n".join(zeilen)


def kalender(
    eintraege: Iterable[FristEintrag],
    *,
    jetzt: datetime,
    absolute_url: Callable[[str], str],
    name: str = "Fristenkontrolle jvg-case",
) -> str:
    """The whole VCALENDAR as text with CRLF line ends (encode as UTF-8 for the response).

    `absolute_url` turns an entry's path into an absolute URL (e.g. `request.build_absolute_uri`).
    """
    zeilen = [
        "BEGIN:VCALENDAR",
        f"PRODID:{PRODID}",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{text_escapen(name)}",
    ]
    stempel = utc_zeit(jetzt)
    for eintrag in eintraege:
        zeilen += [
            "BEGIN:VEVENT",
            f"UID:{uid(eintrag)}",
            f"DTSTAMP:{stempel}",
            f"DTSTART:{utc_zeit(eintrag.faellig - VORLAUF)}",
            f"DTEND:{utc_zeit(eintrag.faellig)}",
            f"SUMMARY:{text_escapen(eintrag.titel)}",
            # URI values are not TEXT: no backslash escaping (RFC 5545 §3.3.13).
            f"URL:{absolute_url(eintrag.url)}",
            f"DESCRIPTION:{text_escapen(_beschreibung(eintrag))}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    zeilen.append("END:VCALENDAR")
    return "".join(zeile_falten(z) + ZEILENENDE for z in zeilen)
