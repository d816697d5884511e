"""Who may see which persons and cases (R-0-ROLE-1, R-20-1): one place, used by every view, API and job.

Facility roles see only persons currently placed in their facility, and of them only the cases not
yet ended by release (issue 23); outside that set a view answers 404, never 403, so the existence of a
person does not leak.
"""

from datetime import timedelta
from types import SimpleNamespace

from django.core.exceptions import EmptyResultSet
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from kern.lesezugriffe import sql_lesen_protokolliert
from kern.models import Aktion
from kern.rollen import ALLE_FAELLE_LESEN, ANSTALTSROLLEN, Rolle
from vollzug import recht
from vollzug.models import Entscheid, Person, Platzierung, Sanktion, Vollzugsfall, Zuteilung
from vollzug.recht import FREIHEITSSTRAFEN, TAGE_PRO_MONAT, VOLLZUGSPLAN_MINDESTTAGE, Fallstatus


def _aktuell_in_anstalt(anstalt_id, person_ref: str) -> Exists:
    return Exists(
        Platzierung.objects.filter(
            anstalt_id=anstalt_id, bis__isnull=True, **{"fall__person": OuterRef(person_ref)}
        )
    )


def _zugeteilt(user, person_ref: str) -> Exists:
    heute = timezone.localdate()
    return Exists(
        Zuteilung.objects.filter(benutzer=user, person=OuterRef(person_ref), gueltig_ab__lte=heute).filter(
            Q(gueltig_bis__isnull=True) | Q(gueltig_bis__gte=heute)
        )
    )


def personen_fuer_user(user) -> QuerySet[Person]:
    """Exactly the persons `user` may see."""
    if not (user and user.is_authenticated and user.is_active):
        return Person.objects.none()
    if user.rolle in ALLE_FAELLE_LESEN:
        return Person.objects.all()
    if user.rolle in ANSTALTSROLLEN:
        return Person.objects.filter(_aktuell_in_anstalt(user.anstalt_id, "pk"))
    if user.rolle == Rolle.MEDIZIN:
        return Person.objects.filter(_zugeteilt(user, "pk"))
    # admin, partnerbehoerde (own purpose-bound API), system: no file access through this path.
    return Person.objects.none()


def faelle_fuer_user(user) -> QuerySet[Vollzugsfall]:
    """Exactly the cases `user` may see: the cases of the persons they may see."""
    if not (user and user.is_authenticated and user.is_active):
        return Vollzugsfall.objects.none()
    if user.rolle in ALLE_FAELLE_LESEN:
        return Vollzugsfall.objects.all()
    if user.rolle in ANSTALTSROLLEN:
        # Issue 23 (decision): facility roles see the person's open case (the one placed with them, and
        # another not yet released, e.g. a sentence executed next), with its whole placement history;
        # not the person's earlier cases that ended with the definitive release.
        return Vollzugsfall.objects.filter(_aktuell_in_anstalt(user.anstalt_id, "person")).exclude(
            status=Fallstatus.ENTLASSEN
        )
    if user.rolle == Rolle.MEDIZIN:
        return Vollzugsfall.objects.filter(_zugeteilt(user, "person"))
    return Vollzugsfall.objects.none()


def offene_platzierung(feld: str, *, bezug: str, aussen: str = "pk") -> Subquery:
    """The current placement's `feld` as a scalar subquery, so lists show the current facility without
    a query per row. `bezug` is the Platzierung lookup matched against `OuterRef(aussen)`, e.g.
    `bezug="fall"` on a case list or `bezug="fall__person", aussen="person"` on a list of decisions.
    At most one open placement per person (constraint + `einweisen`), so `[:1]` loses nothing.
    """
    return Subquery(
        Platzierung.objects.filter(bis__isnull=True, **{bezug: OuterRef(aussen)})
        .order_by("-von")
        .values(feld)[:1]
    )


def _reihenfolge(queryset: QuerySet) -> str:
    """The list's ORDER BY over the alias `f` (direct fields of the case only, as the lists order)."""
    teile = []
    for name in queryset.query.order_by or Vollzugsfall._meta.ordering:
        feld = name.lstrip("-")
        spalte = Vollzugsfall._meta.pk.column if feld == "pk" else Vollzugsfall._meta.get_field(feld).column
        teile.append(f"f.{spalte} {'DESC' if name.startswith('-') else 'ASC'}")
    return ", ".join(teile)


