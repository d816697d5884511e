"""The interruption as it happens (§ 14, R-14-1): started, ended (which moves the expected end), and its days."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from aufschub.domain.gesuch import _datum, _fehler, _sperren
from aufschub.models import Aufschubgesuch
from aufschub.permissions import darf_gesuch_bearbeiten
from aufschub.queries import verfuegung_von
from aufschub.recht import Gesuchsart, Gesuchsstatus
from kern import erweiterungen
from kern.audit import speichern
from kern.fristen import lokales_datum
from kern.rollen import berechtigung_pruefen
from verfuegungen.models import EROEFFNETE_STATUS
from vollzug.domain import person_nicht_anderswo_platziert, voraussichtliches_ende_berechnen
from vollzug.domain.platzierungen import _zeitpunkt_pruefen
from vollzug.models import Anstalt, Platzierung, Vollzugsfall
from vollzug.recht import Fallstatus, Platzierungsart

# --- Interruption as it happens -----------------------------------------------------------------


@transaction.atomic
def unterbrechung_antreten(*, gesuch: Aufschubgesuch, am: datetime, durch) -> Aufschubgesuch:
    """The person leaves for a granted interruption.

    Steps: permission; lock the request and the case; granted interruption, not yet started, whose
    Verfügung has been notified (eröffnet or later, not lifted); case im Vollzug; `am` aware, not in
    the future, on a granted day and not before the current placement; close the placement at `am`
    (its facility is where the person returns by default); case → unterbrochen.
    """
    berechtigung_pruefen(darf_gesuch_bearbeiten(durch), "Unterbrechung erfassen")
    gesuch = _sperren(gesuch)
    fall = Vollzugsfall.objects.select_for_update().get(pk=gesuch.fall_id)
    if gesuch.art != Gesuchsart.UNTERBRECHUNG or gesuch.status != Gesuchsstatus.BEWILLIGT:
        raise _fehler(
            "unterbrechung_ab",
            "§ 14 JVG (R-14-1): Antreten kann man nur eine bewilligte Unterbrechung.",
            "nicht_bewilligt",
        )
    if gesuch.unterbrechung_ab is not None:
        raise _fehler("unterbrechung_ab", "Die Unterbrechung ist bereits angetreten.", "bereits_angetreten")
    if gesuch.bewilligung_beendet_am is not None:
        raise _fehler(
            "unterbrechung_ab",
            "§ 14 JVG (R-14-6): Die Bewilligung ist beendet (Verfügung aufgehoben oder Beschwerde gutgeheissen).",
            "bewilligung_beendet",
        )
    v = verfuegung_von(gesuch)
    if v is None or v.status not in EROEFFNETE_STATUS:
        raise _fehler(
            "unterbrechung_ab",
            "§ 14 JVG (R-14-6): Die Unterbrechung beginnt erst, wenn ihre Verfügung eröffnet ist"
            + (f" (Verfügung {v.nummer}: «{v.get_status_display()}»)." if v else "."),
            "nicht_eroeffnet",
        )
    _zeitpunkt_pruefen(am, "unterbrechung_ab")
    if fall.status != Fallstatus.IM_VOLLZUG:
        raise _fehler(
            "unterbrechung_ab",
            f"§ 14 JVG (R-14-1): Der Fall ist nicht im Vollzug (Status «{fall.get_status_display()}»).",
            "nicht_im_vollzug",
        )
    tag = lokales_datum(am)
    if not (gesuch.bewilligt_von <= tag <= gesuch.bewilligt_bis):
        raise _fehler(
            "unterbrechung_ab",
            f"§ 14 JVG (R-14-1): Die Unterbrechung ist vom {_datum(gesuch.bewilligt_von)} bis "
            f"{_datum(gesuch.bewilligt_bis)} bewilligt.",
            "ausserhalb_bewilligung",
        )
    aktuell = fall.platzierungen.filter(bis__isnull=True).first()
    if aktuell is None:
        raise _fehler("unterbrechung_ab", "Die Person ist derzeit nicht platziert.", "keine_platzierung")
    if am < aktuell.von:
        raise _fehler(
            "unterbrechung_ab",
            "Die Unterbrechung kann nicht vor dem Beginn der aktuellen Platzierung "
            f"({timezone.localtime(aktuell.von):%d.%m.%Y %H:%M}) liegen.",
            "vor_platzierung",
        )
    aktuell.bis = am
    speichern(aktuell, durch=durch, grund="Platzierung beendet (Unterbrechung § 14 JVG)")
    for folge in erweiterungen.NACH_AUSTRITT:  # e.g. § 31: a facility's measures end with the stay
        folge(aktuell, durch, "Unterbrechung (§ 14 JVG)")
    gesuch.unterbrechung_ab = am
    speichern(gesuch, durch=durch, grund="Unterbrechung angetreten (§ 14 JVG)")
    fall.status = Fallstatus.UNTERBROCHEN
    speichern(fall, durch=durch, grund="Vollzug unterbrochen (§ 14 JVG)")
    return gesuch


@transaction.atomic
def unterbrechung_beenden(
    *, gesuch: Aufschubgesuch, am: datetime, anstalt: Anstalt | None = None, durch
) -> Platzierung:
    """The person returns after the interruption (Wiedereintritt).

    Steps: permission; lock the request, the case and the person; interruption under way; `am` aware,
    not in the future, not before the departure; facility = the one left (default) and active; the
    person is not placed in another case; open a WIEDEREINTRITT placement; case → im Vollzug; the
    expected end moves by the interrupted days (`voraussichtliches_ende_berechnen`).
    """
    berechtigung_pruefen(darf_gesuch_bearbeiten(durch), "Wiedereintritt erfassen")
    gesuch = _sperren(gesuch)
    fall = Vollzugsfall.objects.select_for_update().get(pk=gesuch.fall_id)
    if gesuch.unterbrechung_ab is None or gesuch.unterbrechung_beendet_am is not None:
        raise _fehler(
            "unterbrechung_beendet_am", "Zu diesem Gesuch läuft keine Unterbrechung.", "keine_unterbrechung"
        )
    if fall.status != Fallstatus.UNTERBROCHEN:
        raise _fehler(
            "unterbrechung_beendet_am",
            f"Der Fall ist nicht unterbrochen (Status «{fall.get_status_display()}»).",
            "nicht_unterbrochen",
        )
    _zeitpunkt_pruefen(am, "unterbrechung_beendet_am")
    if am < gesuch.unterbrechung_ab:
        raise _fehler(
            "unterbrechung_beendet_am",
            "Der Wiedereintritt kann nicht vor dem Antritt der Unterbrechung "
            f"({timezone.localtime(gesuch.unterbrechung_ab):%d.%m.%Y %H:%M}) liegen.",
            "vor_antritt",
        )
    vorher = fall.platzierungen.select_related("anstalt").order_by("-von", "-pk").first()
    if anstalt is None:
        anstalt = vorher.anstalt
    if not anstalt.aktiv:
        raise _fehler("anstalt", "§ 17 JVG (R-17-1): Die Einrichtung ist nicht aktiv.", "inaktiv")
    # As at Einweisung: one place at a time per person, whatever the number of cases (R-17-1).
    person_nicht_anderswo_platziert(fall)
    platzierung = speichern(
        Platzierung(
            fall=fall,
            anstalt=anstalt,
            abteilung=vorher.abteilung if anstalt.pk == vorher.anstalt_id else "",
            art=Platzierungsart.WIEDEREINTRITT,
            von=am,
            angeordnet_durch=durch,
        ),
        durch=durch,
        grund="Wiedereintritt nach Unterbrechung (§ 14 JVG)",
    )
    gesuch.unterbrechung_beendet_am = am
    speichern(gesuch, durch=durch, grund="Unterbrechung beendet (§ 14 JVG)")
    fall.status = Fallstatus.IM_VOLLZUG
    # The interrupted days are added to the expected end (the sentence is not served meanwhile).
    fall.voraussichtliches_ende = voraussichtliches_ende_berechnen(fall)
    speichern(fall, durch=durch, grund="Vollzug nach Unterbrechung fortgesetzt (§ 14 JVG)")
    return platzierung


def unterbrechungstage(fall) -> int:
    """R-14-1: the days of the case's ended interruptions, by which its expected end moves (registered
    with kern.erweiterungen.unterbrechungstage, read by `vollzug.domain.voraussichtliches_ende_berechnen`)."""
    return sum(
        (lokales_datum(bis) - lokales_datum(ab)).days
        for ab, bis in fall.aufschubgesuche.filter(unterbrechung_beendet_am__isnull=False).values_list(
            "unterbrechung_ab", "unterbrechung_beendet_am"
        )
    )
