"""R-33-1: the corrections of a submitted protocol, read from its history (one source of truth): each
history row whose change reason starts with "Korrektur: " against the row before it — field, old → new,
who, when, why. One query for any number of protocols and corrections."""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from zwang.enums import KORREKTUR_PRAEFIX, Zwangsmittel
from zwang.models import Zwangsprotokoll
from zwang.services import INHALTSFELDER


@dataclass(frozen=True)
class Aenderung:
    feld: str  # the field's German label
    alt: str
    neu: str


@dataclass(frozen=True)
class Korrektur:
    am: datetime
    durch: str
    grund: str
    aenderungen: list[Aenderung]


def wert_text(feldname: str, wert) -> str:
    """A stored value as the page shows it (labels for choices, Swiss date format, "–" for empty)."""
    if wert is None or wert == "" or wert == []:
        return "–"
    if isinstance(wert, bool):
        return "ja" if wert else "nein"
    if isinstance(wert, datetime):
        return f"{timezone.localtime(wert):%d.%m.%Y %H:%M}"
    if feldname == "mittel":
        return ", ".join(Zwangsmittel(m).label if m in Zwangsmittel.values else str(m) for m in wert)
    feld = Zwangsprotokoll._meta.get_field(feldname)
    if feld.choices:
        return str(dict(feld.flatchoices).get(wert, wert))
    return str(wert)


def korrekturen_fuer(protokoll_ids) -> dict[int, list[Korrektur]]:
    """The corrections of several protocols in one query (API list pages: constant queries)."""
    zeilen: dict[int, list] = {}
    for h in (
        Zwangsprotokoll.history.filter(id__in=list(protokoll_ids))
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    ):
        zeilen.setdefault(h.id, []).append(h)
    return {pk: _aus_verlauf(zeilen.get(pk, [])) for pk in protokoll_ids}


def korrekturen(protokoll: Zwangsprotokoll) -> list[Korrektur]:
    return korrekturen_fuer([protokoll.pk])[protokoll.pk]


def _aus_verlauf(zeilen: list) -> list[Korrektur]:
    ergebnis = []
    for vorher, nachher in zip(zeilen, zeilen[1:], strict=False):
        grund = nachher.history_change_reason or ""
        if not grund.startswith(KORREKTUR_PRAEFIX):
            continue
        delta = nachher.diff_against(vorher, included_fields=list(INHALTSFELDER))
        user = nachher.history_user
        ergebnis.append(
            Korrektur(
                am=nachher.history_date,
                durch=(user.get_full_name() or user.username) if user else "–",
                grund=grund.removeprefix(KORREKTUR_PRAEFIX),
                aenderungen=[
                    Aenderung(
                        feld=str(Zwangsprotokoll._meta.get_field(c.field).verbose_name),
                        alt=wert_text(c.field, c.old),
                        neu=wert_text(c.field, c.new),
                    )
                    for c in delta.changes
                ],
            )
        )
    return ergebnis
