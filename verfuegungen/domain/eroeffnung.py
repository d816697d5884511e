"""Eröffnung (R-0-VFG-2) and the PDF of a Verfügung (R-0-VFG-1). The Eröffnung reads as one story: the
registered checks of its type (`kern.erweiterungen.eroeffnung(pruefen=)`), the transition, then its registered
consequences (`danach=`), all in one transaction.
"""

import hashlib
from datetime import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from kern import erweiterungen, fristen
from kern.rollen import berechtigung_pruefen
from verfuegungen.domain.brief import pdf_kontext
from verfuegungen.domain.gehoer import _gehoer_pruefen, _zeitpunkt
from verfuegungen.domain.lebenszyklus import _fehler, _sperren, _uebergang_pruefen, verfuegung_uebergang
from verfuegungen.models import Verfuegung
from verfuegungen.permissions import (
    _sieht_person,
    darf_entscheiden,
    darf_eroeffnen,
)
from verfuegungen.recht import (
    EroeffnungArt,
    Verfuegungsstatus,
)

S = Verfuegungsstatus

# --- Eröffnung (R-0-VFG-2) and PDF (R-0-VFG-1) -------------------------------------------------


@transaction.atomic
def eroeffnen(
    *,
    verfuegung: Verfuegung,
    art: str,
    durch,
    am: datetime | None = None,
    muendlich_am: datetime | None = None,
    empfangsbestaetigung=None,
) -> Verfuegung:
    """R-0-VFG-2: notify the approved decision in writing.

    Steps: lock; permission; state genehmigt; mode; time not in the future and not before approval
    (an oral announcement may come first, the deadline runs from the written one); signed receipt
    for a hand-over in the facility; hearing (R-0-GEHOER-1); deadline with its counting method from
    the local date of the written notification (R-0-FRIST-1/-2); render and store the PDF with its
    hash; save with history.
    """
    v = _sperren(verfuegung)
    berechtigung_pruefen(darf_eroeffnen(durch, v), "Verfügung eröffnen")
    _uebergang_pruefen(v.status, S.EROEFFNET)
    if art not in EroeffnungArt.values:
        raise _fehler("art", "R-0-VFG-2: Unbekannte Art der Eröffnung.", "art")
    jetzt = timezone.now()
    am = _zeitpunkt(am, "am", jetzt)
    if am < v.genehmigt_am:
        raise _fehler(
            "am",
            "R-0-VFG-2: Die schriftliche Eröffnung kann nicht vor der Genehmigung "
            f"({timezone.localtime(v.genehmigt_am):%d.%m.%Y %H:%M}) liegen.",
            "vor_genehmigung",
        )
    if muendlich_am is not None:
        muendlich_am = _zeitpunkt(muendlich_am, "muendlich_am", jetzt)
        if muendlich_am > am:
            raise _fehler(
                "muendlich_am",
                "R-0-VFG-2: Die mündliche Eröffnung geht der schriftlichen voraus oder fällt mit ihr zusammen.",
                "muendlich_nach_schriftlich",
            )
    if art == EroeffnungArt.UEBERGABE_ANSTALT and not empfangsbestaetigung:
        raise _fehler(
            "empfangsbestaetigung",
            "R-0-VFG-2: Bei Übergabe in der Einrichtung die unterzeichnete Empfangsbestätigung beilegen.",
            "empfang_fehlt",
        )
    _gehoer_pruefen(v)
    # § 44: the type's own rules. Ask every check its module registered for this type
    # (kern.erweiterungen.eroeffnung in <app>/contributions.py, e.g. § 41 Abs. 5 in disziplinar); any of
    # them may refuse the Eröffnung with a ValidationError, whichever page or API notifies.
    for pruefen in erweiterungen.eroeffnung_pruefungen(v.typ):
        pruefen(v, am, muendlich_am)
    frist = fristen.tagesfrist(fristen.lokales_datum(am), v.rechtsfolge.frist_tage)
    daten = {
        "eroeffnet_am": am,
        "eroeffnung_art": art,
        "muendlich_eroeffnet_am": muendlich_am,
        "rechtsmittelfrist_ende": frist.ende,
        "rechtsmittelfrist_methode": frist.methode,
    }
    if empfangsbestaetigung:
        v.empfangsbestaetigung = empfangsbestaetigung
    # The stored PDF names the mode of service used and the final date (issue 17).
    v.eroeffnung_art = art
    _pdf_anhaengen(v)
    v = verfuegung_uebergang(
        verfuegung=v,
        nach=S.EROEFFNET,
        durch=durch,
        grund=f"Eröffnet ({art}); Rechtsmittelfrist bis {frist.ende:%d.%m.%Y}",
        **daten,
    )
    # Then run the type's registered consequences in this transaction (e.g. the execution schedule of
    # disciplinary sanctions, the activation of a § 31 measure): the Eröffnung and its effects commit together.
    for danach in erweiterungen.eroeffnung_folgen(v.typ):
        danach(v, durch)
    return v


def _pdf_rendern(v: Verfuegung) -> bytes:
    from kern.pdf import render_verfuegung_pdf  # written separately (WeasyPrint, R-0-VFG-1)

    return render_verfuegung_pdf(pdf_kontext(v))


def _pdf_anhaengen(v: Verfuegung) -> None:
    # Written to storage before the row is saved; a rollback leaves an unreferenced file, never a
    # row pointing to a missing one.
    inhalt = _pdf_rendern(v)
    v.pdf_sha256 = hashlib.sha256(inhalt).hexdigest()
    v.pdf.save(f"{v.nummer}.pdf", ContentFile(inhalt), save=False)


def pdf_erzeugen(*, verfuegung: Verfuegung, durch) -> bytes:
    """A preview before Eröffnung; NOT stored (the stored PDF is the notified one)."""
    berechtigung_pruefen(
        _sieht_person(durch, verfuegung.person_id, verfuegung) and darf_entscheiden(durch, verfuegung),
        "PDF-Vorschau",
    )
    return _pdf_rendern(verfuegung)
