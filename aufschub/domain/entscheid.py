"""The decision on a § 14 request (R-14-5 assessment, R-14-2 re-checked under a lock, R-14-4 for a grant, R-14-6
Verfügung) and the summons at the end of a deferral (R-14-6).
"""

from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from aufschub.domain.gesuch import _datum, _fehler, _kontingent_pruefen, _sperren
from aufschub.models import Aufschubgesuch
from aufschub.permissions import darf_gesuch_bearbeiten
from aufschub.queries import verfuegung_von
from aufschub.recht import (
    ART_KURZ,
    AufschubAufgabenart,
    Gefahrenstufe,
    Gesuchsart,
    Gesuchsgrund,
    Gesuchsstatus,
    arztzeugnis_aktuell,
    tage,
)
from kern.audit import speichern
from kern.models import Aufgabe
from kern.rollen import Rolle, berechtigung_pruefen
from verfuegungen.domain import Entwurfsdaten, verfuegung_entwerfen
from verfuegungen.models import Verfuegung
from verfuegungen.recht import Verfuegungsstatus, Verfuegungstyp
from vollzug.models import Sanktion
from vollzug.recht import Fallstatus

# --- Decision (R-14-5, R-14-6) ------------------------------------------------------------------


def _neu_entscheidbar(gesuch: Aufschubgesuch) -> bool:
    """Once per request; again only when its Verfügung was lifted (approver rejected or it was
    withdrawn) and nothing has followed from the grant yet."""
    if gesuch.status == Gesuchsstatus.EINGEREICHT:
        return True
    if gesuch.status not in (Gesuchsstatus.BEWILLIGT, Gesuchsstatus.ABGEWIESEN):
        return False
    v = verfuegung_von(gesuch)
    return (
        v is not None
        and v.status == Verfuegungsstatus.AUFGEHOBEN
        and gesuch.unterbrechung_ab is None
        and gesuch.aufgebot_am is None
    )


def _beurteilung_pruefen(
    *, beurteilung_vollzugsdauer, fluchtgefahr, wiederholungsgefahr, entscheid_begruendung
):
    fehler = {}
    if not (beurteilung_vollzugsdauer or "").strip():
        fehler["beurteilung_vollzugsdauer"] = ValidationError(
            "§ 14 Abs. 1 JVG (R-14-5): Die voraussichtliche Vollzugsdauer ist im Entscheid zu würdigen.",
            code="vollzugsdauer_fehlt",
        )
    if fluchtgefahr not in Gefahrenstufe.values:
        fehler["fluchtgefahr"] = ValidationError(
            "§ 14 Abs. 1 JVG (R-14-5): Die Fluchtgefahr ist zu beurteilen.", code="fluchtgefahr_fehlt"
        )
    if wiederholungsgefahr not in Gefahrenstufe.values:
        fehler["wiederholungsgefahr"] = ValidationError(
            "§ 14 Abs. 1 JVG (R-14-5): Die Wiederholungsgefahr ist zu beurteilen.",
            code="wiederholungsgefahr_fehlt",
        )
    if not (entscheid_begruendung or "").strip():
        fehler["entscheid_begruendung"] = ValidationError(
            "R-14-6: Der Entscheid ist als Verfügung zu begründen.", code="begruendung_fehlt"
        )
    if fehler:
        raise ValidationError(fehler)


