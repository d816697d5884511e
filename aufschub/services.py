"""Aufschub und Unterbrechung (§ 14 JVG, R-14-1 … R-14-6): every write of a request goes through here.

Steps of a request: `gesuch_erfassen` (R-14-1 request of the person, R-14-3 ground, R-14-4 certificate,
R-14-2 ceiling) → optionally `arztzeugnis_nachreichen` → `gesuch_entscheiden` (R-14-5 assessment,
R-14-2 re-checked under a lock, R-14-4 for a grant, R-14-6 Verfügung) or `gesuch_zurueckziehen`.
Effects of a grant: the summons before the end of a deferral (`aufgebot_faellig_am`,
`aufgebot_erfassen`, Fristenkontrolle source in `aufschub.fristen`) and the interruption as it
happens (`unterbrechung_antreten`, `unterbrechung_beenden`, which moves the expected end).

Only the Vollzugsbehörde decides § 14 (roles table): every write needs `sachbearbeitung`.
"""

from datetime import date, datetime, timedelta
from typing import NamedTuple

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.utils import timezone

from aufschub.enums import Gefahrenstufe, Gesuchsart, Gesuchsgrund, Gesuchsstatus
from aufschub.models import Aufschubgesuch
from kern import erweiterungen
from kern.audit import speichern
from kern.dateien import datei_sha256
from kern.fristen import jahresfrist, lokales_datum
from kern.rollen import Rolle, berechtigung_pruefen, hat_rolle
from verfuegungen.domain import Entwurfsdaten, verfuegung_entwerfen
from verfuegungen.models import EROEFFNETE_STATUS, Verfuegung
from verfuegungen.recht import Verfuegungsstatus, Verfuegungstyp
from vollzug.domain import person_nicht_anderswo_platziert, voraussichtliches_ende_berechnen
from vollzug.domain.platzierungen import _zeitpunkt_pruefen
from vollzug.models import Anstalt, Platzierung, Sanktion, Vollzugsfall
from vollzug.recht import FREIHEITSSTRAFEN, Fallstatus, Platzierungsart, Sanktionsart

# R-14-1: § 14 speaks of the execution of a sanction a person must "antreten" (ground a:
# Hafterstehungsunfähigkeit). That is the custodial sanctions: sentences and custodial measures.
# Not included: gemeinnützige Arbeit and Bewährungshilfe (no custody; their scheduling is arranged
# with the person, not deferred by a decision), ambulante Massnahme (served at liberty), and the
# juvenile Schutzmassnahme (JStG, executed under the juvenile procedure and not necessarily custodial).
AUFSCHIEBBARE_SANKTIONEN = frozenset(
    FREIHEITSSTRAFEN | {Sanktionsart.STATIONAERE_MASSNAHME, Sanktionsart.VERWAHRUNG}
)

ART_KURZ = {Gesuchsart.AUFSCHUB: "Aufschub", Gesuchsart.UNTERBRECHUNG: "Unterbrechung"}


def darf_gesuch_bearbeiten(user) -> bool:
    """Roles table: the Vollzugsbehörde (sachbearbeitung) decides § 14 and records everything about it."""
    return hat_rolle(user, Rolle.SACHBEARBEITUNG)


def _fehler(feld: str, meldung: str, code: str) -> ValidationError:
    return ValidationError({feld: ValidationError(meldung, code=code)})


def _datum(tag: date) -> str:
    return f"{tag:%d.%m.%Y}"


def tage(von: date, bis: date) -> int:
    """Days of a period whose `bis` is its last day (inclusive)."""
    return (bis - von).days + 1


# --- Verfügung of a request ---------------------------------------------------------------------


def _ct():
    # Cached by Django after the first call: no query per request.
    return ContentType.objects.get_for_model(Aufschubgesuch)


def mit_stehender_verfuegung(gesuch_ref: str = "pk") -> Exists:
    """A Verfügung of the request that was not lifted (R-14-2: a lifted grant does not count)."""
    return Exists(
        Verfuegung.objects.filter(content_type=_ct(), object_id=OuterRef(gesuch_ref)).exclude(
            status=Verfuegungsstatus.AUFGEHOBEN
        )
    )


def mit_verfuegung(queryset: QuerySet[Aufschubgesuch]) -> QuerySet[Aufschubgesuch]:
    """Annotate the latest Verfügung of each request (id, number, status) as scalar subqueries, so
    lists show the decision without a query per row."""
    neueste = Verfuegung.objects.filter(content_type=_ct(), object_id=OuterRef("pk")).order_by("-pk")
    return queryset.annotate(
        verfuegung_id=Subquery(neueste.values("pk")[:1]),
        verfuegung_nummer=Subquery(neueste.values("nummer")[:1]),
        verfuegung_status=Subquery(neueste.values("status")[:1]),
    )


def verfuegung_von(gesuch: Aufschubgesuch) -> Verfuegung | None:
    """The latest Verfügung of the request (None before the decision)."""
    return Verfuegung.objects.filter(content_type=_ct(), object_id=gesuch.pk).order_by("-pk").first()


