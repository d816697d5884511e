"""Vollzugsöffnungen (Art. 75a, 77a, 84 Abs. 6 StGB; § 43 Abs. 3 JVG): request, decision, movements.

The facility requests, the authority decides by Verfügung (type "Bundesrecht": the decision applies the
StGB, so the appeal goes to the Kantonsgericht, § 43 Abs. 2 lit. a JVG). A failure to return opens
two tasks of the facility's management, one for the § 32 escape procedure and one for the disciplinary
offence § 40 Abs. 2 lit. b: this app does not import those apps (docs/architektur.md); the tasks are
kernel `Aufgabe` rows and the detail page links to both forms.
"""

from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from kern.audit import speichern
from kern.models import Aufgabe
from kern.rollen import Rolle, berechtigung_pruefen
from verfuegungen.domain import Entwurfsdaten, verfuegung_entwerfen
from verfuegungen.models import EROEFFNETE_STATUS, Verfuegung
from verfuegungen.recht import Verfuegungstyp
from vollzug.models import Platzierung, Vollzugsfall
from vollzug.recht import Fallstatus
from vollzugsgestaltung import permissions, recht
from vollzugsgestaltung.domain._basis import datum_pruefen, fehler, sperren, text_pflicht
from vollzugsgestaltung.models import Vollzugsoeffnung

S = recht.Oeffnungsstatus
STA_FRIST_TAGE = 5  # internal: the case worker sends the file to the Kantonsgericht / SA within 5 days


def _zeitpunkt(wert, feld: str) -> datetime:
    if not isinstance(wert, datetime) or timezone.is_naive(wert):
        raise fehler(feld, "Ungültiger Zeitpunkt.", "zeitpunkt")
    return wert


@transaction.atomic
def oeffnung_beantragen(
    *,
    fall: Vollzugsfall,
    art: str,
    grundlage: str,
    von: datetime,
    bis: datetime,
    begruendung: str,
    durch,
    gemeingefaehrlich_75a: bool = False,
) -> Vollzugsoeffnung:
    """The facility requests an opening for a person in execution (steps: permission, state, period)."""
    berechtigung_pruefen(permissions.darf_oeffnung_beantragen(durch, fall), "Vollzugsöffnung beantragen")
    fall = sperren(Vollzugsfall, fall)
    if art not in recht.Oeffnungsart.values:
        raise fehler("art", "Unbekannte Art der Vollzugsöffnung (Art. 77a, 84 Abs. 6 StGB).", "art")
    if grundlage not in recht.Vollzugsgrundlage.values:
        raise fehler("grundlage", "Unbekannte Vollzugsgrundlage.", "grundlage")
    if fall.status != Fallstatus.IM_VOLLZUG:
        raise fehler(
            "fall",
            "Art. 84 Abs. 6 StGB: Vollzugsöffnungen gibt es nur für Personen im Vollzug "
            f"(Fallstatus «{fall.get_status_display()}»).",
            "nicht_im_vollzug",
        )
    platzierung = Platzierung.objects.filter(fall=fall, bis__isnull=True).select_related("anstalt").first()
    if platzierung is None:
        raise fehler("fall", "Die Person ist in keiner Einrichtung platziert.", "keine_platzierung")
    von, bis = _zeitpunkt(von, "von"), _zeitpunkt(bis, "bis")
    if bis <= von:
        raise fehler("bis", "Die Rückkehr muss nach dem Beginn liegen.", "zeitraum")
    o = Vollzugsoeffnung(
        fall=fall,
        anstalt=platzierung.anstalt,
        art=art,
        grundlage=grundlage,
        gemeingefaehrlich_75a=bool(gemeingefaehrlich_75a),
        von=von,
        bis=bis,
        begruendung=text_pflicht(begruendung, "begruendung", "Der Antrag der Einrichtung ist zu begründen."),
        beantragt_durch=durch,
        beantragt_am=timezone.now(),
    )
    return speichern(o, durch=durch, grund=f"{o.get_art_display()} beantragt")


