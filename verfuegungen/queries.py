"""Who may see which decisions (R-0-ROLE-1): a user sees a Verfügung iff they may see its person.

Also the two deadline sources of the Fristenkontrolle (R-0-FRIST-4), one query each.
"""

from datetime import date

from django.db.models import QuerySet
from django.urls import reverse

from kern.erweiterungen import FristEintrag
from kern.fristen import tagesende
from kern.rollen import Rolle
from verfuegungen.enums import Anhoerungsart, Verfuegungsstatus, Verfuegungstyp
from verfuegungen.models import Anhoerung, Verfuegung
from verfuegungen.recht import RECHTSFOLGEN
from vollzug.queries import offene_platzierung, personen_fuer_user


def verfuegungen_fuer_user(user) -> QuerySet[Verfuegung]:
    """Exactly the decisions `user` may see (outside → 404 in views).

    Decisions on forced medication or feeding (§36, §39) carry health data: only the deciding
    authority and the physicians assigned to the person see them (roles table).
    """
    qs = Verfuegung.objects.filter(person__in=personen_fuer_user(user))
    # Roles table: health data only for the deciding authority and assigned physicians (medizin's
    # persons are its assigned ones already). §§ 36/39 decisions state medical facts, so every other
    # role — facility roles, revision and the threat-management team, who otherwise read every case —
    # does not see them here (revision audits their existence and course in the change log;
    # zwangsmedizin shows it without content). A list of roles that may NOT see them missed the team.
    if getattr(user, "rolle", None) not in GESUNDHEITSDATEN_ROLLEN:
        qs = qs.exclude(typ__in=GESUNDHEITSTYPEN)
    return qs


GESUNDHEITSTYPEN = (Verfuegungstyp.ZWANGSMEDIKATION_36, Verfuegungstyp.ZWANGSERNAEHRUNG_39)
GESUNDHEITSDATEN_ROLLEN = frozenset({Rolle.SACHBEARBEITUNG, Rolle.MEDIZIN})


def fristen_rechtsmittel(user, heute: date):
    """R-0-VFG-2: open appeal deadlines (eröffnet, not yet rechtskräftig, no appeal)."""
    zeilen = (
        verfuegungen_fuer_user(user)
        .filter(status=Verfuegungsstatus.EROEFFNET)
        .annotate(
            platz_anstalt_id=offene_platzierung("anstalt_id", bezug="fall__person", aussen="person"),
            platz_anstalt_name=offene_platzierung("anstalt__name", bezug="fall__person", aussen="person"),
        )
        .values(
            "pk",
            "nummer",
            "typ",
            "rechtsmittelfrist_ende",
            "person_id",
            "person__amtlicher_name",
            "person__vorname",
            "platz_anstalt_id",
            "platz_anstalt_name",
        )
    )
    for z in zeilen:
        r = RECHTSFOLGEN[z["typ"]]
        yield FristEintrag(
            typ="verfuegung_rechtsmittel",
            titel=f"Beschwerdefrist Verfügung {z['nummer']} ({r.frist_tage} Tage, {r.instanz})",
            faellig=tagesende(z["rechtsmittelfrist_ende"]),
            url=reverse("verfuegungen:detail", args=[z["pk"]]),
            person_id=z["person_id"],
            person_name=f"{z['person__amtlicher_name']} {z['person__vorname']}",
            anstalt_id=z["platz_anstalt_id"],
            anstalt_name=z["platz_anstalt_name"] or "",
            regel="R-0-VFG-2",
        )


def fristen_gehoer_nachholen(user, heute: date):
    """R-0-GEHOER-1: hearings to be held after a decision taken with Gefahr im Verzug."""
    zeilen = (
        Anhoerung.objects.filter(
            art=Anhoerungsart.GEFAHR_IM_VERZUG,
            nachgeholt_am__isnull=True,
            verfuegung__person__in=personen_fuer_user(user),
        )
        .exclude(verfuegung__status=Verfuegungsstatus.AUFGEHOBEN)
        .annotate(
            platz_anstalt_id=offene_platzierung(
                "anstalt_id", bezug="fall__person", aussen="verfuegung__person"
            ),
            platz_anstalt_name=offene_platzierung(
                "anstalt__name", bezug="fall__person", aussen="verfuegung__person"
            ),
        )
        .values(
            "verfuegung_id",
            "verfuegung__nummer",
            "nachholen_bis",
            "verfuegung__person_id",
            "verfuegung__person__amtlicher_name",
            "verfuegung__person__vorname",
            "platz_anstalt_id",
            "platz_anstalt_name",
        )
    )
    for z in zeilen:
        yield FristEintrag(
            typ="verfuegung_gehoer_nachholen",
            titel=f"Rechtliches Gehör nachholen: Verfügung {z['verfuegung__nummer']} (Gefahr im Verzug)",
            faellig=tagesende(z["nachholen_bis"]),
            url=reverse("verfuegungen:detail", args=[z["verfuegung_id"]]),
            person_id=z["verfuegung__person_id"],
            person_name=f"{z['verfuegung__person__amtlicher_name']} {z['verfuegung__person__vorname']}",
            anstalt_id=z["platz_anstalt_id"],
            anstalt_name=z["platz_anstalt_name"] or "",
            regel="R-0-GEHOER-1",
        )