# --- R-14-2: the ceiling of one year ------------------------------------------------------------


class Kontingent(NamedTuple):
    genutzt_tage: int
    limit_tage: int
    rest_tage: int
    anker: date


def kontingent_aus(perioden: list[tuple[date, date]], beginn: date | None = None) -> Kontingent:
    """R-14-2 as arithmetic on the granted periods `(von, bis)` of one sanction and kind.

    One year counted from the anchor: the start of the earliest granted period, or `beginn` (the new
    request's start) when nothing is granted yet, or today. `limit_tage` is 365, or 366 when that year
    contains a 29 February (`jahresfrist`: same date one year later)."""
    anker = min((von for von, _bis in perioden), default=None) or beginn or timezone.localdate()
    limit = (jahresfrist(anker, 1).ende - anker).days
    genutzt = sum(tage(von, bis) for von, bis in perioden)
    return Kontingent(genutzt, limit, max(limit - genutzt, 0), anker)


def _bewilligte(sanktion, art: str, ausser=None) -> QuerySet[Aufschubgesuch]:
    qs = Aufschubgesuch.objects.filter(sanktion=sanktion, art=art, status=Gesuchsstatus.BEWILLIGT).filter(
        mit_stehender_verfuegung()
    )
    if ausser is not None:
        qs = qs.exclude(pk=getattr(ausser, "pk", ausser))
    return qs


def kontingent(sanktion, art: str, ausser=None, *, beginn: date | None = None) -> Kontingent:
    """R-14-2 (§ 14 Abs. 1 "um höchstens ein Jahr … für höchstens ein Jahr"): what is granted of one
    sanction's deferrals (or interruptions), the limit and the rest, and the anchor of the year.

    Counts requests with status bewilligt whose Verfügung was not lifted, except `ausser`; days
    inclusive. Returns `(genutzt_tage, limit_tage, rest_tage, anker)` (a `Kontingent`). One query."""
    perioden = list(_bewilligte(sanktion, art, ausser).values_list("bewilligt_von", "bewilligt_bis"))
    return kontingent_aus(perioden, beginn)


def _kontingent_pruefen(sanktion, art: str, von: date, bis: date, *, feld: str, ausser=None) -> None:
    perioden = list(_bewilligte(sanktion, art, ausser).values_list("bewilligt_von", "bewilligt_bis"))
    for a, b in perioden:
        if von <= b and a <= bis:
            raise _fehler(
                feld,
                f"§ 14 Abs. 1 JVG (R-14-2): Der Zeitraum überschneidet sich mit der bereits bewilligten "
                f"{ART_KURZ[art]} vom {_datum(a)} bis {_datum(b)}.",
                "ueberschneidung",
            )
    k = kontingent_aus(perioden, von)
    begehrt = tage(von, bis)
    if begehrt > k.rest_tage:
        raise _fehler(
            feld,
            f"§ 14 Abs. 1 JVG (R-14-2): {ART_KURZ[art]} höchstens ein Jahr – bereits bewilligt "
            f"{k.genutzt_tage} Tage, verbleibend {k.rest_tage} Tage (begehrt {begehrt} Tage).",
            "hoechstens_ein_jahr",
        )


# --- R-14-4: the medical certificate ------------------------------------------------------------


def arztzeugnis_aktuell(ausgestellt_am: date | None, eingereicht_am: date) -> bool:
    """R-14-4: issued at most JVG_ARZTZEUGNIS_MAX_ALTER_TAGE days before the request."""
    if ausgestellt_am is None:
        return False
    return (eingereicht_am - ausgestellt_am).days <= settings.JVG_ARZTZEUGNIS_MAX_ALTER_TAGE


def _arztzeugnis_pruefen(datei, ausgestellt_am: date | None, eingereicht_am: date) -> None:
    if not datei:
        if ausgestellt_am is not None:
            raise _fehler(
                "arztzeugnis",
                "§ 14 Abs. 3 JVG (R-14-4): Zum Ausstellungsdatum das Arztzeugnis beilegen.",
                "arztzeugnis_fehlt",
            )
        return
    if ausgestellt_am is None:
        raise _fehler(
            "arztzeugnis_ausgestellt_am",
            "§ 14 Abs. 3 JVG (R-14-4): Das Ausstellungsdatum des Arztzeugnisses angeben.",
            "ausgestellt_fehlt",
        )
    if ausgestellt_am > timezone.localdate():
        raise _fehler(
            "arztzeugnis_ausgestellt_am",
            "§ 14 Abs. 3 JVG (R-14-4): Das Ausstellungsdatum des Arztzeugnisses liegt in der Zukunft.",
            "ausgestellt_zukunft",
        )
    if not arztzeugnis_aktuell(ausgestellt_am, eingereicht_am):
        alter = (eingereicht_am - ausgestellt_am).days
        raise _fehler(
            "arztzeugnis_ausgestellt_am",
            f"§ 14 Abs. 3 JVG (R-14-4): Das Arztzeugnis ist nicht aktuell – ausgestellt am "
            f"{_datum(ausgestellt_am)}, {alter} Tage vor dem Gesuch vom {_datum(eingereicht_am)} "
            f"(höchstens {settings.JVG_ARZTZEUGNIS_MAX_ALTER_TAGE} Tage).",
            "arztzeugnis_veraltet",
        )


