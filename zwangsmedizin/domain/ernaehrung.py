"""Zwangsernährung (§ 39 JVG, R-39-1): every write is one function here (STYLE §2).

§ 39 Abs. 1: during a hunger strike a physician informs the person several times about the risks
(each session logged). Abs. 2: a Patientenverfügung that expressly refuses force-feeding is respected
(it blocks an order). Abs. 3: otherwise the authority orders force-feeding when the person has lost
consciousness or lacks capacity of judgment, as the physician assessed — a Verfügung of type
ZWANGSERNAEHRUNG_39 in the shared lifecycle (20 days to the JSD, no suspensive effect, § 44 lit. d)."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kern.audit import speichern
from kern.dateien import datei_sha256
from kern.rollen import Rolle, berechtigung_pruefen
from verfuegungen import domain as vfg
from verfuegungen.models import Verfuegung
from verfuegungen.recht import Verfuegungsstatus, Verfuegungstyp
from vollzug.models import Person, Vollzugsfall
from zwangsmedizin.domain._hilfen import (
    aktuelle_anstalt,
    aufgabe_anlegen,
    aufgabe_erledigen,
    datum_pruefen,
    fehler,
    offener_fall_pruefen,
    person_name,
    zeitpunkt,
)
from zwangsmedizin.models import Aufklaerungsgespraech, Hungerstreik, Patientenverfuegung
from zwangsmedizin.permissions import (
    darf_gespraech_erfassen,
    darf_hungerstreik_beenden,
    darf_hungerstreik_erfassen,
    darf_patientenverfuegung_erfassen,
    darf_verfuegen,
    darf_zustand_melden,
    ist_behoerde,
    ist_zugeteilte_aerztin,
)
from zwangsmedizin.recht import (
    Hungerstreikstatus,
    Zustand39,
    ZwangsmedizinAufgabenart,
)

H = Hungerstreikstatus


def _sperren(hungerstreik: Hungerstreik) -> Hungerstreik:
    return (
        Hungerstreik.objects.select_for_update(of=("self",))
        .select_related("person", "fall", "verfuegung")
        .get(pk=hungerstreik.pk)
    )


def ablehnende_patientenverfuegung(person_id: int) -> Patientenverfuegung | None:
    """§ 39 Abs. 2: the newest valid Patientenverfügung that expressly refuses force-feeding."""
    return (
        Patientenverfuegung.objects.filter(
            person_id=person_id, lehnt_zwangsernaehrung_ab=True, widerrufen_am__isnull=True
        )
        .order_by("-datum", "-pk")
        .first()
    )


def _sperre_39_2(person_id: int) -> None:
    pv = ablehnende_patientenverfuegung(person_id)
    if pv is not None:
        raise fehler(
            "patientenverfuegung",
            f"§ 39 Abs. 2 JVG (R-39-1): Die Person hat die Zwangsernährung in ihrer Patientenverfügung vom "
            f"{pv.datum:%d.%m.%Y} ausdrücklich abgelehnt; dieser Wille ist zu respektieren.",
            "patientenverfuegung",
        )


@transaction.atomic
def hungerstreik_erfassen(*, fall: Vollzugsfall, beginn: datetime, durch) -> Hungerstreik:
    """Record a hunger strike: the assigned physician, the facility's management or the authority."""
    berechtigung_pruefen(darf_hungerstreik_erfassen(durch, fall.person_id), "Hungerstreik erfassen")
    offener_fall_pruefen(fall)
    beginn = zeitpunkt(beginn, "beginn")
    if Hungerstreik.objects.filter(person_id=fall.person_id).exclude(status=H.BEENDET).exists():
        raise fehler("beginn", "Für diese Person ist bereits ein laufender Hungerstreik erfasst.", "doppelt")
    return speichern(
        Hungerstreik(
            person_id=fall.person_id,
            fall=fall,
            anstalt=aktuelle_anstalt(fall),
            beginn=beginn,
            erfasst_am=timezone.now(),
            erfasst_durch=durch,
        ),
        durch=durch,
        grund="Hungerstreik erfasst (§ 39 JVG)",
    )