@transaction.atomic
def fachkommission_erfassen(
    *, oeffnung: Vollzugsoeffnung, am: date, ergebnis: str, text: str, durch
) -> Vollzugsoeffnung:
    """R-STGB-75A-1: record the assessment of the Konkordat's Fachkommission (Art. 75a Abs. 1 StGB)."""
    berechtigung_pruefen(permissions.darf_entscheiden(durch), "Beurteilung der Fachkommission erfassen")
    o = sperren(Vollzugsoeffnung, oeffnung)
    if o.status != S.BEANTRAGT:
        raise fehler("status", "Über diesen Antrag ist bereits entschieden.", "bereits_entschieden")
    datum_pruefen(am, "fachkommission_am", nicht_nach=timezone.localdate())
    if ergebnis not in recht.Fachkommissionsergebnis.values:
        raise fehler("fachkommission_ergebnis", "Unbekanntes Ergebnis der Fachkommission.", "ergebnis")
    o.fachkommission_am = am
    o.fachkommission_ergebnis = ergebnis
    o.fachkommission_text = text_pflicht(
        text,
        "fachkommission_text",
        "Art. 75a Abs. 1 StGB: Die Beurteilung der Fachkommission zusammenfassen.",
    )
    return speichern(o, durch=durch, grund="Beurteilung der Fachkommission erfasst (Art. 75a StGB)")


def fachkommission_fehlt(o: Vollzugsoeffnung) -> bool:
    """R-STGB-75A-1: a person of Art. 75a StGB whose opening lacks the Fachkommission's assessment."""
    return o.gemeingefaehrlich_75a and o.fachkommission_am is None


@transaction.atomic
def oeffnung_entscheiden(
    *, oeffnung: Vollzugsoeffnung, bewilligen: bool, begruendung: str, durch, auflagen: str = ""
) -> Verfuegung:
    """Decide the request and draft its Verfügung (R-STGB-75A-1).

    Steps: permission; lock; once only; for a person of Art. 75a StGB the Fachkommission's assessment
    must be recorded (a refusal too: the authority decides on the complete file); save the decision;
    draft the Verfügung (type Bundesrecht → Kantonsgericht, 20 days) linked to the opening.
    """
    berechtigung_pruefen(permissions.darf_entscheiden(durch), "Über Vollzugsöffnung entscheiden")
    o = sperren(Vollzugsoeffnung, oeffnung)
    if o.status != S.BEANTRAGT:
        raise fehler("status", "Über diesen Antrag ist bereits entschieden.", "bereits_entschieden")
    if fachkommission_fehlt(o):
        raise fehler(
            "fachkommission_am",
            "Art. 75a Abs. 1 StGB: Bei gemeingefährlichen Personen wird erst entschieden, wenn die "
            "Beurteilung der Fachkommission des Konkordats erfasst ist.",
            "fachkommission_fehlt",
        )
    o.entscheid_begruendung = text_pflicht(begruendung, "begruendung", "Der Entscheid ist zu begründen.")
    o.auflagen = (auflagen or "").strip()[:5000]
    o.status = S.BEWILLIGT if bewilligen else S.ABGELEHNT
    o.entschieden_am, o.entschieden_durch = timezone.now(), durch
    zeitraum = f"{timezone.localtime(o.von):%d.%m.%Y %H:%M} bis {timezone.localtime(o.bis):%d.%m.%Y %H:%M}"
    dispositiv = (
        [f"{o.get_art_display()} vom {zeitraum} wird bewilligt."]
        + ([f"Auflagen: {o.auflagen}"] if o.auflagen else [])
        + ["Bei Nichtrückkehr wird die Person zur Festnahme ausgeschrieben (§ 32 JVG)."]
        if bewilligen
        else [f"Das Gesuch um {o.get_art_display()} vom {zeitraum} wird abgewiesen."]
    )
    sachverhalt = f"Antrag der Einrichtung «{o.anstalt.name}»: {o.begruendung}"
    if o.fachkommission_am:
        sachverhalt += (
            f"\nBeurteilung der Fachkommission vom {o.fachkommission_am:%d.%m.%Y}: "
            f"{o.get_fachkommission_ergebnis_display()} – {o.fachkommission_text}"
        )
    v = verfuegung_entwerfen(
        typ=Verfuegungstyp.BUNDESRECHT,
        person=o.fall.person,
        fall=o.fall,
        gegenstand=o,
        daten=Entwurfsdaten(
            titel=f"{o.get_art_display()} – {'Bewilligung' if bewilligen else 'Abweisung'}",
            rechtsgrundlage="Art. 75a, 77a, 84 Abs. 6 StGB; § 2 Abs. 1 lit. f JVG",
            sachverhalt=sachverhalt,
            begruendung=o.entscheid_begruendung,
            dispositiv="\n".join(dispositiv),
        ),
        durch=durch,
    )
    o.verfuegung = v
    speichern(o, durch=durch, grund=f"Entscheid: {o.get_status_display()}")
    return v


