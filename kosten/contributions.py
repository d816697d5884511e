"""What §§ 46–50 (Kosten) add to other pages: the cost block on the case page, the start card of open
cost checks, the task kind, change-log paths and the demo data of `make run` (through the domain functions)."""

from datetime import date, timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db.models import CharField, Exists, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from kern import erweiterungen
from kern.audit import speichern
from kern.erweiterungen import Karte
from kern.geld import chf
from kern.models import Benutzer
from kern.rollen import Rolle
from kosten import domain
from kosten.domain import fall_uebersicht
from kosten.models import Abrechnungszeile, Kostenbeteiligung, Kostgeld, Sozialdienst, Sozialdienstzugang
from kosten.permissions import darf_kosten_lesen
from kosten.queries import abrechnungen_fuer_user, positionen_fuer_user
from kosten.recht import Kanton, KostenAufgabenart, Kostenkategorie, Zahler
from verfuegungen.recht import Verfuegungstyp
from vollzug.models import Anstalt, Platzierung, Sanktion, Vollzugsfall
from vollzug.recht import Vollzugsform

SOZIALAMT_BENUTZER = "sozialamt.luzern"
ANSAETZE = {  # CHF per day, from 1 January of last year and (rate change) from 1 January this year
    "Grosshof": (Decimal("285.00"), Decimal("292.50")),
    "Wauwilermoos": (Decimal("248.00"), Decimal("251.20")),
    "LUPS": (Decimal("1120.00"), Decimal("1145.00")),
    "Sonnhalde": (Decimal("395.00"), Decimal("402.35")),
}


def _beleg(name: str) -> ContentFile:
    return ContentFile(f"Demo-Beleg {name}\n".encode(), name=f"{name}.txt")


def demo_anlegen(benutzer: dict, heute: date) -> None:
    sb = benutzer["sachbearbeitung"]
    admin = benutzer["admin"]
    for kurzname, (alt, neu) in ANSAETZE.items():
        anstalt = Anstalt.objects.filter(kurzname=kurzname).first()
        if anstalt is None:
            continue
        for form, zuschlag in (
            (Vollzugsform.NORMALVOLLZUG, Decimal("0.00")),
            (Vollzugsform.HALBGEFANGENSCHAFT, Decimal("-60.00")),
        ):
            domain.kostgeld_erfassen(
                anstalt=anstalt,
                vollzugsform=form,
                gueltig_ab=date(heute.year - 1, 1, 1),
                betrag=alt + zuschlag,
                durch=sb,
            )
            domain.kostgeld_erfassen(
                anstalt=anstalt,
                vollzugsform=form,
                gueltig_ab=date(heute.year, 1, 1),
                betrag=neu + zuschlag,
                durch=sb,
            )
    sozialdienst = speichern(
        Sozialdienst(
            name="Sozialdienste Stadt Luzern", gemeinde="Luzern", adresse="Obergrundstrasse 1\n6002 Luzern"
        ),
        durch=admin,
    )
    speichern(
        Sozialdienst(
            name="Sozialamt Emmen", gemeinde="Emmen", adresse="Rüeggisingerstrasse 22\n6020 Emmenbrücke"
        ),
        durch=admin,
    )
    # A Sozialamt reads the items routed to it through the API (partnerbehoerde, § 21 Abs. 3).
    sozialamt = Benutzer(
        username=SOZIALAMT_BENUTZER,
        first_name="Sozialdienste",
        last_name="Stadt Luzern",
        rolle=Rolle.PARTNERBEHOERDE,
    )
    sozialamt.set_password("Luzern-Demo-2026")  # the demo password of every login (README)
    speichern(sozialamt, durch=admin)
    speichern(Sozialdienstzugang(benutzer=sozialamt, sozialdienst=sozialdienst), durch=admin)

    faelle = list(
        Vollzugsfall.objects.filter(vollzugsbeginn__isnull=False).select_related("person").order_by("pk")[:3]
    )
    if not faelle:
        return
    erster = faelle[0]
    domain.unterstuetzungswohnsitz_erfassen(
        person=erster.person,
        kanton=Kanton.LU,
        sozialdienst=sozialdienst,
        gueltig_ab=date(heute.year - 5, 1, 1),
        durch=sb,
    )
    tag = heute - timedelta(days=3)
    domain.kostenposition_erfassen(
        fall=erster,
        kategorie=Kostenkategorie.V46_B,
        datum=tag,
        bezeichnung="Zuführung durch Securitas (Transport)",
        betrag=Decimal("412.60"),
        beleg=_beleg("transport"),
        durch=sb,
    )
    domain.kostenposition_erfassen(
        fall=erster,
        kategorie=Kostenkategorie.P47_B,
        datum=tag,
        bezeichnung="Medikamente Apotheke",
        betrag=Decimal("86.35"),
        beleg=_beleg("apotheke"),
        durch=sb,
    )
    domain.kostenposition_erfassen(
        fall=erster,
        kategorie=Kostenkategorie.P47_E,
        datum=tag,
        bezeichnung="Zahnbehandlung Dr. Amrein",
        betrag=Decimal("1234.55"),
        beleg=_beleg("zahnarzt"),
        subsidiaer=True,
        durch=sb,
    )
    if len(faelle) > 1:
        zweiter = faelle[1]
        domain.unterstuetzungswohnsitz_erfassen(
            person=zweiter.person,
            kanton=Kanton.BE,
            gemeinde="Bern",
            gueltig_ab=date(heute.year - 3, 1, 1),
            durch=sb,
        )
        domain.kostenposition_erfassen(
            fall=zweiter,
            kategorie=Kostenkategorie.P47_C,
            datum=tag,
            bezeichnung="Brille Optiker",
            betrag=Decimal("389.00"),
            beleg=_beleg("brille"),
            subsidiaer=True,
            durch=sb,
        )
    domain.abrechnung_erstellen(
        zahler=Zahler.KANTON,
        von=heute - timedelta(days=30),
        bis=heute - timedelta(days=1),
        durch=sb,
        heute=heute,
    )


