"""§ 28 Kontrollen: `kontrolle_erfassen`; body search `leibesvisitation_beantragen` →
`leibesvisitation_entscheiden` (facility management, four eyes) → `leibesvisitation_durchfuehren` (R-28-1)."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from kern.audit import speichern
from kern.rollen import berechtigung_pruefen
from vollzug.models import Vollzugsfall
from zwangsmassnahmen.domain._hilfen import (
    _fehler,
    _sperren,
    _text,
    _zeit,
    _zeitpunkt_pruefen,
)
from zwangsmassnahmen.models import (
    Kontrolle,
)
from zwangsmassnahmen.permissions import (
    darf_in_anstalt_handeln,
    eigene_platzierung,
)
from zwangsmassnahmen.recht import (
    DURCHSUCHUNGEN,
    TESTS,
    Kontrollart,
    Kontrollergebnis,
    Kontrollstatus,
)

# --- § 28 Kontrollen und Durchsuchungen (R-28-1) ------------------------------------------------------


def _ergebnis_pruefen(art: str, ergebnis: str, ergebnis_text: str, fundgegenstaende: str) -> None:
    if ergebnis not in Kontrollergebnis.values:
        raise _fehler("ergebnis", "§ 28 JVG (R-28-1): Ergebnis der Kontrolle angeben.", "ergebnis_fehlt")
    if ergebnis == Kontrollergebnis.FUND:
        if art in TESTS and not _text(ergebnis_text):
            raise _fehler(
                "ergebnis_text",
                "§ 28 Abs. 3 JVG (R-28-1): Beim positiven Befund angeben, worauf positiv (Substanz, Wert).",
                "befund_fehlt",
            )
        if art not in TESTS and not _text(fundgegenstaende):
            raise _fehler(
                "fundgegenstaende",
                "§ 28 JVG (R-28-1): Die gefundenen Gegenstände auflisten.",
                "fund_fehlt",
            )


@transaction.atomic
def kontrolle_erfassen(
    *,
    fall: Vollzugsfall,
    art: str,
    zeitpunkt: datetime,
    ergebnis: str,
    ort: str = "",
    ergebnis_text: str = "",
    fundgegenstaende: str = "",
    beteiligte: str = "",
    verdacht: str = "",
    durch,
) -> Kontrolle:
    """§ 28 Abs. 1 and 3 JVG (R-28-1): staff log a search of effects or quarters, or a breath, urine,
    blood or hair test, of a person placed in their facility. A body search is not logged here: it
    needs a suspicion and an order first (`leibesvisitation_beantragen`)."""
    platzierung = eigene_platzierung(fall, durch, "Kontrolle erfassen")
    jetzt = timezone.now()
    if art == Kontrollart.LEIBESVISITATION:
        raise _fehler(
            "art",
            "§ 28 Abs. 2 JVG (R-28-1): Eine Leibesvisitation setzt einen erfassten Verdacht und die Anordnung "
            "der Anstaltsleitung voraus (Art. 85 Abs. 2 StGB) – zuerst beantragen.",
            "leibesvisitation_ohne_anordnung",
        )
    if art not in Kontrollart.values:
        raise _fehler("art", "§ 28 JVG (R-28-1): Art der Kontrolle wählen.", "art_fehlt")
    _zeitpunkt_pruefen("zeitpunkt", zeitpunkt, jetzt, "Der Zeitpunkt der Kontrolle", "§ 28 JVG (R-28-1)")
    if art in DURCHSUCHUNGEN and not _text(ort):
        raise _fehler(
            "ort",
            "§ 28 Abs. 1 JVG (R-28-1): Ort der Durchsuchung angeben (Zelle, Effektenraum …).",
            "ort_fehlt",
        )
    _ergebnis_pruefen(art, ergebnis, ergebnis_text, fundgegenstaende)
    return speichern(
        Kontrolle(
            fall=fall,
            anstalt_id=platzierung.anstalt_id,
            art=art,
            status=Kontrollstatus.DURCHGEFUEHRT,
            verdacht=_text(verdacht),
            zeitpunkt=zeitpunkt,
            ort=_text(ort),
            durchgefuehrt_durch=durch,
            beteiligte=_text(beteiligte),
            ergebnis=ergebnis,
            ergebnis_text=_text(ergebnis_text),
            fundgegenstaende=_text(fundgegenstaende),
            erfasst_am=jetzt,
        ),
        durch=durch,
        grund=f"{Kontrollart(art).label} erfasst",
    )


@transaction.atomic
def leibesvisitation_beantragen(*, fall: Vollzugsfall, verdacht: str, durch) -> Kontrolle:
    """§ 28 Abs. 2 JVG (R-28-1): staff request a body search on a recorded suspicion (what the person is
    suspected to carry or hide in body openings); the facility management orders it."""
    platzierung = eigene_platzierung(fall, durch, "Leibesvisitation beantragen")
    if not _text(verdacht):
        raise _fehler(
            "verdacht",
            "§ 28 Abs. 2 JVG (R-28-1): Ohne Verdacht keine Leibesvisitation – angeben, welche unerlaubten "
            "Gegenstände die Person auf sich tragen oder in Körperöffnungen verbergen soll.",
            "verdacht_fehlt",
        )
    jetzt = timezone.now()
    return speichern(
        Kontrolle(
            fall=fall,
            anstalt_id=platzierung.anstalt_id,
            art=Kontrollart.LEIBESVISITATION,
            status=Kontrollstatus.BEANTRAGT,
            verdacht=_text(verdacht),
            beantragt_am=jetzt,
            beantragt_durch=durch,
            erfasst_am=jetzt,
        ),
        durch=durch,
        grund="Leibesvisitation beantragt (§ 28 Abs. 2 JVG)",
    )


@transaction.atomic
def leibesvisitation_entscheiden(
    *, kontrolle: Kontrolle, anordnen: bool, kommentar: str = "", durch
) -> Kontrolle:
    """Art. 85 Abs. 2 StGB, R-28-1, R-0-4EYES-1: the facility management orders (or refuses) a requested
    body search — never the person who requested it."""
    _sperren(kontrolle)
    if kontrolle.art != Kontrollart.LEIBESVISITATION or kontrolle.status != Kontrollstatus.BEANTRAGT:
        raise _fehler(
            "status",
            f"R-28-1: Diese Kontrolle ist nicht zur Anordnung beantragt (Status «{kontrolle.get_status_display()}»).",
            "nicht_beantragt",
        )
    if kontrolle.beantragt_durch_id == durch.pk:
        raise _fehler(
            "durch",
            "R-0-4EYES-1: Wer die Leibesvisitation beantragt hat, kann sie nicht selbst anordnen (Vier-Augen-Prinzip).",
            "vier_augen",
        )
    berechtigung_pruefen(
        darf_in_anstalt_handeln(
            durch, anstalt_id=kontrolle.anstalt_id, person_id=kontrolle.fall.person_id, nur_leitung=True
        ),
        "Leibesvisitation anordnen (Anstaltsleitung, Art. 85 Abs. 2 StGB)",
    )
    if not anordnen and not _text(kommentar):
        raise _fehler(
            "kommentar", "R-0-4EYES-1: Für die Ablehnung eine Begründung angeben.", "kommentar_fehlt"
        )
    kontrolle.angeordnet_am, kontrolle.angeordnet_durch = timezone.now(), durch
    kontrolle.entscheid_kommentar = _text(kommentar)
    kontrolle.status = Kontrollstatus.ANGEORDNET if anordnen else Kontrollstatus.ABGELEHNT
    grund = "Leibesvisitation angeordnet (Art. 85 Abs. 2 StGB)" if anordnen else "Leibesvisitation abgelehnt"
    return speichern(kontrolle, durch=durch, grund=grund)


@transaction.atomic
def leibesvisitation_durchfuehren(
    *,
    kontrolle: Kontrolle,
    zeitpunkt: datetime,
    gleiches_geschlecht: bool,
    ergebnis: str,
    ort: str = "",
    ergebnis_text: str = "",
    fundgegenstaende: str = "",
    beteiligte: str = "",
    durch,
) -> Kontrolle:
    """§ 28 Abs. 2 JVG, Art. 85 Abs. 2 StGB (R-28-1): log the body search as carried out — only an
    ordered one, by a person of the same sex, not before the order."""
    _sperren(kontrolle)
    berechtigung_pruefen(
        darf_in_anstalt_handeln(durch, anstalt_id=kontrolle.anstalt_id, person_id=kontrolle.fall.person_id),
        "Leibesvisitation durchführen",
    )
    if kontrolle.art != Kontrollart.LEIBESVISITATION or kontrolle.status != Kontrollstatus.ANGEORDNET:
        raise _fehler(
            "status",
            "§ 28 Abs. 2 JVG (R-28-1): Durchgeführt wird nur eine von der Anstaltsleitung angeordnete "
            f"Leibesvisitation (Status «{kontrolle.get_status_display()}»).",
            "nicht_angeordnet",
        )
    _zeitpunkt_pruefen("zeitpunkt", zeitpunkt, timezone.now(), "Der Zeitpunkt", "§ 28 Abs. 2 JVG (R-28-1)")
    if zeitpunkt < kontrolle.angeordnet_am.replace(second=0, microsecond=0):
        raise _fehler(
            "zeitpunkt",
            f"§ 28 Abs. 2 JVG (R-28-1): Die Leibesvisitation kann nicht vor ihrer Anordnung ({_zeit(kontrolle.angeordnet_am)}) liegen.",
            "vor_anordnung",
        )
    if not gleiches_geschlecht:
        raise _fehler(
            "gleiches_geschlecht",
            "Art. 85 Abs. 2 StGB (R-28-1): Die Leibesvisitation ist von einer Person gleichen Geschlechts vorzunehmen.",
            "geschlecht",
        )
    _ergebnis_pruefen(kontrolle.art, ergebnis, ergebnis_text, fundgegenstaende)
    kontrolle.zeitpunkt, kontrolle.ort, kontrolle.durchgefuehrt_durch = zeitpunkt, _text(ort), durch
    kontrolle.gleiches_geschlecht, kontrolle.beteiligte = True, _text(beteiligte)
    kontrolle.ergebnis, kontrolle.ergebnis_text = ergebnis, _text(ergebnis_text)
    kontrolle.fundgegenstaende = _text(fundgegenstaende)
    kontrolle.status = Kontrollstatus.DURCHGEFUEHRT
    return speichern(kontrolle, durch=durch, grund="Leibesvisitation durchgeführt (§ 28 Abs. 2 JVG)")
