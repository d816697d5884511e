"""The legal consequences of each decision type, in ONE table (R-0-VFG-4, -5, -6, R-0-GEHOER-1).

Read against the law (SRL 305, §§ 42–45) and the rulebook. Where they differ, the law wins:

* § 43 Abs. 2 lit. c: appeal decisions of the JSD *in disciplinary matters* go to the Kantonsgericht
  like every departmental appeal decision (type DEPARTEMENTSENTSCHEID).
* § 44 Abs. 1 removes suspensive effect from "Beschwerden *und Verwaltungsgerichtsbeschwerden*" in the
  four areas §31, Disziplinar, §36, §39. The rulebook gives a departmental appeal decision suspensive
  effect across the board; the law does not when the decision concerns one of those areas. A
  DEPARTEMENTSENTSCHEID therefore records the `sachbereich` (type of the contested decision) and
  loses suspensive effect when that is a § 44 area (`aufschiebende_wirkung_von`).
* § 45 Abs. 1 says "in der Regel kostenlos": costs are possible only for an abusive appeal (§ 45 Abs. 2).
* A Kostenbeteiligung (§ 48) obliges the person to pay: burdening under Art. 29 Abs. 2 BV, so the
  hearing applies although R-0-GEHOER-1's list of examples does not name it.
* Refusal of a § 14 request is burdening (R-0-GEHOER-1), a grant is not: one type AUFSCHUB_14 with the
  flag `Verfuegung.abweisend` (an approval and a refusal differ in outcome, not in procedure).

Everything that depends on the type (instance, deadline, text of the Rechtsmittelbelehrung, §44,
hearing, who approves) is read from here; no other module hard-codes a deadline or an instance.
"""

from dataclasses import dataclass

from django.db import models

# --- The catalogues: types, states and steps of a Verfügung ------------------------------------


class Verfuegungstyp(models.TextChoices):
    # The legal consequences of each type (instance, deadline, §44, Gehör) are in `recht.RECHTSFOLGEN`.
    DISZIPLINAR = "disziplinar", "Disziplinarverfügung (§ 41 JVG)"
    SICHERHEITSMASSNAHME_31 = "sicherheitsmassnahme_31", "Besondere Sicherheitsmassnahme (§ 31 JVG)"
    ZWANGSMEDIKATION_36 = "zwangsmedikation_36", "Zwangsmedikation (§ 36 JVG)"
    ZWANGSERNAEHRUNG_39 = "zwangsernaehrung_39", "Zwangsernährung (§ 39 JVG)"
    VERSETZUNG_17 = "versetzung_17", "Versetzung (§ 17 JVG)"
    AUFSCHUB_14 = "aufschub_14", "Aufschub/Unterbrechung (§ 14 JVG)"
    KOSTENBETEILIGUNG_48 = "kostenbeteiligung_48", "Kostenbeteiligung (§ 48 JVG)"
    ANDERE_KANTONAL = "andere_kantonal", "Andere Verfügung nach kantonalem Recht (§ 43 Abs. 1 lit. d JVG)"
    BUNDESRECHT = "bundesrecht", "Verfügung in Anwendung von Bundesrecht (§ 43 Abs. 2 lit. a JVG)"
    DEPARTEMENTSENTSCHEID = (
        "departementsentscheid",
        "Beschwerdeentscheid des Departements (§ 43 Abs. 2 lit. b/c JVG)",
    )


class Verfuegungsstatus(models.TextChoices):
    ENTWURF = "entwurf", "Entwurf"
    ZUR_GENEHMIGUNG = "zur_genehmigung", "Zur Genehmigung"
    GENEHMIGT = "genehmigt", "Genehmigt"
    EROEFFNET = "eroeffnet", "Eröffnet"
    RECHTSKRAEFTIG = "rechtskraeftig", "Rechtskräftig"
    ANGEFOCHTEN = "angefochten", "Angefochten"
    BESCHWERDEENTSCHEID = "beschwerdeentscheid", "Beschwerdeentscheid"
    AUFGEHOBEN = "aufgehoben", "Aufgehoben"
    VERJAEHRT = "verjaehrt", "Verjährt"
    VOLLZOGEN = "vollzogen", "Vollzogen"


