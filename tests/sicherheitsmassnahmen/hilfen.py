"""Helpers of the § 31 tests: build measures exactly as users do (through the domain functions)."""

from datetime import datetime

import pytest

from kern.models import Benutzer
from kern.rollen import Rolle
from sicherheitsmassnahmen import domain
from sicherheitsmassnahmen.recht import Massnahmenart, Risiko
from tests.conftest import PASSWORT
from tests.factories import fall_anlegen
from verfuegungen import domain as vfg
from verfuegungen.recht import Anhoerungsart, EroeffnungArt


def benutzer(username, rolle, anstalt=None) -> Benutzer:
    user = Benutzer(username=username, rolle=rolle, anstalt=anstalt, first_name=username, last_name="Test")
    user.set_password(PASSWORT)
    user.save()
    return user


@pytest.fixture(name="leitung_a2")
def fixture_leitung_a2(anstalt_a):
    """A second member of the management of A (four-eyes when the management proposes itself)."""
    return benutzer("leitung_a2", Rolle.ANSTALTSLEITUNG, anstalt_a)


@pytest.fixture(name="leitung_b")
def fixture_leitung_b(anstalt_b):
    return benutzer("leitung_b", Rolle.ANSTALTSLEITUNG, anstalt_b)


@pytest.fixture(name="fall_a")
def fixture_fall_a(sachbearbeitung, anstalt_a):
    return fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)


def beantragen(fall, durch, *, art=Massnahmenart.ABSONDERUNG, risiken=(Risiko.FREMDGEFAEHRDUNG,), **kw):
    return domain.massnahme_beantragen(
        fall=fall,
        art=art,
        risiken=list(risiken),
        sachverhalt=kw.pop("sachverhalt", "Griff am Morgen einen Mitgefangenen mit einer Gabel an."),
        begruendung=kw.pop("begruendung", "Gespräch und Verwarnung blieben ohne Wirkung."),
        durch=durch,
        **kw,
    )


VERZICHT = domain.Gehoer(art=Anhoerungsart.VERZICHT, text="Verzichtet mündlich auf eine Stellungnahme.")


def anordnen(m, leitung, *, kommentar="Angeordnet."):
    return domain.massnahme_genehmigen(massnahme=m, durch=leitung, kommentar=kommentar, gehoer=VERZICHT)


def eroeffnen(m, durch, *, am: datetime | None = None, muendlich_am: datetime | None = None):
    m.refresh_from_db()
    return vfg.eroeffnen(
        verfuegung=m.verfuegung, art=EroeffnungArt.EINSCHREIBEN, durch=durch, am=am, muendlich_am=muendlich_am
    )


def aktiv(fall, personal, leitung, **kw):
    """Proposed by staff, ordered by the management, notified: active (§ 44)."""
    m = beantragen(fall, personal, **kw)
    anordnen(m, leitung)
    eroeffnen(m, leitung)
    m.refresh_from_db()
    return m
