"""What the Vollzugsdaten add to other modules (kern.erweiterungen): the block on the case page, the
deadlines of the Fristenkontrolle, the facility's report task, the start-page card, the Eröffnung rules
of the conditional-release Verfügung, the auditors' change-log paths and the demo data."""

from datetime import date, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from kern import erweiterungen
from kern.erweiterungen import FristEintrag, Karte
from kern.fristen import tagesende
from kern.rollen import Rolle, hat_rolle
from verfuegungen.recht import Verfuegungstyp
from vollzug.queries import faelle_fuer_user
from vollzug.recht import Fallstatus
from vollzugsdaten import domain
from vollzugsdaten.models import Berechnung, Gerichtsantrag, Massnahmenpruefung
from vollzugsdaten.queries import massnahmen_fuer_user, pruefungen_fuer_user, sieht_vollzugsdaten
from vollzugsdaten.recht import (
    AUFGABEN_REGELN,
    Antragsart,
    Antwort,
    Ergebnis,
    Massnahmenartikel,
    Pruefungsart,
    Pruefungsstatus,
    VollzugsdatenAufgabenart,
)

FRIST_PRUEFUNG = "bedingte_entlassung_86"
FRIST_MASSNAHME = "massnahme_59_64"
_FRISTEN_ROLLEN = (Rolle.SACHBEARBEITUNG, Rolle.REVISION)


def _person(fall) -> dict:
    p = fall.person
    return {"person_id": p.pk, "person_name": f"{p.amtlicher_name} {p.vorname}"}


def pruefungsfristen(user, heute: date):
    """R-STGB-86-2 / R-STGB-86-3: every open examination of conditional release (one query)."""
    if not hat_rolle(user, *_FRISTEN_ROLLEN):
        return []
    offen = (
        pruefungen_fuer_user(user)
        .exclude(status=Pruefungsstatus.ENTSCHIEDEN)
        # Paused while execution is interrupted (§ 14, § 51): the dates move when it continues.
        .exclude(fall__status=Fallstatus.UNTERBROCHEN)
        .select_related("fall__person")
        .order_by("faellig_am", "pk")
    )
    return [
        FristEintrag(
            typ=FRIST_PRUEFUNG,
            titel=f"Bedingte Entlassung prüfen: Fall {p.fall.fallnummer} "
            + (
                "(erneut, Art. 86 Abs. 3 StGB)"
                if p.nach_verweigerung
                else "(von Amtes wegen, Art. 86 Abs. 2 StGB)"
            ),
            faellig=tagesende(p.faellig_am),
            url=reverse("vollzugsdaten:pruefung", args=[p.pk]),
            regel="R-STGB-86-3" if p.nach_verweigerung else "R-STGB-86-2",
            **_person(p.fall),
        )
        for p in offen
    ]


def massnahmenfristen(user, heute: date):
    """R-STGB-62D-1, R-STGB-64B-1, R-STGB-MAX-1, R-4-1: each running measure's deadlines (one query)."""
    if not hat_rolle(user, *_FRISTEN_ROLLEN):
        return []
    eintraege = []
    for m in massnahmen_fuer_user(user).filter(beendet_am__isnull=True).select_related("fall__person"):
        for t in domain.termine(m):
            eintraege.append(
                FristEintrag(
                    typ=FRIST_MASSNAHME,
                    titel=f"{t.text}: Fall {m.fall.fallnummer}",
                    faellig=tagesende(t.datum),
                    url=reverse("vollzugsdaten:fall", args=[m.fall_id]) + f"#massnahme-{m.pk}-{t.art}",
                    regel=t.regel,
                    **_person(m.fall),
                )
            )
    return eintraege


def fallblock(fall, user) -> dict | None:
    """The case page shows the current dates (R-VD-1)."""
    if not hat_rolle(
        user, Rolle.SACHBEARBEITUNG, Rolle.REVISION, Rolle.ANSTALTSLEITUNG, Rolle.ANSTALTSPERSONAL
    ):
        return None
    # Read-only on the case core's page (its query budget is constant, and a GET there writes nothing):
    # the stored version, or the dates of changed inputs computed now; the Vollzugsdaten page, the API
    # and the nightly job store the new version (R-VD-1).
    aktuell = domain.stand(fall)
    return {
        "berechnung": (aktuell.neu or aktuell.gespeichert) if aktuell else None,
        "ungespeichert": bool(aktuell and aktuell.neu),
        "pruefung": fall.entlassungspruefungen.exclude(status=Pruefungsstatus.ENTSCHIEDEN).first(),
        "url": reverse("vollzugsdaten:fall", args=[fall.pk]),
    }


