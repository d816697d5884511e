"""CSV exports of both logs for auditors: UTF-8 with BOM and `;` (Excel in Switzerland), streamed row by row."""

from django.http import StreamingHttpResponse
from django.utils import timezone

from kern import csv_export
from kern.models import Lesezugriff
from protokoll.domain import historie


class _Zeilenpuffer:
    def write(self, wert):
        return wert


def _zeit(wert) -> str:
    return f"{timezone.localtime(wert):%d.%m.%Y %H:%M}"


def csv_antwort(dateiname: str, kopf: list[str], zeilen) -> StreamingHttpResponse:
    """Stream `zeilen` (an iterator of lists) as CSV; memory does not grow with the number of rows."""
    # One CSV writer everywhere (kern.csv_export): formula cells are neutralised (issue 18).
    schreiber = csv_export.writer(_Zeilenpuffer(), delimiter=";", lineterminator="\r\n")

    def inhalt():
        yield "\ufeff" + schreiber.writerow(kopf)
        for zeile in zeilen:
            yield schreiber.writerow(zeile)

    antwort = StreamingHttpResponse(inhalt(), content_type="text/csv; charset=utf-8")
    antwort["Content-Disposition"] = f'attachment; filename="{dateiname}"'
    return antwort


AENDERUNGEN_KOPF = [
    "Zeitpunkt",
    "Akteur",
    "Rolle",
    "Aktion",
    "Objekttyp",
    "Objekt-ID",
    "Objekt",
    "Grund",
    "Änderungen",
]


def aenderungen_zeilen(f: historie.Filter):
    for e in historie.aenderungen_alle(f):
        yield [
            _zeit(e.zeitpunkt),
            e.akteur,
            e.akteur_rolle,
            e.aktion_text,
            e.objekt_typ,
            e.objekt_id,
            e.objekt,
            e.grund,
            " | ".join(f"{a.feld}: {a.alt} → {a.neu}" for a in e.aenderungen),
        ]


LESEZUGRIFFE_KOPF = [
    "Zeitpunkt",
    "Benutzer/in",
    "Benutzername",
    "Rolle",
    "Aktion",
    "Kanal",
    "Personennummer",
    "Person",
    "Objekttyp",
    "Objekt-ID",
    "Zweck",
    "Abfrage",
    "IP-Adresse",
]


def lesezugriffe_zeilen(qs):
    eintrag: Lesezugriff
    for eintrag in qs.iterator(chunk_size=1000):
        person = eintrag.person
        yield [
            _zeit(eintrag.zeitpunkt),
            eintrag.benutzer.get_full_name() or eintrag.benutzer.username,
            eintrag.benutzer.username,
            eintrag.get_rolle_display(),
            eintrag.get_aktion_display(),
            eintrag.get_kanal_display(),
            person.personennummer if person else "",
            f"{person.amtlicher_name} {person.vorname}" if person else "",
            eintrag.objekt_typ,
            eintrag.objekt_id,
            eintrag.zweck,
            eintrag.abfrage,
            eintrag.ip,
        ]
