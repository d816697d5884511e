"""Placements (§§ 13, 14, 17, 26 JVG): Einweisung, Versetzung, Entlassung. Every write goes through one
function here (STYLE §2): permission, validation naming the §, save with history (actor = `durch`), events.
"""

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from kern import ereignisse, erweiterungen, rollen
from kern.audit import speichern
from kern.models import Aufgabe
from kern.rollen import Rolle, berechtigung_pruefen
from vollzug.domain.faelle import voraussichtliches_ende_berechnen
from vollzug.models import Anstalt, Person, Platzierung, Vollzugsfall
from vollzug.recht import Fallstatus, Platzierungsart, VollzugAufgabenart


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
        # letter; the two conditions of § 26 are checked and kept by zwangsmassnahmen.domain.versetzung26_anordnen.
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