def _fall_seite(ids: QuerySet, reihenfolge: str) -> tuple[str, list, list[tuple[str, object]]]:
    """The case list's rows for the ids `ids` (a `values("pk")` queryset): the columns of the case, its
    person, the current facility and unit (two scalar subqueries: SQLite knows no LATERAL) and `nr`, the
    row's place in list order; with the model field of each date column, whose converters apply on SQLite."""
    ids_sql, ids_parameter = ids.query.sql_with_params()  # EmptyResultSet for `.none()`: no SQL at all
    offen = "pl.bis IS NULL AND pl.fall_id = f.id ORDER BY pl.von DESC LIMIT 1"
    sql = f"""
        SELECT f.id, f.fallnummer, f.person_id, p.personennummer, p.amtlicher_name, p.vorname, f.status,
               f.eingang_am, f.vollzugsbeginn, f.entlassung_am,
               (SELECT a.name FROM vollzug_platzierung pl JOIN vollzug_anstalt a ON a.id = pl.anstalt_id
                WHERE {offen}),
               (SELECT pl.abteilung FROM vollzug_platzierung pl WHERE {offen}),
               ROW_NUMBER() OVER (ORDER BY {reihenfolge})
        FROM vollzug_vollzugsfall f JOIN vollzug_person p ON p.id = f.person_id
        WHERE f.id IN ({ids_sql})
        ORDER BY {reihenfolge}"""  # noqa: S608 (column names from the model, the ids as parameters)
    feld = Vollzugsfall._meta.get_field
    spalten = [
        ("pk", None), ("fallnummer", None), ("person_id", None), ("person__personennummer", None),
        ("person__amtlicher_name", None), ("person__vorname", None), ("status", None),
        ("eingang_am", feld("eingang_am")), ("vollzugsbeginn", feld("vollzugsbeginn")),
        ("entlassung_am", feld("entlassung_am")), ("aktuelle_anstalt", None), ("abteilung", None), ("nr", None),
    ]  # fmt: skip
    return sql, list(ids_parameter), spalten


def fall_listenseite_sql(ids: QuerySet) -> tuple[str, list, list[tuple[str, object]]]:
    """Issue 19: the API case list's page as ONE hand-written statement around the page's ids, for
    `kern.web.api.ViewSetBasis._werteliste`. `ids` is the list's queryset (visibility from
    `faelle_fuer_user`, the filters, the ordering) as a sliced `values("pk")`; only it is compiled by the
    ORM. The ORM built and compiled the whole page (person join, current facility as a subquery, row
    number) for ~1.4 ms of a request at a million cases. Columns: those `FallListeSerializer.zeile` reads,
    `abteilung`, then `nr` (1, 2, … in list order)."""
    return _fall_seite(ids, _reihenfolge(ids))


class FallZeile:
    """One row of the browser's case list (issue 19): the values the template shows, read by one
    statement instead of 25 cases and 25 persons as model objects (the page's CPU was ~1.5× its floor)."""

    def __init__(self, werte: dict):
        self.pk = werte["pk"]
        self.fallnummer = werte["fallnummer"]
        self.person_id = werte["person_id"]
        self.person = SimpleNamespace(
            pk=werte["person_id"],
            personennummer=werte["person__personennummer"],
            amtlicher_name=werte["person__amtlicher_name"],
            vorname=werte["person__vorname"],
        )
        self.status = werte["status"]
        self.eingang_am = werte["eingang_am"]
        self.vollzugsbeginn = werte["vollzugsbeginn"]
        self.entlassung_am = werte["entlassung_am"]
        self.einrichtung = werte["aktuelle_anstalt"]
        self.abteilung = werte["abteilung"]

    def get_status_display(self) -> str:
        return Fallstatus(self.status).label

    def vollzugsbeginn_ueberfaellig(self, heute=None) -> bool:
        # R-13-1: the model's one check, on these values.
        return Vollzugsfall.vollzugsbeginn_ueberfaellig(self, heute)


def fall_listenzeilen(ids, queryset: QuerySet, *, request, protokollieren_bis: int) -> list[FallZeile]:
    """`zeilen_laden` of the browser's case list (`kern.web.seiten.GedeckelterPaginator`): the rows of the
    ids (a list, or the list's sliced `values("pk")`) in the order of `queryset`, read by one statement that
    also records the persons of the first `protokollieren_bis` rows in the read log (R-0-AUDIT-2, as
    `personen_protokollieren`: one row per person; an empty page records nothing, the view records the
    empty read), so the page needs no second statement for its log."""
    auswahl = ids if isinstance(ids, QuerySet) else Vollzugsfall.objects.filter(pk__in=ids).values("pk")
    try:
        sql, parameter, spalten = _fall_seite(auswahl, _reihenfolge(queryset))
    except EmptyResultSet:  # a user who may see no case (`.none()`): no SQL, no rows
        return []
    zeilen = sql_lesen_protokolliert(
        request_or_user=request,
        sql=sql,
        parameter=parameter,
        spalten=spalten,
        protokollieren_bis=protokollieren_bis,
        objekt_spalte=None,
        person_spalte="person_id",
        nr_spalte="nr",
        objekt_typ=Vollzugsfall._meta.label_lower,
        aktion=Aktion.LISTE,
        abfrage=request.GET.urlencode(),
        leer_protokollieren=False,
    )
    return [FallZeile(z) for z in zeilen]


