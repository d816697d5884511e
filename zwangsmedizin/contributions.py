"""Contributions to shared pages (`kern.erweiterungen`), registered by `registrieren()` below:
start-page cards (open decisions and reviews), the block on the case page (without health data for
roles not entitled to it), and the demo data of `make run`."""

from datetime import timedelta

from django.db.models import BooleanField, Case, Count, Q, Value, When
from django.urls import reverse
from django.utils import timezone

from kern import erweiterungen
from kern.erweiterungen import FristEintrag, Karte
from kern.fristen import tagesende
from kern.rollen import Rolle, hat_rolle
from verfuegungen.recht import Verfuegungstyp
from vollzug.queries import offene_platzierung
from vollzug.recht import VollzugAufgabenart
from zwangsmedizin.domain import entscheid, ernaehrung
from zwangsmedizin.models import Hungerstreik, Zwangsmedikation
from zwangsmedizin.queries import (
    hungerstreiks_fuer_user,
    medikationen_fuer_user,
    sieht_gesundheitsdaten,
)
from zwangsmedizin.recht import (
    OFFENE_STATUS,
    WIRKSAME_STATUS,
    Hungerstreikstatus,
    Medikationsart,
    Medikationsstatus,
    ZwangsmedizinAufgabenart,
)


def startkarten(user) -> list[Karte]:
    """For the deciding authority: requests to decide (§ 36 Abs. 1), urgent orders to review (§ 36 Abs. 2),
    force-feeding to decide (§ 39 Abs. 3), § 38 re-orderings due. Two queries."""
    if not hat_rolle(user, Rolle.SACHBEARBEITUNG):
        return []
    heute = timezone.localdate()
    m = medikationen_fuer_user(user).aggregate(
        antraege=Count("pk", filter=Q(status=Medikationsstatus.BEANTRAGT)),
        dringlich=Count("pk", filter=Q(status=Medikationsstatus.DRINGLICH_ANGEORDNET)),
        neu=Count(
            "pk",
            filter=Q(
                status=Medikationsstatus.ANGEORDNET,
                langfristig=True,
                naechste_ueberpruefung_am__lte=heute,
            ),
        ),
    )
    ernaehrung = (
        hungerstreiks_fuer_user(user)
        .filter(status=Hungerstreikstatus.LAUFEND, verfuegung__isnull=True)
        .exclude(zustand="")
        .count()
    )
    liste = reverse("zwangsmedizin:medikation_liste")
    karten = []
    if m["antraege"]:
        karten.append(
            Karte(
                m["antraege"],
                "Zwangsmedikation: Antrag entscheiden (§ 36 Abs. 1 JVG)",
                f"{liste}?status=beantragt",
            )
        )
    if m["dringlich"]:
        karten.append(
            Karte(
                m["dringlich"],
                "Dringliche Zwangsmedikation nachprüfen (§ 36 Abs. 2 JVG)",
                f"{liste}?status=dringlich",
                warnung=True,
            )
        )
    if m["neu"]:
        karten.append(
            Karte(
                m["neu"],
                "Zwangsmedikation überprüfen und neu anordnen (§ 38 Abs. 4 JVG)",
                f"{liste}?status=angeordnet",
                warnung=True,
            )
        )
    if ernaehrung:
        karten.append(
            Karte(
                ernaehrung,
                "Zwangsernährung entscheiden (§ 39 Abs. 3 JVG)",
                reverse("zwangsmedizin:hungerstreik_liste"),
                warnung=True,
            )
        )
    return karten


def fallblock(fall, user) -> dict | None:
    """The case page's block (two queries): the case's forced medications and hunger strikes; the
    medical content only for those who may read health data."""
    medikationen = list(medikationen_fuer_user(user).filter(fall=fall).select_related("verfuegung"))
    hungerstreiks = list(hungerstreiks_fuer_user(user).filter(fall=fall).select_related("verfuegung"))
    darf_beantragen = hat_rolle(user, Rolle.MEDIZIN)  # the queryset of the case page already scoped it
    if not (medikationen or hungerstreiks or darf_beantragen):
        return None
    return {
        "fall": fall,
        "medikationen": medikationen,
        "hungerstreiks": hungerstreiks,
        "inhalt": sieht_gesundheitsdaten(user),
        "kann_beantragen": darf_beantragen,
    }


def _offen(*status) -> Case:
    return Case(When(status__in=status, then=Value(True)), default=Value(False), output_field=BooleanField())


def _einrichtung(anstalt) -> str:
    return (anstalt.kurzname or anstalt.name) if anstalt else ""


