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
    BeteiligungDaten,
    ProtokollDaten,
    _beteiligte_pruefen,
    _grunddaten_pruefen,
    _normalisiert,
    _vollstaendigkeit_pruefen,
)
from zwang.models import Beteiligung, Zwangsprotokoll
from zwang.permissions import darf_korrigieren
from zwang.recht import (
    KORREKTUR_PRAEFIX,
    Einsatzfunktion,
    Zwangsmittel,
    stellungnahme_frist,
)

# --- Corrections ----------------------------------------------------------------------------------


@transaction.atomic
def protokoll_korrigieren(
    *,
    protokoll: Zwangsprotokoll,
    aenderungen: dict,
    grund: str,
    durch,
    neue_beteiligte: list[BeteiligungDaten] | None = None,
) -> Zwangsprotokoll:
    """R-33-1: correct a submitted protocol. Steps: lock; submitted; author or facility management; a
    reason; only content fields, only real changes; still complete afterwards; saved with the reason
    as the history row's change reason ("Korrektur: …", the detail page lists field, old → new, who,
    when, why). A reviewed protocol goes back to review (a new ZWANG_PRUEFUNG task): the earlier
    review (kept) no longer covers the corrected content.

    Issue 23: `neue_beteiligte` adds involved persons after submission with the same reason (staff of
    the facility, not yet listed); each gets its statement deadline from now and is listed with the
    corrections (`korrekturen_fuer`); a reviewed protocol goes back to review as for any correction."""
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
    neue_beteiligte = list(neue_beteiligte or [])
    _nachtrag_pruefen(p, neue_beteiligte)
    if not geaendert and not neue_beteiligte:
        raise _fehler("grund", "R-33-1: Die Korrektur ändert nichts.", "keine_aenderung")
    for name in geaendert:
        setattr(p, name, neu[name])
    _vollstaendigkeit_pruefen(p, p.beteiligte.count() + len(neue_beteiligte))
    jetzt = timezone.now()
    for b in neue_beteiligte:
        speichern(
            Beteiligung(
                protokoll=p,
                benutzer=b.benutzer,
                funktion=b.funktion,
                frist=stellungnahme_frist(jetzt).ende,
                nachgetragen_am=jetzt,
                nachgetragen_durch=durch,
                nachtrag_grund=grund,
            ),
            durch=durch,
            grund=f"{KORREKTUR_PRAEFIX}{grund}",
        )
    if not geaendert and p.status != S.GEPRUEFT:
        return p  # only additions: the protocol's own row is unchanged
    if p.status == S.GEPRUEFT:
        p.status = S.EINGEREICHT
        p.pruefaufgabe = _pruefaufgabe(p, jetzt, durch, erneut=True)
    return speichern(p, durch=durch, grund=f"{KORREKTUR_PRAEFIX}{grund}")


def _nachtrag_pruefen(p: Zwangsprotokoll, neue: list[BeteiligungDaten]) -> None:
    if not neue:
        return
    _beteiligte_pruefen(neue, p.anstalt_id)
    schon = set(p.beteiligte.values_list("benutzer_id", flat=True))
    for b in neue:
        if b.benutzer.pk in schon:
            raise _fehler(
                "beteiligte",
                f"§ 33 Abs. 4 JVG (R-33-1): {b.benutzer.get_full_name() or b.benutzer.username} ist bereits "
                "als beteiligt aufgeführt.",
                "beteiligter_doppelt",
            )


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
    """The corrections of several protocols in two queries (API list pages: constant queries): the
    protocol's history rows with a correction reason, and the involved persons added later (issue 23)."""
    protokoll_ids = list(protokoll_ids)
    zeilen: dict[int, list] = {}
    for h in (
        Zwangsprotokoll.history.filter(id__in=protokoll_ids)
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    ):
        zeilen.setdefault(h.id, []).append(h)
    ergebnis = {pk: _aus_verlauf(zeilen.get(pk, [])) for pk in protokoll_ids}
    for b in (
        Beteiligung.objects.filter(protokoll_id__in=protokoll_ids, nachgetragen_am__isnull=False)
        .select_related("benutzer", "nachgetragen_durch")
        .order_by("nachgetragen_am", "pk")
    ):
        name = b.benutzer.get_full_name() or b.benutzer.username
        durch = b.nachgetragen_durch
        ergebnis[b.protokoll_id].append(
            Korrektur(
                am=b.nachgetragen_am,
                durch=durch.get_full_name() or durch.username,
                grund=b.nachtrag_grund,
                aenderungen=[
                    Aenderung(
                        feld="Beteiligte Personen",
                        alt="–",
                        neu=f"{name} ({Einsatzfunktion(b.funktion).label})",
                    )
                ],
            )
        )
    for liste in ergebnis.values():
        liste.sort(key=lambda k: k.am)
    return ergebnis


def korrekturen(protokoll: Zwangsprotokoll) -> list[Korrektur]:
    return korrekturen_fuer([protokoll.pk])[protokoll.pk]


def _aus_verlauf(zeilen: list) -> list[Korrektur]:
    ergebnis = []
    for vorher, nachher in zip(zeilen, zeilen[1:], strict=False):
        grund = nachher.history_change_reason or ""
        if not grund.startswith(KORREKTUR_PRAEFIX):
            continue
        delta = nachher.diff_against(vorher, included_fields=list(INHALTSFELDER))
        if not delta.changes:
            continue  # e.g. a reviewed protocol sent back to review by an added involved person
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
