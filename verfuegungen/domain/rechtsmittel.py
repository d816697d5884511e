"""Appeal (R-0-VFG-4, -5, -6; §§ 43, 44 JVG): Beschwerde, suspensive effect, appeal decision, further appeal."""

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from kern import erweiterungen, fristen
from kern.audit import speichern
from kern.rollen import berechtigung_pruefen
from verfuegungen import recht
from verfuegungen.domain import aufhebung
from verfuegungen.domain.gehoer import _zeitpunkt
from verfuegungen.domain.lebenszyklus import _fehler, _sperren, _uebergang_pruefen, verfuegung_uebergang
from verfuegungen.models import Beschwerde, Verfuegung
from verfuegungen.permissions import darf_entscheiden, darf_rechtsmittel_erfassen
from verfuegungen.recht import (
    BESTAETIGT,
    Beschwerdeergebnis,
    Verfuegungsstatus,
)

S = Verfuegungsstatus

# --- Appeal (R-0-VFG-4, -5, -6) ----------------------------------------------------------------


@transaction.atomic
def beschwerde_erfassen(
    *, verfuegung: Verfuegung, eingegangen_am: date, durch, instanz: str = ""
) -> Beschwerde:
    """R-0-VFG-5: record an appeal (→ angefochten). A late one is recorded too, flagged `verspaetet`:
    the appeal instance decides whether to enter into it."""
    v = _sperren(verfuegung)
    berechtigung_pruefen(darf_rechtsmittel_erfassen(durch, v), "Beschwerde erfassen")
    _uebergang_pruefen(v.status, S.ANGEFOCHTEN)
    if not isinstance(eingegangen_am, date) or isinstance(eingegangen_am, datetime):
        raise _fehler("eingegangen_am", "Ungültiges Datum.", "datum")
    if eingegangen_am > timezone.localdate():
        raise _fehler("eingegangen_am", "Der Eingang kann nicht in der Zukunft liegen.", "zukunft")
    fruehestens = fristen.lokales_datum(v.muendlich_eroeffnet_am or v.eroeffnet_am)
    if eingegangen_am < fruehestens:
        raise _fehler(
            "eingegangen_am",
            f"Die Beschwerde kann nicht vor der Eröffnung ({fruehestens:%d.%m.%Y}) eingereicht worden sein.",
            "vor_eroeffnung",
        )
    verspaetet = eingegangen_am > v.rechtsmittelfrist_ende
    b = speichern(
        Beschwerde(
            verfuegung=v,
            eingegangen_am=eingegangen_am,
            instanz=instanz.strip() or v.rechtsfolge.instanz,
            verspaetet=verspaetet,
            erfasst_durch=durch,
            erfasst_am=timezone.now(),
        ),
        durch=durch,
        grund="Beschwerde erfasst" + (" (nach Fristablauf)" if verspaetet else ""),
    )
    verfuegung_uebergang(
        verfuegung=v,
        nach=S.ANGEFOCHTEN,
        durch=durch,
        grund=f"Beschwerde vom {eingegangen_am:%d.%m.%Y}" + (" – nach Fristablauf" if verspaetet else ""),
        rechtskraeftig_am=None,
    )
    # The type's registered consequences (kern.erweiterungen.nach_beschwerde), same transaction.
    for folge in erweiterungen.beschwerde_folgen(v.typ):
        folge(b, durch)
    return b


@transaction.atomic
def aufschiebende_wirkung_erteilen(
    *, verfuegung: Verfuegung, durch, instanz: str = "", am: datetime | None = None
) -> Verfuegung:
    """§ 44 (R-0-VFG-4): record that the appeal instance granted suspensive effect."""
    v = _sperren(verfuegung)
    berechtigung_pruefen(darf_rechtsmittel_erfassen(durch, v), "Aufschiebende Wirkung erfassen")
    if v.status != S.ANGEFOCHTEN:
        raise _fehler(
            "status",
            "§ 44 JVG (R-0-VFG-4): Aufschiebende Wirkung erteilt die Beschwerdeinstanz während der Beschwerde.",
            "keine_beschwerde",
        )
    if v.aufschiebende_wirkung or v.aufschiebende_wirkung_erteilt_am is not None:
        raise _fehler(
            "status",
            "§ 44 JVG (R-0-VFG-4): Die Beschwerde hat bereits aufschiebende Wirkung.",
            "schon_erteilt",
        )
    v.aufschiebende_wirkung_erteilt_am = _zeitpunkt(am, "am", timezone.now())
    v.aufschiebende_wirkung_erteilt_durch_instanz = instanz.strip() or v.beschwerde.instanz
    return speichern(
        v, durch=durch, grund="Aufschiebende Wirkung durch die Beschwerdeinstanz erteilt (§ 44 JVG)"
    )


