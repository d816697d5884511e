"""R-VD-1: the stored, versioned Strafzeitberechnung of a case.

The inputs come from the case core (`vollzug`: start of execution, the sentences of its judgments —
the Inkasso shortens an Ersatzfreiheitsstrafe there after a payment), from this app's
`Strafzeitangaben` (credit Art. 51 StGB, days served elsewhere, lifelong) and, through
`kern.erweiterungen.nicht_verbuesste_zeiten`, from § 14 (`aufschub`), § 32 (`zwangsmassnahmen`) and
§ 51 (`vollzugsgestaltung`: a suspension pending a pardon).
Their fingerprint (`kern.strafzeit.fingerabdruck`) decides: unchanged → the stored version stands;
changed → a new version with what changed. Read by the case page, the API and the beat job alike.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kern import erweiterungen
from kern.audit import speichern, system_benutzer
from kern.fristen import lokales_datum
from kern.jobs import Zeitbudget, stapelweise
from kern.strafzeit import (
    Eingaben,
    Strafe,
    berechnen,
    eingaben_als_dict,
    fingerabdruck,
)
from vollzug.models import Sanktion, Vollzugsfall
from vollzug.recht import FREIHEITSSTRAFEN, Fallstatus, Sanktionsart
from vollzugsdaten.models import Berechnung, Strafzeitangaben
from vollzugsdaten.recht import VORLAUF_MAX_MONATE, VORLAUF_MIN_MONATE

JOB = "vollzugsdaten.nachrechnen"


def eingaben_fuer(fall: Vollzugsfall) -> Eingaben | None:
    """The calculation's inputs, read now (three queries plus one per registered source); None before
    the start of execution (no dates yet)."""
    if fall.vollzugsbeginn is None:
        return None
    angaben = Strafzeitangaben.objects.filter(fall=fall).first()
    strafen = [
        Strafe(
            jahre=j,
            monate=m,
            tage=t,
            ersatz=art == Sanktionsart.ERSATZFREIHEITSSTRAFE,
            bezeichnung=f"{Sanktionsart(art).label} ({referenz})",
        )
        for art, j, m, t, referenz in Sanktion.objects.filter(
            entscheid__fall=fall, art__in=sorted(FREIHEITSSTRAFEN)
        )
        # Convention 9 of kern.strafzeit: executed one after another in the order of the judgments'
        # Rechtskraft (then entry); the module puts Ersatzfreiheitsstrafen last.
        .order_by("entscheid__rechtskraft_am", "entscheid_id", "pk")
        .values_list("art", "dauer_jahre", "dauer_monate", "dauer_tage", "entscheid__referenz")
    ]
    if angaben is not None and angaben.lebenslang:
        strafen.append(Strafe(lebenslang=True, bezeichnung="Lebenslängliche Freiheitsstrafe"))
    return Eingaben(
        beginn=lokales_datum(fall.vollzugsbeginn),
        strafen=tuple(strafen),
        angerechnet_tage=angaben.angerechnete_tage if angaben else 0,
        anderswo_tage=angaben.anderswo_tage if angaben else 0,
        nicht_verbuesst=tuple(erweiterungen.nicht_verbuesste_zeiten_fuer(fall)),
    )


def _d(wert: str | None) -> str:
    return date.fromisoformat(wert).strftime("%d.%m.%Y") if wert else "–"


_DATEN = (
    ("ende", "Strafende"),
    ("zwei_drittel", "Zwei Drittel"),
    ("bedingte_entlassung", "Bedingte Entlassung frühestens"),
)


def _dauer_text(s: dict) -> str:
    if s.get("lebenslang"):
        return "lebenslänglich"
    teile = [(s.get("jahre", 0), "J."), (s.get("monate", 0), "Mt."), (s.get("tage", 0), "Tg.")]
    return " ".join(f"{n} {e}" for n, e in teile if n) or "0 Tg."


def _strafen_geaendert(alt: list[dict], neu: list[dict]) -> list[str]:
    """Convention 9: which sentence was added, removed or changed (a new judgment, a conversion, a
    payment shortening an Ersatzfreiheitsstrafe), in the order of execution."""
    zeilen = []

    def benannt(liste: list[dict]) -> dict[str, dict]:
        namen: dict[str, dict] = {}
        for s in liste:
            name, n = s.get("bezeichnung") or "Strafe", 2
            basis = name
            while name in namen:  # two sentences of one judgment
                name, n = f"{basis} [{n}]", n + 1
            namen[name] = s
        return namen

    alte, neue = benannt(alt), benannt(neu)
    for name, s in neue.items():
        if name not in alte:
            zeilen.append(f"Strafe hinzugekommen: {name}, {_dauer_text(s)} (gemeinsam vollzogen).")
        elif alte[name] != s:
            zeilen.append(f"Strafe geändert: {name}, {_dauer_text(alte[name])} → {_dauer_text(s)}.")
    for name, s in alte.items():
        if name not in neue:
            zeilen.append(f"Strafe entfallen: {name}, {_dauer_text(s)}.")
    if not zeilen:
        zeilen.append("Reihenfolge der Strafen geändert.")
    return zeilen


def _aenderungen(alt: Berechnung | None, eingaben: dict, ergebnis: dict) -> str:
    """What changed since the previous version, in plain German (shown on the case page)."""
    if alt is None:
        return "Erste Berechnung."
    vorher, zeilen = alt.eingaben, []
    if vorher.get("methode") != eingaben["methode"]:
        zeilen.append("Neue Zählweise.")
    if vorher.get("beginn") != eingaben["beginn"]:
        zeilen.append(f"Vollzugsbeginn {_d(vorher.get('beginn'))} → {_d(eingaben['beginn'])}.")
    if vorher.get("strafen") != eingaben["strafen"]:
        zeilen.extend(_strafen_geaendert(vorher.get("strafen") or [], eingaben["strafen"]))
    for feld, text in (
        ("angerechnet_tage", "Angerechnete Tage (Art. 51 StGB)"),
        ("anderswo_tage", "Anderswo verbüsste Tage"),
    ):
        if vorher.get(feld) != eingaben[feld]:
            zeilen.append(f"{text}: {vorher.get(feld, 0)} → {eingaben[feld]}.")
    alte = {(z["von"], z["bis"], z["grund"]) for z in vorher.get("nicht_verbuesst", [])}
    for z in eingaben["nicht_verbuesst"]:
        if (z["von"], z["bis"], z["grund"]) not in alte:
            zeilen.append(f"Nicht verbüsst: {z['grund']} {_d(z['von'])}–{_d(z['bis'])}.")
    for feld, text in _DATEN:
        a = (alt.ergebnis.get(feld) or {}).get("datum")
        n = (ergebnis.get(feld) or {}).get("datum")
        if a != n:
            zeilen.append(f"{text}: {_d(a)} → {_d(n)}.")
    return "\n".join(zeilen) or "Eingaben geändert."


_DATUMSFELDER = ("ende", "haelfte", "zwei_drittel", "bedingte_entlassung", "bedingte_entlassung_ausnahme")


def _datum(ergebnis: dict, feld: str) -> date | None:
    wert = ergebnis.get(feld)
    return date.fromisoformat(wert["datum"]) if wert else None


@dataclass(frozen=True)
class Stand:
    """What the case page shows without writing: the stored version, and whether the inputs changed
    since (then `neu` holds the dates computed now, stored as a new version by the Vollzugsdaten page,
    the API or the nightly job)."""

    gespeichert: Berechnung | None
    neu: Berechnung | None  # unsaved: the dates of the current inputs, when they differ from the stored


def stand(fall: Vollzugsfall) -> Stand | None:
    """R-VD-1 for the case page: a read-only check of the fingerprint (constant queries, no write)."""
    eingaben = eingaben_fuer(fall)
    letzte = Berechnung.objects.filter(fall=fall).order_by("-version").first()
    if eingaben is None:
        return Stand(letzte, None) if letzte else None
    if letzte is not None and letzte.fingerabdruck == fingerabdruck(eingaben):
        return Stand(letzte, None)
    ergebnis = berechnen(eingaben).als_dict()
    vorschau = Berechnung(
        fall=fall,
        methode=ergebnis["methode"],
        ergebnis=ergebnis,
        **{feld: _datum(ergebnis, feld) for feld in _DATUMSFELDER},
    )
    return Stand(letzte, vorschau)


def aktuelle_berechnung(fall: Vollzugsfall, *, durch=None) -> Berechnung | None:
    """R-VD-1: the current version; a new one when the inputs' fingerprint differs from the stored one."""
    eingaben = eingaben_fuer(fall)
    letzte = Berechnung.objects.filter(fall=fall).order_by("-version").first()
    if eingaben is None:
        return letzte
    abdruck = fingerabdruck(eingaben)
    if letzte is not None and letzte.fingerabdruck == abdruck:
        return letzte
    return _neue_version(fall, eingaben, abdruck, durch=durch or system_benutzer(JOB))


