"""Every write of the cost module goes through one function here (STYLE §2): keyword-only, atomic,
checks permission and the rule (with the § in the message), saves with history (`audit.speichern`).

Rules: R-46-1 (Vollzugskosten: canton unless third parties), R-47-1/R-47-2 (personal expenses; routing
of subsidiary items by Unterstützungswohnsitz), R-48-1 (Kostenbeteiligung by Verfügung), R-49-1/R-50-1
(recharges recorded), R-KOST-1 (Decimal, payer, category, source document, daily rates per facility
with validity periods). Statements are in `kosten/abrechnung.py`, accrual in `kosten/abgrenzung.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from kern.audit import speichern
from kern.dateien import datei_sha256
from kern.models import Aufgabe
from kern.rollen import Rolle, berechtigung_pruefen, hat_rolle
from kosten.enums import (
    AUSLAGEN_47,
    VOLLZUGSKOSTEN_46,
    Beteiligungsgrundlage,
    Kanton,
    KostenAufgabenart,
    Kostenkategorie,
    Zahler,
)
from kosten.geld import chf, geld
from kosten.models import (
    Elternbeitrag,
    Kostenbeteiligung,
    Kostenposition,
    Kostgeld,
    Sozialdienst,
    Unterstuetzungswohnsitz,
)
from verfuegungen.domain import Entwurfsdaten, verfuegung_entwerfen
from verfuegungen.recht import Verfuegungsstatus, Verfuegungstyp
from vollzug.models import Anstalt, Person, Vollzugsfall
from vollzug.recht import Vollzugsform

K = Kostenkategorie


def _fehler(feld: str, meldung: str, code: str) -> ValidationError:
    return ValidationError({feld: ValidationError(meldung, code=code)})


def _datum(wert, feld: str) -> date:
    if not isinstance(wert, date) or isinstance(wert, datetime):
        raise _fehler(feld, "Ungültiges Datum: erwartet TT.MM.JJJJ.", "datum")
    return wert


def _text(wert, feld: str, regel: str, was: str) -> str:
    if not isinstance(wert, str) or not wert.strip():
        raise _fehler(feld, f"{regel}: {was} angeben.", "leer")
    return wert.strip()


# --- Who may (R-0-ROLE-1): the authority decides costs; revision reads ---------------------------


def darf_kosten_bearbeiten(user) -> bool:
    # Roles table: sachbearbeitung "decides … costs".
    return hat_rolle(user, Rolle.SACHBEARBEITUNG)


def darf_kosten_lesen(user) -> bool:
    return hat_rolle(user, Rolle.SACHBEARBEITUNG, Rolle.REVISION)


def sozialdienst_von(user) -> Sozialdienst | None:
    """The Sozialdienst a partner-agency user acts for (Sozialamt, § 21 Abs. 3), or None."""
    if not hat_rolle(user, Rolle.PARTNERBEHOERDE):
        return None
    zugang = getattr(user, "sozialdienstzugang", None)
    return zugang.sozialdienst if zugang is not None and zugang.sozialdienst.aktiv else None


# --- Daily rates (R-KOST-1, § 46 Abs. 2 lit. a) ---------------------------------------------------


def _ueberlappt(a_von: date, a_bis: date | None, b_von: date, b_bis: date | None) -> bool:
    return a_von <= (b_bis or date.max) and b_von <= (a_bis or date.max)


@transaction.atomic
def kostgeld_erfassen(
    *,
    anstalt: Anstalt,
    vollzugsform: str,
    gueltig_ab: date,
    betrag: Decimal,
    durch,
    gueltig_bis: date | None = None,
    bemerkung: str = "",
) -> Kostgeld:
    """Record the daily rate of a facility for a Vollzugsform from `gueltig_ab` (R-KOST-1).

    Steps: permission; amount (Decimal, Rappen, > 0); dates; lock the facility row (serialises two
    entries for the same facility); an open-ended rate that began earlier is closed the day before
    (a new rate on 1 January applies from that day; the closing is in its history); any other overlap
    is refused; save with history.
    """
    berechtigung_pruefen(darf_kosten_bearbeiten(durch), "Kostgeld erfassen")
    betrag = geld(betrag, "betrag")
    if vollzugsform not in Vollzugsform.values:
        raise _fehler("vollzugsform", "Unbekannte Vollzugsform.", "vollzugsform")
    gueltig_ab = _datum(gueltig_ab, "gueltig_ab")
    if gueltig_bis is not None:
        gueltig_bis = _datum(gueltig_bis, "gueltig_bis")
        if gueltig_bis < gueltig_ab:
            raise _fehler("gueltig_bis", "R-KOST-1: «gültig bis» liegt vor «gültig ab».", "periode")
    Anstalt.objects.select_for_update().get(pk=anstalt.pk)
    bestehend = list(
        Kostgeld.objects.filter(anstalt=anstalt, vollzugsform=vollzugsform).order_by("gueltig_ab")
    )
    abzuloesen = None
    for k in bestehend:
        if not _ueberlappt(k.gueltig_ab, k.gueltig_bis, gueltig_ab, gueltig_bis):
            continue
        if k.gueltig_bis is None and k.gueltig_ab < gueltig_ab and abzuloesen is None:
            abzuloesen = k  # the running rate ends the day before the new one
            continue
        bis = f"{k.gueltig_bis:%d.%m.%Y}" if k.gueltig_bis else "offen"
        raise _fehler(
            "gueltig_ab",
            f"R-KOST-1: Der Tagesansatz überschneidet sich mit dem bestehenden vom {k.gueltig_ab:%d.%m.%Y} bis "
            f"{bis} ({chf(k.betrag)}); Gültigkeitsperioden einer Einrichtung und Vollzugsform dürfen sich nicht "
            "überschneiden.",
            "ueberschneidung",
        )
    if abzuloesen is not None:
        # The new rate must not reach into a later closed rate either (checked above by the loop).
        abzuloesen.gueltig_bis = gueltig_ab - timedelta(days=1)
        speichern(abzuloesen, durch=durch, grund=f"Abgelöst durch Tagesansatz ab {gueltig_ab:%d.%m.%Y}")
    return speichern(
        Kostgeld(
            anstalt=anstalt,
            vollzugsform=vollzugsform,
            gueltig_ab=gueltig_ab,
            gueltig_bis=gueltig_bis,
            betrag=betrag,
            bemerkung=(bemerkung or "").strip(),
            erfasst_durch=durch,
            erfasst_am=timezone.now(),
        ),
        durch=durch,
        grund="Tagesansatz erfasst (§ 46 Abs. 2 lit. a JVG)",
    )


# --- Unterstützungswohnsitz and routing (R-47-2) -------------------------------------------------


@transaction.atomic
def unterstuetzungswohnsitz_erfassen(
    *,
    person: Person,
    kanton: str,
    gueltig_ab: date,
    durch,
    gemeinde: str = "",
    sozialdienst: Sozialdienst | None = None,
) -> Unterstuetzungswohnsitz:
    """Record the person's Unterstützungswohnsitz from `gueltig_ab` (§ 47 Abs. 2, R-47-2): in Lucerne
    with the municipality's Sozialdienst (its municipality is taken from there), elsewhere without."""
    berechtigung_pruefen(darf_kosten_bearbeiten(durch), "Unterstützungswohnsitz erfassen")
    if kanton not in Kanton.values:
        raise _fehler("kanton", "Unbekannter Kanton.", "kanton")
    gueltig_ab = _datum(gueltig_ab, "gueltig_ab")
    if kanton == Kanton.LU:
        if sozialdienst is None or not sozialdienst.aktiv:
            raise _fehler(
                "sozialdienst",
                "§ 47 Abs. 2 lit. a JVG (R-47-2): Bei Unterstützungswohnsitz im Kanton Luzern das zuständige "
                "Organ der wirtschaftlichen Sozialhilfe (Sozialdienst der Gemeinde) angeben.",
                "sozialdienst_fehlt",
            )
        gemeinde = sozialdienst.gemeinde
    elif sozialdienst is not None:
        raise _fehler(
            "sozialdienst",
            "§ 47 Abs. 2 lit. b JVG (R-47-2): Ein Sozialdienst wird nur bei Unterstützungswohnsitz im Kanton "
            "Luzern erfasst; in den übrigen Fällen entscheidet der Kanton.",
            "sozialdienst_ausserkantonal",
        )
    if Unterstuetzungswohnsitz.objects.filter(person=person, gueltig_ab=gueltig_ab).exists():
        raise _fehler(
            "gueltig_ab", "Für diesen Tag ist bereits ein Unterstützungswohnsitz erfasst.", "doppelt"
        )
    return speichern(
        Unterstuetzungswohnsitz(
            person=person,
            kanton=kanton,
            gemeinde=(gemeinde or "").strip(),
            sozialdienst=sozialdienst,
            gueltig_ab=gueltig_ab,
            erfasst_durch=durch,
            erfasst_am=timezone.now(),
        ),
        durch=durch,
        grund="Unterstützungswohnsitz erfasst (§ 47 Abs. 2 JVG)",
    )


