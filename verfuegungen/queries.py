"""Who may see which decisions (R-0-ROLE-1): a user sees a Verfügung iff they may see its person.

Also the two deadline sources of the Fristenkontrolle (R-0-FRIST-4), one query each.
"""

from django.db.models import QuerySet

from kern.rollen import Rolle
from verfuegungen.models import Verfuegung
from verfuegungen.recht import Verfuegungstyp
from vollzug.queries import personen_fuer_user


def verfuegungen_fuer_user(user) -> QuerySet[Verfuegung]:
    """Exactly the decisions `user` may see (outside → 404 in views).

    Decisions on forced medication or feeding (§36, §39) carry health data: only the deciding
    authority and the physicians assigned to the person see them (roles table).
    """
    qs = Verfuegung.objects.filter(person__in=personen_fuer_user(user))
    # Roles table: health data only for the deciding authority and assigned physicians (medizin's
    # persons are its assigned ones already). §§ 36/39 decisions state medical facts, so every other
    # role — facility roles, revision and the threat-management team, who otherwise read every case —
    # does not see them here (revision audits their existence and course in the change log;
    # zwangsmedizin shows it without content). A list of roles that may NOT see them missed the team.
    if getattr(user, "rolle", None) not in GESUNDHEITSDATEN_ROLLEN:
        qs = qs.exclude(typ__in=GESUNDHEITSTYPEN)
    return qs


GESUNDHEITSTYPEN = (Verfuegungstyp.ZWANGSMEDIKATION_36, Verfuegungstyp.ZWANGSERNAEHRUNG_39)
GESUNDHEITSDATEN_ROLLEN = frozenset({Rolle.SACHBEARBEITUNG, Rolle.MEDIZIN})