@transaction.atomic
def gespraech_erfassen(
    *, hungerstreik: Hungerstreik, am: datetime, inhalt: str, reaktion: str, durch
) -> Aufklaerungsgespraech:
    """§ 39 Abs. 1 (R-39-1): one medical information about the risks — physician, time, content, reaction."""
    h = _sperren(hungerstreik)
    berechtigung_pruefen(darf_gespraech_erfassen(durch, h.person_id), "Aufklärung über Risiken erfassen")
    if h.status == H.BEENDET:
        raise fehler("am", "Der Hungerstreik ist beendet.", "beendet")
    am = zeitpunkt(am, "am", nicht_vor=h.beginn)
    fehlend = {}
    if not inhalt.strip():
        fehlend["inhalt"] = "§ 39 Abs. 1 JVG (R-39-1): Den Inhalt der Aufklärung über die Risiken festhalten."
    if not reaktion.strip():
        fehlend["reaktion"] = "§ 39 Abs. 1 JVG (R-39-1): Die Reaktion der Person festhalten."
    if fehlend:
        raise ValidationError({k: ValidationError(v, code="leer") for k, v in fehlend.items()})
    return speichern(
        Aufklaerungsgespraech(
            hungerstreik=h,
            arzt=durch,
            am=am,
            inhalt=inhalt.strip(),
            reaktion=reaktion.strip(),
            erfasst_am=timezone.now(),
        ),
        durch=durch,
        grund="Aufklärung über Risiken (§ 39 Abs. 1 JVG)",
    )


@transaction.atomic
def patientenverfuegung_erfassen(
    *, person: Person, datum: date, dokument, lehnt_zwangsernaehrung_ab: bool, durch
) -> Patientenverfuegung:
    """§ 39 Abs. 2: record the person's Patientenverfügung (date, document, whether it refuses feeding)."""
    berechtigung_pruefen(darf_patientenverfuegung_erfassen(durch, person.pk), "Patientenverfügung erfassen")
    datum = datum_pruefen(datum, "datum", "§ 39 Abs. 2 JVG")
    if not dokument:
        raise fehler("dokument", "§ 39 Abs. 2 JVG: Die Patientenverfügung als Dokument beilegen.", "dokument")
    pv = Patientenverfuegung(
        person=person,
        datum=datum,
        lehnt_zwangsernaehrung_ab=bool(lehnt_zwangsernaehrung_ab),
        erfasst_am=timezone.now(),
        erfasst_durch=durch,
        sha256=datei_sha256(dokument),
    )
    pv.dokument.save(dokument.name.rsplit("/", 1)[-1], dokument, save=False)
    return speichern(pv, durch=durch, grund="Patientenverfügung erfasst (§ 39 Abs. 2 JVG)")


@transaction.atomic
def patientenverfuegung_widerrufen(*, patientenverfuegung: Patientenverfuegung, durch) -> Patientenverfuegung:
    pv = Patientenverfuegung.objects.select_for_update().get(pk=patientenverfuegung.pk)
    berechtigung_pruefen(
        ist_zugeteilte_aerztin(durch, pv.person_id) or ist_behoerde(durch), "Patientenverfügung widerrufen"
    )
    if pv.widerrufen_am is not None:
        raise fehler("widerrufen_am", "Die Patientenverfügung ist bereits widerrufen.", "doppelt")
    pv.widerrufen_am = timezone.now()
    return speichern(
        pv, durch=durch, grund="Widerruf der Patientenverfügung erfasst", felder=["widerrufen_am"]
    )