class EroeffnungArt(models.TextChoices):
    # R-0-VFG-2: the mode of notification is recorded with its date/time.
    UEBERGABE_ANSTALT = (
        "uebergabe_anstalt_mit_empfangsbestaetigung",
        "Übergabe in der Vollzugseinrichtung mit unterzeichneter Empfangsbestätigung",
    )
    EINSCHREIBEN = "einschreiben", "Eingeschriebener Brief"
    A_POST_PLUS = "a_post_plus", "A-Post Plus"
    PERSOENLICH_BEHOERDE = "persoenlich_behoerde", "Persönliche Übergabe bei der Behörde"
    ELEKTRONISCH = "elektronisch", "Elektronische Zustellung"


class Genehmigungsaktion(models.TextChoices):
    VORGELEGT = "vorgelegt", "Zur Genehmigung vorgelegt"
    GENEHMIGT = "genehmigt", "Genehmigt"
    ZURUECKGEWIESEN = "zurueckgewiesen", "Zur Überarbeitung zurückgewiesen"
    ABGELEHNT = "abgelehnt", "Abgelehnt"


class Anhoerungsart(models.TextChoices):
    # R-0-GEHOER-1 (Art. 29 Abs. 2 BV)
    STELLUNGNAHME = "stellungnahme", "Stellungnahme der betroffenen Person"
    VERZICHT = "verzicht", "Verzicht auf Stellungnahme"
    GEFAHR_IM_VERZUG = "gefahr_im_verzug", "Gefahr im Verzug – Anhörung folgt nachträglich"


class Beschwerdeergebnis(models.TextChoices):
    GUTGEHEISSEN = "gutgeheissen", "Gutgeheissen"
    TEILWEISE_GUTGEHEISSEN = "teilweise_gutgeheissen", "Teilweise gutgeheissen"
    ABGEWIESEN = "abgewiesen", "Abgewiesen"
    NICHTEINTRETEN = "nichteintreten", "Nichteintreten"


T = Verfuegungstyp
S = Verfuegungsstatus


JSD = "Justiz- und Sicherheitsdepartement des Kantons Luzern"
KANTONSGERICHT = "Kantonsgericht Luzern"
VOLLZUGSBEHOERDE = "Dienststelle Militär, Zivilschutz und Justizvollzug – Vollzugs- und Bewährungsdienst"


@dataclass(frozen=True, slots=True)
class Rechtsfolge:
    instanz: str  # appeal instance, full German name (R-0-VFG-5)
    frist_tage: int  # appeal deadline in days from notification (§ 42: 5, § 43: 20)
    rechtsmittel: str  # name of the remedy in the Rechtsmittelbelehrung
    rechtsmittel_paragraph: str  # the § that opens the remedy
    aufschiebende_wirkung: bool  # § 44: False = enforceable from Eröffnung (R-0-VFG-4)
    paragraph_44: str  # the letter of § 44 Abs. 1 when suspensive effect is excluded, else ""
    belastend: bool  # R-0-GEHOER-1: hearing before the decision
    belastend_wenn_abweisend: bool  # refusal of a request (§ 14) is burdening
    entscheid_durch_anstalt: bool  # R-0-4EYES-1: facility decision, approved by its Anstaltsleitung
    kostenlos_ausser_mutwillig: bool  # § 45 (R-0-VFG-6)


def _kantonal(
    paragraph: str, *, ohne_aw: str = "", belastend=False, abweisend=False, anstalt=False
) -> Rechtsfolge:
    return Rechtsfolge(
        instanz=JSD,  # § 43 Abs. 1: "zuständiges Departement" = the JSD for the Justizvollzug
        frist_tage=20,
        rechtsmittel="Verwaltungsbeschwerde",
        rechtsmittel_paragraph=paragraph,
        aufschiebende_wirkung=not ohne_aw,
        paragraph_44=ohne_aw,
        belastend=belastend,
        belastend_wenn_abweisend=abweisend,
        entscheid_durch_anstalt=anstalt,
        kostenlos_ausser_mutwillig=False,
    )


