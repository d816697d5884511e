"""The disciplinary Verfügung: drafting from the proceeding (R-41-1/-2/-4, R-41-5a) and its Eröffnung
(checks and consequences registered with the shared Verfügung lifecycle in `contributions.py`)."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from disziplinar.domain._pruefen import _fehler
from disziplinar.domain.sanktionen import SanktionDaten, _chf, _zeitplan_pruefen, sanktionen_pruefen
from disziplinar.domain.verfahren import _verfahren_sperren, _verfolgung_verjaehrt, verfuegung_von
from disziplinar.models import (
    Disziplinarsanktion,
    Disziplinarverfahren,
    RapportDelikt,
)
from disziplinar.permissions import darf_entscheid_entwerfen
from disziplinar.queries import vorstrafen
from disziplinar.recht import (
    MIT_DAUER,
    Disziplinarsanktionsart,
    Sanktionsstatus,
    Tatbestand,
    Teilnahmeform,
    Verfahrensstatus,
    vollzugszeitraum,
)
from kern import fristen
from kern.audit import speichern
from kern.rollen import berechtigung_pruefen
from verfuegungen import domain as vfg
from verfuegungen.models import Verfuegung
from verfuegungen.recht import Verfuegungsstatus, Verfuegungstyp

A = Disziplinarsanktionsart

S = Verfuegungsstatus

VS = Verfahrensstatus


# --- The decision (R-41-4, R-41-5a) --------------------------------------------------------------


@dataclass(frozen=True)
class Beurteilung:
    """R-41-4 (§ 41 Abs. 4): the criteria of the assessment."""

    verschulden: str
    schwere: str
    persoenliche_verhaeltnisse: str
    auswirkung_resozialisierung: str


_BEURTEILUNG_LABEL = {
    "verschulden": "Schwere des Verschuldens",
    "schwere": "Schwere der Verletzung oder Gefährdung von Sicherheit, Ordnung und Zusammenleben",
    "persoenliche_verhaeltnisse": "Persönliche Umstände",
    "auswirkung_resozialisierung": "Wirkung der Sanktion auf die Resozialisierung",
}


def _sanktion_text(s: SanktionDaten, beginn: date | None, ende: date | None) -> str:
    art = A(s.art)
    if art == A.BUSSE:
        text = f"Busse von {_chf(s.betrag_chf)}"
    elif art == A.ENTZUG:
        text = f"Entzug von Erleichterungen bzw. einer anstaltsinternen Bewilligung: {s.beschreibung.strip()}"
    elif art in MIT_DAUER:
        text = f"{art.label} von {s.dauer_tage} {'Tag' if s.dauer_tage == 1 else 'Tagen'}"
        if beginn is not None:
            text += f", vom {beginn:%d.%m.%Y} bis {ende:%d.%m.%Y}"
        else:
            text += ", beginnend am Tag nach der Eröffnung dieser Verfügung"
    else:
        text = art.label
    return f"{text} ({art.paragraph})."


def _rechtsgrundlage(delikte: list[RapportDelikt], sanktionen: list[SanktionDaten]) -> str:
    abs1 = any(d.tatbestand == Tatbestand.ALLGEMEIN for d in delikte)
    buchstaben = sorted(d.tatbestand for d in delikte if d.tatbestand != Tatbestand.ALLGEMEIN)
    teile40 = (["Abs. 1"] if abs1 else []) + ([f"Abs. 2 lit. {', '.join(buchstaben)}"] if buchstaben else [])
    arten = ", ".join(sorted(s.art for s in sanktionen))
    return f"§ 40 {', '.join(teile40)} und Abs. 3; § 41 Abs. 1 lit. {arten} und Abs. 4 JVG"[:200]


@transaction.atomic
def verfuegung_entwerfen_fuer(
    *,
    verfahren: Disziplinarverfahren,
    sanktionen: list[SanktionDaten],
    beurteilung: Beurteilung,
    begruendung: str,
    durch,
) -> Verfuegung:
    """Draft the Disziplinarverfügung of an open proceeding.

    Steps: lock the proceeding; permission (staff or management of its facility, issue 17); open and not time-barred
    (R-41-5a: today after `verjaehrung_am` → refused); no other live decision; the four assessment
    criteria (R-41-4) and reasons; the sanctions (R-41-1/-2, `sanktionen_pruefen`); the server's
    execution schedule; the prior sanctions (Wiederholungsfall). Then draft the Verfügung of type
    DISZIPLINAR (facility = the proceeding's, gegenstand = the proceeding) through the shared
    lifecycle — Gehör (R-0-GEHOER-1) and four-eyes approval (R-0-4EYES-1) are enforced there, and the
    Rechtsmittelbelehrung of R-42-1 (§ 42: five days to the JSD; § 44: no suspensive effect; § 45: free
    of costs) comes from `recht.RECHTSFOLGEN[DISZIPLINAR]` — and store the sanctions and the criteria,
    all with history.
    """
    v = _verfahren_sperren(verfahren)
    berechtigung_pruefen(darf_entscheid_entwerfen(durch, v), "Disziplinarverfügung entwerfen")
    if v.status != VS.OFFEN:
        raise _fehler("status", f"Das Verfahren ist «{v.get_status_display()}».", "nicht_offen")
    heute = timezone.localdate()
    if heute > v.verjaehrung_am:
        raise _verfolgung_verjaehrt(v, heute)
    vorhanden = verfuegung_von(v)
    if vorhanden is not None:
        raise _fehler(
            "status",
            f"Zu diesem Verfahren besteht bereits die Verfügung {vorhanden.nummer} "
            f"(«{vorhanden.get_status_display()}»).",
            "doppelt",
        )
    fehler = {}
    for feld, label in _BEURTEILUNG_LABEL.items():
        if not (getattr(beurteilung, feld) or "").strip():
            fehler[feld] = f"§ 41 Abs. 4 JVG (R-41-4): Für die Zumessung ist «{label}» zu würdigen."
    if not (begruendung or "").strip():
        fehler["begruendung"] = "§ 41 Abs. 4 JVG (R-41-4): Die Verfügung ist zu begründen."
    if fehler:
        raise ValidationError(fehler)
    sanktionen_pruefen(v.anstalt, sanktionen)
    zeitplan = _zeitplan_pruefen(sanktionen, heute)

    rapport = v.rapport
    delikte = list(rapport.delikte.all())
    frueher = list(vorstrafen(v.person, ausser=v))
    tat = timezone.localtime(rapport.tatzeit)
    person = v.person
    name = f"{person.vorname} {person.amtlicher_name}"
    sachverhalt = "\n\n".join(
        [
            f"Rapport der Einrichtung «{v.anstalt.name}» vom {timezone.localtime(rapport.erfasst_am):%d.%m.%Y} "
            f"über den Vorfall vom {tat:%d.%m.%Y} um {tat:%H:%M} Uhr (Verfahren {v.nummer}).",
            rapport.sachverhalt,
            "Vorgeworfene Disziplinarvergehen: "
            + "; ".join(
                f"{Tatbestand(d.tatbestand).paragraph} ({Teilnahmeform(d.teilnahmeform).label})"
                for d in delikte
            )
            + ".",
        ]
    )
    if frueher:
        vorstrafen_text = (
            "Frühere Disziplinarsanktionen (Wiederholungsfall, § 41 Abs. 4 JVG): "
            + "; ".join(
                f"Verfügung {s.verfuegung.nummer} vom "
                f"{timezone.localtime(s.verfuegung.eroeffnet_am):%d.%m.%Y}: {s.get_art_display()}"
                for s in frueher
            )
            + "."
        )
    else:
        vorstrafen_text = "Frühere Disziplinarsanktionen: keine."
    begruendung_text = "\n\n".join(
        [
            begruendung.strip(),
            "Zumessung (§ 41 Abs. 4 JVG):\n"
            + "\n".join(
                f"{label}: {getattr(beurteilung, feld).strip()}" for feld, label in _BEURTEILUNG_LABEL.items()
            ),
            vorstrafen_text,
        ]
    )
    dispositiv = "\n".join(
        f"{n}. {name}: {_sanktion_text(s, *zeitplan.get(i, (None, None)))}"
        for n, (i, s) in enumerate(enumerate(sanktionen), start=1)
    )
    verfuegung = vfg.verfuegung_entwerfen(
        typ=Verfuegungstyp.DISZIPLINAR,
        person=person,
        fall=rapport.fall,
        anstalt=v.anstalt,
        gegenstand=v,
        daten=vfg.Entwurfsdaten(
            titel="Disziplinarverfügung",
            rechtsgrundlage=_rechtsgrundlage(delikte, sanktionen),
            sachverhalt=sachverhalt,
            begruendung=begruendung_text,
            dispositiv=dispositiv,
        ),
        durch=durch,
    )
    for i, s in enumerate(sanktionen):
        beginn, ende = zeitplan.get(i, (None, None))
        speichern(
            Disziplinarsanktion(
                verfahren=v,
                verfuegung=verfuegung,
                art=s.art,
                dauer_tage=s.dauer_tage if s.art in MIT_DAUER else None,
                betrag_chf=s.betrag_chf if s.art == A.BUSSE else None,
                beschreibung=(s.beschreibung or "").strip(),
                vollzug_beginn=beginn,
                vollzug_ende=ende,
            ),
            durch=durch,
            grund=f"Sanktion verfügt ({A(s.art).paragraph})",
        )
    for feld in _BEURTEILUNG_LABEL:
        setattr(v, feld, getattr(beurteilung, feld).strip())
    speichern(v, durch=durch, grund="Zumessung erfasst (§ 41 Abs. 4 JVG)")
    return verfuegung


def _hat_verfahren(verfuegung: Verfuegung) -> bool:
    return verfuegung.content_type_id == ContentType.objects.get_for_model(Disziplinarverfahren).pk


def _verfahren_der_verfuegung(verfuegung: Verfuegung) -> Disziplinarverfahren:
    ct = ContentType.objects.get_for_model(Disziplinarverfahren)
    if verfuegung.typ != Verfuegungstyp.DISZIPLINAR or verfuegung.content_type_id != ct.pk:
        raise _fehler("typ", "Keine Disziplinarverfügung eines Disziplinarverfahrens.", "kein_disziplinar")
    return Disziplinarverfahren.objects.select_related("rapport").get(pk=verfuegung.object_id)


def eroeffnung_pruefen(
    verfuegung: Verfuegung, am: datetime | None = None, muendlich_am: datetime | None = None
) -> None:
    """Checks of every Eröffnung of a Disziplinarverfügung, whichever page or API notifies it
    (registered with the shared `eroeffnen` in `disziplinar/contributions.py`):
    R-41-5a (§ 41 Abs. 5 Satz 1): notified at the latest on the last day of the six months after the
    act (the local date of the written notification counts); a given start of Einschluss/Arrest not
    before the (first) notification. A decision of this type drafted outside a proceeding (the
    shared module allows it) has no act date to check."""
    if not _hat_verfahren(verfuegung):
        return
    verfahren = _verfahren_der_verfuegung(verfuegung)
    if verfahren.status != VS.OFFEN:
        raise _fehler("status", f"Das Verfahren ist «{verfahren.get_status_display()}».", "nicht_offen")
    tag = fristen.lokales_datum(am or timezone.now())
    if tag > verfahren.verjaehrung_am:
        raise _verfolgung_verjaehrt(verfahren, tag)
    erster_tag = fristen.lokales_datum(muendlich_am or am or timezone.now())
    for s in verfuegung.disziplinarsanktionen.order_by("pk"):
        if s.vollzug_beginn is not None and s.vollzug_beginn < erster_tag:
            raise _fehler(
                "am",
                f"{A(s.art).paragraph} (R-0-VFG-4): Der Vollzug ab {s.vollzug_beginn:%d.%m.%Y} kann nicht vor "
                "der Eröffnung beginnen.",
                "vollzug_vor_eroeffnung",
            )


def nach_eroeffnung(verfuegung: Verfuegung, durch) -> None:
    """After the Eröffnung (same transaction): the server's schedule for sanctions without a start
    (the day after the first notification, § 44: enforceable from Eröffnung) and the proceeding →
    entschieden."""
    if not _hat_verfahren(verfuegung):
        return
    v = _verfahren_sperren(_verfahren_der_verfuegung(verfuegung))
    erster_tag = fristen.lokales_datum(verfuegung.muendlich_eroeffnet_am or verfuegung.eroeffnet_am)
    for s in verfuegung.disziplinarsanktionen.select_for_update().order_by("pk"):
        if s.art in MIT_DAUER and s.vollzug_beginn is None:
            s.vollzug_beginn, s.vollzug_ende = vollzugszeitraum(s.dauer_tage, erster_tag + timedelta(days=1))
            speichern(s, durch=durch, grund="Vollzugszeitraum ab dem Tag nach der Eröffnung")
    v.status = VS.ENTSCHIEDEN
    v.abgeschlossen_am = verfuegung.eroeffnet_am
    speichern(v, durch=durch, grund=f"Entschieden: Verfügung {verfuegung.nummer} eröffnet")


def nach_aufhebung(aufhebung) -> None:
    """Issue 23 (registered with `kern.erweiterungen.nach_aufhebung`): the Disziplinarverfügung was lifted
    or set aside on appeal → every sanction still to be executed ends (aufgehoben, when and why). An
    executed sanction stays recorded as executed (it cannot be undone; the lifting shows on the decision);
    one barred by limitation stays barred."""
    for s in aufhebung.verfuegung.disziplinarsanktionen.select_for_update().filter(
        status=Sanktionsstatus.ANGEORDNET
    ):
        s.status = Sanktionsstatus.AUFGEHOBEN
        s.aufgehoben_am = aufhebung.am
        s.aufhebung_grund = aufhebung.grund
        speichern(
            s,
            durch=aufhebung.durch,
            grund=aufhebung.anlass,
            felder=["status", "aufgehoben_am", "aufhebung_grund"],
        )


@transaction.atomic
def verfuegung_eroeffnen(
    *,
    verfahren: Disziplinarverfahren,
    art: str,
    durch,
    am: datetime | None = None,
    muendlich_am: datetime | None = None,
    empfangsbestaetigung=None,
) -> Verfuegung:
    """Notify the approved Disziplinarverfügung of `verfahren` through the shared `eroeffnen`
    (permission, Gehör, appeal deadline of § 42, PDF), which also runs `eroeffnung_pruefen` and
    `nach_eroeffnung` for this type."""
    v = _verfahren_sperren(verfahren)
    verfuegung = verfuegung_von(v)
    if verfuegung is None or verfuegung.status != S.GENEHMIGT:
        raise _fehler(
            "status",
            "R-0-4EYES-1: Zu eröffnen ist eine genehmigte Disziplinarverfügung dieses Verfahrens.",
            "nicht_genehmigt",
        )
    return vfg.eroeffnen(
        verfuegung=verfuegung,
        art=art,
        durch=durch,
        am=am,
        muendlich_am=muendlich_am,
        empfangsbestaetigung=empfangsbestaetigung,
    )
