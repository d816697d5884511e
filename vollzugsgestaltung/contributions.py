"""What this app adds to others (kern.erweiterungen): task kinds, deadlines, the case-page block, the
start-page card, the appeal consequence of § 43 Abs. 3, change-log paths and demo data."""

from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from kern import erweiterungen
from kern.erweiterungen import Karte
from kern.rollen import Rolle, hat_rolle
from verfuegungen.recht import Verfuegungstyp
from vollzug.models import Sanktion, Vollzugsfall
from vollzugsgestaltung import domain, fristen, queries, recht, views
from vollzugsgestaltung.domain import begnadigung


def startkarten(user) -> list[Karte]:
    """One query: requests for openings to decide (authority) or pending (facility)."""
    if not hat_rolle(user, Rolle.SACHBEARBEITUNG, Rolle.ANSTALTSLEITUNG, Rolle.ANSTALTSPERSONAL):
        return []
    zahlen = queries.oeffnungen_fuer_user(user).aggregate(
        offen=Count("pk", filter=Q(status=recht.Oeffnungsstatus.BEANTRAGT)),
        unterwegs=Count("pk", filter=Q(status=recht.Oeffnungsstatus.ANGETRETEN)),
    )
    url = reverse("vollzugsgestaltung:start")
    karten = []
    if zahlen["offen"]:
        text = (
            "Anträge auf Vollzugsöffnung zu entscheiden (Art. 84 Abs. 6 StGB)"
            if hat_rolle(user, Rolle.SACHBEARBEITUNG)
            else "Beantragte Vollzugsöffnungen (Art. 84 Abs. 6 StGB)"
        )
        karten.append(Karte(zahl=zahlen["offen"], text=text, url=url))
    if zahlen["unterwegs"]:
        karten.append(
            Karte(zahl=zahlen["unterwegs"], text="Personen in Ausgang, Urlaub oder Externat", url=url)
        )
    return karten


def _zeit(tag: date, stunde: int) -> datetime:
    return timezone.make_aware(datetime.combine(tag, time(stunde)))


def demo_anlegen(benutzer: dict, heute: date) -> None:
    """One example of each procedure, through the domain functions (demo data of `make run`)."""
    sb = benutzer["sachbearbeitung"]
    muster = Vollzugsfall.objects.get(entscheide__referenz="SA1 24 1234")
    domain.oeffnung_beantragen(
        fall=muster,
        art=recht.Oeffnungsart.URLAUB,
        grundlage=recht.Vollzugsgrundlage.FREIHEITSSTRAFE,
        von=_zeit(heute + timedelta(days=10), 9),
        bis=_zeit(heute + timedelta(days=11), 18),
        begruendung="Beziehungsurlaub gemäss Vollzugsplan, Stufe 2 erreicht; Verhalten tadellos.",
        durch=benutzer["leitung.grosshof"],
    )
    kurz = Vollzugsfall.objects.get(entscheide__referenz="ST 2026 6012")
    ga = domain.vollzugsform_beantragen(
        fall=kurz,
        sanktion=Sanktion.objects.filter(entscheid__fall=kurz).first(),
        form=recht.Vollzugsform16.GEMEINNUETZIGE_ARBEIT,
        strafdauer_tage=60,
        gesuch_am=heute,
        durch=sb,
    )
    domain.vollzugsbefehl_erlassen(
        vollzugsform=ga,
        abklaerung="Arbeitsfähig, fester Wohnsitz im Kanton, keine Fluchtgefahr.",
        beginn=heute,
        einsatzbetrieb="Stiftung Brändi, Kriens",
        durch=sb,
    )
    domain.arbeitsstunden_erfassen(
        vollzugsform=ga, datum=heute, stunden=8, gemeldet_von="Stiftung Brändi, Kriens", durch=sb
    )
    bedingt = Vollzugsfall.objects.get(entscheide__referenz="ST 2026 5521")
    akte = domain.akte_eroeffnen(
        person=bedingt.person,
        anlass=recht.Bewaehrungsanlass.BEDINGTE_STRAFE,
        gericht="Kriminalgericht Luzern",
        referenz="KG 2025 881",
        probezeit_von=heute - timedelta(days=30),
        probezeit_jahre=2,
        durch=sb,
    )
    domain.weisung_erfassen(
        akte=akte,
        text="Alkoholabstinenz, monatliche Kontrolle",
        naechste_kontrolle=heute + timedelta(days=5),
        durch=sb,
    )
    domain.eintrag_erfassen(
        akte=akte,
        art=recht.Eintragsart.KONTAKT,
        datum=heute,
        text="Erstgespräch; Arbeitsstelle gefunden.",
        durch=sb,
    )
    schmid = Vollzugsfall.objects.get(entscheide__referenz="SA2 25 310")
    domain.gnadengesuch_erfassen(
        person=schmid.person,
        fall=schmid,
        eingereicht_am=heute,
        gesuchsteller="Rechtsanwältin Dr. M. Keller",
        begehren="Erlass der Strafe wegen schwerer Erkrankung der Ehefrau.",
        durch=sb,
    )