def freiheitsstrafe_tage(fall_ref: str = "pk"):
    """The sum of the case's custodial sentences in days (see TAGE_PRO_MONAT) as one scalar subquery,
    for lists and deadline sources (R-18-1); `fall_ref` names the case's pk on the outer query."""
    return Coalesce(
        Subquery(
            Sanktion.objects.filter(entscheid__fall=OuterRef(fall_ref), art__in=sorted(FREIHEITSSTRAFEN))
            .order_by()
            .values("entscheid__fall")
            .annotate(
                tage=Sum(
                    F("dauer_jahre") * (12 * TAGE_PRO_MONAT)
                    + F("dauer_monate") * TAGE_PRO_MONAT
                    + F("dauer_tage")
                )
            )
            .values("tage")[:1]
        ),
        0,
    )


def vollzugsplan_erforderlich(fall) -> bool:
    """R-18-1: does this case need a Vollzugsplan (custodial sentences of at least six months)?"""
    tage = (
        Vollzugsfall.objects.filter(pk=fall.pk)
        .annotate(t=freiheitsstrafe_tage())
        .values_list("t", flat=True)
        .first()
    )
    return (tage or 0) >= VOLLZUGSPLAN_MINDESTTAGE


def vollzugsbeginn_ueberfaellige(faelle: QuerySet[Vollzugsfall]) -> QuerySet[Vollzugsfall]:
    """R-13-1: the cases of `faelle` whose Vollzugsbeginn is overdue, the same boundary as
    `Vollzugsfall.vollzugsbeginn_ueberfaellig` (more than N days since intake)."""
    grenze = timezone.localdate() - timedelta(days=recht.vollzugsbeginn_ueberfaellig_tage())
    return faelle.filter(status=Fallstatus.EINGANG, vollzugsbeginn__isnull=True, eingang_am__lt=grenze)


def fall_ids_zum_begriff(begriff: str) -> QuerySet:
    """Issue 19: the ids of the cases whose number, person's name or first name, or decision reference
    contains `begriff` (case-insensitive), as a UNION of three id sets. An OR across the joined tables makes
    PostgreSQL scan all of them; each branch here is one trigram index lookup (migration
    `vollzug.0005`, PostgreSQL only; SQLite scans, which is fine for the demo)."""
    nach_nummer = Vollzugsfall.objects.filter(fallnummer__icontains=begriff).values("pk")
    nach_person = Vollzugsfall.objects.filter(
        person__in=Person.objects.filter(Q(amtlicher_name__icontains=begriff) | Q(vorname__icontains=begriff))
        .order_by()
        .values("pk")
    ).values("pk")
    nach_referenz = Entscheid.objects.filter(referenz__icontains=begriff).values("fall_id")
    return nach_nummer.order_by().union(nach_person.order_by(), nach_referenz.order_by())


# --- The dossier's "alle anzeigen" links: `?person=…&fall=…` on the module lists (issue 17) ----------


def dossier_filter(request, qs: QuerySet, *, person: str | None = "person", fall: str | None = "fall"):
    """Filter a module list by the person and/or case of the query string (`?person=…&fall=…`).

    `person`/`fall` are the lookup paths on `qs` (None: the list cannot filter by it, the parameter
    gives an empty list rather than everything). Only a visible person or case filters (one query each,
    only when given); an unknown, invisible or malformed value gives an empty list and a German hint,
    never a 500. Returns `(qs, info)`; `info` feeds `vollzug/_dossierfilter.html`.
    """
    info = {"person": None, "fall": None, "ungueltig": False, "aktiv": False, "parameter": {}}
    for name, pfad, sichtbar in (
        ("person", person, lambda: personen_fuer_user(request.user)),
        ("fall", fall, lambda: faelle_fuer_user(request.user).select_related("person")),
    ):
        wert = (request.GET.get(name) or "").strip()
        if not wert:
            continue
        info["aktiv"] = True
        info["parameter"][name] = wert
        objekt = sichtbar().filter(pk=int(wert)).first() if wert.isdigit() and len(wert) <= 12 else None
        if objekt is None or pfad is None:
            info["ungueltig"] = True
            qs = qs.none()
            continue
        info[name] = objekt
        qs = qs.filter(**{pfad: objekt})
    return qs, info