def wohnsitz_am(person: Person | int, tag: date) -> Unterstuetzungswohnsitz | None:
    person_id = getattr(person, "pk", person)
    return (
        Unterstuetzungswohnsitz.objects.filter(person_id=person_id, gueltig_ab__lte=tag)
        .select_related("sozialdienst")
        .order_by("-gueltig_ab")
        .first()
    )


@dataclass(frozen=True, slots=True)
class Zuweisung:
    zahler: str
    sozialdienst: Sozialdienst | None = None
    dritter: str = ""
    hinweis: str = ""  # why, for the history and the page


# Who may carry an item of each category when nothing is subsidiary (R-46-1, R-47-1, R-49-1, R-50-1).
ERLAUBTE_ZAHLER = {
    **{k: {Zahler.KANTON, Zahler.DRITTE, Zahler.BUND} for k in VOLLZUGSKOSTEN_46},
    **{k: {Zahler.PERSON, Zahler.DRITTE} for k in AUSLAGEN_47},
    K.FU_49: {Zahler.PERSON, Zahler.DRITTE, Zahler.KANTON},
    K.AUSLAENDERRECHT_50: {Zahler.KANTON, Zahler.PERSON, Zahler.BUND, Zahler.DRITTE},
}
STANDARDZAHLER = {
    **{k: Zahler.KANTON for k in VOLLZUGSKOSTEN_46},
    **{k: Zahler.PERSON for k in AUSLAGEN_47},
    K.FU_49: Zahler.PERSON,
    K.AUSLAENDERRECHT_50: Zahler.KANTON,
}
# Categories social assistance may carry subsidiarily: § 47 Abs. 2 (and § 57 EGZGB for FU costs).
SUBSIDIAER_MOEGLICH = AUSLAGEN_47 | {K.FU_49}


