"""Test data through the domain functions, so tests build data exactly as users do (no surprises)."""

import itertools
from datetime import date, timedelta

from django.utils import timezone

from vollzug import domain
from vollzug.models import Person, Vollzugsfall
from vollzug.recht import Entscheidart, Sanktionsart

_zaehler = itertools.count(1)


def api_token(user) -> str:
    """Issue a staff API token the way `token_ausstellen` does and return its secret (for
    `Authorization: Token <secret>`); only its hash is stored. Roles the command refuses (admin) get one
    too, so tests can prove that such a token still reaches no case data."""
    from kern import api_tokens

    if api_tokens.darf_ausstellen(user):
        return api_tokens.ausstellen(user, durch=user, bezeichnung="Test")[1]
    return api_tokens._anlegen(user, durch=user, bezeichnung="Test", request=None)[1]


def person_anlegen(
    *, durch, amtlicher_name=None, vorname="Max", geburtsdatum=date(1985, 4, 12), **kw
) -> Person:
    n = next(_zaehler)
    return domain.person_erfassen(
        amtlicher_name=amtlicher_name or f"Muster{n}",
        vorname=vorname,
        geschlecht=kw.pop("geschlecht", "1"),
        geburtsdatum=geburtsdatum,
        durch=durch,
        **kw,
    )


def fall_anlegen(
    *, durch, person=None, eingang_am=None, monate=8, eingewiesen_in=None, eingewiesen_am=None
) -> Vollzugsfall:
    n = next(_zaehler)
    person = person or person_anlegen(durch=durch)
    fall = domain.fall_erfassen(
        person=person,
        entscheid=domain.EntscheidDaten(
            art=Entscheidart.URTEIL,
            behoerde="Kriminalgericht Luzern",
            referenz=f"KG {n:05d}",
            entscheid_datum=date(2026, 1, 5),
            rechtskraft_am=date(2026, 2, 10),
        ),
        sanktionen=[domain.SanktionDaten(art=Sanktionsart.FREIHEITSSTRAFE, dauer_monate=monate)],
        eingang_am=eingang_am,
        durch=durch,
    )
    if eingewiesen_in is not None:
        domain.einweisen(
            fall=fall,
            anstalt=eingewiesen_in,
            am=eingewiesen_am or timezone.now() - timedelta(days=10),
            durch=durch,
        )
        fall.refresh_from_db()
    return fall
