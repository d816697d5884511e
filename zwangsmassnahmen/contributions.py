"""Contributions to shared pages (`kern.erweiterungen`), registered by `registrieren()` below:
start-page cards (R-25-2 escalation, body searches to order, open escapes), the block on the case page,
the deadline source of § 25 Abs. 2 for the Fristenkontrolle, and the demo data of `make run`."""

from datetime import timedelta

from django.db.models import BooleanField, Case, Count, Q, Value, When
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


def _offen(bedingung: Q) -> Case:
    return Case(When(bedingung, then=Value(True)), default=Value(False), output_field=BooleanField())


def _zeit(wert) -> str:
    return f"{timezone.localtime(wert, TZ):%d.%m.%Y %H:%M}"


def _kurz(anstalt) -> str:
    return (anstalt.kurzname or anstalt.name) if anstalt else ""


def personenblock(person, user) -> dict | None:
    """The person page (issue 17): Sicherheitshaft (§ 25), temporary transfers (§ 26), controls (§ 28)
    and escapes (§ 32) of all the person's cases the user may see — four queries, each at most
    DOSSIER_ZEILEN + 1 rows, current ones first (a detention not yet ended, a transfer whose placement
    is open, a body search to order or carry out, an absence without return)."""
    grenze = erweiterungen.DOSSIER_ZEILEN
    haften = list(
        haften_fuer_user(user)
        .filter(fall__person=person)
        .select_related("anstalt")
        .annotate(offen=_offen(~Q(status=Haftstatus.BEENDET)))
        .order_by("-offen", "-angeordnet_am", "-pk")[: grenze + 1]
    )
    versetzungen = list(
        versetzungen_fuer_user(user)
        .filter(fall__person=person)
        .select_related("platzierung__anstalt")
        .annotate(offen=_offen(Q(platzierung__bis__isnull=True)))
        .order_by("-offen", "-angeordnet_am", "-pk")[: grenze + 1]
    )
    kontrollen = list(
        kontrollen_fuer_user(user)
        .filter(fall__person=person)
        .select_related("anstalt")
        .annotate(offen=_offen(Q(status__in=[Kontrollstatus.BEANTRAGT, Kontrollstatus.ANGEORDNET])))
        .order_by("-offen", "-erfasst_am", "-pk")[: grenze + 1]
    )
    entweichungen = list(
        entweichungen_fuer_user(user)
        .filter(fall__person=person)
        .select_related("anstalt")
        .annotate(offen=_offen(Q(zugefuehrt_am__isnull=True)))
        .order_by("-offen", "-festgestellt_am", "-pk")[: grenze + 1]
    )
    jetzt = timezone.now()
    zeilen = []
    for h in haften[:grenze]:
        frist = ""
        if h.antrag_offen and h.frist_ende:
            frist = f"Verlängerungsantrag bis {_zeit(h.frist_ende)} (§ 25 Abs. 2 JVG)"
        elif h.beendet_am:
            frist = f"beendet am {_zeit(h.beendet_am)}"
        zeilen.append(
            erweiterungen.Dossierzeile(
                text=f"Sicherheitshaft {h.nummer}",
                url=reverse("zwangsmassnahmen:haft_detail", args=[h.pk]),
                stand=f"{h.get_status_display()} (§ 25 JVG)",
                zeitpunkt=h.angeordnet_am,
                offen=h.offen,
                frist=frist,
                warnung="überfällig" if domain.ist_ueberfaellig(h, jetzt) else "",
                einrichtung=_kurz(h.anstalt),
            )
        )
    for v in versetzungen[:grenze]:
        platz = v.platzierung
        if v.offen:
            frist = f"voraussichtlich bis {v.voraussichtlich_bis:%d.%m.%Y}" if v.voraussichtlich_bis else ""
        else:
            frist = f"beendet am {_zeit(platz.bis)}" if platz.bis else ""
        zeilen.append(
            erweiterungen.Dossierzeile(
                text=f"Vorübergehende Versetzung ({v.get_gefaehrdung_display()})",
                url=reverse("zwangsmassnahmen:versetzung_detail", args=[v.pk]),
                stand="in der Einrichtung (§ 26 JVG)" if v.offen else "beendet (§ 26 JVG)",
                zeitpunkt=platz.von,
                offen=v.offen,
                frist=frist,
                einrichtung=_kurz(platz.anstalt),
            )
        )
    for k in kontrollen[:grenze]:
        zeilen.append(
            erweiterungen.Dossierzeile(
                text=k.get_art_display(),
                url=reverse("zwangsmassnahmen:kontrolle_detail", args=[k.pk]),
                stand=k.get_ergebnis_display() if k.ergebnis else k.get_status_display(),
                zeitpunkt=k.zeitpunkt or k.beantragt_am or k.erfasst_am,
                offen=k.offen,
                einrichtung=_kurz(k.anstalt),
            )
        )
    for e in entweichungen[:grenze]:
        zeilen.append(
            erweiterungen.Dossierzeile(
                text=f"{e.get_art_display()}, Auftrag {e.auftrag_nummer}",
                url=reverse("zwangsmassnahmen:entweichung_detail", args=[e.pk]),
                stand="abwesend, Festnahme offen (§ 32 JVG)" if e.offen else "zugeführt (§ 32 JVG)",
                zeitpunkt=e.festgestellt_am,
                offen=e.offen,
                frist="" if e.offen else f"zugeführt am {_zeit(e.zugefuehrt_am)}",
                einrichtung=_kurz(e.anstalt),
            )
        )
    return erweiterungen.dossierblock(
        "Zwangsmassnahmen (§§ 25, 26, 28, 32 JVG)",
        "zwangsmassnahmen-dossier",
        zeilen,
        mehr=any(len(x) > grenze for x in (haften, versetzungen, kontrollen, entweichungen)),
        links=[("alle Sicherheitshaften", f"{reverse('zwangsmassnahmen:haft_liste')}?person={person.pk}")],
    )


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
    erweiterungen.personenblock("kern/_dossierblock.html", personenblock)
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
