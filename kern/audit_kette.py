"""The tamper-evident audit (issue 18 item 3; ASVS V16.4.2/V16.4.3): which tables are protected, the hash
chain over their rows, its check, and the one path that may destroy a protected row (legal deletion).

Protected tables: every simple-history table, every table an app declared append-only
(`kern.erweiterungen.nur_anfuegen`), and the content-free access and destruction logs listed in
`ZUSATZ_MODELLE`. The database role of the app may only SELECT and INSERT there
(`manage.py datenbankrollen`); that stops the app, and anyone who takes it over, from rewriting history.

Against the table owner (who can do anything), the chain: `versiegeln()` appends one `Kettenglied` per
new row, `HMAC-SHA256(key, previous hash | table | pk | SHA-256 of the row's content)`, one chain per
table. The key (`JVG_AUDIT_SCHLUESSEL`) lives in the app's environment, never in the database, so an
owner who rewrites a row cannot write a matching link, and one who deletes a row or a link breaks the
chain. `pruefen()` walks every chain and names the first broken link. Rows are sealed by a beat job
(every few minutes), not inside the writing transaction: a row is protected by the privileges at once
and by the chain from its sealing on. What the chain cannot show is a cut-off tail (the newest links
deleted together with their rows); the sealing job therefore writes each chain head to the application
log, which goes to the log collector outside the database.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from kern import erweiterungen, jobs
from kern.models import Kettenglied, Vernichtung

log = logging.getLogger(__name__)

# Content-free logs of access and destruction that no client may change (besides the registered
# append-only tables and the history tables).
ZUSATZ_MODELLE = (
    "admin.LogEntry",
    "bedrohung.Zugriff",
    "bedrohung.Loeschprotokoll",
    "ueberwachung.Inhaltszugriff",
    "ueberwachung.Vernichtungsprotokoll",
    "jvg_case.Vernichtung",
    "jvg_case.Sicherheitsereignis",
)
START = "0" * 64


def _modell(label: str):
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def historientabellen() -> list[str]:
    return sorted({m._meta.db_table for m in apps.get_models() if hasattr(m, "instance_type")})


def geschuetzte_tabellen() -> list[str]:
    """Every table the app role may only read and append to (SELECT, INSERT)."""
    tabellen = set(historientabellen()) | set(erweiterungen.NUR_ANFUEGEN)
    tabellen |= {m._meta.db_table for label in ZUSATZ_MODELLE if (m := _modell(label)) is not None}
    tabellen.add(Kettenglied._meta.db_table)
    return sorted(tabellen)


def kettentabellen() -> list[str]:
    """The protected tables that carry a chain (all but the chain table itself)."""
    return [t for t in geschuetzte_tabellen() if t != Kettenglied._meta.db_table]


def _schluessel() -> bytes:
    return settings.JVG_AUDIT_SCHLUESSEL.encode()


def _inhalt(zeile: tuple) -> str:
    roh = json.dumps(
        [None if v is None else str(v) for v in zeile], ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(roh.encode()).hexdigest()


def _glied_hash(vorgaenger: str, tabelle: str, pk: int, inhalt: str) -> str:
    nachricht = f"{vorgaenger}|{tabelle}|{pk}|{inhalt}".encode()
    return hmac.new(_schluessel(), nachricht, hashlib.sha256).hexdigest()


def _pk_spalte(cursor, tabelle: str) -> str:
    return connection.introspection.get_primary_key_column(cursor, tabelle)


def _zeilen(
    cursor, tabelle: str, pk_spalte: str, sql_bedingung: str, params, limit: int | None = None
) -> dict[int, tuple]:
    qn = connection.ops.quote_name
    begrenzung = f" LIMIT {int(limit)}" if limit else ""
    cursor.execute(
        f"SELECT * FROM {qn(tabelle)} WHERE {sql_bedingung} ORDER BY {qn(pk_spalte)}{begrenzung}",  # noqa: S608
        params,
    )
    spalten = [c[0] for c in cursor.description]
    index = spalten.index(pk_spalte)
    return {zeile[index]: zeile for zeile in cursor.fetchall()}


# --- Sealing -----------------------------------------------------------------------------------


def _kopf(tabelle: str) -> tuple[str, int]:
    letztes = (
        Kettenglied.objects.filter(tabelle=tabelle).order_by("-id").values_list("hash", "zeile_pk").first()
    )
    if letztes is None:
        return START, 0
    hoechste = (
        Kettenglied.objects.filter(tabelle=tabelle).order_by("-zeile_pk").values_list("zeile_pk", flat=True)
    )
    return letztes[0], hoechste.first()


# Rows committed late (a transaction that took a lower id but committed after a higher one was sealed)
# are picked up within this many ids below the highest sealed one.
NACHZUEGLER = 1000


def _tabelle_versiegeln(tabelle: str, *, batch: int) -> int:
    qn = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        pk_spalte = _pk_spalte(cursor, tabelle)
        kopf, hoechste = _kopf(tabelle)
        versiegelt = set(
            Kettenglied.objects.filter(tabelle=tabelle, zeile_pk__gt=hoechste - NACHZUEGLER).values_list(
                "zeile_pk", flat=True
            )
        )
        kandidaten = _zeilen(
            cursor,
            tabelle,
            pk_spalte,
            f"{qn(pk_spalte)} > %s",
            [hoechste - NACHZUEGLER],
            limit=batch + len(versiegelt),
        )
        jetzt = timezone.now()
        neu = []
        for pk, zeile in kandidaten.items():
            if pk in versiegelt:
                continue
            inhalt = _inhalt(zeile)
            glied = _glied_hash(kopf, tabelle, pk, inhalt)
            neu.append(
                Kettenglied(
                    tabelle=tabelle,
                    zeile_pk=pk,
                    inhalt=inhalt,
                    vorgaenger=kopf,
                    hash=glied,
                    versiegelt_am=jetzt,
                )
            )
            kopf = glied
        Kettenglied.objects.bulk_create(neu)
    if neu:
        log.info("Audit-Kette %s: %d Zeilen versiegelt, Kopf %s", tabelle, len(neu), neu[-1].hash)
    return len(neu)


def versiegeln(*, batch: int = 2000, zeitbudget_s: float = 240) -> int:
    """Seal every new row of every protected table; returns the number of new links. One run at a time."""
    budget = jobs.Zeitbudget(zeitbudget_s)
    gesamt = 0
    vorhanden = set(connection.introspection.table_names())
    with jobs.sperre("kern.audit_versiegeln") as frei:
        if not frei:
            return 0
        for tabelle in kettentabellen():
            if tabelle not in vorhanden:
                continue
            while budget.uebrig():
                anzahl = _tabelle_versiegeln(tabelle, batch=batch)
                gesamt += anzahl
                if anzahl < batch:
                    break
    return gesamt


# --- Checking ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bruch:
    tabelle: str
    zeile_pk: int
    art: str  # "geändert", "gelöscht", "Kette unterbrochen"

    def __str__(self):
        return f"{self.tabelle}, Zeile {self.zeile_pk}: {self.art}"


@dataclass(frozen=True)
class Pruefergebnis:
    geprueft: int
    brueche: list[Bruch]
    bis: object  # the newest sealing time checked (datetime) or None

    @property
    def intakt(self) -> bool:
        return not self.brueche


def _tabelle_pruefen(tabelle: str, *, batch: int) -> tuple[int, Bruch | None]:
    geprueft = 0
    vorgaenger = START
    letzte_id = 0
    with connection.cursor() as cursor:
        pk_spalte = _pk_spalte(cursor, tabelle)
        qn = connection.ops.quote_name
        while True:
            glieder = list(
                Kettenglied.objects.filter(tabelle=tabelle, id__gt=letzte_id).order_by("id")[:batch]
            )
            if not glieder:
                return geprueft, None
            pks = [g.zeile_pk for g in glieder]
            zeilen = (
                _zeilen(cursor, tabelle, pk_spalte, f"{qn(pk_spalte)} = ANY(%s)", [pks])
                if (connection.vendor == "postgresql")
                else _zeilen(
                    cursor, tabelle, pk_spalte, f"{qn(pk_spalte)} IN ({','.join(['%s'] * len(pks))})", pks
                )
            )
            vernichtet = set(
                Vernichtung.objects.filter(tabelle=tabelle, zeile_pk__in=pks).values_list(
                    "zeile_pk", flat=True
                )
            )
            for g in glieder:
                if (
                    g.vorgaenger != vorgaenger
                    or _glied_hash(g.vorgaenger, tabelle, g.zeile_pk, g.inhalt) != g.hash
                ):
                    return geprueft, Bruch(tabelle, g.zeile_pk, "Kette unterbrochen")
                zeile = zeilen.get(g.zeile_pk)
                if zeile is None:
                    if g.zeile_pk not in vernichtet:
                        return geprueft, Bruch(tabelle, g.zeile_pk, "gelöscht")
                elif _inhalt(zeile) != g.inhalt and g.zeile_pk not in vernichtet:
                    # A row of which a part was destroyed by law carries a `Vernichtung` record as well
                    # (issue 23: the free-text suspicion of old access records, ueberwachung 0004).
                    return geprueft, Bruch(tabelle, g.zeile_pk, "geändert")
                vorgaenger = g.hash
                geprueft += 1
            letzte_id = glieder[-1].id


def pruefen(*, tabellen: list[str] | None = None, batch: int = 2000) -> Pruefergebnis:
    """Walk every chain; the first broken link of each table is reported."""
    vorhanden = set(connection.introspection.table_names())
    geprueft, brueche = 0, []
    for tabelle in tabellen or kettentabellen():
        if tabelle not in vorhanden:
            continue
        anzahl, bruch = _tabelle_pruefen(tabelle, batch=batch)
        geprueft += anzahl
        if bruch is not None:
            brueche.append(bruch)
    bis = Kettenglied.objects.order_by("-versiegelt_am").values_list("versiegelt_am", flat=True).first()
    return Pruefergebnis(geprueft=geprueft, brueche=brueche, bis=bis)


# --- The one path that destroys protected rows --------------------------------------------------

VERNICHTUNGSFUNKTION = "jvg_historie_vernichten"


def historie_vernichten(queryset, *, grund: str) -> int:
    """Legal deletion (§ 27, §§ 29–30 JVG, retention of the threat management) of history rows: deletes
    the rows of `queryset` (a simple-history queryset) and writes one content-free `Vernichtung` per row,
    so the chain check accepts the gap. As the app role (PostgreSQL, roles set up), through the owner's
    SECURITY DEFINER function, the only way that role can delete a protected row at all."""
    tabelle = queryset.model._meta.db_table
    pks = list(queryset.values_list("pk", flat=True))
    if not pks:
        return 0
    if connection.vendor == "postgresql" and _funktion_vorhanden():
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {VERNICHTUNGSFUNKTION}(%s, %s::bigint[], %s)", [tabelle, pks, grund[:200]]
            )
            return cursor.fetchone()[0]
    jetzt = timezone.now()
    queryset.model.objects.filter(pk__in=pks).delete()
    Vernichtung.objects.bulk_create(
        [Vernichtung(tabelle=tabelle, zeile_pk=pk, grund=grund[:200], zeitpunkt=jetzt) for pk in pks]
    )
    return len(pks)


def historie_vernichten_nach(history_modell, spalte: str, ids: list[int], *, grund: str) -> int:
    """`historie_vernichten` set-based (issue 19: legal deletion in batches of thousands): the history rows
    of `history_modell` whose column `spalte` is one of `ids`, passed as one array parameter. On PostgreSQL
    the history ids never travel through Python: the SECURITY DEFINER function gets `ARRAY(SELECT
    history_id …)`; without it (no roles set up) one `DELETE … RETURNING` feeds the `Vernichtung` records.
    Elsewhere (SQLite, `make run`) the queryset path."""
    if not ids:
        return 0
    if connection.vendor != "postgresql":
        return historie_vernichten(history_modell.objects.filter(**{f"{spalte}__in": ids}), grund=grund)
    qn = connection.ops.quote_name
    tabelle = history_modell._meta.db_table
    pk = qn(history_modell._meta.pk.column)
    bedingung = f"{qn(spalte)} = ANY(%s::bigint[])"
    with connection.cursor() as cursor:
        if _funktion_vorhanden():
            cursor.execute(
                f"SELECT {VERNICHTUNGSFUNKTION}(%s, ARRAY(SELECT {pk} FROM {qn(tabelle)} "  # noqa: S608
                f"WHERE {bedingung})::bigint[], %s)",
                [tabelle, _array(ids), grund[:200]],
            )
            return cursor.fetchone()[0]
        v = Vernichtung._meta
        cursor.execute(
            f"WITH weg AS (DELETE FROM {qn(tabelle)} WHERE {bedingung} RETURNING {pk}) "  # noqa: S608
            f"INSERT INTO {qn(v.db_table)} (tabelle, zeile_pk, grund, zeitpunkt) "
            f"SELECT %s, {pk}, %s, %s FROM weg",
            [_array(ids), tabelle, grund[:200], timezone.now()],
        )
        return cursor.rowcount


def _array(ids) -> str:
    # One array literal, cast to bigint[] in SQL: cheaper than adapting thousands of Python ints.
    return "{" + ",".join(str(int(i)) for i in ids) + "}"


def _funktion_vorhanden() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT to_regprocedure(%s) IS NOT NULL", [f"{VERNICHTUNGSFUNKTION}(text,bigint[],text)"]
        )
        return cursor.fetchone()[0]


def pruefen_und_festhalten() -> Pruefergebnis:
    """Check every chain and keep the result for the revision pages (one `Kettenpruefung` row)."""
    from kern.models import Kettenpruefung

    ergebnis = pruefen()
    erster = ergebnis.brueche[0] if ergebnis.brueche else None
    Kettenpruefung.objects.create(
        zeitpunkt=timezone.now(),
        geprueft=ergebnis.geprueft,
        bis=ergebnis.bis,
        intakt=ergebnis.intakt,
        bruch_tabelle=erster.tabelle[:100] if erster else "",
        bruch_zeile=erster.zeile_pk if erster else None,
        bruch_art=erster.art if erster else "",
        weitere_brueche=max(0, len(ergebnis.brueche) - 1),
    )
    return ergebnis


def tabellenname(tabelle: str) -> str:
    """The readable name of a protected table (the model's plural name, history tables included)."""
    for modell in apps.get_models():
        if modell._meta.db_table == tabelle:
            if hasattr(modell, "instance_type"):  # a simple-history model
                return f"Historie: {modell.instance_type._meta.verbose_name_plural}"
            return str(modell._meta.verbose_name_plural)
    return tabelle