def fallblock_kontext(fall, user) -> dict | None:
    """Who pays what for this case (R-46-1 … R-48-1), for the authority and revision only."""
    if not darf_kosten_lesen(user):
        return None
    u = fall_uebersicht(fall)
    return {"fall": fall, "u": u, "url": reverse("kosten:fall", args=[fall.pk])}


def _form_des_falls():
    return Coalesce(
        Subquery(
            Sanktion.objects.filter(entscheid__fall=OuterRef("fall_id"))
            .exclude(vollzugsform="")
            .order_by("pk")
            .values("vollzugsform")[:1]
        ),
        Value(Vollzugsform.NORMALVOLLZUG),
        output_field=CharField(),
    )


def ohne_tagesansatz(heute=None):
    """Open placements for which no daily rate of the facility and the case's Vollzugsform is valid today."""
    heute = heute or timezone.localdate()
    gueltig = Kostgeld.objects.filter(
        anstalt_id=OuterRef("anstalt_id"), vollzugsform=OuterRef("k_form"), gueltig_ab__lte=heute
    ).filter(Q(gueltig_bis__isnull=True) | Q(gueltig_bis__gte=heute))
    return (
        Platzierung.objects.filter(bis__isnull=True)
        .annotate(k_form=_form_des_falls())
        .exclude(Exists(gueltig))
    )


def startkarten(user) -> list[Karte]:
    if not darf_kosten_lesen(user):
        return []
    anzahl = ohne_tagesansatz().count()
    if not anzahl:
        return []
    return [
        Karte(
            zahl=anzahl,
            text="Platzierungen ohne gültigen Tagesansatz (§ 46 Abs. 2 lit. a JVG)",
            url=reverse("kosten:kostgeld_liste"),
            warnung=True,
        )
    ]


# --- Timeline of the dossier -------------------------------------------------------------------------

BEREICH = "Kosten"


def _paragraph(kategorie: Kostenkategorie) -> str:
    # The category's label starts with its §: "§ 47 Abs. 3 lit. b: Medikamente".
    return kategorie.label.split(":", 1)[0] + " JVG"


def _zeitraum(zeile: erweiterungen.Zeile, von: int) -> str:
    return f"{zeile.datum(von):%d.%m.%Y}–{zeile.datum(von + 1):%d.%m.%Y}"


def _beteiligung(was: str):
    def ereignis(z: erweiterungen.Zeile) -> erweiterungen.Ereignis:
        url = reverse("kosten:fall", args=[z.zahl(0)])
        return erweiterungen.Ereignis(
            z.zeitpunkt, f"Kostenbeteiligung für {_zeitraum(z, 1)} {was} (§ 48 JVG)", url, BEREICH
        )

    return ereignis


