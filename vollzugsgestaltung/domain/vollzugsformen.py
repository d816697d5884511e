"""Besondere Vollzugsformen (§ 16 JVG; Art. 77b, 79a, 79b StGB): examination, Vollzugsbefehl, hours.

§ 16 Abs. 1 JVG: "Ist für den Vollzug einer Freiheitsstrafe oder Ersatzfreiheitsstrafe eine besondere
Vollzugsform zulässig, klärt die zuständige Behörde die Voraussetzungen ab und erlässt einen
Vollzugsbefehl." The limits of the StGB are checked here against the duration to be executed (days,
convention in `recht`), the one place UI, API and demo use.
"""

from datetime import date

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from kern.audit import speichern
from kern.fristen import monatsfrist
from kern.rollen import berechtigung_pruefen
from verfuegungen.domain import Entwurfsdaten, verfuegung_entwerfen
from verfuegungen.models import Verfuegung
from verfuegungen.recht import Verfuegungstyp
from vollzug.models import Sanktion, Vollzugsfall
from vollzug.recht import Sanktionsart
from vollzugsgestaltung import permissions, recht
from vollzugsgestaltung.domain._basis import datum_pruefen, fehler, sperren, text_pflicht
from vollzugsgestaltung.models import Arbeitseinsatz, BesondereVollzugsform

F = recht.Vollzugsform16
S = recht.Formstatus
# § 16 JVG: for a Freiheitsstrafe or Ersatzfreiheitsstrafe (gemeinnützige Arbeit also for a Geldstrafe,
# which this system does not execute).
ZULAESSIGE_SANKTIONEN = frozenset({Sanktionsart.FREIHEITSSTRAFE, Sanktionsart.ERSATZFREIHEITSSTRAFE})


def _tage(n: int) -> str:
    return "1 Tag" if n == 1 else f"{n} Tage"


def voraussetzung_verletzt(form: str, tage: int) -> str | None:
    """R-16-1 / R-STGB-79A-1: the German message naming the article when `tage` rules `form` out."""
    if form == F.HALBGEFANGENSCHAFT and tage > recht.HALBGEFANGENSCHAFT_MAX_TAGE:
        return (
            "Art. 77b Abs. 1 StGB: Halbgefangenschaft nur für Freiheitsstrafen von höchstens zwölf Monaten."
        )
    if form == F.ELECTRONIC_MONITORING and not recht.EM_MIN_TAGE <= tage <= recht.EM_MAX_TAGE:
        return "Art. 79b Abs. 1 lit. a StGB: Electronic Monitoring nur für Freiheitsstrafen von 20 Tagen bis zwölf Monaten."
    if form == F.GEMEINNUETZIGE_ARBEIT and tage > recht.GA_MAX_TAGE:
        return "Art. 79a Abs. 1 lit. a StGB: Gemeinnützige Arbeit nur für Freiheitsstrafen von höchstens sechs Monaten."
    return None


def stunden_fuer(tage: int) -> int:
    """R-STGB-79A-1: four hours count as one day (Art. 79a Abs. 4 StGB)."""
    return tage * recht.GA_STUNDEN_PRO_TAG


@transaction.atomic
def vollzugsform_beantragen(
    *, fall: Vollzugsfall, sanktion: Sanktion, form: str, strafdauer_tage: int, gesuch_am: date, durch
) -> BesondereVollzugsform:
    """Record a request for a special form; the prerequisites of the StGB are checked at once (R-16-1)."""
    berechtigung_pruefen(permissions.darf_vollzugsform_bearbeiten(durch), "Besondere Vollzugsform erfassen")
    if form not in F.values:
        raise fehler("form", "Unbekannte Vollzugsform (§ 16 JVG).", "form")
    if sanktion.entscheid.fall_id != fall.pk:
        raise fehler("sanktion", "Die Sanktion gehört nicht zu diesem Fall.", "sanktion_fall")
    if sanktion.art not in ZULAESSIGE_SANKTIONEN:
        raise fehler(
            "sanktion",
            "§ 16 Abs. 1 JVG: Besondere Vollzugsformen gibt es nur für Freiheits- und Ersatzfreiheitsstrafen.",
            "sanktion_art",
        )
    if (
        not isinstance(strafdauer_tage, int)
        or isinstance(strafdauer_tage, bool)
        or not 0 < strafdauer_tage <= 36500
    ):
        raise fehler("strafdauer_tage", "Die Strafdauer in Tagen angeben (mindestens 1).", "dauer")
    meldung = voraussetzung_verletzt(form, strafdauer_tage)
    if meldung:
        raise fehler("strafdauer_tage", meldung, "voraussetzung")
    datum_pruefen(gesuch_am, "gesuch_am", nicht_nach=timezone.localdate())
    f = BesondereVollzugsform(
        fall=fall,
        sanktion=sanktion,
        form=form,
        strafdauer_tage=strafdauer_tage,
        gesuch_am=gesuch_am,
        stunden_soll=stunden_fuer(strafdauer_tage) if form == F.GEMEINNUETZIGE_ARBEIT else 0,
        erfasst_durch=durch,
    )
    return speichern(f, durch=durch, grund=f"{f.get_form_display()} beantragt (§ 16 JVG)")


