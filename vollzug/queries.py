"""Who may see which persons and cases (R-0-ROLE-1, R-20-1): one place, used by every view, API and job.

Facility roles see only persons currently placed in their facility, and of them only the cases not
yet ended by release (issue 23); outside that set a view answers 404, never 403, so the existence of a
person does not leak.
"""

from datetime import timedelta

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

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
