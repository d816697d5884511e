"""What § 31 contributes to shared pages (kern.erweiterungen): start cards, the case block, demo data."""

from datetime import timedelta

from django.db.models import BooleanField, Case, Count, Q, Value, When
from django.urls import reverse
from django.utils import timezone

from kern import erweiterungen
from kern.erweiterungen import FristEintrag, Karte
from kern.rollen import Rolle, hat_rolle
from sicherheitsmassnahmen import domain, permissions
from sicherheitsmassnahmen.queries import massnahmen_fuer_user
from sicherheitsmassnahmen.recht import (
    Massnahmenart,
    Massnahmenstatus,
    Risiko,
    SicherheitsmassnahmenAufgabenart,
    paragraph,
)
from verfuegungen.recht import Anhoerungsart, EroeffnungArt, Verfuegungsstatus, Verfuegungstyp

S = Massnahmenstatus


def startkarten(user) -> list[Karte]:
    """One query: proposals to decide (management), active measures, overdue reviews (warning, R-31-5)."""
    if not hat_rolle(
        user,
        Rolle.ANSTALTSLEITUNG,
        Rolle.ANSTALTSPERSONAL,
        Rolle.SACHBEARBEITUNG,
        Rolle.REVISION,
        Rolle.MEDIZIN,
    ):
        return []
    zahlen = massnahmen_fuer_user(user).aggregate(
        zu_entscheiden=Count(
            "pk", filter=Q(status=S.BEANTRAGT, verfuegung__status=Verfuegungsstatus.ZUR_GENEHMIGUNG)
        ),
        aktiv=Count("pk", filter=Q(status=S.AKTIV)),
        ueberfaellig=Count("pk", filter=Q(status=S.AKTIV, naechste_ueberpruefung_am__lt=timezone.now())),
    )
    liste = reverse("sicherheitsmassnahmen:liste")
    karten = []
    if hat_rolle(user, Rolle.ANSTALTSLEITUNG):
        karten.append(
            Karte(
                zahl=zahlen["zu_entscheiden"],
                text="Anträge auf besondere Sicherheitsmassnahmen zu entscheiden (§ 31 JVG)",
                url=f"{liste}?zustand=zu_entscheiden",
                warnung=bool(zahlen["zu_entscheiden"]),
            )
        )
    karten.append(
        Karte(
            zahl=zahlen["aktiv"], text="Aktive Sicherheitsmassnahmen (§ 31 JVG)", url=f"{liste}?zustand=aktiv"
        )
    )
    karten.append(
        Karte(
            zahl=zahlen["ueberfaellig"],
            text="Sicherheitsmassnahmen: Überprüfung überfällig (§ 31 Abs. 5 JVG)",
            url=f"{liste}?zustand=ueberfaellig",
            warnung=bool(zahlen["ueberfaellig"]),
        )
    )
    return karten


def fallblock(fall, user) -> dict | None:
    """The case's measures the user may see (one query), and whether the user may propose one."""
    from sicherheitsmassnahmen import domain

    massnahmen = list(
        massnahmen_fuer_user(user)
        .filter(fall=fall)
        .select_related("verfuegung")
        .order_by("-beantragt_am", "-pk")
    )
    kann_beantragen = permissions.darf_beantragen(user, fall)
    if not massnahmen and not kann_beantragen:
        return None
    jetzt = timezone.now()
    for m in massnahmen:
        m.phase_text = domain.phase(m)
        m.ueberfaellig = domain.ist_ueberfaellig(m, jetzt)
    return {"fall": fall, "massnahmen": massnahmen, "kann_beantragen": kann_beantragen}


