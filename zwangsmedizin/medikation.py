"""Zwangsmedikation (§§ 34–38 JVG): every write is one function here (STYLE §2).

Rules: R-35-1 (voluntary measures failed + ground a/b/c), R-36-1 (authority decides on report and
request; urgent physician decision reviewed afterwards), R-37-1 (information before the order unless
Gefahr im Verzug; relatives on request; Einweisungsbehörde informed), R-38-1 (Art. 59/63 StGB only,
forensic recommendation, specialist supervision, periodic review and re-ordering). The decision of the
authority is a Verfügung of type ZWANGSMEDIKATION_36 in the shared lifecycle (Gehör R-0-GEHOER-1,
four-eyes, Eröffnung, PDF, appeal: 20 days to the JSD, no suspensive effect per § 44 Abs. 1 lit. c).
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kern import fristen
from kern.audit import speichern
from kern.dateien import datei_sha256
from kern.fristen import tagesende
from kern.rollen import Rolle, berechtigung_pruefen
from verfuegungen import domain as vfg
from verfuegungen.models import Verfuegung
from verfuegungen.recht import Verfuegungsstatus, Verfuegungstyp
from vollzug.models import Vollzugsfall
from vollzug.recht import VollzugAufgabenart
from zwangsmedizin.enums import (
    Anordnungsweg,
    Grund35,
    Medikationsart,
    Medikationsstatus,
    Nachpruefung,
    ZwangsmedizinAufgabenart,
)
from zwangsmedizin.models import Zwangsmedikation
from zwangsmedizin.regeln import (
    aktuelle_anstalt,
    aufgabe_anlegen,
    aufgabe_erledigen,
    datum_pruefen,
    fehler,
    ist_anstaltsleitung_von,
    ist_behoerde,
    ist_zugeteilte_aerztin,
    massnahme_38_pruefen,
    offener_fall_pruefen,
    person_name,
    zeitpunkt,
)

S = Medikationsstatus


@dataclass(frozen=True)
class Medikationsdaten:
    """The physician's report and request (§ 36 Abs. 1), with the § 38 items when `art` is § 38."""

    art: str
    bericht: str
    medikament: str
    dosierung: str
    geplante_dauer: str
    freiwillige_massnahmen: str
    grund: str = ""
    grund_begruendung: str = ""
    empfehlung_arzt: str = ""
    empfehlung_datum: date | None = None
    fachaerztliche_leitung: str = ""
    langfristig: bool = False


def _sperren(medikation: Zwangsmedikation) -> Zwangsmedikation:
    return (
        Zwangsmedikation.objects.select_for_update(of=("self",))
        .select_related("person", "fall", "anstalt", "verfuegung")
        .get(pk=medikation.pk)
    )