# --- Request ------------------------------------------------------------------------------------


@transaction.atomic
def gesuch_erfassen(
    *,
    fall: Vollzugsfall,
    sanktion: Sanktion,
    art: str,
    grund: str,
    eingereicht_am: date,
    begehrt_von: date,
    begehrt_bis: date,
    begruendung: str,
    arztzeugnis: UploadedFile | None = None,
    arztzeugnis_ausgestellt_am: date | None = None,
    durch,
) -> Aufschubgesuch:
    """R-14-1 … R-14-4: record the person's request to defer or interrupt one sanction.

    Steps: permission; lock the case and the sanction; R-14-1 kind fits the case's state (Aufschub
    before the start, Unterbrechung during execution), the sanction is a custodial one of this case,
    the period is ordered and the request not dated in the future; R-14-3 ground a or b; R-14-4 an
    attached certificate is dated and current (it may also follow later); R-14-2 the request fits the
    remaining year; save with the file's SHA-256 and history.
    """
    berechtigung_pruefen(darf_gesuch_bearbeiten(durch), "Gesuch nach § 14 erfassen")
    fall = Vollzugsfall.objects.select_for_update().get(pk=fall.pk)
    if art not in Gesuchsart.values:
        raise _fehler("art", "§ 14 Abs. 1 JVG (R-14-1): Aufschub oder Unterbrechung wählen.", "art")
    if art == Gesuchsart.AUFSCHUB and fall.status != Fallstatus.EINGANG:
        raise _fehler(
            "art",
            "§ 14 Abs. 1 JVG (R-14-1): Ein Aufschub ist nur vor dem Vollzugsbeginn möglich – der Vollzug "
            f"hat bereits begonnen (Status «{fall.get_status_display()}»). Während des Vollzugs ist eine "
            "Unterbrechung zu beantragen.",
            "aufschub_nach_beginn",
        )
    if art == Gesuchsart.UNTERBRECHUNG and fall.status != Fallstatus.IM_VOLLZUG:
        raise _fehler(
            "art",
            "§ 14 Abs. 1 JVG (R-14-1): Eine Unterbrechung ist nur während des Vollzugs möglich "
            f"(Status «{fall.get_status_display()}»).",
            "unterbrechung_nicht_im_vollzug",
        )
    sanktion = (
        Sanktion.objects.select_for_update()
        .filter(pk=getattr(sanktion, "pk", sanktion), entscheid__fall=fall)
        .first()
    )
    if sanktion is None:
        raise _fehler("sanktion", "Die Sanktion gehört nicht zu diesem Fall.", "sanktion_fremd")
    if sanktion.art not in AUFSCHIEBBARE_SANKTIONEN:
        raise _fehler(
            "sanktion",
            "§ 14 Abs. 1 JVG (R-14-1): Aufschub und Unterbrechung gibt es für freiheitsentziehende Sanktionen "
            f"(Freiheitsstrafe, stationäre Massnahme, Verwahrung) – nicht für «{sanktion.get_art_display()}».",
            "sanktion_nicht_aufschiebbar",
        )
    if grund not in Gesuchsgrund.values:
        raise _fehler(
            "grund",
            "§ 14 Abs. 2 JVG (R-14-3): Das Gesuch nennt einen wichtigen Grund – lit. a "
            "(Hafterstehungsunfähigkeit) oder lit. b (ausserordentliche Vorkommnisse und Pflichten).",
            "grund_fehlt",
        )
    if eingereicht_am > timezone.localdate():
        raise _fehler(
            "eingereicht_am",
            "R-0-BAD-1: Das Gesuch kann nicht in der Zukunft eingereicht worden sein.",
            "eingereicht_zukunft",
        )
    if begehrt_bis < begehrt_von:
        raise _fehler(
            "begehrt_bis",
            "§ 14 Abs. 1 JVG (R-14-1): Das Ende des begehrten Zeitraums liegt vor dessen Beginn.",
            "zeitraum",
        )
    if not begruendung.strip():
        raise _fehler(
            "begruendung", "§ 14 Abs. 2 JVG (R-14-3): Das Gesuch ist zu begründen.", "begruendung_fehlt"
        )
    _arztzeugnis_pruefen(arztzeugnis, arztzeugnis_ausgestellt_am, eingereicht_am)
    _kontingent_pruefen(sanktion, art, begehrt_von, begehrt_bis, feld="begehrt_bis")
    gesuch = Aufschubgesuch(
        fall=fall,
        sanktion=sanktion,
        art=art,
        grund=grund,
        eingereicht_am=eingereicht_am,
        begehrt_von=begehrt_von,
        begehrt_bis=begehrt_bis,
        begruendung=begruendung.strip(),
        erfasst_durch=durch,
    )
    if arztzeugnis:
        gesuch.arztzeugnis_sha256 = datei_sha256(arztzeugnis)
        gesuch.arztzeugnis = arztzeugnis
        gesuch.arztzeugnis_ausgestellt_am = arztzeugnis_ausgestellt_am
    return speichern(gesuch, durch=durch, grund=f"Gesuch um {ART_KURZ[art]} erfasst (§ 14 JVG)")


