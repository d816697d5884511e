"""Conditional release (Art. 86–87 StGB): the ex-officio examination, the facility's report, the
hearing, the Verfügung of the shared lifecycle and the release through `vollzug.domain.entlassen`.

R-STGB-86-2: examined ex officio a configurable time before the earliest date (default three months,
`JVG_BEDINGTE_ENTLASSUNG_VORLAUF_MONATE`); the facility's report is obtained (task for its management)
and the person is heard before a decision is drafted. R-STGB-86-3: a refusal opens the next
examination at most one year after the decision. The decision applies federal law: a Verfügung of type
BUNDESRECHT (§ 43 Abs. 2 lit. a JVG: Verwaltungsgerichtsbeschwerde to the Kantonsgericht).
"""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kern import erweiterungen
from kern.audit import speichern
from kern.fristen import lokales_datum
from kern.models import Aufgabe
from kern.rollen import Rolle, berechtigung_pruefen
from kern.strafzeit import plus_monate
from verfuegungen import domain as verfuegungen
from verfuegungen.models import Verfuegung
from verfuegungen.recht import Verfuegungstyp
from vollzug import domain as vollzug
from vollzug.models import Platzierung, Vollzugsfall
from vollzugsdaten.models import Berechnung, Entlassungspruefung, Strafzeitangaben
from vollzugsdaten.permissions import darf_bearbeiten, darf_bericht_erfassen
from vollzugsdaten.recht import (
    NEUPRUEFUNG_MONATE,
    PROBEZEIT_MAX_JAHRE,
    PROBEZEIT_MIN_JAHRE,
    Ergebnis,
    Pruefungsstatus,
    VollzugsdatenAufgabenart,
)

TYP = Verfuegungstyp.BUNDESRECHT
S = Pruefungsstatus


def _fehler(feld: str, meldung: str, code: str) -> ValidationError:
    return ValidationError({feld: ValidationError(meldung, code=code)})


def vorlauf_monate(fall: Vollzugsfall) -> int:
    """R-STGB-86-2: the case's own lead time (with reasons, Strafzeitangaben) or the system's default."""
    eigene = (
        Strafzeitangaben.objects.filter(fall=fall, vorlauf_monate__isnull=False)
        .values_list("vorlauf_monate", flat=True)
        .first()
    )
    return eigene or settings.JVG_BEDINGTE_ENTLASSUNG_VORLAUF_MONATE


def faellig_am(berechnung: Berechnung, monate: int | None = None) -> date | None:
    """R-STGB-86-2: the examination is due the lead time's months before the earliest regular date
    (`monate`: the case's lead time; default the system's)."""
    if berechnung.bedingte_entlassung is None:
        return None
    return plus_monate(
        berechnung.bedingte_entlassung, -(monate or settings.JVG_BEDINGTE_ENTLASSUNG_VORLAUF_MONATE)
    )


def pruefung_nachfuehren(fall: Vollzugsfall, berechnung: Berechnung, *, durch) -> Entlassungspruefung | None:
    """After a (new) calculation: open the ex-officio examination, or move an open one's due date
    (not one after a refusal: Art. 86 Abs. 3 counts from the refusal, not from two thirds)."""
    faellig = faellig_am(berechnung, vorlauf_monate(fall))
    offen = Entlassungspruefung.objects.filter(fall=fall).exclude(status=S.ENTSCHIEDEN).first()
    if offen is not None:
        if faellig and not offen.nach_verweigerung and offen.faellig_am != faellig:
            offen.faellig_am = faellig
            speichern(
                offen, durch=durch, grund=f"Fälligkeit nach Strafzeitberechnung Version {berechnung.version}"
            )
        return offen
    if faellig is None or Entlassungspruefung.objects.filter(fall=fall).exists():
        return None
    return speichern(
        Entlassungspruefung(fall=fall, faellig_am=faellig),
        durch=durch,
        grund="Prüfung der bedingten Entlassung von Amtes wegen (Art. 86 Abs. 2 StGB)",
    )


