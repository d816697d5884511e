"""Claims from judgments (R-2D-1) and the decisions on their payment terms (R-STGB-35-1)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from inkasso import recht
from inkasso.models import (
    ERLEDIGT,
    Entscheidart,
    Forderung,
    Forderungsart,
    Forderungsstatus,
    Rate,
    Zahlungsentscheid,
)
from inkasso.permissions import darf_inkasso_bearbeiten
from kern.audit import naechste_nummer, speichern
from kern.fristen import monatsfrist
from kern.geld import geld
from kern.qrrechnung import qr_referenz
from kern.rollen import berechtigung_pruefen
from vollzug.models import Person, Vollzugsfall


def _fehler(feld: str, meldung: str, code: str) -> ValidationError:
    return ValidationError({feld: ValidationError(meldung, code=code)})


@dataclass(frozen=True)
class Forderungsdaten:
    art: str
    behoerde: str
    referenz: str
    entscheid_datum: date
    rechtskraft_am: date
    betrag: Decimal | None = None  # Busse, Ersatzforderung, Verfahrenskosten
    tagessaetze: int | None = None  # Geldstrafe (unconditional part only)
    tagessatz: Decimal | None = None
    efs_tage: int | None = None  # Busse: Ersatzfreiheitsstrafe of the judgment
    tagessatz_ausnahme: bool = False  # Art. 34 Abs. 2: exceptionally down to CHF 10


def _betrag_pruefen(d: Forderungsdaten) -> tuple[Decimal, int | None, Decimal | None, int | None]:
    """R-2D-1: the amount of each kind of claim, with the limits of the StGB. Returns
    (betrag, tagessaetze, tagessatz, efs_tage)."""
    if d.art == Forderungsart.GELDSTRAFE:
        if isinstance(d.tagessaetze, bool) or not isinstance(d.tagessaetze, int):
            raise _fehler("tagessaetze", "Art. 34 Abs. 1 StGB: Anzahl Tagessätze angeben.", "tagessaetze")
        if not recht.TAGESSAETZE_MIN <= d.tagessaetze <= recht.TAGESSAETZE_MAX:
            raise _fehler(
                "tagessaetze",
                f"Art. 34 Abs. 1 StGB: Eine Geldstrafe beträgt {recht.TAGESSAETZE_MIN} bis "
                f"{recht.TAGESSAETZE_MAX} Tagessätze.",
                "tagessaetze_bereich",
            )
        if d.tagessatz is None:
            raise _fehler("tagessatz", "Art. 34 Abs. 2 StGB: Höhe des Tagessatzes angeben.", "tagessatz")
        tagessatz = geld(d.tagessatz, "tagessatz")
        minimum = recht.TAGESSATZ_MIN_AUSNAHME if d.tagessatz_ausnahme else recht.TAGESSATZ_MIN
        if not minimum <= tagessatz <= recht.TAGESSATZ_MAX:
            raise _fehler(
                "tagessatz",
                f"Art. 34 Abs. 2 StGB: Ein Tagessatz beträgt CHF {minimum} bis CHF {recht.TAGESSATZ_MAX}"
                + ("" if d.tagessatz_ausnahme else " (ausnahmsweise ab CHF 10)")
                + ".",
                "tagessatz_bereich",
            )
        if d.betrag is not None and d.betrag != d.tagessaetze * tagessatz:
            raise _fehler(
                "betrag", "Art. 34 StGB: Der Betrag ist Tagessätze × Tagessatz.", "betrag_geldstrafe"
            )
        # Unconditional part only: the conditional part is not collected (Art. 42, 43 StGB).
        return d.tagessaetze * tagessatz, d.tagessaetze, tagessatz, None
    if d.art not in Forderungsart.values:
        raise _fehler("art", "R-2D-1: Unbekannte Art der Forderung.", "art")
    if d.betrag is None:
        raise _fehler("betrag", "R-2D-1: Betrag angeben.", "betrag")
    betrag = geld(d.betrag, "betrag")
    if d.art == Forderungsart.BUSSE:
        if betrag > recht.BUSSE_MAX:
            raise _fehler(
                "betrag",
                "Art. 106 Abs. 1 StGB: Eine Busse beträgt höchstens CHF 10'000.",
                "busse_hoechstbetrag",
            )
        if isinstance(d.efs_tage, bool) or not isinstance(d.efs_tage, int):
            raise _fehler(
                "efs_tage",
                "Art. 106 Abs. 2 StGB: Die im Urteil festgesetzte Ersatzfreiheitsstrafe (Tage) angeben.",
                "efs_fehlt",
            )
        if not recht.BUSSE_EFS_TAGE_MIN <= d.efs_tage <= recht.BUSSE_EFS_TAGE_MAX:
            raise _fehler(
                "efs_tage",
                "Art. 106 Abs. 2 StGB: Die Ersatzfreiheitsstrafe beträgt mindestens einen Tag und höchstens "
                "drei Monate (90 Tage).",
                "efs_bereich",
            )
        return betrag, None, None, d.efs_tage
    return betrag, None, None, None


@transaction.atomic
def forderung_erfassen(
    *,
    person: Person,
    daten: Forderungsdaten,
    frist_monate: int = 1,
    fall: Vollzugsfall | None = None,
    durch,
) -> Forderung:
    """R-2D-1 / R-STGB-35-1 (§ 12 intake): record a claim from a legally binding judgment and set its
    payment deadline (1 to 6 months from today, Art. 35 Abs. 1 StGB) as its first recorded decision.

    Steps: permission; in force; amount by kind; deadline; number and QR reference; save; decision."""
    berechtigung_pruefen(darf_inkasso_bearbeiten(durch), "Forderung erfassen")
    heute = timezone.localdate()
    if daten.rechtskraft_am > heute:
        raise _fehler(
            "rechtskraft_am",
            "§ 12 JVG: Nur rechtskräftige Entscheide werden vollzogen – die Rechtskraft liegt in der Zukunft.",
            "nicht_rechtskraeftig",
        )
    if daten.rechtskraft_am < daten.entscheid_datum:
        raise _fehler("rechtskraft_am", "Die Rechtskraft kann nicht vor dem Entscheid liegen.", "rechtskraft")
    if fall is not None and fall.person_id != person.pk:
        raise _fehler("fall", "Der Fall gehört nicht zu dieser Person.", "fall_person")
    betrag, tagessaetze, tagessatz, efs_tage = _betrag_pruefen(daten)
    frist = _frist_pruefen(frist_monate, heute)
    if Forderung.objects.filter(
        behoerde=daten.behoerde.strip(), referenz=daten.referenz.strip(), art=daten.art, person=person
    ).exists():
        raise _fehler(
            "referenz", "R-2D-1: Diese Forderung aus diesem Entscheid ist bereits erfasst.", "doppelt"
        )
    jahr = heute.year
    laufnummer = naechste_nummer(f"inkasso-{jahr}")
    f = Forderung(
        nummer=f"IK-{jahr}-{laufnummer:05d}",
        person=person,
        fall=fall,
        art=daten.art,
        behoerde=daten.behoerde.strip(),
        referenz=daten.referenz.strip(),
        entscheid_datum=daten.entscheid_datum,
        rechtskraft_am=daten.rechtskraft_am,
        tagessaetze=tagessaetze,
        tagessatz=tagessatz,
        efs_tage=efs_tage,
        betrag=betrag,
        zahlungsfrist=frist,
        qr_referenz=qr_referenz(recht.QR_PRAEFIX_FORDERUNG, jahr * 10_000_000 + laufnummer),
        erfasst_durch=durch,
        erfasst_am=timezone.now(),
    )
    try:
        with transaction.atomic():
            speichern(
                f, durch=durch, grund=f"Forderung erfasst ({f.get_art_display()}, § 2 Abs. 1 lit. d JVG)"
            )
    except IntegrityError as exc:
        raise _fehler("referenz", "R-2D-1: Diese Forderung ist bereits erfasst.", "doppelt") from exc
    _entscheid(
        f,
        Entscheidart.ZAHLUNGSFRIST,
        durch,
        begruendung=f"Zahlungsfrist {frist_monate} Monat(e) (Art. 35 Abs. 1 StGB).",
        frist_bis=frist,
    )
    return f


def _frist_pruefen(monate, ab: date) -> date:
    if isinstance(monate, bool) or not isinstance(monate, int):
        raise _fehler(
            "frist_monate", "Art. 35 Abs. 1 StGB: Zahlungsfrist in ganzen Monaten angeben.", "frist"
        )
    if not recht.ZAHLUNGSFRIST_MONATE_MIN <= monate <= recht.ZAHLUNGSFRIST_MONATE_MAX:
        raise _fehler(
            "frist_monate",
            "Art. 35 Abs. 1 StGB: Die Zahlungsfrist beträgt einen bis sechs Monate.",
            "frist_bereich",
        )
    return monatsfrist(ab, monate).ende


def _entscheid(f: Forderung, art: str, durch, *, begruendung: str, **felder) -> Zahlungsentscheid:
    if not begruendung.strip():
        raise _fehler("begruendung", "Art. 35 StGB: Der Entscheid ist zu begründen.", "begruendung")
    return speichern(
        Zahlungsentscheid(
            forderung=f,
            art=art,
            begruendung=begruendung.strip()[:2000],
            entschieden_durch=durch,
            entschieden_am=timezone.now(),
            **felder,
        ),
        durch=durch,
        grund=Entscheidart(art).label,
    )


def _sperren(forderung: Forderung) -> Forderung:
    return Forderung.objects.select_for_update().select_related("person").get(pk=forderung.pk)


def _offen_pruefen(f: Forderung) -> None:
    if f.status in ERLEDIGT or f.status == Forderungsstatus.UMGEWANDELT:
        raise _fehler("status", f"Die Forderung ist {f.get_status_display().lower()}.", "erledigt")


@transaction.atomic
def frist_erstrecken(*, forderung: Forderung, neue_frist: date, begruendung: str, durch) -> Forderung:
    """R-STGB-35-1 (Art. 35 Abs. 1): extend the deadline on the person's request, as a recorded decision.
    The whole deadline stays within six months of the judgment's Rechtskraft."""
    berechtigung_pruefen(darf_inkasso_bearbeiten(durch), "Zahlungsfrist erstrecken")
    f = _sperren(forderung)
    _offen_pruefen(f)
    if neue_frist <= f.zahlungsfrist:
        raise _fehler("neue_frist", "Die neue Frist muss nach der bisherigen liegen.", "nicht_spaeter")
    grenze = monatsfrist(max(f.rechtskraft_am, f.erfasst_am.date()), recht.ZAHLUNGSFRIST_MONATE_MAX).ende
    if neue_frist > grenze:
        raise _fehler(
            "neue_frist",
            f"Art. 35 Abs. 1 StGB: Die Zahlungsfrist beträgt höchstens sechs Monate (bis {grenze:%d.%m.%Y}); "
            "darüber hinaus nur mit Ratenzahlung.",
            "frist_zu_lang",
        )
    _entscheid(
        f, Entscheidart.ERSTRECKUNG, durch, begruendung=begruendung, frist_bis=neue_frist, auf_gesuch=True
    )
    f.zahlungsfrist = neue_frist
    return speichern(f, durch=durch, grund="Zahlungsfrist erstreckt (Art. 35 Abs. 1 StGB)")