def personenblock(person, user) -> dict | None:
    """The person page (issue 17): the measures of all the person's cases the user may see (one query;
    `massnahmen_fuer_user` decides who sees the module). Active measures with their next review (§ 31
    Abs. 5) and open requests first, then the lifted or rejected ones."""
    offen = Q(status=S.AKTIV) | (Q(status=S.BEANTRAGT) & ~Q(verfuegung__status=Verfuegungsstatus.AUFGEHOBEN))
    massnahmen = list(
        massnahmen_fuer_user(user)
        .filter(person=person)
        .select_related("verfuegung", "anstalt")
        .annotate(
            offen=Case(When(offen, then=Value(True)), default=Value(False), output_field=BooleanField())
        )
        .order_by("-offen", "-beantragt_am", "-pk")[: erweiterungen.DOSSIER_ZEILEN + 1]
    )
    jetzt = timezone.now()
    zeilen = []
    for m in massnahmen[: erweiterungen.DOSSIER_ZEILEN]:
        frist, seit = "", m.beantragt_am
        if m.status == S.AKTIV:
            seit = m.aktiv_seit or m.beantragt_am
            frist = (
                f"nächste Überprüfung {timezone.localtime(m.naechste_ueberpruefung_am):%d.%m.%Y %H:%M} (§ 31 Abs. 5 JVG)"
                if m.naechste_ueberpruefung_am
                else ""
            )
        elif m.beendet_am:
            frist = f"aufgehoben am {timezone.localtime(m.beendet_am):%d.%m.%Y}"
        zeilen.append(
            erweiterungen.Dossierzeile(
                text=f"{m.nummer}: {m.get_art_display()}",
                url=reverse("sicherheitsmassnahmen:detail", args=[m.pk]),
                stand=f"{domain.phase(m)} ({paragraph(m.art)})",
                zeitpunkt=seit,
                offen=m.offen,
                frist=frist,
                warnung="Überprüfung überfällig" if domain.ist_ueberfaellig(m, jetzt) else "",
                einrichtung=m.anstalt.kurzname or m.anstalt.name,
            )
        )
    return erweiterungen.dossierblock(
        "Besondere Sicherheitsmassnahmen (§ 31 JVG)",
        "sicherheitsmassnahmen-dossier",
        zeilen,
        mehr=len(massnahmen) > erweiterungen.DOSSIER_ZEILEN,
        links=[("alle anzeigen", f"{reverse('sicherheitsmassnahmen:liste')}?person={person.pk}")],
    )


def demo_anlegen(benutzer: dict, heute) -> None:
    """One active measure (lit. f, secured room) in Grosshof whose review is due within 24 hours."""
    from django.core.files.base import ContentFile

    from sicherheitsmassnahmen import domain
    from verfuegungen import domain as vfg
    from vollzug.models import Platzierung

    personal, leitung = benutzer.get("personal.grosshof"), benutzer.get("leitung.grosshof")
    if personal is None or leitung is None:
        return
    erwachsen = heute.replace(year=heute.year - 18) - timedelta(days=1)
    platz = (
        Platzierung.objects.filter(
            anstalt_id=personal.anstalt_id, bis__isnull=True, fall__person__geburtsdatum__lt=erwachsen
        )
        .select_related("fall")
        .order_by("pk")
        .first()
    )
    if platz is None:
        return
    m = domain.massnahme_beantragen(
        fall=platz.fall,
        art=Massnahmenart.GESICHERTER_RAUM,
        risiken=[Risiko.EIGENGEFAEHRDUNG, Risiko.FREMDGEFAEHRDUNG],
        sachverhalt="Die Person zerschlug am Vormittag das Mobiliar der Zelle und drohte, sich mit den "
        "Scherben zu verletzen; sie griff das Personal an.",
        begruendung="Absonderung in der eigenen Zelle genügt nicht: dort befinden sich gefährdende "
        "Gegenstände. Der besonders gesicherte Raum ist bis zur Beruhigung nötig.",
        ausgestaltung="Sicherheitszelle 1, Sichtkontrolle alle 15 Minuten, ärztliche Visite täglich.",
        gehoer=domain.Gehoer(
            art=Anhoerungsart.GEFAHR_IM_VERZUG,
            begruendung="Akute Selbst- und Fremdgefährdung; die Anhörung folgt nach Beruhigung.",
        ),
        durch=personal,
    )
    domain.massnahme_genehmigen(massnahme=m, durch=leitung, kommentar="Angeordnet; Überprüfung täglich.")
    vfg.eroeffnen(
        verfuegung=m.verfuegung,
        art=EroeffnungArt.UEBERGABE_ANSTALT,
        durch=personal,
        empfangsbestaetigung=ContentFile(b"Empfang bestaetigt (Demo)", name="empfang.txt"),
    )


# --- Deadline source for the Fristenkontrolle -------------------------------------------------------
# § 31 JVG in the Fristenkontrolle (R-0-FRIST-4), registered in `registrieren()` below.
#
# R-31-5: every active measure's next review (to the minute for lit. f/g); overdue ones are marked by
# the page itself. One query; visibility from `massnahmen_fuer_user`.

FRIST_TYP = "sicherheitsmassnahme_ueberpruefung"