def _position_erfasst(z: erweiterungen.Zeile) -> erweiterungen.Ereignis:
    kategorie, bezeichnung = Kostenkategorie(z.werte[0]), z.werte[1]
    return erweiterungen.Ereignis(
        z.zeitpunkt,
        f"Kosten erfasst: {bezeichnung}, {chf(z.betrag(2))} ({_paragraph(kategorie)})",
        reverse("kosten:position_detail", args=[z.pk]),
        BEREICH,
    )


def _position_abgeschrieben(z: erweiterungen.Zeile) -> erweiterungen.Ereignis:
    return erweiterungen.Ereignis(
        z.zeitpunkt,
        f"Kosten als uneinbringlich abgeschrieben: {z.werte[0]} (§ 47 Abs. 2 lit. b JVG)",
        reverse("kosten:position_detail", args=[z.pk]),
        BEREICH,
    )


def _abrechnung(z: erweiterungen.Zeile) -> erweiterungen.Ereignis:
    nummer, zahler = z.werte[0], Zahler(z.werte[1])
    return erweiterungen.Ereignis(
        z.zeitpunkt,
        f"Abrechnung {nummer} für {_zeitraum(z, 2)} erstellt (§§ 46–50 JVG), Zahler: {zahler.label}",
        reverse("kosten:abrechnung_detail", args=[z.pk]),
        BEREICH,
    )


def zeitleiste(person, user, fall=None) -> list[erweiterungen.Zeilen]:
    """Timeline (§§ 46–50): cost participations decided and ended (§ 48), cost items recorded and written
    off (§§ 46, 47, 49, 50) and the statements and invoices that bill the person's cases. For the
    authority and revision only, as the cost pages (nothing for anybody else); rows read with the other
    sources' (`Zeilen`: no query of its own), the case's rows only with `fall`."""
    if not darf_kosten_lesen(user):
        return []
    beteiligungen = Kostenbeteiligung.objects.filter(fall__person=person)
    positionen = positionen_fuer_user(user).filter(fall__person=person)
    zeilen = Abrechnungszeile.objects.filter(abrechnung=OuterRef("pk"), fall__person=person)
    abrechnungen = abrechnungen_fuer_user(user).filter(Q(person=person) | Exists(zeilen))
    if fall is not None:
        beteiligungen = beteiligungen.filter(fall=fall)
        positionen = positionen.filter(fall=fall)
        abrechnungen = abrechnungen_fuer_user(user).filter(Exists(zeilen.filter(fall=fall)))
    Z = erweiterungen.Zeilen
    beteiligung = ("fall_id", "von", "bis")
    return [
        Z(beteiligungen, "erfasst_am", _beteiligung("festgelegt"), beteiligung),
        Z(beteiligungen.filter(beendet_am__isnull=False), "beendet_am", _beteiligung("beendet"), beteiligung),
        Z(positionen, "erfasst_am", _position_erfasst, ("kategorie", "bezeichnung", "betrag")),
        Z(
            positionen.filter(uneinbringlich_am__isnull=False),
            "uneinbringlich_am",
            _position_abgeschrieben,
            ("bezeichnung",),
            tag=True,
        ),
        Z(abrechnungen, "erstellt_am", _abrechnung, ("nummer", "zahler", "periode_von", "periode_bis")),
    ]


def registrieren() -> None:
    """Called once by the AppConfig's ready(): everything this app adds to others, in one place."""
    erweiterungen.aufgabenarten(KostenAufgabenart, regeln={KostenAufgabenart.KOSTEN_PRUEFEN: "R-47-2"})
    # R-0-AUDIT-2: the auditor's change log filters these rows by person.
    erweiterungen.personenpfad("kosten.kostenposition", "fall__person")
    erweiterungen.personenpfad("kosten.kostenbeteiligung", "fall__person")
    # Issue 23: a lifted § 48 decision, or one set aside on appeal, ends the participation (not invoiced).
    erweiterungen.nach_aufhebung(Verfuegungstyp.KOSTENBETEILIGUNG_48, domain.nach_aufhebung)
    erweiterungen.personenpfad("kosten.elternbeitrag", "beteiligung__fall__person")
    erweiterungen.personenpfad("kosten.unterstuetzungswohnsitz", "person")
    erweiterungen.personenpfad("kosten.abrechnungszeile", "fall__person")
    # The cost overview "who pays what" on the case page, and the open cost tasks on the start page.
    erweiterungen.fallblock("kosten/_fall_kosten.html", fallblock_kontext)
    # The dossier's timeline (issue 17): participations, cost items and statements.
    erweiterungen.zeitleiste(zeitleiste)
    erweiterungen.startkarte(startkarten)
    erweiterungen.demo(demo_anlegen)
