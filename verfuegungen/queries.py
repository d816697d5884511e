"""Who may see which decisions (R-0-ROLE-1): a user sees a Verfügung iff they may see its person.

Also the two deadline sources of the Fristenkontrolle (R-0-FRIST-4), one query each.
"""

from django.db.models import Q, QuerySet

from kern import erweiterungen
from kern.rollen import Rolle
from verfuegungen.models import Verfuegung
from verfuegungen.recht import Verfuegungstyp
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