def _daten_pruefen(daten: Medikationsdaten, fall: Vollzugsfall, empfehlung_dokument) -> None:
    """R-35-1 and R-38-1 on the request; every missing item at its field, all at once."""
    if daten.art not in Medikationsart.values:
        raise fehler("art", "Unbekannte Art der Zwangsmedikation (§ 35 oder § 38 JVG).", "art")
    fehlend = {}
    for feld, text in (
        ("bericht", "§ 36 Abs. 1 JVG (R-36-1): Der ärztliche Bericht ist erforderlich."),
        ("medikament", "§ 36 Abs. 1 JVG (R-36-1): Das Medikament angeben."),
        ("dosierung", "§ 36 Abs. 1 JVG (R-36-1): Dosierung und Verabreichungsform angeben."),
        ("geplante_dauer", "§ 36 Abs. 1 JVG (R-36-1): Die geplante Dauer angeben."),
        (
            "freiwillige_massnahmen",
            "§ 35 Abs. 2 JVG (R-35-1): Zwangsmedikation nur, wenn freiwillige Massnahmen versagt haben oder "
            "nicht zur Verfügung stehen – diese Massnahmen angeben.",
        ),
    ):
        if not (getattr(daten, feld) or "").strip():
            fehlend[feld] = text
    if daten.art == Medikationsart.ORDENTLICH and daten.grund not in Grund35.values:
        fehlend["grund"] = (
            "§ 35 Abs. 2 JVG (R-35-1): Einen Grund nach lit. a (Eigengefährdung), b (unmittelbare Gefahr für "
            "Dritte) oder c (schwerwiegende Störung des Zusammenlebens) angeben."
        )
    if daten.art == Medikationsart.MASSNAHMENINDIZIERT:
        if daten.grund and daten.grund not in Grund35.values:
            fehlend["grund"] = "Unbekannter Grund nach § 35 Abs. 2 JVG."
        if not daten.empfehlung_arzt.strip():
            fehlend["empfehlung_arzt"] = (
                "§ 38 Abs. 2 JVG (R-38-1): Nur auf Empfehlung einer forensisch-psychiatrischen Ärztin oder eines "
                "forensisch-psychiatrischen Arztes – Name angeben."
            )
        if daten.empfehlung_datum is None:
            fehlend["empfehlung_datum"] = "§ 38 Abs. 2 JVG (R-38-1): Datum der Empfehlung angeben."
        else:
            try:
                datum_pruefen(daten.empfehlung_datum, "empfehlung_datum", "§ 38 Abs. 2 JVG (R-38-1)")
            except ValidationError as exc:
                fehlend.update({k: v[0].message for k, v in exc.error_dict.items()})
        if not empfehlung_dokument:
            fehlend["empfehlung_dokument"] = "§ 38 Abs. 2 JVG (R-38-1): Die Empfehlung als Dokument beilegen."
        if not daten.fachaerztliche_leitung.strip():
            fehlend["fachaerztliche_leitung"] = (
                "§ 38 Abs. 3 JVG (R-38-1): Die fachärztliche Leitung der Durchführung benennen."
            )
    elif daten.langfristig:
        fehlend["langfristig"] = "§ 38 Abs. 4 JVG: Die periodische Neuanordnung gilt nur für § 38."
    if fehlend:
        raise ValidationError({k: ValidationError(v, code="r_35_38") for k, v in fehlend.items()})
    if daten.art == Medikationsart.MASSNAHMENINDIZIERT:
        massnahme_38_pruefen(fall)


def _anlegen(
    *, fall, daten, durch, weg, status, empfehlung_dokument, vorgaenger, **extra
) -> Zwangsmedikation:
    m = Zwangsmedikation(
        person_id=fall.person_id,
        fall=fall,
        anstalt=aktuelle_anstalt(fall),
        art=daten.art,
        weg=weg,
        status=status,
        arzt=durch,
        erfasst_am=timezone.now(),
        bericht=daten.bericht.strip(),
        medikament=daten.medikament.strip(),
        dosierung=daten.dosierung.strip(),
        geplante_dauer=daten.geplante_dauer.strip(),
        freiwillige_massnahmen=daten.freiwillige_massnahmen.strip(),
        grund=daten.grund,
        grund_begruendung=daten.grund_begruendung.strip(),
        empfehlung_arzt=daten.empfehlung_arzt.strip(),
        empfehlung_datum=daten.empfehlung_datum,
        fachaerztliche_leitung=daten.fachaerztliche_leitung.strip(),
        langfristig=daten.langfristig,
        vorgaenger=vorgaenger,
        **extra,
    )
    if empfehlung_dokument:
        m.empfehlung_sha256 = datei_sha256(empfehlung_dokument)
        m.empfehlung_dokument.save(
            empfehlung_dokument.name.rsplit("/", 1)[-1], empfehlung_dokument, save=False
        )
    return m


