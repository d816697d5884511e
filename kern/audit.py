"""Audit helpers (R-0-AUDIT-1): every write carries its actor, also for API clients and jobs."""

from django.contrib.auth import get_user_model
from django.db import models, transaction

from kern.models import Nummernkreis
from kern.rollen import Rolle


def speichern(obj: models.Model, *, durch, grund: str = "", felder: list[str] | None = None) -> models.Model:
    """Validate and save `obj`, writing its history row with `durch` as actor (and `grund` as reason).

    Setting `_history_user` explicitly makes the actor independent of the request middleware, so API
    calls and Celery jobs are attributed exactly like browser writes. With `felder`, only those fields
    are validated and written (`update_fields`): batch jobs that change one status avoid validating
    every constraint in Python per row; the database constraints still guard the row.
    """
    obj._history_user = durch
    if grund:
        obj._change_reason = grund
    if felder is None:
        obj.full_clean()
        obj.save()
    else:
        andere = [f.name for f in obj._meta.concrete_fields if f.name not in felder]
        obj.full_clean(exclude=andere, validate_unique=False, validate_constraints=False)
        obj.save(update_fields=felder)
    return obj


def system_benutzer(job: str):
    """The named actor of a background job ('job:<name>'), created on first use, never able to log in."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=f"job:{job}"[:150],
        defaults={"rolle": Rolle.SYSTEM, "first_name": "Systemjob", "last_name": job},
    )
    if created:
        user.set_unusable_password()
        user.skip_history_when_saving = True
        user.save(update_fields=["password"])
        del user.skip_history_when_saving
        # R-0-AUDIT-1: a job's own account is created by that job; no actor-less history row.
        user.history.filter(history_user__isnull=True).update(history_user=user)
    return user


@transaction.atomic
def naechste_nummer(kreis: str) -> int:
    """Next number of a series; the row lock serialises concurrent intakes (no duplicates, no gaps)."""
    Nummernkreis.objects.get_or_create(name=kreis)
    nk = Nummernkreis.objects.select_for_update().get(name=kreis)
    nk.letzter_wert += 1
    nk.save(update_fields=["letzter_wert"])
    return nk.letzter_wert
