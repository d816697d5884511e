"""Contributions of § 33 JVG to shared pages (`kern.erweiterungen`): start cards, the case block and
the demo data of `make run`. Registered by `registrieren()` below."""

from datetime import timedelta

from django.db.models import BooleanField, Case, Count, Q, Value, When
from django.urls import reverse
from django.utils import timezone

from kern import erweiterungen
from kern.audit import speichern
from kern.erweiterungen import FristEintrag
from kern.rollen import ANSTALTSROLLEN, Rolle, hat_rolle
from zwang import domain, permissions
from zwang.queries import (
    eigene_offene_stellungnahmen,
    mit_zaehlern,
    nur_medizinteil,
    offene_stellungnahmen,
    protokolle_fuer_user,
)
from zwang.recht import (
    Arztkontrolle,
    Einsatzfunktion,
    Protokollstatus,
    Subsidiaritaet,
    Verletzung,
    ZwangAufgabenart,
    Zwangsmittel,
)


def startkarten(user) -> list[erweiterungen.Karte]:
    """Management: protocols it may review now (R-33-1, R-0-4EYES-1). Staff and management: own open
    statements, highlighted when overdue. One query each."""
    if not hat_rolle(user, *ANSTALTSROLLEN):
        return []
    karten = []
    if hat_rolle(user, Rolle.ANSTALTSLEITUNG):
        zu_pruefen = (
            protokolle_fuer_user(user)
            .filter(status=Protokollstatus.EINGEREICHT)
            .exclude(erfasst_durch=user)
            .exclude(beteiligte__benutzer=user)
            .count()
        )
        if zu_pruefen:
            karten.append(
                erweiterungen.Karte(
                    zahl=zu_pruefen,
                    text="Zwangsprotokolle zu prüfen (§ 33 Abs. 4 JVG)",
                    url=reverse("zwang:liste") + "?status=eingereicht",
                )
            )
    zahlen = eigene_offene_stellungnahmen(user).aggregate(
        offen=Count("pk"), ueberfaellig=Count("pk", filter=Q(frist__lt=timezone.now()))
    )
    if zahlen["offen"]:
        karten.append(
            erweiterungen.Karte(
                zahl=zahlen["offen"],
                text="Eigene Stellungnahmen zu Zwangsprotokollen offen (§ 33 Abs. 4 JVG)"
                + (f", {zahlen['ueberfaellig']} überfällig" if zahlen["ueberfaellig"] else ""),
                url=reverse("zwang:meine_stellungnahmen"),
                warnung=bool(zahlen["ueberfaellig"]),
            )
        )
    return karten


def fallblock(fall, user) -> dict | None:
    """The case page's block: the protocols of this case the user may see, and the link to record one."""
    protokolle = list(
        mit_zaehlern(
            protokolle_fuer_user(user).filter(fall=fall).select_related("anstalt"), timezone.now()
        ).order_by("-beginn", "-pk")
    )
    kann_erfassen = permissions.darf_erfassen(user, fall)
    if not protokolle and not kann_erfassen:
        return None
    return {
        "fall": fall,
        "protokolle": protokolle,
        "kann_erfassen": kann_erfassen,
        "nur_medizinteil": nur_medizinteil(user),
    }


