"""Issue 19: the session is saved at most once a minute, and the idle timeout still holds."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from tests.conftest import PASSWORT

pytestmark = pytest.mark.django_db

LOGIN = reverse("login")


def _ablauf(client):
    return Session.objects.get(session_key=client.cookies["sessionid"].value).expire_date


def test_session_is_saved_at_most_once_per_interval(client, sachbearbeitung, settings):
    settings.SESSION_COOKIE_AGE = 30 * 60
    beginn = timezone.now().replace(microsecond=0)
    with time_machine.travel(beginn, tick=False):
        assert client.post(LOGIN, {"username": "sb", "password": PASSWORT}).status_code == 302
        assert client.get(reverse("start")).status_code == 200
    erstes = _ablauf(client)
    # Just inside the interval: no write, the expiry stays.
    with time_machine.travel(beginn + timedelta(seconds=59), tick=False):
        assert client.get(reverse("start")).status_code == 200
    assert _ablauf(client) == erstes
    # At the interval: renewed from now.
    with time_machine.travel(beginn + timedelta(seconds=60), tick=False):
        assert client.get(reverse("start")).status_code == 200
    assert _ablauf(client) == beginn + timedelta(seconds=60) + timedelta(minutes=30)


@pytest.mark.parametrize(("idle_s", "angemeldet"), [(30 * 60 - 1, True), (30 * 60, False)])
def test_idle_timeout_unchanged_at_its_boundary(client, sachbearbeitung, settings, idle_s, angemeldet):
    settings.SESSION_COOKIE_AGE = 30 * 60
    beginn = timezone.now().replace(microsecond=0)
    with time_machine.travel(beginn, tick=False):
        client.post(LOGIN, {"username": "sb", "password": PASSWORT})
        assert client.get(reverse("start")).status_code == 200
    # A request inside the interval does not prolong the session: the timeout counts from the last save.
    with time_machine.travel(beginn + timedelta(seconds=30), tick=False):
        assert client.get(reverse("start")).status_code == 200
    with time_machine.travel(beginn + timedelta(seconds=idle_s), tick=False):
        antwort = client.get(reverse("start"))
    if angemeldet:
        assert antwort.status_code == 200
    else:
        assert antwort.status_code == 302 and antwort["Location"].startswith(LOGIN)


def test_a_list_page_writes_no_session_row_within_the_interval(
    client, sachbearbeitung, django_assert_max_num_queries
):
    client.post(LOGIN, {"username": "sb", "password": PASSWORT})
    client.get(reverse("start"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("vollzug:fall_list")).status_code == 200
    schreibend = [
        q["sql"]
        for q in ctx.captured_queries
        if "django_session" in q["sql"] and not q["sql"].startswith("SELECT")
    ]
    assert schreibend == []
