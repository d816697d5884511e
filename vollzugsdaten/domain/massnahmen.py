"""Measures (Art. 59–61, 63, 64 StGB): review deadlines, maximum durations, applications to the court.

R-STGB-62D-1: stationary measures examined at least once a year (Art. 62d Abs. 1). R-STGB-64B-1:
Verwahrung yearly for conditional release, the first time after two years, and every two years for a
change to a therapeutic measure (Art. 64b Abs. 1 lit. a and b). R-STGB-MAX-1: the maximum durations;
the application to the court is due a configurable time before (`JVG_GERICHTSANTRAG_VORLAUF_MONATE`).
R-4-1: the application (§ 4 Abs. 1 JVG) with its documents, the court and its answer.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from kern.audit import speichern
from kern.rollen import berechtigung_pruefen
from kern.strafzeit import plus_monate
from vollzug.models import Vollzugsfall
from vollzugsdaten.domain.massnahmenbeginn import beginn_aus_daten
from vollzugsdaten.models import Gerichtsantrag, Massnahme, Massnahmenpruefung
from vollzugsdaten.permissions import darf_bearbeiten
from vollzugsdaten.recht import (
    HOECHSTDAUER_JAHRE,
    HOECHSTDAUER_PARAGRAPH,
    PRUEFUNG_62D_MONATE,
    PRUEFUNG_64B_ERSTMALS_MONATE,
    PRUEFUNG_64B_MONATE,
    STATIONAER,
    THERAPIEPRUEFUNG_64B_MONATE,
    VERLAENGERUNG_MAX_JAHRE,
    VERLAENGERUNGEN_HOECHSTENS,
    Antragsart,
    Antwort,
    Beginnherkunft,
    Entscheidfolge,
    Massnahmenartikel,
    Pruefungsart,
)

A = Massnahmenartikel


def _fehler(feld: str, meldung: str, code: str) -> ValidationError:
    return ValidationError({feld: ValidationError(meldung, code=code)})


@dataclass(frozen=True, slots=True)
class Termin:
    art: str  # "pruefung", "therapiepruefung", "hoechstdauer", "antrag"
    datum: date
    text: str  # German, with the article
    regel: str


def termine(m: Massnahme) -> list[Termin]:
    """Every deadline of a running measure (pure: no query)."""
    if m.beendet_am is not None:
        return []
    liste: list[Termin] = []
    if m.artikel in STATIONAER:
        basis = m.letzte_pruefung or m.beginn
        liste.append(
            Termin(
                "pruefung",
                plus_monate(basis, PRUEFUNG_62D_MONATE),
                "Jährliche Prüfung (Art. 62d Abs. 1 StGB)",
                "R-STGB-62D-1",
            )
        )
    if m.artikel == A.ART_64:
        if m.letzte_pruefung:
            erste = plus_monate(m.letzte_pruefung, PRUEFUNG_64B_MONATE)
        else:
            erste = plus_monate(m.beginn, PRUEFUNG_64B_ERSTMALS_MONATE)
        liste.append(
            Termin(
                "pruefung",
                erste,
                "Prüfung der bedingten Entlassung (Art. 64b Abs. 1 lit. a StGB)",
                "R-STGB-64B-1",
            )
        )
        basis = m.letzte_therapiepruefung or m.beginn
        liste.append(
            Termin(
                "therapiepruefung",
                plus_monate(basis, THERAPIEPRUEFUNG_64B_MONATE),
                "Prüfung einer therapeutischen Massnahme (Art. 64b Abs. 1 lit. b StGB)",
                "R-STGB-64B-1",
            )
        )
    ende = hoechstdauer_ende(m)
    if ende is not None:
        paragraph = HOECHSTDAUER_PARAGRAPH[m.artikel]
        liste.append(Termin("hoechstdauer", ende, f"Höchstdauer endet ({paragraph})", "R-STGB-MAX-1"))
        liste.append(
            Termin(
                "antrag",
                plus_monate(ende, -settings.JVG_GERICHTSANTRAG_VORLAUF_MONATE),
                f"Antrag ans Gericht vor Ablauf der Höchstdauer (§ 4 JVG, {paragraph})",
                "R-4-1",
            )
        )
    return sorted(liste, key=lambda t: t.datum)


def hoechstdauer_ende(m: Massnahme) -> date | None:
    """R-STGB-MAX-1: the last day of the maximum duration (calendar years from the start, the start day
    counting as in kern.strafzeit), including the court's extensions. None for the Verwahrung."""
    jahre = HOECHSTDAUER_JAHRE.get(m.artikel)
    if jahre is None:
        return None
    return plus_monate(m.beginn, 12 * (jahre + m.verlaengert_um_jahre)) - timedelta(days=1)


