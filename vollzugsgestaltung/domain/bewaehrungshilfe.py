"""Bewährungshilfe (§ 2 Abs. 1 lit. e, § 19 JVG; Art. 87, 93–95 StGB): the probation file (R-19-1).

A file is opened after a conditional release or for a suspended sentence; its Probezeit comes from the
court's or the authority's decision and is entered (the conditional-release procedure of another app
delivers it as input, this app does not import it). Weisungen carry their next control date, which the
Fristenkontrolle lists; a control that finds a Weisung not followed opens a report to the court
(Art. 95 Abs. 3 StGB).
"""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from kern.audit import speichern
from kern.fristen import jahresfrist
from kern.models import Aufgabe
from kern.rollen import Rolle, berechtigung_pruefen
from vollzug.models import Person, Vollzugsfall
from vollzugsgestaltung import permissions, recht
from vollzugsgestaltung.domain._basis import datum_pruefen, fehler, sperren, text_pflicht
from vollzugsgestaltung.models import Bewaehrungsakte, Bewaehrungseintrag, Gerichtsmeldung, Weisung

MELDUNG_FRIST_TAGE = 10  # internal: the report to the court is written within ten days of the finding


def _offen(akte: Bewaehrungsakte) -> None:
    if akte.abgeschlossen_am is not None:
        raise fehler("akte", "Die Bewährungsakte ist abgeschlossen.", "abgeschlossen")


@transaction.atomic
def akte_eroeffnen(
    *,
    person: Person,
    anlass: str,
    gericht: str,
    referenz: str,
    probezeit_von: date,
    probezeit_jahre: int,
    durch,
    fall: Vollzugsfall | None = None,
    bewaehrungshilfe_angeordnet: bool = True,
) -> Bewaehrungsakte:
    """R-19-1: open the probation file; Probezeit of one to five years (Art. 87 Abs. 1, Art. 44 Abs. 1 StGB)."""
    berechtigung_pruefen(permissions.darf_bewaehrung_bearbeiten(durch), "Bewährungsakte eröffnen")
    if anlass not in recht.Bewaehrungsanlass.values:
        raise fehler("anlass", "Unbekannter Anlass der Bewährungshilfe.", "anlass")
    if fall is not None and fall.person_id != person.pk:
        raise fehler("fall", "Der Fall gehört nicht zu dieser Person.", "fall_person")
    datum_pruefen(probezeit_von, "probezeit_von")
    if (
        not isinstance(probezeit_jahre, int)
        or isinstance(probezeit_jahre, bool)
        or not recht.PROBEZEIT_MIN_JAHRE <= probezeit_jahre <= recht.PROBEZEIT_MAX_JAHRE
    ):
        raise fehler(
            "probezeit_jahre",
            "Art. 87 Abs. 1 StGB: Die Probezeit beträgt mindestens ein und höchstens fünf Jahre.",
            "probezeit",
        )
    akte = Bewaehrungsakte(
        person=person,
        fall=fall,
        anlass=anlass,
        gericht=text_pflicht(
            gericht, "gericht", "Art. 95 StGB: Das zuständige Gericht angeben.", max_laenge=150
        ),
        referenz=text_pflicht(
            referenz, "referenz", "Den Entscheid (Geschäftsnummer) angeben.", max_laenge=60
        ),
        probezeit_von=probezeit_von,
        probezeit_jahre=probezeit_jahre,
        probezeit_bis=jahresfrist(probezeit_von, probezeit_jahre).ende - timedelta(days=1),
        bewaehrungshilfe_angeordnet=bool(bewaehrungshilfe_angeordnet),
        eroeffnet_durch=durch,
        eroeffnet_am=timezone.now(),
    )
    return speichern(akte, durch=durch, grund="Bewährungsakte eröffnet (§ 19 JVG)")


def _kontrolldatum(wert, feld: str) -> date:
    datum_pruefen(wert, feld)
    heute = timezone.localdate()
    if not heute <= wert <= heute + timedelta(days=recht.KONTROLLINTERVALL_MAX_TAGE):
        raise fehler(
            feld,
            "§ 19 Abs. 1 JVG: Die nächste Kontrolle liegt zwischen heute und höchstens einem Jahr.",
            "kontrolldatum",
        )
    return wert


@transaction.atomic
def weisung_erfassen(*, akte: Bewaehrungsakte, text: str, naechste_kontrolle: date, durch) -> Weisung:
    """R-19-1: a Weisung (Art. 94 StGB) with its first control date."""
    berechtigung_pruefen(permissions.darf_bewaehrung_bearbeiten(durch), "Weisung erfassen")
    akte = sperren(Bewaehrungsakte, akte)
    _offen(akte)
    w = Weisung(
        akte=akte,
        text=text_pflicht(text, "text", "Art. 94 StGB: Den Inhalt der Weisung angeben.", max_laenge=300),
        naechste_kontrolle=_kontrolldatum(naechste_kontrolle, "naechste_kontrolle"),
    )
    return speichern(w, durch=durch, grund="Weisung erfasst (Art. 94 StGB)")


