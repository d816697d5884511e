"""Writing the read-access log (R-0-AUDIT-2): called by every view and API endpoint that opens a person's file.

Cheap on purpose: each call is exactly ONE INSERT and reads nothing (the caller passes what it already
loaded). What counts as a read:
- UI: person detail, case detail, document download → one row each, after the object was found.
- API: retrieve of a person or a case → one row; a list page → one row per returned object, written in a
  single bulk INSERT (a list of cases discloses the same data as opening each case, so an auditor who
  filters by person must find it), or one row without person when the page is empty (the query itself
  is recorded with its filter in `abfrage`).
- A refused read (404: outside the caller's view, or not existing) writes nothing: nothing was disclosed,
  and "who probed which id" is a security-monitoring concern, not part of the file's access log.
"""

from collections.abc import Sequence

from django.db import connections, router, transaction
from django.db.models import Field, Model
from django.http import HttpRequest
from django.utils import timezone
from rest_framework.request import Request

from kern.models import Aktion, Kanal, Lesezugriff
from kern.sql import zeilen_umwandeln

ZWECK_HEADER = "X-Zweck"
_ZWECK_MAX = 500
_ABFRAGE_MAX = 1000


def _zerlegen(request_or_user):
    if isinstance(request_or_user, Request | HttpRequest):
        return request_or_user.user, request_or_user
    return request_or_user, None


def _kanal(request) -> str:
    return Kanal.API if isinstance(request, Request) else Kanal.UI


def _zweck(request, kanal: str, zweck: str) -> str:
    if not zweck and request is not None and kanal == Kanal.API:
        # Optional for now; issue 9 makes it mandatory for agencies (§21.3: each request states its purpose).
        zweck = request.headers.get(ZWECK_HEADER, "")
    return zweck.strip()[:_ZWECK_MAX]


# Issue 19: a list writes its rows as ONE statement with one array per column (unnest), so the parameters
# are 11 arrays instead of 11 per row, no SQL is compiled per row, and autocommit needs no BEGIN/COMMIT
# round trips. Django's bulk_create cost ~40 % of a 50-row API list page at a million cases.
_SPALTEN = (
    ("zeitpunkt", "timestamptz"),
    ("benutzer_id", "bigint"),
    ("rolle", "text"),
    ("person_id", "bigint"),
    ("objekt_typ", "text"),
    ("objekt_id", "bigint"),
    ("aktion", "text"),
    ("kanal", "text"),
    ("zweck", "text"),
    ("abfrage", "text"),
    ("ip", "inet"),
)


def _einfuegen(eintraege: list[Lesezugriff]) -> list[Lesezugriff]:
    verbindung = connections[router.db_for_write(Lesezugriff)]
    if verbindung.vendor != "postgresql" or len(eintraege) == 1:
        return Lesezugriff.objects.bulk_create(eintraege)
    spalten = ", ".join(name for name, _ in _SPALTEN)
    arrays = ", ".join(f"%s::{typ}[]" for _, typ in _SPALTEN)
    with verbindung.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {Lesezugriff._meta.db_table} ({spalten}) SELECT * FROM unnest({arrays})",
            [[getattr(e, name) for e in eintraege] for name, _ in _SPALTEN],
        )
    return eintraege


def _ip(request) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def _eintrag(
    *, user, request, kanal, person, objekt, objekt_typ, aktion, zweck, abfrage, jetzt
) -> Lesezugriff:
    return Lesezugriff(
        zeitpunkt=jetzt,
        benutzer=user,
        rolle=user.rolle,
        # A Person or its primary key: callers pass `fall.person_id` to avoid loading the person.
        person_id=getattr(person, "pk", person),
        objekt_typ=objekt._meta.label_lower if objekt is not None else objekt_typ,
        objekt_id=objekt.pk if objekt is not None else None,
        aktion=aktion,
        kanal=kanal,
        zweck=zweck,
        abfrage=abfrage[:_ABFRAGE_MAX],
        ip=_ip(request),
    )


def lesezugriff_protokollieren(
    *,
    request_or_user,
    person=None,
    objekt: Model | None = None,
    aktion: str,
    zweck: str = "",
    objekt_typ: str = "",
    abfrage: str = "",
    kanal: str | None = None,
) -> Lesezugriff:
    """Record one read: who (user and role copied), what (person, object type and id), when, why, where from.

    `request_or_user`: the Django or DRF request (channel, IP and the API's `X-Zweck` header are taken from
    it) or a user (then `kanal` defaults to UI). `person`: a Person or its pk. `objekt_typ` is used when no
    `objekt` is given (exports, list queries). One INSERT, no reads.
    """
    user, request = _zerlegen(request_or_user)
    kanal = kanal or _kanal(request)
    eintrag = _eintrag(
        user=user,
        request=request,
        kanal=kanal,
        person=person,
        objekt=objekt,
        objekt_typ=objekt_typ,
        aktion=aktion,
        zweck=_zweck(request, kanal, zweck),
        abfrage=abfrage,
        jetzt=timezone.now(),
    )
    eintrag.save(force_insert=True)
    return eintrag