@transaction.atomic
def gesuch_entscheiden(
    *,
    gesuch: Aufschubgesuch,
    bewilligen: bool,
    bewilligt_von: date | None = None,
    bewilligt_bis: date | None = None,
    beurteilung_vollzugsdauer: str,
    fluchtgefahr: str,
    wiederholungsgefahr: str,
    beurteilung_gefahren: str = "",
    besondere_untersuchungen: str = "",
    vorsorgliche_massnahmen: str = "",
    entscheid_begruendung: str,
    durch,
) -> Verfuegung:
    """R-14-5/R-14-6: grant or refuse a request and draft its Verfügung (type AUFSCHUB_14).

    Steps: permission; lock the request, then its sanction (R-14-2: two grants of one sanction at once
    cannot both pass the ceiling); once per request; R-14-5 assessment of duration, flight and
    re-offending risk and the reasons; for a grant: the case is still in the state the kind requires
    (R-14-1), the period defaults to the requested one and lies within it, the ceiling holds (R-14-2)
    and a ground-(a) request has a current certificate (R-14-4; refusing stays possible); save the
    decision; draft the Verfügung with facts, reasons and operative part (a refusal is burdening:
    `abweisend=True`, so the lifecycle demands the hearing, R-0-GEHOER-1).
    """
    berechtigung_pruefen(darf_gesuch_bearbeiten(durch), "Gesuch nach § 14 entscheiden")
    gesuch = _sperren(gesuch)
    Sanktion.objects.select_for_update().filter(pk=gesuch.sanktion_id).get()
    if not _neu_entscheidbar(gesuch):
        raise _fehler(
            "status",
            f"Über dieses Gesuch ist bereits entschieden (Status «{gesuch.get_status_display()}»).",
            "bereits_entschieden",
        )
    _beurteilung_pruefen(
        beurteilung_vollzugsdauer=beurteilung_vollzugsdauer,
        fluchtgefahr=fluchtgefahr,
        wiederholungsgefahr=wiederholungsgefahr,
        entscheid_begruendung=entscheid_begruendung,
    )
    fall = gesuch.fall
    if bewilligen:
        von = bewilligt_von or gesuch.begehrt_von
        bis = bewilligt_bis or gesuch.begehrt_bis
        if bis < von:
            raise _fehler(
                "bewilligt_bis",
                "§ 14 Abs. 1 JVG (R-14-1): Das Ende des bewilligten Zeitraums liegt vor dessen Beginn.",
                "zeitraum",
            )
        if von < gesuch.begehrt_von or bis > gesuch.begehrt_bis:
            raise _fehler(
                "bewilligt_von" if von < gesuch.begehrt_von else "bewilligt_bis",
                "§ 14 Abs. 1 JVG (R-14-1): Bewilligt werden kann nur innerhalb des begehrten Zeitraums "
                f"({_datum(gesuch.begehrt_von)} – {_datum(gesuch.begehrt_bis)}).",
                "ausserhalb_gesuch",
            )
        erwartet = Fallstatus.EINGANG if gesuch.art == Gesuchsart.AUFSCHUB else Fallstatus.IM_VOLLZUG
        if fall.status != erwartet:
            raise _fehler(
                "bewilligen",
                f"§ 14 Abs. 1 JVG (R-14-1): {ART_KURZ[gesuch.art]} kann im Fallstatus "
                f"«{fall.get_status_display()}» nicht bewilligt werden – das Gesuch abweisen.",
                "falscher_fallstatus",
            )
        _kontingent_pruefen(gesuch.sanktion, gesuch.art, von, bis, feld="bewilligt_bis", ausser=gesuch)
        if gesuch.grund == Gesuchsgrund.A and not (
            gesuch.arztzeugnis
            and arztzeugnis_aktuell(gesuch.arztzeugnis_ausgestellt_am, gesuch.eingereicht_am)
        ):
            raise _fehler(
                "arztzeugnis",
                "§ 14 Abs. 3 JVG (R-14-4): Ohne aktuelles, begründetes Arztzeugnis kann ein Gesuch wegen "
                "Hafterstehungsunfähigkeit nicht bewilligt werden – Arztzeugnis nachreichen oder das "
                "Gesuch abweisen.",
                "arztzeugnis_fehlt",
            )
        gesuch.status, gesuch.bewilligt_von, gesuch.bewilligt_bis = Gesuchsstatus.BEWILLIGT, von, bis
    else:
        gesuch.status, gesuch.bewilligt_von, gesuch.bewilligt_bis = Gesuchsstatus.ABGEWIESEN, None, None
    # Issue 23 / R-14-2: the end of an earlier grant belonged to its lifted Verfügung (kept in the history);
    # a grant decided anew counts towards the year and can be started like any other.
    gesuch.bewilligung_beendet_am, gesuch.bewilligung_beendet_grund = None, ""
    gesuch.beurteilung_vollzugsdauer = beurteilung_vollzugsdauer.strip()
    gesuch.fluchtgefahr = fluchtgefahr
    gesuch.wiederholungsgefahr = wiederholungsgefahr
    gesuch.beurteilung_gefahren = (beurteilung_gefahren or "").strip()
    gesuch.besondere_untersuchungen = (besondere_untersuchungen or "").strip()
    gesuch.vorsorgliche_massnahmen = (vorsorgliche_massnahmen or "").strip()
    gesuch.entscheid_begruendung = entscheid_begruendung.strip()
    gesuch.entschieden_am = timezone.now()
    gesuch.entschieden_durch = durch
    speichern(
        gesuch,
        durch=durch,
        grund=f"{ART_KURZ[gesuch.art]} {'bewilligt' if bewilligen else 'abgewiesen'} (§ 14 JVG)",
    )
    return verfuegung_entwerfen(
        typ=Verfuegungstyp.AUFSCHUB_14,
        abweisend=not bewilligen,
        gegenstand=gesuch,
        fall=fall,
        person=fall.person,
        daten=_entwurfsdaten(gesuch),
        durch=durch,
    )