def zahler_bestimmen(
    *,
    person: Person,
    kategorie: str,
    datum: date,
    subsidiaer: bool = False,
    zahler: str = "",
    dritter: str = "",
) -> Zuweisung:
    """Route one item to its payer.

    R-47-2 (§ 47 Abs. 2): an item social assistance pays subsidiarily goes, for a person whose
    Unterstützungswohnsitz on the item's date is in the canton of Lucerne, to that municipality's
    Sozialdienst (lit. a), otherwise to the canton, which takes over unrecoverable costs (lit. b). No
    recorded Unterstützungswohnsitz → refused (the routing would be a guess). Without subsidiarity:
    § 46 costs the canton unless third parties pay (R-46-1), § 47 costs the person (R-47-1), § 49/§ 50
    as chosen within `ERLAUBTE_ZAHLER` (a recharge away from the canton needs its basis, see caller).
    """
    if kategorie not in K.values:
        raise _fehler(
            "kategorie",
            "R-KOST-1: Unbekannte Kategorie (§ 46 Abs. 2 lit. a–d, § 47 Abs. 3 lit. a–l, § 49, § 50).",
            "kategorie",
        )
    if subsidiaer:
        if kategorie not in SUBSIDIAER_MOEGLICH:
            raise _fehler(
                "subsidiaer",
                "§ 47 Abs. 2 JVG (R-47-2): Subsidiär durch die Sozialhilfe getragen werden nur persönliche "
                "Auslagen (§ 47 Abs. 3) und Kosten der fürsorgerischen Unterbringung (§ 49).",
                "nicht_subsidiaer",
            )
        if zahler and zahler not in (Zahler.SOZIALHILFE, Zahler.KANTON):
            raise _fehler(
                "zahler",
                "§ 47 Abs. 2 JVG (R-47-2): Eine subsidiär zu tragende Auslage wird nach dem "
                "Unterstützungswohnsitz zugewiesen, nicht frei gewählt.",
                "zahler_subsidiaer",
            )
        wohnsitz = wohnsitz_am(person, datum)
        if wohnsitz is None:
            raise _fehler(
                "subsidiaer",
                f"§ 47 Abs. 2 JVG (R-47-2): Für {person.vorname} {person.amtlicher_name} ist am "
                f"{datum:%d.%m.%Y} kein Unterstützungswohnsitz erfasst – zuerst erfassen.",
                "wohnsitz_fehlt",
            )
        if wohnsitz.kanton == Kanton.LU:
            return Zuweisung(
                Zahler.SOZIALHILFE,
                sozialdienst=wohnsitz.sozialdienst,
                hinweis=f"§ 47 Abs. 2 lit. a JVG: Unterstützungswohnsitz {wohnsitz.gemeinde} (LU)",
            )
        return Zuweisung(
            Zahler.KANTON,
            hinweis=f"§ 47 Abs. 2 lit. b JVG: Unterstützungswohnsitz {wohnsitz.get_kanton_display()} – Kanton entscheidet",
        )
    zahler = zahler or STANDARDZAHLER[kategorie]
    if zahler not in ERLAUBTE_ZAHLER[kategorie]:
        regel = (
            "§ 46 Abs. 1 JVG (R-46-1): Vollzugskosten trägt der Kanton, soweit nicht Dritte aufkommen"
            if kategorie in VOLLZUGSKOSTEN_46
            else "§ 47 Abs. 1 JVG (R-47-1): Persönliche Auslagen trägt die eingewiesene Person"
            if kategorie in AUSLAGEN_47
            else "§§ 49, 50 JVG (R-49-1/R-50-1): Dieser Zahler ist für die Kategorie nicht vorgesehen"
        )
        raise _fehler(
            "zahler", f"{regel} (Zahler «{Zahler(zahler).label}» nicht zulässig).", "zahler_kategorie"
        )
    if zahler == Zahler.DRITTE:
        dritter = _text(dritter, "dritter", "R-KOST-1", "Name der Dritten")
    return Zuweisung(zahler, dritter=dritter if zahler == Zahler.DRITTE else "")