@transaction.atomic
def antrag_stellen(
    *,
    fall: Vollzugsfall,
    daten: Medikationsdaten,
    durch,
    empfehlung_dokument=None,
    vorgaenger: Zwangsmedikation | None = None,
) -> Zwangsmedikation:
    """§ 36 Abs. 1 (R-36-1): the assigned physician's report and request to the authority.

    Steps: permission (medizin, assigned to the person); open case; R-35-1 / R-38-1 on the content;
    for a re-ordering (§ 38 Abs. 4) the predecessor is an order in force of the same person; save with
    history; task ZWANGSMEDIKATION_ANTRAG for the authority.
    """
    berechtigung_pruefen(ist_zugeteilte_aerztin(durch, fall.person_id), "Antrag auf Zwangsmedikation stellen")
    offener_fall_pruefen(fall)
    _daten_pruefen(daten, fall, empfehlung_dokument)
    if vorgaenger is not None:
        if (
            vorgaenger.person_id != fall.person_id
            or vorgaenger.art != Medikationsart.MASSNAHMENINDIZIERT
            or vorgaenger.status != S.ANGEORDNET
            or daten.art != Medikationsart.MASSNAHMENINDIZIERT
        ):
            raise fehler(
                "vorgaenger",
                "§ 38 Abs. 4 JVG (R-38-1): Neu angeordnet wird nur eine angeordnete massnahmenindizierte "
                "Zwangsmedikation derselben Person.",
                "vorgaenger",
            )
        if Zwangsmedikation.objects.filter(vorgaenger=vorgaenger).exists():
            raise fehler(
                "vorgaenger", "Zu dieser Anordnung ist bereits eine Neuanordnung beantragt.", "doppelt"
            )
    m = _anlegen(
        fall=fall,
        daten=daten,
        durch=durch,
        weg=Anordnungsweg.ANTRAG,
        status=S.BEANTRAGT,
        empfehlung_dokument=empfehlung_dokument,
        vorgaenger=vorgaenger,
    )
    speichern(m, durch=durch, grund="Bericht und Antrag (§ 36 Abs. 1 JVG)")
    m.antrag_aufgabe = aufgabe_anlegen(
        art=ZwangsmedizinAufgabenart.ZWANGSMEDIKATION_ANTRAG,
        titel=f"Antrag auf Zwangsmedikation entscheiden (§ 36 Abs. 1 JVG): {person_name(fall.person)}",
        fall=fall,
        fuer_rolle=Rolle.SACHBEARBEITUNG,
        faellig_am=tagesende(fristen.erster_arbeitstag_nach(m.erfasst_am)),
        durch=durch,
    )
    return speichern(m, durch=durch, grund="Aufgabe an die Vollzugsbehörde", felder=["antrag_aufgabe"])


def _einweisungsbehoerde_aufgabe(m: Zwangsmedikation, durch) -> None:
    """§ 37 Abs. 3 (R-37-1): the facility's management informs the Einweisungsbehörde at once."""
    if m.einweisung_aufgabe_id is not None:
        return
    m.einweisung_aufgabe = aufgabe_anlegen(
        art=VollzugAufgabenart.EINWEISUNGSBEHOERDE_INFORMIEREN,
        titel=f"Einweisungsbehörde umgehend über Zwangsmedikation informieren (§ 37 Abs. 3 JVG): "
        f"{person_name(m.person)}",
        fall=m.fall,
        fuer_rolle=Rolle.ANSTALTSLEITUNG if m.anstalt_id else Rolle.SACHBEARBEITUNG,
        anstalt=m.anstalt,
        faellig_am=timezone.now(),
        durch=durch,
    )
    speichern(m, durch=durch, grund="Aufgabe: Einweisungsbehörde informieren", felder=["einweisung_aufgabe"])


def _aufklaerung_oder_giv(aufgeklaert_am, gefahr_im_verzug_begruendung: str) -> None:
    if aufgeklaert_am is None and not gefahr_im_verzug_begruendung.strip():
        raise fehler(
            "aufgeklaert_am",
            "§ 37 Abs. 1 JVG (R-37-1): Vor der Anordnung ist die Person über die Massnahme und das "
            "Beschwerderecht aufzuklären – Zeitpunkt erfassen oder Gefahr im Verzug begründen.",
            "aufklaerung_fehlt",
        )