def _sperren(gesuch: Aufschubgesuch) -> Aufschubgesuch:
    # Every step re-reads the request under a lock: two case workers at once → the second sees the first's result.
    return (
        Aufschubgesuch.objects.select_for_update(of=("self",))
        .select_related("fall__person", "sanktion__entscheid")
        .get(pk=gesuch.pk)
    )


@transaction.atomic
def arztzeugnis_nachreichen(
    *, gesuch: Aufschubgesuch, datei: UploadedFile, ausgestellt_am: date | None, durch
) -> Aufschubgesuch:
    """R-14-4 (§ 14 Abs. 3): attach (or replace) the certificate of an undecided request. The same
    currency rule as at filing: issued at most N days before the request's date."""
    berechtigung_pruefen(darf_gesuch_bearbeiten(durch), "Arztzeugnis nachreichen")
    gesuch = _sperren(gesuch)
    if gesuch.status != Gesuchsstatus.EINGEREICHT:
        raise _fehler(
            "arztzeugnis",
            f"Das Gesuch ist bereits «{gesuch.get_status_display()}» – ein Arztzeugnis kann nur zu einem "
            "offenen Gesuch nachgereicht werden.",
            "nicht_offen",
        )
    if not datei:
        raise _fehler(
            "arztzeugnis", "§ 14 Abs. 3 JVG (R-14-4): Das Arztzeugnis beilegen.", "arztzeugnis_fehlt"
        )
    _arztzeugnis_pruefen(datei, ausgestellt_am, gesuch.eingereicht_am)
    gesuch.arztzeugnis_sha256 = datei_sha256(datei)
    gesuch.arztzeugnis = datei
    gesuch.arztzeugnis_ausgestellt_am = ausgestellt_am
    return speichern(gesuch, durch=durch, grund="Arztzeugnis nachgereicht (§ 14 Abs. 3 JVG)")


@transaction.atomic
def gesuch_zurueckziehen(*, gesuch: Aufschubgesuch, durch) -> Aufschubgesuch:
    """The person withdraws an undecided request (it then needs no decision)."""
    berechtigung_pruefen(darf_gesuch_bearbeiten(durch), "Gesuch zurückziehen")
    gesuch = _sperren(gesuch)
    if gesuch.status != Gesuchsstatus.EINGEREICHT:
        raise _fehler(
            "status",
            f"Nur ein offenes Gesuch kann zurückgezogen werden (Status «{gesuch.get_status_display()}»).",
            "nicht_offen",
        )
    gesuch.status = Gesuchsstatus.ZURUECKGEZOGEN
    return speichern(gesuch, durch=durch, grund="Gesuch zurückgezogen")


# --- Decision (R-14-5, R-14-6) ------------------------------------------------------------------


def _neu_entscheidbar(gesuch: Aufschubgesuch) -> bool:
    """Once per request; again only when its Verfügung was lifted (approver rejected or it was
    withdrawn) and nothing has followed from the grant yet."""
    if gesuch.status == Gesuchsstatus.EINGEREICHT:
        return True
    if gesuch.status not in (Gesuchsstatus.BEWILLIGT, Gesuchsstatus.ABGEWIESEN):
        return False
    v = verfuegung_von(gesuch)
    return (
        v is not None
        and v.status == Verfuegungsstatus.AUFGEHOBEN
        and gesuch.unterbrechung_ab is None
        and gesuch.aufgebot_am is None
    )


def _beurteilung_pruefen(
    *, beurteilung_vollzugsdauer, fluchtgefahr, wiederholungsgefahr, entscheid_begruendung
):
    fehler = {}
    if not (beurteilung_vollzugsdauer or "").strip():
        fehler["beurteilung_vollzugsdauer"] = ValidationError(
            "§ 14 Abs. 1 JVG (R-14-5): Die voraussichtliche Vollzugsdauer ist im Entscheid zu würdigen.",
            code="vollzugsdauer_fehlt",
        )
    if fluchtgefahr not in Gefahrenstufe.values:
        fehler["fluchtgefahr"] = ValidationError(
            "§ 14 Abs. 1 JVG (R-14-5): Die Fluchtgefahr ist zu beurteilen.", code="fluchtgefahr_fehlt"
        )
    if wiederholungsgefahr not in Gefahrenstufe.values:
        fehler["wiederholungsgefahr"] = ValidationError(
            "§ 14 Abs. 1 JVG (R-14-5): Die Wiederholungsgefahr ist zu beurteilen.",
            code="wiederholungsgefahr_fehlt",
        )
    if not (entscheid_begruendung or "").strip():
        fehler["entscheid_begruendung"] = ValidationError(
            "R-14-6: Der Entscheid ist als Verfügung zu begründen.", code="begruendung_fehlt"
        )
    if fehler:
        raise ValidationError(fehler)