def _entwurfsdaten(g: Aufschubgesuch) -> Entwurfsdaten:
    """R-14-6: the draft's text from the request and the assessment (R-14-5); the case worker can
    still edit the draft before it is submitted for approval."""
    person = g.fall.person
    name = f"{person.vorname} {person.amtlicher_name}"
    art = ART_KURZ[g.art]
    vorgang = "aufgeschoben" if g.art == Gesuchsart.AUFSCHUB else "unterbrochen"
    bewilligt = g.status == Gesuchsstatus.BEWILLIGT
    entscheid = g.sanktion.entscheid
    grundlage = [f"§ 14 Abs. 1 und 2 lit. {g.grund}"]
    if g.grund == Gesuchsgrund.A:
        grundlage.append("Abs. 3")
    if g.besondere_untersuchungen:
        grundlage.append("Abs. 4")
    if g.vorsorgliche_massnahmen:
        grundlage.append("Abs. 5")
    sachverhalt = [
        # Issue 17: phrases that need no declension of proper nouns or of the sanction's name.
        f"{name}, geb. {_datum(person.geburtsdatum)}, wurde verurteilt (Fall {g.fall.fallnummer}). "
        f"{entscheid.get_art_display()}: {entscheid.behoerde}, {_datum(entscheid.entscheid_datum)}, "
        f"{entscheid.referenz}. Sanktion: {str(g.sanktion).rstrip('.')}.",
        f"Mit Gesuch vom {_datum(g.eingereicht_am)} ersucht {name} um {art} des Vollzugs vom "
        f"{_datum(g.begehrt_von)} bis {_datum(g.begehrt_bis)} ({tage(g.begehrt_von, g.begehrt_bis)} Tage) "
        f"aus wichtigem Grund (§ 14 Abs. 2 lit. {g.grund} JVG: {g.get_grund_display().split(') ', 1)[-1]}).",
    ]
    if g.arztzeugnis:
        sachverhalt.append(
            f"Dem Gesuch liegt ein Arztzeugnis vom {_datum(g.arztzeugnis_ausgestellt_am)} bei."
        )
    sachverhalt.append(f"Begründung des Gesuchs: {g.begruendung}")
    begruendung = [
        f"Voraussichtliche Vollzugsdauer (§ 14 Abs. 1 JVG): {g.beurteilung_vollzugsdauer}",
        f"Fluchtgefahr: {g.get_fluchtgefahr_display()}. Wiederholungsgefahr: "
        f"{g.get_wiederholungsgefahr_display()}."
        + (f" {g.beurteilung_gefahren}" if g.beurteilung_gefahren else ""),
        "Besondere Untersuchungen (§ 14 Abs. 4 JVG): " + (g.besondere_untersuchungen or "keine angeordnet."),
        "Vorsorgliche Massnahmen (§ 14 Abs. 5 JVG): " + (g.vorsorgliche_massnahmen or "keine angeordnet."),
        f"Würdigung: {g.entscheid_begruendung}",
    ]
    if bewilligt:
        weiter = g.bewilligt_bis + timedelta(days=1)
        dispositiv = [
            f"Der Vollzug der Sanktion «{g.sanktion}» (Fall {g.fall.fallnummer}) wird vom {_datum(g.bewilligt_von)} bis "
            f"{_datum(g.bewilligt_bis)} {vorgang}.",
            (
                f"{name} hat den Vollzug am {_datum(weiter)} anzutreten; das Aufgebot folgt."
                if g.art == Gesuchsart.AUFSCHUB
                else f"{name} hat am {_datum(weiter)} in die Vollzugseinrichtung zurückzukehren."
            ),
        ]
        if g.vorsorgliche_massnahmen:
            dispositiv.append(f"Vorsorgliche Massnahmen (§ 14 Abs. 5 JVG): {g.vorsorgliche_massnahmen}")
        titel = f"{art} des Vollzugs (§ 14 JVG): Bewilligung"
    else:
        dispositiv = [f"Das Gesuch vom {_datum(g.eingereicht_am)} um {art} des Vollzugs wird abgewiesen."]
        if g.vorsorgliche_massnahmen:
            dispositiv.append(f"Vorsorgliche Massnahmen (§ 14 Abs. 5 JVG): {g.vorsorgliche_massnahmen}")
        titel = f"Gesuch um {art} des Vollzugs (§ 14 JVG): Abweisung"
    return Entwurfsdaten(
        titel=titel,
        rechtsgrundlage=", ".join(grundlage) + " JVG",
        sachverhalt="\n\n".join(sachverhalt),
        begruendung="\n\n".join(begruendung),
        dispositiv="\n".join(z.replace("\n", " ") for z in dispositiv),
    )