@transaction.atomic
def massnahme_erfassen(
    *, fall: Vollzugsfall, artikel: str, durch, beginn: date | None = None, beginn_begruendung: str = ""
) -> Massnahme:
    """A measure of the case; its start from the data (`beginn_aus_daten`) unless set by hand — a start
    set by hand that differs from the data, or where the data give none, needs its reasons."""
    berechtigung_pruefen(darf_bearbeiten(durch), "Massnahme erfassen")
    if artikel not in A.values:
        raise _fehler("artikel", "Unbekannte Massnahme (Art. 59–61, 63, 64 StGB).", "artikel")
    paragraph = HOECHSTDAUER_PARAGRAPH.get(artikel, "Art. 64b Abs. 1 StGB")
    abgeleitet = beginn_aus_daten(fall, artikel)
    begruendung = (beginn_begruendung or "").strip()
    if len(begruendung) > 300:
        raise _fehler("beginn_begruendung", "Höchstens 300 Zeichen.", "zu_lang")
    if beginn is None and abgeleitet is None:
        raise _fehler(
            "beginn",
            f"Der Beginn der Massnahme ergibt sich nicht aus den Daten des Falls ({paragraph}): "
            "Datum und Begründung angeben.",
            "nicht_ableitbar",
        )
    if beginn is None or (abgeleitet is not None and beginn == abgeleitet.datum):
        datum, herkunft, begruendung = abgeleitet.datum, abgeleitet.herkunft, ""
    else:
        if not begruendung:
            raise _fehler(
                "beginn_begruendung",
                (
                    f"Der Beginn weicht von den Daten ab ({abgeleitet.erklaerung}) — "
                    if abgeleitet
                    else "Der Beginn ergibt sich nicht aus den Daten — "
                )
                + f"begründen, z. B. vorzeitiger Massnahmenvollzug ({paragraph}).",
                "begruendung",
            )
        datum, herkunft = beginn, Beginnherkunft.MANUELL
    return speichern(
        Massnahme(
            fall=fall,
            artikel=artikel,
            beginn=datum,
            beginn_herkunft=herkunft,
            beginn_begruendung=begruendung,
            erfasst_durch=durch,
        ),
        durch=durch,
        grund="Massnahme erfasst",
    )


@transaction.atomic
def pruefung_erfassen(*, massnahme: Massnahme, art: str, am: date, bericht: str, ergebnis: str, durch):
    """R-STGB-62D-1, R-STGB-64B-1: a review with the facility's report; moves the next deadline."""
    berechtigung_pruefen(darf_bearbeiten(durch), "Überprüfung erfassen")
    m = Massnahme.objects.select_for_update().get(pk=massnahme.pk)
    erlaubt = {Pruefungsart.ART_62D} if m.artikel in STATIONAER else set()
    if m.artikel == A.ART_64:
        erlaubt = {Pruefungsart.ART_64B_A, Pruefungsart.ART_64B_B}
    if art not in erlaubt:
        raise _fehler(
            "art",
            "Diese Überprüfung gilt nicht für diese Massnahme (Art. 62d: Art. 59–61; Art. 64b: Verwahrung).",
            "art",
        )
    if am < m.beginn:
        raise _fehler(
            "am",
            f"Art. 62d StGB: Die Prüfung liegt vor dem Beginn der Massnahme ({m.beginn:%d.%m.%Y}).",
            "vor_beginn",
        )
    if not bericht.strip():
        raise _fehler(
            "bericht",
            "Die Prüfung stützt sich auf den Bericht der Einrichtung (Art. 62d Abs. 1 StGB).",
            "bericht",
        )
    if not ergebnis.strip():
        raise _fehler("ergebnis", "Das Ergebnis der Prüfung fehlt.", "ergebnis")
    p = speichern(
        Massnahmenpruefung(
            massnahme=m, art=art, am=am, bericht=bericht.strip(), ergebnis=ergebnis.strip(), durch=durch
        ),
        durch=durch,
        grund="Überprüfung erfasst",
    )
    if art == Pruefungsart.ART_64B_B:
        m.letzte_therapiepruefung = max(filter(None, [m.letzte_therapiepruefung, am]))
    else:
        m.letzte_pruefung = max(filter(None, [m.letzte_pruefung, am]))
    speichern(m, durch=durch, grund=f"{p.get_art_display()} am {am:%d.%m.%Y}")
    return p