@transaction.atomic
def dringlich_anordnen(
    *,
    fall: Vollzugsfall,
    daten: Medikationsdaten,
    dringlich_begruendung: str,
    durch,
    aufgeklaert_am: datetime | None = None,
    gefahr_im_verzug_begruendung: str = "",
) -> Zwangsmedikation:
    """§ 36 Abs. 2 (R-36-1): in urgency the physician decides, "nach ethischen Grundsätzen".

    Steps: permission; open case; § 38 is ordered in writing by the authority (no urgent path);
    R-35-1 on the content; reasons of urgency; § 37 Abs. 1 information or Gefahr im Verzug (R-37-1);
    save (status dringlich, ordered now); tasks: review by the authority (ZWANGSMEDIKATION_PRUEFEN,
    due the next working day) and § 37 Abs. 3 information of the Einweisungsbehörde.
    """
    berechtigung_pruefen(
        ist_zugeteilte_aerztin(durch, fall.person_id), "Dringliche Zwangsmedikation anordnen"
    )
    offener_fall_pruefen(fall)
    if daten.art != Medikationsart.ORDENTLICH:
        raise fehler(
            "art",
            "§ 38 Abs. 1 JVG (R-38-1): Die massnahmenindizierte Zwangsmedikation ordnet die Behörde schriftlich "
            "an; der dringliche ärztliche Entscheid (§ 36 Abs. 2) gilt nur für § 35.",
            "dringlich_38",
        )
    _daten_pruefen(daten, fall, None)
    if not dringlich_begruendung.strip():
        raise fehler(
            "dringlich_begruendung",
            "§ 36 Abs. 2 JVG (R-36-1): Die zeitliche Dringlichkeit ist zu begründen.",
            "dringlich_begruendung",
        )
    jetzt = timezone.now()
    if aufgeklaert_am is not None:
        aufgeklaert_am = zeitpunkt(aufgeklaert_am, "aufgeklaert_am")
    _aufklaerung_oder_giv(aufgeklaert_am, gefahr_im_verzug_begruendung)
    m = _anlegen(
        fall=fall,
        daten=daten,
        durch=durch,
        weg=Anordnungsweg.DRINGLICH,
        status=S.DRINGLICH_ANGEORDNET,
        empfehlung_dokument=None,
        vorgaenger=None,
        dringlich_begruendung=dringlich_begruendung.strip(),
        angeordnet_am=jetzt,
        aufgeklaert_am=aufgeklaert_am,
        aufgeklaert_durch=durch if aufgeklaert_am else None,
        gefahr_im_verzug_begruendung=gefahr_im_verzug_begruendung.strip(),
        gefahr_im_verzug_am=jetzt if gefahr_im_verzug_begruendung.strip() else None,
    )
    speichern(m, durch=durch, grund="Dringliche ärztliche Anordnung (§ 36 Abs. 2 JVG)")
    m.pruef_aufgabe = aufgabe_anlegen(
        art=ZwangsmedizinAufgabenart.ZWANGSMEDIKATION_PRUEFEN,
        titel=f"Dringliche Zwangsmedikation nachträglich prüfen (§ 36 Abs. 2 JVG): {person_name(fall.person)}",
        fall=fall,
        fuer_rolle=Rolle.SACHBEARBEITUNG,
        faellig_am=tagesende(fristen.erster_arbeitstag_nach(jetzt)),
        durch=durch,
    )
    speichern(m, durch=durch, grund="Aufgabe: Nachprüfung", felder=["pruef_aufgabe"])
    _einweisungsbehoerde_aufgabe(m, durch)
    return m