@transaction.atomic
def gesuch_entscheiden(
    *,
    gesuch: Aufschubgesuch,
    bewilligen: bool,
    bewilligt_von: date | None = None,
    bewilligt_bis: date | None = None,
    beurteilung_vollzugsdauer: str,
    fluchtgefahr: str,
    wiederholungsgefahr: str,
    beurteilung_gefahren: str = "",
    besondere_untersuchungen: str = "",
    vorsorgliche_massnahmen: str = "",
    entscheid_begruendung: str,
    durch,
) -> Verfuegung:
    """R-14-5/R-14-6: grant or refuse a request and draft its Verfügung (type AUFSCHUB_14).

    Steps: permission; lock the request, then its sanction (R-14-2: two grants of one sanction at once
    cannot both pass the ceiling); once per request; R-14-5 assessment of duration, flight and
    re-offending risk and the reasons; for a grant: the case is still in the state the kind requires
    (R-14-1), the period defaults to the requested one and lies within it, the ceiling holds (R-14-2)
    and a ground-(a) request has a current certificate (R-14-4; refusing stays possible); save the
    decision; draft the Verfügung with facts, reasons and operative part (a refusal is burdening:
    `abweisend=True`, so the lifecycle demands the hearing, R-0-GEHOER-1).
    """
    berechtigung_pruefen(darf_gesuch_bearbeiten(durch), "Gesuch nach § 14 entscheiden")
    gesuch = _sperren(gesuch)
    Sanktion.objects.select_for_update().filter(pk=gesuch.sanktion_id).get()
    if not _neu_entscheidbar(gesuch):
        raise _fehler(
            "status",
            f"Über dieses Gesuch ist bereits entschieden (Status «{gesuch.get_status_display()}»).",
            "bereits_entschieden",
        )
    _beurteilung_pruefen(
        beurteilung_vollzugsdauer=beurteilung_vollzugsdauer,
        fluchtgefahr=fluchtgefahr,
        wiederholungsgefahr=wiederholungsgefahr,
        entscheid_begruendung=entscheid_begruendung,
    )
    fall = gesuch.fall
    if bewilligen:
        von = bewilligt_von or gesuch.begehrt_von
        bis = bewilligt_bis or gesuch.begehrt_bis
        if bis < von:
            raise _fehler(
                "bewilligt_bis",
                "§ 14 Abs. 1 JVG (R-14-1): Das Ende des bewilligten Zeitraums liegt vor dessen Beginn.",
                "zeitraum",
            )
        if von < gesuch.begehrt_von or bis > gesuch.begehrt_bis:
            raise _fehler(
                "bewilligt_von" if von < gesuch.begehrt_von else "bewilligt_bis",
                "§ 14 Abs. 1 JVG (R-14-1): Bewilligt werden kann nur innerhalb des begehrten Zeitraums "
                f"({_datum(gesuch.begehrt_von)} – {_datum(gesuch.begehrt_bis)}).",
                "ausserhalb_gesuch",
            )
        erwartet = Fallstatus.EINGANG if gesuch.art == Gesuchsart.AUFSCHUB else Fallstatus.IM_VOLLZUG
        if fall.status != erwartet:
            raise _fehler(
                "bewilligen",
                f"§ 14 Abs. 1 JVG (R-14-1): {ART_KURZ[gesuch.art]} kann im Fallstatus "
                f"«{fall.get_status_display()}» nicht bewilligt werden – das Gesuch abweisen.",
                "falscher_fallstatus",
            )
        _kontingent_pruefen(gesuch.sanktion, gesuch.art, von, bis, feld="bewilligt_bis", ausser=gesuch)
        if gesuch.grund == Gesuchsgrund.A and not (
            gesuch.arztzeugnis
            and arztzeugnis_aktuell(gesuch.arztzeugnis_ausgestellt_am, gesuch.eingereicht_am)
        ):
            raise _fehler(
                "arztzeugnis",
                "§ 14 Abs. 3 JVG (R-14-4): Ohne aktuelles, begründetes Arztzeugnis kann ein Gesuch wegen "
                "Hafterstehungsunfähigkeit nicht bewilligt werden – Arztzeugnis nachreichen oder das "
                "Gesuch abweisen.",
                "arztzeugnis_fehlt",
            )
        gesuch.status, gesuch.bewilligt_von, gesuch.bewilligt_bis = Gesuchsstatus.BEWILLIGT, von, bis
    else:
        gesuch.status, gesuch.bewilligt_von, gesuch.bewilligt_bis = Gesuchsstatus.ABGEWIESEN, None, None
    gesuch.beurteilung_vollzugsdauer = beurteilung_vollzugsdauer.strip()
    gesuch.fluchtgefahr = fluchtgefahr
    gesuch.wiederholungsgefahr = wiederholungsgefahr
    gesuch.beurteilung_gefahren = (beurteilung_gefahren or "").strip()
    gesuch.besondere_untersuchungen = (besondere_untersuchungen or "").strip()
    gesuch.vorsorgliche_massnahmen = (vorsorgliche_massnahmen or "").strip()
    gesuch.entscheid_begruendung = entscheid_begruendung.strip()
    gesuch.entschieden_am = timezone.now()
    gesuch.entschieden_durch = durch
    speichern(
        gesuch,
        durch=durch,
        grund=f"{ART_KURZ[gesuch.art]} {'bewilligt' if bewilligen else 'abgewiesen'} (§ 14 JVG)",
    )
    return verfuegung_entwerfen(
        typ=Verfuegungstyp.AUFSCHUB_14,
        abweisend=not bewilligen,
        gegenstand=gesuch,
        fall=fall,
        person=fall.person,
        daten=_entwurfsdaten(gesuch),
        durch=durch,
    )


