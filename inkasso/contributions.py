"""What Inkasso adds to other pages: the start card, the person and case blocks, the deadline source,
change-log paths and the demo data (through the domain functions)."""

from datetime import date

from django.urls import reverse
from django.utils import timezone

from inkasso.domain import mahnwesen, umwandlung, widerruf
from inkasso.models import ERLEDIGT, Klaerungsposten, Umwandlung
from inkasso.permissions import darf_inkasso_lesen
from inkasso.queries import forderungen_fuer_user
from inkasso.recht import InkassoAufgabenart
from kern import erweiterungen
from kern.erweiterungen import FristEintrag, Karte
from kern.fristen import tagesende
from verfuegungen.recht import Verfuegungstyp


def startkarten(user) -> list[Karte]:
    if not darf_inkasso_lesen(user):
        return []
    heute = timezone.localdate()
    ueberfaellig = (
        forderungen_fuer_user(user)
        .exclude(status__in=ERLEDIGT)
        .filter(offen__gt=0, zahlungsfrist__lt=heute)
        .count()
    )
    klaerung = Klaerungsposten.objects.filter(erledigt_am__isnull=True).count()
    vollstreckbar = Umwandlung.objects.filter(fall__isnull=True).count()
    betreibung = mahnwesen.betreibung_faellige(heute).count()
    karten = []
    if betreibung:
        karten.append(
            Karte(
                betreibung,
                "Inkasso: Betreibungsbegehren fällig (Art. 35 Abs. 3 StGB)",
                reverse("inkasso:liste") + "?filter=betreibung",
                True,
            )
        )
    if ueberfaellig:
        karten.append(
            Karte(
                ueberfaellig,
                "Inkasso: Zahlungsfrist abgelaufen (Art. 35 StGB)",
                reverse("inkasso:liste") + "?filter=ueberfaellig",
                True,
            )
        )
    if klaerung:
        karten.append(Karte(klaerung, "Inkasso: Zahlungen zur Klärung", reverse("inkasso:klaerung")))
    if vollstreckbar:
        karten.append(
            Karte(
                vollstreckbar,
                "Inkasso: Umwandlungen ohne Vollzugsfall (Art. 36 StGB)",
                reverse("inkasso:liste") + "?filter=umwandlung",
            )
        )
    return karten


def personenblock(person, user) -> dict | None:
    if not darf_inkasso_lesen(user):
        return None
    forderungen = list(forderungen_fuer_user(user).filter(person=person).order_by("-pk")[:50])
    if not forderungen:
        return None
    return {"forderungen": forderungen}


def fallblock(fall, user) -> dict | None:
    if not darf_inkasso_lesen(user):
        return None
    forderungen = list(forderungen_fuer_user(user).filter(fall=fall).order_by("-pk")[:50])
    return {"forderungen": forderungen} if forderungen else None


def zahlungsfristen(user, heute: date):
    """Open payment deadlines (R-0-FRIST-4 with Art. 35 Abs. 1 StGB); one query."""
    for f in (
        forderungen_fuer_user(user)
        .exclude(status__in=ERLEDIGT)
        .filter(offen__gt=0)
        .order_by("zahlungsfrist")[:500]
    ):
        yield FristEintrag(
            typ="inkasso_zahlungsfrist",
            titel=f"Zahlungsfrist {f.nummer} ({f.get_art_display()}, offen CHF {f.offen})",
            faellig=tagesende(f.zahlungsfrist),
            url=reverse("inkasso:detail", args=[f.pk]),
            person_id=f.person_id,
            person_name=f"{f.person.amtlicher_name} {f.person.vorname}",
            regel="R-STGB-35-1",
        )


def registrieren() -> None:
    erweiterungen.startkarte(startkarten)
    erweiterungen.personenblock("inkasso/_person.html", personenblock)
    erweiterungen.fallblock("inkasso/_person.html", fallblock)
    erweiterungen.aufgabenarten(
        InkassoAufgabenart, regeln={InkassoAufgabenart.VOLLZUGSFALL_EROEFFNEN: "R-STGB-36-1"}
    )
    # Eröffnung of the conversion (Art. 36) and of the revocation of gemeinnützige Arbeit (Art. 79a):
    # both are federal-law Verfügungen; each consequence acts only on its own record.
    erweiterungen.eroeffnung(
        Verfuegungstyp.BUNDESRECHT, pruefen=umwandlung.vor_eroeffnung, danach=umwandlung.nach_eroeffnung
    )
    erweiterungen.eroeffnung(
        Verfuegungstyp.BUNDESRECHT, pruefen=widerruf.vor_eroeffnung, danach=widerruf.nach_eroeffnung
    )
    # Issue 23: a lifted conversion (Art. 36 StGB) or revocation of gemeinnützige Arbeit (Art. 79a StGB), or
    # an upheld appeal against one, ends what it ordered (each function ignores other modules' decisions).
    erweiterungen.nach_aufhebung(Verfuegungstyp.BUNDESRECHT, umwandlung.nach_aufhebung)
    erweiterungen.nach_aufhebung(Verfuegungstyp.BUNDESRECHT, widerruf.nach_aufhebung)
    erweiterungen.fristquelle("inkasso_zahlungsfrist", "Inkasso: Zahlungsfristen")(zahlungsfristen)
    # § 23 subject access and the auditors' change log: every model that holds the person's data.
    pfade = {
        "forderung": "person",
        "zahlung": "forderung__person",
        "zahlungsentscheid": "forderung__person",
        "rate": "forderung__person",
        "mahnung": "forderung__person",
        "betreibung": "forderung__person",
        "umwandlung": "forderung__person",
        "gemeinnuetzigearbeit": "forderung__person",
        "arbeitseinsatz": "arbeit__forderung__person",
    }
    for modell, pfad in pfade.items():
        erweiterungen.personenpfad(f"inkasso.{modell}", pfad)
    from inkasso import demo

    erweiterungen.demo(demo.demo_anlegen)