@transaction.atomic
def kostenposition_erfassen(
    *,
    fall: Vollzugsfall,
    kategorie: str,
    datum: date,
    bezeichnung: str,
    betrag: Decimal,
    beleg,
    durch,
    zahler: str = "",
    dritter: str = "",
    subsidiaer: bool = False,
    weiterverrechnung_grund: str = "",
) -> Kostenposition:
    """Record one cost item (R-KOST-1) and route it to its payer (R-46-1, R-47-1, R-47-2).

    Steps: permission; amount; date (not in the future); category; source document (hash); payer via
    `zahler_bestimmen`; a § 49/§ 50 item not borne by the canton (a recharge, R-49-1/R-50-1) and a
    § 49 item at all (§ 57 EGZGB) need their basis; save with history. Side effect: an item routed to
    the canton under § 47 Abs. 2 lit. b opens a task KOSTEN_PRUEFEN (the canton decides and may have
    to bear it as unrecoverable).
    """
    berechtigung_pruefen(darf_kosten_bearbeiten(durch), "Kostenposition erfassen")
    betrag = geld(betrag, "betrag")
    datum = _datum(datum, "datum")
    if datum > timezone.localdate():
        raise _fehler(
            "datum", "R-0-BAD-1: Das Datum einer Kostenposition kann nicht in der Zukunft liegen.", "zukunft"
        )
    bezeichnung = _text(bezeichnung, "bezeichnung", "R-KOST-1", "Bezeichnung")
    if not beleg:
        raise _fehler(
            "beleg", "R-KOST-1: Jede Kostenposition braucht einen Beleg (Quelldokument).", "beleg_fehlt"
        )
    fall = Vollzugsfall.objects.select_related("person").get(pk=fall.pk)
    zuweisung = zahler_bestimmen(
        person=fall.person,
        kategorie=kategorie,
        datum=datum,
        subsidiaer=subsidiaer,
        zahler=zahler,
        dritter=dritter,
    )
    grund = (weiterverrechnung_grund or "").strip()
    if kategorie == K.AUSLAENDERRECHT_50 and zuweisung.zahler != Zahler.KANTON and not grund:
        raise _fehler(
            "weiterverrechnung_grund",
            "§ 50 JVG (R-50-1): Die Kosten der ausländerrechtlichen Haft trägt der Kanton, soweit er sie nicht "
            "weiterverrechnen kann – Grundlage der Weiterverrechnung angeben.",
            "grund_fehlt",
        )
    if kategorie == K.FU_49 and not grund:
        raise _fehler(
            "weiterverrechnung_grund",
            "§ 49 JVG (R-49-1): Die Kostentragung richtet sich nach § 57 EGZGB – Grundlage angeben.",
            "grund_fehlt",
        )
    position = Kostenposition(
        fall=fall,
        kategorie=kategorie,
        datum=datum,
        bezeichnung=bezeichnung,
        betrag=betrag,
        zahler=zuweisung.zahler,
        sozialdienst=zuweisung.sozialdienst,
        dritter=zuweisung.dritter,
        subsidiaer=bool(subsidiaer),
        weiterverrechnung_grund=grund,
        erfasst_durch=durch,
        erfasst_am=timezone.now(),
    )
    position.beleg_sha256 = datei_sha256(beleg)
    position.beleg.save(getattr(beleg, "name", "beleg") or "beleg", beleg, save=False)
    speichern(position, durch=durch, grund=(zuweisung.hinweis or "Kostenposition erfasst")[:100])
    if subsidiaer and zuweisung.zahler == Zahler.KANTON:
        speichern(
            Aufgabe(
                art=KostenAufgabenart.KOSTEN_PRUEFEN,
                titel=f"Subsidiäre Auslage «{bezeichnung}» ({chf(betrag)}) entscheiden (§ 47 Abs. 2 lit. b)",
                beschreibung=f"Fall {fall.fallnummer}: {zuweisung.hinweis}. Uneinbringliche Kosten übernimmt der Kanton.",
                fuer_rolle=Rolle.SACHBEARBEITUNG,
                fall=fall,
                faellig_am=timezone.now() + timedelta(days=30),
            ),
            durch=durch,
        )
    return position


