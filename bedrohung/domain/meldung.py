"""The threat report (R-BM-1): recorded by any staff member, with attachments; handed over as a
disciplinary report (§ 40) where the author is an inmate."""

from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from bedrohung.domain._pruefen import _fehler, _offen_pruefen, _sperren, _text, _zeitpunkt_pruefen
from bedrohung.models import (
    Bedrohungsmeldung,
    Meldungsbeilage,
)
from bedrohung.permissions import darf_melden
from bedrohung.queries import meldungen_fuer_user
from bedrohung.recht import Kanal, Urheberart
from kern.audit import naechste_nummer, speichern
from kern.dateien import datei_sha256
from kern.rollen import Rolle, berechtigung_pruefen, hat_rolle


@dataclass(frozen=True)
class BeilageDaten:
    titel: str
    datei: UploadedFile = field(repr=False)


# --- Report (R-BM-1) ------------------------------------------------------------------------------


@transaction.atomic
def meldung_erfassen(
    *,
    vorfall_am: datetime,
    ort: str,
    kanal: str,
    wortlaut: str,
    urheber_art: str,
    betroffene: str,
    anstalt=None,
    urheber_person=None,
    urheber_beschreibung: str = "",
    zeugen: str = "",
    sofortbedarf: str = "",
    beilagen=(),
    durch,
) -> Bedrohungsmeldung:
    """R-BM-1: a staff member reports a threat. Steps: permission (any staff role); time (aware, not in
    the future); place, channel, wording, threatening person (an inmate may be named only if the reporter
    may see that person), threatened persons; number BM-YYYY-NNNNN; save with history; attachments.
    The facility defaults to the reporter's own."""
    berechtigung_pruefen(darf_melden(durch), "Bedrohung melden (R-BM-1)")
    jetzt = timezone.now()
    fehler: dict[str, ValidationError] = {}
    try:
        _zeitpunkt_pruefen("vorfall_am", vorfall_am, jetzt, "Der Zeitpunkt der Drohung", "R-BM-1")
    except ValidationError as exc:
        fehler.update(exc.error_dict)
    if not _text(ort):
        fehler["ort"] = [ValidationError("R-BM-1: Den Ort der Drohung angeben.", code="ort_fehlt")]
    if kanal not in Kanal.values:
        fehler["kanal"] = [
            ValidationError(
                "R-BM-1: Kanal ist persönlich, Telefon, Brief, E-Mail, soziale Medien oder anderer Kanal.",
                code="kanal_ungueltig",
            )
        ]
    if not _text(wortlaut):
        fehler["wortlaut"] = [
            ValidationError("R-BM-1: Den Wortlaut oder das Verhalten beschreiben.", code="wortlaut_fehlt")
        ]
    if not _text(betroffene):
        fehler["betroffene"] = [
            ValidationError("R-BM-1: Angeben, wer bedroht wurde.", code="betroffene_fehlen")
        ]
    if urheber_art not in Urheberart.values:
        fehler["urheber_art"] = [
            ValidationError(
                "R-BM-1: Die drohende Person ist eine eingewiesene Person, ein Besucher/eine Besucherin, "
                "eine externe Person oder unbekannt.",
                code="urheber_ungueltig",
            )
        ]
    elif urheber_person is not None:
        if urheber_art != Urheberart.INSASSE:
            fehler["urheber_person"] = [
                ValidationError(
                    "R-BM-1: Eine Person des Vollzugs kann nur bei einer Drohung durch eine eingewiesene "
                    "Person angegeben werden.",
                    code="person_nur_insasse",
                )
            ]
        else:
            from vollzug.queries import personen_fuer_user

            if (
                not personen_fuer_user(durch)
                .filter(pk=getattr(urheber_person, "pk", urheber_person))
                .exists()
            ):
                fehler["urheber_person"] = [
                    ValidationError(
                        "R-BM-1: Diese Person ist nicht in Ihrer Sicht; die drohende Person stattdessen "
                        "beschreiben.",
                        code="person_unbekannt",
                    )
                ]
    if (
        urheber_art in Urheberart.values
        and urheber_art != Urheberart.UNBEKANNT
        and urheber_person is None
        and not _text(urheber_beschreibung)
    ):
        fehler["urheber_beschreibung"] = [
            ValidationError(
                "R-BM-1: Die drohende Person beschreiben (Name, Funktion, Merkmale) oder «unbekannt» wählen.",
                code="urheber_beschreibung_fehlt",
            )
        ]
    if fehler:
        raise ValidationError(fehler)
    if anstalt is None:
        anstalt = getattr(durch, "anstalt", None)
    jahr = timezone.localdate(jetzt).year
    meldung = speichern(
        Bedrohungsmeldung(
            nummer=f"BM-{jahr}-{naechste_nummer(f'bedrohung-{jahr}'):05d}",
            gemeldet_durch=durch,
            gemeldet_am=jetzt,
            vorfall_am=vorfall_am,
            ort=_text(ort),
            anstalt=anstalt,
            kanal=kanal,
            wortlaut=_text(wortlaut),
            urheber_art=urheber_art,
            urheber_person_id=getattr(urheber_person, "pk", urheber_person),
            urheber_beschreibung=_text(urheber_beschreibung),
            betroffene=_text(betroffene),
            zeugen=_text(zeugen),
            sofortbedarf=_text(sofortbedarf),
        ),
        durch=durch,
        grund="Bedrohung gemeldet (R-BM-1)",
    )
    for i, b in enumerate(beilagen):
        try:
            beilage_hinzufuegen(meldung=meldung, titel=b.titel, datei=b.datei, durch=durch)
        except ValidationError as exc:
            raise ValidationError(
                {f"beilagen[{i}].{k}": v for k, v in exc.error_dict.items()}
                if hasattr(exc, "error_dict")
                else {f"beilagen[{i}]": exc.error_list}
            ) from exc
    return meldung


