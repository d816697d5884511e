"""The authority's decision on a Zwangsmedikation (R-36-1, R-38-1): a Verfügung of type ZWANGSMEDIKATION_36 in
the shared lifecycle (Gehör R-0-GEHOER-1, four-eyes, Eröffnung, PDF, appeal: 20 days to the JSD, no suspensive
effect per § 44 Abs. 1 lit. c), refusal, review (nachpruefen), end, and the Eröffnung hooks."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from kern import fristen
from kern.audit import speichern
from kern.rollen import berechtigung_pruefen
from verfuegungen import domain as vfg
from verfuegungen.models import Verfuegung
from verfuegungen.recht import Verfuegungsstatus, Verfuegungstyp
from zwangsmedizin.domain._hilfen import aufgabe_erledigen, fehler, person_name
from zwangsmedizin.domain.medikation import (
    _aufklaerung_oder_giv,
    _einweisungsbehoerde_aufgabe,
    _sperren,
    massnahme_38_pruefen,
)
from zwangsmedizin.models import Zwangsmedikation
from zwangsmedizin.permissions import ist_behoerde, ist_zugeteilte_aerztin
from zwangsmedizin.recht import (
    Anordnungsweg,
    Grund35,
    Medikationsart,
    Medikationsstatus,
    Nachpruefung,
    ueberpruefung_38_monate,
)

S = Medikationsstatus


# --- The authority's decision (R-36-1, R-38-1) -------------------------------------------------


def _live_verfuegung(m: Zwangsmedikation) -> Verfuegung | None:
    if m.verfuegung_id and m.verfuegung.status != Verfuegungsstatus.AUFGEHOBEN:
        return m.verfuegung
    return None


def _entwurfsdaten(m: Zwangsmedikation, begruendung: str) -> vfg.Entwurfsdaten:
    person = m.person
    name = person_name(person)
    massnahmenindiziert = m.art == Medikationsart.MASSNAHMENINDIZIERT
    arzt = m.arzt.get_full_name() or m.arzt.username
    sachverhalt = [
        f"Bericht und Antrag von {arzt} vom {timezone.localtime(m.erfasst_am):%d.%m.%Y} (§ 36 Abs. 1 JVG).",
        m.bericht,
        f"Freiwillige Massnahmen, die versagt haben oder nicht zur Verfügung stehen: {m.freiwillige_massnahmen}",
    ]
    if m.weg == Anordnungsweg.DRINGLICH:
        sachverhalt.insert(
            0,
            f"Dringliche ärztliche Anordnung vom {timezone.localtime(m.angeordnet_am):%d.%m.%Y %H:%M} "
            f"(§ 36 Abs. 2 JVG), von der Vollzugsbehörde nachträglich bestätigt.",
        )
    if massnahmenindiziert:
        sachverhalt.append(
            f"Forensisch-psychiatrische Empfehlung von {m.empfehlung_arzt} vom {m.empfehlung_datum:%d.%m.%Y} "
            "(§ 38 Abs. 2 JVG)."
        )
    if m.aufgeklaert_am:
        sachverhalt.append(
            f"Die betroffene Person wurde am {timezone.localtime(m.aufgeklaert_am):%d.%m.%Y %H:%M} über die "
            "vorgesehene Massnahme und das Beschwerderecht aufgeklärt (§ 37 Abs. 1 JVG)."
        )
    else:
        sachverhalt.append(
            f"Wegen Gefahr im Verzug erfolgt die Aufklärung nachträglich (§ 37 Abs. 1 JVG): "
            f"{m.gefahr_im_verzug_begruendung}"
        )
    grund = [begruendung.strip()]
    if m.grund:
        grund.append(f"Voraussetzung nach § 35 Abs. 2 lit. {Grund35(m.grund).label}.")
    if m.grund_begruendung:
        grund.append(m.grund_begruendung)
    dispositiv = [
        f"Für {name} wird eine {'massnahmenindizierte ' if massnahmenindiziert else ''}Zwangsmedikation "
        f"angeordnet: {m.medikament}, {m.dosierung}; geplante Dauer: {m.geplante_dauer}.",
    ]
    if massnahmenindiziert:
        dispositiv.append(
            f"Die Zwangsmedikation wird unter der fachärztlichen Leitung von {m.fachaerztliche_leitung} durchgeführt (§ 38 Abs. 3 JVG)."
        )
        if m.langfristig:
            monate = ueberpruefung_38_monate()
            dispositiv.append(
                f"Sie wird spätestens {monate} Monate nach der Anordnung überprüft und neu angeordnet (§ 38 Abs. 4 JVG)."
            )
    dispositiv.append("Die Einweisungsbehörde wird über die Anordnung informiert (§ 37 Abs. 3 JVG).")
    dispositiv.append(
        "Einer allfälligen Beschwerde kommt keine aufschiebende Wirkung zu (§ 44 Abs. 1 lit. c JVG)."
    )
    return vfg.Entwurfsdaten(
        titel="Anordnung einer massnahmenindizierten Zwangsmedikation"
        if massnahmenindiziert
        else "Anordnung einer Zwangsmedikation",
        rechtsgrundlage="§ 38 JVG, §§ 34–37 JVG" if massnahmenindiziert else "§§ 34–37 JVG",
        sachverhalt="\n\n".join(sachverhalt),
        begruendung="\n\n".join(t for t in grund if t),
        dispositiv="\n".join(dispositiv),
    )


@transaction.atomic
def verfuegung_entwerfen(*, medikation: Zwangsmedikation, begruendung: str, durch) -> Verfuegung:
    """R-36-1: the authority drafts its decision (type ZWANGSMEDIKATION_36) on the physician's request.

    Steps: lock; permission (sachbearbeitung); the request is pending, or an urgent order was confirmed
    (the written decision with Rechtsmittelbelehrung, § 37 Abs. 2); no live decision yet; § 37 Abs. 1
    information or Gefahr im Verzug recorded (R-37-1); § 38: the Art. 59/63 measure still applies;
    reasons; draft through the shared lifecycle (Gehör, four-eyes, Eröffnung, PDF: /verfuegungen/).
    """
    m = _sperren(medikation)
    berechtigung_pruefen(ist_behoerde(durch), "Zwangsmedikation verfügen")
    bestaetigt = (
        m.weg == Anordnungsweg.DRINGLICH
        and m.status == S.ANGEORDNET
        and m.nachpruefung == Nachpruefung.BESTAETIGT
    )
    if not (m.status == S.BEANTRAGT or bestaetigt):
        raise fehler(
            "status",
            f"Die Zwangsmedikation ist «{m.get_status_display()}»; verfügt wird über einen offenen Antrag oder "
            "eine bestätigte dringliche Anordnung.",
            "status",
        )
    vorhanden = _live_verfuegung(m)
    if vorhanden is not None:
        raise fehler(
            "status",
            f"Es besteht bereits die Verfügung {vorhanden.nummer} («{vorhanden.get_status_display()}»).",
            "doppelt",
        )
    _aufklaerung_oder_giv(m.aufgeklaert_am, m.gefahr_im_verzug_begruendung)
    if m.art == Medikationsart.MASSNAHMENINDIZIERT:
        massnahme_38_pruefen(m.fall)
    if not begruendung.strip():
        raise fehler(
            "begruendung", "§ 36 Abs. 1 JVG (R-36-1): Der Entscheid ist zu begründen.", "begruendung"
        )
    v = vfg.verfuegung_entwerfen(
        typ=Verfuegungstyp.ZWANGSMEDIKATION_36,
        person=m.person,
        fall=m.fall,
        daten=_entwurfsdaten(m, begruendung),
        durch=durch,
        gegenstand=m,
    )
    m.verfuegung = v
    speichern(m, durch=durch, grund=f"Verfügung {v.nummer} entworfen", felder=["verfuegung"])
    return v


@transaction.atomic
def antrag_ablehnen(*, medikation: Zwangsmedikation, begruendung: str, durch) -> Zwangsmedikation:
    """R-36-1: the authority refuses the request (not burdening for the person: no Verfügung)."""
    m = _sperren(medikation)
    berechtigung_pruefen(ist_behoerde(durch), "Antrag auf Zwangsmedikation ablehnen")
    if m.status != S.BEANTRAGT:
        raise fehler("status", f"Die Zwangsmedikation ist «{m.get_status_display()}».", "status")
    vorhanden = _live_verfuegung(m)
    if vorhanden is not None:
        raise fehler(
            "status",
            f"Zuerst die Verfügung {vorhanden.nummer} aufheben oder ablehnen (Verfügungsseite).",
            "verfuegung_offen",
        )
    if not begruendung.strip():
        raise fehler("begruendung", "Die Ablehnung ist zu begründen.", "begruendung")
    m.status = S.ABGELEHNT
    m.beendet_am = timezone.now()
    m.beendet_grund = begruendung.strip()
    aufgabe_erledigen(m.antrag_aufgabe, durch=durch)
    return speichern(
        m, durch=durch, grund="Antrag abgelehnt", felder=["status", "beendet_am", "beendet_grund"]
    )


@transaction.atomic
def nachpruefen(*, medikation: Zwangsmedikation, ergebnis: str, kommentar: str, durch) -> Zwangsmedikation:
    """§ 36 Abs. 2 (R-36-1): the authority reviews an urgent physician's decision afterwards.

    Confirmed → in force (a written Verfügung may follow); not confirmed → ended at once.
    """
    m = _sperren(medikation)
    berechtigung_pruefen(ist_behoerde(durch), "Dringliche Zwangsmedikation nachprüfen")
    if m.weg != Anordnungsweg.DRINGLICH or m.status != S.DRINGLICH_ANGEORDNET:
        raise fehler("ergebnis", "Hier ist keine dringliche Anordnung nachzuprüfen.", "nichts_zu_pruefen")
    if ergebnis not in Nachpruefung.values:
        raise fehler(
            "ergebnis", "§ 36 Abs. 2 JVG (R-36-1): bestätigt oder nicht bestätigt wählen.", "ergebnis"
        )
    if not kommentar.strip():
        raise fehler("kommentar", "§ 36 Abs. 2 JVG (R-36-1): Die Nachprüfung ist zu begründen.", "kommentar")
    jetzt = timezone.now()
    m.nachpruefung = ergebnis
    m.nachpruefung_kommentar = kommentar.strip()
    m.nachgeprueft_am = jetzt
    m.nachgeprueft_durch = durch
    felder = ["nachpruefung", "nachpruefung_kommentar", "nachgeprueft_am", "nachgeprueft_durch", "status"]
    if ergebnis == Nachpruefung.BESTAETIGT:
        m.status = S.ANGEORDNET
    else:
        m.status = S.NICHT_BESTAETIGT
        m.beendet_am = jetzt
        felder.append("beendet_am")
    aufgabe_erledigen(m.pruef_aufgabe, durch=durch, am=jetzt)
    return speichern(m, durch=durch, grund=f"Nachprüfung: {Nachpruefung(ergebnis).label}", felder=felder)


@transaction.atomic
def beenden(*, medikation: Zwangsmedikation, grund: str, durch) -> Zwangsmedikation:
    """§ 33 Abs. 3 by analogy: a measure lasts only while its grounds exist; the physician or the
    authority records its end (stops the § 38 Abs. 4 reminders)."""
    m = _sperren(medikation)
    berechtigung_pruefen(
        ist_zugeteilte_aerztin(durch, m.person_id) or ist_behoerde(durch), "Zwangsmedikation beenden"
    )
    if m.status not in (S.DRINGLICH_ANGEORDNET, S.ANGEORDNET):
        raise fehler("grund", f"Die Zwangsmedikation ist «{m.get_status_display()}».", "status")
    if not grund.strip():
        raise fehler("grund", "Das Ende ist zu begründen.", "grund")
    m.status = S.BEENDET
    m.beendet_am = timezone.now()
    m.beendet_grund = grund.strip()
    aufgabe_erledigen(m.erinnerung_aufgabe, durch=durch)
    aufgabe_erledigen(m.pruef_aufgabe, durch=durch)
    return speichern(
        m, durch=durch, grund="Zwangsmedikation beendet", felder=["status", "beendet_am", "beendet_grund"]
    )


# --- Eröffnung of a ZWANGSMEDIKATION_36 Verfügung (registered in apps.py) ------------------------


def eroeffnung_pruefen(v: Verfuegung, am: datetime, muendlich_am: datetime | None) -> None:
    """R-36-1 / R-37-1 / R-38-1 at Eröffnung, whichever page or API notifies: a § 36 decision rests on a
    physician's request of this module; the person was informed before the order (approval) unless
    Gefahr im Verzug; § 38 still has its Art. 59/63 measure."""
    m = Zwangsmedikation.objects.select_related("fall").filter(verfuegung=v).first()
    if m is None:
        raise fehler(
            "typ",
            "§ 36 Abs. 1 JVG (R-36-1): Eine Zwangsmedikation wird nur auf Bericht und Antrag der zuständigen "
            "Ärztin oder des zuständigen Arztes verfügt (Modul Zwangsmedizin).",
            "ohne_antrag",
        )
    if m.status not in (S.BEANTRAGT, S.ANGEORDNET):
        raise fehler("status", f"Die Zwangsmedikation ist «{m.get_status_display()}».", "status")
    if not m.gefahr_im_verzug_begruendung and (m.aufgeklaert_am is None or m.aufgeklaert_am > v.genehmigt_am):
        raise fehler(
            "aufgeklaert_am",
            "§ 37 Abs. 1 JVG (R-37-1): Die Person war vor der Anordnung nicht aufgeklärt und Gefahr im Verzug "
            "ist nicht vermerkt.",
            "aufklaerung_fehlt",
        )
    if m.art == Medikationsart.MASSNAHMENINDIZIERT:
        massnahme_38_pruefen(m.fall)


def nach_eroeffnung(v: Verfuegung, durch) -> None:
    """The order takes effect at (oral or written) Eröffnung (§ 44: no suspensive effect)."""
    m = _sperren(Zwangsmedikation.objects.get(verfuegung=v))
    felder = []
    if m.status == S.BEANTRAGT:
        m.status = S.ANGEORDNET
        m.angeordnet_am = v.muendlich_eroeffnet_am or v.eroeffnet_am
        felder += ["status", "angeordnet_am"]
    if m.art == Medikationsart.MASSNAHMENINDIZIERT and m.langfristig:
        # R-38-1 (§ 38 Abs. 4): review and re-order within the configured months (Art. 77 OR).
        frist = fristen.monatsfrist(m.angeordnet_am, ueberpruefung_38_monate())
        m.naechste_ueberpruefung_am = frist.ende
        m.ueberpruefung_methode = frist.methode
        felder += ["naechste_ueberpruefung_am", "ueberpruefung_methode"]
    aufgabe_erledigen(m.antrag_aufgabe, durch=durch)
    if felder:
        speichern(m, durch=durch, grund=f"Angeordnet mit Verfügung {v.nummer}", felder=felder)
    _einweisungsbehoerde_aufgabe(m, durch)
    if m.vorgaenger_id:
        alt = _sperren(m.vorgaenger)
        if alt.status == S.ANGEORDNET:
            alt.status = S.ERSETZT
            alt.beendet_am = timezone.now()
            aufgabe_erledigen(alt.erinnerung_aufgabe, durch=durch)
            speichern(
                alt,
                durch=durch,
                grund=f"Neu angeordnet mit Verfügung {v.nummer}",
                felder=["status", "beendet_am"],
            )


def nach_aufhebung(aufhebung) -> None:
    """Issue 23 (registered with `kern.erweiterungen.nach_aufhebung`): the § 36 order was lifted or set
    aside on appeal → the medication may no longer be carried out: it ends now, with the reason (a health
    field, kept out of history) and the date; the reminders stop. History reason: the event, no free text."""
    m = Zwangsmedikation.objects.select_for_update().filter(verfuegung=aufhebung.verfuegung).first()
    if m is None or m.status not in (S.DRINGLICH_ANGEORDNET, S.ANGEORDNET):
        return
    m.status = S.BEENDET
    m.beendet_am = aufhebung.am
    m.beendet_grund = aufhebung.grund
    aufgabe_erledigen(m.erinnerung_aufgabe, durch=aufhebung.durch)
    aufgabe_erledigen(m.pruef_aufgabe, durch=aufhebung.durch)
    speichern(
        m, durch=aufhebung.durch, grund=aufhebung.anlass, felder=["status", "beendet_am", "beendet_grund"]
    )
