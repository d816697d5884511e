"""§ 33 Abs. 4 JVG: `protokoll_einreichen` (author; complete, R-33-1; deadline of every statement; review task
for the management) → `stellungnahme_abgeben` (each involved staff member himself) → `protokoll_pruefen`
(facility management, never the author nor an involved person, R-0-4EYES-1)."""

from django.db import transaction
from django.utils import timezone

from kern.audit import speichern
from kern.rollen import berechtigung_pruefen
from zwang.domain._hilfen import S, _aufgabe_erledigen, _fehler, _pruefaufgabe, _sperren
from zwang.domain.protokoll import _vollstaendigkeit_pruefen
from zwang.models import Beteiligung, Pruefung, Zwangsprotokoll
from zwang.permissions import darf_erfassen, darf_leiten, darf_stellung_nehmen, ist_beteiligt
from zwang.recht import (
    Pruefergebnis,
    stellungnahme_frist,
)

# --- Submission, statements, review --------------------------------------------------------------


@transaction.atomic
def protokoll_einreichen(*, protokoll: Zwangsprotokoll, durch) -> Zwangsprotokoll:
    """R-33-1: submit. Steps: lock; author only; still a draft; complete (purpose, milder measures, end
    after start, techniques, injuries, medical check, involved staff); status and time; the deadline of
    every statement (`stellungnahme_frist`); a ZWANG_PRUEFUNG task for the facility management."""
    p = _sperren(protokoll)
    berechtigung_pruefen(
        durch.pk == p.erfasst_durch_id and darf_erfassen(durch, p.fall),
        "Zwangsprotokoll einreichen (nur die erfassende Person)",
    )
    if p.status != S.ENTWURF:
        raise _fehler(
            "status", f"§ 33 Abs. 4 JVG (R-33-1): {p} ist bereits eingereicht.", "schon_eingereicht"
        )
    beteiligte = list(p.beteiligte.select_for_update().order_by("pk"))
    _vollstaendigkeit_pruefen(p, len(beteiligte))
    jetzt = timezone.now()
    frist = stellungnahme_frist(jetzt).ende
    p.status, p.eingereicht_am = S.EINGEREICHT, jetzt
    p.pruefaufgabe = _pruefaufgabe(p, frist, durch)
    speichern(p, durch=durch, grund="Eingereicht (§ 33 Abs. 4 JVG)")
    for b in beteiligte:
        b.frist = frist
        speichern(b, durch=durch, grund=f"Stellungnahme fällig am {frist:%d.%m.%Y %H:%M}", felder=["frist"])
    return p


@transaction.atomic
def stellungnahme_abgeben(*, beteiligung: Beteiligung, text: str, durch) -> Beteiligung:
    """R-33-1: the involved staff member's own statement. Only he writes it, once, on a submitted
    protocol; a late statement is taken (its time shows it); the reminder task is closed."""
    b = Beteiligung.objects.select_for_update().select_related("protokoll").get(pk=beteiligung.pk)
    berechtigung_pruefen(
        darf_stellung_nehmen(durch, b), "Stellungnahme abgeben (nur die beteiligte Person selbst)"
    )
    if b.protokoll.status == S.ENTWURF:
        raise _fehler(
            "stellungnahme",
            "§ 33 Abs. 4 JVG (R-33-1): Stellungnahmen erst zum eingereichten Protokoll.",
            "entwurf",
        )
    if b.stellungnahme_am is not None:
        raise _fehler(
            "stellungnahme",
            f"§ 33 Abs. 4 JVG (R-33-1): Die Stellungnahme wurde am "
            f"{timezone.localtime(b.stellungnahme_am):%d.%m.%Y %H:%M} abgegeben; sie bleibt unverändert.",
            "schon_abgegeben",
        )
    text = (text or "").strip()
    if not text:
        raise _fehler(
            "stellungnahme", "§ 33 Abs. 4 JVG (R-33-1): Die Stellungnahme ist leer.", "stellungnahme_leer"
        )
    jetzt = timezone.now()
    b.stellungnahme, b.stellungnahme_am = text, jetzt
    verspaetet = b.frist is not None and jetzt > b.frist
    speichern(b, durch=durch, grund="Stellungnahme abgegeben" + (" (nach Fristablauf)" if verspaetet else ""))
    _aufgabe_erledigen(b.erinnerung_id, durch, jetzt)
    return b


@transaction.atomic
def protokoll_pruefen(*, protokoll: Zwangsprotokoll, ergebnis: str, bemerkung: str, durch) -> Pruefung:
    """R-33-1, R-0-4EYES-1: the facility management reviews. Steps: lock; submitted; not the author,
    not involved; management of the facility; all statements in or their deadline passed (a missing
    statement must not block the review for ever); outcome and comment; status; task done."""
    p = _sperren(protokoll)
    if p.status != S.EINGEREICHT:
        raise _fehler(
            "ergebnis",
            f"R-33-1: {p} ist nicht zur Prüfung offen (Status «{p.get_status_display()}»).",
            "nicht_offen",
        )
    if durch.pk == p.erfasst_durch_id or ist_beteiligt(durch, p):
        raise _fehler(
            "durch",
            "R-0-4EYES-1: Wer das Protokoll erfasst hat oder am Einsatz beteiligt war, prüft es nicht selbst "
            "(Vier-Augen-Prinzip).",
            "vier_augen",
        )
    berechtigung_pruefen(darf_leiten(durch, p), "Zwangsprotokoll prüfen (Anstaltsleitung)")
    jetzt = timezone.now()
    ausstehend = [b for b in p.beteiligte.select_related("benutzer") if b.stellungnahme_am is None]
    if ausstehend and any(b.frist is not None and jetzt <= b.frist for b in ausstehend):
        frist = max(b.frist for b in ausstehend if b.frist is not None)
        namen = ", ".join(b.benutzer.get_full_name() or b.benutzer.username for b in ausstehend)
        raise _fehler(
            "ergebnis",
            f"R-33-1: Stellungnahmen ausstehend ({namen}); geprüft wird, wenn alle vorliegen oder die Frist "
            f"am {timezone.localtime(frist):%d.%m.%Y %H:%M} abgelaufen ist.",
            "stellungnahmen_ausstehend",
        )
    if ergebnis not in Pruefergebnis.values:
        raise _fehler(
            "ergebnis", "R-33-1: Ergebnis «rechtmässig» oder «beanstandet» wählen.", "ergebnis_fehlt"
        )
    bemerkung = (bemerkung or "").strip()
    if not bemerkung:
        raise _fehler(
            "bemerkung",
            "R-0-4EYES-1: Die Prüfung hält eine Bemerkung fest (bei Beanstandung: was und warum).",
            "bemerkung_fehlt",
        )
    pruefung = speichern(
        Pruefung(protokoll=p, ergebnis=ergebnis, bemerkung=bemerkung, durch=durch, am=jetzt),
        durch=durch,
        grund="Zwangsprotokoll geprüft (§ 33 Abs. 4 JVG)",
    )
    p.status = S.GEPRUEFT
    speichern(p, durch=durch, grund=f"Geprüft: {Pruefergebnis(ergebnis).label}", felder=["status"])
    _aufgabe_erledigen(p.pruefaufgabe_id, durch, jetzt)
    return pruefung