def _kantonsgericht(paragraph: str) -> Rechtsfolge:
    return Rechtsfolge(
        instanz=KANTONSGERICHT,
        frist_tage=20,
        rechtsmittel="Verwaltungsgerichtsbeschwerde",
        rechtsmittel_paragraph=paragraph,
        aufschiebende_wirkung=True,
        paragraph_44="",
        belastend=False,
        belastend_wenn_abweisend=False,
        entscheid_durch_anstalt=False,
        kostenlos_ausser_mutwillig=False,
    )


RECHTSFOLGEN: dict[str, Rechtsfolge] = {
    # § 42: disciplinary decisions of state and private facilities → JSD within five days.
    T.DISZIPLINAR: Rechtsfolge(
        instanz=JSD,
        frist_tage=5,  # R-42-1: § 42, five days from the notification
        rechtsmittel="Beschwerde",
        rechtsmittel_paragraph="§ 42 JVG",
        aufschiebende_wirkung=False,
        paragraph_44="§ 44 Abs. 1 lit. b JVG",
        belastend=True,
        belastend_wenn_abweisend=False,
        entscheid_durch_anstalt=True,
        kostenlos_ausser_mutwillig=True,
    ),
    T.SICHERHEITSMASSNAHME_31: _kantonal(
        "§ 43 Abs. 1 lit. a JVG", ohne_aw="§ 44 Abs. 1 lit. a JVG", belastend=True, anstalt=True
    ),
    T.ZWANGSMEDIKATION_36: _kantonal(
        "§ 43 Abs. 1 lit. b JVG", ohne_aw="§ 44 Abs. 1 lit. c JVG", belastend=True
    ),
    T.ZWANGSERNAEHRUNG_39: _kantonal(
        "§ 43 Abs. 1 lit. c JVG", ohne_aw="§ 44 Abs. 1 lit. d JVG", belastend=True
    ),
    T.VERSETZUNG_17: _kantonal("§ 43 Abs. 1 lit. d JVG"),
    T.AUFSCHUB_14: _kantonal("§ 43 Abs. 1 lit. d JVG", abweisend=True),
    # An order to pay is burdening (Art. 29 Abs. 2 BV), though R-0-GEHOER-1 does not list it.
    T.KOSTENBETEILIGUNG_48: _kantonal("§ 43 Abs. 1 lit. d JVG", belastend=True),
    T.ANDERE_KANTONAL: _kantonal("§ 43 Abs. 1 lit. d JVG"),
    T.BUNDESRECHT: _kantonsgericht("§ 43 Abs. 2 lit. a JVG"),
    T.DEPARTEMENTSENTSCHEID: _kantonsgericht("§ 43 Abs. 2 lit. b und c JVG"),
}

assert set(RECHTSFOLGEN) == set(T.values), "Jeder Verfügungstyp braucht seine Rechtsfolgen."

# Types whose decision is the facility's (§ 31, § 41): approved by the Anstaltsleitung (R-0-4EYES-1).
ANSTALTSTYPEN = frozenset(t for t, r in RECHTSFOLGEN.items() if r.entscheid_durch_anstalt)
# --- Who drafts and who approves, per decision type (R-0-4EYES-1, issue 17) ---------------------
#
# As Swiss facilities work: in a facility, staff (Anstaltspersonal, e.g. the security chief) or the
# management draft, and the management (Anstaltsleitung) of that facility approves — or the deputy
# configured for it (`Stellvertretung` with a period). In the authority, a case worker drafts and a
# second case worker approves (or the authority's configured deputy). Never the drafter (R-0-4EYES-1).


@dataclass(frozen=True, slots=True)
class Zustaendigkeit:
    entwerfen: frozenset[str]  # roles that draft (and submit)
    genehmigen: frozenset[str]  # roles that approve (besides a Stellvertretung in its period)
    in_anstalt: bool  # True: both bound to the decision's facility; False: the authority


