"""What § 14 (Aufschub und Unterbrechung) adds: its deadline, its block on the case page, the days an
interruption moves the expected end, its change-log path and demo data (kern.erweiterungen)."""

from datetime import date, timedelta

from django.db.models import BooleanField, Case, Q, Value, When
from django.urls import reverse
from django.utils import timezone

from aufschub import domain, queries, recht, views
from aufschub.domain import fristen
from aufschub.models import Aufschubgesuch
from aufschub.recht import AufschubAufgabenart, Gesuchsart, Gesuchsgrund, Gesuchsstatus
from kern import erweiterungen
from kern.fristen import lokales_datum
from kern.strafzeit import Zeitraum
from verfuegungen.recht import Verfuegungsstatus, Verfuegungstyp
from vollzug.models import Sanktion, Vollzugsfall
from vollzug.queries import faelle_fuer_user


def demo_anlegen(benutzer: dict, heute: date) -> None:
    """§14: an open deferral request to decide (demo data of `make run`, through the domain functions)."""
    schmid = Vollzugsfall.objects.get(entscheide__referenz="SA2 25 310")
    domain.gesuch_erfassen(
        fall=schmid,
        sanktion=Sanktion.objects.filter(entscheid__fall=schmid).first(),
        art=Gesuchsart.AUFSCHUB,
        grund=Gesuchsgrund.B,
        eingereicht_am=heute,
        begehrt_von=heute + timedelta(days=14),
        begehrt_bis=heute + timedelta(days=73),
        begruendung="Geburt des zweiten Kindes; die Partnerin ist nach der Entbindung auf Unterstützung angewiesen.",
        durch=benutzer["sachbearbeitung"],
    )


def nicht_verbuesst(fall) -> list[Zeitraum]:
    """R-VD-1: ended § 14 interruptions are not served: [left, back) in local days, one query."""
    return [
        Zeitraum(lokales_datum(ab), lokales_datum(bis), "Unterbrechung (§ 14 JVG)")
        for ab, bis in fall.aufschubgesuche.filter(unterbrechung_beendet_am__isnull=False).values_list(
            "unterbrechung_ab", "unterbrechung_beendet_am"
        )
    ]


def zeitleiste(person, user, fall=None):
    """Dossier timeline: § 14 requests filed and decided (one query; the requests of visible cases)."""
    from aufschub.models import Aufschubgesuch
    from vollzug.queries import faelle_fuer_user

    qs = Aufschubgesuch.objects.filter(fall__in=faelle_fuer_user(user), fall__person=person)
    if fall is not None:
        qs = qs.filter(fall=fall)
    ereignisse = []
    for g in qs.only("pk", "art", "status", "eingereicht_am", "entschieden_am"):
        url = reverse("vollzug:gesuch14_detail", args=[g.pk])
        ereignisse.append(
            erweiterungen.Ereignis(
                g.eingereicht_am, f"Gesuch nach § 14 JVG eingereicht: {g.get_art_display()}", url, "§ 14"
            )
        )
        if g.entschieden_am:
            ereignisse.append(
                erweiterungen.Ereignis(
                    g.entschieden_am, f"Gesuch nach § 14 JVG: {g.get_status_display()}", url, "§ 14"
                )
            )
    return ereignisse


def personenblock(person, user) -> dict | None:
    """The person page (issue 17): the § 14 requests of all the person's cases the user may see (who sees
    a request is who sees its case; one query, the latest Verfügung as subqueries). Current first: a
    request still to decide, a granted deferral or interruption not yet over. No ground or certificate
    (§ 14 Abs. 2 lit. a and the medical certificate are health data)."""
    heute = timezone.localdate()
    bewilligt = Q(status=Gesuchsstatus.BEWILLIGT, bewilligung_beendet_am__isnull=True)
    offen = Q(status=Gesuchsstatus.EINGEREICHT) | (
        bewilligt
        & (
            Q(unterbrechung_ab__isnull=False, unterbrechung_beendet_am__isnull=True)
            | Q(unterbrechung_ab__isnull=True, bewilligt_bis__gte=heute)
        )
    )
    grenze = erweiterungen.DOSSIER_ZEILEN
    gesuche = list(
        queries.mit_verfuegung(
            Aufschubgesuch.objects.filter(fall__in=faelle_fuer_user(user), fall__person=person)
        )
        .annotate(
            offen=Case(When(offen, then=Value(True)), default=Value(False), output_field=BooleanField())
        )
        .order_by("-offen", "-eingereicht_am", "-pk")[: grenze + 1]
    )
    zeilen = []
    for g in gesuche[:grenze]:
        if g.bewilligt_von:
            zeitraum = f"bewilligt {g.bewilligt_von:%d.%m.%Y}–{g.bewilligt_bis:%d.%m.%Y}"
        else:
            zeitraum = f"begehrt {g.begehrt_von:%d.%m.%Y}–{g.begehrt_bis:%d.%m.%Y}"
        if g.unterbrechung_ab and not g.unterbrechung_beendet_am:
            zeitraum += f", unterbrochen seit {timezone.localtime(g.unterbrechung_ab):%d.%m.%Y}"
        stand = f"{g.get_status_display()} (§ 14 JVG)"
        if g.verfuegung_nummer:
            stand += f", Verfügung {g.verfuegung_nummer}: {Verfuegungsstatus(g.verfuegung_status).label}"
        zeilen.append(
            erweiterungen.Dossierzeile(
                text=f"Gesuch um {recht.ART_KURZ[g.art]}",
                url=reverse("vollzug:gesuch14_detail", args=[g.pk]),
                stand=stand,
                zeitpunkt=g.eingereicht_am,
                offen=g.offen,
                frist=zeitraum,
            )
        )
    return erweiterungen.dossierblock(
        "Aufschub und Unterbrechung (§ 14 JVG)",
        "aufschub-dossier",
        zeilen,
        mehr=len(gesuche) > grenze,
        links=[("alle anzeigen", f"{reverse('vollzug:gesuch14_liste')}?person={person.pk}")],
    )


def registrieren() -> None:
    """Called once by the AppConfig's ready(): everything this app adds to others, in one place."""
    erweiterungen.fristquelle("aufgebot_14", "Aufgebot nach Aufschub (§ 14)")(fristen.aufgebot_fristen)
    # Issue 23: a lifted grant, or one set aside on appeal, ends (reason and date on the request).
    erweiterungen.nach_aufhebung(Verfuegungstyp.AUFSCHUB_14, domain.nach_aufhebung)
    erweiterungen.aufgabenarten(
        AufschubAufgabenart, regeln={AufschubAufgabenart.RUECKKEHR_VERANLASSEN: "R-14-1"}
    )
    erweiterungen.fallblock("aufschub/_fall_aufschub.html", views.kontext_fuer_fall)
    erweiterungen.personenblock("kern/_dossierblock.html", personenblock)
    erweiterungen.zeitleiste(zeitleiste)
    erweiterungen.unterbrechungstage(domain.unterbrechungstage)
    erweiterungen.nicht_verbuesste_zeiten(nicht_verbuesst)
    erweiterungen.personenpfad("aufschub.aufschubgesuch", "fall__person")
    erweiterungen.demo(demo_anlegen, reihenfolge=erweiterungen.DEMO_VERFAHREN)
