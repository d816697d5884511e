"""The change log across all history tables (R-0-AUDIT-1) as one list for auditors.

Each tracked model keeps its own simple-history table. A page of the merged list is built without a
UNION: every table is asked for its newest `offset + page_size + 1` matching rows (one query per table,
indexed on history_date), the lists are merged in Python (heap) and the page is cut out. The cost
therefore grows with the page number, not with the size of the tables; auditors filter first.
For the rows on the page, the previous version of each changed object comes in one query per model
(its id is annotated on the first query), and the labels of changed foreign keys in one query per
related model: a page costs a fixed number of queries however many rows it shows.

Person filter: a model is person-filterable when it has a path from its history row to the person
(`PERSONENPFADE`; every module adds its models with `kern.erweiterungen.personenpfad` in its
contributions.py).
The path follows the current objects (`fall__person`), so rows of an object whose parent was deleted
are not found by person; the case core never deletes cases, so this holds for today's data.
"""

import heapq
import itertools
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.apps import apps
from django.db import models
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.text import capfirst
from simple_history.models import registered_models

from kern.erweiterungen import AUSGESCHLOSSENE_APPS, PERSONENPFADE, verborgene_felder
from kern.rollen import Rolle

# History row → person (`PERSONENPFADE`) and the apps left out (`AUSGESCHLOSSENE_APPS`): registered by
# every app in its contributions.py (kern.erweiterungen.personenpfad / app_ausschliessen).

# Never shown, whatever a model's history keeps (Benutzer history already excludes the password).
GEHEIME_FELDER = frozenset({"password"})

AKTIONEN = {"+": "erstellt", "~": "geändert", "-": "gelöscht"}


def verfolgte_modelle() -> list[type[models.Model]]:
    """Every model with a simple-history table, in a stable order (by verbose name)."""
    modelle = {
        m
        for m in registered_models.values()
        if not m._meta.auto_created
        and hasattr(m._meta, "simple_history_manager_attribute")
        and apps.is_installed(m._meta.app_config.name)
        and m._meta.app_label not in AUSGESCHLOSSENE_APPS
    }
    return sorted(modelle, key=lambda m: (str(m._meta.verbose_name_plural), m._meta.label_lower))


def modelle_der_app(app_label: str) -> list[type[models.Model]]:
    """The tracked models of one app, also of an app left out of the general log (stable order)."""
    return sorted(
        (
            m
            for m in registered_models.values()
            if m._meta.app_label == app_label and not m._meta.auto_created
        ),
        key=lambda m: m._meta.label_lower,
    )


def typ_auswahl() -> list[tuple[str, str]]:
    return [(m._meta.label_lower, capfirst(m._meta.verbose_name_plural)) for m in verfolgte_modelle()]


@dataclass(frozen=True)
class Filter:
    """The auditor's filters, already resolved: querysets of persons/users (subqueries, no extra query)."""

    personen: QuerySet | None = None
    benutzer: QuerySet | None = None
    ab: datetime | None = None  # inclusive
    bis: datetime | None = None  # exclusive
    typ: str = ""


@dataclass
class Feldaenderung:
    feld: str
    alt: str
    neu: str


@dataclass
class Eintrag:
    zeitpunkt: datetime
    aktion: str  # "+", "~", "-"
    objekt_typ: str
    objekt: str
    objekt_id: object
    akteur: str
    akteur_rolle: str
    ist_systemjob: bool
    grund: str
    aenderungen: list[Feldaenderung] = field(default_factory=list)
    _datensatz: object = None  # the history row (internal)

    @property
    def aktion_text(self) -> str:
        return AKTIONEN.get(self.aktion, self.aktion)


def _historienmodell(modell):
    return getattr(modell, modell._meta.simple_history_manager_attribute).model