@transaction.atomic
def zustand_melden(
    *, hungerstreik: Hungerstreik, zustand: str, beurteilung: str, durch, am: datetime | None = None
) -> Hungerstreik:
    """§ 39 Abs. 3: the physician reports loss of consciousness or incapacity, with the assessment →
    task ZWANGSERNAEHRUNG_ENTSCHEIDEN for the authority (due now)."""
    h = _sperren(hungerstreik)
    berechtigung_pruefen(darf_zustand_melden(durch, h.person_id), "Zustand melden (§ 39 Abs. 3)")
    if h.status != H.LAUFEND:
        raise fehler("zustand", f"Der Hungerstreik ist «{h.get_status_display()}».", "status")
    if h.zustand:
        raise fehler("zustand", "Der Zustand ist bereits gemeldet.", "doppelt")
    if zustand not in Zustand39.values:
        raise fehler(
            "zustand",
            "§ 39 Abs. 3 JVG (R-39-1): Bewusstseinsverlust oder Urteilsunfähigkeit wählen.",
            "zustand",
        )
    if not beurteilung.strip():
        raise fehler(
            "beurteilung", "§ 39 Abs. 3 JVG (R-39-1): Die ärztliche Beurteilung festhalten.", "beurteilung"
        )
    h.zustand = zustand
    h.zustand_beurteilung = beurteilung.strip()
    h.zustand_am = zeitpunkt(am, "am", nicht_vor=h.beginn)
    h.zustand_arzt = durch
    h.entscheid_aufgabe = aufgabe_anlegen(
        art=ZwangsmedizinAufgabenart.ZWANGSERNAEHRUNG_ENTSCHEIDEN,
        titel=f"Zwangsernährung entscheiden (§ 39 Abs. 3 JVG): {person_name(h.person)}",
        fall=h.fall,
        fuer_rolle=Rolle.SACHBEARBEITUNG,
        faellig_am=timezone.now(),
        durch=durch,
    )
    return speichern(
        h,
        durch=durch,
        grund="Ärztliche Meldung (§ 39 Abs. 3 JVG)",
        felder=["zustand", "zustand_beurteilung", "zustand_am", "zustand_arzt", "entscheid_aufgabe"],
    )


def _anordnung_pruefen(h: Hungerstreik) -> None:
    # § 39 Abs. 2 first: a refusing Patientenverfügung is respected whatever the state.
    _sperre_39_2(h.person_id)
    if not h.zustand:
        raise fehler(
            "zustand",
            "§ 39 Abs. 3 JVG (R-39-1): Zwangsernährung nur bei Bewusstseinsverlust oder Urteilsunfähigkeit "
            "(ärztliche Meldung fehlt).",
            "zustand_fehlt",
        )


@transaction.atomic
def verfuegung_entwerfen(*, hungerstreik: Hungerstreik, begruendung: str, durch) -> Verfuegung:
    """§ 39 Abs. 3 (R-39-1): the authority drafts the order of force-feeding (type ZWANGSERNAEHRUNG_39).

    Steps: lock; permission (sachbearbeitung); hunger strike running; no live decision; § 39 Abs. 2
    Patientenverfügung blocks; state reported by the physician; reasons; draft in the shared lifecycle.
    """
    h = _sperren(hungerstreik)
    berechtigung_pruefen(darf_verfuegen(durch), "Zwangsernährung verfügen")
    if h.status != H.LAUFEND:
        raise fehler("status", f"Der Hungerstreik ist «{h.get_status_display()}».", "status")
    if (
        h.verfuegung_id
        and h.verfuegung.status != Verfuegungsstatus.AUFGEHOBEN
        and h.anordnung_beendet_am is None
    ):
        raise fehler("status", f"Es besteht bereits die Verfügung {h.verfuegung.nummer}.", "doppelt")
    _anordnung_pruefen(h)
    if not begruendung.strip():
        raise fehler(
            "begruendung", "§ 39 Abs. 3 JVG (R-39-1): Der Entscheid ist zu begründen.", "begruendung"
        )
    gespraeche = list(h.gespraeche.order_by("am"))
    arzt = h.zustand_arzt.get_full_name() or h.zustand_arzt.username
    sachverhalt = [
        f"{person_name(h.person)} verweigert seit dem {timezone.localtime(h.beginn):%d.%m.%Y} die Nahrung.",
        f"Ärztliche Aufklärung über die Risiken (§ 39 Abs. 1 JVG): {len(gespraeche)} {'Gespräch' if len(gespraeche) == 1 else 'Gespräche'}"
        + (": " + ", ".join(f"{timezone.localtime(g.am):%d.%m.%Y}" for g in gespraeche) if gespraeche else "")
        + ".",
        f"{arzt} meldete am {timezone.localtime(h.zustand_am):%d.%m.%Y %H:%M}: {Zustand39(h.zustand).label}. "
        f"{h.zustand_beurteilung}",
        "Eine Patientenverfügung, welche die Zwangsernährung ausdrücklich ablehnt, liegt nicht vor (§ 39 Abs. 2 JVG).",
    ]
    v = vfg.verfuegung_entwerfen(
        typ=Verfuegungstyp.ZWANGSERNAEHRUNG_39,
        person=h.person,
        fall=h.fall,
        daten=vfg.Entwurfsdaten(
            titel="Anordnung der Zwangsernährung",
            rechtsgrundlage="§ 39 Abs. 3 JVG",
            sachverhalt="\n\n".join(sachverhalt),
            begruendung=begruendung.strip(),
            dispositiv="\n".join(
                [
                    f"Für {person_name(h.person)} wird die Zwangsernährung unter ärztlicher Leitung angeordnet.",
                    "Einer allfälligen Beschwerde kommt keine aufschiebende Wirkung zu (§ 44 Abs. 1 lit. d JVG).",
                ]
            ),
        ),
        durch=durch,
        gegenstand=h,
    )
    h.verfuegung = v
    speichern(h, durch=durch, grund=f"Verfügung {v.nummer} entworfen", felder=["verfuegung"])
    return v