def _verfuegung_eroeffnet(o: Vollzugsoeffnung) -> bool:
    return o.verfuegung is not None and o.verfuegung.status in EROEFFNETE_STATUS


@transaction.atomic
def antritt_erfassen(*, oeffnung: Vollzugsoeffnung, am: datetime, durch) -> Vollzugsoeffnung:
    """The person leaves the facility for a granted opening (only once the Verfügung is notified)."""
    berechtigung_pruefen(permissions.darf_bewegung_erfassen(durch, oeffnung), "Antritt erfassen")
    o = sperren(Vollzugsoeffnung, oeffnung)
    if o.bewilligung_beendet_am is not None:
        raise fehler(
            "status",
            f"Art. 84 Abs. 6 StGB: Die Bewilligung ist seit {timezone.localtime(o.bewilligung_beendet_am):%d.%m.%Y} "
            "beendet (Verfügung aufgehoben); die Vollzugsöffnung kann nicht mehr angetreten werden.",
            "bewilligung_beendet",
        )
    if o.status != S.BEWILLIGT or not _verfuegung_eroeffnet(o):
        raise fehler(
            "status",
            "Art. 84 Abs. 6 StGB: Angetreten werden kann nur eine bewilligte Vollzugsöffnung mit eröffneter Verfügung.",
            "nicht_bewilligt",
        )
    am = _zeitpunkt(am, "am")
    if am > timezone.now() or am > o.bis:
        raise fehler(
            "am", "Der Antritt liegt weder in der Zukunft noch nach dem bewilligten Ende.", "zeitpunkt"
        )
    o.status, o.angetreten_am = S.ANGETRETEN, am
    return speichern(o, durch=durch, grund="Vollzugsöffnung angetreten")


@transaction.atomic
def rueckkehr_erfassen(*, oeffnung: Vollzugsoeffnung, am: datetime, durch) -> Vollzugsoeffnung:
    berechtigung_pruefen(permissions.darf_bewegung_erfassen(durch, oeffnung), "Rückkehr erfassen")
    o = sperren(Vollzugsoeffnung, oeffnung)
    if o.status != S.ANGETRETEN:
        raise fehler("status", "Eine Rückkehr gibt es nur nach dem Antritt.", "nicht_angetreten")
    am = _zeitpunkt(am, "am")
    if am > timezone.now() or am < o.angetreten_am:
        raise fehler("am", "Die Rückkehr liegt zwischen Antritt und jetzt.", "zeitpunkt")
    o.status, o.zurueck_am = S.ZURUECKGEKEHRT, am
    return speichern(o, durch=durch, grund="Rückkehr erfasst" + (" (verspätet)" if am > o.bis else ""))


