"""Revocation of gemeinnützige Arbeit (R-STGB-79A-1; Art. 79a Abs. 6 StGB, issue 22 item 7): work not
done despite a warning (the reason given names the Mahnung, as in vollzugsgestaltung).

The revocation is a Verfügung of the shared lifecycle (federal law, § 43 Abs. 2 lit. a JVG), drafted
here like the conversion (`inkasso.domain.umwandlung`); draft, approval (four eyes) and Eröffnung run
in `verfuegungen`. Its effect – the claim revives for the part not worked off and its collection
continues (reminders, Betreibung, conversion, Art. 35/36 StGB) – takes effect at the Eröffnung, through
the consequence registered with `kern.erweiterungen.eroeffnung` (contributions.py). Until then the work
runs on: hours may still be logged, and work completed in the meantime refuses the Eröffnung.
Days already worked off stay settled (Art. 79a Abs. 4: four hours = one day).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from inkasso.domain.arbeit import geleistete_stunden
from inkasso.models import Arbeitsstatus, Forderung, Forderungsstatus, GemeinnuetzigeArbeit
from inkasso.permissions import darf_inkasso_bearbeiten
from kern.audit import speichern
from kern.fristen import lokales_datum
from kern.geld import chf
from kern.rollen import berechtigung_pruefen
from verfuegungen import domain as verfuegungen
from verfuegungen.recht import Verfuegungsstatus, Verfuegungstyp

BEGRUENDUNG_MAX = 2000


def _fehler(feld: str, meldung: str, code: str) -> ValidationError:
    return ValidationError({feld: ValidationError(meldung, code=code)})


def _haengig(a: GemeinnuetzigeArbeit) -> bool:
    v = a.widerruf_verfuegung
    return v is not None and v.status != Verfuegungsstatus.AUFGEHOBEN and a.widerruf_aufgehoben_am is None


@transaction.atomic
def arbeit_widerrufen(*, arbeit: GemeinnuetzigeArbeit, begruendung: str, durch) -> GemeinnuetzigeArbeit:
    """R-STGB-79A-1: draft the Verfügung revoking gemeinnützige Arbeit not done (Art. 79a StGB).

    Steps: permission; work still running; no revocation pending (a lifted draft may be replaced);
    reason given and bounded; Verfügung drafted; recorded on the work. The claim revives only at the
    Eröffnung (`nach_eroeffnung`)."""
    berechtigung_pruefen(darf_inkasso_bearbeiten(durch), "Gemeinnützige Arbeit widerrufen")
    a = (
        # of=self: PostgreSQL refuses FOR UPDATE on the nullable side of the join (widerruf_verfuegung).
        GemeinnuetzigeArbeit.objects.select_for_update(of=("self",))
        .select_related("widerruf_verfuegung", "forderung__person")
        .get(pk=arbeit.pk)
    )
    if a.status != Arbeitsstatus.LAUFEND:
        raise _fehler("status", "Art. 79a StGB: Nur laufende Arbeit kann widerrufen werden.", "status")
    if _haengig(a):
        raise _fehler(
            "status",
            f"Art. 79a StGB: Der Widerruf ist bereits verfügt (Verfügung {a.widerruf_verfuegung.nummer}).",
            "doppelt",
        )
    grund = (begruendung or "").strip()
    if not grund:
        raise _fehler(
            "begruendung", "Art. 79a Abs. 6 StGB: Mahnung und Gründe der Nichtleistung angeben.", "grund"
        )
    if len(grund) > BEGRUENDUNG_MAX:
        raise _fehler(
            "begruendung", f"Die Begründung umfasst höchstens {BEGRUENDUNG_MAX} Zeichen.", "zu_lang"
        )
    f = a.forderung
    geleistet = geleistete_stunden(a)
    v = verfuegungen.verfuegung_entwerfen(
        typ=Verfuegungstyp.BUNDESRECHT,
        person=f.person,
        fall=f.fall,
        gegenstand=a,
        daten=verfuegungen.Entwurfsdaten(
            titel=f"Widerruf der gemeinnützigen Arbeit ({f.get_art_display()})",
            rechtsgrundlage="Art. 79a Abs. 6 StGB; Art. 35 und 36 StGB; § 2 Abs. 1 lit. d JVG",
            sachverhalt=(
                f"Gemeinnützige Arbeit statt Zahlung der Forderung {f.nummer} ({f.get_art_display()}), "
                f"bewilligt am {lokales_datum(a.bewilligt_am):%d.%m.%Y}: {a.stunden_soll} Stunden bei "
                f"{a.einsatzbetrieb}, zu leisten bis {a.frist_bis:%d.%m.%Y}; geleistet {geleistet} Stunden."
            ),
            begruendung=f"Die gemeinnützige Arbeit wird nicht geleistet: {grund}",
            dispositiv=(
                "Die Bewilligung der gemeinnützigen Arbeit wird widerrufen.\n"
                f"Die Forderung {f.nummer} lebt für den nicht abgearbeiteten Teil wieder auf und ist sofort "
                "zahlbar; bleibt sie unbezahlt, wird sie vollstreckt oder in eine Ersatzfreiheitsstrafe "
                "umgewandelt (Art. 35 und 36 StGB).\nBereits geleistete Arbeit bleibt angerechnet "
                "(vier Stunden für einen Tag, Art. 79a StGB)."
            ),
        ),
        durch=durch,
    )
    a.widerruf_verfuegung = v
    a.widerruf_begruendung = grund
    # A new revocation after one was set aside (issue 23): the old lifting stays in the history.
    a.widerruf_aufgehoben_am, a.widerruf_aufgehoben_grund = None, ""
    return speichern(
        a,
        durch=durch,
        grund=f"Widerruf verfügt (Entwurf {v.nummer})",
        felder=[
            "widerruf_verfuegung",
            "widerruf_begruendung",
            "widerruf_aufgehoben_am",
            "widerruf_aufgehoben_grund",
        ],
    )


def _arbeit_von(v) -> GemeinnuetzigeArbeit | None:
    return GemeinnuetzigeArbeit.objects.select_for_update().filter(widerruf_verfuegung=v).first()


def vor_eroeffnung(v, am, muendlich_am) -> None:
    """Eröffnung check: work completed since the draft cannot be revoked any more."""
    a = _arbeit_von(v)
    if a is not None and a.status != Arbeitsstatus.LAUFEND:
        raise _fehler(
            "verfuegung",
            f"Art. 79a StGB: Die gemeinnützige Arbeit ist inzwischen {a.get_status_display().lower()}; "
            "die Verfügung aufheben statt eröffnen.",
            "arbeit_abgeschlossen",
        )


def nach_eroeffnung(v, durch) -> None:
    """Eröffnung consequence (same transaction): the work is revoked and the claim revives, payable at
    once from the Eröffnung (so reminders and the conversion follow, Art. 35/36 StGB)."""
    a = _arbeit_von(v)
    if a is None:
        return
    a.status = Arbeitsstatus.WIDERRUFEN
    speichern(a, durch=durch, grund=f"Widerrufen (Verfügung {v.nummer} eröffnet)", felder=["status"])
    f = Forderung.objects.select_for_update().get(pk=a.forderung_id)
    f.status = Forderungsstatus.OFFEN
    f.zahlungsfrist = lokales_datum(v.eroeffnet_am or timezone.now())
    speichern(
        f,
        durch=durch,
        grund=f"Forderung lebt wieder auf, offen {chf(f.saldo)} (Art. 79a StGB, Verfügung {v.nummer})"[:100],
        felder=["status", "zahlungsfrist"],
    )


def nach_aufhebung(aufhebung) -> None:
    """Issue 23 (registered with `kern.erweiterungen.nach_aufhebung` for type Bundesrecht): a revocation in
    force was lifted or set aside on appeal → it ends (when and why, history with the actor): the work runs
    on (hours may be logged again) and a claim that revived and is still open goes back to being settled by
    the work. A claim converted or paid since then stays as it is (those are decisions of their own). A
    revocation lifted as a draft ordered nothing (`_haengig`). Another module's decision: no effect."""
    a = (
        GemeinnuetzigeArbeit.objects.select_for_update()
        .filter(widerruf_verfuegung=aufhebung.verfuegung)
        .first()
    )
    if a is None or a.status != Arbeitsstatus.WIDERRUFEN or a.widerruf_aufgehoben_am is not None:
        return
    a.status = Arbeitsstatus.LAUFEND
    a.widerruf_aufgehoben_am, a.widerruf_aufgehoben_grund = aufhebung.am, aufhebung.grund
    speichern(
        a,
        durch=aufhebung.durch,
        grund=aufhebung.anlass,
        felder=["status", "widerruf_aufgehoben_am", "widerruf_aufgehoben_grund"],
    )
    f = Forderung.objects.select_for_update().get(pk=a.forderung_id)
    if f.status == Forderungsstatus.OFFEN:
        f.status = Forderungsstatus.GEMEINNUETZIG
        speichern(f, durch=aufhebung.durch, grund=aufhebung.anlass, felder=["status"])