@transaction.atomic
def vollzugsbefehl_erlassen(
    *,
    vollzugsform: BesondereVollzugsform,
    abklaerung: str,
    beginn: date,
    durch,
    einsatzbetrieb: str = "",
    frist_monate: int | None = None,
) -> BesondereVollzugsform:
    """R-16-1: the prerequisites examined (recorded), then the Vollzugsbefehl (§ 16 Abs. 1 JVG).

    For gemeinnützige Arbeit: the placement organisation and the deadline (Art. 79a Abs. 5 StGB: at
    most two years; default two years) are fixed here.
    """
    berechtigung_pruefen(permissions.darf_vollzugsform_bearbeiten(durch), "Vollzugsbefehl erlassen")
    f = sperren(BesondereVollzugsform, vollzugsform)
    if f.status != S.ABKLAERUNG:
        raise fehler("status", "Der Vollzugsbefehl ist bereits erlassen oder das Gesuch erledigt.", "status")
    f.abklaerung = text_pflicht(
        abklaerung, "abklaerung", "§ 16 Abs. 1 JVG: Die Abklärung der Voraussetzungen festhalten."
    )
    datum_pruefen(beginn, "beginn")
    f.beginn = beginn
    if f.form == F.GEMEINNUETZIGE_ARBEIT:
        f.einsatzbetrieb = text_pflicht(
            einsatzbetrieb, "einsatzbetrieb", "Art. 79a StGB: Den Einsatzbetrieb angeben.", max_laenge=150
        )
        monate = recht.GA_FRIST_MAX_MONATE if frist_monate is None else frist_monate
        if not isinstance(monate, int) or not 1 <= monate <= recht.GA_FRIST_MAX_MONATE:
            raise fehler(
                "frist_monate",
                "Art. 79a Abs. 5 StGB: Die Frist für die gemeinnützige Arbeit beträgt höchstens zwei Jahre.",
                "frist",
            )
        f.frist_bis = monatsfrist(beginn, monate).ende
    else:
        f.einsatzbetrieb = (einsatzbetrieb or "").strip()[:150]
    f.status, f.vollzugsbefehl_am = S.BEFOHLEN, timezone.now()
    return speichern(f, durch=durch, grund="Vollzugsbefehl erlassen (§ 16 JVG)")


@transaction.atomic
def vollzugsform_ablehnen(
    *, vollzugsform: BesondereVollzugsform, abklaerung: str, durch
) -> BesondereVollzugsform:
    berechtigung_pruefen(permissions.darf_vollzugsform_bearbeiten(durch), "Besondere Vollzugsform ablehnen")
    f = sperren(BesondereVollzugsform, vollzugsform)
    if f.status != S.ABKLAERUNG:
        raise fehler("status", "Das Gesuch ist bereits erledigt.", "status")
    f.abklaerung = text_pflicht(
        abklaerung, "abklaerung", "§ 16 Abs. 1 JVG: Die fehlenden Voraussetzungen festhalten."
    )
    f.status = S.ABGELEHNT
    return speichern(f, durch=durch, grund="Besondere Vollzugsform abgelehnt")


def geleistete_stunden(f: BesondereVollzugsform) -> int:
    return f.einsaetze.aggregate(s=Sum("stunden"))["s"] or 0


@transaction.atomic
def arbeitsstunden_erfassen(
    *, vollzugsform: BesondereVollzugsform, datum: date, stunden: int, gemeldet_von: str, durch
) -> Arbeitseinsatz:
    """R-STGB-79A-1: hours as reported by the placement organisation; when all are done, the form is fulfilled."""
    berechtigung_pruefen(permissions.darf_vollzugsform_bearbeiten(durch), "Arbeitsstunden erfassen")
    f = sperren(BesondereVollzugsform, vollzugsform)
    if f.form != F.GEMEINNUETZIGE_ARBEIT or f.status != S.BEFOHLEN:
        raise fehler("status", "Stunden werden nur für angeordnete gemeinnützige Arbeit erfasst.", "status")
    datum_pruefen(datum, "datum", nicht_nach=timezone.localdate())
    if datum < f.beginn:
        raise fehler("datum", f"Die Arbeit beginnt am {f.beginn:%d.%m.%Y}.", "vor_beginn")
    if (
        not isinstance(stunden, int)
        or isinstance(stunden, bool)
        or not 0 < stunden <= recht.GA_STUNDEN_PRO_EINTRAG_MAX
    ):
        raise fehler("stunden", "Zwischen 1 und 24 Stunden pro Eintrag.", "stunden")
    geleistet = geleistete_stunden(f)
    if geleistet + stunden > f.stunden_soll:
        raise fehler(
            "stunden",
            f"Art. 79a Abs. 4 StGB: Es sind noch {f.stunden_soll - geleistet} von {f.stunden_soll} Stunden zu leisten.",
            "zu_viele",
        )
    e = speichern(
        Arbeitseinsatz(
            vollzugsform=f,
            datum=datum,
            stunden=stunden,
            gemeldet_von=text_pflicht(
                gemeldet_von, "gemeldet_von", "Den meldenden Einsatzbetrieb angeben.", max_laenge=150
            ),
            erfasst_durch=durch,
            erfasst_am=timezone.now(),
        ),
        durch=durch,
        grund=f"{stunden} Stunden gemeinnützige Arbeit",
    )
    if geleistet + stunden == f.stunden_soll:
        f.status = S.ERFUELLT
        speichern(f, durch=durch, grund="Gemeinnützige Arbeit vollständig geleistet")
    return e