def startkarten(user) -> list[Karte]:
    """One query: examinations of conditional release due within 30 days or overdue."""
    if not hat_rolle(user, Rolle.SACHBEARBEITUNG):
        return []
    heute = timezone.localdate()
    zahlen = (
        pruefungen_fuer_user(user)
        .exclude(status=Pruefungsstatus.ENTSCHIEDEN)
        .aggregate(
            ueberfaellig=_count(Q(faellig_am__lt=heute)),
            bald=_count(Q(faellig_am__gte=heute, faellig_am__lte=heute + timedelta(days=30))),
        )
    )
    url = reverse("fristenkontrolle:uebersicht") + f"?typ={FRIST_PRUEFUNG}"
    karten = []
    if zahlen["ueberfaellig"]:
        karten.append(
            Karte(
                zahlen["ueberfaellig"],
                "Bedingte Entlassung: Prüfung überfällig (Art. 86 StGB)",
                url,
                warnung=True,
            )
        )
    if zahlen["bald"]:
        karten.append(
            Karte(zahlen["bald"], "Bedingte Entlassung: Prüfung in den nächsten 30 Tagen (Art. 86 StGB)", url)
        )
    return karten


def _count(bedingung):
    from django.db.models import Count

    return Count("pk", filter=bedingung)


# --- Timeline of the dossier -------------------------------------------------------------------------

BEREICH = "Vollzugsdaten"


def _ereignis(url, text):
    def ereignis(z: erweiterungen.Zeile) -> erweiterungen.Ereignis:
        return erweiterungen.Ereignis(z.zeitpunkt, text(z), url(z), BEREICH)

    return ereignis


def _pruefung(text):
    return _ereignis(lambda z: reverse("vollzugsdaten:pruefung", args=[z.pk]), text)


def _massnahme(text):
    """Rows of a measure or of its review / application: values (case, measure, …)."""
    return _ereignis(
        lambda z: reverse("vollzugsdaten:fall", args=[z.zahl(0)]) + f"#massnahme-{z.zahl(1)}", text
    )


def _berechnung(z) -> str:
    ende = f", Strafende {z.datum(2):%d.%m.%Y}" if z.werte[2] else ""
    # What changed: one line per change on the Vollzugsdaten page, one sentence after another here.
    aenderungen = " ".join(z.werte[3].split())
    text = f"Strafzeitberechnung Version {z.zahl(1)}{ende} (Art. 51, 86 StGB)"
    return f"{text}: {aenderungen}" if aenderungen else text


