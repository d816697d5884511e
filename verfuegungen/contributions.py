"""What the Verfügung lifecycle contributes: its deadlines, change-log paths and the § 17 block of the case page."""

from datetime import date, timedelta

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q
from django.urls import reverse

from kern import erweiterungen
from kern.audit import speichern, system_benutzer
from verfuegungen.domain import fristen, versetzung
from verfuegungen.models import Stellvertretung
from verfuegungen.queries import GESUNDHEITSTYPEN, verfuegungen_fuer_user
from verfuegungen.recht import Verfuegungsstatus

# Issue 17: the demo facilities' deputies of the management (they approve what the director drafted).
DEMO_STELLVERTRETUNGEN = ("stv.grosshof", "stv.wauwilermoos")


def demo_anlegen(benutzer: dict, heute: date) -> None:
    """R-0-4EYES-1: two approvers wherever a four-eyes step exists — the authority has two case workers
    (fixtures/demo.json), each demo facility a deputy of its management for the next year."""
    demo = system_benutzer(erweiterungen.DEMO_AKTEUR)
    for username in DEMO_STELLVERTRETUNGEN:
        vertreter = benutzer.get(username)
        if vertreter is None:
            continue
        speichern(
            Stellvertretung(
                vertreter=vertreter,
                anstalt=vertreter.anstalt,
                von=heute - timedelta(days=30),
                bis=heute + timedelta(days=365),
                bemerkung="Stellvertretung der Anstaltsleitung (Demo)",
            ),
            durch=demo,
            grund="Stellvertretung eingerichtet",
        )


# The dossier shows the newest decisions; "alle anzeigen" opens the filtered list.
DOSSIER_ZEILEN = 15


def _des_falls(fall):
    # A decision belongs to the case it names, or to the person when it names no case (e.g. § 31).
    return Q(fall=fall) | Q(fall__isnull=True, person_id=fall.person_id)


def _block(qs, *, filter_url: str) -> dict | None:
    verfuegungen = list(qs.order_by("-entworfen_am", "-pk")[: DOSSIER_ZEILEN + 1])
    if not verfuegungen:
        return None
    return {
        "verfuegungen": verfuegungen[:DOSSIER_ZEILEN],
        "mehr": len(verfuegungen) > DOSSIER_ZEILEN,
        "alle_url": filter_url,
    }


def fallblock(fall, user) -> dict | None:
    """Dossier: the case's Verfügungen with their status (one query; §§ 36/39 only for the health roles,
    as in the list: verfuegungen_fuer_user)."""
    return _block(
        verfuegungen_fuer_user(user).filter(_des_falls(fall)),
        filter_url=f"{reverse('verfuegungen:liste')}?fall={fall.pk}",
    )


def personenblock(person, user) -> dict | None:
    """Dossier: the person's Verfügungen of every case (one query)."""
    return _block(
        verfuegungen_fuer_user(user).filter(person=person),
        filter_url=f"{reverse('verfuegungen:liste')}?person={person.pk}",
    )


def zeitleiste(person, user, fall=None):
    """Timeline: drafted, notified and final decisions (one query)."""
    qs = verfuegungen_fuer_user(user).filter(person=person)
    if fall is not None:
        qs = qs.filter(_des_falls(fall))
    ereignisse = []
    for v in qs.only("pk", "nummer", "titel", "status", "entworfen_am", "eroeffnet_am", "rechtskraeftig_am"):
        url = reverse("verfuegungen:detail", args=[v.pk])
        ereignisse.append(
            erweiterungen.Ereignis(
                v.entworfen_am, f"Verfügung {v.nummer} entworfen: {v.titel}", url, "Verfügungen"
            )
        )
        if v.eroeffnet_am:
            ereignisse.append(
                erweiterungen.Ereignis(
                    v.eroeffnet_am, f"Verfügung {v.nummer} eröffnet: {v.titel}", url, "Verfügungen"
                )
            )
        if v.rechtskraeftig_am and v.status == Verfuegungsstatus.RECHTSKRAEFTIG:
            ereignisse.append(
                erweiterungen.Ereignis(
                    v.rechtskraeftig_am, f"Verfügung {v.nummer} rechtskräftig: {v.titel}", url, "Verfügungen"
                )
            )
    return ereignisse


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
    # The dossier (issue 17): every Verfügung of the case / person with its status, and the timeline.
    erweiterungen.fallblock("verfuegungen/_dossier.html", fallblock)
    erweiterungen.personenblock("verfuegungen/_dossier.html", personenblock)
    erweiterungen.zeitleiste(zeitleiste)
    erweiterungen.personenpfad("verfuegungen.verfuegung", "person")
    erweiterungen.personenpfad("verfuegungen.genehmigungsschritt", "verfuegung__person")
    erweiterungen.personenpfad("verfuegungen.anhoerung", "verfuegung__person")
    erweiterungen.personenpfad("verfuegungen.beschwerde", "verfuegung__person")
    # Right after the case core (users), before the procedures that need the approvers.
    erweiterungen.demo(demo_anlegen, reihenfolge=erweiterungen.DEMO_FALLKERN + 1)

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
