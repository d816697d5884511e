"""Begnadigung (§ 51 JVG; Art. 381–383 StGB): the request recorded, forwarded to the Kantonsrat, its
decision recorded (R-51-1).

§ 51 Abs. 1: the Kantonsrat is the cantonal pardon authority; Abs. 2: it decides finally (no Verfügung
of the authority, no appeal). Whether execution is suspended until then is decided and recorded when
the request is forwarded (Art. 383 StGB leaves the procedure to the canton).

A suspension takes effect on the case at once: a case in execution becomes "Vollzug unterbrochen" from
the forwarding day; the Kantonsrat's decision ends it (that day is served again), and the days between
are not served — read like a § 14 interruption by the Strafzeitberechnung
(`kern.erweiterungen.nicht_verbuesste_zeiten`) and the expected end (`unterbrechungstage`), so the dates
and the conditional-release examination move by them; while the case is interrupted its examination is
not listed as due. A full pardon leaves the case interrupted for its release (`vollzug.entlassen`); a
refusal to suspend changes nothing. The person's placement is not changed here.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone

from kern.audit import speichern
from kern.fristen import lokales_datum
from kern.rollen import berechtigung_pruefen
from kern.strafzeit import Zeitraum
from vollzug.domain import voraussichtliches_ende_berechnen
from vollzug.models import Person, Vollzugsfall
from vollzug.recht import Fallstatus
from vollzugsgestaltung import permissions, recht
from vollzugsgestaltung.domain._basis import datum_pruefen, fehler, sperren, text_pflicht
from vollzugsgestaltung.models import Begnadigungsgesuch

S = recht.Gnadenstatus


@transaction.atomic
def gesuch_erfassen(
    *,
    person: Person,
    eingereicht_am: date,
    gesuchsteller: str,
    begehren: str,
    durch,
    fall: Vollzugsfall | None = None,
) -> Begnadigungsgesuch:
    berechtigung_pruefen(permissions.darf_begnadigung_bearbeiten(durch), "Begnadigungsgesuch erfassen")
    if fall is not None and fall.person_id != person.pk:
        raise fehler("fall", "Der Fall gehört nicht zu dieser Person.", "fall_person")
    g = Begnadigungsgesuch(
        person=person,
        fall=fall,
        eingereicht_am=datum_pruefen(eingereicht_am, "eingereicht_am", nicht_nach=timezone.localdate()),
        gesuchsteller=text_pflicht(
            gesuchsteller, "gesuchsteller", "Die gesuchstellende Person angeben.", max_laenge=150
        ),
        begehren=text_pflicht(begehren, "begehren", "Begehren und Begründung des Gesuchs festhalten."),
        erfasst_durch=durch,
        erfasst_am=timezone.now(),
    )
    return speichern(g, durch=durch, grund="Begnadigungsgesuch erfasst (§ 51 JVG)")


@transaction.atomic
def weiterleiten(
    *,
    gesuch: Begnadigungsgesuch,
    am: date,
    bericht: str,
    vollzug_aussetzen: bool,
    aussetzung_begruendung: str,
    durch,
) -> Begnadigungsgesuch:
    """R-51-1: forward to the Kantonsrat with the authority's report; decide whether execution is
    suspended meanwhile (with reasons either way: the person's liberty is at stake)."""
    berechtigung_pruefen(permissions.darf_begnadigung_bearbeiten(durch), "Begnadigungsgesuch weiterleiten")
    g = sperren(Begnadigungsgesuch, gesuch)
    if g.status != S.EINGEREICHT:
        raise fehler("status", "Das Gesuch ist bereits weitergeleitet.", "weitergeleitet")
    datum_pruefen(am, "weitergeleitet_am", nicht_nach=timezone.localdate())
    if am < g.eingereicht_am:
        raise fehler(
            "weitergeleitet_am",
            "§ 51 JVG: Das Gesuch wird nach seinem Eingang weitergeleitet (nicht vorher).",
            "vor_eingang",
        )
    if not isinstance(vollzug_aussetzen, bool):
        raise fehler("vollzug_ausgesetzt", "Angeben, ob der Vollzug ausgesetzt wird.", "aussetzen")
    g.bericht = text_pflicht(bericht, "bericht", "§ 51 JVG: Den Bericht an den Kantonsrat verfassen.")
    g.aussetzung_begruendung = text_pflicht(
        aussetzung_begruendung,
        "aussetzung_begruendung",
        "Begründen, weshalb der Vollzug bis zum Entscheid des Kantonsrats (nicht) ausgesetzt wird.",
    )
    g.weitergeleitet_am, g.vollzug_ausgesetzt, g.status = am, vollzug_aussetzen, S.WEITERGELEITET
    if vollzug_aussetzen and g.fall_id is not None:
        fall = Vollzugsfall.objects.select_for_update().get(pk=g.fall_id)
        # Only an execution under way is suspended (before its start there is nothing to interrupt;
        # a case already interrupted under § 14 stays so).
        if fall.status == Fallstatus.IM_VOLLZUG:
            if fall.vollzugsbeginn is not None and am < lokales_datum(fall.vollzugsbeginn):
                raise fehler(
                    "weitergeleitet_am",
                    "§ 51 JVG: Der Vollzug kann nicht vor seinem Beginn ausgesetzt werden.",
                    "vor_vollzugsbeginn",
                )
            g.ausgesetzt_ab = am
            fall.status = Fallstatus.UNTERBROCHEN
            speichern(
                fall,
                durch=durch,
                grund="Vollzug ausgesetzt bis zum Entscheid über die Begnadigung (§ 51 JVG)",
            )
    return speichern(
        g,
        durch=durch,
        grund="An den Kantonsrat weitergeleitet (§ 51 JVG); Vollzug "
        + ("ausgesetzt" if vollzug_aussetzen else "nicht ausgesetzt"),
    )


@transaction.atomic
def entscheid_erfassen(
    *, gesuch: Begnadigungsgesuch, entscheid: str, am: date, text: str, durch
) -> Begnadigungsgesuch:
    """R-51-1: the Kantonsrat's final decision (§ 51 Abs. 2 JVG); a suspension of execution ends with it."""
    berechtigung_pruefen(permissions.darf_begnadigung_bearbeiten(durch), "Entscheid des Kantonsrats erfassen")
    g = sperren(Begnadigungsgesuch, gesuch)
    if g.status != S.WEITERGELEITET:
        raise fehler(
            "entscheid",
            "§ 51 JVG: Der Kantonsrat entscheidet über ein weitergeleitetes Gesuch; es ist "
            + ("bereits entschieden." if g.status == S.ENTSCHIEDEN else "noch nicht weitergeleitet."),
            "status",
        )
    if entscheid not in recht.Gnadenentscheid.values:
        raise fehler("entscheid", "Unbekannter Entscheid.", "entscheid")
    datum_pruefen(am, "entscheid_am", nicht_nach=timezone.localdate())
    if am < g.weitergeleitet_am:
        raise fehler(
            "entscheid_am",
            "§ 51 JVG: Der Entscheid folgt der Weiterleitung (nicht vorher).",
            "vor_weiterleitung",
        )
    g.entscheid, g.entscheid_am, g.status = entscheid, am, S.ENTSCHIEDEN
    g.entscheid_text = text_pflicht(text, "entscheid_text", "Den Inhalt des Entscheids festhalten.")
    g.vollzug_ausgesetzt = False
    fortsetzen = g.ausgesetzt_ab is not None and g.ausgesetzt_bis is None
    if fortsetzen:
        g.ausgesetzt_bis = am  # the suspension ends with the decision
    g = speichern(g, durch=durch, grund=f"Entscheid des Kantonsrats: {g.get_entscheid_display()}")
    if fortsetzen:
        _vollzug_fortsetzen(g, durch)
    return g


def _vollzug_fortsetzen(g: Begnadigungsgesuch, durch) -> None:
    """After the decision: the days from the forwarding are not served (read from the saved request);
    execution continues, unless the pardon is granted in full (the case then awaits its release)."""
    fall = Vollzugsfall.objects.select_for_update().get(pk=g.fall_id)
    if fall.status != Fallstatus.UNTERBROCHEN:
        return
    if g.entscheid != recht.Gnadenentscheid.GUTGEHEISSEN:
        fall.status = Fallstatus.IM_VOLLZUG
    fall.voraussichtliches_ende = voraussichtliches_ende_berechnen(fall)
    speichern(
        fall,
        durch=durch,
        grund="Vollzug nach dem Entscheid des Kantonsrats fortgesetzt (§ 51 JVG)"
        if fall.status == Fallstatus.IM_VOLLZUG
        else "Begnadigung gewährt: Entlassung vorzunehmen (§ 51 JVG)",
    )


def nicht_verbuesst(fall) -> list[Zeitraum]:
    """R-VD-1: ended suspensions pending a pardon are not served: [forwarding, decision), one query."""
    return [
        Zeitraum(ab, bis, "Aussetzung wegen Begnadigungsgesuch (§ 51 JVG)")
        for ab, bis in Begnadigungsgesuch.objects.filter(
            fall=fall, ausgesetzt_ab__isnull=False, ausgesetzt_bis__isnull=False
        ).values_list("ausgesetzt_ab", "ausgesetzt_bis")
    ]


def aussetzungstage(fall) -> int:
    """The days of ended suspensions, by which the case core's expected end moves."""
    return sum((z.bis - z.von).days for z in nicht_verbuesst(fall))
