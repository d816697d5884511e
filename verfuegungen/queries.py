"""Who may see which decisions (R-0-ROLE-1): a user sees a Verfügung iff they may see its person.

Also the two deadline sources of the Fristenkontrolle (R-0-FRIST-4), one query each.
"""

from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from kern import erweiterungen
from kern.rollen import ANSTALTSROLLEN, Rolle, hat_rolle
from verfuegungen import recht
from verfuegungen.models import Genehmigungsschritt, Stellvertretung, Verfuegung
from verfuegungen.recht import Genehmigungsaktion, Verfuegungsstatus, Verfuegungstyp
from vollzug.queries import personen_fuer_user


def verfuegungen_fuer_user(user) -> QuerySet[Verfuegung]:
    """Exactly the decisions `user` may see (outside → 404 in views).

    Decisions on forced medication or feeding (§36, §39) carry health data: only the deciding
    authority and the physicians assigned to the person see them (roles table).
    """
    qs = Verfuegung.objects.filter(Q(person__in=personen_fuer_user(user)) | _ueber_gegenstand(user))
    # Roles table: health data only for the deciding authority and assigned physicians (medizin's
    # persons are its assigned ones already). §§ 36/39 decisions state medical facts, so every other
    # role — facility roles, revision and the threat-management team, who otherwise read every case —
    # does not see them here (revision audits their existence and course in the change log;
    # zwangsmedizin shows it without content). A list of roles that may NOT see them missed the team.
    if getattr(user, "rolle", None) not in GESUNDHEITSDATEN_ROLLEN:
        qs = qs.exclude(typ__in=GESUNDHEITSTYPEN)
    return qs


def _ueber_gegenstand(user) -> Q:
    """Decisions on an object a feature app keeps visible to `user` although the person is not
    (`kern.erweiterungen.gegenstand_sichtbar`; issue 23: an open disciplinary proceeding after a
    transfer stays with the facility where the offence happened)."""
    bedingung = Q(pk__in=[])
    for label, funktion in erweiterungen.GEGENSTAND_SICHTBAR.items():
        pks = funktion(user)
        if pks is not None:
            app_label, model = label.split(".")
            bedingung |= Q(content_type__app_label=app_label, content_type__model=model, object_id__in=pks)
    return bedingung


def sieht_ueber_gegenstand(user, verfuegung_oder_gegenstand) -> bool:
    """Whether `user` reaches this decision (or a decision on this object) through its object."""
    v = verfuegung_oder_gegenstand
    if isinstance(v, Verfuegung):
        if v.content_type_id is None:
            return False
        from django.contrib.contenttypes.models import ContentType

        label = ContentType.objects.get_for_id(v.content_type_id).natural_key()
        label, pk = ".".join(label), v.object_id
    elif v is None:
        return False
    else:
        label, pk = v._meta.label_lower, v.pk
    funktion = erweiterungen.GEGENSTAND_SICHTBAR.get(label)
    pks = funktion(user) if funktion is not None else None
    return pks is not None and pks.filter(pk=pk).exists()


GESUNDHEITSTYPEN = (Verfuegungstyp.ZWANGSMEDIKATION_36, Verfuegungstyp.ZWANGSERNAEHRUNG_39)
GESUNDHEITSDATEN_ROLLEN = frozenset({Rolle.SACHBEARBEITUNG, Rolle.MEDIZIN})


def zur_genehmigung_fuer(user, *, am: date | None = None) -> QuerySet[Verfuegung]:
    """R-0-4EYES-1 (issue 17): the submitted decisions `user` may approve now — the same rule as
    `permissions.darf_genehmigen`, as one query (plus one for the user's Stellvertretungen): by the type's
    Zuständigkeit (`recht.ZUSTAENDIGKEIT`), the facility, a Stellvertretung in its period, and never what
    the user drafted or submitted. Annotated with `vorgelegt_am` (the last submission)."""
    if not (user and user.is_authenticated and user.is_active):
        return Verfuegung.objects.none()
    tag = am or timezone.localdate()
    vertretene = set(
        Stellvertretung.objects.filter(vertreter=user, von__lte=tag, bis__gte=tag).values_list(
            "anstalt_id", flat=True
        )
    )
    anstalts_typen = sorted(t for t, z in recht.ZUSTAENDIGKEIT.items() if z.in_anstalt)
    behoerden_typen = sorted(t for t, z in recht.ZUSTAENDIGKEIT.items() if not z.in_anstalt)
    bedingung = Q(pk__in=[])
    if any(user.rolle in z.genehmigen for z in recht.ZUSTAENDIGKEIT.values() if not z.in_anstalt) or (
        None in vertretene and hat_rolle(user, Rolle.SACHBEARBEITUNG)
    ):
        bedingung |= Q(typ__in=behoerden_typen)
    if hat_rolle(user, *ANSTALTSROLLEN) and user.anstalt_id is not None:
        leitet = any(user.rolle in z.genehmigen for z in recht.ZUSTAENDIGKEIT.values() if z.in_anstalt)
        if leitet or user.anstalt_id in vertretene:
            bedingung |= Q(typ__in=anstalts_typen, anstalt_id=user.anstalt_id)
    eigene_vorlage = Genehmigungsschritt.objects.filter(
        verfuegung=OuterRef("pk"), aktion=Genehmigungsaktion.VORGELEGT, durch=user
    )
    letzte_vorlage = (
        Genehmigungsschritt.objects.filter(verfuegung=OuterRef("pk"), aktion=Genehmigungsaktion.VORGELEGT)
        .order_by("-am", "-pk")
        .values("am")[:1]
    )
    return (
        verfuegungen_fuer_user(user)
        .filter(bedingung, status=Verfuegungsstatus.ZUR_GENEHMIGUNG)
        .exclude(entworfen_durch=user)
        .exclude(Exists(eigene_vorlage))
        .annotate(vorgelegt_am=Subquery(letzte_vorlage))
        .select_related("person", "anstalt")
        .order_by("vorgelegt_am", "pk")
    )


def zurueckgewiesene_entwuerfe_fuer(user) -> QuerySet[Verfuegung]:
    """R-0-4EYES-1 (issue 17): drafts the approver sent back for revision, for the one who drafted them.
    One query, annotated with `zurueckgewiesen_am` (the last return)."""
    if not (user and user.is_authenticated and user.is_active):
        return Verfuegung.objects.none()
    letzter = Genehmigungsschritt.objects.filter(verfuegung=OuterRef("pk")).order_by("-am", "-pk")
    return (
        verfuegungen_fuer_user(user)
        .filter(status=Verfuegungsstatus.ENTWURF, entworfen_durch=user)
        .annotate(
            letzte_aktion=Subquery(letzter.values("aktion")[:1]),
            zurueckgewiesen_am=Subquery(letzter.values("am")[:1]),
        )
        .filter(letzte_aktion=Genehmigungsaktion.ZURUECKGEWIESEN)
        .select_related("person", "anstalt")
        .order_by("zurueckgewiesen_am", "pk")
    )