@transaction.atomic
def eintrag_erfassen(*, akte: Bewaehrungsakte, art: str, datum: date, text: str, durch) -> Bewaehrungseintrag:
    """R-19-1: a contact or a report in the file (controls: `weisung_kontrollieren`)."""
    berechtigung_pruefen(permissions.darf_bewaehrung_bearbeiten(durch), "Eintrag erfassen")
    akte = sperren(Bewaehrungsakte, akte)
    _offen(akte)
    if art not in (recht.Eintragsart.KONTAKT, recht.Eintragsart.BERICHT):
        raise fehler("art", "Art des Eintrags: Kontakt oder Bericht.", "art")
    datum_pruefen(datum, "datum", nicht_nach=timezone.localdate())
    e = Bewaehrungseintrag(
        akte=akte,
        art=art,
        datum=datum,
        text=text_pflicht(text, "text", "Den Inhalt festhalten."),
        erfasst_durch=durch,
        erfasst_am=timezone.now(),
    )
    return speichern(e, durch=durch, grund=f"{e.get_art_display()} erfasst")


@transaction.atomic
def weisung_kontrollieren(
    *,
    weisung: Weisung,
    datum: date,
    eingehalten: bool,
    text: str,
    durch,
    naechste_kontrolle: date | None = None,
) -> Bewaehrungseintrag:
    """R-19-1: control a Weisung on its date.

    Steps: permission; lock; record the control with its result; the next control date (required while
    the Probezeit runs); a Weisung not followed → a report to the court is drafted (Art. 95 Abs. 3
    StGB) and the authority gets a task to send it.
    """
    berechtigung_pruefen(permissions.darf_bewaehrung_bearbeiten(durch), "Weisung kontrollieren")
    w = sperren(Weisung, weisung)
    akte = w.akte
    _offen(akte)
    if w.aufgehoben_am is not None:
        raise fehler("weisung", "Die Weisung ist aufgehoben.", "aufgehoben")
    if not isinstance(eingehalten, bool):
        raise fehler("eingehalten", "Angeben, ob die Weisung eingehalten wurde.", "eingehalten")
    heute = timezone.localdate()
    datum_pruefen(datum, "datum", nicht_nach=heute)
    e = speichern(
        Bewaehrungseintrag(
            akte=akte,
            art=recht.Eintragsart.KONTROLLE,
            weisung=w,
            eingehalten=eingehalten,
            datum=datum,
            text=text_pflicht(text, "text", "Das Ergebnis der Kontrolle festhalten."),
            erfasst_durch=durch,
            erfasst_am=timezone.now(),
        ),
        durch=durch,
        grund="Weisung kontrolliert" + ("" if eingehalten else " – nicht eingehalten"),
    )
    if akte.probezeit_bis > heute:
        if naechste_kontrolle is None:
            raise fehler("naechste_kontrolle", "§ 19 Abs. 1 JVG: Die nächste Kontrolle festlegen.", "pflicht")
        w.naechste_kontrolle = _kontrolldatum(naechste_kontrolle, "naechste_kontrolle")
        speichern(w, durch=durch, grund="Nächste Kontrolle festgelegt")
    if not eingehalten:
        speichern(
            Gerichtsmeldung(
                akte=akte,
                kontrolle=e,
                gericht=akte.gericht,
                bericht=f"Weisung «{w.text}» am {datum:%d.%m.%Y} nicht eingehalten: {e.text}"[:5000],
                erfasst_durch=durch,
                erfasst_am=timezone.now(),
            ),
            durch=durch,
            grund="Meldung an das Gericht entworfen (Art. 95 Abs. 3 StGB)",
        )
        speichern(
            Aufgabe(
                art=recht.Aufgabenart.GERICHTSMELDUNG_95,
                titel=f"Art. 95 Abs. 3 StGB: Weisung missachtet – Bericht an {akte.gericht}"[:200],
                beschreibung=f"{akte.person}: Weisung «{w.text}»"[:2000],
                fuer_rolle=Rolle.SACHBEARBEITUNG,
                fall=akte.fall,
                faellig_am=timezone.now() + timedelta(days=MELDUNG_FRIST_TAGE),
            ),
            durch=durch,
            grund="Art. 95 Abs. 3 StGB",
        )
    return e


