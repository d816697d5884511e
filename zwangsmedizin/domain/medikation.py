"""Zwangsmedikation (§§ 34–38 JVG): the physician's report and request (R-35-1, R-36-1) and the urgent order
of the physician (§ 36 Abs. 2), with the § 38 checks (Art. 59/63 StGB only, forensic recommendation, specialist
supervision)."""

from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kern import fristen
from kern.audit import speichern
from kern.dateien import datei_sha256
from kern.fristen import tagesende
from kern.rollen import Rolle, berechtigung_pruefen
from vollzug.models import Sanktion, Vollzugsfall
from vollzug.recht import VollzugAufgabenart
from zwangsmedizin.domain._hilfen import (
    aktuelle_anstalt,
    aufgabe_anlegen,
    datum_pruefen,
    fehler,
    offener_fall_pruefen,
    person_name,
    zeitpunkt,
)
from zwangsmedizin.models import Zwangsmedikation
from zwangsmedizin.permissions import (
    darf_medikation_beantragen,
)
from zwangsmedizin.recht import (
    SANKTIONEN_38,
    Anordnungsweg,
    Grund35,
    Medikationsart,
    Medikationsstatus,
    ZwangsmedizinAufgabenart,
    sanktion_ist_massnahme_59_63,
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
    berechtigung_pruefen(
        darf_medikation_beantragen(durch, fall.person_id), "Antrag auf Zwangsmedikation stellen"
    )
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
        darf_medikation_beantragen(durch, fall.person_id), "Dringliche Zwangsmedikation anordnen"
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


def massnahme_59_63_vorhanden(fall: Vollzugsfall) -> bool:
    """R-38-1: the case executes an Art. 59 or Art. 63 StGB measure (`recht.sanktion_ist_massnahme_59_63`)."""
    return any(
        sanktion_ist_massnahme_59_63(art, bemerkung)
        for art, bemerkung in Sanktion.objects.filter(
            entscheid__fall=fall, art__in=SANKTIONEN_38
        ).values_list("art", "bemerkung")
    )


def massnahme_38_pruefen(fall: Vollzugsfall) -> None:
    if not massnahme_59_63_vorhanden(fall):
        raise fehler(
            "art",
            "§ 38 Abs. 1 JVG (R-38-1): Massnahmenindizierte Zwangsmedikation nur bei einer stationären "
            "therapeutischen Massnahme nach Art. 59 StGB oder einer ambulanten Massnahme nach Art. 63 StGB "
            "– nicht bei Freiheitsstrafe oder Verwahrung (Art. 64 StGB).",
            "keine_massnahme_59_63",
        )