def _gefiltert(modell, f: Filter) -> QuerySet | None:
    """The history rows of `modell` matching the filters, newest first, or None if none can match."""
    if f.typ and modell._meta.label_lower != f.typ:
        return None
    hist = _historienmodell(modell)
    qs = hist.objects.all()
    if f.personen is not None:
        pfad = PERSONENPFADE.get(modell._meta.label_lower)
        if pfad is None:
            return None
        qs = qs.filter(**{f"{pfad}__in": f.personen.values("pk")})
    if f.benutzer is not None:
        qs = qs.filter(history_user__in=f.benutzer.values("pk"))
    if f.ab is not None:
        qs = qs.filter(history_date__gte=f.ab)
    if f.bis is not None:
        qs = qs.filter(history_date__lt=f.bis)
    pk_name = modell._meta.pk.attname
    vorher = (
        hist.objects.filter(**{pk_name: OuterRef(pk_name)}, history_id__lt=OuterRef("history_id"))
        .order_by("-history_id")
        .values("history_id")[:1]
    )
    fks = [
        f.name
        for f in hist._meta.get_fields()
        if isinstance(f, models.ForeignKey) and f.name != "history_relation"
    ]
    return (
        qs.select_related(*fks).annotate(_vorher_id=Subquery(vorher)).order_by("-history_date", "-history_id")
    )


def _sortierte_stroeme(f: Filter, grenze: int | None, modelle=None):
    stroeme = []
    for idx, modell in enumerate(verfolgte_modelle() if modelle is None else modelle):
        qs = _gefiltert(modell, f)
        if qs is None:
            continue
        zeilen = list(qs[:grenze]) if grenze is not None else qs.iterator(chunk_size=500)
        stroeme.append(_strom(idx, modell, zeilen))
    return heapq.merge(*stroeme, key=lambda t: (t[0], t[1], t[2]), reverse=True)


def _strom(idx, modell, zeilen):
    # Sort key (history_date, table, history_id), descending; the table index breaks ties between tables.
    for r in zeilen:
        yield r.history_date, -idx, r.history_id, modell, r


@dataclass
class Seite:
    eintraege: list[Eintrag]
    nummer: int
    hat_vorherige: bool
    hat_naechste: bool

    @property
    def vorherige(self) -> int:
        return self.nummer - 1

    @property
    def naechste(self) -> int:
        return self.nummer + 1


def aenderungen_seite(f: Filter, *, nummer: int = 1, pro_seite: int = 50, modelle=None) -> Seite:
    """One page of the merged change log, newest first (see the module docstring for the cost).
    `modelle` (default: `verfolgte_modelle()`) lets a module with its own log (R-BM-3) page through
    its models only, e.g. `modelle_der_app("bedrohung")`."""
    nummer = max(1, nummer)
    offset = (nummer - 1) * pro_seite
    zeilen = list(
        itertools.islice(
            _sortierte_stroeme(f, offset + pro_seite + 1, modelle), offset, offset + pro_seite + 1
        )
    )
    hat_naechste = len(zeilen) > pro_seite
    zeilen = zeilen[:pro_seite]
    return Seite(
        eintraege=_eintraege([(modell, r) for *_, modell, r in zeilen]),
        nummer=nummer,
        hat_vorherige=nummer > 1,
        hat_naechste=hat_naechste,
    )


def aenderungen_alle(f: Filter, *, stueck: int = 500):
    """Every matching entry, newest first, as a generator (CSV export): memory bounded by `stueck`."""
    strom = _sortierte_stroeme(f, None)
    while stueck_zeilen := list(itertools.islice(strom, stueck)):
        yield from _eintraege([(modell, r) for *_, modell, r in stueck_zeilen])


# --- rows → entries --------------------------------------------------------------------------------


def _eintraege(zeilen) -> list[Eintrag]:
    vorher = _vorgaenger_laden(zeilen)
    diffs = {}
    fk_werte: dict[type, set] = defaultdict(set)
    verborgen = {}
    for modell, r in zeilen:
        verborgen[(modell, r.history_id)] = verborgene_felder(modell._meta.label_lower, r)
        alt = vorher.get((modell, r._vorher_id))
        if r.history_type == "~" and alt is not None:
            # Issue 23: registered health fields (kern.erweiterungen.protokoll_verbergen) never reach the log.
            delta = r.diff_against(alt, excluded_fields=GEHEIME_FELDER | verborgen[(modell, r.history_id)])
            diffs[(modell, r.history_id)] = delta.changes
            for aenderung in delta.changes:
                feld = modell._meta.get_field(aenderung.field)
                if isinstance(feld, models.ForeignKey):
                    fk_werte[feld.related_model].update(
                        v for v in (aenderung.old, aenderung.new) if v is not None
                    )
    fk_namen = {
        ziel: {pk: _sicherer_text(obj) for pk, obj in ziel._base_manager.in_bulk(list(pks)).items()}
        for ziel, pks in fk_werte.items()
    }
    return [
        _eintrag(
            modell, r, diffs.get((modell, r.history_id), []), fk_namen, verborgen[(modell, r.history_id)]
        )
        for modell, r in zeilen
    ]


