"""What the disciplinary law (§§ 40–45) adds: its limitation deadlines, the Eröffnung rules of its
Verfügungen, change-log paths and demo data."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from disziplinar import domain, queries
from disziplinar.domain import fristen, versetzung
from disziplinar.queries import rapporte_fuer_user, verfahren_fuer_user, verfahren_liste
from disziplinar.recht import DisziplinarAufgabenart
from kern import erweiterungen
from verfuegungen.recht import Verfuegungsstatus, Verfuegungstyp
from vollzug.models import Vollzugsfall


def demo_anlegen(benutzer: dict, heute: date) -> None:
    """§40: a report by staff in Grosshof and the proceeding the management opened on it."""
    muster = Vollzugsfall.objects.get(entscheide__referenz="SA1 24 1234")
    rapport = domain.rapport_erfassen(
        fall=muster,
        tatzeit=timezone.now() - timedelta(days=3, hours=2),
        sachverhalt="Bei der Zellenkontrolle wurde ein nicht bewilligtes Mobiltelefon im Kopfkissen gefunden.",
        delikte=[domain.DeliktDaten(tatbestand="j")],
        zeugen="Aufseher T. Amrein",
        durch=benutzer["personal.grosshof"],
    )
    domain.verfahren_eroeffnen(rapport=rapport, durch=benutzer["leitung.grosshof"])


DOSSIER_ZEILEN = 15


def _block(verfahren_qs, rapporte_qs, *, parameter: str) -> dict | None:
    """Proceedings with their decision's status, and the reports still without a proceeding (two
    queries; the facility management sees its facility's, the authority all — as in the lists)."""
    verfahren = list(verfahren_qs[: DOSSIER_ZEILEN + 1])
    rapporte = list(
        rapporte_qs.filter(verfahren__isnull=True)
        .select_related("anstalt")
        .order_by("-tatzeit", "-pk")[: DOSSIER_ZEILEN + 1]
    )
    if not (verfahren or rapporte):
        return None
    for v in verfahren:
        v.verfuegung_status_text = Verfuegungsstatus(v.verfuegung_status).label if v.verfuegung_status else ""
    return {
        "verfahren": verfahren[:DOSSIER_ZEILEN],
        "rapporte": rapporte[:DOSSIER_ZEILEN],
        "mehr": len(verfahren) > DOSSIER_ZEILEN or len(rapporte) > DOSSIER_ZEILEN,
        "verfahren_url": f"{reverse('disziplinar:verfahren_liste')}?{parameter}",
        "rapporte_url": f"{reverse('disziplinar:rapport_liste')}?{parameter}",
    }


def fallblock(fall, user) -> dict | None:
    return _block(
        verfahren_liste(user).filter(rapport__fall=fall),
        rapporte_fuer_user(user).filter(fall=fall),
        parameter=f"fall={fall.pk}",
    )


def personenblock(person, user) -> dict | None:
    return _block(
        verfahren_liste(user).filter(person=person),
        rapporte_fuer_user(user).filter(person=person),
        parameter=f"person={person.pk}",
    )


def zeitleiste(person, user, fall=None):
    """Timeline: reports (time of the offence) and proceedings opened / closed (two queries)."""
    rapporte = rapporte_fuer_user(user).filter(person=person)
    verfahren = verfahren_fuer_user(user).filter(person=person)
    if fall is not None:
        rapporte = rapporte.filter(fall=fall)
        verfahren = verfahren.filter(rapport__fall=fall)
    ereignisse = [
        erweiterungen.Ereignis(
            r.tatzeit,
            f"Disziplinarrapport über einen Vorfall vom {timezone.localtime(r.tatzeit):%d.%m.%Y} (§ 40 JVG)",
            reverse("disziplinar:rapport_detail", args=[r.pk]),
            "Disziplinarwesen",
        )
        for r in rapporte.only("pk", "tatzeit")
    ]
    for v in verfahren.only("pk", "nummer", "eroeffnet_am", "abgeschlossen_am", "status"):
        url = reverse("disziplinar:verfahren_detail", args=[v.pk])
        ereignisse.append(
            erweiterungen.Ereignis(
                v.eroeffnet_am,
                f"Disziplinarverfahren {v.nummer} eröffnet (§ 41 JVG)",
                url,
                "Disziplinarwesen",
            )
        )
        if v.abgeschlossen_am:
            ereignisse.append(
                erweiterungen.Ereignis(
                    v.abgeschlossen_am,
                    f"Disziplinarverfahren {v.nummer}: {v.get_status_display()}",
                    url,
                    "Disziplinarwesen",
                )
            )
    return ereignisse


def registrieren() -> None:
    """Called once by the AppConfig's ready(): everything this app adds to others, in one place."""
    # R-0-FRIST-4: the limitation deadlines (§ 41 Abs. 5) in the Fristenkontrolle.
    erweiterungen.fristquelle(fristen.TYP, "Disziplinarverfahren: Verjährung (§ 41 Abs. 5)")(
        fristen.verjaehrung_fristen
    )
    # § 41 Abs. 5 and the sanction schedule apply to every Eröffnung of this type (page, API, service).
    erweiterungen.eroeffnung(
        Verfuegungstyp.DISZIPLINAR, pruefen=domain.eroeffnung_pruefen, danach=domain.nach_eroeffnung
    )
    # The dossier (issue 17): proceedings and open reports on the case / person page, and the timeline.
    erweiterungen.fallblock("disziplinar/_dossier.html", fallblock)
    erweiterungen.personenblock("disziplinar/_dossier.html", personenblock)
    erweiterungen.zeitleiste(zeitleiste)

    # Issue 23: a lifted Disziplinarverfügung, or one set aside on appeal, ends its sanctions still open.
    erweiterungen.nach_aufhebung(Verfuegungstyp.DISZIPLINAR, domain.nach_aufhebung)

    # Issue 23: the facility where the offence happened finishes its open proceeding after a transfer,
    # including the Verfügung's lifecycle (Gehör, four-eyes, Eröffnung) on the shared pages.
    erweiterungen.nach_versetzung(versetzung.nach_versetzung)
    erweiterungen.aufgabenarten(DisziplinarAufgabenart)
    erweiterungen.gegenstand_sichtbar("disziplinar.disziplinarverfahren", queries.offene_geleitete_verfahren)
    erweiterungen.personenpfad("disziplinar.rapport", "person")
    erweiterungen.personenpfad("disziplinar.rapportdelikt", "rapport__person")
    erweiterungen.personenpfad("disziplinar.rapportbeilage", "rapport__person")
    erweiterungen.personenpfad("disziplinar.disziplinarverfahren", "rapport__person")
    erweiterungen.personenpfad("disziplinar.disziplinarsanktion", "verfahren__rapport__person")
    erweiterungen.demo(demo_anlegen, reihenfolge=erweiterungen.DEMO_VERFAHREN)
