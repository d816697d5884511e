"""Contributions to shared pages (`kern.erweiterungen`), registered by `registrieren()` below:
start-page cards (R-25-2 escalation, body searches to order, open escapes), the block on the case page,
the deadline source of § 25 Abs. 2 for the Fristenkontrolle, and the demo data of `make run`."""

from datetime import timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from kern import erweiterungen
from kern.erweiterungen import FristEintrag, Karte
from kern.fristen import TZ, lokales_datum
from kern.rollen import ANSTALTSROLLEN, Rolle, hat_rolle
from kern.strafzeit import Zeitraum
from vollzug.models import Platzierung
from zwangsmassnahmen import domain
from zwangsmassnahmen.queries import (
    entweichungen_fuer_user,
    haften_fuer_user,
    kontrollen_fuer_user,
    versetzungen_fuer_user,
)
from zwangsmassnahmen.recht import Haftstatus, Haftvariante, Kontrollstatus, ZwangsmassnahmenAufgabenart


def startkarten(user) -> list[Karte]:
    """Three queries whatever the number of rows; a card only where there is something to do."""
    karten: list[Karte] = []
    jetzt = timezone.now()
    offen = Q(variante=Haftvariante.EIGENE_ANORDNUNG, status=Haftstatus.IN_HAFT, antrag_am__isnull=True)
    zahlen = haften_fuer_user(user).aggregate(
        offen=Count("pk", filter=offen & Q(frist_ende__gte=jetzt)),
        ueberfaellig=Count("pk", filter=offen & Q(frist_ende__lt=jetzt)),
    )
    liste = reverse("zwangsmassnahmen:haft_liste")
    if zahlen["ueberfaellig"]:
        karten.append(
            Karte(
                zahl=zahlen["ueberfaellig"],
                text="Sicherheitshaft: Verlängerungsantrag überfällig (§ 25 Abs. 2 JVG)",
                url=f"{liste}?status=ueberfaellig",
                warnung=True,
            )
        )
    if zahlen["offen"]:
        karten.append(
            Karte(
                zahl=zahlen["offen"],
                text="Sicherheitshaft: Verlängerungsantrag innert 48 Stunden (§ 25 Abs. 2 JVG)",
                url=f"{liste}?status=offen",
            )
        )
    if hat_rolle(user, Rolle.ANSTALTSLEITUNG):
        beantragt = kontrollen_fuer_user(user).filter(status=Kontrollstatus.BEANTRAGT).count()
        if beantragt:
            karten.append(
                Karte(
                    zahl=beantragt,
                    text="Leibesvisitation: Anordnung ausstehend (§ 28 Abs. 2 JVG)",
                    url=reverse("zwangsmassnahmen:kontrolle_liste") + "?status=beantragt",
                    warnung=True,
                )
            )
    if hat_rolle(user, Rolle.SACHBEARBEITUNG, *ANSTALTSROLLEN):
        abwesend = entweichungen_fuer_user(user).filter(zugefuehrt_am__isnull=True).count()
        if abwesend:
            karten.append(
                Karte(
                    zahl=abwesend,
                    text="Entwichen / unerlaubt abwesend: Festnahme offen (§ 32 JVG)",
                    url=reverse("zwangsmassnahmen:entweichung_liste") + "?status=offen",
                    warnung=True,
                )
            )
    return karten


