"""§ 26 vorübergehende Versetzung: `versetzung26_anordnen` (R-26-1) through `vollzug.domain.versetzen`."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kern import fristen
from kern.audit import speichern
from kern.rollen import berechtigung_pruefen
from vollzug import domain as vollzug_services
from vollzug.models import Anstalt, Platzierung, Sanktion, Vollzugsfall
from vollzug.recht import Platzierungsart
from zwangsmassnahmen.domain._hilfen import (
    _fehler,
    _text,
)
from zwangsmassnahmen.models import (
    VoruebergehendeVersetzung,
)
from zwangsmassnahmen.permissions import (
    darf_versetzen_26,
)
from zwangsmassnahmen.recht import (
    FREIHEITSENTZIEHENDE_MASSNAHMEN,
    Gefaehrdung,
)

# --- § 26 vorübergehende Versetzung (R-26-1) ---------------------------------------------------------


@transaction.atomic
def versetzung26_anordnen(
    *,
    fall: Vollzugsfall,
    anstalt: Anstalt,
    am: datetime,
    undurchfuehrbar: str,
    gefaehrdung: str,
    gefaehrdung_begruendung: str,
    abteilung: str = "",
    voraussichtlich_bis: date | None = None,
    durch,
) -> VoruebergehendeVersetzung:
    """§ 26 JVG (R-26-1): move the person temporarily to another facility.

    Steps: permission (the Vollzugsbehörde); both conditions recorded — the measure is temporarily
    impracticable AND this leads to an erheblichen Gefährdung of the public or of the measure's purpose;
    the case has a freiheitsentziehende Massnahme (the law's wording); then the transfer itself through
    `vollzug.domain.versetzen(art=versetzung_26)` (placement history, hooks) and the reasons linked
    to the new placement.
    """
    berechtigung_pruefen(darf_versetzen_26(durch), "Vorübergehende Versetzung anordnen (§ 26 JVG)")
    fehler: dict[str, ValidationError] = {}
    if not _text(undurchfuehrbar):
        fehler["undurchfuehrbar"] = ValidationError(
            "§ 26 JVG (R-26-1): Begründen, weshalb die Massnahme vorübergehend undurchführbar ist.",
            code="undurchfuehrbar_fehlt",
        )
    if gefaehrdung not in Gefaehrdung.values:
        fehler["gefaehrdung"] = ValidationError(
            "§ 26 JVG (R-26-1): Angeben, ob die Öffentlichkeit oder der Massnahmenzweck erheblich gefährdet ist.",
            code="gefaehrdung_fehlt",
        )
    if not _text(gefaehrdung_begruendung):
        fehler["gefaehrdung_begruendung"] = ValidationError(
            "§ 26 JVG (R-26-1): Die erhebliche Gefährdung begründen.", code="gefaehrdung_begruendung_fehlt"
        )
    if fehler:
        raise ValidationError(fehler)
    if not Sanktion.objects.filter(
        entscheid__fall=fall, art__in=sorted(FREIHEITSENTZIEHENDE_MASSNAHMEN)
    ).exists():
        raise _fehler(
            "fall",
            "§ 26 JVG (R-26-1): Vorübergehend versetzt wird nur bei einer freiheitsentziehenden Massnahme "
            "(stationäre Massnahme, Verwahrung, jugendrechtliche Unterbringung); für andere Fälle gilt § 17 Abs. 2.",
            "keine_massnahme",
        )
    if (
        voraussichtlich_bis is not None
        and isinstance(am, datetime)
        and voraussichtlich_bis < fristen.lokales_datum(am)
    ):
        raise _fehler(
            "voraussichtlich_bis", "Das voraussichtliche Ende liegt vor der Versetzung.", "ende_vor_beginn"
        )
    aktuell = Platzierung.objects.filter(fall=fall, bis__isnull=True).first()
    von_anstalt_id = aktuell.anstalt_id if aktuell else None
    text = (
        f"§ 26 JVG: Massnahme vorübergehend undurchführbar: {_text(undurchfuehrbar)}\n"
        f"{Gefaehrdung(gefaehrdung).label}: {_text(gefaehrdung_begruendung)}"
    )
    platzierung = vollzug_services.versetzen(
        fall=fall,
        anstalt=anstalt,
        am=am,
        art=Platzierungsart.VERSETZUNG_VORUEBERGEHEND,
        abteilung=abteilung,
        begruendung=text,
        durch=durch,
    )
    return speichern(
        VoruebergehendeVersetzung(
            platzierung=platzierung,
            fall=fall,
            von_anstalt_id=von_anstalt_id,
            undurchfuehrbar=_text(undurchfuehrbar),
            gefaehrdung=gefaehrdung,
            gefaehrdung_begruendung=_text(gefaehrdung_begruendung),
            voraussichtlich_bis=voraussichtlich_bis,
            angeordnet_am=timezone.now(),
            angeordnet_durch=durch,
        ),
        durch=durch,
        grund="Vorübergehende Versetzung (§ 26 JVG)",
    )
