"""A § 14 request (R-14-1 … R-14-4): recorded, completed with a certificate, withdrawn. Every write goes
through one function here; only the Vollzugsbehörde (sachbearbeitung) writes (roles table).
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from aufschub.models import Aufschubgesuch
from aufschub.permissions import darf_gesuch_bearbeiten
from aufschub.queries import bewilligte
from aufschub.recht import (
    ART_KURZ,
    AUFSCHIEBBARE_SANKTIONEN,
    Gesuchsart,
    Gesuchsgrund,
    Gesuchsstatus,
    arztzeugnis_aktuell,
    arztzeugnis_max_alter_tage,
    kontingent_aus,
    tage,
)
from kern.audit import speichern
from kern.dateien import datei_sha256
from kern.rollen import berechtigung_pruefen
from vollzug.models import Sanktion, Vollzugsfall
from vollzug.recht import Fallstatus

# --- Request: checks ---------------------------------------------------------------------------


def _fehler(feld: str, meldung: str, code: str) -> ValidationError:
    return ValidationError({feld: ValidationError(meldung, code=code)})


def _datum(tag: date) -> str:
    return f"{tag:%d.%m.%Y}"


def _kontingent_pruefen(sanktion, art: str, von: date, bis: date, *, feld: str, ausser=None) -> None:
    perioden = list(bewilligte(sanktion, art, ausser).values_list("bewilligt_von", "bewilligt_bis"))
    for a, b in perioden:
        if von <= b and a <= bis:
            raise _fehler(
                feld,
                f"§ 14 Abs. 1 JVG (R-14-2): Der Zeitraum überschneidet sich mit einem bereits bewilligten "
                f"Zeitraum ({ART_KURZ[art]}) vom {_datum(a)} bis {_datum(b)}.",
                "ueberschneidung",
            )
    k = kontingent_aus(perioden, von)
    begehrt = tage(von, bis)
    if begehrt > k.rest_tage:
        raise _fehler(
            feld,
            f"§ 14 Abs. 1 JVG (R-14-2): {ART_KURZ[art]} höchstens ein Jahr – bereits bewilligt "
            f"{k.genutzt_tage} Tage, verbleibend {k.rest_tage} Tage (begehrt {begehrt} Tage).",
            "hoechstens_ein_jahr",
        )


def _arztzeugnis_pruefen(datei, ausgestellt_am: date | None, eingereicht_am: date) -> None:
    if not datei:
        if ausgestellt_am is not None:
            raise _fehler(
                "arztzeugnis",
                "§ 14 Abs. 3 JVG (R-14-4): Zum Ausstellungsdatum das Arztzeugnis beilegen.",
                "arztzeugnis_fehlt",
            )
        return
    if ausgestellt_am is None:
        raise _fehler(
            "arztzeugnis_ausgestellt_am",
            "§ 14 Abs. 3 JVG (R-14-4): Das Ausstellungsdatum des Arztzeugnisses angeben.",
            "ausgestellt_fehlt",
        )
    if ausgestellt_am > timezone.localdate():
        raise _fehler(
            "arztzeugnis_ausgestellt_am",
            "§ 14 Abs. 3 JVG (R-14-4): Das Ausstellungsdatum des Arztzeugnisses liegt in der Zukunft.",
            "ausgestellt_zukunft",
        )
    if not arztzeugnis_aktuell(ausgestellt_am, eingereicht_am):
        alter = (eingereicht_am - ausgestellt_am).days
        raise _fehler(
            "arztzeugnis_ausgestellt_am",
            f"§ 14 Abs. 3 JVG (R-14-4): Das Arztzeugnis ist nicht aktuell – ausgestellt am "
            f"{_datum(ausgestellt_am)}, {alter} Tage vor dem Gesuch vom {_datum(eingereicht_am)} "
            f"(höchstens {arztzeugnis_max_alter_tage()} Tage).",
            "arztzeugnis_veraltet",
        )


# --- Request ------------------------------------------------------------------------------------


@transaction.atomic
def gesuch_erfassen(
    *,
    fall: Vollzugsfall,
    sanktion: Sanktion,
    art: str,
    grund: str,
    eingereicht_am: date,
    begehrt_von: date,
    begehrt_bis: date,
    begruendung: str,
    arztzeugnis: UploadedFile | None = None,
    arztzeugnis_ausgestellt_am: date | None = None,
    durch,
) -> Aufschubgesuch:
    """R-14-1 … R-14-4: record the person's request to defer or interrupt one sanction.

    Steps: permission; lock the case and the sanction; R-14-1 kind fits the case's state (Aufschub
    before the start, Unterbrechung during execution), the sanction is a custodial one of this case,
    the period is ordered and the request not dated in the future; R-14-3 ground a or b; R-14-4 an
    attached certificate is dated and current (it may also follow later); R-14-2 the request fits the
    remaining year; save with the file's SHA-256 and history.
    """
    berechtigung_pruefen(darf_gesuch_bearbeiten(durch), "Gesuch nach § 14 erfassen")
    fall = Vollzugsfall.objects.select_for_update().get(pk=fall.pk)
    if art not in Gesuchsart.values:
        raise _fehler("art", "§ 14 Abs. 1 JVG (R-14-1): Aufschub oder Unterbrechung wählen.", "art")
    if art == Gesuchsart.AUFSCHUB and fall.status != Fallstatus.EINGANG:
        raise _fehler(
            "art",
            "§ 14 Abs. 1 JVG (R-14-1): Ein Aufschub ist nur vor dem Vollzugsbeginn möglich – der Vollzug "
            f"hat bereits begonnen (Status «{fall.get_status_display()}»). Während des Vollzugs ist eine "
            "Unterbrechung zu beantragen.",
            "aufschub_nach_beginn",
        )
    if art == Gesuchsart.UNTERBRECHUNG and fall.status != Fallstatus.IM_VOLLZUG:
        raise _fehler(
            "art",
            "§ 14 Abs. 1 JVG (R-14-1): Eine Unterbrechung ist nur während des Vollzugs möglich "
            f"(Status «{fall.get_status_display()}»).",
            "unterbrechung_nicht_im_vollzug",
        )
    sanktion = (
        Sanktion.objects.select_for_update()
        .filter(pk=getattr(sanktion, "pk", sanktion), entscheid__fall=fall)
        .first()
    )
    if sanktion is None:
        raise _fehler("sanktion", "Die Sanktion gehört nicht zu diesem Fall.", "sanktion_fremd")
    if sanktion.art not in AUFSCHIEBBARE_SANKTIONEN:
        raise _fehler(
            "sanktion",
            "§ 14 Abs. 1 JVG (R-14-1): Aufschub und Unterbrechung gibt es für freiheitsentziehende Sanktionen "
            f"(Freiheitsstrafe, stationäre Massnahme, Verwahrung) – nicht für «{sanktion.get_art_display()}».",
            "sanktion_nicht_aufschiebbar",
        )
    if grund not in Gesuchsgrund.values:
        raise _fehler(
            "grund",
            "§ 14 Abs. 2 JVG (R-14-3): Das Gesuch nennt einen wichtigen Grund – lit. a "
            "(Hafterstehungsunfähigkeit) oder lit. b (ausserordentliche Vorkommnisse und Pflichten).",
            "grund_fehlt",
        )
    if eingereicht_am > timezone.localdate():
        raise _fehler(
            "eingereicht_am",
            "R-0-BAD-1: Das Gesuch kann nicht in der Zukunft eingereicht worden sein.",
            "eingereicht_zukunft",
        )
    if begehrt_bis < begehrt_von:
        raise _fehler(
            "begehrt_bis",
            "§ 14 Abs. 1 JVG (R-14-1): Das Ende des begehrten Zeitraums liegt vor dessen Beginn.",
            "zeitraum",
        )
    if not begruendung.strip():
        raise _fehler(
            "begruendung", "§ 14 Abs. 2 JVG (R-14-3): Das Gesuch ist zu begründen.", "begruendung_fehlt"
        )
    _arztzeugnis_pruefen(arztzeugnis, arztzeugnis_ausgestellt_am, eingereicht_am)
    _kontingent_pruefen(sanktion, art, begehrt_von, begehrt_bis, feld="begehrt_bis")
    gesuch = Aufschubgesuch(
        fall=fall,
        sanktion=sanktion,
        art=art,
        grund=grund,
        eingereicht_am=eingereicht_am,
        begehrt_von=begehrt_von,
        begehrt_bis=begehrt_bis,
        begruendung=begruendung.strip(),
        erfasst_durch=durch,
    )
    if arztzeugnis:
        gesuch.arztzeugnis_sha256 = datei_sha256(arztzeugnis)
        gesuch.arztzeugnis = arztzeugnis
        gesuch.arztzeugnis_ausgestellt_am = arztzeugnis_ausgestellt_am
    return speichern(gesuch, durch=durch, grund=f"Gesuch um {ART_KURZ[art]} erfasst (§ 14 JVG)")


def _sperren(gesuch: Aufschubgesuch) -> Aufschubgesuch:
    # Every step re-reads the request under a lock: two case workers at once → the second sees the first's result.
    return (
        Aufschubgesuch.objects.select_for_update(of=("self",))
        .select_related("fall__person", "sanktion__entscheid")
        .get(pk=gesuch.pk)
    )


@transaction.atomic
def arztzeugnis_nachreichen(
    *, gesuch: Aufschubgesuch, datei: UploadedFile, ausgestellt_am: date | None, durch
) -> Aufschubgesuch:
    """R-14-4 (§ 14 Abs. 3): attach (or replace) the certificate of an undecided request. The same
    currency rule as at filing: issued at most N days before the request's date."""
    berechtigung_pruefen(darf_gesuch_bearbeiten(durch), "Arztzeugnis nachreichen")
    gesuch = _sperren(gesuch)
    if gesuch.status != Gesuchsstatus.EINGEREICHT:
        raise _fehler(
            "arztzeugnis",
            f"Das Gesuch ist bereits «{gesuch.get_status_display()}» – ein Arztzeugnis kann nur zu einem "
            "offenen Gesuch nachgereicht werden.",
            "nicht_offen",
        )
    if not datei:
        raise _fehler(
            "arztzeugnis", "§ 14 Abs. 3 JVG (R-14-4): Das Arztzeugnis beilegen.", "arztzeugnis_fehlt"
        )
    _arztzeugnis_pruefen(datei, ausgestellt_am, gesuch.eingereicht_am)
    gesuch.arztzeugnis_sha256 = datei_sha256(datei)
    gesuch.arztzeugnis = datei
    gesuch.arztzeugnis_ausgestellt_am = ausgestellt_am
    return speichern(gesuch, durch=durch, grund="Arztzeugnis nachgereicht (§ 14 Abs. 3 JVG)")


@transaction.atomic
def gesuch_zurueckziehen(*, gesuch: Aufschubgesuch, durch) -> Aufschubgesuch:
    """The person withdraws an undecided request (it then needs no decision)."""
    berechtigung_pruefen(darf_gesuch_bearbeiten(durch), "Gesuch zurückziehen")
    gesuch = _sperren(gesuch)
    if gesuch.status != Gesuchsstatus.EINGEREICHT:
        raise _fehler(
            "status",
            f"Nur ein offenes Gesuch kann zurückgezogen werden (Status «{gesuch.get_status_display()}»).",
            "nicht_offen",
        )
    gesuch.status = Gesuchsstatus.ZURUECKGEZOGEN
    return speichern(gesuch, durch=durch, grund="Gesuch zurückgezogen")
