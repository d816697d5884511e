"""Issue 19: `manage.py bench_skala` measures the API list against a trivial DRF view, one client after the
other and in parallel processes, and prints its ratios. The parallel figure forks real clients with their
own connections, so it runs on PostgreSQL only (a forked SQLite test database would not be shared); the
numbers depend on the machine, so the test checks that each client answered and the figures add up."""

import re
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import clear_url_caches

from kern.models import Lesezugriff
from tests.factories import fall_anlegen


@pytest.fixture
def _einstellungen_zurueck():
    """The command points ROOT_URLCONF at its own URLs (with the floor, the stock admin and the trivial view)."""
    vorher = settings.ROOT_URLCONF, list(settings.ALLOWED_HOSTS)
    yield
    settings.ROOT_URLCONF, settings.ALLOWED_HOSTS = vorher
    clear_url_caches()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Parallele Clients brauchen PostgreSQL.")
@pytest.mark.django_db(transaction=True)
def test_api_liste_seriell_und_parallel_gemessen(sachbearbeitung, _einstellungen_zurueck):
    for _ in range(3):
        fall_anlegen(durch=sachbearbeitung)
    ausgabe = StringIO()

    call_command(
        "bench_skala", "--nur", "api", "--laeufe", "7", "--parallel", "2", "--fenster", "0.3", stdout=ausgabe
    )

    text = ausgabe.getvalue()
    verhaeltnisse = dict(re.findall(r"^RATIO (\S+) ([0-9.]+)$", text, re.MULTILINE))
    assert set(verhaeltnisse) == {"api_liste_durchsatz", "api_liste_durchsatz_parallel"}
    pro_s = re.search(
        r"api +([0-9.]+) Anfragen/s, trivial +([0-9.]+) Anfragen/s \(2 Clients, je 0.3 s\)", text
    )
    api, trivial = float(pro_s.group(1)), float(pro_s.group(2))
    assert api > 0 and trivial > 0
    assert float(verhaeltnisse["api_liste_durchsatz_parallel"]) == pytest.approx(api / trivial, abs=0.01)
    # Every answered API request of the parallel clients wrote its read log (3 cases each) in its own process.
    assert Lesezugriff.objects.filter(benutzer__username="bench-sb").count() >= 3 * api * 0.3


@pytest.mark.skipif(connection.vendor == "postgresql", reason="Prüft den Fehler auf SQLite.")
def test_datenbank_nur_mit_postgresql(tmp_path, monkeypatch):
    """A bench database named on SQLite is refused, not created as an empty file in the working directory."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CommandError, match="--datenbank nennt eine PostgreSQL-Datenbank"):
        call_command("bench_skala", "--datenbank", "jvg_bench", "--nur", "api")
    assert not (tmp_path / "jvg_bench").exists()