def _entwurfsdaten(g: Aufschubgesuch) -> Entwurfsdaten:
    """R-14-6: the draft's text from the request and the assessment (R-14-5); the case worker can
    still edit the draft before it is submitted for approval."""
    person = g.fall.person
    name = f"{person.vorname} {person.amtlicher_name}"
    art = ART_KURZ[g.art]
    vorgang = "aufgeschoben" if g.art == Gesuchsart.AUFSCHUB else "unterbrochen"
    bewilligt = g.status == Gesuchsstatus.BEWILLIGT
    entscheid = g.sanktion.entscheid
    grundlage = [f"§ 14 Abs. 1 und 2 lit. {g.grund}"]
    if g.grund == Gesuchsgrund.A:
        grundlage.append("Abs. 3")
    if g.besondere_untersuchungen:
        grundlage.append("Abs. 4")
    if g.vorsorgliche_massnahmen:
        grundlage.append("Abs. 5")
    sachverhalt = [
        f"{name}, geb. {_datum(person.geburtsdatum)}, wurde mit {entscheid.get_art_display()} der "
        f"{entscheid.behoerde} vom {_datum(entscheid.entscheid_datum)} ({entscheid.referenz}) zu "
        f"{g.sanktion} verurteilt (Fall {g.fall.fallnummer}).",
        f"Mit Gesuch vom {_datum(g.eingereicht_am)} beantragt {name} die {art} des Vollzugs vom "
        f"{_datum(g.begehrt_von)} bis {_datum(g.begehrt_bis)} ({tage(g.begehrt_von, g.begehrt_bis)} Tage) "
        f"aus wichtigem Grund nach § 14 Abs. 2 lit. {g.get_grund_display()}.",
    ]
    if g.arztzeugnis:
        sachverhalt.append(
            f"Dem Gesuch liegt ein Arztzeugnis vom {_datum(g.arztzeugnis_ausgestellt_am)} bei."
        )
    sachverhalt.append(f"Begründung des Gesuchs: {g.begruendung}")
    begruendung = [
        f"Voraussichtliche Vollzugsdauer (§ 14 Abs. 1 JVG): {g.beurteilung_vollzugsdauer}",
        f"Fluchtgefahr: {g.get_fluchtgefahr_display()}. Wiederholungsgefahr: "
        f"{g.get_wiederholungsgefahr_display()}."
        + (f" {g.beurteilung_gefahren}" if g.beurteilung_gefahren else ""),
        "Besondere Untersuchungen (§ 14 Abs. 4 JVG): " + (g.besondere_untersuchungen or "keine angeordnet."),
        "Vorsorgliche Massnahmen (§ 14 Abs. 5 JVG): " + (g.vorsorgliche_massnahmen or "keine angeordnet."),
        f"Würdigung: {g.entscheid_begruendung}",
    ]
    if bewilligt:
        weiter = g.bewilligt_bis + timedelta(days=1)
        dispositiv = [
            f"Der Vollzug der {g.sanktion} (Fall {g.fall.fallnummer}) wird vom {_datum(g.bewilligt_von)} bis "
            f"{_datum(g.bewilligt_bis)} {vorgang}.",
            (
                f"{name} hat den Vollzug am {_datum(weiter)} anzutreten; das Aufgebot folgt."
                if g.art == Gesuchsart.AUFSCHUB
                else f"{name} hat am {_datum(weiter)} in die Vollzugseinrichtung zurückzukehren."
            ),
        ]
        if g.vorsorgliche_massnahmen:
            dispositiv.append(f"Vorsorgliche Massnahmen (§ 14 Abs. 5 JVG): {g.vorsorgliche_massnahmen}")
        titel = f"{art} des Vollzugs (§ 14 JVG): Bewilligung"
    else:
        dispositiv = [f"Das Gesuch vom {_datum(g.eingereicht_am)} um {art} des Vollzugs wird abgewiesen."]
        if g.vorsorgliche_massnahmen:
            dispositiv.append(f"Vorsorgliche Massnahmen (§ 14 Abs. 5 JVG): {g.vorsorgliche_massnahmen}")
        titel = f"Gesuch um {art} des Vollzugs (§ 14 JVG): Abweisung"
    return Entwurfsdaten(
        titel=titel,
        rechtsgrundlage=", ".join(grundlage) + " JVG",
        sachverhalt="\n\n".join(sachverhalt),
        begruendung="\n\n".join(begruendung),
        dispositiv="\n".join(z.replace("\n", " ") for z in dispositiv),
    )