@transaction.atomic
def raten_bewilligen(
    *, forderung: Forderung, anzahl: int, erste_faellig_am: date, begruendung: str, durch
) -> list[Rate]:
    """R-STGB-35-1 (Art. 35 Abs. 1): an instalment plan over the open balance, monthly, as a recorded
    decision; each instalment gets its own QR reference and slip. The last one absorbs the Rappen left
    by the division (amounts are never rounded to 5 Rappen: a QR-bill carries the exact amount).
    A later plan replaces the open instalments of an earlier one."""
    berechtigung_pruefen(darf_inkasso_bearbeiten(durch), "Ratenzahlung bewilligen")
    f = _sperren(forderung)
    _offen_pruefen(f)
    if isinstance(anzahl, bool) or not isinstance(anzahl, int) or not 2 <= anzahl <= 24:
        raise _fehler("anzahl", "Art. 35 Abs. 1 StGB: 2 bis 24 Monatsraten.", "anzahl")
    if erste_faellig_am < timezone.localdate():
        raise _fehler(
            "erste_faellig_am", "Die erste Rate kann nicht in der Vergangenheit fällig sein.", "vergangen"
        )
    saldo = f.saldo
    if saldo <= 0:
        raise _fehler("anzahl", "Die Forderung ist bereits bezahlt.", "bezahlt")
    entscheid = _entscheid(
        f,
        Entscheidart.RATEN,
        durch,
        begruendung=begruendung,
        anzahl_raten=anzahl,
        frist_bis=monatsfrist(erste_faellig_am, anzahl - 1).ende,
        auf_gesuch=True,
    )
    for alte in f.raten.filter(aktiv=True):
        alte.aktiv = False
        speichern(alte, durch=durch, grund="Durch neuen Ratenplan ersetzt", felder=["aktiv"])
    teil = (saldo / anzahl).quantize(Decimal("0.01"), rounding="ROUND_DOWN")
    raten = []
    for i in range(anzahl):
        betrag = teil if i < anzahl - 1 else saldo - teil * (anzahl - 1)
        nummer_global = naechste_nummer("inkasso-rate")
        raten.append(
            speichern(
                Rate(
                    forderung=f,
                    entscheid=entscheid,
                    nummer=i + 1,
                    faellig_am=monatsfrist(erste_faellig_am, i).ende if i else erste_faellig_am,
                    betrag=betrag,
                    qr_referenz=qr_referenz(recht.QR_PRAEFIX_RATE, nummer_global),
                ),
                durch=durch,
                grund=f"Rate {i + 1} von {anzahl}",
            )
        )
    f.status = Forderungsstatus.RATEN
    f.zahlungsfrist = raten[-1].faellig_am
    speichern(f, durch=durch, grund=f"Ratenzahlung bewilligt ({anzahl} Raten, Art. 35 Abs. 1 StGB)")
    return raten


