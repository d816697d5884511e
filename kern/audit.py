"""Audit helpers (R-0-AUDIT-1): every write carries its actor, also for API clients and jobs."""

from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db import IntegrityError, models, transaction

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
        # Where the history's reason column is limited (simple-history's default: 100 characters), a longer
        # reason is cut visibly instead of failing the write on PostgreSQL (SQLite does not enforce the length).
        grenze = _grund_laenge(type(obj))
        obj._change_reason = grund if grenze is None or len(grund) <= grenze else grund[: grenze - 1] + "…"
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
    name = f"job:{job}"[:150]
    user = User.objects.filter(username=name).first()
    if user is not None:
        return user
    user = User(username=name, rolle=Rolle.SYSTEM, first_name="Systemjob", last_name=job)
    user.set_unusable_password()
    # R-0-AUDIT-1: a job's own account is created by that job. The history row is written after the
    # INSERT, so the account can be its own actor; no later UPDATE of the history (the app's database
    # role may not change history rows, issue 18).
    user._history_user = user
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:  # a concurrent first run created it
        return User.objects.get(username=name)
    return user


@transaction.atomic
def naechste_nummer(kreis: str) -> int:
    """Next number of a series; the row lock serialises concurrent intakes (no duplicates, no gaps)."""
    Nummernkreis.objects.get_or_create(name=kreis)
    nk = Nummernkreis.objects.select_for_update().get(name=kreis)
    nk.letzter_wert += 1
    nk.save(update_fields=["letzter_wert"])
    return nk.letzter_wert


def _grund_laenge(modell) -> int | None:
    """max_length of the model's history reason column, or None (no history, or a text column)."""
    historie = getattr(modell, "history", None)
    if historie is None or not hasattr(historie, "model"):
        return None
    try:
        return historie.model._meta.get_field("history_change_reason").max_length
    except FieldDoesNotExist:  # a history model without a reason column
        return None