def registrieren() -> None:
    """Called once by the AppConfig's ready(): everything this app adds to others, in one place."""
    erweiterungen.aufgabenarten(recht.Aufgabenart, regeln=recht.AUFGABEN_REGELN)
    erweiterungen.fristquelle("rueckkehr_oeffnung", "Rückkehr aus Vollzugsöffnung")(fristen.rueckkehr_fristen)
    erweiterungen.fristquelle("weisungskontrolle", "Weisungskontrolle (Bewährungshilfe)")(
        fristen.weisungs_fristen
    )
    erweiterungen.fristquelle("gemeinnuetzige_arbeit", "Frist gemeinnützige Arbeit (Art. 79a StGB)")(
        fristen.ga_fristen
    )
    erweiterungen.fallblock("vollzugsgestaltung/_fall_block.html", views.kontext_fuer_fall)
    erweiterungen.personenblock("vollzugsgestaltung/_person_block.html", views.kontext_fuer_person)
    erweiterungen.startkarte(startkarten)
    # R-43-3: an appeal against an opening decision (type Bundesrecht) may call for the Staatsanwaltschaft.
    erweiterungen.nach_beschwerde(Verfuegungstyp.BUNDESRECHT, domain.nach_beschwerde)
    # Issue 23: a lifted Verfügung (or an upheld appeal) ends what it ordered: an opening's permission, a
    # conversion of gemeinnützige Arbeit (each function ignores the other modules' federal-law decisions).
    # Not registered, because they are no Verfügung of the lifecycle: the § 16 Vollzugsbefehl, the
    # Weisungen of the probation file (ordered by the court or in the release decision, which vollzugsdaten
    # handles), the pardon (decided by the Kantonsrat, § 51).
    erweiterungen.nach_aufhebung(Verfuegungstyp.BUNDESRECHT, domain.oeffnung_nach_aufhebung)
    erweiterungen.nach_aufhebung(Verfuegungstyp.BUNDESRECHT, domain.umwandlung_nach_aufhebung)
    # R-19-1: a conditional release with Bewährungshilfe (vollzugsdaten) opens the probation file.
    erweiterungen.nach_bedingter_entlassung(domain.nach_bedingter_entlassung)
    # § 51: a suspension pending a pardon is not served (Strafzeitberechnung, expected end).
    erweiterungen.nicht_verbuesste_zeiten(begnadigung.nicht_verbuesst)
    erweiterungen.unterbrechungstage(begnadigung.aussetzungstage)
    for modell, pfad in (
        ("vollzugsoeffnung", "fall__person"),
        ("besonderevollzugsform", "fall__person"),
        ("arbeitseinsatz", "vollzugsform__fall__person"),
        ("bewaehrungsakte", "person"),
        ("weisung", "akte__person"),
        ("bewaehrungseintrag", "akte__person"),
        ("gerichtsmeldung", "akte__person"),
        ("begnadigungsgesuch", "person"),
    ):
        erweiterungen.personenpfad(f"vollzugsgestaltung.{modell}", pfad)
    erweiterungen.demo(demo_anlegen)
