"""What § 14 (Aufschub und Unterbrechung) adds: its deadline, its block on the case page, the days an
interruption moves the expected end, its change-log path and demo data (kern.erweiterungen)."""

from datetime import date, timedelta

from django.urls import reverse

from aufschub import domain, views
from aufschub.domain import fristen
from aufschub.recht import AufschubAufgabenart, Gesuchsart, Gesuchsgrund
from kern import erweiterungen
from kern.fristen import lokales_datum
from kern.strafzeit import Zeitraum
from verfuegungen.recht import Verfuegungstyp
from vollzug.models import Sanktion, Vollzugsfall


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


def registrieren() -> None:
    """Called once by the AppConfig's ready(): everything this app adds to others, in one place."""
    erweiterungen.fristquelle("aufgebot_14", "Aufgebot nach Aufschub (§ 14)")(fristen.aufgebot_fristen)
    # Issue 23: a lifted grant, or one set aside on appeal, ends (reason and date on the request).
    erweiterungen.nach_aufhebung(Verfuegungstyp.AUFSCHUB_14, domain.nach_aufhebung)
    erweiterungen.aufgabenarten(
        AufschubAufgabenart, regeln={AufschubAufgabenart.RUECKKEHR_VERANLASSEN: "R-14-1"}
    )
    erweiterungen.fallblock("aufschub/_fall_aufschub.html", views.kontext_fuer_fall)
    erweiterungen.zeitleiste(zeitleiste)
    erweiterungen.unterbrechungstage(domain.unterbrechungstage)
    erweiterungen.nicht_verbuesste_zeiten(nicht_verbuesst)
    erweiterungen.personenpfad("aufschub.aufschubgesuch", "fall__person")
    erweiterungen.demo(demo_anlegen, reihenfolge=erweiterungen.DEMO_VERFAHREN)