def _sicherer_text(obj) -> str:
    """str() of a related object named in a change (a foreign key's label), without its hidden fields
    (issue 23: "V-2026-00012 Zwangsmedikation …" would show a § 36 decision's title)."""
    verborgen = verborgene_felder(obj._meta.label_lower, obj)
    for feld in verborgen:
        setattr(obj, feld, "")
    return str(obj)


def _vorgaenger_laden(zeilen) -> dict:
    """The previous versions of the changed rows: one query per model present."""
    ids = defaultdict(set)
    for modell, r in zeilen:
        if r.history_type == "~" and r._vorher_id is not None:
            ids[modell].add(r._vorher_id)
    vorher = {}
    for modell, hids in ids.items():
        for alt in _historienmodell(modell).objects.filter(history_id__in=hids):
            vorher[(modell, alt.history_id)] = alt
    return vorher


def _eintrag(modell, r, changes, fk_namen, verborgen=frozenset()) -> Eintrag:
    user = r.history_user
    grund = r.history_change_reason or ""
    if verborgen:
        grund = grund.split(":", 1)[0]
    return Eintrag(
        zeitpunkt=r.history_date,
        aktion=r.history_type,
        objekt_typ=capfirst(modell._meta.verbose_name),
        objekt=_objekt_text(modell, r, verborgen),
        objekt_id=getattr(r, modell._meta.pk.attname),
        akteur=akteur_text(user),
        akteur_rolle=user.get_rolle_display() if user else "",
        ist_systemjob=bool(user and user.rolle == Rolle.SYSTEM),
        grund=grund,
        aenderungen=[_feldaenderung(modell, c, fk_namen) for c in changes],
        _datensatz=r,
    )


def akteur_text(user) -> str:
    if user is None:
        return "unbekannt (kein Akteur erfasst)"
    if user.rolle == Rolle.SYSTEM:
        return f"Systemjob {user.username.removeprefix('job:')}"
    return user.get_full_name() or user.username


def _objekt_text(modell, r, verborgen=frozenset()) -> str:
    """str() of the object as it was, built from the history row without queries (FK caches copied);
    `verborgen` fields stay empty (e.g. the title of a § 36 decision)."""
    obj = modell()
    for feld in modell._meta.concrete_fields:
        if not hasattr(r, feld.attname) or feld.name in verborgen:
            continue  # excluded from history (e.g. the password) or from the log (health text)
        setattr(obj, feld.attname, getattr(r, feld.attname))
        if feld.is_relation:
            hist_feld = r._meta.get_field(feld.name)
            if hist_feld.is_cached(r):
                feld.set_cached_value(obj, hist_feld.get_cached_value(r))
    try:
        return str(obj)
    except Exception:  # noqa: BLE001 – a __str__ that needs a deleted relation must not break the audit page
        return f"{modell._meta.verbose_name} #{obj.pk}"


def wert_text(wert) -> str:
    if wert is None or wert == "":
        return "–"
    if isinstance(wert, bool):
        return "ja" if wert else "nein"
    if isinstance(wert, datetime):
        return (
            f"{timezone.localtime(wert):%d.%m.%Y %H:%M}"
            if timezone.is_aware(wert)
            else f"{wert:%d.%m.%Y %H:%M}"
        )
    if isinstance(wert, date):
        return f"{wert:%d.%m.%Y}"
    return str(wert)


def _feldaenderung(modell, change, fk_namen) -> Feldaenderung:
    feld = modell._meta.get_field(change.field)

    def text(wert):
        if wert is None or wert == "":
            return "–"
        if isinstance(feld, models.ForeignKey):
            return fk_namen.get(feld.related_model, {}).get(wert, f"#{wert} (gelöscht)")
        if feld.choices:
            return str(dict(feld.flatchoices).get(wert, wert))
        return wert_text(wert)

    return Feldaenderung(feld=capfirst(feld.verbose_name), alt=text(change.old), neu=text(change.new))