def offene_tage(f: BesondereVollzugsform, geleistet: int | None = None) -> int:
    """R-STGB-79A-1: days still to execute; an hour begun of a day counts for nothing (in favour of
    execution: 4 hours = 1 day, so 7 hours done free 1 day, 3 remain open as part of a day)."""
    geleistet = geleistete_stunden(f) if geleistet is None else geleistet
    return f.strafdauer_tage - geleistet // recht.GA_STUNDEN_PRO_TAG


@transaction.atomic
def umwandeln(*, vollzugsform: BesondereVollzugsform, begruendung: str, durch) -> Verfuegung:
    """R-STGB-79A-1 (Art. 79a Abs. 6 StGB): work not done despite warning → the sentence is executed
    for the days not worked off, by Verfügung (type Bundesrecht)."""
    berechtigung_pruefen(permissions.darf_vollzugsform_bearbeiten(durch), "Gemeinnützige Arbeit umwandeln")
    f = sperren(BesondereVollzugsform, vollzugsform)
    if f.form != F.GEMEINNUETZIGE_ARBEIT or f.status != S.BEFOHLEN:
        raise fehler(
            "status",
            "Umgewandelt wird nur angeordnete, nicht vollständig geleistete gemeinnützige Arbeit.",
            "status",
        )
    geleistet = geleistete_stunden(f)
    tage = offene_tage(f, geleistet)
    f.umwandlung_begruendung = text_pflicht(
        begruendung, "begruendung", "Art. 79a Abs. 6 StGB: Mahnung und Gründe der Nichtleistung angeben."
    )
    f.umwandlung_tage, f.status = tage, S.UMGEWANDELT
    # A new conversion after one was lifted (issue 23): the old lifting stays in the history.
    f.umwandlung_aufgehoben_am, f.umwandlung_aufgehoben_grund = None, ""
    v = verfuegung_entwerfen(
        typ=Verfuegungstyp.BUNDESRECHT,
        person=f.fall.person,
        fall=f.fall,
        gegenstand=f,
        daten=Entwurfsdaten(
            titel="Gemeinnützige Arbeit: Vollzug der Freiheitsstrafe",
            rechtsgrundlage="Art. 79a Abs. 6 StGB; § 16 JVG",
            sachverhalt=f"Gemeinnützige Arbeit von {f.stunden_soll} Stunden ({f.strafdauer_tage} Tage), "
            f"Frist bis {f.frist_bis:%d.%m.%Y}; geleistet: {geleistet} Stunden.",
            begruendung=f.umwandlung_begruendung,
            dispositiv=f"Die Freiheitsstrafe wird für {_tage(tage)} im Normalvollzug vollzogen.\n"
            f"Angerechnet: {_tage(geleistet // recht.GA_STUNDEN_PRO_TAG)} (4 Stunden = 1 Tag, Art. 79a Abs. 4 StGB).",
        ),
        durch=durch,
    )
    f.verfuegung = v
    speichern(f, durch=durch, grund=f"Umwandlung in {tage} Tage Freiheitsstrafe (Art. 79a Abs. 6 StGB)")
    return v


def nach_aufhebung(aufhebung) -> None:
    """Issue 23 (registered with `kern.erweiterungen.nach_aufhebung` for type Bundesrecht): the conversion
    of gemeinnützige Arbeit (Art. 79a Abs. 6 StGB) was lifted or set aside on appeal → the conversion ends
    (when and why, history with the actor) and the ordered work runs on (status back to "Vollzugsbefehl
    erlassen": hours may be logged, a new conversion may be decided). The Vollzugsbefehl itself (§ 16
    Abs. 1) is no Verfügung of the lifecycle: nothing registers for it."""
    f = BesondereVollzugsform.objects.select_for_update().filter(verfuegung=aufhebung.verfuegung).first()
    if f is None or f.status != S.UMGEWANDELT or f.umwandlung_aufgehoben_am is not None:
        return
    f.status = S.BEFOHLEN
    f.umwandlung_aufgehoben_am = aufhebung.am
    f.umwandlung_aufgehoben_grund = aufhebung.grund
    speichern(
        f,
        durch=aufhebung.durch,
        grund=aufhebung.anlass,
        felder=["status", "umwandlung_aufgehoben_am", "umwandlung_aufgehoben_grund"],
    )