@transaction.atomic
def hungerstreik_beenden(*, hungerstreik: Hungerstreik, durch, am: datetime | None = None) -> Hungerstreik:
    h = _sperren(hungerstreik)
    berechtigung_pruefen(darf_hungerstreik_beenden(durch, h.person_id), "Hungerstreik beenden")
    if h.status == H.BEENDET:
        raise fehler("am", "Der Hungerstreik ist bereits beendet.", "doppelt")
    h.beendet_am = zeitpunkt(am, "am", nicht_vor=h.beginn)
    h.status = H.BEENDET
    aufgabe_erledigen(h.entscheid_aufgabe, durch=durch)
    return speichern(h, durch=durch, grund="Hungerstreik beendet", felder=["beendet_am", "status"])


def eroeffnung_pruefen(v: Verfuegung, am: datetime, muendlich_am: datetime | None) -> None:
    """R-39-1 at Eröffnung, whichever page or API notifies (a Patientenverfügung may have come in)."""
    h = Hungerstreik.objects.filter(verfuegung=v).first()
    if h is None:
        raise fehler(
            "typ",
            "§ 39 Abs. 3 JVG (R-39-1): Die Zwangsernährung wird auf ärztliche Meldung eines Hungerstreiks "
            "verfügt (Modul Zwangsmedizin).",
            "ohne_hungerstreik",
        )
    if h.status != H.LAUFEND:
        raise fehler("status", f"Der Hungerstreik ist «{h.get_status_display()}».", "status")
    _anordnung_pruefen(h)


def nach_eroeffnung(v: Verfuegung, durch) -> None:
    h = _sperren(Hungerstreik.objects.get(verfuegung=v))
    h.status = H.ANGEORDNET
    h.angeordnet_am = v.muendlich_eroeffnet_am or v.eroeffnet_am
    # A new order after a lifted one: the end of the old order stays in history.
    h.anordnung_beendet_am = None
    h.anordnung_beendet_grund = ""
    aufgabe_erledigen(h.entscheid_aufgabe, durch=durch)
    speichern(
        h,
        durch=durch,
        grund=f"Zwangsernährung angeordnet mit Verfügung {v.nummer}",
        felder=["status", "angeordnet_am", "anordnung_beendet_am", "anordnung_beendet_grund"],
    )


def nach_aufhebung(aufhebung) -> None:
    """Issue 23 (registered with `kern.erweiterungen.nach_aufhebung`): the § 39 order was lifted or set
    aside on appeal → force-feeding may no longer be carried out. The order ends now (date and reason; the
    reason is a health field, kept out of history); the hunger strike itself goes on (status «laufend»), so
    the authority may order anew on a new finding. History reason: the event, no free text."""
    h = Hungerstreik.objects.select_for_update().filter(verfuegung=aufhebung.verfuegung).first()
    if h is None or h.status != H.ANGEORDNET:
        return
    h.status = H.LAUFEND
    h.anordnung_beendet_am = aufhebung.am
    h.anordnung_beendet_grund = aufhebung.grund
    speichern(
        h,
        durch=aufhebung.durch,
        grund=aufhebung.anlass,
        felder=["status", "anordnung_beendet_am", "anordnung_beendet_grund"],
    )