@transaction.atomic
def gerichtsmeldung_senden(
    *, meldung: Gerichtsmeldung, bericht: str, gesendet_am: date, durch
) -> Gerichtsmeldung:
    """R-19-1 (Art. 95 Abs. 3 StGB): the report leaves for the court; the task is done."""
    berechtigung_pruefen(permissions.darf_bewaehrung_bearbeiten(durch), "Meldung an das Gericht senden")
    m = sperren(Gerichtsmeldung, meldung)
    if m.gesendet_am is not None:
        raise fehler("gesendet_am", "Die Meldung ist bereits gesendet.", "gesendet")
    m.bericht = text_pflicht(bericht, "bericht", "Art. 95 Abs. 3 StGB: Den Bericht an das Gericht verfassen.")
    datum_pruefen(gesendet_am, "gesendet_am", nicht_nach=timezone.localdate())
    if gesendet_am < m.erfasst_am.date() - timedelta(days=1):
        raise fehler("gesendet_am", "Gesendet wird nach dem Entwurf der Meldung.", "vor_entwurf")
    m.gesendet_am = gesendet_am
    speichern(m, durch=durch, grund="Meldung an das Gericht gesendet (Art. 95 Abs. 3 StGB)")
    offen = Aufgabe.objects.select_for_update().filter(
        art=recht.Aufgabenart.GERICHTSMELDUNG_95, erledigt_am__isnull=True, fall=m.akte.fall
    )
    for aufgabe in offen.filter(beschreibung__startswith=str(m.akte.person))[:1]:
        aufgabe.erledigt_am, aufgabe.erledigt_durch = timezone.now(), durch
        speichern(aufgabe, durch=durch, grund="Meldung gesendet")
    return m


@transaction.atomic
def gerichtsantwort_erfassen(*, meldung: Gerichtsmeldung, am: date, antwort: str, durch) -> Gerichtsmeldung:
    berechtigung_pruefen(permissions.darf_bewaehrung_bearbeiten(durch), "Antwort des Gerichts erfassen")
    m = sperren(Gerichtsmeldung, meldung)
    if m.gesendet_am is None:
        raise fehler("antwort_am", "Zuerst die Meldung senden.", "nicht_gesendet")
    datum_pruefen(am, "antwort_am", nicht_nach=timezone.localdate())
    if am < m.gesendet_am:
        raise fehler("antwort_am", "Die Antwort folgt der Meldung.", "vor_meldung")
    m.antwort_am = am
    m.antwort = text_pflicht(antwort, "antwort", "Den Entscheid des Gerichts festhalten.")
    return speichern(m, durch=durch, grund="Antwort des Gerichts erfasst (Art. 95 StGB)")


@transaction.atomic
def akte_abschliessen(*, akte: Bewaehrungsakte, am: date, durch) -> Bewaehrungsakte:
    berechtigung_pruefen(permissions.darf_bewaehrung_bearbeiten(durch), "Bewährungsakte abschliessen")
    akte = sperren(Bewaehrungsakte, akte)
    _offen(akte)
    datum_pruefen(am, "abgeschlossen_am", nicht_nach=timezone.localdate())
    akte.abgeschlossen_am = am
    return speichern(akte, durch=durch, grund="Bewährungsakte abgeschlossen")


ERSTE_KONTROLLE_TAGE = 30  # internal: first control of a Weisung handed on with the release, a month after
BEHOERDE_ART_95 = "Vollzugs- und Bewährungsdienst des Kantons Luzern"  # Art. 95 Abs. 3: the authority decided


@transaction.atomic
def nach_bedingter_entlassung(entlassung, durch) -> Bewaehrungsakte | None:
    """R-19-1: a conditional release with Bewährungshilfe (Art. 87 Abs. 2 StGB) opens the probation file,
    with the Probezeit from the release and each Weisung of the decision (registered in contributions.py;
    called inside the release transaction). Idempotent: a second call for the same decision does nothing."""
    if not entlassung.bewaehrungshilfe:
        return None
    vorhanden = Bewaehrungsakte.objects.filter(
        fall_id=entlassung.fall_id,
        anlass=recht.Bewaehrungsanlass.BEDINGTE_ENTLASSUNG,
        referenz=entlassung.entscheid[:60],
    ).first()
    if vorhanden is not None:
        return vorhanden
    fall = Vollzugsfall.objects.select_related("person").get(pk=entlassung.fall_id)
    akte = akte_eroeffnen(
        person=fall.person,
        fall=fall,
        anlass=recht.Bewaehrungsanlass.BEDINGTE_ENTLASSUNG,
        gericht=BEHOERDE_ART_95,
        referenz=entlassung.entscheid[:60],
        probezeit_von=entlassung.entlassen_am,
        probezeit_jahre=entlassung.probezeit_jahre,
        bewaehrungshilfe_angeordnet=True,
        durch=durch,
    )
    kontrolle = max(timezone.localdate(), entlassung.entlassen_am + timedelta(days=ERSTE_KONTROLLE_TAGE))
    for text in entlassung.weisungen:
        # The full wording stays in the Verfügung; a Weisung holds at most 300 characters.
        kurz = text if len(text) <= 300 else text[:299] + "…"
        weisung_erfassen(akte=akte, text=kurz, naechste_kontrolle=kontrolle, durch=durch)
    return akte
