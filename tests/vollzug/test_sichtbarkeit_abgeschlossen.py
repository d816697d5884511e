"""Issue 23 point 3: facility roles see the open case of a person placed with them (with its placement
history), not the person's earlier cases that ended with the definitive release."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.conftest import PASSWORT
from tests.factories import fall_anlegen
from vollzug import domain
from vollzug.queries import faelle_fuer_user, personen_fuer_user


def sichtbar(user) -> set[int]:
    return set(faelle_fuer_user(user).values_list("pk", flat=True))


@pytest.mark.rule("R-0-ROLE-1", "R-20-1")
@pytest.mark.django_db
def test_anstalt_sieht_den_offenen_fall_nicht_den_frueheren(
    client, sachbearbeitung, revision, leitung_a, personal_a, anstalt_a
):
    frueher = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    person = frueher.person
    # Just inside: while the earlier case runs, the facility sees it.
    assert sichtbar(leitung_a) == sichtbar(personal_a) == {frueher.pk}
    domain.entlassen(fall=frueher, am=timezone.now() - timedelta(days=2), durch=sachbearbeitung)
    # Released and gone: neither the person nor the case.
    assert sichtbar(leitung_a) == set()
    # The person comes back on a new judgment into the same facility.
    neu = fall_anlegen(durch=sachbearbeitung, person=person, eingewiesen_in=anstalt_a)
    assert personen_fuer_user(personal_a).filter(pk=person.pk).exists()
    # Just outside: the released case stays hidden; the open one (with its placements) is shown.
    assert sichtbar(leitung_a) == sichtbar(personal_a) == {neu.pk}
    # A further case not yet begun (executed next) is open, so it is shown too.
    folge = fall_anlegen(durch=sachbearbeitung, person=person)
    assert sichtbar(personal_a) == {neu.pk, folge.pk}
    # The authority keeps reading everything.
    assert {frueher.pk, neu.pk, folge.pk} <= sichtbar(sachbearbeitung) & sichtbar(revision)

    client.login(username="personal_a", password=PASSWORT)
    assert client.get(reverse("vollzug:fall_detail", args=[frueher.pk])).status_code == 404
    antwort = client.get(reverse("vollzug:fall_detail", args=[neu.pk]))
    assert antwort.status_code == 200
    assert frueher.fallnummer not in antwort.content.decode()
    personenseite = client.get(reverse("vollzug:person_detail", args=[person.pk])).content.decode()
    assert neu.fallnummer in personenseite and frueher.fallnummer not in personenseite