@transaction.atomic
def aufschiebende_wirkung_entziehen(*, verfuegung: Verfuegung, begruendung: str, durch) -> Verfuegung:
    """R-0-VFG-4: the deciding authority withdraws suspensive effect (recorded with reason and time)."""
    v = _sperren(verfuegung)
    berechtigung_pruefen(darf_entscheiden(durch, v), "Aufschiebende Wirkung entziehen")
    if not v.aufschiebende_wirkung or v.aufschiebende_wirkung_entzogen_am is not None:
        raise _fehler(
            "begruendung", "R-0-VFG-4: Hier gibt es keine aufschiebende Wirkung zu entziehen.", "keine_aw"
        )
    if v.status not in (S.ENTWURF, S.ZUR_GENEHMIGUNG, S.GENEHMIGT, S.EROEFFNET, S.ANGEFOCHTEN):
        raise _fehler("begruendung", "R-0-VFG-4: In diesem Status ist kein Entzug mehr möglich.", "status")
    if not begruendung.strip():
        raise _fehler(
            "begruendung", "R-0-VFG-4: Der Entzug der aufschiebenden Wirkung ist zu begründen.", "leer"
        )
    v.aufschiebende_wirkung_entzogen_am = timezone.now()
    v.aufschiebende_wirkung_entzug_begruendung = begruendung.strip()
    return speichern(v, durch=durch, grund="Aufschiebende Wirkung entzogen")


@transaction.atomic
def beschwerdeentscheid_erfassen(
    *,
    verfuegung: Verfuegung,
    ergebnis: str,
    am: date,
    durch,
    mutwillig: bool = False,
    zugestellt_am: date | None = None,
) -> Beschwerde:
    """R-0-VFG-5/-6: record the outcome. § 45: disciplinary appeals cost nothing unless abusive.
    A rejected appeal (or Nichteintreten) leaves the decision standing: its Rechtskraft then waits for
    the further appeal deadline (§ 43 Abs. 2), counted from the day the appeal decision was served."""
    v = _sperren(verfuegung)
    berechtigung_pruefen(darf_rechtsmittel_erfassen(durch, v), "Beschwerdeentscheid erfassen")
    _uebergang_pruefen(v.status, S.BESCHWERDEENTSCHEID)
    b = Beschwerde.objects.select_for_update().filter(verfuegung=v).first()
    if b is None:
        raise _fehler(
            "ergebnis", "R-0-VFG-5: Zu dieser Verfügung ist keine Beschwerde erfasst.", "keine_beschwerde"
        )
    if ergebnis not in Beschwerdeergebnis.values:
        raise _fehler("ergebnis", "Unbekanntes Ergebnis der Beschwerde.", "ergebnis")
    if not isinstance(am, date) or isinstance(am, datetime):
        raise _fehler("am", "Ungültiges Datum.", "datum")
    if am > timezone.localdate():
        raise _fehler("am", "Der Beschwerdeentscheid kann nicht in der Zukunft liegen.", "zukunft")
    if am < b.eingegangen_am:
        raise _fehler("am", "Der Beschwerdeentscheid kann nicht vor der Beschwerde liegen.", "vor_beschwerde")
    zugestellt_am = zugestellt_am or am
    if not isinstance(zugestellt_am, date) or isinstance(zugestellt_am, datetime):
        raise _fehler("zugestellt_am", "Ungültiges Datum.", "datum")
    if zugestellt_am < am or zugestellt_am > timezone.localdate():
        raise _fehler(
            "zugestellt_am",
            "Die Zustellung liegt zwischen dem Entscheiddatum und heute (§ 43 Abs. 2 JVG).",
            "zustellung",
        )
    if mutwillig and ergebnis in (Beschwerdeergebnis.GUTGEHEISSEN, Beschwerdeergebnis.TEILWEISE_GUTGEHEISSEN):
        raise _fehler(
            "mutwillig",
            "§ 45 Abs. 2 JVG (R-0-VFG-6): Eine (teilweise) gutgeheissene Beschwerde ist nicht offensichtlich unbegründet.",
            "mutwillig_gutgeheissen",
        )
    b.ergebnis = ergebnis
    b.entschieden_am = am
    b.mutwillig = mutwillig
    # § 45 Abs. 2: only for disciplinary appeals do we record the cost question; elsewhere the VRG applies.
    b.kosten_auferlegt = mutwillig and v.rechtsfolge.kostenlos_ausser_mutwillig
    if ergebnis in BESTAETIGT:
        b.entscheid_zugestellt_am = zugestellt_am
        b.weiterzug_instanz, tage = recht.weiterzug(b.instanz)
        b.weiterzug_frist_ende = fristen.tagesfrist(zugestellt_am, tage).ende
    speichern(b, durch=durch, grund=f"Beschwerdeentscheid: {Beschwerdeergebnis(ergebnis).label}")
    verfuegung_uebergang(
        verfuegung=v, nach=S.BESCHWERDEENTSCHEID, durch=durch, grund=f"Beschwerdeentscheid vom {am:%d.%m.%Y}"
    )
    # Issue 23: an upheld appeal ends what the decision ordered (every module, same transaction).
    aufhebung.nach_beschwerdeentscheid(v, ergebnis=ergebnis, am=am, instanz=b.instanz, durch=durch)
    return b


