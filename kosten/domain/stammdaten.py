"""Daily rates per facility and Vollzugsform with validity periods (R-KOST-1, § 46 Abs. 2 lit. a) and the
Unterstützungswohnsitz of a person (§ 48, R-47-2)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from kern.audit import speichern
from kern.rollen import berechtigung_pruefen
from kosten.domain._pruefen import _datum, _fehler, _ueberlappt
from kosten.models import (
    Kostgeld,
    Sozialdienst,
    Unterstuetzungswohnsitz,
)
from kosten.permissions import darf_kosten_bearbeiten
from kosten.recht import Kanton, chf, geld
from vollzug.models import Anstalt, Person
from vollzug.recht import Vollzugsform

# --- Daily rates (R-KOST-1, § 46 Abs. 2 lit. a) ---------------------------------------------------


@transaction.atomic
def kostgeld_erfassen(
    *,
    anstalt: Anstalt,
    vollzugsform: str,
    gueltig_ab: date,
    betrag: Decimal,
    durch,
    gueltig_bis: date | None = None,
    bemerkung: str = "",
) -> Kostgeld:
    """Record the daily rate of a facility for a Vollzugsform from `gueltig_ab` (R-KOST-1).

    Steps: permission; amount (Decimal, Rappen, > 0); dates; lock the facility row (serialises two
    entries for the same facility); an open-ended rate that began earlier is closed the day before
    (a new rate on 1 January applies from that day; the closing is in its history); any other overlap
    is refused; save with history.
    """
    berechtigung_pruefen(darf_kosten_bearbeiten(durch), "Kostgeld erfassen")
    betrag = geld(betrag, "betrag")
    if vollzugsform not in Vollzugsform.values:
        raise _fehler("vollzugsform", "Unbekannte Vollzugsform.", "vollzugsform")
    gueltig_ab = _datum(gueltig_ab, "gueltig_ab")
    if gueltig_bis is not None:
        gueltig_bis = _datum(gueltig_bis, "gueltig_bis")
        if gueltig_bis < gueltig_ab:
            raise _fehler("gueltig_bis", "R-KOST-1: «gültig bis» liegt vor «gültig ab».", "periode")
    Anstalt.objects.select_for_update().get(pk=anstalt.pk)
    bestehend = list(
        Kostgeld.objects.filter(anstalt=anstalt, vollzugsform=vollzugsform).order_by("gueltig_ab")
    )
    abzuloesen = None
    for k in bestehend:
        if not _ueberlappt(k.gueltig_ab, k.gueltig_bis, gueltig_ab, gueltig_bis):
            continue
        if k.gueltig_bis is None and k.gueltig_ab < gueltig_ab and abzuloesen is None:
            abzuloesen = k  # the running rate ends the day before the new one
            continue
        bis = f"{k.gueltig_bis:%d.%m.%Y}" if k.gueltig_bis else "offen"
        raise _fehler(
            "gueltig_ab",
            f"R-KOST-1: Der Tagesansatz überschneidet sich mit dem bestehenden vom {k.gueltig_ab:%d.%m.%Y} bis "
            f"{bis} ({chf(k.betrag)}); Gültigkeitsperioden einer Einrichtung und Vollzugsform dürfen sich nicht "
            "überschneiden.",
            "ueberschneidung",
        )
    if abzuloesen is not None:
        # The new rate must not reach into a later closed rate either (checked above by the loop).
        abzuloesen.gueltig_bis = gueltig_ab - timedelta(days=1)
        speichern(abzuloesen, durch=durch, grund=f"Abgelöst durch Tagesansatz ab {gueltig_ab:%d.%m.%Y}")
    return speichern(
        Kostgeld(
            anstalt=anstalt,
            vollzugsform=vollzugsform,
            gueltig_ab=gueltig_ab,
            gueltig_bis=gueltig_bis,
            betrag=betrag,
            bemerkung=(bemerkung or "").strip(),
            erfasst_durch=durch,
            erfasst_am=timezone.now(),
        ),
        durch=durch,
        grund="Tagesansatz erfasst (§ 46 Abs. 2 lit. a JVG)",
    )


# --- Unterstützungswohnsitz and routing (R-47-2) -------------------------------------------------


@transaction.atomic
def unterstuetzungswohnsitz_erfassen(
    *,
    person: Person,
    kanton: str,
    gueltig_ab: date,
    durch,
    gemeinde: str = "",
    sozialdienst: Sozialdienst | None = None,
) -> Unterstuetzungswohnsitz:
    """Record the person's Unterstützungswohnsitz from `gueltig_ab` (§ 47 Abs. 2, R-47-2): in Lucerne
    with the municipality's Sozialdienst (its municipality is taken from there), elsewhere without."""
    berechtigung_pruefen(darf_kosten_bearbeiten(durch), "Unterstützungswohnsitz erfassen")
    if kanton not in Kanton.values:
        raise _fehler("kanton", "Unbekannter Kanton.", "kanton")
    gueltig_ab = _datum(gueltig_ab, "gueltig_ab")
    if kanton == Kanton.LU:
        if sozialdienst is None or not sozialdienst.aktiv:
            raise _fehler(
                "sozialdienst",
                "§ 47 Abs. 2 lit. a JVG (R-47-2): Bei Unterstützungswohnsitz im Kanton Luzern das zuständige "
                "Organ der wirtschaftlichen Sozialhilfe (Sozialdienst der Gemeinde) angeben.",
                "sozialdienst_fehlt",
            )
        gemeinde = sozialdienst.gemeinde
    elif sozialdienst is not None:
        raise _fehler(
            "sozialdienst",
            "§ 47 Abs. 2 lit. b JVG (R-47-2): Ein Sozialdienst wird nur bei Unterstützungswohnsitz im Kanton "
            "Luzern erfasst; in den übrigen Fällen entscheidet der Kanton.",
            "sozialdienst_ausserkantonal",
        )
    if Unterstuetzungswohnsitz.objects.filter(person=person, gueltig_ab=gueltig_ab).exists():
        raise _fehler(
            "gueltig_ab", "Für diesen Tag ist bereits ein Unterstützungswohnsitz erfasst.", "doppelt"
        )
    return speichern(
        Unterstuetzungswohnsitz(
            person=person,
            kanton=kanton,
            gemeinde=(gemeinde or "").strip(),
            sozialdienst=sozialdienst,
            gueltig_ab=gueltig_ab,
            erfasst_durch=durch,
            erfasst_am=timezone.now(),
        ),
        durch=durch,
        grund="Unterstützungswohnsitz erfasst (§ 47 Abs. 2 JVG)",
    )
