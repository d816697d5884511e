"""What the Vollzugsdaten add to other modules (kern.erweiterungen): the block on the case page, the
deadlines of the Fristenkontrolle, the facility's report task, the start-page card, the Eröffnung rules
of the conditional-release Verfügung, the auditors' change-log paths and the demo data."""

from datetime import date, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from kern import erweiterungen
from kern.erweiterungen import FristEintrag, Karte
from kern.fristen import tagesende
from kern.rollen import Rolle, hat_rolle
from verfuegungen.recht import Verfuegungstyp
from vollzug.recht import Fallstatus
from vollzugsdaten import domain
from vollzugsdaten.queries import massnahmen_fuer_user, pruefungen_fuer_user
from vollzugsdaten.recht import AUFGABEN_REGELN, Pruefungsstatus, VollzugsdatenAufgabenart

FRIST_PRUEFUNG = "bedingte_entlassung_86"
FRIST_MASSNAHME = "massnahme_59_64"
_FRISTEN_ROLLEN = (Rolle.SACHBEARBEITUNG, Rolle.REVISION)


def _person(fall) -> dict:
    p = fall.person
    return {"person_id": p.pk, "person_name": f"{p.amtlicher_name} {p.vorname}"}


def pruefungsfristen(user, heute: date):
    """R-STGB-86-2 / R-STGB-86-3: every open examination of conditional release (one query)."""
    if not hat_rolle(user, *_FRISTEN_ROLLEN):
        return []
    offen = (
        pruefungen_fuer_user(user)
        .exclude(status=Pruefungsstatus.ENTSCHIEDEN)
        # Paused while execution is interrupted (§ 14, § 51): the dates move when it continues.
        .exclude(fall__status=Fallstatus.UNTERBROCHEN)
        .select_related("fall__person")
        .order_by("faellig_am", "pk")
    )
    return [
        FristEintrag(
            typ=FRIST_PRUEFUNG,
            titel=f"Bedingte Entlassung prüfen: Fall {p.fall.fallnummer} "
            + (
                "(erneut, Art. 86 Abs. 3 StGB)"
                if p.nach_verweigerung
                else "(von Amtes wegen, Art. 86 Abs. 2 StGB)"
            ),
            faellig=tagesende(p.faellig_am),
            url=reverse("vollzugsdaten:pruefung", args=[p.pk]),
            regel="R-STGB-86-3" if p.nach_verweigerung else "R-STGB-86-2",
            **_person(p.fall),
        )
        for p in offen
    ]


def massnahmenfristen(user, heute: date):
    """R-STGB-62D-1, R-STGB-64B-1, R-STGB-MAX-1, R-4-1: each running measure's deadlines (one query)."""
    if not hat_rolle(user, *_FRISTEN_ROLLEN):
        return []
    eintraege = []
    for m in massnahmen_fuer_user(user).filter(beendet_am__isnull=True).select_related("fall__person"):
        for t in domain.termine(m):
            eintraege.append(
                FristEintrag(
                    typ=FRIST_MASSNAHME,
                    titel=f"{t.text}: Fall {m.fall.fallnummer}",
                    faellig=tagesende(t.datum),
                    url=reverse("vollzugsdaten:fall", args=[m.fall_id]) + f"#massnahme-{m.pk}-{t.art}",
                    regel=t.regel,
                    **_person(m.fall),
                )
            )
    return eintraege


def fallblock(fall, user) -> dict | None:
    """The case page shows the current dates (R-VD-1)."""
    if not hat_rolle(
        user, Rolle.SACHBEARBEITUNG, Rolle.REVISION, Rolle.ANSTALTSLEITUNG, Rolle.ANSTALTSPERSONAL
    ):
        return None
    # Read-only on the case core's page (its query budget is constant, and a GET there writes nothing):
    # the stored version, or the dates of changed inputs computed now; the Vollzugsdaten page, the API
    # and the nightly job store the new version (R-VD-1).
    aktuell = domain.stand(fall)
    return {
        "berechnung": (aktuell.neu or aktuell.gespeichert) if aktuell else None,
        "ungespeichert": bool(aktuell and aktuell.neu),
        "pruefung": fall.entlassungspruefungen.exclude(status=Pruefungsstatus.ENTSCHIEDEN).first(),
        "url": reverse("vollzugsdaten:fall", args=[fall.pk]),
    }


def startkarten(user) -> list[Karte]:
    """One query: examinations of conditional release due within 30 days or overdue."""
    if not hat_rolle(user, Rolle.SACHBEARBEITUNG):
        return []
    heute = timezone.localdate()
    zahlen = (
        pruefungen_fuer_user(user)
        .exclude(status=Pruefungsstatus.ENTSCHIEDEN)
        .aggregate(
            ueberfaellig=_count(Q(faellig_am__lt=heute)),
            bald=_count(Q(faellig_am__gte=heute, faellig_am__lte=heute + timedelta(days=30))),
        )
    )
    url = reverse("fristenkontrolle:uebersicht") + f"?typ={FRIST_PRUEFUNG}"
    karten = []
    if zahlen["ueberfaellig"]:
        karten.append(
            Karte(
                zahlen["ueberfaellig"],
                "Bedingte Entlassung: Prüfung überfällig (Art. 86 StGB)",
                url,
                warnung=True,
            )
        )
    if zahlen["bald"]:
        karten.append(
            Karte(zahlen["bald"], "Bedingte Entlassung: Prüfung in den nächsten 30 Tagen (Art. 86 StGB)", url)
        )
    return karten


def _count(bedingung):
    from django.db.models import Count

    return Count("pk", filter=bedingung)


def registrieren() -> None:
    """Called once by the AppConfig's ready(): everything this app adds to others, in one place."""
    from vollzugsdaten import demo

    erweiterungen.fallblock("vollzugsdaten/_fall_block.html", fallblock)
    erweiterungen.fristquelle(FRIST_PRUEFUNG, "Bedingte Entlassung (Art. 86 StGB)")(pruefungsfristen)
    erweiterungen.fristquelle(FRIST_MASSNAHME, "Massnahmen: Prüfung und Höchstdauer (Art. 59–64b StGB)")(
        massnahmenfristen
    )
    erweiterungen.aufgabenarten(VollzugsdatenAufgabenart, regeln=AUFGABEN_REGELN)
    erweiterungen.startkarte(startkarten)
    erweiterungen.eroeffnung(
        Verfuegungstyp.BUNDESRECHT, pruefen=domain.vor_eroeffnung, danach=domain.nach_eroeffnung
    )
    # Issue 23: a lifted decision on conditional release (or an upheld appeal) ends it; the examination is
    # due anew. The measures' examinations and applications to the court (Art. 59–64b StGB, § 4 JVG) are no
    # Verfügungen of the lifecycle (the court decides): nothing to register for them.
    erweiterungen.nach_aufhebung(Verfuegungstyp.BUNDESRECHT, domain.nach_aufhebung)
    for modell, pfad in (
        ("vollzugsdaten.strafzeitangaben", "fall__person"),
        ("vollzugsdaten.berechnung", "fall__person"),
        ("vollzugsdaten.entlassungspruefung", "fall__person"),
        ("vollzugsdaten.massnahme", "fall__person"),
        ("vollzugsdaten.massnahmenpruefung", "massnahme__fall__person"),
        ("vollzugsdaten.gerichtsantrag", "massnahme__fall__person"),
    ):
        erweiterungen.personenpfad(modell, pfad)
    erweiterungen.demo(demo.demo_anlegen)
