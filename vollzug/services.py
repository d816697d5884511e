"""Every write of the Vollzug case core goes through one function here (STYLE §2).

UI views, the REST API and Celery jobs call these functions; they check permission, validate with
messages that name the §, save with history (actor = `durch`) and trigger side effects.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from kern import ereignisse, erweiterungen, rollen
from kern.audit import naechste_nummer, speichern, system_benutzer
from kern.dateien import datei_sha256
from kern.models import Aufgabe
from kern.rollen import Rolle, berechtigung_pruefen
from vollzug.enums import FREIHEITSSTRAFEN, Fallstatus, Platzierungsart, Sanktionsart, VollzugAufgabenart
from vollzug.models import Anstalt, Dokument, Entscheid, Person, Platzierung, Sanktion, Vollzugsfall
from vollzug.validators import ahv_normalisieren, validate_ahv_nummer


@dataclass(frozen=True)
class EntscheidDaten:
    art: str
    behoerde: str
    referenz: str
    entscheid_datum: date
    rechtskraft_am: date


@dataclass(frozen=True)
class SanktionDaten:
    art: str
    vollzugsform: str = ""
    dauer_jahre: int = 0
    dauer_monate: int = 0
    dauer_tage: int = 0
    stunden: int = 0
    bemerkung: str = ""


@dataclass(frozen=True)
class DokumentDaten:
    titel: str
    datei: UploadedFile = field(repr=False)


@transaction.atomic
def person_erfassen(
    *, amtlicher_name: str, vorname: str, geschlecht: str, geburtsdatum: date, ahv_nummer: str = "", durch
) -> Person:
    """Record a person (eCH-0044 names). Steps: permission, AHV check digit (model validator), number, save."""
    berechtigung_pruefen(rollen.darf_person_erfassen(durch), "Person erfassen")
    person = Person(
        amtlicher_name=amtlicher_name.strip(),
        vorname=vorname.strip(),
        geschlecht=geschlecht,
        geburtsdatum=geburtsdatum,
        ahv_nummer=ahv_normalisieren(ahv_nummer),
    )
    if geburtsdatum and geburtsdatum > timezone.localdate():
        raise ValidationError(
            {
                "geburtsdatum": ValidationError(
                    "Das Geburtsdatum liegt in der Zukunft.", code="geburtsdatum_zukunft"
                )
            }
        )
    if ahv_nummer:
        # Check what the user typed (dotted or plain) before normalising, so the message fits the input.
        try:
            validate_ahv_nummer(ahv_nummer.strip())
        except ValidationError as exc:
            raise ValidationError({"ahv_nummer": exc}) from exc
    if person.ahv_nummer and Person.objects.filter(ahv_nummer=person.ahv_nummer).exists():
        raise ValidationError(
            {
                "ahv_nummer": ValidationError(
                    "R-12-1: Zu dieser AHV-Nummer ist bereits eine Person erfasst.", code="ahv_doppelt"
                )
            }
        )
    person.full_clean(exclude=["personennummer"])
    person.personennummer = f"P-{naechste_nummer('person'):06d}"
    try:
        with transaction.atomic():
            return speichern(person, durch=durch, grund="Person erfasst")
    except IntegrityError as exc:
        # A concurrent request recorded the same AHV number between our check and the insert.
        raise ValidationError(
            {
                "ahv_nummer": ValidationError(
                    "R-12-1: Zu dieser AHV-Nummer ist bereits eine Person erfasst.", code="ahv_doppelt"
                )
            }
        ) from exc


def _pruefe_sanktion(s: SanktionDaten, index: int) -> None:
    """R-1-1: the sanction kinds of §1 with what each needs to be executable."""
    fehler = {}
    if s.art not in Sanktionsart.values:
        fehler["art"] = "Unbekannte Sanktionsart (§ 1 JVG, R-1-1)."
    elif s.art in FREIHEITSSTRAFEN and not (s.dauer_jahre or s.dauer_monate or s.dauer_tage):
        fehler["dauer_tage"] = (
            "§ 1 JVG (R-1-1): Eine Freiheitsstrafe braucht eine Dauer (Jahre, Monate oder Tage)."
        )
    elif s.art == Sanktionsart.GEMEINNUETZIGE_ARBEIT and not s.stunden:
        fehler["stunden"] = "§ 1 Abs. 1 lit. b JVG (R-1-1): Gemeinnützige Arbeit braucht die Anzahl Stunden."
    if s.vollzugsform and s.art not in (Sanktionsart.FREIHEITSSTRAFE, Sanktionsart.ERSATZFREIHEITSSTRAFE):
        fehler["vollzugsform"] = (
            "§ 16 JVG (R-1-1): Eine besondere Vollzugsform gibt es nur für Freiheits- und Ersatzfreiheitsstrafen."
        )
    if s.dauer_monate >= 12:
        fehler["dauer_monate"] = "Monate: höchstens 11 (sonst Jahre angeben)."
    if fehler:
        raise ValidationError({f"sanktionen[{index}].{k}": v for k, v in fehler.items()})


@transaction.atomic
def fall_erfassen(
    *,
    person: Person,
    entscheid: EntscheidDaten,
    sanktionen: list[SanktionDaten],
    dokumente: list[DokumentDaten] = (),
    eingang_am: date | None = None,
    durch,
) -> Vollzugsfall:
    """R-12-1 (§12): open a case from a legally binding judgment or penal order.

    Steps: permission; the decision must be in force (Rechtskraft not in the future) and not yet
    delivered (authority + reference unique); at least one valid sanction; save case, decision,
    sanctions and documents with history; all or nothing.
    """
    berechtigung_pruefen(rollen.darf_fall_erfassen(durch), "Vollzugsfall erfassen")
    heute = timezone.localdate()
    eingang_am = eingang_am or heute
    if eingang_am > heute:
        raise ValidationError(
            {
                "eingang_am": ValidationError(
                    "Der Eingang kann nicht in der Zukunft liegen.", code="eingang_zukunft"
                )
            }
        )
    if entscheid.rechtskraft_am > heute:
        raise ValidationError(
            {
                "rechtskraft_am": ValidationError(
                    "§ 12 JVG (R-12-1): Nur rechtskräftige Entscheide werden vollzogen – "
                    "das Datum der Rechtskraft liegt in der Zukunft.",
                    code="nicht_rechtskraeftig",
                )
            }
        )
    if entscheid.rechtskraft_am < entscheid.entscheid_datum:
        raise ValidationError(
            {
                "rechtskraft_am": ValidationError(
                    "Die Rechtskraft kann nicht vor dem Entscheiddatum eintreten.",
                    code="rechtskraft_vor_entscheid",
                )
            }
        )
    vorhanden = (
        Entscheid.objects.filter(behoerde=entscheid.behoerde, referenz=entscheid.referenz)
        .select_related("fall")
        .first()
    )
    if vorhanden:
        raise ValidationError(
            {
                "referenz": ValidationError(
                    f"§ 12 JVG (R-12-1): Dieser Entscheid ist bereits im Fall {vorhanden.fall.fallnummer} erfasst.",
                    code="entscheid_doppelt",
                )
            }
        )
    if not sanktionen:
        raise ValidationError(
            {
                "sanktionen": ValidationError(
                    "§ 12 JVG (R-12-1): Mindestens eine Sanktion angeben.", code="keine_sanktion"
                )
            }
        )
    for i, s in enumerate(sanktionen):
        _pruefe_sanktion(s, i)

    fall = Vollzugsfall(
        fallnummer=f"VF-{eingang_am.year}-{naechste_nummer(f'fall-{eingang_am.year}'):05d}",
        person=person,
        eingang_am=eingang_am,
        erfasst_durch=durch,
    )
    speichern(fall, durch=durch, grund="Fall erfasst (§ 12 JVG)")
    try:
        with transaction.atomic():
            ent = speichern(
                Entscheid(fall=fall, **entscheid.__dict__),
                durch=durch,
                grund="Entscheid zugestellt (§ 12 JVG)",
            )
    except IntegrityError as exc:
        # A concurrent delivery of the same decision won the race (constraint entscheid_behoerde_referenz_eindeutig).
        raise ValidationError(
            {
                "referenz": ValidationError(
                    "§ 12 JVG (R-12-1): Dieser Entscheid ist bereits erfasst.", code="entscheid_doppelt"
                )
            }
        ) from exc
    for s in sanktionen:
        speichern(Sanktion(entscheid=ent, **s.__dict__), durch=durch)
    for d in dokumente:
        dokument_hinzufuegen(fall=fall, titel=d.titel, datei=d.datei, durch=durch)
    return fall


def dokument_hinzufuegen(*, fall: Vollzugsfall, titel: str, datei: UploadedFile, durch) -> Dokument:
    berechtigung_pruefen(rollen.darf_fall_erfassen(durch), "Dokument ablegen")
    return speichern(
        Dokument(fall=fall, titel=titel, datei=datei, sha256=datei_sha256(datei), hochgeladen_durch=durch),
        durch=durch,
    )


def _zeitpunkt_pruefen(am: datetime, feld: str) -> None:
    if timezone.is_naive(am):
        raise ValidationError({feld: ValidationError("Zeitpunkt ohne Zeitzone.", code="naiv")})
    if am > timezone.now() + timedelta(minutes=5):
        raise ValidationError(
            {
                feld: ValidationError(
                    "R-0-BAD-1: Der Zeitpunkt kann nicht in der Zukunft liegen (keine vordatierten Einträge).",
                    code="zukunft",
                )
            }
        )


def person_nicht_anderswo_platziert(fall: Vollzugsfall) -> None:
    """R-17-1: a person is in one place at a time, whatever the number of cases (Einweisung, and the
    Wiedereintritt after a §14 interruption). Locks the person so two placements of different cases
    cannot both pass this check (scoping R-0-ROLE-1 relies on it). Call inside a transaction."""
    Person.objects.select_for_update().get(pk=fall.person_id)
    anderswo = (
        Platzierung.objects.filter(fall__person_id=fall.person_id, bis__isnull=True)
        .select_related("fall", "anstalt")
        .first()
    )
    if anderswo is not None:
        raise ValidationError(
            {
                "anstalt": ValidationError(
                    f"§ 17 JVG (R-17-1): Die Person ist bereits im Fall {anderswo.fall.fallnummer} in "
                    f"{anderswo.anstalt} platziert – ein weiterer Vollzug wird dort angeschlossen.",
                    code="person_bereits_platziert",
                )
            }
        )


def _aktuelle_platzierung(fall: Vollzugsfall) -> Platzierung | None:
    return fall.platzierungen.filter(bis__isnull=True).select_related("anstalt").first()


@transaction.atomic
def einweisen(
    *, fall: Vollzugsfall, anstalt: Anstalt, am: datetime, abteilung: str = "", durch
) -> Platzierung:
    """§17.1, R-13-1: the authority places the person; the first placement is the Vollzugsbeginn."""
    berechtigung_pruefen(rollen.darf_einweisen(durch), "Einweisung anordnen")
    fall = Vollzugsfall.objects.select_for_update().get(pk=fall.pk)
    _zeitpunkt_pruefen(am, "von")
    if fall.status != Fallstatus.EINGANG:
        raise ValidationError(
            {
                "anstalt": ValidationError(
                    "§ 17 JVG (R-17-1): Die Person ist bereits eingewiesen – für einen Wechsel eine Versetzung erfassen.",
                    code="bereits_eingewiesen",
                )
            }
        )
    if not anstalt.aktiv or anstalt.ist_klinik:
        raise ValidationError(
            {"anstalt": "§ 17 Abs. 1 JVG (R-17-1): Einweisung nur in eine aktive Vollzugseinrichtung."}
        )
    person_nicht_anderswo_platziert(fall)
    platzierung = speichern(
        Platzierung(
            fall=fall,
            anstalt=anstalt,
            abteilung=abteilung,
            art=Platzierungsart.EINWEISUNG,
            von=am,
            angeordnet_durch=durch,
        ),
        durch=durch,
        grund="Einweisung (§ 17 Abs. 1 JVG)",
    )
    fall.vollzugsbeginn = am
    fall.status = Fallstatus.IM_VOLLZUG
    fall.voraussichtliches_ende = voraussichtliches_ende_berechnen(fall)
    speichern(fall, durch=durch, grund="Vollzugsbeginn (§ 13 JVG)")
    # R-13-1: an open overdue task is settled by the start of execution.
    for aufgabe in Aufgabe.objects.filter(
        fall=fall, art=VollzugAufgabenart.VOLLZUGSBEGINN_UEBERFAELLIG, erledigt_am__isnull=True
    ):
        aufgabe.erledigt_am = timezone.now()
        aufgabe.erledigt_durch = durch
        speichern(aufgabe, durch=durch, grund="Erledigt durch Vollzugsbeginn")
    ereignisse.melden(
        ereignisse.Ereignistyp.EINWEISUNG,
        person_id=fall.person_id,
        fall_id=fall.pk,
        objekt=platzierung,
        zeitpunkt=platzierung.von,
        daten={"anstalt": platzierung.anstalt.name, "abteilung": platzierung.abteilung},
    )
    return platzierung


@transaction.atomic
def versetzen(
    *,
    fall: Vollzugsfall,
    anstalt: Anstalt,
    am: datetime,
    art: str = Platzierungsart.VERSETZUNG,
    grund: str = "",
    abteilung: str = "",
    begruendung: str = "",
    arztbericht: UploadedFile | None = None,
    durch,
) -> Platzierung:
    """R-17-1 (§17.2/§17.3): move the person to another facility or department.

    Steps: lock the case; §17.2 needs a reason a–e; §17.3 (clinic/hospital) needs a medical report and
    may be ordered in urgent cases by the management of the current facility, which then creates a
    task 'inform the authority at once'; close the current placement and open the new one.
    """
    fall = Vollzugsfall.objects.select_for_update().get(pk=fall.pk)
    aktuell = _aktuelle_platzierung(fall)
    dringend = art == Platzierungsart.VERSETZUNG_KLINIK and rollen.hat_rolle(durch, Rolle.ANSTALTSLEITUNG)
    berechtigung_pruefen(rollen.darf_versetzen(durch, klinik_dringend=dringend), "Versetzung anordnen")
    if dringend and (aktuell is None or aktuell.anstalt_id != durch.anstalt_id):
        # Facility management acts only for persons placed in its own facility (R-0-ROLE-1).
        raise PermissionDenied(
            "Keine Berechtigung: Person ist nicht in Ihrer Einrichtung platziert (R-0-ROLE-1)."
        )
    _zeitpunkt_pruefen(am, "von")
    if fall.status != Fallstatus.IM_VOLLZUG or aktuell is None:
        raise ValidationError(
            {
                "anstalt": ValidationError(
                    "§ 17 Abs. 2 JVG (R-17-1): Versetzen kann man nur eine eingewiesene Person im Vollzug.",
                    code="nicht_im_vollzug",
                )
            }
        )
    if not anstalt.aktiv:
        raise ValidationError({"anstalt": "§ 17 JVG (R-17-1): Die Einrichtung ist nicht aktiv."})
    if art == Platzierungsart.VERSETZUNG:
        if anstalt.ist_klinik:
            raise ValidationError(
                {
                    "art": ValidationError(
                        "§ 17 Abs. 3 JVG (R-17-1): Eine Versetzung in Klinik oder Spital als solche mit "
                        "ärztlichem Bericht erfassen.",
                        code="klinik_braucht_17_3",
                    )
                }
            )
        if not grund:
            raise ValidationError(
                {
                    "grund": ValidationError(
                        "§ 17 Abs. 2 JVG (R-17-1): Für die Versetzung einen Grund nach lit. a–e angeben.",
                        code="grund_fehlt",
                    )
                }
            )
        if anstalt.pk == aktuell.anstalt_id and abteilung.strip() == aktuell.abteilung.strip():
            raise ValidationError(
                {
                    "anstalt": ValidationError(
                        "§ 17 Abs. 2 JVG: Versetzt wird in eine andere Einrichtung oder Abteilung.",
                        code="gleicher_ort",
                    )
                }
            )
    elif art == Platzierungsart.VERSETZUNG_KLINIK:
        if not arztbericht:
            raise ValidationError(
                {
                    "arztbericht": ValidationError(
                        "§ 17 Abs. 3 JVG (R-17-1): Die Versetzung in Klinik/Spital braucht einen ärztlichen Bericht.",
                        code="arztbericht_fehlt",
                    )
                }
            )
        if not anstalt.ist_klinik:
            raise ValidationError(
                {
                    "anstalt": ValidationError(
                        "§ 17 Abs. 3 JVG (R-17-1): Ziel muss eine psychiatrische Klinik oder ein Spital sein.",
                        code="keine_klinik",
                    )
                }
            )
    elif art == Platzierungsart.VERSETZUNG_VORUEBERGEHEND:
        # § 26 JVG (R-26-1): decided by the authority (darf_versetzen: sachbearbeitung), no § 17 Abs. 2
        # letter; the two conditions of § 26 are checked and kept by zwangsmassnahmen.services.versetzung26_anordnen.
        if anstalt.pk == aktuell.anstalt_id:
            raise ValidationError(
                {
                    "anstalt": ValidationError(
                        "§ 26 JVG (R-26-1): Vorübergehend versetzt wird in eine andere Vollzugseinrichtung.",
                        code="gleiche_einrichtung",
                    )
                }
            )
        if not begruendung.strip():
            raise ValidationError(
                {
                    "begruendung": ValidationError(
                        "§ 26 JVG (R-26-1): Grund der vorübergehenden Versetzung angeben (Massnahme vorübergehend "
                        "undurchführbar und erhebliche Gefährdung).",
                        code="grund_fehlt",
                    )
                }
            )
    else:
        raise ValidationError({"art": ValidationError("Unbekannte Art der Versetzung.", code="art")})
    if am < aktuell.von:
        raise ValidationError(
            {
                "von": ValidationError(
                    "Die Versetzung kann nicht vor dem Beginn der aktuellen Platzierung liegen.",
                    code="vor_platzierung",
                )
            }
        )
    aktuell.bis = am
    speichern(aktuell, durch=durch, grund="Platzierung beendet (Versetzung)")
    neu = Platzierung(
        fall=fall,
        anstalt=anstalt,
        abteilung=abteilung,
        art=art,
        grund=grund if art == Platzierungsart.VERSETZUNG else "",
        begruendung=begruendung,
        dringend=dringend,
        von=am,
        angeordnet_durch=durch,
    )
    if arztbericht:
        neu.arztbericht = arztbericht
    speichern(neu, durch=durch, grund=f"{neu.get_art_display()}")
    if dringend:
        # §17.3 Satz 3: the facility informs the authority "unverzüglich" → a task due now.
        aufgabe = Aufgabe(
            art=VollzugAufgabenart.MELDUNG_VERSETZUNG_DRINGEND,
            titel=f"Dringende Versetzung in {anstalt} (Fall {fall.fallnummer}) zur Kenntnis nehmen",
            beschreibung=f"Angeordnet durch {durch} am {timezone.localtime(am):%d.%m.%Y %H:%M} (§ 17 Abs. 3 JVG).",
            fuer_rolle=Rolle.SACHBEARBEITUNG,
            fall=fall,
            faellig_am=timezone.now(),
        )
        speichern(aufgabe, durch=durch)
    ereignisse.melden(
        ereignisse.Ereignistyp.VERSETZUNG,
        person_id=fall.person_id,
        fall_id=fall.pk,
        objekt=neu,
        zeitpunkt=neu.von,
        daten={"anstalt": anstalt.name, "abteilung": neu.abteilung, "art": neu.art},
    )
    for (
        folge
    ) in erweiterungen.NACH_VERSETZUNG:  # e.g. R-31-4: weekend transfer → inform the Einweisungsbehörde
        folge(neu, durch)
    return neu


@transaction.atomic
def entlassen(*, fall: Vollzugsfall, am: datetime, bemerkung: str = "", durch) -> Vollzugsfall:
    """R-1-ENTL-1: definitive release as a recorded event; it starts the 10-year ED clock (R-27-3)."""
    berechtigung_pruefen(rollen.darf_entlassen(durch), "Entlassung verfügen")
    fall = Vollzugsfall.objects.select_for_update().get(pk=fall.pk)
    _zeitpunkt_pruefen(am, "entlassung_am")
    if fall.status == Fallstatus.ENTLASSEN:
        raise ValidationError(
            {
                "entlassung_am": ValidationError(
                    "Die Person ist bereits definitiv entlassen.", code="bereits_entlassen"
                )
            }
        )
    if fall.vollzugsbeginn is None:
        raise ValidationError(
            {
                "entlassung_am": ValidationError(
                    "R-1-ENTL-1: Entlassung vor der Einweisung ist nicht möglich – der Vollzug hat nicht begonnen.",
                    code="entlassung_vor_einweisung",
                )
            }
        )
    if am < fall.vollzugsbeginn:
        raise ValidationError(
            {
                "entlassung_am": ValidationError(
                    "R-1-ENTL-1: Die Entlassung kann nicht vor dem Vollzugsbeginn "
                    f"({timezone.localtime(fall.vollzugsbeginn):%d.%m.%Y %H:%M}) liegen.",
                    code="entlassung_vor_beginn",
                )
            }
        )
    aktuell = _aktuelle_platzierung(fall)
    if aktuell:
        if am < aktuell.von:
            raise ValidationError(
                {
                    "entlassung_am": ValidationError(
                        "Die Entlassung kann nicht vor dem Beginn der aktuellen Platzierung liegen.",
                        code="entlassung_vor_platzierung",
                    )
                }
            )
        aktuell.bis = am
        speichern(aktuell, durch=durch, grund="Platzierung beendet (Entlassung)")
        for folge in erweiterungen.NACH_AUSTRITT:  # e.g. § 31: a facility's measures end with the stay
            folge(aktuell, durch, "Definitive Entlassung")
    fall.status = Fallstatus.ENTLASSEN
    fall.entlassung_am = am
    fall.entlassung_bemerkung = bemerkung
    fall = speichern(fall, durch=durch, grund="Definitive Entlassung")
    ereignisse.melden(
        ereignisse.Ereignistyp.ENTLASSUNG,
        person_id=fall.person_id,
        fall_id=fall.pk,
        objekt=fall,
        zeitpunkt=fall.entlassung_am,
    )
    return fall


def voraussichtliches_ende_berechnen(fall: Vollzugsfall) -> date | None:
    """The expected end of execution: Vollzugsbeginn + the custodial sentences of the case (years and
    months as calendar months, Art. 77 OR; then days) + the days of every ended §14 interruption
    (R-14-1: an interruption moves the end). None without Vollzugsbeginn or without a custodial
    sentence (measures have no fixed end). Credit for pre-trial detention is not modelled."""
    from kern.fristen import lokales_datum, monatsfrist

    if fall.vollzugsbeginn is None:
        return None
    monate = tage = 0
    hat_strafe = False
    for jahre, m, t in Sanktion.objects.filter(
        entscheid__fall=fall, art__in=sorted(FREIHEITSSTRAFEN)
    ).values_list("dauer_jahre", "dauer_monate", "dauer_tage"):
        hat_strafe = True
        monate += 12 * jahre + m
        tage += t
    if not hat_strafe:
        return None
    ende = lokales_datum(fall.vollzugsbeginn)
    if monate:
        ende = monatsfrist(ende, monate).ende
    # R-14-1: the days of ended interruptions, from the module that records them (aufschub, registered
    # with kern.erweiterungen.unterbrechungstage).
    unterbrochen = sum(funktion(fall) for funktion in erweiterungen.UNTERBRECHUNGSTAGE)
    return ende + timedelta(days=tage + unterbrochen)


def vollzugsbeginn_ueberfaellig_melden(*, heute: date | None = None) -> int:
    """R-13-1 job: one open task per case whose Vollzugsbeginn is overdue. Idempotent; returns new tasks."""
    from django.conf import settings

    heute = heute or timezone.localdate()
    grenze = heute - timedelta(days=settings.JVG_VOLLZUGSBEGINN_UEBERFAELLIG_TAGE)
    job = system_benutzer("vollzugsbeginn")
    neu = 0
    kandidaten = (
        Vollzugsfall.objects.filter(
            status=Fallstatus.EINGANG, vollzugsbeginn__isnull=True, eingang_am__lt=grenze
        )
        .exclude(
            aufgaben__art=VollzugAufgabenart.VOLLZUGSBEGINN_UEBERFAELLIG, aufgaben__erledigt_am__isnull=True
        )
        .values_list("pk", "fallnummer", "eingang_am")
    )
    for pk, fallnummer, eingang in kandidaten.iterator(chunk_size=500):
        try:
            with transaction.atomic():
                speichern(
                    Aufgabe(
                        art=VollzugAufgabenart.VOLLZUGSBEGINN_UEBERFAELLIG,
                        titel=f"Vollzugsbeginn überfällig: Fall {fallnummer} (Eingang {eingang:%d.%m.%Y})",
                        beschreibung="§ 13 JVG: Freiheitsentziehende Massnahmen sind sofort, Freiheitsstrafen in der "
                        "Regel sofort anzutreten.",
                        fuer_rolle=Rolle.SACHBEARBEITUNG,
                        fall_id=pk,
                        faellig_am=timezone.now(),
                    ),
                    durch=job,
                )
                neu += 1
        except IntegrityError:
            # A parallel run created it first: the unique constraint keeps the job idempotent.
            continue
    return neu


@transaction.atomic
def ersatzfreiheitsstrafe_anpassen(*, sanktion: Sanktion, dauer_tage: int, grund: str, durch) -> Sanktion:
    """Art. 36 Abs. 1 StGB (issue 22): a payment after the conversion of a Geldstrafe or Busse reduces
    the Ersatzfreiheitsstrafe, also during execution. Only reduces, only this kind of sanction; 0 days =
    fully paid. History names the actor and the reason; whoever computes the case's dates (Vollzugsdaten)
    reads the current sanctions."""
    berechtigung_pruefen(rollen.hat_rolle(durch, Rolle.SACHBEARBEITUNG), "Ersatzfreiheitsstrafe anpassen")
    s = Sanktion.objects.select_for_update().get(pk=sanktion.pk)
    if s.art != Sanktionsart.ERSATZFREIHEITSSTRAFE:
        raise ValidationError(
            {"art": "Art. 36 StGB: Nur eine Ersatzfreiheitsstrafe wird durch Zahlung verkürzt."}
        )
    bisher = s.dauer_jahre * 360 + s.dauer_monate * 30 + s.dauer_tage
    if isinstance(dauer_tage, bool) or not isinstance(dauer_tage, int) or not 0 <= dauer_tage <= bisher:
        raise ValidationError(
            {"dauer_tage": "Art. 36 Abs. 1 StGB: Eine Zahlung kann die Ersatzfreiheitsstrafe nur verkürzen."}
        )
    s.dauer_jahre, s.dauer_monate, s.dauer_tage = 0, 0, dauer_tage
    return speichern(s, durch=durch, grund=grund[:100], felder=["dauer_jahre", "dauer_monate", "dauer_tage"])
