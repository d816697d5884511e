"""R-33-1: corrections of a submitted protocol. `protokoll_korrigieren` changes it with a reason (history row with
the reason; a reviewed protocol goes back to review); `korrekturen` / `korrekturen_fuer` read them back from its history
(one source of truth): each history row whose change reason starts with "Korrektur: " against the row before it —
field, old → new, who, when, why. One query for any number of protocols and corrections."""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from kern.audit import speichern
from kern.rollen import berechtigung_pruefen
from zwang.domain._hilfen import S, _fehler, _pruefaufgabe, _sperren
from zwang.domain.protokoll import (
    INHALTSFELDER,
    ProtokollDaten,
    _grunddaten_pruefen,
    _normalisiert,
    _vollstaendigkeit_pruefen,
)
from zwang.models import Zwangsprotokoll
from zwang.permissions import darf_korrigieren
from zwang.recht import (
    KORREKTUR_PRAEFIX,
    Zwangsmittel,
)

# --- Corrections ----------------------------------------------------------------------------------


@transaction.atomic
def protokoll_korrigieren(
    *, protokoll: Zwangsprotokoll, aenderungen: dict, grund: str, durch
) -> Zwangsprotokoll:
    """R-33-1: correct a submitted protocol. Steps: lock; submitted; author or facility management; a
    reason; only content fields, only real changes; still complete afterwards; saved with the reason
    as the history row's change reason ("Korrektur: …", the detail page lists field, old → new, who,
    when, why). A reviewed protocol goes back to review (a new ZWANG_PRUEFUNG task): the earlier
    review (kept) no longer covers the corrected content."""
    p = _sperren(protokoll)
    if p.status == S.ENTWURF:
        raise _fehler(
            "grund", "R-33-1: Ein Entwurf wird bearbeitet, nicht korrigiert.", "entwurf_nicht_korrigieren"
        )
    berechtigung_pruefen(darf_korrigieren(durch, p), "Zwangsprotokoll korrigieren")
    grund = (grund or "").strip()
    if not grund:
        raise _fehler(
            "grund",
            "§ 33 Abs. 4 JVG (R-33-1): Eine Korrektur nach dem Einreichen braucht einen Grund; sie bleibt im "
            "Verlauf sichtbar.",
            "grund_fehlt",
        )
    unbekannt = sorted(set(aenderungen) - set(INHALTSFELDER))
    if unbekannt:
        raise _fehler(
            "grund",
            f"R-33-1: Diese Angaben sind nicht korrigierbar: {', '.join(unbekannt)}.",
            "nicht_korrigierbar",
        )
    werte = {name: getattr(p, name) for name in INHALTSFELDER}
    werte.update(aenderungen)
    daten = ProtokollDaten(**werte)
    _grunddaten_pruefen(daten, timezone.now())
    neu = _normalisiert(daten)
    geaendert = [name for name in INHALTSFELDER if neu[name] != getattr(p, name)]
    if not geaendert:
        raise _fehler("grund", "R-33-1: Die Korrektur ändert nichts.", "keine_aenderung")
    for name in geaendert:
        setattr(p, name, neu[name])
    _vollstaendigkeit_pruefen(p, p.beteiligte.count())
    if p.status == S.GEPRUEFT:
        p.status = S.EINGEREICHT
        p.pruefaufgabe = _pruefaufgabe(p, timezone.now(), durch, erneut=True)
    return speichern(p, durch=durch, grund=f"{KORREKTUR_PRAEFIX}{grund}")


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