ABSCHREIBBAR = (Zahler.PERSON, Zahler.DRITTE, Zahler.BUND, Zahler.ELTERN)


@transaction.atomic
def position_abschreiben(
    *, position: Kostenposition, grund: str, durch, am: date | None = None
) -> Kostenposition:
    """§ 47 Abs. 2 lit. b (R-47-2): the canton takes over an unrecoverable cost; recorded with reason.
    Items routed to a municipality's social assistance are that body's decision, not the canton's."""
    berechtigung_pruefen(darf_kosten_bearbeiten(durch), "Kostenposition abschreiben")
    position = Kostenposition.objects.select_for_update().get(pk=position.pk)
    if position.uneinbringlich_am is not None:
        raise _fehler("uneinbringlich_grund", "Die Position ist bereits abgeschrieben.", "bereits")
    if position.zahler not in ABSCHREIBBAR:
        raise _fehler(
            "uneinbringlich_grund",
            "§ 47 Abs. 2 JVG (R-47-2): Abgeschrieben werden nur Forderungen gegenüber der Person, Dritten oder "
            f"dem Bund (Zahler hier: «{position.get_zahler_display()}»).",
            "nicht_abschreibbar",
        )
    position.uneinbringlich_grund = _text(
        grund, "uneinbringlich_grund", "§ 47 Abs. 2 lit. b JVG (R-47-2)", "Grund der Abschreibung"
    )
    position.uneinbringlich_am = am or timezone.localdate()
    position.uneinbringlich_durch = durch
    return speichern(position, durch=durch, grund="Als uneinbringlich abgeschrieben (§ 47 Abs. 2 lit. b JVG)")


# --- Kostenbeteiligung (R-48-1) ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ElternDaten:
    name: str
    adresse: str
    betrag_pro_tag: Decimal


# A decision that binds: notified and not lifted; invoiced once enforceable (R-0-VFG-4: the type has
# suspensive effect, so only rechtskräftig — or notified with suspensive effect withdrawn).
LEBENDE_STATUS = [s for s in Verfuegungsstatus.values if s != Verfuegungsstatus.AUFGEHOBEN]


def vollstreckbar_q(praefix: str = "verfuegung__") -> Q:
    S = Verfuegungsstatus
    return Q(**{f"{praefix}status__in": [S.RECHTSKRAEFTIG, S.VOLLZOGEN, S.BESCHWERDEENTSCHEID]}) | Q(
        **{f"{praefix}status": S.EROEFFNET, f"{praefix}aufschiebende_wirkung_entzogen_am__isnull": False}
    )