def _gesperrt(pruefung: Entlassungspruefung) -> Entlassungspruefung:
    return (
        Entlassungspruefung.objects.select_for_update()
        .select_related("fall", "fall__person")
        .get(pk=pruefung.pk)
    )


@transaction.atomic
def bericht_anfordern(*, pruefung: Entlassungspruefung, durch) -> Entlassungspruefung:
    """R-STGB-86-2: the facility management gets a task to report on the person."""
    berechtigung_pruefen(darf_bearbeiten(durch), "Bericht anfordern")
    p = _gesperrt(pruefung)
    if p.bericht_aufgabe_id is not None or p.status in (S.ENTSCHEID_ENTWORFEN, S.ENTSCHIEDEN):
        raise _fehler(
            "status",
            "Der Bericht der Einrichtung ist bereits angefordert (Art. 86 Abs. 2 StGB).",
            "angefordert",
        )
    platzierung = Platzierung.objects.filter(fall=p.fall, bis__isnull=True).select_related("anstalt").first()
    if platzierung is None:
        raise _fehler(
            "status",
            "Die Person ist in keiner Einrichtung platziert: Bericht nach Art. 86 Abs. 2 StGB nicht anforderbar.",
            "ohne_platzierung",
        )
    jetzt = timezone.now()
    aufgabe = speichern(
        Aufgabe(
            art=VollzugsdatenAufgabenart.BERICHT_86,
            titel=f"Bericht zur bedingten Entlassung: Fall {p.fall.fallnummer}",
            beschreibung="Art. 86 Abs. 2 StGB: Bericht der Anstaltsleitung zum Verhalten im Vollzug und zur "
            "Prognose, vor dem Entscheid über die bedingte Entlassung.",
            fuer_rolle=Rolle.ANSTALTSLEITUNG,
            anstalt=platzierung.anstalt,
            fall=p.fall,
            faellig_am=jetzt + timedelta(days=settings.JVG_BEDINGTE_ENTLASSUNG_BERICHT_TAGE),
        ),
        durch=durch,
        grund="Bericht angefordert (Art. 86 Abs. 2 StGB)",
    )
    p.status = S.BERICHT_ANGEFORDERT
    p.bericht_angefordert_am = jetzt
    p.bericht_aufgabe = aufgabe
    return speichern(p, durch=durch, grund="Bericht der Einrichtung angefordert (Art. 86 Abs. 2 StGB)")


def _zeitpunkt(am: datetime | None, feld: str) -> datetime:
    jetzt = timezone.now()
    am = am or jetzt
    if timezone.is_naive(am):
        raise _fehler(feld, "Zeitpunkt ohne Zeitzone.", "naiv")
    if am > jetzt + timedelta(minutes=5):
        raise _fehler(feld, "Der Zeitpunkt liegt in der Zukunft.", "zukunft")
    return am


@transaction.atomic
def bericht_erfassen(*, pruefung: Entlassungspruefung, bericht: str, durch, am: datetime | None = None):
    """R-STGB-86-2: the facility's report; closes the management's task."""
    p = _gesperrt(pruefung)
    berechtigung_pruefen(darf_bericht_erfassen(durch, p), "Bericht erfassen")
    if p.status == S.ENTSCHIEDEN:
        raise _fehler("bericht", "Die Prüfung ist entschieden.", "entschieden")
    if not bericht.strip():
        raise _fehler("bericht", "Der Bericht der Einrichtung fehlt (Art. 86 Abs. 2 StGB).", "leer")
    am = _zeitpunkt(am, "bericht_am")
    p.bericht, p.bericht_am, p.bericht_durch = bericht.strip(), am, durch
    if p.bericht_aufgabe_id and p.bericht_aufgabe.erledigt_am is None:
        aufgabe = p.bericht_aufgabe
        aufgabe.erledigt_am, aufgabe.erledigt_durch = timezone.now(), durch
        speichern(aufgabe, durch=durch, grund="Bericht erfasst")
    return speichern(p, durch=durch, grund="Bericht der Einrichtung erfasst (Art. 86 Abs. 2 StGB)")


