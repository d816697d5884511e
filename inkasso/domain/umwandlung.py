"""Conversion into an Ersatzfreiheitsstrafe (R-STGB-36-1; Art. 36, Art. 106 Abs. 2 and 5 StGB).

Rounding of part days (documented here, tested at its boundary in tests/inkasso/test_umwandlung.py):

* Geldstrafe: days = unpaid amount ÷ Tagessatz (Art. 36 Abs. 1: one Tagessatz = one day).
* Busse: days = unpaid amount × days of the judgment ÷ Busse (Art. 106 Abs. 5 with Abs. 2:
  proportionally to the Ersatzfreiheitsstrafe set in the judgment).
* A part day is rounded **down**, in favour of the convicted person (a day of deprivation of liberty is
  never imposed for less than its full equivalent in money); but as long as any amount is unpaid the
  result is **at least one day** (Art. 106 Abs. 2: "mindestens einen Tag"; otherwise a remainder below
  one Tagessatz could never be enforced). Exactly n Tagessätze → n days; n Tagessätze + CHF 0.01 → n;
  CHF 0.01 → 1; nothing unpaid → 0.
* The arithmetic is exact (`Decimal`, integer division), never float.

Paying later reduces the days (Art. 36 Abs. 1), also during execution: after every payment on a
converted claim the days are recomputed from the new balance with the same function and the case's
Sanktion is updated through `vollzug.services.ersatzfreiheitsstrafe_anpassen` (the Vollzugsdaten
recalculate from the case's current sentences).

Opening the execution case once the Verfügung is enforceable (issue 22 gap 2). Opening a case is the
§ 12 intake, an act of a case worker (`kern.rollen.darf_fall_erfassen`); the jobs' system account may not
do it, and the job does not borrow the identity of the case worker who decided (the history would name
someone who did not act, R-0-AUDIT-1). So:
* enforceable at the Eröffnung (suspensive effect withdrawn before): the Eröffnung consequence opens
  the case at once, as the case worker who notifies – a human acting now, who may open cases;
* enforceable later (Rechtskraft after the 20-day appeal period, set by the Rechtskraft job, or the
  suspensive effect withdrawn after Eröffnung): the job `vollzugsfaelle_melden` puts the task
  "Vollzugsfall eröffnen" into the case workers' work basket, due immediately (one per conversion);
  opening the case closes it.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from inkasso.models import (
    ERLEDIGT,
    UMWANDELBAR,
    Entscheidart,
    Forderung,
    Forderungsart,
    Forderungsstatus,
    Umwandlung,
)
from inkasso.permissions import darf_inkasso_bearbeiten
from inkasso.recht import InkassoAufgabenart
from kern.audit import speichern, system_benutzer
from kern.geld import chf
from kern.jobs import Zeitbudget, stapelweise
from kern.models import Aufgabe
from kern.rollen import Rolle, berechtigung_pruefen, darf_fall_erfassen
from verfuegungen import domain as verfuegungen
from verfuegungen.recht import VOLLZUGSBEHOERDE, Verfuegungsstatus, Verfuegungstyp
from vollzug import domain as vollzug
from vollzug.recht import Entscheidart as Urteilsart
from vollzug.recht import Sanktionsart


def _fehler(feld: str, meldung: str, code: str) -> ValidationError:
    return ValidationError({feld: ValidationError(meldung, code=code)})


def tage_fuer(forderung: Forderung, offen: Decimal) -> int:
    """Days of Ersatzfreiheitsstrafe for the unpaid amount `offen` (see the module docstring)."""
    if offen <= 0:
        return 0
    if forderung.art == Forderungsart.GELDSTRAFE:
        # offen / tagessatz, rounded down: integer division of Rappen amounts (exact).
        tage = int(offen * 100) // int(forderung.tagessatz * 100)
    elif forderung.art == Forderungsart.BUSSE:
        tage = int(offen * 100) * forderung.efs_tage // int(forderung.betrag * 100)
    else:
        raise ValueError("Nur Geldstrafe und Busse werden umgewandelt.")
    return max(tage, 1)


@transaction.atomic
def umwandlung_beantragen(*, forderung: Forderung, uneinbringlich_grund: str, durch) -> Umwandlung:
    """R-STGB-36-1: draft the conversion Verfügung of an uncollectable Geldstrafe or Busse.

    Steps: permission; kind (Geldstrafe, Busse); payment deadline passed; uncollectable (Art. 36 Abs. 1:
    "auf dem Betreibungsweg uneinbringlich" – a Betreibung without success, or the reason why it
    promises none, Art. 35 Abs. 3); days from the unpaid part; Verfügung (federal law, § 43 Abs. 2
    lit. a JVG) as draft of the shared lifecycle; record. The case is opened once it is enforceable
    (`vollzugsfall_eroeffnen`)."""
    berechtigung_pruefen(darf_inkasso_bearbeiten(durch), "Umwandlung verfügen")
    f = Forderung.objects.select_for_update().select_related("person").get(pk=forderung.pk)
    if f.art not in UMWANDELBAR:
        raise _fehler(
            "art",
            "Art. 36 StGB: Nur eine Geldstrafe oder Busse wird in eine Ersatzfreiheitsstrafe umgewandelt.",
            "art",
        )
    if f.status in ERLEDIGT or f.status in (Forderungsstatus.UMGEWANDELT, Forderungsstatus.GEMEINNUETZIG):
        raise _fehler("status", f"Die Forderung ist {f.get_status_display().lower()}.", "status")
    if hasattr(f, "umwandlung"):
        raise _fehler("status", "Die Umwandlung ist bereits verfügt.", "doppelt")
    heute = timezone.localdate()
    # Art. 35 Abs. 2: where immediate payment was ordered, the claim is due today already.
    sofort = f.entscheide.filter(art=Entscheidart.SOFORT).exists()
    if f.zahlungsfrist > heute or (f.zahlungsfrist == heute and not sofort):
        raise _fehler(
            "status",
            f"Art. 35/36 StGB: Die Zahlungsfrist läuft noch bis {f.zahlungsfrist:%d.%m.%Y}.",
            "frist_laeuft",
        )
    grund = (uneinbringlich_grund or "").strip()
    if not grund:
        raise _fehler(
            "uneinbringlich_grund",
            "Art. 36 Abs. 1 StGB: Angeben, weshalb die Forderung auf dem Betreibungsweg uneinbringlich ist.",
            "grund",
        )
    offen = f.saldo
    if offen <= 0:
        raise _fehler("status", "Die Forderung ist bezahlt.", "bezahlt")
    tage = tage_fuer(f, offen)
    umrechnung = (
        f"{f.tagessaetze} Tagessätze zu {chf(f.tagessatz)}; offen {chf(offen)} = {tage} Tage "
        "(ein Tagessatz = ein Tag, Art. 36 Abs. 1 StGB)"
        if f.art == Forderungsart.GELDSTRAFE
        else f"Busse {chf(f.betrag)} mit {f.efs_tage} Tagen Ersatzfreiheitsstrafe; offen {chf(offen)} = {tage} Tage "
        "(anteilsmässig, Art. 106 Abs. 2 und 5 StGB)"
    )
    v = verfuegungen.verfuegung_entwerfen(
        typ=Verfuegungstyp.BUNDESRECHT,
        person=f.person,
        fall=f.fall,
        daten=verfuegungen.Entwurfsdaten(
            titel=f"Umwandlung in eine Ersatzfreiheitsstrafe ({f.get_art_display()})",
            rechtsgrundlage="Art. 36 Abs. 1, Art. 106 Abs. 2 und 5 StGB; § 2 Abs. 1 lit. d JVG",
            sachverhalt=(
                f"{f.get_art_display()} gemäss Entscheid {f.referenz} der {f.behoerde} vom "
                f"{f.entscheid_datum:%d.%m.%Y}, rechtskräftig seit {f.rechtskraft_am:%d.%m.%Y}; Forderung "
                f"{f.nummer}, zahlbar bis {f.zahlungsfrist:%d.%m.%Y}, offen {chf(offen)}."
            ),
            begruendung=f"Die Forderung ist uneinbringlich: {grund}\n\nUmrechnung: {umrechnung}.",
            dispositiv=(
                f"Der unbezahlte Betrag von {chf(offen)} wird in eine Ersatzfreiheitsstrafe von {tage} Tagen "
                "umgewandelt.\nDie Ersatzfreiheitsstrafe entfällt im Umfang einer späteren Zahlung "
                "(Art. 36 Abs. 1 StGB)."
            ),
        ),
        durch=durch,
    )
    return speichern(
        Umwandlung(
            forderung=f,
            offen_betrag=offen,
            tage=tage,
            verfuegung=v,
            erfasst_durch=durch,
            erfasst_am=timezone.now(),
        ),
        durch=durch,
        grund=f"Umwandlung verfügt (Entwurf {v.nummer})",
    )


@transaction.atomic
def vollzugsfall_eroeffnen(*, umwandlung: Umwandlung, durch) -> Umwandlung:
    """R-STGB-36-1: once the conversion Verfügung is enforceable (R-0-VFG-4), open the execution case
    through the case core's `fall_erfassen` (§ 12 JVG), with the days of the balance *now* (a payment
    since the Verfügung reduces them, Art. 36 Abs. 1)."""
    berechtigung_pruefen(darf_inkasso_bearbeiten(durch), "Vollzugsfall eröffnen")
    u = (
        Umwandlung.objects.select_for_update()
        .select_related("verfuegung", "forderung__person")
        .get(pk=umwandlung.pk)
    )
    if u.fall_id:
        raise _fehler("fall", f"Der Vollzugsfall {u.fall.fallnummer} ist bereits eröffnet.", "doppelt")
    v = u.verfuegung
    if u.aufgehoben_am is not None:
        raise _fehler(
            "verfuegung", f"Art. 36 StGB: Die Umwandlung (Verfügung {v.nummer}) ist aufgehoben.", "aufgehoben"
        )
    if not verfuegungen.ist_vollstreckbar(v):
        raise _fehler(
            "verfuegung",
            f"§ 44 JVG: Die Verfügung {v.nummer} ist noch nicht vollstreckbar (Status: {v.get_status_display()}).",
            "nicht_vollstreckbar",
        )
    f = Forderung.objects.select_for_update().get(pk=u.forderung_id)
    tage = tage_fuer(f, f.saldo)
    if tage <= 0:
        raise _fehler("fall", "Die Forderung ist inzwischen bezahlt: keine Ersatzfreiheitsstrafe.", "bezahlt")
    heute = timezone.localdate()
    fall = vollzug.fall_erfassen(
        person=f.person,
        entscheid=vollzug.EntscheidDaten(
            art=Urteilsart.VOLLZUGSENTSCHEID,
            behoerde=VOLLZUGSBEHOERDE,
            referenz=v.nummer,
            entscheid_datum=v.entscheid_datum or timezone.localdate(v.eroeffnet_am),
            rechtskraft_am=min(v.rechtskraeftig_am or heute, heute),
        ),
        sanktionen=[
            vollzug.SanktionDaten(
                art=Sanktionsart.ERSATZFREIHEITSSTRAFE,
                dauer_tage=tage,
                bemerkung=f"Umwandlung Forderung {f.nummer} (Art. 36 StGB)"[:200],
            )
        ],
        durch=durch,
    )
    u.fall = fall
    u.sanktion = fall.entscheide.get().sanktionen.get()
    u.tage = tage
    speichern(u, durch=durch, grund=f"Vollzugsfall {fall.fallnummer} eröffnet")
    f.status = Forderungsstatus.UMGEWANDELT
    speichern(f, durch=durch, grund=f"Umgewandelt: {tage} Tage Ersatzfreiheitsstrafe", felder=["status"])
    if u.aufgabe_id and u.aufgabe.erledigt_am is None:
        a = u.aufgabe
        a.erledigt_am, a.erledigt_durch = timezone.now(), durch
        speichern(a, durch=durch, grund="Aufgabe erledigt", felder=["erledigt_am", "erledigt_durch"])
    return u


def vor_eroeffnung(v, am, muendlich_am) -> None:
    """Eröffnung check: a conversion whose claim has been paid in full since the draft is not notified
    (Art. 36 Abs. 1: payment replaces the Ersatzfreiheitsstrafe); the Verfügung is lifted instead."""
    u = Umwandlung.objects.filter(verfuegung=v).select_related("forderung").first()
    if u is not None and u.forderung.saldo <= 0:
        raise _fehler(
            "verfuegung",
            f"Art. 36 Abs. 1 StGB: Die Forderung {u.forderung.nummer} ist inzwischen bezahlt; "
            "die Verfügung aufheben statt eröffnen.",
            "bezahlt",
        )


def nach_eroeffnung(v, durch) -> None:
    """Eröffnung consequence (same transaction): a conversion enforceable already now opens its case,
    as the case worker who notifies, if that person may open cases; otherwise the job raises the task."""
    u = Umwandlung.objects.filter(verfuegung=v, fall__isnull=True).first()
    if u is None or not verfuegungen.ist_vollstreckbar(v):
        return
    if darf_inkasso_bearbeiten(durch) and darf_fall_erfassen(durch):
        vollzugsfall_eroeffnen(umwandlung=u, durch=durch)


JOB = "inkasso-vollzugsfaelle"
# Statuses in which a Verfügung may be enforceable (R-0-VFG-4); `ist_vollstreckbar` decides.
_VIELLEICHT_VOLLSTRECKBAR = (
    Verfuegungsstatus.EROEFFNET,
    Verfuegungsstatus.ANGEFOCHTEN,
    Verfuegungsstatus.BESCHWERDEENTSCHEID,
    Verfuegungsstatus.RECHTSKRAEFTIG,
    Verfuegungsstatus.VOLLZOGEN,
)


def vollzugsfaelle_melden(*, batch: int = 200, zeitbudget_s: float = 50) -> int:
    """R-STGB-36-1: for every conversion whose Verfügung is enforceable and whose case is not open, one
    task "Vollzugsfall eröffnen" for the case workers, due now (batched; idempotent through
    `Umwandlung.aufgabe`). Returns how many tasks were raised."""
    job = system_benutzer(JOB)
    jetzt = timezone.now()
    gemeldet = 0

    def verarbeiten(umwandlungen):
        nonlocal gemeldet
        for u in umwandlungen:
            v = u.verfuegung
            if not verfuegungen.ist_vollstreckbar(v, jetzt):
                continue
            u.aufgabe = speichern(
                Aufgabe(
                    art=InkassoAufgabenart.VOLLZUGSFALL_EROEFFNEN,
                    titel=f"Vollzugsfall eröffnen: Forderung {u.forderung.nummer}, Verfügung {v.nummer} "
                    "vollstreckbar (Art. 36 StGB)",
                    beschreibung="Die Umwandlung in eine Ersatzfreiheitsstrafe ist vollstreckbar (§ 44 JVG). "
                    "Den Vollzugsfall auf der Seite der Forderung eröffnen (§ 12 JVG).",
                    fuer_rolle=Rolle.SACHBEARBEITUNG,
                    faellig_am=jetzt,
                ),
                durch=job,
                grund="Aufgabe erstellt",
            )
            speichern(u, durch=job, grund="Aufgabe: Vollzugsfall eröffnen", felder=["aufgabe"])
            gemeldet += 1

    stapelweise(
        Umwandlung.objects.filter(
            fall__isnull=True,
            aufgabe__isnull=True,
            aufgehoben_am__isnull=True,
            verfuegung__status__in=_VIELLEICHT_VOLLSTRECKBAR,
        ).select_related("verfuegung", "forderung"),
        batch=batch,
        budget=Zeitbudget(zeitbudget_s),
        verarbeiten=verarbeiten,
    )
    return gemeldet


def nach_zahlung(f: Forderung, durch, u: Umwandlung | None = None) -> None:
    """Art. 36 Abs. 1: a payment on a converted claim reduces the Ersatzfreiheitsstrafe (same transaction
    as the payment; `f` is locked; `u` its conversion if the caller already has it)."""
    u = u or Umwandlung.objects.filter(forderung=f).select_related("sanktion").first()
    if u is None or u.sanktion_id is None or u.aufgehoben_am is not None:
        return
    tage = tage_fuer(f, f.saldo)
    if tage == u.tage:
        return
    grund = f"Zahlung auf Forderung {f.nummer}: Ersatzfreiheitsstrafe {u.tage} → {tage} Tage (Art. 36 Abs. 1 StGB)"
    vollzug.ersatzfreiheitsstrafe_anpassen(sanktion=u.sanktion, dauer_tage=tage, grund=grund, durch=durch)
    u.tage = tage
    speichern(u, durch=durch, grund=grund[:100], felder=["tage"])


def nach_aufhebung(aufhebung) -> None:
    """Issue 23 (registered with `kern.erweiterungen.nach_aufhebung` for type Bundesrecht): the conversion
    Verfügung was lifted or set aside on appeal → the conversion ends (when and why, history with the
    actor): no case is opened for it any more (`vollzugsfall_eroeffnen`, `vollzugsfaelle_melden`; an open
    task "Vollzugsfall eröffnen" is closed). If the case was opened already, the Ersatzfreiheitsstrafe has
    lost its ground: it is set to 0 days through the case core (`ersatzfreiheitsstrafe_anpassen`, the
    Vollzugsdaten recalculate) and the claim is collected again (status open: reminders, Betreibung). The
    case itself is not closed here: ending an execution under way (release) is the case worker's act.
    Another module's federal-law decision: no effect."""
    u = (
        Umwandlung.objects.select_for_update(of=("self",))
        .select_related("aufgabe")
        .filter(verfuegung=aufhebung.verfuegung)
        .first()
    )
    if u is None or u.aufgehoben_am is not None:
        return
    u.aufgehoben_am, u.aufhebung_grund = aufhebung.am, aufhebung.grund
    speichern(u, durch=aufhebung.durch, grund=aufhebung.anlass, felder=["aufgehoben_am", "aufhebung_grund"])
    if u.aufgabe_id and u.aufgabe.erledigt_am is None:
        a = u.aufgabe
        a.erledigt_am, a.erledigt_durch = aufhebung.am, aufhebung.durch
        speichern(a, durch=aufhebung.durch, grund=aufhebung.anlass, felder=["erledigt_am", "erledigt_durch"])
    if u.sanktion_id is None:
        return
    vollzug.ersatzfreiheitsstrafe_anpassen(
        sanktion=u.sanktion, dauer_tage=0, grund=aufhebung.anlass, durch=aufhebung.durch
    )
    f = Forderung.objects.select_for_update().get(pk=u.forderung_id)
    if f.status == Forderungsstatus.UMGEWANDELT:
        f.status = Forderungsstatus.OFFEN
        speichern(f, durch=aufhebung.durch, grund=aufhebung.anlass, felder=["status"])