def personenblock(person, user) -> dict | None:
    """The person page (issue 17): the use-of-force protocols of the person the user may see (one query,
    `protokolle_fuer_user`). Protocols still to be reviewed (§ 33 Abs. 4) or with statements missing come
    first. A physician reads only the medical part: time, duration and place, no state or statements."""
    medizin = nur_medizinteil(user)
    offen = (
        Value(False)
        if medizin
        else Case(
            When(
                Q(status__in=[Protokollstatus.ENTWURF, Protokollstatus.EINGEREICHT]) | Q(anzahl_offen__gt=0),
                then=Value(True),
            ),
            default=Value(False),
            output_field=BooleanField(),
        )
    )
    protokolle = list(
        mit_zaehlern(
            protokolle_fuer_user(user).filter(person=person).select_related("anstalt"), timezone.now()
        )
        .annotate(offen=offen)
        .order_by("-offen", "-beginn", "-pk")[: erweiterungen.DOSSIER_ZEILEN + 1]
    )
    zeilen = []
    for p in protokolle[: erweiterungen.DOSSIER_ZEILEN]:
        if medizin:
            stand, frist, warnung = f"Dauer {p.dauer_text} (§ 33 JVG)", "", ""
        else:
            stand = f"{p.get_status_display()} (§ 33 Abs. 4 JVG)"
            n = p.anzahl_offen
            frist = f"{n} Stellungnahme{'n' if n > 1 else ''} offen" if n else ""
            warnung = f"{p.anzahl_ueberfaellig} überfällig" if p.anzahl_ueberfaellig else ""
        zeilen.append(
            erweiterungen.Dossierzeile(
                text=f"Zwangsprotokoll {p.nummer}",
                url=reverse("zwang:detail", args=[p.pk]),
                stand=stand,
                zeitpunkt=p.beginn,
                offen=p.offen,
                frist=frist,
                warnung=warnung,
                einrichtung=p.anstalt.kurzname or p.anstalt.name,
            )
        )
    return erweiterungen.dossierblock(
        "Unmittelbarer Zwang (§ 33 JVG)",
        "zwang-dossier",
        zeilen,
        mehr=len(protokolle) > erweiterungen.DOSSIER_ZEILEN,
        links=[("alle anzeigen", f"{reverse('zwang:liste')}?person={person.pk}")],
    )


def demo_anlegen(benutzer: dict, heute) -> None:
    """One submitted protocol in Grosshof with one statement missing (that of personal.grosshof)."""

    from kern.models import Benutzer
    from vollzug.models import Platzierung

    leitung, personal = benutzer.get("leitung.grosshof"), benutzer.get("personal.grosshof")
    if leitung is None or personal is None:
        return
    platzierung = (
        Platzierung.objects.filter(anstalt_id=personal.anstalt_id, bis__isnull=True)
        .select_related("fall")
        .order_by("pk")
        .first()
    )
    if platzierung is None:
        return
    # A second staff member of Grosshof writes the protocol, so the management stays free to review it.
    kollege = Benutzer.objects.filter(username="personal2.grosshof").first()
    if kollege is None:
        kollege = Benutzer(
            username="personal2.grosshof",
            first_name="Marco",
            last_name="Arnold",
            rolle=Rolle.ANSTALTSPERSONAL,
            anstalt_id=personal.anstalt_id,
        )
        kollege.set_password(erweiterungen.DEMO_PASSWORT)
        speichern(kollege, durch=benutzer.get("admin", leitung))
    beginn = timezone.now() - timedelta(hours=5)
    protokoll = domain.protokoll_erfassen(
        fall=platzierung.fall,
        daten=domain.ProtokollDaten(
            beginn=beginn,
            ende=beginn + timedelta(minutes=7),
            ort="Wohngruppe B, Korridor vor Zelle 12",
            anlass="Die Person bedrohte einen Mitgefangenen mit einem abgebrochenen Besenstiel und reagierte "
            "nicht auf Aufforderungen. Nach der Entwaffnung wurde sie in ihre Zelle geführt.",
            zweck_a=True,
            zweck_c=True,
            subsidiaritaet=Subsidiaritaet.VERSAGT,
            mildere_massnahmen="Mehrfache mündliche Aufforderung, den Stiel wegzulegen; Deeskalationsgespräch "
            "durch die Bezugsperson (ca. 3 Minuten); Androhung des Zwangs.",
            mittel=[Zwangsmittel.FESTHALTEN, Zwangsmittel.HALTETECHNIK, Zwangsmittel.TRANSPORTTECHNIK],
            mittel_beschreibung="Zwei Mitarbeitende hielten die Arme fest, Entwaffnung mit Haltetechnik am "
            "Handgelenk, danach Führtechnik bis in die Zelle; Zwang beendet beim Schliessen der Zellentür.",
            verletzung_person=Verletzung.VERLETZT,
            verletzung_person_text="Schürfung am rechten Handgelenk.",
            verletzung_personal=Verletzung.KEINE,
            verletzung_dritte=Verletzung.KEINE,
            arztkontrolle=Arztkontrolle.DURCHGEFUEHRT,
            arztkontrolle_am=beginn + timedelta(minutes=40),
            arztkontrolle_durch="Gesundheitsdienst JVA Grosshof (Pflegefachperson)",
            aufnahmen="Kamera WG-B-03, 14:02–14:12 Uhr",
        ),
        beteiligte=[
            domain.BeteiligungDaten(benutzer=kollege, funktion=Einsatzfunktion.AUSFUEHREND),
            domain.BeteiligungDaten(benutzer=personal, funktion=Einsatzfunktion.SICHERUNG),
        ],
        durch=kollege,
    )
    domain.protokoll_einreichen(protokoll=protokoll, durch=kollege)
    eigene = protokoll.beteiligte.get(benutzer=kollege)
    domain.stellungnahme_abgeben(
        beteiligung=eigene,
        text="Ich habe die Person nach dreimaliger Aufforderung am rechten Arm gehalten und entwaffnet.",
        durch=kollege,
    )