def personenblock(person, user) -> dict | None:
    """The person page (issue 17): the person's forced medications and hunger strikes (two queries).

    Who sees that they exist is decided by `medikationen_fuer_user` / `hungerstreiks_fuer_user` (the
    authority, revision, assigned physicians, the facility's management; staff nothing); the medical
    content (the drug) only `sieht_gesundheitsdaten` (authority and physicians, roles table). Requests
    waiting for the authority, urgent orders to review (§ 36 Abs. 2), orders in force with their § 38
    re-ordering date and running hunger strikes come first."""
    grenze = erweiterungen.DOSSIER_ZEILEN
    medikationen = list(
        medikationen_fuer_user(user)
        .filter(person=person)
        .select_related("anstalt")
        .annotate(offen=_offen(*WIRKSAME_STATUS, *OFFENE_STATUS))
        .order_by("-offen", "-erfasst_am", "-pk")[: grenze + 1]
    )
    hungerstreiks = list(
        hungerstreiks_fuer_user(user)
        .filter(person=person)
        .select_related("anstalt")
        .annotate(offen=_offen(Hungerstreikstatus.LAUFEND, Hungerstreikstatus.ANGEORDNET))
        .order_by("-offen", "-beginn", "-pk")[: grenze + 1]
    )
    inhalt = sieht_gesundheitsdaten(user)
    heute = timezone.localdate()
    zeilen = []
    for m in medikationen[:grenze]:
        frist, warnung = "", ""
        if m.status == Medikationsstatus.ANGEORDNET and m.langfristig and m.naechste_ueberpruefung_am:
            frist = (
                f"überprüfen und neu anordnen bis {m.naechste_ueberpruefung_am:%d.%m.%Y} (§ 38 Abs. 4 JVG)"
            )
            warnung = "überfällig" if m.naechste_ueberpruefung_am < heute else ""
        elif m.beendet_am:
            frist = f"beendet am {timezone.localtime(m.beendet_am):%d.%m.%Y}"
        zeilen.append(
            erweiterungen.Dossierzeile(
                text=m.get_art_display() + (f": {m.medikament}" if inhalt else ""),
                url=reverse("zwangsmedizin:medikation_detail", args=[m.pk]),
                stand=m.get_status_display(),
                zeitpunkt=m.angeordnet_am or m.erfasst_am,
                offen=m.offen,
                frist=frist,
                warnung=warnung,
                einrichtung=_einrichtung(m.anstalt),
            )
        )
    for h in hungerstreiks[:grenze]:
        zeilen.append(
            erweiterungen.Dossierzeile(
                text="Hungerstreik (§ 39 JVG)",
                url=reverse("zwangsmedizin:hungerstreik_detail", args=[h.pk]),
                stand=h.get_status_display(),
                zeitpunkt=h.beginn,
                offen=h.offen,
                frist=f"beendet am {timezone.localtime(h.beendet_am):%d.%m.%Y}" if h.beendet_am else "",
                einrichtung=_einrichtung(h.anstalt),
            )
        )
    liste = f"?person={person.pk}"
    return erweiterungen.dossierblock(
        "Zwangsmedikation und Zwangsernährung (§§ 34–39 JVG)",
        "zwangsmedizin-dossier",
        zeilen,
        mehr=len(medikationen) > grenze or len(hungerstreiks) > grenze,
        links=[
            ("alle Zwangsmedikationen", reverse("zwangsmedizin:medikation_liste") + liste),
            ("alle Hungerstreiks", reverse("zwangsmedizin:hungerstreik_liste") + liste),
        ],
    )


def demo_anlegen(benutzer: dict, heute) -> None:
    """Demo data through the domain functions, for the person assigned to the demo physician: an open
    request for forced medication (information recorded) and a hunger strike with one information."""
    from vollzug.models import Vollzugsfall, Zuteilung
    from zwangsmedizin.domain import ernaehrung, information, medikation

    arzt = benutzer["medizin"]
    zuteilung = Zuteilung.objects.filter(benutzer=arzt).order_by("pk").first()
    if zuteilung is None:
        return
    fall = (
        Vollzugsfall.objects.filter(person=zuteilung.person)
        .exclude(status="entlassen")
        .order_by("-pk")
        .first()
    )
    if fall is None:
        return
    m = medikation.antrag_stellen(
        fall=fall,
        daten=medikation.Medikationsdaten(
            art="ordentlich",
            bericht="Akute psychotische Dekompensation seit drei Tagen, Fremdaggression gegenüber Mitgefangenen.",
            medikament="Haloperidol",
            dosierung="5 mg i.m., bei Bedarf einmal wiederholen",
            geplante_dauer="höchstens 7 Tage",
            freiwillige_massnahmen="Orale Medikation mehrfach angeboten und abgelehnt; Gespräche mit Psychiatrie ohne Erfolg.",
            grund="b",
            grund_begruendung="Wiederholte tätliche Angriffe auf Mitgefangene.",
        ),
        durch=arzt,
    )
    information.aufklaerung_erfassen(medikation=m, durch=arzt)
    h = ernaehrung.hungerstreik_erfassen(fall=fall, beginn=timezone.now() - timedelta(days=6), durch=arzt)
    ernaehrung.gespraech_erfassen(
        hungerstreik=h,
        am=timezone.now() - timedelta(days=4),
        inhalt="Risiken einer längeren Nahrungsverweigerung (Elektrolytstörungen, Organschäden) erklärt.",
        reaktion="Hört zu, hält am Hungerstreik fest.",
        durch=arzt,
    )


