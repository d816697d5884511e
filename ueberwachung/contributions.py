"""What §§ 27, 29, 30 (Überwachung) add: deadline sources (deletion dates, holds), start cards, change-log
paths, and the demo data of `make run` written through the domain functions: a video zone, a counsel
number, a few phone and video recordings, one legal hold and one ED measure."""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from kern import erweiterungen
from kern.erweiterungen import Karte
from kern.rollen import Rolle, hat_rolle
from ueberwachung import fristen
from vollzug.models import Platzierung

from . import loeschung, queries, services
from .enums import EDArt, Raumart, Verfahrensart


def _datei(name: str, inhalt: bytes) -> ContentFile:
    return ContentFile(inhalt, name=name)


def demo_anlegen(benutzer: dict, heute) -> None:
    leitung = benutzer.get("leitung.grosshof")
    sb = benutzer.get("sachbearbeitung")
    if leitung is None or sb is None:
        return
    platzierung = (
        Platzierung.objects.filter(anstalt_id=leitung.anstalt_id, bis__isnull=True)
        .select_related("fall__person")
        .order_by("pk")
        .first()
    )
    if platzierung is None:
        return
    person = platzierung.fall.person
    jetzt = timezone.now()
    zone = services.videozone_festlegen(bezeichnung="Spazierhof Nord", raumart=Raumart.HOF, durch=leitung)
    services.videozone_festlegen(
        bezeichnung="Sicherheitszelle 2",
        raumart=Raumart.SICHERHEITSZELLE,
        grund="gesundheitszustand",
        begruendung="Überwachung bei akuter Suizidgefahr gemäss ärztlicher Empfehlung.",
        durch=leitung,
    )
    services.rechtsbeistand_erfassen(
        person=person, name="Lic. iur. Anna Beispiel", nummer="041 210 00 00", durch=sb
    )
    aufnahmen = []
    for tage, nummer in ((2, "079 123 45 67"), (40, "041 999 88 77"), (95, "+41 31 555 66 77")):
        beginn = jetzt - timedelta(days=tage, hours=1)
        aufnahmen.append(
            services.telefonaufzeichnung_erfassen(
                person=person,
                nummer=nummer,
                beginn=beginn,
                ende=beginn + timedelta(minutes=12),
                datei=_datei("gespraech.ogg", b"OggS-demo-" + nummer.encode()),
                durch=leitung,
            )
        )
    services.beizug_erfassen(
        aufzeichnung=aufnahmen[2],
        verfahrensart=Verfahrensart.STRAF,
        referenz="ST 2026 1234",
        behoerde="Staatsanwaltschaft Luzern",
        durch=sb,
    )
    beginn = jetzt - timedelta(days=3)
    zone.festgelegt_am = min(zone.festgelegt_am, beginn)  # the demo zone exists since before the clip
    zone.save(update_fields=["festgelegt_am"])
    services.videoaufzeichnung_erfassen(
        zone=zone,
        beginn=beginn,
        ende=beginn + timedelta(minutes=30),
        datei=_datei("hof.webm", b"webm-demo-hof"),
        durch=leitung,
    )
    services.ed_anordnen(
        person=person,
        art=EDArt.FOTOGRAFIEN,
        durchgefuehrt_am=heute,
        dateien=[_datei("portrait.jpg", b"\xff\xd8\xff-demo-portrait")],
        bemerkung="Eintrittsfoto",
        durch=leitung,
    )


def startkarten(user) -> list[Karte]:
    if not hat_rolle(user, Rolle.ANSTALTSLEITUNG, Rolle.SACHBEARBEITUNG) or not queries.sieht_modul(user):
        return []
    gehalten = queries.beizuege_fuer_user(user).filter(aufgehoben_am__isnull=True).count()
    if not gehalten:
        return []
    return [
        Karte(
            zahl=gehalten,
            text="Aufzeichnungen unter Beizug (§ 29 Abs. 2, § 30 Abs. 5 JVG): nach Verfahrensende aufheben",
            url=reverse("ueberwachung:beizug_liste"),
        )
    ]


def registrieren() -> None:
    """Called once by the AppConfig's ready(): everything this app adds to others, in one place."""
    # R-0-FRIST-4: deletion dates and holds in the Fristenkontrolle.
    erweiterungen.fristquelle("ueberwachung_telefon", "Telefonaufzeichnungen: Löschung (§ 29 Abs. 2)")(
        fristen.telefon_loeschungen
    )
    erweiterungen.fristquelle("ueberwachung_video", "Videoaufzeichnungen: Löschung (§ 30 Abs. 5)")(
        fristen.video_loeschungen
    )
    erweiterungen.fristquelle(
        "ueberwachung_beizug", "Aufzeichnungen unter Beizug (§ 29 Abs. 2, § 30 Abs. 5)"
    )(fristen.beizuege)
    erweiterungen.fristquelle("ueberwachung_ed", "ED-Unterlagen: Vernichtung (§ 27 Abs. 3)")(
        fristen.ed_vernichtungen
    )
    # R-0-AUDIT-2: the auditors' change log filters these rows by person (while they exist: the
    # deletion removes them and their history, leaving the content-free Vernichtungsprotokoll).
    erweiterungen.personenpfad("ueberwachung.rechtsbeistand", "person")
    erweiterungen.personenpfad("ueberwachung.telefonaufzeichnung", "person")
    erweiterungen.personenpfad("ueberwachung.videoaufzeichnung", "person")
    erweiterungen.personenpfad("ueberwachung.edmassnahme", "person")
    erweiterungen.personenpfad("ueberwachung.eddatei", "massnahme__person")
    erweiterungen.personenpfad("ueberwachung.beizug", "telefon__person")
    erweiterungen.startkarte(startkarten)
    erweiterungen.demo(demo_anlegen)
    # After a restore, destructions newer than the backup are repeated from the destruction log (betrieb).
    erweiterungen.vernichtungslog(
        "ueberwachung",
        exportieren=loeschung.vernichtungen_exportieren,
        nachholen=loeschung.vernichtungen_nachholen,
    )