def ueberpruefung_fristen(user, heute):
    zeilen = (
        massnahmen_fuer_user(user)
        .filter(status=Massnahmenstatus.AKTIV)
        .values(
            "pk",
            "nummer",
            "art",
            "naechste_ueberpruefung_am",
            "person_id",
            "person__amtlicher_name",
            "person__vorname",
            "anstalt_id",
            "anstalt__name",
        )
    )
    return [
        FristEintrag(
            typ=FRIST_TYP,
            titel=f"Überprüfung {paragraph(z['art'])} {z['nummer']} (§ 31 Abs. 5 JVG)",
            faellig=z["naechste_ueberpruefung_am"],
            url=reverse("sicherheitsmassnahmen:detail", args=[z["pk"]]) + "#ueberpruefung",
            person_id=z["person_id"],
            person_name=f"{z['person__amtlicher_name']} {z['person__vorname']}",
            anstalt_id=z["anstalt_id"],
            anstalt_name=z["anstalt__name"],
            regel="R-31-5",
        )
        for z in zeilen
    ]


def zeitleiste(person, user, fall=None):
    """Dossier timeline: § 31 measures requested, in force and lifted (one query)."""
    qs = massnahmen_fuer_user(user).filter(person=person)
    if fall is not None:
        qs = qs.filter(fall=fall)
    ereignisse = []
    for m in qs.only("pk", "nummer", "art", "beantragt_am", "aktiv_seit", "beendet_am"):
        url = reverse("sicherheitsmassnahmen:detail", args=[m.pk])
        was = f"Sicherheitsmassnahme {m.nummer} ({m.get_art_display()})"
        ereignisse.append(erweiterungen.Ereignis(m.beantragt_am, f"{was} beantragt (§ 31 JVG)", url, "§ 31"))
        if m.aktiv_seit:
            ereignisse.append(erweiterungen.Ereignis(m.aktiv_seit, f"{was} vollzogen", url, "§ 31"))
        if m.beendet_am:
            ereignisse.append(erweiterungen.Ereignis(m.beendet_am, f"{was} aufgehoben", url, "§ 31"))
    return ereignisse


def registrieren() -> None:
    """Called once by the AppConfig's ready(): everything this app adds to others, in one place."""
    # § 44 / R-31-5: every Eröffnung of a § 31 order (page, API) checks and activates the measure.
    erweiterungen.eroeffnung(
        Verfuegungstyp.SICHERHEITSMASSNAHME_31,
        pruefen=domain.eroeffnung_pruefen,
        danach=domain.nach_eroeffnung,
    )
    # Issue 23: a lifted order, or one set aside on appeal, ends the active measure (reason and date).
    erweiterungen.nach_aufhebung(Verfuegungstyp.SICHERHEITSMASSNAHME_31, domain.nach_aufhebung)
    # R-31-4 (§ 31 Abs. 4): weekend/holiday transfers → inform the Einweisungsbehörde next working day; a
    # stay that ends (release, § 14 interruption) ends the facility's measures.
    erweiterungen.nach_versetzung(domain.nach_versetzung)
    erweiterungen.nach_austritt(domain.nach_austritt)
    # R-0-FRIST-4: the review deadlines (§ 31 Abs. 5) in the Fristenkontrolle.
    erweiterungen.fristquelle(FRIST_TYP, "Sicherheitsmassnahme: Überprüfung (§ 31 Abs. 5)")(
        ueberpruefung_fristen
    )
    erweiterungen.aufgabenarten(
        SicherheitsmassnahmenAufgabenart,
        regeln={
            SicherheitsmassnahmenAufgabenart.SICHERHEITSMASSNAHME_GENEHMIGEN: "R-31-1",
            SicherheitsmassnahmenAufgabenart.SICHERHEITSMASSNAHME_PRUEFEN: "R-31-5",
        },
    )
    erweiterungen.startkarte(startkarten)
    erweiterungen.fallblock("sicherheitsmassnahmen/_fall_block.html", fallblock)
    erweiterungen.personenblock("kern/_dossierblock.html", personenblock)
    erweiterungen.zeitleiste(zeitleiste)
    erweiterungen.demo(demo_anlegen)
    # R-0-AUDIT-2: the auditor's change log filters these rows by person.
    erweiterungen.personenpfad("sicherheitsmassnahmen.sicherheitsmassnahme", "person")
    erweiterungen.personenpfad("sicherheitsmassnahmen.ueberpruefung", "massnahme__person")