@transaction.atomic
def _neue_version(fall, eingaben: Eingaben, abdruck: str, *, durch) -> Berechnung:
    # Lock the case: two readers noticing the same change write one version, not two.
    Vollzugsfall.objects.select_for_update().filter(pk=fall.pk).first()
    letzte = Berechnung.objects.filter(fall=fall).order_by("-version").first()
    if letzte is not None and letzte.fingerabdruck == abdruck:
        return letzte
    ergebnis = berechnen(eingaben).als_dict()
    daten = eingaben_als_dict(eingaben)
    neu = Berechnung(
        fall=fall,
        version=(letzte.version + 1) if letzte else 1,
        methode=ergebnis["methode"],
        fingerabdruck=abdruck,
        eingaben=daten,
        ergebnis=ergebnis,
        ende=_datum(ergebnis, "ende"),
        haelfte=_datum(ergebnis, "haelfte"),
        zwei_drittel=_datum(ergebnis, "zwei_drittel"),
        bedingte_entlassung=_datum(ergebnis, "bedingte_entlassung"),
        bedingte_entlassung_ausnahme=_datum(ergebnis, "bedingte_entlassung_ausnahme"),
        aenderungen=_aenderungen(letzte, daten, ergebnis),
        berechnet_am=timezone.now(),
        berechnet_durch=durch,
    )
    neu = speichern(neu, durch=durch, grund=f"Strafzeitberechnung Version {neu.version}")
    # R-STGB-86-2: the ex-officio examination follows the (new) earliest date.
    from vollzugsdaten.domain.entlassung import pruefung_nachfuehren

    pruefung_nachfuehren(fall, neu, durch=durch)
    # A measure whose start follows the data (Art. 64 Abs. 2: after the sentence's end) moves with it.
    from vollzugsdaten.domain.massnahmenbeginn import beginn_nachfuehren

    beginn_nachfuehren(fall, durch=durch)
    return neu