def _darf_aufklaeren(user, m: Zwangsmedikation) -> bool:
    return ist_zugeteilte_aerztin(user, m.person_id) or ist_behoerde(user)


@transaction.atomic
def aufklaerung_erfassen(
    *, medikation: Zwangsmedikation, durch, am: datetime | None = None
) -> Zwangsmedikation:
    """§ 37 Abs. 1 (R-37-1): the person was informed about the measure and the right of appeal.

    Before the order (request pending), or afterwards where Gefahr im Verzug was recorded.
    """
    m = _sperren(medikation)
    berechtigung_pruefen(_darf_aufklaeren(durch, m), "Aufklärung erfassen")
    if m.aufgeklaert_am is not None:
        raise fehler("aufgeklaert_am", "Die Aufklärung ist bereits erfasst.", "doppelt")
    if m.status != S.BEANTRAGT and not m.gefahr_im_verzug_begruendung:
        raise fehler(
            "aufgeklaert_am",
            "§ 37 Abs. 1 JVG (R-37-1): Die Aufklärung erfolgt vor der Anordnung.",
            "zu_spaet",
        )
    m.aufgeklaert_am = zeitpunkt(
        am, "aufgeklaert_am", nicht_vor=m.erfasst_am if m.status == S.BEANTRAGT else None
    )
    m.aufgeklaert_durch = durch
    nachtraeglich = m.status != S.BEANTRAGT
    return speichern(
        m,
        durch=durch,
        grund="Aufklärung nachgeholt (Gefahr im Verzug, § 37 Abs. 1 JVG)"
        if nachtraeglich
        else "Aufklärung (§ 37 Abs. 1 JVG)",
        felder=["aufgeklaert_am", "aufgeklaert_durch"],
    )


@transaction.atomic
def gefahr_im_verzug_erfassen(*, medikation: Zwangsmedikation, begruendung: str, durch) -> Zwangsmedikation:
    """§ 37 Abs. 1 (R-37-1): the exception; the information follows after the order."""
    m = _sperren(medikation)
    berechtigung_pruefen(_darf_aufklaeren(durch, m), "Gefahr im Verzug erfassen")
    if m.status != S.BEANTRAGT:
        raise fehler("begruendung", "Gefahr im Verzug wird vor der Anordnung vermerkt.", "status")
    if m.aufgeklaert_am is not None or m.gefahr_im_verzug_begruendung:
        raise fehler("begruendung", "Aufklärung oder Gefahr im Verzug ist bereits erfasst.", "doppelt")
    if not begruendung.strip():
        raise fehler(
            "begruendung", "§ 37 Abs. 1 JVG (R-37-1): Gefahr im Verzug ist zu begründen.", "begruendung_fehlt"
        )
    m.gefahr_im_verzug_begruendung = begruendung.strip()
    m.gefahr_im_verzug_am = timezone.now()
    return speichern(
        m,
        durch=durch,
        grund="Gefahr im Verzug (§ 37 Abs. 1 JVG)",
        felder=["gefahr_im_verzug_begruendung", "gefahr_im_verzug_am"],
    )