def fallblock(fall, user) -> dict | None:
    """The case page's block: detentions, § 26 transfers, controls and escapes of this case (four
    queries), and which actions the user may start here."""
    haften = list(
        haften_fuer_user(user).filter(fall=fall).select_related("anstalt").order_by("-angeordnet_am")
    )
    versetzungen = list(
        versetzungen_fuer_user(user)
        .filter(fall=fall)
        .select_related("platzierung__anstalt", "von_anstalt")
        .order_by("-angeordnet_am")
    )
    kontrollen = list(kontrollen_fuer_user(user).filter(fall=fall).order_by("-erfasst_am", "-pk")[:20])
    entweichungen = list(entweichungen_fuer_user(user).filter(fall=fall).order_by("-festgestellt_am"))
    ist_behoerde = hat_rolle(user, Rolle.SACHBEARBEITUNG)
    vor_ort = (
        hat_rolle(user, *ANSTALTSROLLEN)
        and Platzierung.objects.filter(fall=fall, bis__isnull=True, anstalt_id=user.anstalt_id).exists()
    )
    if not (haften or versetzungen or kontrollen or entweichungen or ist_behoerde or vor_ort):
        return None
    jetzt = timezone.now()
    for h in haften:
        h.ueberfaellig = domain.ist_ueberfaellig(h, jetzt)
    return {
        "fall": fall,
        "haften": haften,
        "versetzungen": versetzungen,
        "kontrollen": kontrollen,
        "entweichungen": entweichungen,
        "kann_haft": ist_behoerde,
        "kann_versetzen": ist_behoerde and fall.status == "im_vollzug",
        "kann_kontrolle": vor_ort,
        "kann_melden": vor_ort and not any(e.zugefuehrt_am is None for e in entweichungen),
    }


# --- Deadline source of § 25 Abs. 2 JVG for the Fristenkontrolle (R-0-FRIST-4) ---------------------------
# Every open application deadline of a Sicherheitshaft, with the exact minute (R-0-FRIST-3); overdue ones are
# marked by the page itself. One query.

FRIST_TYP = "sicherheitshaft_antrag"


def antragsfristen(user, heute):
    offen = (
        haften_fuer_user(user)
        .filter(variante=Haftvariante.EIGENE_ANORDNUNG, status=Haftstatus.IN_HAFT, antrag_am__isnull=True)
        .select_related("fall__person", "anstalt")
        .order_by("frist_ende", "pk")
    )
    eintraege = []
    for haft in offen:
        person = haft.fall.person
        festnahme = timezone.localtime(haft.festnahme_am, TZ)
        eintraege.append(
            FristEintrag(
                typ=FRIST_TYP,
                titel=f"Sicherheitshaft {haft.nummer}: Verlängerungsantrag ans Zwangsmassnahmengericht "
                f"(48 Stunden seit Festnahme {festnahme:%d.%m.%Y %H:%M}, § 25 Abs. 2 JVG)",
                faellig=timezone.localtime(haft.frist_ende, TZ),
                url=reverse("zwangsmassnahmen:haft_detail", args=[haft.pk]),
                person_id=person.pk,
                person_name=f"{person.amtlicher_name} {person.vorname}",
                anstalt_id=haft.anstalt_id,
                anstalt_name=haft.anstalt.name if haft.anstalt else "",
                regel="R-25-2",
            )
        )
    return eintraege


def demo_anlegen(benutzer: dict, heute) -> None:
    """Demo data through the domain functions: one open Sicherheitshaft (deadline in the future) and one
    control in JVA Grosshof."""
    from vollzug.models import Vollzugsfall

    sb = benutzer["sachbearbeitung"]
    personal = benutzer["personal.grosshof"]
    faelle = list(
        Vollzugsfall.objects.filter(
            platzierungen__bis__isnull=True, platzierungen__anstalt_id=personal.anstalt_id
        ).order_by("pk")[:2]
    )
    if not faelle:
        return
    jetzt = timezone.now()
    domain.sicherheitshaft_anordnen(
        fall=faelle[-1],
        daten=domain.HaftDaten(
            variante=Haftvariante.EIGENE_ANORDNUNG,
            verfahren_art="rueckversetzung",
            verfahren_referenz="KG 26 4711",
            wahrscheinlichkeit="Erneute einschlägige Delinquenz während der Probezeit; Rückversetzung ist "
            "nach Einschätzung der Bewährungshilfe wahrscheinlich.",
            grund_flucht=True,
            begruendung="Keine feste Unterkunft, Kontakte ins Ausland.",
            festnahme_am=jetzt - timedelta(hours=6),
            anstalt=personal.anstalt,
        ),
        durch=sb,
    )
    domain.kontrolle_erfassen(
        fall=faelle[0],
        art="unterkunft",
        zeitpunkt=jetzt - timedelta(days=1),
        ort="Zelle B 214",
        ergebnis="fund",
        fundgegenstaende="1 Mobiltelefon (nicht bewilligt)",
        durch=personal,
    )