def listenzugriff_protokollieren(
    *,
    request_or_user,
    objekte,
    person_von,
    objekt_typ: str,
    aktion: str = Aktion.API_LISTE,
    abfrage: str = "",
) -> list[Lesezugriff]:
    """Record a list read: one row per returned object in ONE bulk INSERT (one row without person if empty).

    `person_von(obj)` gives the person (or its pk) of each object, e.g. `lambda fall: fall.person_id`.
    """
    user, request = _zerlegen(request_or_user)
    kanal = _kanal(request)
    gemeinsam = {
        "user": user,
        "request": request,
        "kanal": kanal,
        "objekt_typ": objekt_typ,
        "aktion": aktion,
        "zweck": _zweck(request, kanal, ""),
        "abfrage": abfrage,
        "jetzt": timezone.now(),
    }
    objekte = list(objekte)
    if not objekte:
        eintraege = [_eintrag(person=None, objekt=None, **gemeinsam)]
    else:
        eintraege = [_eintrag(person=person_von(obj), objekt=obj, **gemeinsam) for obj in objekte]
    return _einfuegen(eintraege)


def personen_protokollieren(
    *, request, person_ids, objekt_typ: str, aktion: str = Aktion.LISTE, abfrage: str = ""
) -> list[Lesezugriff]:
    """Issue 18 item 10: a browser list, search, overview or calendar export records which persons it
    showed — one row per distinct person, all in ONE bulk INSERT (one row without person if none), with
    the query as sent, so an auditor filtering by person finds the list that showed her."""
    user, request = _zerlegen(request)
    kanal = _kanal(request)
    gemeinsam = {
        "user": user,
        "request": request,
        "kanal": kanal,
        "objekt": None,
        "objekt_typ": objekt_typ,
        "aktion": aktion,
        "zweck": _zweck(request, kanal, ""),
        "abfrage": abfrage,
        "jetzt": timezone.now(),
    }
    ids = list(dict.fromkeys(pk for pk in person_ids if pk is not None))
    eintraege = [_eintrag(person=pk, **gemeinsam) for pk in ids] or [_eintrag(person=None, **gemeinsam)]
    return _einfuegen(eintraege)


def sql_lesen_protokolliert(
    *,
    request_or_user,
    sql: str,
    parameter: Sequence,
    spalten: Sequence[tuple[str, Field | None]],
    protokollieren_bis: int,
    objekt_spalte: str | None,
    person_spalte: str,
    nr_spalte: str,
    objekt_typ: str,
    aktion: str = Aktion.API_LISTE,
    abfrage: str = "",
    leer_protokollieren: bool = True,
) -> list[dict]:
    """Read one list page AND record it (R-0-AUDIT-2), the page given as SQL (issue 19: the API case list
    compiles only its ids with the ORM and reads the rows by hand-written SQL, `vollzug.queries._fall_seite`).
    `spalten` names the columns of `sql` in order, each with the model field whose database converters
    apply (SQLite returns dates as text), or None; the column `nr_spalte` numbers the rows 1, 2, … in list
    order. One read-log row per row numbered up to `protokollieren_bis` (the page without its look-ahead
    row), or one row without person when there is none (unless `leer_protokollieren` is false: the caller
    records an empty read itself). `objekt_spalte=None`: a browser list's rows as `personen_protokollieren`
    writes them, one per distinct person and without object.

    PostgreSQL: `WITH seite AS (…), log AS (INSERT … SELECT … FROM seite) SELECT … FROM seite ORDER BY nr`
    in autocommit. The insert and the read are one atomic statement, so no row reaches the caller unless
    its read is committed; one round trip and one commit. Elsewhere (SQLite): the read and the bulk INSERT
    in one transaction. Returns the rows as dicts, in list order."""
    eintrag = _listeneintrag(request_or_user, objekt_typ, aktion, abfrage)
    verbindung = connections[router.db_for_write(Lesezugriff)]
    namen = [name for name, _ in spalten]
    if verbindung.vendor == "postgresql":
        zeilen = _pg_lesen_protokolliert(
            verbindung, eintrag, sql, parameter, namen, protokollieren_bis, nr_spalte, person_spalte,
            objekt_spalte, leer_protokollieren,
        )  # fmt: skip
        return zeilen_umwandeln(verbindung, spalten, zeilen)
    # savepoint=False: inside a caller's transaction an error aborts it anyway; no SAVEPOINT round trips.
    with transaction.atomic(using=verbindung.alias, savepoint=False), verbindung.cursor() as cursor:
        cursor.execute(sql, parameter)
        zeilen = [dict(zip(namen, z, strict=True)) for z in cursor.fetchall()]
        zeilen = sorted(zeilen_umwandeln(verbindung, spalten, zeilen), key=lambda z: z[nr_spalte])
        _seite_eintragen(
            eintrag, zeilen, protokollieren_bis, nr_spalte, person_spalte, objekt_spalte, leer_protokollieren
        )
    return zeilen