# --- Deadline source for the Fristenkontrolle -------------------------------------------------------
# Deadline source of § 33 JVG for the Fristenkontrolle (R-0-FRIST-4), registered in `registrieren()` below.
#
# R-33-1: each involved staff member's statement is due JVG_ZWANG_STELLUNGNAHME_STUNDEN hours after the
# protocol was submitted (to the minute). One query over the protocols the user may see; overdue ones
# are marked by the page itself. A physician sees none (the statements are not the medical part).

FRIST_TYP = "zwang_stellungnahme"


def stellungnahme_fristen(user, heute):
    if not (user and user.is_authenticated and user.is_active) or nur_medizinteil(user):
        return []
    zeilen = (
        offene_stellungnahmen()
        .filter(protokoll__in=protokolle_fuer_user(user), frist__isnull=False)
        .select_related("benutzer", "protokoll__person", "protokoll__anstalt")
        .order_by("frist", "pk")
    )
    eintraege = []
    for b in zeilen:
        p = b.protokoll
        name = b.benutzer.get_full_name() or b.benutzer.username
        eintraege.append(
            FristEintrag(
                typ=FRIST_TYP,
                titel=f"Stellungnahme von {name} zum Zwangsprotokoll {p.nummer} (§ 33 Abs. 4 JVG)",
                faellig=b.frist,
                url=reverse("zwang:detail", args=[p.pk]) + f"#beteiligung-{b.pk}",
                person_id=p.person_id,
                person_name=f"{p.person.amtlicher_name} {p.person.vorname}",
                anstalt_id=p.anstalt_id,
                anstalt_name=p.anstalt.name,
                regel="R-33-1",
                zustaendig_id=b.benutzer_id,  # the Arbeitskorb of the one who must write it
            )
        )
    return eintraege


def zeitleiste(person, user, fall=None):
    """Dossier timeline: § 33 uses of direct force (one query)."""
    qs = protokolle_fuer_user(user).filter(person=person)
    if fall is not None:
        qs = qs.filter(fall=fall)
    return [
        erweiterungen.Ereignis(
            p.beginn,
            f"Unmittelbarer Zwang, Protokoll {p.nummer} ({p.get_status_display()}, § 33 JVG)",
            reverse("zwang:detail", args=[p.pk]),
            "§ 33",
        )
        for p in qs.only("pk", "nummer", "beginn", "status")
    ]


def registrieren() -> None:
    """Called once by the AppConfig's ready(): everything this app adds to others, in one place."""
    erweiterungen.startkarte(startkarten)
    erweiterungen.fallblock("zwang/_fall_block.html", fallblock)
    erweiterungen.personenblock("kern/_dossierblock.html", personenblock)
    erweiterungen.zeitleiste(zeitleiste)
    erweiterungen.demo(demo_anlegen)
    # R-0-FRIST-4: the statement deadlines (§ 33 Abs. 4) in the Fristenkontrolle.
    erweiterungen.fristquelle(FRIST_TYP, "Unmittelbarer Zwang: Stellungnahmen (§ 33 Abs. 4)")(
        stellungnahme_fristen
    )
    erweiterungen.aufgabenarten(
        ZwangAufgabenart,
        regeln={ZwangAufgabenart.ZWANG_STELLUNGNAHME: "R-33-1", ZwangAufgabenart.ZWANG_PRUEFUNG: "R-33-1"},
    )
    # R-0-AUDIT-2: the auditor's change log filters these rows by person.
    erweiterungen.personenpfad("zwang.zwangsprotokoll", "person")
    erweiterungen.personenpfad("zwang.beteiligung", "protokoll__person")
    erweiterungen.personenpfad("zwang.pruefung", "protokoll__person")