def nicht_verbuesst(fall) -> list[Zeitraum]:
    """R-VD-1: an ended § 32 absence without leave is not served: [noticed, returned) in local days."""
    return [
        Zeitraum(lokales_datum(ab), lokales_datum(bis), "Entweichung (§ 32 JVG)")
        for ab, bis in fall.entweichungen.filter(zugefuehrt_am__isnull=False).values_list(
            "festgestellt_am", "zugefuehrt_am"
        )
    ]


def zeitleiste(person, user, fall=None):
    """Dossier timeline (two queries): Sicherheitshaft ordered (§ 25) and escapes (§ 32)."""
    haften = haften_fuer_user(user).filter(fall__person=person)
    entweichungen = entweichungen_fuer_user(user).filter(fall__person=person)
    if fall is not None:
        haften = haften.filter(fall=fall)
        entweichungen = entweichungen.filter(fall=fall)
    ereignisse = [
        erweiterungen.Ereignis(
            h.angeordnet_am,
            f"Sicherheitshaft {h.nummer} angeordnet (§ 25 JVG)",
            reverse("zwangsmassnahmen:haft_detail", args=[h.pk]),
            "§§ 25–32",
        )
        for h in haften.only("pk", "nummer", "angeordnet_am")
    ]
    ereignisse += [
        erweiterungen.Ereignis(
            e.festgestellt_am,
            f"{e.get_art_display()} festgestellt, Auftrag {e.auftrag_nummer} (§ 32 JVG)",
            reverse("zwangsmassnahmen:entweichung_detail", args=[e.pk]),
            "§§ 25–32",
        )
        for e in entweichungen.only("pk", "art", "festgestellt_am", "auftrag_nummer")
    ]
    return ereignisse


def registrieren() -> None:
    """Called once by the AppConfig's ready(): everything this app adds to others, in one place."""
    erweiterungen.startkarte(startkarten)
    erweiterungen.nicht_verbuesste_zeiten(nicht_verbuesst)
    erweiterungen.fallblock("zwangsmassnahmen/_fall_block.html", fallblock)
    erweiterungen.zeitleiste(zeitleiste)
    erweiterungen.demo(demo_anlegen)
    # R-0-FRIST-4: the 48-hour deadlines of § 25 Abs. 2 in the Fristenkontrolle.
    erweiterungen.fristquelle(FRIST_TYP, "Sicherheitshaft: Verlängerungsantrag (§ 25 Abs. 2)")(antragsfristen)
    erweiterungen.aufgabenarten(
        ZwangsmassnahmenAufgabenart,
        regeln={
            ZwangsmassnahmenAufgabenart.SICHERHEITSHAFT_ANTRAG: "R-25-2",
            ZwangsmassnahmenAufgabenart.FESTNAHME: "R-32-1",
        },
    )
    # R-0-AUDIT-2: the auditor's change log filters these rows by person.
    erweiterungen.personenpfad("zwangsmassnahmen.sicherheitshaft", "fall__person")
    erweiterungen.personenpfad("zwangsmassnahmen.hafterinnerung", "haft__fall__person")
    erweiterungen.personenpfad("zwangsmassnahmen.voruebergehendeversetzung", "fall__person")
    erweiterungen.personenpfad("zwangsmassnahmen.kontrolle", "fall__person")
    erweiterungen.personenpfad("zwangsmassnahmen.entweichung", "fall__person")
