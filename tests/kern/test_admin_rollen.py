"""Issue 18 item 4: the admin cannot give case power alone (four eyes), nor to himself."""

import pytest
from django.urls import reverse

from kern.admin import rolle_freigeben, rollenaenderung_pruefen
from kern.models import Benutzer, Sicherheitsereignis
from kern.rollen import Rolle
from tests.conftest import _benutzer

pytestmark = pytest.mark.django_db

LISTE = reverse("admin:jvg_case_benutzer_changelist")


@pytest.fixture
def admins(admin_user):
    zweiter = _benutzer("admin2", Rolle.ADMIN)
    for a in (admin_user, zweiter):
        a.is_staff = a.is_superuser = True
        a.save()
    return admin_user, zweiter


@pytest.mark.rule("R-0-ROLE-1", "R-0-4EYES-1")
def test_case_role_waits_for_a_second_admin(client, admins, sachbearbeitung):
    erster, zweiter = admins
    neu = Benutzer(username="neu_sb", rolle=Rolle.SACHBEARBEITUNG, is_active=True)
    rollenaenderung_pruefen(neu, durch=erster)
    neu.save()
    assert (neu.is_active, neu.freigabe_ausstehend, neu.freigabe_beantragt_durch) == (False, True, erster)

    # The same admin cannot approve.
    client.force_login(erster)
    client.post(LISTE, {"action": "rolle_freigeben", "_selected_action": [neu.pk]})
    neu.refresh_from_db()
    assert (neu.is_active, neu.freigabe_ausstehend) == (False, True)
    with pytest.raises(PermissionError):
        rolle_freigeben(neu, durch=erster)

    # A second admin approves.
    client.force_login(zweiter)
    client.post(LISTE, {"action": "rolle_freigeben", "_selected_action": [neu.pk]})
    neu.refresh_from_db()
    assert (neu.is_active, neu.freigabe_ausstehend) == (True, False)
    bemerkungen = list(
        Sicherheitsereignis.objects.filter(art="rolle_geaendert")
        .order_by("pk")
        .values_list("bemerkung", flat=True)
    )
    assert bemerkungen == ["neu → sachbearbeitung (Freigabe ausstehend)", "Rolle freigegeben"]


def test_changing_to_a_case_role_deactivates_until_approved(admins):
    erster, _ = admins
    technik = _benutzer("technik", Rolle.ADMIN)
    technik.rolle = Rolle.MEDIZIN
    rollenaenderung_pruefen(technik, durch=erster)
    assert (technik.is_active, technik.freigabe_ausstehend) == (False, True)
    # Ticking "active" does not go around the approval.
    technik.save()
    technik.is_active = True
    rollenaenderung_pruefen(technik, durch=erster)
    assert technik.is_active is False


def test_unchanged_case_role_needs_no_new_approval(admins, sachbearbeitung):
    erster, _ = admins
    sachbearbeitung.first_name = "Neu"
    rollenaenderung_pruefen(sachbearbeitung, durch=erster)
    assert (sachbearbeitung.is_active, sachbearbeitung.freigabe_ausstehend) == (True, False)
    assert not Sicherheitsereignis.objects.filter(art="rolle_geaendert").exists()


def test_admin_cannot_change_his_own_role(client, admins):
    erster, _ = admins
    client.force_login(erster)
    seite = client.get(reverse("admin:jvg_case_benutzer_change", args=[erster.pk]))
    assert seite.status_code == 200
    assert 'name="rolle"' not in seite.content.decode()


def test_admin_unlock_action(client, admins, sachbearbeitung):
    from kern import anmeldung

    erster, _ = admins
    for _ in range(5):
        client.post(reverse("login"), {"username": "sb", "password": "falsch"})
    assert anmeldung.gesperrt("sb", None)
    client.force_login(erster)
    client.post(LISTE, {"action": "anmeldesperre_aufheben", "_selected_action": [sachbearbeitung.pk]})
    assert not anmeldung.gesperrt("sb", None)