def _listeneintrag(request_or_user, objekt_typ: str, aktion: str, abfrage: str) -> Lesezugriff:
    """The values every read-log row of one list page shares (person and object are filled per row)."""
    user, request = _zerlegen(request_or_user)
    kanal = _kanal(request)
    return _eintrag(
        user=user,
        request=request,
        kanal=kanal,
        person=None,
        objekt=None,
        objekt_typ=objekt_typ,
        aktion=aktion,
        zweck=_zweck(request, kanal, ""),
        abfrage=abfrage,
        jetzt=timezone.now(),
    )


def _seite_eintragen(
    eintrag, zeilen, protokollieren_bis, nr_spalte, person_spalte, objekt_spalte, leer_protokollieren
) -> None:
    protokolliert = [z for z in zeilen if z[nr_spalte] <= protokollieren_bis]
    if objekt_spalte is None:  # one row per distinct person, as `personen_protokollieren`
        personen = dict.fromkeys(z[person_spalte] for z in protokolliert if z[person_spalte] is not None)
        eintraege = [_kopie(eintrag, person_id=pk) for pk in personen]
    else:
        eintraege = [
            _kopie(eintrag, person_id=z[person_spalte], objekt_id=z[objekt_spalte]) for z in protokolliert
        ]
    if eintraege or leer_protokollieren:
        _einfuegen(eintraege or [eintrag])


def _pg_lesen_protokolliert(
    verbindung,
    eintrag,
    sql,
    parameter,
    namen,
    protokollieren_bis,
    nr_spalte,
    person_spalte,
    objekt_spalte,
    leer_protokollieren,
) -> list[dict]:
    spalten = ", ".join(f"c{i}" for i in range(len(namen)))
    nr, person = (f"c{namen.index(n)}" for n in (nr_spalte, person_spalte))
    ziel = ", ".join(name for name, _ in _SPALTEN)
    # The shared values of every row, typed; person and object come from the page (or NULL if empty).
    gemeinsam = {name: f"%s::{typ}" for name, typ in _SPALTEN}
    werte = [getattr(eintrag, name) for name, _ in _SPALTEN]

    def auswahl(person_sql: str, objekt_sql: str) -> tuple[str, list]:
        ausdruecke, params = [], []
        for (name, _), wert in zip(_SPALTEN, werte, strict=True):
            if name == "person_id":
                ausdruecke.append(person_sql)
            elif name == "objekt_id":
                ausdruecke.append(objekt_sql)
            else:
                ausdruecke.append(gemeinsam[name])
                params.append(wert)
        return ", ".join(ausdruecke), params

    if objekt_spalte is None:
        # One row per distinct person in order of first appearance, without object (a browser list).
        protokolliert = f"s.{nr} <= %s AND s.{person} IS NOT NULL"
        quelle = (
            f"(SELECT s.{person}, min(s.{nr}) AS erste FROM seite s WHERE {protokolliert} "
            f"GROUP BY s.{person} ORDER BY erste) s"
        )
        mit_zeile, p_zeile = auswahl(f"s.{person}", "NULL")
    else:
        protokolliert = f"s.{nr} <= %s"
        quelle = f"seite s WHERE {protokolliert}"
        mit_zeile, p_zeile = auswahl(f"s.{person}", f"s.c{namen.index(objekt_spalte)}")
    einfuegen = f"SELECT {mit_zeile} FROM {quelle}"
    einfuegen_parameter = [*p_zeile, protokollieren_bis]
    if leer_protokollieren:
        ohne_zeile, p_leer = auswahl("NULL", "NULL")
        einfuegen += (
            f" UNION ALL SELECT {ohne_zeile} WHERE NOT EXISTS (SELECT 1 FROM seite s WHERE {protokolliert})"
        )
        einfuegen_parameter += [*p_leer, protokollieren_bis]
    tabelle = Lesezugriff._meta.db_table
    with verbindung.cursor() as cursor:
        cursor.execute(
            f"WITH seite ({spalten}) AS MATERIALIZED ({sql}), "  # noqa: S608 (names from the models)
            f"log AS (INSERT INTO {tabelle} ({ziel}) {einfuegen}) "
            f"SELECT {spalten} FROM seite ORDER BY {nr}",
            [*parameter, *einfuegen_parameter],
        )
        return [dict(zip(namen, z, strict=True)) for z in cursor.fetchall()]


def _kopie(eintrag: Lesezugriff, **felder) -> Lesezugriff:
    werte = {
        f.attname: getattr(eintrag, f.attname) for f in Lesezugriff._meta.concrete_fields if not f.primary_key
    }
    return Lesezugriff(**(werte | felder))