# --- Deadline source for the Fristenkontrolle -------------------------------------------------------
# §§ 34–39 in the Fristenkontrolle (R-0-FRIST-4), registered in `registrieren()` below.
#
# R-38-1 (§ 38 Abs. 4): the review and re-ordering date of each long-term measure-indicated forced
# medication in force, listed ahead of time (the reminder task follows on the day). One query; the
# title carries no medical content (facility management sees the existence of the measure).
# Pending requests, urgent reviews and § 37 information are tasks (`jvg_case.Aufgabe`), listed by the
# task source.

FRIST_TYP = "zwangsmedikation_38"


def neuanordnung_fristen(user, heute):
    zeilen = (
        medikationen_fuer_user(user)
        .filter(
            art=Medikationsart.MASSNAHMENINDIZIERT,
            status=Medikationsstatus.ANGEORDNET,
            langfristig=True,
            naechste_ueberpruefung_am__isnull=False,
        )
        .annotate(
            platz_anstalt_id=offene_platzierung("anstalt_id", bezug="fall__person", aussen="person"),
            platz_anstalt_name=offene_platzierung("anstalt__name", bezug="fall__person", aussen="person"),
        )
        .values(
            "pk",
            "naechste_ueberpruefung_am",
            "person_id",
            "person__amtlicher_name",
            "person__vorname",
            "platz_anstalt_id",
            "platz_anstalt_name",
        )
    )
    return [
        FristEintrag(
            typ=FRIST_TYP,
            titel="Massnahmenindizierte Zwangsmedikation überprüfen und neu anordnen (§ 38 Abs. 4 JVG)",
            faellig=tagesende(z["naechste_ueberpruefung_am"]),
            url=reverse("zwangsmedizin:medikation_detail", args=[z["pk"]]),
            person_id=z["person_id"],
            person_name=f"{z['person__amtlicher_name']} {z['person__vorname']}",
            anstalt_id=z["platz_anstalt_id"],
            anstalt_name=z["platz_anstalt_name"] or "",
            regel="R-38-1",
        )
        for z in zeilen
    ]


_MEDIKATION_AUFGABEN = (
    "antrag_aufgabe_id",
    "pruef_aufgabe_id",
    "einweisung_aufgabe_id",
    "angehoerige_aufgabe_id",
    "erinnerung_aufgabe_id",
)
# The kinds of those tasks (informing the committing authority is a case-core kind the measure raises).
_MEDIKATION_ARTEN = frozenset(ZwangsmedizinAufgabenart.values) | {
    VollzugAufgabenart.EINWEISUNGSBEHOERDE_INFORMIEREN
}


def aufgabenziele(aufgaben) -> dict[int, str]:
    """Issue 17: a task of a forced medication or a hunger strike ("Antrag auf Zwangsmedikation
    entscheiden") is acted on at the request's page, not the case's. At most two queries, none when no
    task is of these kinds."""
    ernaehrung_ids = [
        a.pk for a in aufgaben if a.art == ZwangsmedizinAufgabenart.ZWANGSERNAEHRUNG_ENTSCHEIDEN
    ]
    medikation_ids = [
        a.pk
        for a in aufgaben
        if a.art in _MEDIKATION_ARTEN and a.art != ZwangsmedizinAufgabenart.ZWANGSERNAEHRUNG_ENTSCHEIDEN
    ]
    ziele: dict[int, str] = {}
    if medikation_ids:
        bedingung = Q()
        for feld in _MEDIKATION_AUFGABEN:
            bedingung |= Q(**{f"{feld}__in": medikation_ids})
        for zeile in Zwangsmedikation.objects.filter(bedingung).values("pk", *_MEDIKATION_AUFGABEN):
            url = reverse("zwangsmedizin:medikation_detail", args=[zeile["pk"]])
            ziele.update({zeile[f]: url for f in _MEDIKATION_AUFGABEN if zeile[f] in medikation_ids})
    if ernaehrung_ids:
        for pk, aufgabe_id in Hungerstreik.objects.filter(
            entscheid_aufgabe_id__in=ernaehrung_ids
        ).values_list("pk", "entscheid_aufgabe_id"):
            ziele[aufgabe_id] = reverse("zwangsmedizin:hungerstreik_detail", args=[pk])
    return ziele