@transaction.atomic
def anhoerung_erfassen(*, pruefung: Entlassungspruefung, aeusserung: str, am: datetime | None, durch):
    """R-STGB-86-2: the person is heard (Art. 86 Abs. 2 StGB)."""
    berechtigung_pruefen(darf_bearbeiten(durch), "Anhörung erfassen")
    p = _gesperrt(pruefung)
    if p.status == S.ENTSCHIEDEN:
        raise _fehler("anhoerung", "Die Prüfung ist entschieden.", "entschieden")
    if not aeusserung.strip():
        raise _fehler("anhoerung", "Die Äusserung der Person fehlt (Art. 86 Abs. 2 StGB).", "leer")
    p.anhoerung, p.anhoerung_am, p.anhoerung_durch = aeusserung.strip(), _zeitpunkt(am, "anhoerung_am"), durch
    return speichern(p, durch=durch, grund="Anhörung erfasst (Art. 86 Abs. 2 StGB)")


def _berechnung(fall) -> Berechnung | None:
    from vollzugsdaten.domain.berechnung import aktuelle_berechnung

    return aktuelle_berechnung(fall)


def _gewaehrung_pruefen(
    p: Entlassungspruefung, b: Berechnung | None, entlassung_am, probezeit_jahre, umstaende
):
    """R-STGB-86-1, -4, -5: the release date against the current calculation; then the Probezeit."""
    if entlassung_am is None:
        raise _fehler("entlassung_am", "Das Entlassungsdatum fehlt (Art. 86 StGB).", "datum_fehlt")
    if b is None or b.bedingte_entlassung is None:
        raise _fehler(
            "entlassung_am",
            "Keine bedingte Entlassung möglich: es fehlen mindestens drei Monate Freiheitsstrafe (Art. 86 Abs. 1 StGB).",
            "nicht_moeglich",
        )
    lebenslang = b.ende is None
    if entlassung_am < b.bedingte_entlassung:
        if lebenslang:
            regel, ausnahme = "nach 15 Jahren", "Art. 86 Abs. 5 StGB: ausnahmsweise nach 10 Jahren"
        else:
            regel, ausnahme = "nach zwei Dritteln", "Art. 86 Abs. 4 StGB: ausnahmsweise nach der Hälfte"
        if entlassung_am < b.bedingte_entlassung_ausnahme:
            raise _fehler(
                "entlassung_am",
                f"Frühestens am {b.bedingte_entlassung_ausnahme:%d.%m.%Y} ({ausnahme}, mindestens drei Monate).",
                "zu_frueh",
            )
        if not umstaende.strip():
            raise _fehler(
                "ausserordentliche_umstaende",
                f"Vor dem {b.bedingte_entlassung:%d.%m.%Y} ({regel}) nur mit ausserordentlichen persönlichen "
                f"Umständen ({ausnahme}).",
                "umstaende_fehlen",
            )
    _probezeit_pruefen(probezeit_jahre)


def _probezeit_pruefen(probezeit_jahre) -> None:
    """R-STGB-87-1: the Probezeit of a grant is one to five years (Art. 87 Abs. 1 StGB)."""
    if probezeit_jahre is None or not PROBEZEIT_MIN_JAHRE <= probezeit_jahre <= PROBEZEIT_MAX_JAHRE:
        raise _fehler(
            "probezeit_jahre", "Die Probezeit beträgt ein bis fünf Jahre (Art. 87 Abs. 1 StGB).", "probezeit"
        )