# --- R-14-6: summons at the end of a deferral ---------------------------------------------------


def aufgebot_faellig_am(gesuch: Aufschubgesuch) -> date | None:
    """R-14-6: the summons is due JVG_AUFGEBOT_VORLAUF_TAGE days before the day execution must start
    (the day after the last granted day). None for a request that grants no deferral."""
    if gesuch.art != Gesuchsart.AUFSCHUB or gesuch.bewilligt_bis is None:
        return None
    return gesuch.bewilligt_bis + timedelta(days=1) - timedelta(days=settings.JVG_AUFGEBOT_VORLAUF_TAGE)


@transaction.atomic
def aufgebot_erfassen(*, gesuch: Aufschubgesuch, durch) -> Aufschubgesuch:
    """R-14-6: record that the summons to start execution after the deferral was sent (now)."""
    berechtigung_pruefen(darf_gesuch_bearbeiten(durch), "Aufgebot erfassen")
    gesuch = _sperren(gesuch)
    if gesuch.art != Gesuchsart.AUFSCHUB or gesuch.status != Gesuchsstatus.BEWILLIGT:
        raise _fehler(
            "aufgebot_am",
            "§ 14 JVG (R-14-6): Ein Aufgebot folgt nur auf einen bewilligten Aufschub.",
            "kein_aufschub",
        )
    if gesuch.aufgebot_am is not None:
        raise _fehler(
            "aufgebot_am",
            f"Das Aufgebot ist bereits am {timezone.localtime(gesuch.aufgebot_am):%d.%m.%Y %H:%M} erfasst.",
            "bereits_erfasst",
        )
    gesuch.aufgebot_am = timezone.now()
    return speichern(gesuch, durch=durch, grund="Aufgebot zum Vollzugsantritt versandt (§ 14 JVG)")


# --- Interruption as it happens -----------------------------------------------------------------


@transaction.atomic
def unterbrechung_antreten(*, gesuch: Aufschubgesuch, am: datetime, durch) -> Aufschubgesuch:
    """The person leaves for a granted interruption.

    Steps: permission; lock the request and the case; granted interruption, not yet started, whose
    Verfügung has been notified (eröffnet or later, not lifted); case im Vollzug; `am` aware, not in
    the future, on a granted day and not before the current placement; close the placement at `am`
    (its facility is where the person returns by default); case → unterbrochen.
    """
    berechtigung_pruefen(darf_gesuch_bearbeiten(durch), "Unterbrechung erfassen")
    gesuch = _sperren(gesuch)
    fall = Vollzugsfall.objects.select_for_update().get(pk=gesuch.fall_id)
    if gesuch.art != Gesuchsart.UNTERBRECHUNG or gesuch.status != Gesuchsstatus.BEWILLIGT:
        raise _fehler(
            "unterbrechung_ab",
            "§ 14 JVG (R-14-1): Antreten kann man nur eine bewilligte Unterbrechung.",
            "nicht_bewilligt",
        )
    if gesuch.unterbrechung_ab is not None:
        raise _fehler("unterbrechung_ab", "Die Unterbrechung ist bereits angetreten.", "bereits_angetreten")
    v = verfuegung_von(gesuch)
    if v is None or v.status not in EROEFFNETE_STATUS:
        raise _fehler(
            "unterbrechung_ab",
            "§ 14 JVG (R-14-6): Die Unterbrechung beginnt erst, wenn ihre Verfügung eröffnet ist"
            + (f" (Verfügung {v.nummer}: «{v.get_status_display()}»)." if v else "."),
            "nicht_eroeffnet",
        )
    _zeitpunkt_pruefen(am, "unterbrechung_ab")
    if fall.status != Fallstatus.IM_VOLLZUG:
        raise _fehler(
            "unterbrechung_ab",
            f"§ 14 JVG (R-14-1): Der Fall ist nicht im Vollzug (Status «{fall.get_status_display()}»).",
            "nicht_im_vollzug",
        )
    tag = lokales_datum(am)
    if not (gesuch.bewilligt_von <= tag <= gesuch.bewilligt_bis):
        raise _fehler(
            "unterbrechung_ab",
            f"§ 14 JVG (R-14-1): Die Unterbrechung ist vom {_datum(gesuch.bewilligt_von)} bis "
            f"{_datum(gesuch.bewilligt_bis)} bewilligt.",
            "ausserhalb_bewilligung",
        )
    aktuell = fall.platzierungen.filter(bis__isnull=True).first()
    if aktuell is None:
        raise _fehler("unterbrechung_ab", "Die Person ist derzeit nicht platziert.", "keine_platzierung")
    if am < aktuell.von:
        raise _fehler(
            "unterbrechung_ab",
            "Die Unterbrechung kann nicht vor dem Beginn der aktuellen Platzierung "
            f"({timezone.localtime(aktuell.von):%d.%m.%Y %H:%M}) liegen.",
            "vor_platzierung",
        )
    aktuell.bis = am
    speichern(aktuell, durch=durch, grund="Platzierung beendet (Unterbrechung § 14 JVG)")
    for folge in erweiterungen.NACH_AUSTRITT:  # e.g. § 31: a facility's measures end with the stay
        folge(aktuell, durch, "Unterbrechung (§ 14 JVG)")
    gesuch.unterbrechung_ab = am
    speichern(gesuch, durch=durch, grund="Unterbrechung angetreten (§ 14 JVG)")
    fall.status = Fallstatus.UNTERBROCHEN
    speichern(fall, durch=durch, grund="Vollzug unterbrochen (§ 14 JVG)")
    return gesuch