@transaction.atomic
def nichtrueckkehr_feststellen(
    *, oeffnung: Vollzugsoeffnung, bemerkung: str, durch, am: datetime | None = None
) -> Vollzugsoeffnung:
    """The person did not return by the end of the opening.

    Steps: permission; state angetreten; the return was due; save; two tasks for the management of
    the facility, due at once: report the escape (§ 32 JVG: arrest order, the committing authority
    informed) and examine a disciplinary report (§ 40 Abs. 2 lit. b JVG: Entweichung).
    """
    berechtigung_pruefen(permissions.darf_bewegung_erfassen(durch, oeffnung), "Nichtrückkehr feststellen")
    o = sperren(Vollzugsoeffnung, oeffnung)
    if o.status != S.ANGETRETEN:
        raise fehler("status", "Eine Nichtrückkehr gibt es nur nach dem Antritt.", "nicht_angetreten")
    jetzt = timezone.now()
    am = _zeitpunkt(am, "am") if am is not None else jetzt
    if am > jetzt or am < o.bis:
        raise fehler(
            "am",
            f"Die Nichtrückkehr kann erst nach dem bewilligten Ende ({timezone.localtime(o.bis):%d.%m.%Y %H:%M}) "
            "und nicht in der Zukunft festgestellt werden.",
            "zu_frueh",
        )
    o.status, o.nichtrueckkehr_festgestellt_am = S.NICHT_ZURUECKGEKEHRT, am
    o.nichtrueckkehr_bemerkung = text_pflicht(
        bemerkung, "bemerkung", "Die Umstände der Nichtrückkehr angeben."
    )
    speichern(o, durch=durch, grund="Nichtrückkehr festgestellt")
    person = o.fall.person
    for art, titel in (
        (recht.Aufgabenart.NICHTRUECKKEHR_32, f"Entweichung nach § 32 JVG melden: {person}"),
        (recht.Aufgabenart.NICHTRUECKKEHR_40, f"Disziplinarrapport § 40 Abs. 2 lit. b JVG prüfen: {person}"),
    ):
        speichern(
            Aufgabe(
                art=art,
                titel=titel[:200],
                beschreibung=f"Nicht zurückgekehrt von {o.get_art_display()} (Rückkehr fällig "
                f"{timezone.localtime(o.bis):%d.%m.%Y %H:%M}). {o.nichtrueckkehr_bemerkung}"[:2000],
                fuer_rolle=Rolle.ANSTALTSLEITUNG,
                anstalt=o.anstalt,
                fall=o.fall,
                faellig_am=jetzt,
            ),
            durch=durch,
            grund="Nichtrückkehr (Vollzugsöffnung)",
        )
    return o


def nach_beschwerde(beschwerde, durch) -> None:
    """R-43-3 (§ 43 Abs. 3 JVG): an appeal against an opening decision for Art. 59, Art. 64 or a
    lifelong sentence → the Staatsanwaltschaft is given the opportunity to comment; a task for the
    authority to see to it (registered for the Verfügung type via kern.erweiterungen.nach_beschwerde).

    The law gives the invitation to the Kantonsgericht ("gibt das Kantonsgericht der Staatsanwaltschaft
    Gelegenheit"), the rulebook to the system: the authority's task is to make sure the Staatsanwaltschaft
    is invited (file to the court with the note, or a copy to the Staatsanwaltschaft) and to record the
    invitation and the comment (`stellungnahme_sta_erfassen`)."""
    o = Vollzugsoeffnung.objects.select_for_update().filter(verfuegung_id=beschwerde.verfuegung_id).first()
    if o is None:
        return
    o.beschwerde_am = beschwerde.eingegangen_am
    speichern(o, durch=durch, grund="Beschwerde gegen den Entscheid eingegangen")
    if o.grundlage not in recht.STELLUNGNAHME_STA_BEI:
        return
    speichern(
        Aufgabe(
            art=recht.Aufgabenart.STELLUNGNAHME_STA,
            titel=f"§ 43 Abs. 3 JVG: Staatsanwaltschaft zur Beschwerde einladen – {o.fall.person}"[:200],
            beschreibung=f"Beschwerde vom {beschwerde.eingegangen_am:%d.%m.%Y} gegen {o.get_art_display()} "
            f"({o.get_grundlage_display()}).",
            fuer_rolle=Rolle.SACHBEARBEITUNG,
            fall=o.fall,
            faellig_am=timezone.now() + timedelta(days=STA_FRIST_TAGE),
        ),
        durch=durch,
        grund="§ 43 Abs. 3 JVG",
    )