@transaction.atomic
def entscheid_entwerfen(
    *,
    pruefung: Entlassungspruefung,
    ergebnis: str,
    begruendung: str,
    durch,
    entlassung_am: date | None = None,
    probezeit_jahre: int | None = None,
    bewaehrungshilfe: bool = False,
    weisungen: str = "",
    ausserordentliche_umstaende: str = "",
    neupruefung_monate: int | None = None,
) -> Verfuegung:
    """The decision as a Verfügung of the shared lifecycle (drafted; approval and Eröffnung there).
    A refusal sets the next examination `neupruefung_monate` (1–12, default 12) after its Eröffnung."""
    berechtigung_pruefen(darf_bearbeiten(durch), "Entscheid über die bedingte Entlassung entwerfen")
    p = _gesperrt(pruefung)
    if p.status in (S.ENTSCHIEDEN, S.ENTSCHEID_ENTWORFEN):
        raise _fehler("status", "Für diese Prüfung ist bereits eine Verfügung entworfen.", "entworfen")
    if ergebnis not in Ergebnis.values:
        raise _fehler("ergebnis", "Gewährt oder verweigert (Art. 86 StGB).", "ergebnis")
    # R-STGB-86-2: never decided without the facility's report and the hearing.
    if p.bericht_am is None:
        raise _fehler(
            "bericht", "Zuerst den Bericht der Einrichtung erfassen (Art. 86 Abs. 2 StGB).", "ohne_bericht"
        )
    if p.anhoerung_am is None:
        raise _fehler("anhoerung", "Zuerst die Person anhören (Art. 86 Abs. 2 StGB).", "ohne_anhoerung")
    if not begruendung.strip():
        raise _fehler("begruendung", "Die Begründung fehlt.", "begruendung")
    b = _berechnung(p.fall)
    if ergebnis == Ergebnis.GEWAEHRT:
        _gewaehrung_pruefen(p, b, entlassung_am, probezeit_jahre, ausserordentliche_umstaende)
        p.entlassung_am, p.probezeit_jahre = entlassung_am, probezeit_jahre
        p.bewaehrungshilfe, p.weisungen = bewaehrungshilfe, weisungen.strip()
        p.neupruefung_monate = None
        dispositiv = [
            f"Die verurteilte Person wird auf den {entlassung_am:%d.%m.%Y} bedingt entlassen (Art. 86 StGB).",
            f"Die Probezeit beträgt {probezeit_jahre} Jahr{'e' if probezeit_jahre > 1 else ''} (Art. 87 Abs. 1 StGB).",
        ]
        if bewaehrungshilfe:
            dispositiv.append(
                "Für die Dauer der Probezeit wird Bewährungshilfe angeordnet (Art. 87 Abs. 2 StGB)."
            )
        if p.weisungen:
            dispositiv.append(f"Weisungen (Art. 87 Abs. 2 StGB): {' / '.join(p.weisungen.splitlines())}")
        titel = "Bedingte Entlassung (Art. 86 StGB)"
    else:
        # R-STGB-86-3: examined again at least once a year — never later than twelve months.
        n = NEUPRUEFUNG_MONATE if neupruefung_monate is None else neupruefung_monate
        if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= NEUPRUEFUNG_MONATE:
            raise _fehler(
                "neupruefung_monate",
                "Art. 86 Abs. 3 StGB: Nach einer Verweigerung wird mindestens einmal jährlich neu geprüft "
                "(1 bis 12 Monate).",
                "neupruefung",
            )
        p.entlassung_am, p.probezeit_jahre, p.bewaehrungshilfe, p.weisungen = None, None, False, ""
        p.neupruefung_monate = n
        frist = "in einem Jahr" if n == NEUPRUEFUNG_MONATE else f"in {n} Monat{'en' if n > 1 else ''}"
        dispositiv = [
            "Die bedingte Entlassung wird verweigert (Art. 86 Abs. 1 StGB).",
            f"Die bedingte Entlassung wird spätestens {frist} erneut geprüft (Art. 86 Abs. 3 StGB).",
        ]
        titel = "Verweigerung der bedingten Entlassung (Art. 86 StGB)"
    p.ergebnis, p.begruendung = ergebnis, begruendung.strip()
    p.ausserordentliche_umstaende = ausserordentliche_umstaende.strip()
    daten_text = ""
    if b is not None:
        daten_text = (
            f"Strafzeitberechnung Version {b.version}: zwei Drittel {b.zwei_drittel:%d.%m.%Y}; "
            if b.zwei_drittel
            else f"Strafzeitberechnung Version {b.version}; "
        )
        if b.bedingte_entlassung:
            daten_text += f"bedingte Entlassung frühestens {b.bedingte_entlassung:%d.%m.%Y}."
    v = verfuegungen.verfuegung_entwerfen(
        typ=TYP,
        person=p.fall.person,
        fall=p.fall,
        gegenstand=p,
        durch=durch,
        daten=verfuegungen.Entwurfsdaten(
            titel=titel,
            rechtsgrundlage="Art. 86 und 87 StGB; § 2 Abs. 1 lit. a JVG",
            sachverhalt=f"{daten_text}\nBericht der Einrichtung vom {timezone.localtime(p.bericht_am):%d.%m.%Y}. "
            f"Anhörung am {timezone.localtime(p.anhoerung_am):%d.%m.%Y}.",
            begruendung=p.begruendung,
            dispositiv="\n".join(dispositiv),
        ),
    )
    p.verfuegung = v
    p.status = S.ENTSCHEID_ENTWORFEN
    speichern(p, durch=durch, grund=f"Verfügung {v.nummer} entworfen")
    return v


