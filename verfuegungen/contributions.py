"""What the Verfügung lifecycle contributes: its deadlines, change-log paths and the § 17 block of the case page."""

from django.core.exceptions import ObjectDoesNotExist

from kern import erweiterungen
from verfuegungen.domain import fristen, versetzung
from verfuegungen.queries import GESUNDHEITSTYPEN


def registrieren() -> None:
    """Called once by the AppConfig's ready(): everything this app adds to others, in one place."""
    # R-0-FRIST-4: the appeal deadlines and the hearings to make up for in the one overview.
    erweiterungen.fristquelle("verfuegung_rechtsmittel", "Rechtsmittelfrist Verfügung")(
        fristen.fristen_rechtsmittel
    )
    erweiterungen.fristquelle("verfuegung_gehoer_nachholen", "Rechtliches Gehör nachholen")(
        fristen.fristen_gehoer_nachholen
    )
    # § 17: the transfers of a case with their written Verfügung (or the button to draft it).
    erweiterungen.fallblock("verfuegungen/_fall_versetzungen.html", versetzung.fallblock)
    erweiterungen.personenpfad("verfuegungen.verfuegung", "person")
    erweiterungen.personenpfad("verfuegungen.genehmigungsschritt", "verfuegung__person")
    erweiterungen.personenpfad("verfuegungen.anhoerung", "verfuegung__person")
    erweiterungen.personenpfad("verfuegungen.beschwerde", "verfuegung__person")
    # Issue 23 (roles table: health content only for the health roles): the texts of §§ 36/39 decisions
    # (and of their hearing and approval steps) are health data; the auditors' change log (Revision, page
    # and CSV) shows who did what when, not these texts. The health roles read them on the decision's page;
    # the subject access (sachbearbeitung, for the person) keeps them: they are the person's own data.
    erweiterungen.protokoll_verbergen("verfuegungen.verfuegung", GESUNDHEITSTEXTE, _gesundheit)
    erweiterungen.protokoll_verbergen(
        "verfuegungen.anhoerung", ("text", "begruendung", "nachgeholt_text"), _gesundheit_der_verfuegung
    )
    erweiterungen.protokoll_verbergen(
        "verfuegungen.genehmigungsschritt", ("kommentar",), _gesundheit_der_verfuegung
    )


GESUNDHEITSTEXTE = (
    "titel",
    "sachverhalt",
    "begruendung",
    "dispositiv",
    "aufhebung_grund",
    "aufschiebende_wirkung_entzug_begruendung",
)


def _gesundheit(zeile) -> bool:
    return zeile.typ in GESUNDHEITSTYPEN


def _gesundheit_der_verfuegung(zeile) -> bool:
    # The history row's foreign key is selected with it (protokoll.domain.historie): no query per row.
    try:
        return zeile.verfuegung.typ in GESUNDHEITSTYPEN
    except ObjectDoesNotExist:
        return True  # no decision to read the type from: hide rather than show