# --- R-14-6: summons at the end of a deferral ---------------------------------------------------


@transaction.atomic
def aufgebot_erfassen(*, gesuch: Aufschubgesuch, durch) -> Aufschubgesuch:
    """R-14-6: record that the summons to start execution after the deferral was sent (now)."""
    berechtigung_pruefen(darf_gesuch_bearbeiten(durch), "Aufgebot erfassen")
    gesuch = _sperren(gesuch)
    if gesuch.art != Gesuchsart.AUFSCHUB or gesuch.status != Gesuchsstatus.BEWILLIGT:
        raise _fehler(
            "aufgebot_am",
            "§ 14 JVG (R-14-6): Ein Aufgebot folgt nur auf einen bewilligten Aufschub.",
            "kein_aufschub",
        )
    if gesuch.aufgebot_am is not None:
        raise _fehler(
            "aufgebot_am",
            f"Das Aufgebot ist bereits am {timezone.localtime(gesuch.aufgebot_am):%d.%m.%Y %H:%M} erfasst.",
            "bereits_erfasst",
        )
    gesuch.aufgebot_am = timezone.now()
    return speichern(gesuch, durch=durch, grund="Aufgebot zum Vollzugsantritt versandt (§ 14 JVG)")


def nach_aufhebung(aufhebung) -> None:
    """Issue 23 (registered with `kern.erweiterungen.nach_aufhebung`): a granted deferral or interruption
    whose Verfügung is lifted or set aside on appeal ends now (when and why, history with the actor): it
    no longer counts towards the year (R-14-2), no summons is due for it (R-14-6) and a granted
    interruption can no longer be started. An interruption already under way ends with the person's
    re-entry, recorded as usual (`unterbrechung_beenden`). A refusal ordered nothing: no effect (the
    request may be decided anew once its Verfügung is lifted, `_neu_entscheidbar`)."""
    v = aufhebung.verfuegung
    if v.abweisend or v.content_type_id != ContentType.objects.get_for_model(Aufschubgesuch).pk:
        return
    g = Aufschubgesuch.objects.select_for_update().filter(pk=v.object_id).first()
    if g is None or g.status != Gesuchsstatus.BEWILLIGT or g.bewilligung_beendet_am is not None:
        return
    g.bewilligung_beendet_am = aufhebung.am
    g.bewilligung_beendet_grund = aufhebung.grund
    speichern(
        g,
        durch=aufhebung.durch,
        grund=aufhebung.anlass,
        felder=["bewilligung_beendet_am", "bewilligung_beendet_grund"],
    )
    if g.unterbrechung_ab is not None and g.unterbrechung_beendet_am is None:
        _rueckkehr_veranlassen(g, aufhebung)


def _rueckkehr_veranlassen(g: Aufschubgesuch, aufhebung) -> Aufgabe:
    """Issue 23: an interruption under way has lost its ground: the case worker summons the person back
    now (due at once); the re-entry then ends the interruption (`unterbrechung_beenden`)."""
    person = g.fall.person
    return speichern(
        Aufgabe(
            art=AufschubAufgabenart.RUECKKEHR_VERANLASSEN,
            titel=(
                f"Rückkehr von {person.vorname} {person.amtlicher_name} in den Vollzug veranlassen: "
                f"Unterbrechung aufgehoben (§ 14 JVG)"
            ),
            beschreibung=(
                f"Die Bewilligung der Unterbrechung ist seit {timezone.localtime(aufhebung.am):%d.%m.%Y %H:%M} "
                "beendet. Die Person ist aufzubieten; der Wiedereintritt wird beim Gesuch erfasst."
            ),
            fuer_rolle=Rolle.SACHBEARBEITUNG,
            fall_id=g.fall_id,
            faellig_am=aufhebung.am,
        ),
        durch=aufhebung.durch,
        grund=aufhebung.anlass,
    )
