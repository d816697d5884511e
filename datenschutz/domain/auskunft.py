"""Subject access (issue 9 item 7): everything the system holds about one person, as JSON with a data
dictionary and as a PDF, for the person's right of access (Art. 25 DSG / § 20 ff. JVG).

Generic: every tracked model (simple-history) with a path to the person in
`protokoll.domain.historie.PERSONENPFADE` is exported — the modules register their models in their
`contributions.py`, so a new module is part of the export without touching this file. Per model: the
current rows and every stored earlier version (history rows are copies of the person's data too), with
a data dictionary (verbose names, help texts, types, choices). Files are listed with name and SHA-256,
not embedded. Health data are included (they are the person's own data). The read log about the person
(R-0-AUDIT-2) is included with who (name and role), when, what and why.

Not included: the threat-management data (app `bedrohung`, and every app left out of the general change
log): they rest on police law, not on the JVG, are kept apart from the Vollzug files (R-BM-3) and are
answered by the threat-management team in its own procedure; the export says so without revealing whether
such data exist.

Bounded memory: the JSON is produced as a stream, one model at a time, rows in chunks of `STUECK`
(labels of related objects: one query per chunk and related model). The PDF (WeasyPrint keeps the whole
document in memory) shows the current data and the read log; the versions are in the JSON only.
"""

import hashlib
import itertools
import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from django.core.exceptions import FieldError, PermissionDenied
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst

from datenschutz.permissions import darf_auskunft_erteilen
from kern.lesezugriffe import lesezugriff_protokollieren
from kern.models import Aktion, Lesezugriff
from kern.rollen import berechtigung_pruefen
from protokoll.domain import historie
from vollzug.models import Person

STUECK = 500
FORMAT_VERSION = "1"
HINWEIS_BEDROHUNG = (
    "Daten des kantonalen Bedrohungsmanagements sind nicht Teil dieser Auskunft: Sie beruhen auf dem "
    "Polizeirecht, nicht auf dem JVG, werden getrennt von den Vollzugsakten geführt und vom "
    "Bedrohungsmanagement in einem eigenen Auskunftsverfahren beauskunftet."
)
HINWEIS_DATEIEN = (
    "Dateien (Dokumente, Berichte, Aufnahmen) sind mit Name und SHA-256-Prüfsumme aufgeführt; Kopien "
    "werden auf Gesuch separat ausgehändigt."
)


@dataclass(frozen=True)
class Abschnitt:
    """One tracked model with its lookup path to the person."""

    modell: type[models.Model]
    pfad: str

    @property
    def label(self) -> str:
        return self.modell._meta.label_lower

    @property
    def bezeichnung(self) -> str:
        return capfirst(str(self.modell._meta.verbose_name_plural))


def _pfad_gueltig(modell, pfad: str) -> bool:
    """The registered path works on the model and on its history table (checked without a query)."""
    try:
        modell._default_manager.filter(**{pfad: 0}).query  # noqa: B018 – builds the lookup, raises FieldError
        historie._historienmodell(modell).objects.filter(**{pfad: 0}).query  # noqa: B018
    except FieldError:
        return False
    return True


def abschnitte() -> list[Abschnitt]:
    """The models of the export: tracked, shown in the general log, and registered with a working person path."""
    return [
        Abschnitt(m, historie.PERSONENPFADE[m._meta.label_lower])
        for m in historie.verfolgte_modelle()
        if m._meta.label_lower in historie.PERSONENPFADE
        and _pfad_gueltig(m, historie.PERSONENPFADE[m._meta.label_lower])
    ]


def nicht_zugeordnete_modelle() -> list[str]:
    """Tracked models without a (working) person path: they hold no person data, or a module forgot to
    register; listed in the export so the gap is visible instead of silent."""
    erfasst = {a.label for a in abschnitte()}
    return [m._meta.label_lower for m in historie.verfolgte_modelle() if m._meta.label_lower not in erfasst]


# --- Data dictionary ---------------------------------------------------------------------------------


def _felder(modell) -> list[models.Field]:
    return [f for f in modell._meta.concrete_fields if f.name not in historie.GEHEIME_FELDER]


def datenkatalog(abschnitt: Abschnitt) -> dict:
    m = abschnitt.modell
    felder = []
    for f in _felder(m):
        eintrag = {
            "name": f.name,
            "bezeichnung": capfirst(str(f.verbose_name)),
            "typ": f.get_internal_type(),
        }
        if f.help_text:
            eintrag["hilfe"] = str(f.help_text)
        if f.choices:
            eintrag["auswahl"] = {str(k): str(v) for k, v in f.flatchoices}
        if f.is_relation:
            eintrag["verweist_auf"] = f.related_model._meta.label_lower
        felder.append(eintrag)
    return {
        "modell": abschnitt.label,
        "bezeichnung": capfirst(str(m._meta.verbose_name)),
        "bezeichnung_mehrzahl": abschnitt.bezeichnung,
        "beschreibung": " ".join((m.__doc__ or "").split()),
        "felder": felder,
    }