def _pruefung_von(v: Verfuegung) -> Entlassungspruefung | None:
    if v.content_type_id != ContentType.objects.get_for_model(Entlassungspruefung).pk:
        return None  # another module's federal-law decision
    return Entlassungspruefung.objects.select_for_update().filter(pk=v.object_id).first()


def vor_eroeffnung(v: Verfuegung, am, muendlich_am) -> None:
    """Eröffnung check (kern.erweiterungen.eroeffnung): a grant still respects the current dates."""
    p = _pruefung_von(v)
    if p is None or p.ergebnis != Ergebnis.GEWAEHRT:
        return
    _gewaehrung_pruefen(
        p, _berechnung(p.fall), p.entlassung_am, p.probezeit_jahre, p.ausserordentliche_umstaende
    )


def nach_eroeffnung(v: Verfuegung, durch) -> None:
    """Eröffnung consequence: the examination is decided; a refusal opens the next one (R-STGB-86-3)."""
    p = _pruefung_von(v)
    if p is None:
        return
    p.status = S.ENTSCHIEDEN
    p.entschieden_am = lokales_datum(v.eroeffnet_am)
    speichern(p, durch=durch, grund=f"Verfügung {v.nummer} eröffnet")
    if p.ergebnis == Ergebnis.VERWEIGERT:
        speichern(
            Entlassungspruefung(
                fall=p.fall,
                faellig_am=plus_monate(p.entschieden_am, p.neupruefung_monate or NEUPRUEFUNG_MONATE),
                nach_verweigerung=True,
            ),
            durch=durch,
            grund="Erneute Prüfung nach Verweigerung (Art. 86 Abs. 3 StGB)",
        )