def zeitleiste(person, user, fall=None) -> list[erweiterungen.Zeilen]:
    """Timeline: each version of the Strafzeitberechnung with what changed (Art. 51, 86 StGB, R-VD-1), the
    examination of conditional release (Art. 86, 87 StGB) and the measures with their reviews and court
    applications (Art. 59–64b StGB, § 4 JVG). For the roles that read the Vollzugsdaten, within the cases
    they see (as the pages; nothing for the others). Rows read with the other sources' (`Zeilen`: no
    query of its own)."""
    if not sieht_vollzugsdaten(user):
        return []
    faelle = faelle_fuer_user(user).filter(person=person)
    if fall is not None:
        faelle = faelle.filter(pk=fall.pk)
    pruefungen = pruefungen_fuer_user(user).filter(fall__in=faelle)
    massnahmen = massnahmen_fuer_user(user).filter(fall__in=faelle)
    der_massnahmen = {"massnahme__in": massnahmen.values("pk")}
    m = ("fall_id", "pk")
    unter = ("massnahme__fall_id", "massnahme_id", "art")
    Z = erweiterungen.Zeilen
    return [
        Z(
            Berechnung.objects.filter(fall__in=faelle),
            "berechnet_am",
            _ereignis(lambda z: reverse("vollzugsdaten:fall", args=[z.zahl(0)]) + "#versionen", _berechnung),
            ("fall_id", "version", "ende", "aenderungen"),
        ),
        *(
            Z(
                pruefungen.filter(nach_verweigerung=erneut),
                "erstellt_am",
                _pruefung(
                    lambda z, art=art: (
                        f"Prüfung der bedingten Entlassung eröffnet, fällig am {z.datum(0):%d.%m.%Y} ({art})"
                    )
                ),
                ("faellig_am",),
            )
            for erneut, art in (
                (False, "Art. 86 Abs. 2 StGB"),
                (True, "erneute Prüfung, Art. 86 Abs. 3 StGB"),
            )
        ),
        Z(
            pruefungen.filter(bericht_am__isnull=False),
            "bericht_am",
            _pruefung(
                lambda z: "Bericht der Einrichtung zur bedingten Entlassung erhalten (Art. 86 Abs. 2 StGB)"
            ),
        ),
        Z(
            pruefungen.filter(anhoerung_am__isnull=False),
            "anhoerung_am",
            _pruefung(lambda z: "Anhörung zur bedingten Entlassung (Art. 86 Abs. 2 StGB)"),
        ),
        Z(
            pruefungen.filter(entschieden_am__isnull=False).exclude(ergebnis=""),
            "entschieden_am",
            _pruefung(lambda z: f"{Ergebnis(z.werte[0]).label} (Art. 86 StGB)"),
            ("ergebnis",),
            tag=True,
        ),
        Z(
            pruefungen.filter(entlassen_am__isnull=False),
            "entlassen_am",
            _pruefung(lambda z: "Bedingt entlassen (Art. 86, 87 StGB)"),
        ),
        Z(
            massnahmen,
            "beginn",
            _massnahme(lambda z: f"Massnahme begonnen: {Massnahmenartikel(z.werte[2]).label}"),
            (*m, "artikel"),
            tag=True,
        ),
        Z(
            massnahmen.filter(beendet_am__isnull=False),
            "beendet_am",
            _massnahme(lambda z: f"Massnahme beendet: {Massnahmenartikel(z.werte[2]).label}"),
            (*m, "artikel"),
            tag=True,
        ),
        Z(
            Massnahmenpruefung.objects.filter(**der_massnahmen),
            "am",
            _massnahme(lambda z: f"Massnahme überprüft: {Pruefungsart(z.werte[2]).label}"),
            unter,
            tag=True,
        ),
        Z(
            Gerichtsantrag.objects.filter(**der_massnahmen, eingereicht_am__isnull=False),
            "eingereicht_am",
            _massnahme(lambda z: f"Antrag ans Gericht gestellt: {Antragsart(z.werte[2]).label} (§ 4 JVG)"),
            unter,
            tag=True,
        ),
        Z(
            Gerichtsantrag.objects.filter(**der_massnahmen, antwort_am__isnull=False).exclude(antwort=""),
            "antwort_am",
            _massnahme(
                lambda z: f"Entscheid des Gerichts über den Antrag: {Antwort(z.werte[3]).label} (§ 4 JVG)"
            ),
            (*unter, "antwort"),
            tag=True,
        ),
    ]


def registrieren() -> None:
    """Called once by the AppConfig's ready(): everything this app adds to others, in one place."""
    from vollzugsdaten import demo

    erweiterungen.fallblock("vollzugsdaten/_fall_block.html", fallblock)
    # The dossier's timeline (issue 17): calculations, conditional release, measures.
    erweiterungen.zeitleiste(zeitleiste)
    erweiterungen.fristquelle(FRIST_PRUEFUNG, "Bedingte Entlassung (Art. 86 StGB)")(pruefungsfristen)
    erweiterungen.fristquelle(FRIST_MASSNAHME, "Massnahmen: Prüfung und Höchstdauer (Art. 59–64b StGB)")(
        massnahmenfristen
    )
    erweiterungen.aufgabenarten(VollzugsdatenAufgabenart, regeln=AUFGABEN_REGELN)
    erweiterungen.startkarte(startkarten)
    erweiterungen.eroeffnung(
        Verfuegungstyp.BUNDESRECHT, pruefen=domain.vor_eroeffnung, danach=domain.nach_eroeffnung
    )
    # Issue 23: a lifted decision on conditional release (or an upheld appeal) ends it; the examination is
    # due anew. The measures' examinations and applications to the court (Art. 59–64b StGB, § 4 JVG) are no
    # Verfügungen of the lifecycle (the court decides): nothing to register for them.
    erweiterungen.nach_aufhebung(Verfuegungstyp.BUNDESRECHT, domain.nach_aufhebung)
    for modell, pfad in (
        ("vollzugsdaten.strafzeitangaben", "fall__person"),
        ("vollzugsdaten.berechnung", "fall__person"),
        ("vollzugsdaten.entlassungspruefung", "fall__person"),
        ("vollzugsdaten.massnahme", "fall__person"),
        ("vollzugsdaten.massnahmenpruefung", "massnahme__fall__person"),
        ("vollzugsdaten.gerichtsantrag", "massnahme__fall__person"),
    ):
        erweiterungen.personenpfad(modell, pfad)
    erweiterungen.demo(demo.demo_anlegen)