_ANSTALT = Zustaendigkeit(
    entwerfen=frozenset({"anstaltspersonal", "anstaltsleitung"}),
    genehmigen=frozenset({"anstaltsleitung"}),
    in_anstalt=True,
)
_BEHOERDE = Zustaendigkeit(
    entwerfen=frozenset({"sachbearbeitung"}), genehmigen=frozenset({"sachbearbeitung"}), in_anstalt=False
)

ZUSTAENDIGKEIT: dict[str, Zustaendigkeit] = {
    typ: (_ANSTALT if folge.entscheid_durch_anstalt else _BEHOERDE) for typ, folge in RECHTSFOLGEN.items()
}


def zustaendigkeit(typ: str) -> Zustaendigkeit:
    return ZUSTAENDIGKEIT[typ]


# § 44 areas: a departmental appeal decision in one of them keeps "no suspensive effect".
OHNE_AUFSCHIEBENDE_WIRKUNG = frozenset(t for t, r in RECHTSFOLGEN.items() if not r.aufschiebende_wirkung)


BUNDESGERICHT = "Schweizerisches Bundesgericht"


def weiterzug(instanz: str) -> tuple[str, int]:
    """§ 43 Abs. 2 lit. b/c: the departmental appeal decision goes to the Kantonsgericht within 20 days;
    the Kantonsgericht's decision to the Bundesgericht within 30 days (Art. 100 Abs. 1 BGG)."""
    if instanz == KANTONSGERICHT:
        return BUNDESGERICHT, 30
    return KANTONSGERICHT, 20


def rechtsfolge(typ: str) -> Rechtsfolge:
    return RECHTSFOLGEN[typ]


def aufschiebende_wirkung_von(typ: str, sachbereich: str = "") -> bool:
    """§ 44: default suspensive effect of an appeal against a decision of `typ`."""
    if typ == T.DEPARTEMENTSENTSCHEID and sachbereich in OHNE_AUFSCHIEBENDE_WIRKUNG:
        return False
    return RECHTSFOLGEN[typ].aufschiebende_wirkung


def paragraph_44_von(typ: str, sachbereich: str = "") -> str:
    if typ == T.DEPARTEMENTSENTSCHEID and sachbereich in OHNE_AUFSCHIEBENDE_WIRKUNG:
        return RECHTSFOLGEN[sachbereich].paragraph_44
    return RECHTSFOLGEN[typ].paragraph_44


def ist_belastend(typ: str, abweisend: bool = False) -> bool:
    """R-0-GEHOER-1: Disziplinar, § 31, § 36, § 39 and the refusal of a § 14 request."""
    r = RECHTSFOLGEN[typ]
    return r.belastend or (abweisend and r.belastend_wenn_abweisend)


def rechtsmittelbelehrung(verfuegung) -> str:
    """R-0-VFG-1/-5: instance, deadline in days from notification, form, from the table."""
    r = RECHTSFOLGEN[verfuegung.typ]
    tage = "fünf Tagen" if r.frist_tage == 5 else f"{r.frist_tage} Tagen"
    return (
        f"Gegen diese Verfügung kann innert {tage} seit ihrer Eröffnung beim {r.instanz} "
        f"{r.rechtsmittel} erhoben werden ({r.rechtsmittel_paragraph}). "
        "Die Frist beginnt am Tag nach der Eröffnung; fällt ihr letzter Tag auf einen Samstag, Sonntag "
        "oder einen am Ort der Behörde anerkannten Feiertag, endet sie am nächsten Werktag. "
        "Die Beschwerde ist schriftlich einzureichen und zu unterzeichnen; sie muss einen Antrag und "
        "dessen Begründung enthalten. Die angefochtene Verfügung und die Beweismittel sind beizulegen."
    )


def aufschiebende_wirkung_text(verfuegung) -> str:
    """R-0-VFG-4 (§ 44): the note on suspensive effect printed with the decision."""
    if not verfuegung.aufschiebende_wirkung:
        return (
            f"Einer allfälligen Beschwerde kommt keine aufschiebende Wirkung zu (§ 44 JVG; "
            f"{paragraph_44_von(verfuegung.typ, verfuegung.sachbereich)}). Die Beschwerdeinstanz kann sie "
            "ausdrücklich erteilen."
        )
    if verfuegung.aufschiebende_wirkung_entzogen_am:
        return "Einer allfälligen Beschwerde wird die aufschiebende Wirkung entzogen."
    return "Einer allfälligen Beschwerde kommt aufschiebende Wirkung zu."