# --- Rows --------------------------------------------------------------------------------------------


def _json_wert(wert):
    if isinstance(wert, datetime):
        return timezone.localtime(wert).isoformat() if timezone.is_aware(wert) else wert.isoformat()
    if isinstance(wert, date):
        return wert.isoformat()
    if isinstance(wert, Decimal):
        return str(wert)
    if isinstance(wert, bytes | memoryview):
        return hashlib.sha256(bytes(wert)).hexdigest()
    if isinstance(wert, UUID):
        # A webhook delivery's event id (benachrichtigungen.Zustellung): json cannot encode a UUID, and
        # the answer is already streaming when the row is reached, so the person got a broken file (500).
        return str(wert)
    return wert


def _datei(obj, feld: models.FileField, felder_namen: set[str]) -> dict | None:
    datei = getattr(obj, feld.attname)
    name = datei.name if hasattr(datei, "name") else datei
    if not name:
        return None
    sha = None
    for kandidat in (f"{feld.name}_sha256", "sha256"):
        if kandidat in felder_namen:
            sha = getattr(obj, kandidat) or None
            break
    if sha is None and hasattr(datei, "open"):  # a history row keeps the file's name only
        sha = _sha256_der_datei(datei)
    return {"name": name.rsplit("/", 1)[-1], "pfad": name, "sha256": sha}


def _sha256_der_datei(datei) -> str | None:
    try:
        with datei.open("rb") as f:
            h = hashlib.sha256()
            for teil in iter(lambda: f.read(1 << 16), b""):
                h.update(teil)
            return h.hexdigest()
    except (OSError, ValueError):
        return None  # file missing in storage: listed by name, hash unknown


def _fk_texte(modell, objekte, felder) -> dict:
    """Labels of the related objects of one chunk: one query per related model."""
    ids = defaultdict(set)
    for f in felder:
        if f.is_relation:
            for obj in objekte:
                if (wert := getattr(obj, f.attname)) is not None:
                    ids[f.related_model].add(wert)
    texte = {}
    for ziel, pks in ids.items():
        texte[ziel] = {pk: str(o) for pk, o in ziel._base_manager.in_bulk(list(pks)).items()}
    return texte


def _zeile(obj, felder, felder_namen, texte) -> dict:
    zeile = {}
    for f in felder:
        if f.is_relation:
            wert = getattr(obj, f.attname)
            zeile[f.name] = None if wert is None else {"id": wert, "text": texte[f.related_model].get(wert)}
        elif isinstance(f, models.FileField):
            zeile[f.name] = _datei(obj, f, felder_namen)
        else:
            zeile[f.name] = _json_wert(getattr(obj, f.attname))
    return zeile


def _in_stuecken(qs) -> Iterator[list]:
    it = qs.iterator(chunk_size=STUECK)
    while stueck := list(itertools.islice(it, STUECK)):
        yield stueck


def eintraege(abschnitt: Abschnitt, person_id: int) -> Iterator[dict]:
    """The current rows of one model about the person, as JSON-ready dicts."""
    m = abschnitt.modell
    felder = _felder(m)
    namen = {f.name for f in felder}
    qs = m._default_manager.filter(**{abschnitt.pfad: person_id}).order_by("pk")
    for stueck in _in_stuecken(qs):
        texte = _fk_texte(m, stueck, felder)
        for obj in stueck:
            yield _zeile(obj, felder, namen, texte)