def zeitleiste(person, user, fall=None):
    """Dossier timeline (two queries): forced medications and hunger strikes by kind, status and date
    only — never the medical content; only the roles that see their existence (as the case block)."""
    medikationen = medikationen_fuer_user(user).filter(person=person)
    hungerstreiks = hungerstreiks_fuer_user(user).filter(person=person)
    if fall is not None:
        medikationen = medikationen.filter(fall=fall)
        hungerstreiks = hungerstreiks.filter(fall=fall)
    ereignisse = []
    for m in medikationen.only("pk", "art", "status", "angeordnet_am", "erfasst_am"):
        ereignisse.append(
            erweiterungen.Ereignis(
                m.angeordnet_am or m.erfasst_am,
                f"{m.get_art_display()}: {m.get_status_display()} (§§ 34–38 JVG)",
                reverse("zwangsmedizin:medikation_detail", args=[m.pk]),
                "§§ 34–39",
            )
        )
    for h in hungerstreiks.only("pk", "beginn", "status"):
        ereignisse.append(
            erweiterungen.Ereignis(
                h.beginn,
                f"Hungerstreik: {h.get_status_display()} (§ 39 JVG)",
                reverse("zwangsmedizin:hungerstreik_detail", args=[h.pk]),
                "§§ 34–39",
            )
        )
    return ereignisse


def registrieren() -> None:
    """Called once by the AppConfig's ready(): everything this app adds to others, in one place."""
    erweiterungen.aufgabenziel(aufgabenziele)
    # R-36-1/R-37-1/R-38-1 and R-39-1 hold for every Eröffnung of these types (page, API, service).
    erweiterungen.eroeffnung(
        Verfuegungstyp.ZWANGSMEDIKATION_36,
        pruefen=entscheid.eroeffnung_pruefen,
        danach=entscheid.nach_eroeffnung,
    )
    erweiterungen.eroeffnung(
        Verfuegungstyp.ZWANGSERNAEHRUNG_39,
        pruefen=ernaehrung.eroeffnung_pruefen,
        danach=ernaehrung.nach_eroeffnung,
    )
    # Issue 23: a lifted order, or one set aside on appeal, ends the medication / the force-feeding order.
    erweiterungen.nach_aufhebung(Verfuegungstyp.ZWANGSMEDIKATION_36, entscheid.nach_aufhebung)
    erweiterungen.nach_aufhebung(Verfuegungstyp.ZWANGSERNAEHRUNG_39, ernaehrung.nach_aufhebung)
    # R-0-FRIST-4: the re-ordering deadlines (§ 38 Abs. 4) in the Fristenkontrolle.
    erweiterungen.fristquelle(FRIST_TYP, "Massnahmenindizierte Zwangsmedikation: Neuanordnung (§ 38 Abs. 4)")(
        neuanordnung_fristen
    )
    erweiterungen.aufgabenarten(
        ZwangsmedizinAufgabenart,
        regeln={
            ZwangsmedizinAufgabenart.ZWANGSMEDIKATION_ANTRAG: "R-36-1",
            ZwangsmedizinAufgabenart.ZWANGSMEDIKATION_PRUEFEN: "R-36-1",
            ZwangsmedizinAufgabenart.ZWANGSMEDIKATION_NEU_ANORDNEN: "R-38-1",
            ZwangsmedizinAufgabenart.ANGEHOERIGE_INFORMIEREN: "R-37-1",
            ZwangsmedizinAufgabenart.ZWANGSERNAEHRUNG_ENTSCHEIDEN: "R-39-1",
        },
    )
    # R-0-AUDIT-2: the auditors' change log filters these rows by person. Their history holds no
    # medical content (excluded_fields, see models.py).
    erweiterungen.personenpfad("zwangsmedizin.zwangsmedikation", "person")
    erweiterungen.personenpfad("zwangsmedizin.hungerstreik", "person")
    erweiterungen.personenpfad("zwangsmedizin.aufklaerungsgespraech", "hungerstreik__person")
    erweiterungen.personenpfad("zwangsmedizin.patientenverfuegung", "person")
    erweiterungen.startkarte(startkarten)
    erweiterungen.fallblock("zwangsmedizin/_fall_block.html", fallblock)
    erweiterungen.personenblock("kern/_dossierblock.html", personenblock)
    erweiterungen.zeitleiste(zeitleiste)
    erweiterungen.demo(demo_anlegen)
