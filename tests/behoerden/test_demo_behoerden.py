"""Issue 23 point 8: the demo has no user-based agency login beside the OAuth agencies.

Decision: the old browser login `partnerbehoerde` (Strassenverkehrsamt) is removed; that agency is the
OAuth2 client `demo-strassenverkehrsamt` like every other. A user with the role partnerbehoerde is either
an agency's actor (no password, never a browser login) or a Sozialamt's browser user bound to its
Sozialdienst (§ 47 Abs. 2, only the costs routed to it).
"""

import pytest
from django.core.management import call_command

from behoerden.models import Behoerde
from kern.erweiterungen import DEMO_PASSWORT
from kern.models import Benutzer
from kern.rollen import Rolle


@pytest.mark.rule("R-0-ROLE-1")
@pytest.mark.django_db
def test_demo_behoerden_nur_als_oauth_client(client):
    call_command("demo_daten", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not Benutzer.objects.filter(username="partnerbehoerde").exists()
    assert not client.login(username="partnerbehoerde", password=DEMO_PASSWORT)
    strassenverkehrsamt = Behoerde.objects.get(anwendung__client_id="demo-strassenverkehrsamt")
    assert strassenverkehrsamt.aktiv and not strassenverkehrsamt.benutzer.has_usable_password()
    for user in Benutzer.objects.filter(rolle=Rolle.PARTNERBEHOERDE):
        if hasattr(user, "behoerde"):
            assert not user.has_usable_password(), user.username
        else:
            assert user.sozialdienstzugang is not None, user.username