def kostenhinweis(verfuegung) -> str:
    """R-0-VFG-6 (§ 45): disciplinary appeals are free of costs unless abusive."""
    if not RECHTSFOLGEN[verfuegung.typ].kostenlos_ausser_mutwillig:
        return ""
    return (
        "Das Beschwerdeverfahren gegen Disziplinarverfügungen ist in der Regel kostenlos. Wird mutwillig "
        "eine offensichtlich unbegründete Beschwerde erhoben, können der beschwerdeführenden Person "
        "angemessene Verfahrenskosten auferlegt werden (§ 45 JVG)."
    )


# The appeal failed: the contested decision stands as it was.
BESTAETIGT = (Beschwerdeergebnis.ABGEWIESEN, Beschwerdeergebnis.NICHTEINTRETEN)

# --- The lifecycle: one table, one function ----------------------------------------------------

UEBERGAENGE: dict[str, frozenset[str]] = {
    S.ENTWURF: frozenset({S.ZUR_GENEHMIGUNG, S.AUFGEHOBEN}),
    S.ZUR_GENEHMIGUNG: frozenset({S.GENEHMIGT, S.ENTWURF, S.AUFGEHOBEN}),
    S.GENEHMIGT: frozenset({S.EROEFFNET, S.AUFGEHOBEN}),
    S.EROEFFNET: frozenset({S.RECHTSKRAEFTIG, S.ANGEFOCHTEN, S.AUFGEHOBEN, S.VOLLZOGEN}),
    # The job records Rechtskraft the day after the deadline; an appeal handed to the post office on
    # the last day arrives later and still reopens it (the instance decides on timeliness).
    S.RECHTSKRAEFTIG: frozenset({S.ANGEFOCHTEN, S.VOLLZOGEN, S.VERJAEHRT, S.AUFGEHOBEN}),
    # §44: without suspensive effect a contested decision may be executed, and an executed one
    # may still be contested within the deadline.
    S.ANGEFOCHTEN: frozenset({S.BESCHWERDEENTSCHEID, S.AUFGEHOBEN, S.VOLLZOGEN}),
    # § 43 Abs. 2: after a rejected appeal the decision becomes rechtskräftig once the further appeal
    # deadline passes unused (job) or a further appeal ends (recorded from the court's certificate).
    S.BESCHWERDEENTSCHEID: frozenset({S.RECHTSKRAEFTIG, S.VOLLZOGEN, S.VERJAEHRT, S.AUFGEHOBEN}),
    S.AUFGEHOBEN: frozenset(),
    S.VERJAEHRT: frozenset(),
    S.VOLLZOGEN: frozenset({S.ANGEFOCHTEN, S.BESCHWERDEENTSCHEID}),
}

# The rule a refused move offends, named in the message.
REGEL_FUER_ZIEL = {
    S.ZUR_GENEHMIGUNG: "R-0-4EYES-1",
    S.GENEHMIGT: "R-0-4EYES-1",
    S.ENTWURF: "R-0-4EYES-1",
    S.EROEFFNET: "R-0-VFG-2",
    S.RECHTSKRAEFTIG: "R-0-VFG-3",
    S.ANGEFOCHTEN: "R-0-VFG-5",
    S.BESCHWERDEENTSCHEID: "R-0-VFG-5",
    S.VOLLZOGEN: "R-0-VFG-4",
    S.VERJAEHRT: "R-0-VFG-3",
    S.AUFGEHOBEN: "R-0-VFG-2",
}

# A hearing missed because of Gefahr im Verzug is held "unverzüglich"; our working limit for the
# Fristenkontrolle (not a statutory deadline): five days, counted like a procedural deadline.
GEHOER_NACHHOLEN_TAGE = 5
