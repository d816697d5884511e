"""The team's access log (R-BM-3) and the information for staff (programme point 14): guidance sheets
and the contact persons of the team."""

import logging
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from bedrohung.domain._pruefen import _ist_datum, _team_pruefen, _text
from bedrohung.models import (
    Ansprechperson,
    Bedrohungsmeldung,
    Merkblatt,
    Zugriff,
)
from bedrohung.recht import Zugriffsart
from kern.audit import speichern

log = logging.getLogger(__name__)


# --- Access log (R-BM-3) ---------------------------------------------------------------------------


def zugriff_protokollieren(
    *, user, aktion: str, meldung: Bedrohungsmeldung | None = None, kanal: str = "web"
) -> Zugriff:
    """R-BM-3: the team's own access log: who read which report (by number), how, when. Append-only;
    list views pass no report (one row per list view)."""
    if aktion not in Zugriffsart.values:
        raise ValueError(f"Unbekannte Zugriffsart {aktion!r}.")
    return Zugriff.objects.create(
        benutzer=user,
        meldung_nummer=meldung.nummer if meldung is not None else "",
        aktion=aktion,
        kanal=kanal,
    )


# --- Information material (programme point 14, team only) ------------------------------------------


@transaction.atomic
def merkblatt_speichern(
    *, titel: str, inhalt: str, reihenfolge: int = 0, merkblatt: Merkblatt | None = None, durch
) -> Merkblatt:
    """Programme point 14: guidance for staff (recognise, report, protect oneself), edited by the team."""
    _team_pruefen(durch, "Merkblatt bearbeiten")
    fehler = {}
    if not _text(titel):
        fehler["titel"] = [ValidationError("Titel des Merkblatts angeben.", code="titel_fehlt")]
    elif len(_text(titel)) > 150:
        fehler["titel"] = [ValidationError("R-0-BAD-1: Titel höchstens 150 Zeichen.", code="titel_zu_lang")]
    if not _text(inhalt):
        fehler["inhalt"] = [ValidationError("Inhalt des Merkblatts angeben.", code="inhalt_fehlt")]
    if not isinstance(reihenfolge, int) or isinstance(reihenfolge, bool) or not 0 <= reihenfolge <= 32767:
        fehler["reihenfolge"] = [
            ValidationError("R-0-BAD-1: Reihenfolge ist eine ganze Zahl von 0 bis 32767.", code="reihenfolge")
        ]
    if fehler:
        raise ValidationError(fehler)
    neu = merkblatt is None
    merkblatt = Merkblatt() if neu else Merkblatt.objects.select_for_update().get(pk=merkblatt.pk)
    merkblatt.titel, merkblatt.inhalt, merkblatt.reihenfolge = _text(titel), _text(inhalt), reihenfolge
    return speichern(merkblatt, durch=durch, grund="Merkblatt erfasst" if neu else "Merkblatt geändert")


@transaction.atomic
def ansprechperson_speichern(
    *,
    name: str,
    abteilung: str,
    telefon: str = "",
    email: str = "",
    geschult_am: date | None = None,
    aktiv: bool = True,
    ansprechperson: Ansprechperson | None = None,
    durch,
) -> Ansprechperson:
    """Programme point 14: the list of trained contact persons per department, maintained by the team."""
    _team_pruefen(durch, "Ansprechpersonen bearbeiten")
    fehler = {}
    if not _text(name):
        fehler["name"] = [ValidationError("Namen der Ansprechperson angeben.", code="name_fehlt")]
    if not _text(abteilung):
        fehler["abteilung"] = [ValidationError("Abteilung oder Einrichtung angeben.", code="abteilung_fehlt")]
    if geschult_am is not None:
        if not _ist_datum(geschult_am):
            fehler["geschult_am"] = [ValidationError("R-0-BAD-1: Datum der Schulung angeben.", code="datum")]
        elif geschult_am > timezone.localdate():
            fehler["geschult_am"] = [
                ValidationError("Das Datum der Schulung liegt in der Zukunft.", code="geschult_zukunft")
            ]
    if fehler:
        raise ValidationError(fehler)
    neu = ansprechperson is None
    ap = Ansprechperson() if neu else Ansprechperson.objects.select_for_update().get(pk=ansprechperson.pk)
    ap.name, ap.abteilung = _text(name), _text(abteilung)
    ap.telefon, ap.email = _text(telefon), _text(email)
    ap.geschult_am, ap.aktiv = geschult_am, bool(aktiv)
    # full_clean in `speichern` checks lengths and the e-mail address (field messages, R-0-BAD-1).
    return speichern(ap, durch=durch, grund="Ansprechperson erfasst" if neu else "Ansprechperson geändert")
