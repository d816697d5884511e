"""What Inkasso adds to other pages: the start card, the person and case blocks, the deadline source,
change-log paths and the demo data (through the domain functions)."""

from datetime import date

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from inkasso.domain import mahnwesen, umwandlung, widerruf
from inkasso.models import (
    ERLEDIGT,
    Betreibung,
    Entscheidart,
    Forderungsart,
    Klaerungsposten,
    Mahnung,
    Umwandlung,
    Zahlung,
    Zahlungsentscheid,
)
from inkasso.permissions import darf_inkasso_lesen
from inkasso.queries import forderungen_fuer_user
from inkasso.recht import InkassoAufgabenart
from kern import erweiterungen
from kern.erweiterungen import FristEintrag, Karte
from kern.fristen import tagesende
from kern.geld import chf
from verfuegungen.recht import Verfuegungstyp


def startkarten(user) -> list[Karte]:
    if not darf_inkasso_lesen(user):
        return []
    heute = timezone.localdate()
    ueberfaellig = (
        forderungen_fuer_user(user)
        .exclude(status__in=ERLEDIGT)
        .filter(offen__gt=0, zahlungsfrist__lt=heute)
        .count()
    )
    klaerung = Klaerungsposten.objects.filter(erledigt_am__isnull=True).count()
    vollstreckbar = Umwandlung.objects.filter(fall__isnull=True).count()
    betreibung = mahnwesen.betreibung_faellige(heute).count()
    karten = []
    if betreibung:
        karten.append(
            Karte(
                betreibung,
                "Inkasso: Betreibungsbegehren fällig (Art. 35 Abs. 3 StGB)",
                reverse("inkasso:liste") + "?filter=betreibung",
                True,
            )
        )
    if ueberfaellig:
        karten.append(
            Karte(
                ueberfaellig,
                "Inkasso: Zahlungsfrist abgelaufen (Art. 35 StGB)",
                reverse("inkasso:liste") + "?filter=ueberfaellig",
                True,
            )
        )
    if klaerung:
        karten.append(Karte(klaerung, "Inkasso: Zahlungen zur Klärung", reverse("inkasso:klaerung")))
    if vollstreckbar:
        karten.append(
            Karte(
                vollstreckbar,
                "Inkasso: Umwandlungen ohne Vollzugsfall (Art. 36 StGB)",
                reverse("inkasso:liste") + "?filter=umwandlung",
            )
        )
    return karten


def personenblock(person, user) -> dict | None:
    if not darf_inkasso_lesen(user):
        return None
    forderungen = list(forderungen_fuer_user(user).filter(person=person).order_by("-pk")[:50])
    if not forderungen:
        return None
    return {"forderungen": forderungen}


def fallblock(fall, user) -> dict | None:
    if not darf_inkasso_lesen(user):
        return None
    forderungen = list(forderungen_fuer_user(user).filter(fall=fall).order_by("-pk")[:50])
    return {"forderungen": forderungen} if forderungen else None


def zahlungsfristen(user, heute: date):
    """Open payment deadlines (R-0-FRIST-4 with Art. 35 Abs. 1 StGB); one query. Every open claim, no
    cap: the overview lists every open deadline (a cap of 500 hid the 501st claim's deadline)."""
    for f in (
        forderungen_fuer_user(user).exclude(status__in=ERLEDIGT).filter(offen__gt=0).order_by("zahlungsfrist")
    ):
        yield FristEintrag(
            typ="inkasso_zahlungsfrist",
            # The amount from the model's exact Decimal fields (the computed `offen` is a float on SQLite).
            titel=f"Zahlungsfrist {f.nummer} ({f.get_art_display()}, offen {chf(f.saldo)})",
            faellig=tagesende(f.zahlungsfrist),
            url=reverse("inkasso:detail", args=[f.pk]),
            person_id=f.person_id,
            person_name=f"{f.person.amtlicher_name} {f.person.vorname}",
            regel="R-STGB-35-1",
        )


# --- Timeline of the dossier -------------------------------------------------------------------------

BEREICH = "Inkasso"
LIT_D = "§ 2 Abs. 1 lit. d JVG"


def _ereignis(text, *, forderung: int = 0):
    """An event builder for `Zeilen` whose first value is the claim's number and whose value at
    `forderung` is the claim's key (0: the row is the claim)."""

    def ereignis(z: erweiterungen.Zeile) -> erweiterungen.Ereignis:
        pk = z.zahl(forderung) if forderung else z.pk
        url = reverse("inkasso:detail", args=[pk])
        return erweiterungen.Ereignis(z.zeitpunkt, f"Forderung {z.werte[0]}{text(z)}", url, BEREICH)

    return ereignis


def _erfasst(z) -> str:
    art = Forderungsart(z.werte[1]).label
    return f" erfasst: {art}, {chf(z.betrag(2))}, zahlbar bis {z.datum(3):%d.%m.%Y} ({LIT_D})"


def _zahlungsentscheid(z) -> str:
    art = Entscheidart(z.werte[1]).label
    frist = f", Frist bis {z.datum(2):%d.%m.%Y}" if z.werte[2] else ""
    grundlage = "" if "Art." in art else f" ({LIT_D})"
    return f": {art}{frist}{grundlage}"