@transaction.atomic
def sofortige_zahlung_verlangen(
    *, forderung: Forderung, begruendung: str, durch, sicherheit: Decimal | None = None
) -> Forderung:
    """R-STGB-35-1 (Art. 35 Abs. 2): where there is reason to fear evasion, immediate payment (the
    deadline becomes today) or security of `sicherheit`. The reason is required."""
    berechtigung_pruefen(darf_inkasso_bearbeiten(durch), "Sofortige Zahlung verlangen")
    f = _sperren(forderung)
    _offen_pruefen(f)
    if sicherheit is not None:
        sicherheit = geld(sicherheit, "sicherheit")
        if sicherheit > f.saldo:
            raise _fehler(
                "sicherheit", "Art. 35 Abs. 2 StGB: Die Sicherheit übersteigt die offene Forderung.", "hoch"
            )
        _entscheid(f, Entscheidart.SICHERHEIT, durch, begruendung=begruendung, sicherheit=sicherheit)
        return f
    heute = timezone.localdate()
    _entscheid(f, Entscheidart.SOFORT, durch, begruendung=begruendung, frist_bis=heute)
    f.zahlungsfrist = heute
    return speichern(f, durch=durch, grund="Sofortige Bezahlung verlangt (Art. 35 Abs. 2 StGB)")


@transaction.atomic
def abschreiben(*, forderung: Forderung, begruendung: str, durch) -> Forderung:
    """Write off a claim that cannot be converted (Ersatzforderung, costs) after unsuccessful enforcement."""
    berechtigung_pruefen(darf_inkasso_bearbeiten(durch), "Forderung abschreiben")
    f = _sperren(forderung)
    _offen_pruefen(f)
    _entscheid(f, Entscheidart.ABSCHREIBUNG, durch, begruendung=begruendung)
    f.status = Forderungsstatus.ABGESCHRIEBEN
    return speichern(f, durch=durch, grund="Abgeschrieben (uneinbringlich)")