def antrag_entwurf(m: Massnahme) -> dict:
    """R-STGB-MAX-1 / R-4-1: the system's draft of the application before the maximum ends."""
    ende = hoechstdauer_ende(m)
    pruefungen = list(m.pruefungen.order_by("-am")[:3])
    akten = [
        "Urteil mit Anordnung der Massnahme",
        *[f"{p.get_art_display()} vom {p.am:%d.%m.%Y}" for p in pruefungen],
    ]
    kann = VERLAENGERUNG_MAX_JAHRE.get(m.artikel, 0) > 0 and (
        m.artikel not in VERLAENGERUNGEN_HOECHSTENS
        or m.verlaengerungen < VERLAENGERUNGEN_HOECHSTENS[m.artikel]
    )
    paragraph = HOECHSTDAUER_PARAGRAPH.get(m.artikel, "Art. 64 StGB")
    return {
        "art": Antragsart.VERLAENGERUNG if kann else Antragsart.AENDERUNG,
        "gericht": "Kriminalgericht des Kantons Luzern",
        "verlaengerung_jahre": min(VERLAENGERUNG_MAX_JAHRE.get(m.artikel, 0), 5) or None,
        "antrag": (
            f"Die Massnahme ({m.get_artikel_display()}) seit {m.beginn:%d.%m.%Y} erreicht am "
            f"{ende:%d.%m.%Y} ihre Höchstdauer ({paragraph}). Die Vollzugsbehörde beantragt gestützt auf "
            "§ 4 Abs. 1 JVG den nachträglichen Entscheid des Gerichts."
            if ende
            else f"Die Vollzugsbehörde beantragt gestützt auf § 4 Abs. 1 JVG einen nachträglichen Entscheid ({paragraph})."
        ),
        "akten": "\n".join(akten),
    }


@transaction.atomic
def antrag_einreichen(
    *,
    massnahme: Massnahme,
    art: str,
    gericht: str,
    antrag: str,
    akten: str,
    eingereicht_am: date,
    durch,
    verlaengerung_jahre: int | None = None,
) -> Gerichtsantrag:
    """R-4-1: the application to the court, recorded with its documents and the court."""
    berechtigung_pruefen(darf_bearbeiten(durch), "Antrag ans Gericht stellen")
    m = Massnahme.objects.select_for_update().get(pk=massnahme.pk)
    if art not in Antragsart.values:
        raise _fehler("art", "Unbekannte Antragsart (§ 4 Abs. 1 JVG).", "art")
    if not gericht.strip() or not antrag.strip() or not akten.strip():
        raise _fehler("akten", "Gericht, Antrag und Beilagen sind nötig (§ 4 Abs. 1 JVG).", "unvollstaendig")
    if art == Antragsart.VERLAENGERUNG:
        hoechst = VERLAENGERUNG_MAX_JAHRE.get(m.artikel, 0)
        paragraph = HOECHSTDAUER_PARAGRAPH.get(m.artikel, "Art. 64 StGB")
        if hoechst == 0:
            raise _fehler(
                "art", f"Diese Massnahme kann nicht verlängert werden ({paragraph}).", "nicht_verlaengerbar"
            )
        if (
            m.artikel in VERLAENGERUNGEN_HOECHSTENS
            and m.verlaengerungen >= VERLAENGERUNGEN_HOECHSTENS[m.artikel]
        ):
            raise _fehler(
                "art", f"Die Massnahme wurde bereits einmal verlängert ({paragraph}).", "schon_verlaengert"
            )
        if verlaengerung_jahre is None or not 1 <= verlaengerung_jahre <= hoechst:
            raise _fehler(
                "verlaengerung_jahre", f"Verlängerung um 1 bis {hoechst} Jahr(e) ({paragraph}).", "jahre"
            )
    return speichern(
        Gerichtsantrag(
            massnahme=m,
            art=art,
            gericht=gericht.strip(),
            antrag=antrag.strip(),
            akten=akten.strip(),
            verlaengerung_jahre=verlaengerung_jahre if art == Antragsart.VERLAENGERUNG else None,
            eingereicht_am=eingereicht_am,
            erstellt_durch=durch,
        ),
        durch=durch,
        grund="Antrag ans Gericht eingereicht (§ 4 Abs. 1 JVG)",
    )