def versionen(abschnitt: Abschnitt, person_id: int) -> Iterator[dict]:
    """Every stored version (history row) about the person: the values as they were, when, by whom."""
    m = abschnitt.modell
    hist = historie._historienmodell(m)
    felder = [f for f in _felder(m) if _hat_feld(hist, f.name)]
    namen = {f.name for f in felder}
    qs = (
        hist.objects.filter(**{abschnitt.pfad: person_id})
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    for stueck in _in_stuecken(qs):
        texte = _fk_texte(m, stueck, felder)
        for r in stueck:
            zeile = {
                "zeitpunkt": _json_wert(r.history_date),
                "aktion": historie.AKTIONEN.get(r.history_type, r.history_type),
                "durch": historie.akteur_text(r.history_user),
                "grund": r.history_change_reason or "",
            }
            zeile["werte"] = _zeile(r, felder, namen, texte)
            yield zeile


def _hat_feld(modell, name: str) -> bool:
    try:
        modell._meta.get_field(name)
    except Exception:  # noqa: BLE001 – FieldDoesNotExist: a field excluded from history
        return False
    return True


def lesezugriffe(person_id: int) -> Iterator[dict]:
    qs = (
        Lesezugriff.objects.filter(person_id=person_id).select_related("benutzer").order_by("zeitpunkt", "pk")
    )
    for stueck in _in_stuecken(qs):
        for z in stueck:
            yield {
                "zeitpunkt": _json_wert(z.zeitpunkt),
                "durch": historie.akteur_text(z.benutzer),
                "rolle": z.get_rolle_display(),
                "aktion": z.get_aktion_display(),
                "kanal": z.get_kanal_display(),
                "objekt": z.objekt_typ,
                "objekt_id": z.objekt_id,
                "zweck": z.zweck,
            }


# --- The export --------------------------------------------------------------------------------------


def auskunft_beginnen(*, person: Person, request_or_user, format: str) -> None:
    """Permission (sachbearbeitung) and the read log entry (R-0-AUDIT-2): the export is a read of the
    whole file. Called before the first byte is produced."""
    user = getattr(request_or_user, "user", request_or_user)
    berechtigung_pruefen(darf_auskunft_erteilen(user), "Auskunft an die betroffene Person erstellen")
    lesezugriff_protokollieren(
        request_or_user=request_or_user,
        person=person,
        objekt=person,
        aktion=Aktion.EXPORT,
        zweck=f"Auskunftsrecht der betroffenen Person ({format.upper()})",
        abfrage=f"auskunft:{format}",
    )


def _kopf(person: Person, durch) -> dict:
    return {
        "format": f"jvg-case-auskunft/{FORMAT_VERSION}",
        "erstellt_am": _json_wert(timezone.now()),
        "erstellt_durch": historie.akteur_text(durch),
        "person": {
            "id": person.pk,
            "personennummer": person.personennummer,
            "name": person.amtlicher_name,
            "vorname": person.vorname,
            "geburtsdatum": person.geburtsdatum.isoformat(),
        },
        "hinweise": [HINWEIS_DATEIEN, HINWEIS_BEDROHUNG],
        "nicht_personenbezogene_modelle": nicht_zugeordnete_modelle(),
    }


def _liste(eintraege_iter) -> Iterator[str]:
    yield "["
    for i, e in enumerate(eintraege_iter):
        yield ("," if i else "") + json.dumps(e, ensure_ascii=False)
    yield "]"


def auskunft_json(*, person: Person, durch) -> Iterator[str]:
    """The export as JSON text in pieces (for a StreamingHttpResponse or a file). No permission check:
    call `auskunft_beginnen` first."""
    teile = abschnitte()
    kopf = _kopf(person, durch)
    kopf["datenkatalog"] = [datenkatalog(a) for a in teile]
    yield json.dumps(kopf, ensure_ascii=False)[:-1]  # the header object stays open for the data
    yield ', "daten": {'
    for i, a in enumerate(teile):
        yield ("," if i else "") + json.dumps(a.label) + ': {"bezeichnung": ' + json.dumps(a.bezeichnung)
        yield ', "eintraege": '
        yield from _liste(eintraege(a, person.pk))
        yield ', "versionen": '
        yield from _liste(versionen(a, person.pk))
        yield "}"
    yield '}, "lesezugriffe": '
    yield from _liste(lesezugriffe(person.pk))
    yield "}"


# --- PDF ---------------------------------------------------------------------------------------------


def _text(feld: dict, wert) -> str:
    if wert is None or wert == "":
        return "–"
    if isinstance(wert, dict) and "sha256" in wert:
        return f"{wert['name']} (SHA-256 {wert['sha256'] or 'unbekannt'})"
    if isinstance(wert, dict):
        return wert.get("text") or f"#{wert.get('id')}"
    if "auswahl" in feld:
        return feld["auswahl"].get(str(wert), str(wert))
    if isinstance(wert, bool):
        return "ja" if wert else "nein"
    if feld["typ"] == "DateTimeField":
        return historie.wert_text(datetime.fromisoformat(wert))
    if feld["typ"] == "DateField":
        return historie.wert_text(date.fromisoformat(wert))
    return str(wert)


def pdf_kontext(*, person: Person, durch) -> dict:
    kopf = _kopf(person, durch)
    bereiche = []
    for a in abschnitte():
        katalog = datenkatalog(a)
        zeilen = [
            [(f["bezeichnung"], _text(f, e[f["name"]])) for f in katalog["felder"]]
            for e in eintraege(a, person.pk)
        ]
        if zeilen:
            bereiche.append({"bezeichnung": a.bezeichnung, "eintraege": zeilen})
    return {
        "kopf": kopf,
        "person": person,
        "erstellt_am": timezone.localtime(),
        "bereiche": bereiche,
        "lesezugriffe": [
            {**z, "zeit_text": historie.wert_text(datetime.fromisoformat(z["zeitpunkt"]))}
            for z in lesezugriffe(person.pk)
        ],
    }


def auskunft_pdf(*, person: Person, durch) -> bytes:
    """The PDF version (summary, current data per area, read log). No permission check: call
    `auskunft_beginnen` first. Synchronous (PITFALLS: WeasyPrint): a file with thousands of rows belongs in a
    Celery task; a person's file is typically a few pages."""
    from kern.pdf import render_pdf

    if not darf_auskunft_erteilen(durch):
        raise PermissionDenied(
            "Keine Berechtigung: Auskunft an die betroffene Person erstellen (R-0-ROLE-1)."
        )
    return render_pdf("datenschutz/auskunft_pdf.html", pdf_kontext(person=person, durch=durch))