@transaction.atomic
def angaben_speichern(
    *,
    fall: Vollzugsfall,
    lebenslang: bool,
    angerechnete_tage: int,
    anrechnung_beleg: str,
    anderswo_tage: int,
    anderswo_beleg: str,
    durch,
    vorlauf_monate: int | None = None,
    vorlauf_begruendung: str = "",
) -> Berechnung | None:
    """R-VD-1: record the judgment's credit (Art. 51 StGB) etc.; recalculates at once. R-STGB-86-2:
    the case's own lead time of the examination (1–12 months, with reasons; None = the system's)."""
    from kern.rollen import berechtigung_pruefen
    from vollzugsdaten.permissions import darf_bearbeiten

    berechtigung_pruefen(darf_bearbeiten(durch), "Strafzeitangaben erfassen")
    # R-VD-1: credit is entered from the judgment, never guessed: a number needs its source.
    fehler = {}
    if angerechnete_tage and not anrechnung_beleg.strip():
        fehler["anrechnung_beleg"] = "Die Fundstelle im Urteil angeben (Art. 51 StGB: nie geschätzt)."
    if anderswo_tage and not anderswo_beleg.strip():
        fehler["anderswo_beleg"] = "Den Beleg der anderswo verbüssten Tage angeben (§ 2 Abs. 1 lit. c JVG)."
    vorlauf_begruendung = (vorlauf_begruendung or "").strip()
    if vorlauf_monate is not None:
        if (
            isinstance(vorlauf_monate, bool)
            or not isinstance(vorlauf_monate, int)
            or not (VORLAUF_MIN_MONATE <= vorlauf_monate <= VORLAUF_MAX_MONATE)
        ):
            fehler["vorlauf_monate"] = (
                f"Art. 86 Abs. 2 StGB: Die Prüfung beginnt {VORLAUF_MIN_MONATE} bis {VORLAUF_MAX_MONATE} "
                "Monate vor dem frühesten Entlassungsdatum."
            )
        elif not vorlauf_begruendung:
            fehler["vorlauf_begruendung"] = (
                "Begründen, weshalb die Prüfung (Art. 86 Abs. 2 StGB) in diesem Fall mit einer anderen "
                "Vorlaufzeit beginnt."
            )
    else:
        vorlauf_begruendung = ""
    if len(vorlauf_begruendung) > 300:
        fehler["vorlauf_begruendung"] = "Höchstens 300 Zeichen."
    if fehler:
        raise ValidationError(fehler)
    angaben = Strafzeitangaben.objects.select_for_update().filter(fall=fall).first() or Strafzeitangaben(
        fall=fall
    )
    angaben.lebenslang = lebenslang
    angaben.angerechnete_tage = angerechnete_tage
    angaben.anrechnung_beleg = anrechnung_beleg.strip()
    angaben.anderswo_tage = anderswo_tage
    angaben.anderswo_beleg = anderswo_beleg.strip()
    vorlauf_alt = angaben.vorlauf_monate
    angaben.vorlauf_monate, angaben.vorlauf_begruendung = vorlauf_monate, vorlauf_begruendung
    speichern(angaben, durch=durch, grund="Strafzeitangaben erfasst (Art. 51 StGB)")
    b = aktuelle_berechnung(fall, durch=durch)
    if b is not None and vorlauf_alt != vorlauf_monate:
        # The lead time is no input of the dates: the open examination's due date follows it here.
        from vollzugsdaten.domain.entlassung import pruefung_nachfuehren

        pruefung_nachfuehren(fall, b, durch=durch)
    return b