@transaction.atomic
def unterbrechung_beenden(
    *, gesuch: Aufschubgesuch, am: datetime, anstalt: Anstalt | None = None, durch
) -> Platzierung:
    """The person returns after the interruption (Wiedereintritt).

    Steps: permission; lock the request, the case and the person; interruption under way; `am` aware,
    not in the future, not before the departure; facility = the one left (default) and active; the
    person is not placed in another case; open a WIEDEREINTRITT placement; case → im Vollzug; the
    expected end moves by the interrupted days (`voraussichtliches_ende_berechnen`).
    """
    berechtigung_pruefen(darf_gesuch_bearbeiten(durch), "Wiedereintritt erfassen")
    gesuch = _sperren(gesuch)
    fall = Vollzugsfall.objects.select_for_update().get(pk=gesuch.fall_id)
    if gesuch.unterbrechung_ab is None or gesuch.unterbrechung_beendet_am is not None:
        raise _fehler(
            "unterbrechung_beendet_am", "Zu diesem Gesuch läuft keine Unterbrechung.", "keine_unterbrechung"
        )
    if fall.status != Fallstatus.UNTERBROCHEN:
        raise _fehler(
            "unterbrechung_beendet_am",
            f"Der Fall ist nicht unterbrochen (Status «{fall.get_status_display()}»).",
            "nicht_unterbrochen",
        )
    _zeitpunkt_pruefen(am, "unterbrechung_beendet_am")
    if am < gesuch.unterbrechung_ab:
        raise _fehler(
            "unterbrechung_beendet_am",
            "Der Wiedereintritt kann nicht vor dem Antritt der Unterbrechung "
            f"({timezone.localtime(gesuch.unterbrechung_ab):%d.%m.%Y %H:%M}) liegen.",
            "vor_antritt",
        )
    vorher = fall.platzierungen.select_related("anstalt").order_by("-von", "-pk").first()
    if anstalt is None:
        anstalt = vorher.anstalt
    if not anstalt.aktiv:
        raise _fehler("anstalt", "§ 17 JVG (R-17-1): Die Einrichtung ist nicht aktiv.", "inaktiv")
    # As at Einweisung: one place at a time per person, whatever the number of cases (R-17-1).
    person_nicht_anderswo_platziert(fall)
    platzierung = speichern(
        Platzierung(
            fall=fall,
            anstalt=anstalt,
            abteilung=vorher.abteilung if anstalt.pk == vorher.anstalt_id else "",
            art=Platzierungsart.WIEDEREINTRITT,
            von=am,
            angeordnet_durch=durch,
        ),
        durch=durch,
        grund="Wiedereintritt nach Unterbrechung (§ 14 JVG)",
    )
    gesuch.unterbrechung_beendet_am = am
    speichern(gesuch, durch=durch, grund="Unterbrechung beendet (§ 14 JVG)")
    fall.status = Fallstatus.IM_VOLLZUG
    # The interrupted days are added to the expected end (the sentence is not served meanwhile).
    fall.voraussichtliches_ende = voraussichtliches_ende_berechnen(fall)
    speichern(fall, durch=durch, grund="Vollzug nach Unterbrechung fortgesetzt (§ 14 JVG)")
    return platzierung


def unterbrechungstage(fall) -> int:
    """R-14-1: the days of the case's ended interruptions, by which its expected end moves (registered
    with kern.erweiterungen.unterbrechungstage, read by `vollzug.domain.voraussichtliches_ende_berechnen`)."""
    return sum(
        (lokales_datum(bis) - lokales_datum(ab)).days
        for ab, bis in fall.aufschubgesuche.filter(unterbrechung_beendet_am__isnull=False).values_list(
            "unterbrechung_ab", "unterbrechung_beendet_am"
        )
    )