def nach_aufhebung(aufhebung) -> None:
    """Issue 23 (registered with `kern.erweiterungen.nach_aufhebung` for type Bundesrecht): the decision on
    conditional release was lifted or set aside on appeal → it ends (when and why, history with the actor)
    and the question is open again, so the ex-officio examination (Art. 86 Abs. 2 StGB) is due today:
    after a grant a new examination is opened (the release can no longer be carried out,
    `bedingt_entlassen`); after a refusal the follow-up examination it opened (Art. 86 Abs. 3) is brought
    forward to today. A release already carried out is not undone here: the person was released on an
    enforceable decision, and only a new decision (the court's, Art. 89/95 StGB) brings them back — the
    lifting is recorded on the examination for that decision. Another module's decision: no effect."""
    p = _pruefung_von(aufhebung.verfuegung)
    if p is None or p.status != S.ENTSCHIEDEN or p.aufgehoben_am is not None:
        return
    p.aufgehoben_am, p.aufhebung_grund = aufhebung.am, aufhebung.grund
    speichern(p, durch=aufhebung.durch, grund=aufhebung.anlass, felder=["aufgehoben_am", "aufhebung_grund"])
    if p.entlassen_am is not None:
        return
    heute = lokales_datum(aufhebung.am)
    offen = Entlassungspruefung.objects.select_for_update().filter(fall=p.fall).exclude(status=S.ENTSCHIEDEN)
    if (o := offen.first()) is not None:
        if o.faellig_am > heute:
            o.faellig_am = heute
            speichern(o, durch=aufhebung.durch, grund=aufhebung.anlass, felder=["faellig_am"])
        return
    speichern(
        Entlassungspruefung(fall=p.fall, faellig_am=heute),
        durch=aufhebung.durch,
        grund=f"Erneute Prüfung von Amtes wegen (Art. 86 Abs. 2 StGB): {aufhebung.anlass}"[:100],
    )


@transaction.atomic
def bedingt_entlassen(*, pruefung: Entlassungspruefung, am: datetime, durch) -> Vollzugsfall:
    """Release on the granted date, through the case core's `entlassen` (which starts the ED clock)."""
    berechtigung_pruefen(darf_bearbeiten(durch), "Bedingte Entlassung vollziehen")
    p = _gesperrt(pruefung)
    if p.ergebnis != Ergebnis.GEWAEHRT or p.verfuegung_id is None or p.status != S.ENTSCHIEDEN:
        raise _fehler(
            "am",
            "Die bedingte Entlassung ist nicht mit eröffneter Verfügung gewährt (Art. 86 StGB).",
            "nicht_gewaehrt",
        )
    if p.aufgehoben_am is not None:
        raise _fehler(
            "am",
            f"Der Entscheid (Verfügung {p.verfuegung.nummer}) ist aufgehoben; die Entlassung wird neu geprüft "
            "(Art. 86 Abs. 2 StGB).",
            "aufgehoben",
        )
    if not verfuegungen.ist_vollstreckbar(p.verfuegung):
        raise _fehler(
            "am", f"Die Verfügung {p.verfuegung.nummer} ist noch nicht vollstreckbar.", "nicht_vollstreckbar"
        )
    if am is None or timezone.is_naive(am):
        raise _fehler("am", "Zeitpunkt der Entlassung fehlt.", "am")
    if lokales_datum(am) < p.entlassung_am:
        raise _fehler(
            "am",
            f"Die Entlassung ist auf den {p.entlassung_am:%d.%m.%Y} verfügt (Art. 86 StGB).",
            "vor_datum",
        )
    fall = vollzug.entlassen(
        fall=p.fall,
        am=am,
        bemerkung=f"Bedingte Entlassung (Art. 86 StGB), Verfügung {p.verfuegung.nummer}; "
        f"Probezeit {p.probezeit_jahre} Jahre (Art. 87 StGB).",
        durch=durch,
    )
    p.entlassen_am = am
    speichern(p, durch=durch, grund="Bedingt entlassen (Art. 86 StGB)")
    # Art. 87 Abs. 2 StGB, § 19 JVG: Bewährungshilfe and Weisungen go to the probation file (another app).
    entlassung = erweiterungen.BedingteEntlassung(
        person_id=p.fall.person_id,
        fall_id=p.fall_id,
        entlassen_am=lokales_datum(am),
        probezeit_jahre=p.probezeit_jahre,
        bewaehrungshilfe=p.bewaehrungshilfe,
        weisungen=tuple(z.strip() for z in p.weisungen.splitlines() if z.strip()),
        entscheid=p.verfuegung.nummer,
    )
    for empfaenger in list(erweiterungen.NACH_BEDINGTER_ENTLASSUNG):
        empfaenger(entlassung, durch)
    return fall