@transaction.atomic
def beilage_hinzufuegen(
    *, meldung: Bedrohungsmeldung, titel: str, datei: UploadedFile, durch
) -> Meldungsbeilage:
    """R-BM-1: evidence (screenshot, letter, recording) by the reporter or the team; the SHA-256 fixes the
    file as received. Not on a closed report."""
    berechtigung_pruefen(
        meldungen_fuer_user(durch).filter(pk=meldung.pk).exists(), "Beilage hinzufügen (R-BM-3)"
    )
    _sperren(meldung)
    _offen_pruefen(meldung)
    if not _text(titel):
        raise _fehler("titel", "R-BM-1: Titel der Beilage angeben.", "titel_fehlt")
    if datei is None or not getattr(datei, "name", ""):
        raise _fehler("datei", "R-BM-1: Eine Datei auswählen.", "datei_fehlt")
    return speichern(
        Meldungsbeilage(
            meldung=meldung,
            titel=_text(titel)[:150],
            datei=datei,
            sha256=datei_sha256(datei),
            hochgeladen_durch=durch,
        ),
        durch=durch,
        grund="Beilage zur Bedrohungsmeldung (R-BM-1)",
    )


@transaction.atomic
def disziplinarrapport_anlegen(*, meldung: Bedrohungsmeldung, durch, sachverhalt: str = ""):
    """R-BM-1: a threat by an inmate against staff opens a disciplinary report under § 40 Abs. 2 lit. c JVG.

    Linked, not copied: the Rapport refers to the report's number (unless `sachverhalt` is given, the facts
    say only that); the wording and the threatened persons stay in the threat report (R-BM-3). The report
    is written by staff of the facility where the person is placed now (`disziplinar.permissions.darf_rapportieren`,
    checked again by `rapport_erfassen`). Once per report.
    """
    from disziplinar import domain as disziplinar
    from vollzug.models import Vollzugsfall

    berechtigung_pruefen(
        meldungen_fuer_user(durch).filter(pk=meldung.pk).exists(), "Disziplinarrapport anlegen (R-BM-3)"
    )
    _sperren(meldung)
    if meldung.disziplinar_rapport_id is not None:
        raise _fehler(
            "disziplinar_rapport",
            f"R-BM-1: Zur Meldung {meldung.nummer} besteht bereits ein Disziplinarrapport.",
            "rapport_besteht",
        )
    if meldung.urheber_art != Urheberart.INSASSE or meldung.urheber_person_id is None:
        raise _fehler(
            "urheber_person",
            "R-BM-1 (§ 40 Abs. 2 lit. c JVG): Ein Disziplinarrapport ist nur bei einer Drohung durch eine "
            "namentlich bekannte eingewiesene Person möglich.",
            "kein_insasse",
        )
    berechtigung_pruefen(
        hat_rolle(durch, Rolle.ANSTALTSPERSONAL, Rolle.ANSTALTSLEITUNG) and durch.anstalt_id is not None,
        "Rapport erfassen (Personal der Einrichtung, R-40-1)",
    )
    fall = (
        Vollzugsfall.objects.filter(
            person_id=meldung.urheber_person_id,
            platzierungen__bis__isnull=True,
            platzierungen__anstalt_id=durch.anstalt_id,
        )
        .order_by("-pk")
        .first()
    )
    if fall is None:
        raise _fehler(
            "urheber_person",
            "R-BM-1 (§ 40 JVG): Die Person ist nicht in Ihrer Einrichtung platziert; den Rapport erstellt "
            "die Einrichtung, in der sie sich befindet.",
            "nicht_platziert",
        )
    text = _text(sachverhalt) or (
        f"Drohung gegen Mitarbeitende gemäss Bedrohungsmeldung {meldung.nummer} "
        f"(§ 40 Abs. 2 lit. c JVG). Einzelheiten beim Bedrohungsmanagement."
    )
    rapport = disziplinar.rapport_erfassen(
        fall=fall,
        tatzeit=meldung.vorfall_am,
        sachverhalt=text,
        delikte=[disziplinar.DeliktDaten(tatbestand="c")],
        zeugen=meldung.zeugen,
        durch=durch,
    )
    meldung.disziplinar_rapport = rapport
    speichern(
        meldung,
        durch=durch,
        grund="Disziplinarrapport § 40 Abs. 2 lit. c JVG verknüpft (R-BM-1)",
        felder=["disziplinar_rapport"],
    )
    return rapport