@transaction.atomic
def angehoerige_wunsch_erfassen(
    *, medikation: Zwangsmedikation, person_bezeichnung: str, durch
) -> Zwangsmedikation:
    """§ 37 Abs. 1 Satz 2 (R-37-1): on the person's request relatives or a named close person are
    informed without delay → task ANGEHOERIGE_INFORMIEREN for the authority (due now)."""
    m = _sperren(medikation)
    berechtigung_pruefen(_darf_aufklaeren(durch, m), "Wunsch auf Information Angehöriger erfassen")
    if m.angehoerige_wunsch_am is not None:
        raise fehler("person_bezeichnung", "Der Wunsch ist bereits erfasst.", "doppelt")
    if m.status not in (S.BEANTRAGT, S.DRINGLICH_ANGEORDNET, S.ANGEORDNET):
        raise fehler("person_bezeichnung", f"Die Zwangsmedikation ist «{m.get_status_display()}».", "status")
    if not person_bezeichnung.strip():
        raise fehler(
            "person_bezeichnung",
            "§ 37 Abs. 1 JVG (R-37-1): Die zu informierende Person (Angehörige oder nahestehende Person) nennen.",
            "leer",
        )
    m.angehoerige_wunsch_am = timezone.now()
    m.angehoerige_person = person_bezeichnung.strip()[:200]
    m.angehoerige_aufgabe = aufgabe_anlegen(
        art=ZwangsmedizinAufgabenart.ANGEHOERIGE_INFORMIEREN,
        titel=f"Angehörige/nahestehende Person unverzüglich informieren (§ 37 Abs. 1 JVG): {person_name(m.person)}",
        fall=m.fall,
        fuer_rolle=Rolle.SACHBEARBEITUNG,
        faellig_am=m.angehoerige_wunsch_am,
        durch=durch,
    )
    return speichern(
        m,
        durch=durch,
        grund="Wunsch auf Information Angehöriger (§ 37 Abs. 1 JVG)",
        felder=["angehoerige_wunsch_am", "angehoerige_person", "angehoerige_aufgabe"],
    )


@transaction.atomic
def angehoerige_informiert(
    *, medikation: Zwangsmedikation, durch, am: datetime | None = None
) -> Zwangsmedikation:
    m = _sperren(medikation)
    berechtigung_pruefen(_darf_aufklaeren(durch, m), "Information Angehöriger erfassen")
    if m.angehoerige_wunsch_am is None:
        raise fehler("am", "§ 37 Abs. 1 JVG: Die Person hat keine Information gewünscht.", "kein_wunsch")
    if m.angehoerige_informiert_am is not None:
        raise fehler("am", "Die Information ist bereits erfasst.", "doppelt")
    m.angehoerige_informiert_am = zeitpunkt(am, "am", nicht_vor=m.angehoerige_wunsch_am)
    m.angehoerige_informiert_durch = durch
    aufgabe_erledigen(m.angehoerige_aufgabe, durch=durch, am=m.angehoerige_informiert_am)
    return speichern(
        m,
        durch=durch,
        grund="Angehörige informiert (§ 37 Abs. 1 JVG)",
        felder=["angehoerige_informiert_am", "angehoerige_informiert_durch"],
    )


@transaction.atomic
def einweisungsbehoerde_informiert(
    *, medikation: Zwangsmedikation, durch, am: datetime | None = None
) -> Zwangsmedikation:
    """§ 37 Abs. 3 (R-37-1): the facility's management records when it informed the Einweisungsbehörde
    (the task's completion time is the timestamp)."""
    m = _sperren(medikation)
    aufgabe = m.einweisung_aufgabe
    if aufgabe is None:
        raise fehler(
            "am", "Zu dieser Zwangsmedikation ist (noch) keine Anordnung zu melden.", "keine_anordnung"
        )
    erlaubt = (
        ist_anstaltsleitung_von(durch, m.person_id) and durch.anstalt_id == aufgabe.anstalt_id
        if aufgabe.anstalt_id
        else ist_behoerde(durch)
    )
    berechtigung_pruefen(erlaubt, "Information der Einweisungsbehörde erfassen")
    if aufgabe.erledigt_am is not None:
        raise fehler("am", "Die Information der Einweisungsbehörde ist bereits erfasst.", "doppelt")
    am = zeitpunkt(am, "am", nicht_vor=m.angeordnet_am)
    aufgabe_erledigen(aufgabe, durch=durch, am=am)
    return m


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
            monate = settings.JVG_ZWANGSMEDIKATION_38_UEBERPRUEFUNG_MONATE
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
        frist = fristen.monatsfrist(m.angeordnet_am, settings.JVG_ZWANGSMEDIKATION_38_UEBERPRUEFUNG_MONATE)
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
