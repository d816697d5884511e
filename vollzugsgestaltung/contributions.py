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


# --- Timeline of the dossier -------------------------------------------------------------------------


def _ereignis(url_name: str, bereich: str, text):
    def ereignis(z: erweiterungen.Zeile) -> erweiterungen.Ereignis:
        return erweiterungen.Ereignis(z.zeitpunkt, text(z), reverse(url_name, args=[z.pk]), bereich)

    return ereignis


def _oeffnung(text):
    """Openings: values (art, von, bis, status); the art names its article, e.g. "Urlaub (Art. 84 Abs. 6
    StGB)"."""

    def mit_art(z):
        art = recht.Oeffnungsart(z.werte[0]).label
        zeitraum = f"{z.moment(1):%d.%m.%Y}–{z.moment(2):%d.%m.%Y}"
        return text(art, zeitraum, z.werte[3])

    return _ereignis("vollzugsgestaltung:oeffnung_detail", "Vollzugsöffnung", mit_art)


def _entschieden(art, zeitraum, status):
    return f"{art} für {zeitraum} {'abgelehnt' if status == recht.Oeffnungsstatus.ABGELEHNT else 'bewilligt'}"


def _form(text):
    return _ereignis(
        "vollzugsgestaltung:form_detail",
        "Vollzugsform",
        lambda z: f"{text} (§ 16 JVG): {recht.Vollzugsform16(z.werte[0]).label}",
    )


def _akte_eroeffnet(z):
    anlass = recht.Bewaehrungsanlass(z.werte[0]).label
    return f"Bewährungsakte eröffnet: {anlass}, Probezeit bis {z.datum(1):%d.%m.%Y} (§ 19 JVG)"


def _gnade(text):
    return _ereignis("vollzugsgestaltung:gnade_detail", "Begnadigung", text)


def zeitleiste(person, user, fall=None) -> list[erweiterungen.Zeilen]:
    """Timeline: Vollzugsöffnungen (Art. 75a, 77a, 84 StGB, § 43), § 16 forms, probation files (§ 19) and
    pardon requests (§ 51). Each through the query function of its pages: openings and § 16 forms follow
    the case's visibility, probation and pardon only the authority and the auditors. Rows read with the
    other sources' (`Zeilen`: no query of its own); with `fall` the rows of that case."""
    oeffnungen = queries.oeffnungen_fuer_user(user).filter(fall__person=person)
    formen = queries.vollzugsformen_fuer_user(user).filter(fall__person=person)
    akten = queries.akten_fuer_user(user).filter(person=person)
    gesuche = queries.gnadengesuche_fuer_user(user).filter(person=person)
    if fall is not None:
        oeffnungen, formen = oeffnungen.filter(fall=fall), formen.filter(fall=fall)
        akten, gesuche = akten.filter(fall=fall), gesuche.filter(fall=fall)
    Z = erweiterungen.Zeilen
    o = ("art", "von", "bis", "status")
    return [
        Z(
            oeffnungen,
            "beantragt_am",
            _oeffnung(lambda art, zeitraum, _: f"{art} für {zeitraum} beantragt"),
            o,
        ),
        Z(oeffnungen.filter(entschieden_am__isnull=False), "entschieden_am", _oeffnung(_entschieden), o),
        Z(
            oeffnungen.filter(angetreten_am__isnull=False),
            "angetreten_am",
            _oeffnung(lambda art, *_: f"{art} angetreten"),
            o,
        ),
        Z(
            oeffnungen.filter(zurueck_am__isnull=False),
            "zurueck_am",
            _oeffnung(lambda art, *_: f"Aus {art} zurückgekehrt"),
            o,
        ),
        Z(
            oeffnungen.filter(nichtrueckkehr_festgestellt_am__isnull=False),
            "nichtrueckkehr_festgestellt_am",
            _oeffnung(lambda art, *_: f"Nicht zurückgekehrt aus {art}"),
            o,
        ),
        Z(
            oeffnungen.filter(beschwerde_am__isnull=False),
            "beschwerde_am",
            _oeffnung(lambda art, *_: f"Beschwerde gegen den Entscheid über {art} (§ 43 JVG)"),
            o,
            tag=True,
        ),
        Z(formen, "gesuch_am", _form("Gesuch um eine besondere Vollzugsform"), ("form",), tag=True),
        Z(
            formen.filter(vollzugsbefehl_am__isnull=False),
            "vollzugsbefehl_am",
            _form("Vollzugsbefehl erlassen"),
            ("form",),
        ),
        Z(
            akten,
            "eroeffnet_am",
            _ereignis("vollzugsgestaltung:akte_detail", "Bewährungshilfe", _akte_eroeffnet),
            ("anlass", "probezeit_bis"),
        ),
        Z(
            akten.filter(abgeschlossen_am__isnull=False),
            "abgeschlossen_am",
            _ereignis(
                "vollzugsgestaltung:akte_detail",
                "Bewährungshilfe",
                lambda z: "Bewährungsakte abgeschlossen (§ 19 JVG)",
            ),
            tag=True,
        ),
        Z(gesuche, "eingereicht_am", _gnade(lambda z: "Begnadigungsgesuch eingereicht (§ 51 JVG)"), tag=True),
        Z(
            gesuche.filter(weitergeleitet_am__isnull=False),
            "weitergeleitet_am",
            _gnade(lambda z: "Begnadigungsgesuch an den Kantonsrat weitergeleitet (§ 51 JVG)"),
            tag=True,
        ),
        Z(
            gesuche.filter(entscheid_am__isnull=False).exclude(entscheid=""),
            "entscheid_am",
            _gnade(lambda z: f"Kantonsrat: {recht.Gnadenentscheid(z.werte[0]).label} (§ 51 JVG)"),
            ("entscheid",),
            tag=True,
        ),
    ]


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
    # The dossier's timeline (issue 17): openings, § 16 forms, probation files, pardon requests.
    erweiterungen.zeitleiste(zeitleiste)
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
