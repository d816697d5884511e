"""Access to content (R-29-3, R-30-2, R-27-2): never a plain read. `abhoeren`, `auswerten` and
`einsicht_gewaehren` (and `ed.ed_einsehen`, `ed.ed_weitergeben`) record the justification first (an
`Inhaltszugriff` row, append-only); only then does `domain.inhalt` stream the file, checking the access row
again (`zugriff_fuer_inhalt`) and logging the read (R-0-AUDIT-2)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from disziplinar.recht import Tatbestand
from kern.rollen import berechtigung_pruefen
from ueberwachung import recht
from ueberwachung.domain._hilfen import _aufzeichnung_sperren, _fehler, _text
from ueberwachung.models import (
    Beizug,
    EDMassnahme,
    Inhaltszugriff,
    Telefonaufzeichnung,
    Videoaufzeichnung,
)
from ueberwachung.permissions import darf_ed_verwalten
from ueberwachung.queries import ist_leitung
from ueberwachung.recht import (
    Objektart,
    Verdachtsart,
    Zugriffsart,
)

# --- Access to content (R-29-3, R-30-2, R-27-2): justified and logged first -------------------------


def _zugriff(*, art, objekt, durch, **felder) -> Inhaltszugriff:
    zugriff = Inhaltszugriff(
        benutzer=durch,
        art=art,
        objektart=objekt.objektart,
        objekt_id=objekt.pk,
        person_id=getattr(objekt, "person_id", None),
        anstalt_id=objekt.anstalt_id,
        **felder,
    )
    zugriff.full_clean()
    zugriff.save(force_insert=True)
    return zugriff


# Issue 23 point 7 (decision): the access log of a listening keeps the suspicion as its category — the
# letter of § 40 Abs. 2 (`tatbestand`) — plus a reference to the file that documents the concrete suspicion
# (`verfahren_referenz`: Rapport, proceeding or file number), and NO free text. The log is append-only and
# hash-chained (kern.nur_anfuegen, kern.audit_kette) and outlives the recording (§ 29 Abs. 2); a free-text
# suspicion in it would keep, after the legal destruction, what the recording was about. Limiting what is
# written (instead of erasing it later) keeps the append-only and chain guarantees intact.
REFERENZ_MAX = 120


def _referenz_pruefen(referenz) -> str:
    wert = _text(referenz)
    if not wert:
        return "§ 29 Abs. 3 JVG (R-29-3): Den Bezug des Verdachts angeben (Rapport-, Verfahrens- oder Aktennummer)."
    if len(wert) > REFERENZ_MAX or "\n" in wert or "\r" in wert:
        return (
            f"§ 29 Abs. 3 JVG (R-29-3): Der Bezug ist eine Nummer oder ein Aktenzeichen (eine Zeile, höchstens "
            f"{REFERENZ_MAX} Zeichen) – keine Verdachtsgründe und keine Gesprächsinhalte."
        )
    return ""


def abhoeren(*, aufzeichnung: Telefonaufzeichnung, tatbestand: str, referenz: str, durch) -> Inhaltszugriff:
    """R-29-3 (§ 29 Abs. 3): only the management of the recording facility, only on a recorded suspicion
    of a disciplinary offence under § 40 Abs. 2 lit. a, c, g, h, i or j. Other letters are refused. The
    access row is the log (letter + reference, no free text, see above); the content is then streamed by
    `views.inhalt` (logged again as a read)."""
    berechtigung_pruefen(
        isinstance(aufzeichnung, Telefonaufzeichnung) and ist_leitung(durch, aufzeichnung.anstalt_id),
        "Telefonaufzeichnung abhören (nur Anstaltsleitung, § 29 Abs. 3 JVG, R-29-3)",
    )
    fehler = {}
    if tatbestand not in recht.ABHOEREN_TATBESTAENDE:
        bekannt = tatbestand in Tatbestand.values
        fehler["tatbestand"] = [
            ValidationError(
                "§ 29 Abs. 3 JVG (R-29-3): Abhören nur bei Verdacht auf ein Disziplinarvergehen nach § 40 Abs. 2 "
                f"lit. a, c, g, h, i oder j{f' – nicht lit. {tatbestand}' if bekannt and tatbestand != 'allgemein' else ''}.",
                code="tatbestand_nicht_erlaubt",
            )
        ]
    if meldung := _referenz_pruefen(referenz):
        fehler["referenz"] = [ValidationError(meldung, code="referenz")]
    if fehler:
        raise ValidationError(fehler)
    with transaction.atomic():
        if not Telefonaufzeichnung.objects.filter(pk=aufzeichnung.pk).exists():
            raise _fehler("aufzeichnung", "Die Aufzeichnung ist bereits gelöscht.", "geloescht")
        return _zugriff(
            art=Zugriffsart.ABHOEREN,
            objekt=aufzeichnung,
            durch=durch,
            tatbestand=tatbestand,
            verfahren_referenz=_text(referenz),
        )


def auswerten(*, video: Videoaufzeichnung, verdachtsart: str, verdacht: str, durch) -> Inhaltszugriff:
    """R-30-2 (§ 30 Abs. 3): only the management of the facility, only on a recorded suspicion of a
    disciplinary offence or a crime."""
    berechtigung_pruefen(
        isinstance(video, Videoaufzeichnung) and ist_leitung(durch, video.anstalt_id),
        "Videoaufzeichnung auswerten (nur Anstaltsleitung, § 30 Abs. 3 JVG, R-30-2)",
    )
    fehler = {}
    if verdachtsart not in Verdachtsart.values:
        fehler["verdachtsart"] = [
            ValidationError(
                "§ 30 Abs. 3 JVG (R-30-2): Ausgewertet wird nur bei Verdacht auf ein Disziplinarvergehen oder eine Straftat.",
                code="verdachtsart",
            )
        ]
    if not _text(verdacht):
        fehler["verdacht"] = [
            ValidationError("§ 30 Abs. 3 JVG (R-30-2): Die Verdachtsgründe angeben.", code="verdacht_fehlt")
        ]
    if fehler:
        raise ValidationError(fehler)
    with transaction.atomic():
        if not Videoaufzeichnung.objects.filter(pk=video.pk).exists():
            raise _fehler("video", "Die Aufzeichnung ist bereits gelöscht.", "geloescht")
        return _zugriff(
            art=Zugriffsart.AUSWERTEN,
            objekt=video,
            durch=durch,
            verdachtsart=verdachtsart,
            verdacht=_text(verdacht),
        )


@transaction.atomic
def einsicht_gewaehren(*, aufzeichnung, beizug: Beizug, empfaenger: str, durch) -> Inhaltszugriff:
    """§ 30 Abs. 4 (R-30-2), § 29 Abs. 2: another authority gets a recording only in a recorded proceeding —
    an active hold of this recording. The management hands it over; the disclosure is logged."""
    aufzeichnung = _aufzeichnung_sperren(aufzeichnung)
    berechtigung_pruefen(
        ist_leitung(durch, aufzeichnung.anstalt_id), "Einsicht gewähren (§ 30 Abs. 4 JVG, R-30-2)"
    )
    feld = "telefon_id" if isinstance(aufzeichnung, Telefonaufzeichnung) else "video_id"
    if (
        not isinstance(beizug, Beizug)
        or getattr(beizug, feld) != aufzeichnung.pk
        or not Beizug.objects.filter(pk=beizug.pk, aufgehoben_am__isnull=True).exists()
    ):
        raise _fehler(
            "beizug",
            "§ 30 Abs. 4 JVG (R-30-2): Andere Behörden erhalten Einsicht nur in einem Straf-, Zivil- oder "
            "Verwaltungsverfahren – zuerst den Beizug für dieses Verfahren erfassen.",
            "kein_verfahren",
        )
    if not _text(empfaenger):
        raise _fehler(
            "empfaenger", "§ 30 Abs. 4 JVG (R-30-2): Die empfangende Behörde angeben.", "empfaenger_fehlt"
        )
    return _zugriff(
        art=Zugriffsart.EINSICHT_BEHOERDE,
        objekt=aufzeichnung,
        durch=durch,
        empfaenger=_text(empfaenger)[:150],
        verfahrensart=beizug.verfahrensart,
        verfahren_referenz=beizug.referenz,
    )


# --- Checking an access before the content is streamed ---------------------------------------------


def zugriff_fuer_inhalt(*, zugriff_id: int, user):
    """The object whose content `user` may stream now under the access row `zugriff_id`, or None: the
    access is the user's own, younger than `recht.ZUGRIFF_GUELTIG`, the object still exists and the
    user is still the management of its facility. Everything else answers 404 in the view."""
    zugriff = Inhaltszugriff.objects.filter(pk=zugriff_id, benutzer=user).first()
    if zugriff is None or zugriff.zeitpunkt + recht.ZUGRIFF_GUELTIG < timezone.now():
        return None, None
    modell = {
        Objektart.TELEFON: Telefonaufzeichnung,
        Objektart.VIDEO: Videoaufzeichnung,
        Objektart.ED: EDMassnahme,
    }[zugriff.objektart]
    objekt = modell.objects.filter(pk=zugriff.objekt_id).first()
    if objekt is None:
        return zugriff, None
    erlaubt = (
        darf_ed_verwalten(user, objekt) if modell is EDMassnahme else ist_leitung(user, objekt.anstalt_id)
    )
    return zugriff, (objekt if erlaubt else None)