def _bestaetigte_beschwerde(v: Verfuegung, feld: str) -> Beschwerde:
    b = Beschwerde.objects.select_for_update().filter(verfuegung=v).first()
    if v.status != S.BESCHWERDEENTSCHEID or b is None or b.ergebnis not in BESTAETIGT:
        raise _fehler(
            feld,
            "§ 43 Abs. 2 JVG (R-0-VFG-5): Nur nach einer abgewiesenen Beschwerde (oder Nichteintreten).",
            "keine_abweisung",
        )
    return b


@transaction.atomic
def weiterzug_erfassen(*, verfuegung: Verfuegung, eingegangen_am: date, durch) -> Beschwerde:
    """§ 43 Abs. 2 (R-0-VFG-5): the appeal decision was taken further; Rechtskraft now waits for that
    court. A late further appeal is recorded as such; the court decides on it."""
    v = _sperren(verfuegung)
    berechtigung_pruefen(darf_rechtsmittel_erfassen(durch, v), "Weiterzug erfassen")
    b = _bestaetigte_beschwerde(v, "eingegangen_am")
    if b.weitergezogen_am is not None:
        raise _fehler("eingegangen_am", "Der Weiterzug ist bereits erfasst.", "schon_erfasst")
    if not isinstance(eingegangen_am, date) or isinstance(eingegangen_am, datetime):
        raise _fehler("eingegangen_am", "Ungültiges Datum.", "datum")
    if eingegangen_am > timezone.localdate():
        raise _fehler("eingegangen_am", "Der Eingang kann nicht in der Zukunft liegen.", "zukunft")
    if eingegangen_am < b.entscheid_zugestellt_am:
        raise _fehler(
            "eingegangen_am",
            "Der Weiterzug kann nicht vor der Zustellung des Beschwerdeentscheids liegen.",
            "vor_zustellung",
        )
    b.weitergezogen_am = eingegangen_am
    spaet = eingegangen_am > b.weiterzug_frist_ende
    return speichern(
        b, durch=durch, grund=f"Weiterzug an {b.weiterzug_instanz}" + (" (nach Fristablauf)" if spaet else "")
    )