GRUNDLAGE_BUCHSTABE = {
    Beteiligungsgrundlage.ARBEITSLEISTUNG: "a",
    Beteiligungsgrundlage.EINKOMMEN_VERMOEGEN: "b",
    Beteiligungsgrundlage.EXTERNAT: "c",
}


@transaction.atomic
def kostenbeteiligung_erfassen(
    *,
    fall: Vollzugsfall,
    grundlage: str,
    von: date,
    bis: date,
    einkommen_monatlich: Decimal,
    betrag_pro_tag: Decimal,
    begruendung: str,
    durch,
    abzuege_monatlich: Decimal = Decimal("0.00"),
    abzuege_text: str = "",
    eltern: list[ElternDaten] | None = None,
) -> Kostenbeteiligung:
    """§ 48 (R-48-1): assess the person's participation per day of placement and draft its Verfügung
    (type KOSTENBETEILIGUNG_48; Gehör, four-eyes approval, Eröffnung, PDF, appeal: shared lifecycle).

    Steps: permission; amounts (Decimal); period; grounds; "angemessen" (Art. 380 Abs. 2 StGB): a
    participation from work or income (lit. a, c) takes at most the net income after deductions —
    per day × 365 ≤ net per month × 12; juveniles (under 18 at the start, Art. 45 JStPO): the parents
    may be co-addressees with their own daily share, adults have none; no overlap with another live
    participation of the case; save with history; draft the Verfügung (gegenstand = this record).
    """
    berechtigung_pruefen(darf_kosten_bearbeiten(durch), "Kostenbeteiligung festsetzen")
    if grundlage not in Beteiligungsgrundlage.values:
        raise _fehler(
            "grundlage",
            "§ 48 JVG (R-48-1): Grundlage nach Art. 380 Abs. 2 lit. a–c StGB wählen.",
            "grundlage",
        )
    einkommen = geld(einkommen_monatlich, "einkommen_monatlich", null_erlaubt=True)
    abzuege = geld(abzuege_monatlich, "abzuege_monatlich", null_erlaubt=True)
    pro_tag = geld(betrag_pro_tag, "betrag_pro_tag", null_erlaubt=True)
    von, bis = _datum(von, "von"), _datum(bis, "bis")
    if bis < von:
        raise _fehler("bis", "§ 48 JVG (R-48-1): Das Ende liegt vor dem Beginn.", "periode")
    begruendung = _text(
        begruendung, "begruendung", "§ 48 Abs. 1 JVG (R-48-1)", "Begründung der Angemessenheit"
    )
    netto = einkommen - abzuege
    if netto < 0:
        raise _fehler(
            "abzuege_monatlich", "§ 48 JVG (R-48-1): Die Abzüge übersteigen das Einkommen.", "abzuege"
        )
    if grundlage != Beteiligungsgrundlage.EINKOMMEN_VERMOEGEN and pro_tag * 365 > netto * 12:
        raise _fehler(
            "betrag_pro_tag",
            f"§ 48 Abs. 1 JVG, Art. 380 Abs. 2 StGB (R-48-1): Die Beteiligung von {chf(pro_tag)} pro Tag übersteigt "
            f"das Nettoeinkommen nach Abzügen ({chf(netto)} pro Monat) – nicht angemessen.",
            "nicht_angemessen",
        )
    fall = Vollzugsfall.objects.select_for_update().select_related("person").get(pk=fall.pk)
    person = fall.person
    eltern = list(eltern or [])
    jugendlich = person.ist_jugendlich(von)
    if eltern and not jugendlich:
        raise _fehler(
            "eltern",
            "§ 48 Abs. 2 JVG (R-48-1): Eltern werden nur bei Jugendlichen (Art. 45 JStPO) beteiligt; die Person "
            f"war am {von:%d.%m.%Y} volljährig.",
            "nicht_jugendlich",
        )
    geprueft = []
    for i, e in enumerate(eltern):
        geprueft.append(
            (
                _text(e.name, f"eltern[{i}].name", "Art. 45 JStPO (R-48-1)", "Name des Elternteils"),
                _text(e.adresse, f"eltern[{i}].adresse", "Art. 45 JStPO (R-48-1)", "Adresse des Elternteils"),
                geld(e.betrag_pro_tag, f"eltern[{i}].betrag_pro_tag"),
            )
        )
    if pro_tag == 0 and not geprueft:
        raise _fehler(
            "betrag_pro_tag", "§ 48 JVG (R-48-1): Eine Beteiligung von CHF 0.00 wird nicht verfügt.", "null"
        )
    andere = Kostenbeteiligung.objects.filter(fall=fall, von__lte=bis, bis__gte=von).filter(
        Q(verfuegung__isnull=True) | Q(verfuegung__status__in=LEBENDE_STATUS)
    )
    if (x := andere.first()) is not None:
        raise _fehler(
            "von",
            f"§ 48 JVG (R-48-1): Für {x.von:%d.%m.%Y}–{x.bis:%d.%m.%Y} ist bereits eine Kostenbeteiligung festgesetzt.",
            "ueberschneidung",
        )
    kb = speichern(
        Kostenbeteiligung(
            fall=fall,
            grundlage=grundlage,
            von=von,
            bis=bis,
            einkommen_monatlich=einkommen,
            abzuege_monatlich=abzuege,
            abzuege_text=(abzuege_text or "").strip(),
            betrag_pro_tag=pro_tag,
            begruendung=begruendung,
            erfasst_durch=durch,
            erfasst_am=timezone.now(),
        ),
        durch=durch,
        grund="Kostenbeteiligung festgesetzt (§ 48 JVG)",
    )
    for name, adresse, betrag in geprueft:
        speichern(
            Elternbeitrag(beteiligung=kb, name=name, adresse=adresse, betrag_pro_tag=betrag), durch=durch
        )
    v = verfuegung_entwerfen(
        typ=Verfuegungstyp.KOSTENBETEILIGUNG_48,
        person=person,
        fall=fall,
        gegenstand=kb,
        daten=_entwurfsdaten(kb, person, geprueft),
        durch=durch,
    )
    kb.verfuegung = v
    return speichern(kb, durch=durch, grund=f"Verfügung {v.nummer} entworfen")