@transaction.atomic
def stellungnahme_sta_erfassen(
    *,
    oeffnung: Vollzugsoeffnung,
    eingeladen_am: date,
    durch,
    stellungnahme_am: date | None = None,
    text: str = "",
) -> Vollzugsoeffnung:
    """R-43-3: record the invitation of the Staatsanwaltschaft and, once in, its comment; closes the task."""
    berechtigung_pruefen(permissions.darf_entscheiden(durch), "Stellungnahme der Staatsanwaltschaft erfassen")
    o = sperren(Vollzugsoeffnung, oeffnung)
    if o.beschwerde_am is None or o.grundlage not in recht.STELLUNGNAHME_STA_BEI:
        raise fehler(
            "sta_eingeladen_am",
            "§ 43 Abs. 3 JVG: Die Staatsanwaltschaft wird nur bei einer Beschwerde gegen eine Vollzugsöffnung "
            "bei Art. 59, Art. 64 StGB oder lebenslänglicher Strafe eingeladen.",
            "keine_beschwerde",
        )
    heute = timezone.localdate()
    datum_pruefen(eingeladen_am, "sta_eingeladen_am", nicht_nach=heute)
    if eingeladen_am < o.beschwerde_am:
        raise fehler(
            "sta_eingeladen_am",
            "§ 43 Abs. 3 JVG: Die Einladung der Staatsanwaltschaft folgt der Beschwerde (nicht vor deren Eingang).",
            "vor_beschwerde",
        )
    o.sta_eingeladen_am = eingeladen_am
    if stellungnahme_am is not None:
        datum_pruefen(stellungnahme_am, "sta_stellungnahme_am", nicht_nach=heute)
        if stellungnahme_am < eingeladen_am:
            raise fehler("sta_stellungnahme_am", "Die Stellungnahme folgt der Einladung.", "vor_einladung")
        o.sta_stellungnahme_am = stellungnahme_am
        o.sta_stellungnahme = text_pflicht(text, "sta_stellungnahme", "Den Inhalt der Stellungnahme angeben.")
    speichern(o, durch=durch, grund="§ 43 Abs. 3 JVG: Staatsanwaltschaft eingeladen")
    for aufgabe in Aufgabe.objects.select_for_update().filter(
        fall=o.fall, art=recht.Aufgabenart.STELLUNGNAHME_STA, erledigt_am__isnull=True
    ):
        aufgabe.erledigt_am, aufgabe.erledigt_durch = timezone.now(), durch
        speichern(aufgabe, durch=durch, grund="Staatsanwaltschaft eingeladen")
    return o


def nach_aufhebung(aufhebung) -> None:
    """Issue 23 (registered with `kern.erweiterungen.nach_aufhebung` for type Bundesrecht): the opening's
    Verfügung was lifted or set aside on appeal → the permission ends now (when and why, history with the
    actor). Not yet started: it can no longer be started (`antritt_erfassen`). Under way: the person is
    outside on a permission that no longer exists, so the return is due now — the end of the opening
    (`bis`) moves to this moment, which puts the return into the deadline overview at once and lets the
    facility record a failure to return (§ 32) from now on. A refusal ordered nothing: no effect (a new
    request may be filed). Another module's federal-law decision: no effect."""
    o = Vollzugsoeffnung.objects.select_for_update().filter(verfuegung=aufhebung.verfuegung).first()
    if o is None or o.status not in (S.BEWILLIGT, S.ANGETRETEN) or o.bewilligung_beendet_am is not None:
        return
    o.bewilligung_beendet_am = aufhebung.am
    o.bewilligung_beendet_grund = aufhebung.grund
    felder = ["bewilligung_beendet_am", "bewilligung_beendet_grund"]
    if o.status == S.ANGETRETEN and o.bis > aufhebung.am:
        # Never before the start (constraint oeffnung_bis_nach_von): left early, due one minute after it.
        o.bis = max(aufhebung.am, o.von + timedelta(minutes=1))
        felder.append("bis")
    speichern(o, durch=aufhebung.durch, grund=aufhebung.anlass, felder=felder)
