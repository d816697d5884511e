"""The letter of an application to the court (§ 4 Abs. 1 JVG, R-4-1) as a PDF.

The Vollzugsbehörde files the application for a subsequent court decision (extension of a measure,
Art. 59 Abs. 4, 60 Abs. 4, 63 Abs. 4 StGB; change of the sanction, Art. 62c, 63a StGB; another
subsequent decision, Art. 65 StGB) "dem zuständigen Gericht" (§ 4 Abs. 1 JVG). The letter names the
court, the person, the measure with its maximum and end, the request, the reasons and the enclosures.
Rendered through `kern.pdf.render_pdf` (restricted URL fetcher; a letter of one or two pages renders in
well under a second, so synchronously in the request, like the cost statement).

German declension (the court is addressed "An das Kriminalgericht", asked "dem Kriminalgericht"; the
person is "Herrn"/"Frau" after "betreffend"): the grammatical gender of a court's name is taken from its
head noun (the first word of the name ending in a known noun); an unknown name is written without an
article ("An: Name"), never with a wrong one.
"""

from dataclasses import dataclass

from django.utils import timezone

from kern.pdf import render_pdf
from vollzug.models import Geschlecht
from vollzugsdaten.domain.massnahmen import hoechstdauer_ende
from vollzugsdaten.models import Gerichtsantrag
from vollzugsdaten.recht import HOECHSTDAUER_PARAGRAPH, Antragsart

VORLAGE = "vollzugsdaten/pdf/gerichtsantrag.html"
BEHOERDE = "Vollzugs- und Bewährungsdienst"

# Head nouns of court names by grammatical gender (Duden): das Gericht / die Kammer / der Hof.
_NEUTRUM = ("gericht", "bundesgericht")
_FEMININUM = ("kammer", "abteilung", "behörde", "instanz", "staatsanwaltschaft")
_MASKULINUM = ("hof", "rat", "richter", "präsident")

# Articles: (accusative, dative) per gender.
_ARTIKEL = {"n": ("das", "dem"), "f": ("die", "der"), "m": ("den", "dem")}
_VORHANDENER_ARTIKEL = {"das": "n", "die": "f", "der": "m", "den": "m", "dem": None}


@dataclass(frozen=True, slots=True)
class Gerichtsname:
    akkusativ: str  # "das Kriminalgericht des Kantons Luzern" (after "An")
    dativ: str  # "dem Kriminalgericht des Kantons Luzern"


def _geschlecht_des_kopfworts(name: str) -> str | None:
    # The head noun of "Kriminalgericht des Kantons Luzern" is the first word ("des …" is a genitive);
    # an ordinal in front ("2. Strafkammer") is skipped.
    woerter = [w for w in name.split() if not w.rstrip(".").isdigit()]
    kopf = woerter[0].lower().strip(",.") if woerter else ""
    for endungen, geschlecht in ((_NEUTRUM, "n"), (_FEMININUM, "f"), (_MASKULINUM, "m")):
        if kopf.endswith(endungen):
            return geschlecht
    return None


def gericht_dekliniert(gericht: str) -> Gerichtsname:
    """The court's name with the article in accusative and dative; an unknown head noun keeps the article
    the user wrote (declined), and without one the bare name is used."""
    name = " ".join(gericht.split())
    erstes, _, rest = name.partition(" ")
    gegeben = None
    if erstes.lower() in _VORHANDENER_ARTIKEL and rest:
        # "Das Obergericht" / "Der Kassationshof": re-decline the given article.
        gegeben, name = _VORHANDENER_ARTIKEL[erstes.lower()], rest
    geschlecht = _geschlecht_des_kopfworts(name) or gegeben
    if geschlecht is None:
        return Gerichtsname(akkusativ=name, dativ=name)
    akk, dat = _ARTIKEL[geschlecht]
    return Gerichtsname(akkusativ=f"{akk} {name}", dativ=f"{dat} {name}")


def person_bezeichnung(person) -> str:
    """The person after "betreffend" (accusative): "Herrn Max Muster", "Frau Eva Muster"."""
    name = f"{person.vorname} {person.amtlicher_name}"
    anrede = {Geschlecht.MAENNLICH: "Herrn", Geschlecht.WEIBLICH: "Frau"}.get(person.geschlecht)
    return f"{anrede} {name}" if anrede else name


def _jahre(n: int) -> str:
    return f"{n} Jahr" if n == 1 else f"{n} Jahre"


# The measures in running text, all feminine: (nominative "die …", genitive/dative "der …").
MASSNAHME_IM_TEXT = {
    "59": (
        "stationäre therapeutische Massnahme zur Behandlung psychischer Störungen (Art. 59 StGB)",
        "stationären therapeutischen Massnahme zur Behandlung psychischer Störungen (Art. 59 StGB)",
    ),
    "60": ("stationäre Suchtbehandlung (Art. 60 StGB)", "stationären Suchtbehandlung (Art. 60 StGB)"),
    "61": ("Massnahme für junge Erwachsene (Art. 61 StGB)", "Massnahme für junge Erwachsene (Art. 61 StGB)"),
    "63": ("ambulante Behandlung (Art. 63 StGB)", "ambulanten Behandlung (Art. 63 StGB)"),
    "64": ("Verwahrung (Art. 64 StGB)", "Verwahrung (Art. 64 StGB)"),
}


def rechtsbegehren(a: Gerichtsantrag) -> str:
    """The request (Rechtsbegehren) of the application, with its legal basis."""
    m = a.massnahme
    nominativ, genitiv = MASSNAHME_IM_TEXT[m.artikel]
    paragraph = HOECHSTDAUER_PARAGRAPH.get(m.artikel, "Art. 64 StGB")
    if a.art == Antragsart.VERLAENGERUNG:
        return f"Die {nominativ} sei um {_jahre(a.verlaengerung_jahre or 0)} zu verlängern ({paragraph})."
    if a.art == Antragsart.AENDERUNG:
        return (
            f"Über die Aufhebung oder Änderung der {genitiv} sei nachträglich zu entscheiden "
            "(Art. 62c, 63a StGB)."
        )
    return f"Zur {genitiv} sei ein anderer nachträglicher Entscheid zu treffen (Art. 65 StGB)."


def kontext(a: Gerichtsantrag) -> dict:
    m = a.massnahme
    person = m.fall.person
    gericht = gericht_dekliniert(a.gericht)
    return {
        "a": a,
        "m": m,
        "fall": m.fall,
        "person": person,
        "person_bezeichnung": person_bezeichnung(person),
        "gericht": gericht,
        "behoerde": BEHOERDE,
        "datum": a.eingereicht_am or timezone.localdate(),
        "hoechstdauer_ende": hoechstdauer_ende(m),
        "hoechstdauer_paragraph": HOECHSTDAUER_PARAGRAPH.get(m.artikel, ""),
        "rechtsbegehren": rechtsbegehren(a),
        "begruendung": [absatz.strip() for absatz in a.antrag.split("\n\n") if absatz.strip()],
        "beilagen": [zeile.strip() for zeile in a.akten.splitlines() if zeile.strip()],
        "unterschrift": a.erstellt_durch.get_full_name() or a.erstellt_durch.get_username(),
    }


def antrag_pdf(a: Gerichtsantrag) -> bytes:
    """R-4-1: the application letter as PDF (A4), from the recorded application."""
    return render_pdf(VORLAGE, kontext(a))


def dateiname(a: Gerichtsantrag) -> str:
    return f"Antrag-Gericht-{a.massnahme.fall.fallnummer}-{a.pk}.pdf"