def _entwurfsdaten(kb: Kostenbeteiligung, person: Person, eltern: list[tuple]) -> Entwurfsdaten:
    lit = GRUNDLAGE_BUCHSTABE[kb.grundlage]
    name = f"{person.vorname} {person.amtlicher_name}"
    periode = f"{kb.von:%d.%m.%Y} bis {kb.bis:%d.%m.%Y}"
    sachverhalt = [
        f"{name} verbüsst im Fall {kb.fall.fallnummer} eine Sanktion. Zu entscheiden ist die Beteiligung an den "
        f"Kosten des Vollzugs für die Zeit vom {periode}.",
        f"Grundlage: {Beteiligungsgrundlage(kb.grundlage).label}. Einkommen pro Monat {chf(kb.einkommen_monatlich)}, "
        f"Abzüge {chf(kb.abzuege_monatlich)}{' (' + kb.abzuege_text + ')' if kb.abzuege_text else ''}, "
        f"netto {chf(kb.netto_monatlich)}.",
    ]
    if eltern:
        sachverhalt.append(
            "Die Person ist jugendlich. Mitadressaten dieser Verfügung (Art. 45 JStPO): "
            + "; ".join(f"{n}, {a.replace(chr(10), ', ')}" for n, a, _ in eltern)
            + "."
        )
    dispositiv = [
        f"{name} beteiligt sich vom {periode} mit {chf(kb.betrag_pro_tag)} pro Vollzugstag an den Kosten des "
        f"Vollzugs (§ 48 Abs. 1 JVG, Art. 380 Abs. 2 lit. {lit} StGB)."
    ]
    for n, _, betrag in eltern:
        dispositiv.append(
            f"{n} beteiligt sich als Elternteil mit {betrag and chf(betrag)} pro Vollzugstag (§ 48 Abs. 2 JVG, Art. 45 JStPO)."
        )
    dispositiv.append(
        "Die Beträge werden nach Eintritt der Rechtskraft periodisch in Rechnung gestellt; massgebend sind die "
        "Vollzugstage (Eintrittstag zählt, Austrittstag nicht)."
    )
    return Entwurfsdaten(
        titel="Kostenbeteiligung (§ 48 JVG)",
        rechtsgrundlage="§ 48 JVG; Art. 380 Abs. 2 StGB" + ("; Art. 45 JStPO" if eltern else ""),
        sachverhalt="\n\n".join(sachverhalt),
        begruendung=kb.begruendung,
        dispositiv="\n".join(dispositiv),
    )