def _mahnung(z) -> str:
    return f": {z.zahl(1)}. Mahnung über {chf(z.betrag(2))}, Frist bis {z.datum(3):%d.%m.%Y} ({LIT_D})"


def zeitleiste(person, user, fall=None) -> list[erweiterungen.Zeilen]:
    """Timeline (§ 2 Abs. 1 lit. d JVG, Art. 35, 36 StGB): claims recorded, decisions on the payment terms,
    reminders, payments, debt enforcement and conversion. For the Inkasso desk and revision only, as the
    Inkasso pages (`forderungen_fuer_user`; nothing for anybody else); rows read with the other sources'
    (`Zeilen`: no query of its own). With `fall`: the claims of that case and those whose conversion
    opened it."""
    if not darf_inkasso_lesen(user):
        return []
    forderungen = forderungen_fuer_user(user).filter(person=person)
    if fall is not None:
        forderungen = forderungen.filter(Q(fall=fall) | Q(umwandlung__fall=fall))
    der_forderungen = {"forderung__in": forderungen.values("pk")}
    nummer = "forderung__nummer"
    Z = erweiterungen.Zeilen
    return [
        Z(forderungen, "erfasst_am", _ereignis(_erfasst), ("nummer", "art", "betrag", "zahlungsfrist")),
        Z(
            Zahlungsentscheid.objects.filter(**der_forderungen),
            "entschieden_am",
            _ereignis(_zahlungsentscheid, forderung=3),
            (nummer, "art", "frist_bis", "forderung_id"),
        ),
        Z(
            Mahnung.objects.filter(**der_forderungen),
            "am",
            _ereignis(_mahnung, forderung=4),
            (nummer, "stufe", "saldo", "frist_bis", "forderung_id"),
            tag=True,
        ),
        Z(
            Zahlung.objects.filter(**der_forderungen),
            "valuta",
            _ereignis(lambda z: f": Zahlung von {chf(z.betrag(1))} eingegangen ({LIT_D})", forderung=2),
            (nummer, "betrag", "forderung_id"),
            tag=True,
        ),
        Z(
            Betreibung.objects.filter(**der_forderungen),
            "gestellt_am",
            _ereignis(
                lambda z: f": Betreibung über {chf(z.betrag(1))} eingeleitet (Art. 35 Abs. 3 StGB)",
                forderung=2,
            ),
            (nummer, "betrag", "forderung_id"),
            tag=True,
        ),
        Z(
            Umwandlung.objects.filter(**der_forderungen),
            "erfasst_am",
            _ereignis(
                lambda z: f": Umwandlung in {z.zahl(1)} Tage Ersatzfreiheitsstrafe (Art. 36 StGB)",
                forderung=2,
            ),
            (nummer, "tage", "forderung_id"),
        ),
    ]


def registrieren() -> None:
    erweiterungen.startkarte(startkarten)
    erweiterungen.personenblock("inkasso/_person.html", personenblock)
    erweiterungen.fallblock("inkasso/_person.html", fallblock)
    # The dossier's timeline (issue 17): claims, payment terms, reminders, payments, conversion.
    erweiterungen.zeitleiste(zeitleiste)
    erweiterungen.aufgabenarten(
        InkassoAufgabenart, regeln={InkassoAufgabenart.VOLLZUGSFALL_EROEFFNEN: "R-STGB-36-1"}
    )
    # Eröffnung of the conversion (Art. 36) and of the revocation of gemeinnützige Arbeit (Art. 79a):
    # both are federal-law Verfügungen; each consequence acts only on its own record.
    erweiterungen.eroeffnung(
        Verfuegungstyp.BUNDESRECHT, pruefen=umwandlung.vor_eroeffnung, danach=umwandlung.nach_eroeffnung
    )
    erweiterungen.eroeffnung(
        Verfuegungstyp.BUNDESRECHT, pruefen=widerruf.vor_eroeffnung, danach=widerruf.nach_eroeffnung
    )
    # Issue 23: a lifted conversion (Art. 36 StGB) or revocation of gemeinnützige Arbeit (Art. 79a StGB), or
    # an upheld appeal against one, ends what it ordered (each function ignores other modules' decisions).
    erweiterungen.nach_aufhebung(Verfuegungstyp.BUNDESRECHT, umwandlung.nach_aufhebung)
    erweiterungen.nach_aufhebung(Verfuegungstyp.BUNDESRECHT, widerruf.nach_aufhebung)
    erweiterungen.fristquelle("inkasso_zahlungsfrist", "Inkasso: Zahlungsfristen")(zahlungsfristen)
    # § 23 subject access and the auditors' change log: every model that holds the person's data.
    pfade = {
        "forderung": "person",
        "zahlung": "forderung__person",
        "zahlungsentscheid": "forderung__person",
        "rate": "forderung__person",
        "mahnung": "forderung__person",
        "betreibung": "forderung__person",
        "umwandlung": "forderung__person",
        "gemeinnuetzigearbeit": "forderung__person",
        "arbeitseinsatz": "arbeit__forderung__person",
    }
    for modell, pfad in pfade.items():
        erweiterungen.personenpfad(f"inkasso.{modell}", pfad)
    from inkasso import demo

    erweiterungen.demo(demo.demo_anlegen)
