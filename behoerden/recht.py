"""The law of the partner agencies (§§ 12, 21 JVG): the task kind of a § 12 delivery and the allowlist of
§ 21 JVG (R-21-1): per agency type the endpoints, data categories, purposes and persons.

ONE table: the API, the schema description, the docs and the tests read it from here. § 21 Abs. 2: the
authority answers only when the agency shows that it needs the information for a task the law gives it;
each purpose below names that task and its legal basis. Data minimisation: each type gets only the data
categories its tasks need; a category not listed is never returned.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.db import models

from behoerden.models import Behoerdentyp


class BehoerdenAufgabenart(models.TextChoices):
    """Task kinds (kern.models.Aufgabe.art) of this app, registered in contributions.py."""

    FALL_ZUGESTELLT = "fall_zugestellt", "Zugestellten Entscheid prüfen und Vollzug einleiten (§ 12)"


class Kategorie(StrEnum):
    PERSONALIEN = "personalien"  # eCH-0044 names, sex, date of birth, AHV number
    HAFTSTATUS = "haftstatus"  # in custody yes/no, since, expected end (voraussichtliches Ende)
    ANSTALT_ADRESSE = "anstalt_adresse"  # name and place of the current facility
    VOLLZUGSFORM = "vollzugsform"  # § 16: Normalvollzug, Halbgefangenschaft, …
    SANKTIONEN = "sanktionen"  # sanctions with durations (R-1-1)
    ENTSCHEIDE = "entscheide"  # judgments / penal orders (authority, reference, dates)
    ENTLASSUNG = "entlassung"  # definitive release (date)


KATEGORIE_TEXT = {
    Kategorie.PERSONALIEN: "Personalien (Name, Vorname, Geschlecht, Geburtsdatum, AHV-Nummer)",
    Kategorie.HAFTSTATUS: "Haftstatus (im Vollzug ja/nein, seit, voraussichtliches Ende)",
    Kategorie.ANSTALT_ADRESSE: "Vollzugseinrichtung (Name und Ort)",
    Kategorie.VOLLZUGSFORM: "Vollzugsform (§ 16 JVG)",
    Kategorie.SANKTIONEN: "Sanktionen mit Dauer (§ 1 JVG)",
    Kategorie.ENTSCHEIDE: "Entscheide (Strafbehörde, Geschäftsnummer, Daten)",
    Kategorie.ENTLASSUNG: "Definitive Entlassung (Datum)",
}


class Endpunkt(StrEnum):
    AUSKUNFT = "auskunft"  # GET /api/v1/auskunft/personen/…  (scope auskunft, § 21 Abs. 2)
    URTEILSZUSTELLUNG = "urteilszustellung"  # POST /api/v1/urteilszustellungen/  (scope urteile, § 12)


# OAuth2 scope each endpoint requires.
SCOPE = {Endpunkt.AUSKUNFT: "auskunft", Endpunkt.URTEILSZUSTELLUNG: "urteile"}


class Sicht(StrEnum):
    """Which persons an agency may ask about; any other person answers 404 (R-0-ROLE-1)."""

    EIGENE_ENTSCHEIDE = "eigene_entscheide"  # persons of judgments this agency delivered (Entscheid.behoerde)
    MIT_FALL = "mit_fall"  # every person with a case, by exact AHV number or id only (no browsing)
    UNTERSTUETZUNGSWOHNSITZ = "unterstuetzungswohnsitz"  # current ZUG in the agency's municipality (§ 47)


@dataclass(frozen=True)
class Zweck:
    code: str
    aufgabe: str  # the legal task (§ 21 Abs. 2: "gesetzlich vorgesehene Aufgabe")
    rechtsgrundlage: str
    endpunkt: Endpunkt = Endpunkt.AUSKUNFT


@dataclass(frozen=True)
class Freigabe:
    endpunkte: frozenset[Endpunkt]
    kategorien: tuple[Kategorie, ...]
    sicht: Sicht
    zwecke: tuple[Zweck, ...]

    def zweck(self, code: str, endpunkt: Endpunkt) -> Zweck | None:
        return next((z for z in self.zwecke if z.code == code and z.endpunkt == endpunkt), None)


K = Kategorie
ALLE_KATEGORIEN = tuple(Kategorie)

FREIGABEN: dict[str, Freigabe] = {
    Behoerdentyp.STRAFBEHOERDE: Freigabe(
        endpunkte=frozenset({Endpunkt.AUSKUNFT, Endpunkt.URTEILSZUSTELLUNG}),
        kategorien=ALLE_KATEGORIEN,
        sicht=Sicht.EIGENE_ENTSCHEIDE,
        zwecke=(
            Zweck(
                "urteilszustellung",
                "Zustellung rechtskräftiger Strafbefehle, Urteile und Vollzugsentscheide mit Akten",
                "§ 12 JVG",
                Endpunkt.URTEILSZUSTELLUNG,
            ),
            Zweck(
                "nachtraegliche_entscheide",
                "Selbständige nachträgliche Entscheide des Gerichts",
                "Art. 363 ff. StPO",
            ),
            Zweck("strafverfahren", "Führung eines Strafverfahrens (Beizug von Akten)", "Art. 194 StPO"),
        ),
    ),
    Behoerdentyp.JUSTIZVOLLZUG: Freigabe(
        endpunkte=frozenset({Endpunkt.AUSKUNFT}),
        kategorien=ALLE_KATEGORIEN,
        sicht=Sicht.MIT_FALL,
        zwecke=(
            Zweck(
                "vollzugskoordination",
                "Übernahme und Koordination des Straf- und Massnahmenvollzugs",
                "Art. 372 ff. StGB; Konkordat über den Straf- und Massnahmenvollzug",
            ),
        ),
    ),
    Behoerdentyp.AUSLAENDERBEHOERDE: Freigabe(
        endpunkte=frozenset({Endpunkt.AUSKUNFT}),
        kategorien=(K.PERSONALIEN, K.HAFTSTATUS, K.ANSTALT_ADRESSE, K.SANKTIONEN, K.ENTLASSUNG),
        sicht=Sicht.MIT_FALL,
        zwecke=(
            Zweck(
                "auslaenderrecht",
                "Widerruf von Bewilligungen, Wegweisung und Vollzug der Landesverweisung",
                "Art. 62, 63, 97 AIG; Art. 66a ff. StGB",
            ),
        ),
    ),
    Behoerdentyp.STRASSENVERKEHRSAMT: Freigabe(
        endpunkte=frozenset({Endpunkt.AUSKUNFT}),
        kategorien=(K.HAFTSTATUS,),
        sicht=Sicht.MIT_FALL,
        zwecke=(
            Zweck(
                "fuehrerausweis",
                "Entzug und Wiedererteilung des Führerausweises",
                "Art. 16 ff. SVG",
            ),
        ),
    ),
    Behoerdentyp.KESB: Freigabe(
        endpunkte=frozenset({Endpunkt.AUSKUNFT}),
        kategorien=(K.PERSONALIEN, K.HAFTSTATUS, K.ANSTALT_ADRESSE, K.ENTLASSUNG),
        sicht=Sicht.MIT_FALL,
        zwecke=(
            Zweck(
                "kindes_erwachsenenschutz",
                "Abklärung und Führung von Kindes- und Erwachsenenschutzmassnahmen",
                "Art. 307 ff., 388 ff., 448 Abs. 4 ZGB",
            ),
        ),
    ),
    Behoerdentyp.IV_STELLE: Freigabe(
        endpunkte=frozenset({Endpunkt.AUSKUNFT}),
        kategorien=(K.HAFTSTATUS, K.ENTLASSUNG),
        sicht=Sicht.MIT_FALL,
        zwecke=(
            Zweck(
                "leistungssistierung",
                "Sistierung von Geldleistungen während des Straf- oder Massnahmenvollzugs",
                "Art. 21 Abs. 5 ATSG",
            ),
        ),
    ),
    Behoerdentyp.RAV: Freigabe(
        endpunkte=frozenset({Endpunkt.AUSKUNFT}),
        kategorien=(K.HAFTSTATUS, K.ENTLASSUNG),
        sicht=Sicht.MIT_FALL,
        zwecke=(
            Zweck(
                "vermittlungsfaehigkeit",
                "Prüfung der Vermittlungsfähigkeit und Arbeitsvermittlung",
                "Art. 15, 85 und 97a AVIG",
            ),
        ),
    ),
    Behoerdentyp.AUSGLEICHSKASSE: Freigabe(
        endpunkte=frozenset({Endpunkt.AUSKUNFT}),
        kategorien=(K.HAFTSTATUS, K.ENTLASSUNG),
        sicht=Sicht.MIT_FALL,
        zwecke=(
            Zweck(
                "leistungssistierung",
                "Sistierung von Renten und Leistungen während des Vollzugs",
                "Art. 21 Abs. 5 ATSG; AHVG",
            ),
        ),
    ),
    Behoerdentyp.SOZIALAMT: Freigabe(
        endpunkte=frozenset({Endpunkt.AUSKUNFT}),
        kategorien=(K.PERSONALIEN, K.HAFTSTATUS, K.ANSTALT_ADRESSE, K.ENTLASSUNG),
        sicht=Sicht.UNTERSTUETZUNGSWOHNSITZ,
        zwecke=(
            Zweck(
                "sozialhilfe",
                "Wirtschaftliche Sozialhilfe und Kostenübernahme für Personen mit Unterstützungswohnsitz",
                "Sozialhilfegesetz des Kantons Luzern; § 47 JVG",
            ),
        ),
    ),
    Behoerdentyp.BETREIBUNGSAMT: Freigabe(
        endpunkte=frozenset({Endpunkt.AUSKUNFT}),
        kategorien=(K.HAFTSTATUS, K.ANSTALT_ADRESSE),
        sicht=Sicht.MIT_FALL,
        zwecke=(
            Zweck(
                "zustellung_betreibung",
                "Zustellung von Betreibungsurkunden an inhaftierte Schuldner",
                "Art. 64 ff. SchKG",
            ),
        ),
    ),
}

assert set(FREIGABEN) == set(Behoerdentyp.values), (
    "Jeder Behördentyp (§ 21 Abs. 3 lit. a–j) braucht eine Freigabe."
)


def freigabe(typ: str) -> Freigabe:
    return FREIGABEN[typ]


def scopes_fuer(typ: str) -> list[str]:
    return sorted({SCOPE[e] for e in FREIGABEN[typ].endpunkte})


def tabelle_markdown() -> str:
    """The allowlist as a Markdown table for the OpenAPI description and the docs (one source)."""
    zeilen = [
        "| Behördentyp (§ 21 Abs. 3) | Scopes | Datenkategorien | Sicht | Zwecke (X-Zweck: Aufgabe, Rechtsgrundlage) |",
        "|---|---|---|---|---|",
    ]
    for typ, f in FREIGABEN.items():
        zwecke = "<br>".join(f"`{z.code}`: {z.aufgabe} ({z.rechtsgrundlage})" for z in f.zwecke)
        zeilen.append(
            f"| {Behoerdentyp(typ).label} | {', '.join(scopes_fuer(typ))} | "
            f"{', '.join(k.value for k in f.kategorien)} | {f.sicht.value} | {zwecke} |"
        )
    return "\n".join(zeilen)