def alle_nachrechnen(*, batch: int = 200, zeitbudget_s: float = 50) -> int:
    """Beat job (see `nachrechnen_lauf`); returns the number of new versions."""
    return nachrechnen_lauf(batch=batch, zeitbudget_s=zeitbudget_s)[0]


def nachrechnen_lauf(*, batch: int = 200, zeitbudget_s: float = 50) -> tuple[int, bool]:
    """Beat job: every case in execution gets its calculation checked (and a new version if an input
    changed without passing the case page, e.g. an Inkasso payment or an API delivery). Returns the
    number of new versions."""
    job = system_benutzer(JOB)
    neu = 0

    def stapel(faelle: list[Vollzugsfall]) -> None:
        nonlocal neu
        for fall in faelle:
            vorher = (
                Berechnung.objects.filter(fall=fall)
                .order_by("-version")
                .values_list("version", flat=True)
                .first()
            )
            b = aktuelle_berechnung(fall, durch=job)
            if b is not None and b.version != vorher:
                neu += 1

    budget = Zeitbudget(zeitbudget_s)
    stapelweise(
        Vollzugsfall.objects.filter(status__in=[Fallstatus.IM_VOLLZUG, Fallstatus.UNTERBROCHEN]),
        batch=batch,
        budget=budget,
        verarbeiten=stapel,
    )
    return neu, budget.uebrig()  # (new versions, finished before the time budget ran out)