def _folge_anwenden(a: Gerichtsantrag, m: Massnahme, folge: str, neue_artikel: str, am: date, durch) -> None:
    """R-4-1: a granted change application (Art. 62c, 63a, 65 StGB) ends the measure, which closes its
    review and maximum deadlines (`termine` lists none for an ended measure); a replacement opens the
    new measure from the day of the decision, with its own deadlines."""
    if folge not in Entscheidfolge.values:
        raise _fehler(
            "folge",
            "Was hat das Gericht entschieden: Massnahme aufgehoben oder ersetzt (Art. 62c, 63a, 65 StGB)?",
            "folge",
        )
    if m.beendet_am is not None:
        raise _fehler("folge", f"Die Massnahme ist seit {m.beendet_am:%d.%m.%Y} beendet.", "beendet")
    if am < m.beginn:
        raise _fehler(
            "am", f"Der Entscheid liegt vor dem Beginn der Massnahme ({m.beginn:%d.%m.%Y}).", "vor_beginn"
        )
    if folge == Entscheidfolge.ERSETZT:
        if neue_artikel not in A.values:
            raise _fehler(
                "neue_massnahme",
                "Die neue Massnahme angeben (Art. 59–61, 63, 64 StGB; Art. 62c Abs. 3, 4 und 6 StGB).",
                "neue_massnahme",
            )
        neu = speichern(
            Massnahme(
                fall=m.fall,
                artikel=neue_artikel,
                beginn=am,
                beginn_herkunft=Beginnherkunft.GERICHT,
                erfasst_durch=durch,
            ),
            durch=durch,
            grund=f"Vom Gericht angeordnet am {am:%d.%m.%Y} anstelle: {m.get_artikel_display()} (§ 4 JVG)",
        )
        a.neue_massnahme = neu
        grund = f"Vom Gericht ersetzt durch: {neu.get_artikel_display()} (§ 4 JVG)"
    else:
        grund = "Vom Gericht aufgehoben (Art. 62c, 63a StGB)"
    m.beendet_am = am
    speichern(m, durch=durch, grund=grund)
    a.folge = folge


@transaction.atomic
def antwort_erfassen(
    *,
    antrag: Gerichtsantrag,
    antwort: str,
    am: date,
    text: str,
    durch,
    bewilligte_jahre: int | None = None,
    folge: str = "",
    neue_massnahme: str = "",
) -> Gerichtsantrag:
    """R-4-1: the court's answer; a granted extension moves the maximum (R-STGB-MAX-1), a granted
    change application ends or replaces the measure (`folge`, `neue_massnahme`: the new article)."""
    berechtigung_pruefen(darf_bearbeiten(durch), "Entscheid des Gerichts erfassen")
    a = Gerichtsantrag.objects.select_for_update().select_related("massnahme").get(pk=antrag.pk)
    if a.antwort:
        raise _fehler("antwort", "Der Entscheid des Gerichts ist bereits erfasst.", "erfasst")
    if antwort not in Antwort.values:
        raise _fehler("antwort", "Gutgeheissen, teilweise gutgeheissen oder abgewiesen.", "antwort")
    if am < a.eingereicht_am:
        raise _fehler("am", "Der Entscheid liegt vor dem Antrag.", "vor_antrag")
    m = a.massnahme
    if a.art == Antragsart.VERLAENGERUNG and antwort != Antwort.ABGEWIESEN:
        if bewilligte_jahre is None or not 1 <= bewilligte_jahre <= (a.verlaengerung_jahre or 0):
            raise _fehler(
                "bewilligte_jahre",
                f"Verlängert um 1 bis {a.verlaengerung_jahre} Jahr(e), wie beantragt ({HOECHSTDAUER_PARAGRAPH[m.artikel]}).",
                "jahre",
            )
        m.verlaengert_um_jahre += bewilligte_jahre
        m.verlaengerungen += 1
        speichern(m, durch=durch, grund=f"Vom Gericht um {bewilligte_jahre} Jahr(e) verlängert")
        a.bewilligte_jahre = bewilligte_jahre
    elif a.art != Antragsart.VERLAENGERUNG and antwort != Antwort.ABGEWIESEN:
        _folge_anwenden(a, m, folge, neue_massnahme, am, durch)
    if (folge or neue_massnahme) and not a.folge:
        # Never drop an input silently: a consequence belongs only to a granted change application.
        raise _fehler(
            "folge",
            "Aufhebung oder Ersetzung nur bei gutgeheissenem Änderungsantrag (Art. 62c, 63a, 65 StGB).",
            "folge_unpassend",
        )
    a.antwort, a.antwort_am, a.antwort_text = antwort, am, text.strip()
    return speichern(a, durch=durch, grund="Entscheid des Gerichts erfasst (§ 4 JVG)")
