"""Contributions of the data-protection module to shared pages: the block on the case page (links to the
person's § 22/§ 23 page and to the subject access export) and the demo data of `make run`."""

from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from datenschutz.permissions import (
    darf_auskunft_erteilen,
    darf_fachperson_zuteilen,
    darf_schweigepflicht_lesen,
)
from datenschutz.queries import personen_datenschutz
from datenschutz.recht import DatenschutzAufgabenart
from kern import erweiterungen
from vollzug.models import Person


def fallblock(fall, user) -> dict | None:
    """Counts for the case's person (one query), only for roles with business in this module."""
    if not (darf_schweigepflicht_lesen(user) or darf_fachperson_zuteilen(user)):
        return None
    heute = timezone.localdate()
    sieht_23 = darf_schweigepflicht_lesen(user)
    qs = personen_datenschutz(user) if sieht_23 else Person.objects.all()
    zahlen = (
        qs.filter(pk=fall.person_id)
        .annotate(
            n_entbindungen=Count(
                "entbindungen",
                filter=Q(entbindungen__widerrufen_am__isnull=True)
                & (Q(entbindungen__gueltig_bis__isnull=True) | Q(entbindungen__gueltig_bis__gte=heute)),
                distinct=True,
            ),
            n_kontakte=Count("drittkontakte", distinct=True),
            n_anzeigen=Count("strafanzeigen_23", distinct=True),
            n_mandate=Count(
                "fachpersonmandate",
                filter=Q(fachpersonmandate__zuteilung__gueltig_ab__lte=heute)
                & (
                    Q(fachpersonmandate__zuteilung__gueltig_bis__isnull=True)
                    | Q(fachpersonmandate__zuteilung__gueltig_bis__gte=heute)
                ),
                distinct=True,
            ),
        )
        .values("n_entbindungen", "n_kontakte", "n_anzeigen", "n_mandate")
        .first()
    )
    if zahlen is None:
        return None
    return {
        "person_id": fall.person_id,
        "sieht_23": sieht_23,
        "kann_auskunft": darf_auskunft_erteilen(user),
        **{name.removeprefix("n_"): wert for name, wert in zahlen.items()},
    }


def demo_anlegen(benutzer: dict, heute) -> None:
    """One consent, one contact without consent, one expert assignment — through the domain functions."""
    from datenschutz import domain
    from datenschutz.models import Schweigepflichtentbindung
    from datenschutz.recht import Empfaengerart, Fachrichtung, Kontaktzweck, Mandatsart
    from vollzug.models import Vollzugsfall

    sb = benutzer.get("sachbearbeitung") or next(
        (u for u in benutzer.values() if u.rolle == "sachbearbeitung"), None
    )
    arzt = next((u for u in benutzer.values() if u.rolle == "medizin"), None)
    fall = Vollzugsfall.objects.filter(status="im_vollzug").select_related("person").order_by("pk").first()
    if sb is None or fall is None or Schweigepflichtentbindung.objects.filter(person=fall.person).exists():
        return
    person = fall.person
    domain.entbindung_erfassen(
        person=person,
        daten=domain.Entbindungsdaten(
            empfaenger="Fachstelle Schuldenberatung Luzern",
            empfaenger_art=Empfaengerart.SCHULDENBERATUNG,
            umfang="Einkommen im Vollzug, laufende Betreibungen, Sanierungsplan.",
            erteilt_am=heute - timedelta(days=20),
            gueltig_bis=heute + timedelta(days=340),
        ),
        durch=sb,
    )
    domain.kontakt_erfassen(
        person=person,
        daten=domain.Kontaktdaten(
            empfaenger="Schreinerei Muster AG",
            empfaenger_art=Empfaengerart.ARBEITGEBER,
            datum=heute - timedelta(days=3),
            inhalt="Anschlusslösung nach der Entlassung besprochen; keine Angaben zum Delikt.",
            zweck=Kontaktzweck.RESOZIALISIERUNG,
            rechtfertigung="Die Arbeitsstelle ist Voraussetzung für die Wiedereingliederung; die Person war nicht "
            "erreichbar, um eine Entbindung zu unterzeichnen.",
        ),
        durch=sb,
    )
    if arzt is not None and not arzt.zuteilungen.filter(person=person).exists():
        domain.fachperson_zuteilen(
            person=person,
            fachperson=arzt,
            daten=domain.Mandatsdaten(
                art=Mandatsart.BEGUTACHTUNG,
                fachrichtung=Fachrichtung.PSYCHIATRIE,
                referenz="GA-DEMO-1",
                auftrag="Gutachten zur Legalprognose vor der bedingten Entlassung.",
            ),
            durch=sb,
        )


def registrieren() -> None:
    """Called once by the AppConfig's ready(): everything this app adds to others, in one place."""
    erweiterungen.aufgabenarten(DatenschutzAufgabenart)
    # R-0-AUDIT-1/-2: the auditors' change log and the subject access export find these rows by person.
    erweiterungen.personenpfad("datenschutz.fachpersonmandat", "person")
    erweiterungen.personenpfad("datenschutz.schweigepflichtentbindung", "person")
    erweiterungen.personenpfad("datenschutz.drittkontakt", "person")
    erweiterungen.personenpfad("datenschutz.strafanzeige", "person")
    erweiterungen.fallblock("datenschutz/_fall_block.html", fallblock)
    erweiterungen.demo(demo_anlegen)
