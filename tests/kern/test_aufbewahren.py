"""Issue 17 item 7: a form sent after the session expired is kept for the same user's next sign-in
(kern/web/aufbewahren.py): message, values pre-filled, never submitted, never a password, bounded."""

import json
import re
from datetime import timedelta

from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from kern import anmeldung
from kern.web import aufbewahren
from tests.conftest import PASSWORT
from vollzug.models import Person

NEU = "/vollzug/personen/neu/"
EINGABE = {
    "amtlicher_name": "Muster-Aufbewahrt",
    "vorname": "Hans",
    "geschlecht": "1",
    "geburtsdatum": "12.04.1985",
    "passwort_neu": "geheim-123",
    "bestaetigt": "1",
}


def _sitzung_ablaufen(client):
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(minutes=1)
    )


def _anmelden(client, user, weiter):
    return client.post(reverse("login"), {"username": user.username, "password": PASSWORT, "next": weiter})


def _aufbewahrt(html: str):
    treffer = re.search(r'<script id="aufbewahrte-eingaben" type="application/json">(.*?)</script>', html)
    return json.loads(treffer.group(1)) if treffer else None


def test_abgelaufene_sitzung_formular_wird_nach_anmeldung_vorausgefuellt(client, sachbearbeitung):
    client.force_login(sachbearbeitung)
    assert client.get(NEU).status_code == 200
    _sitzung_ablaufen(client)

    antwort = client.post(NEU, EINGABE, HTTP_REFERER=f"http://testserver{NEU}")
    assert antwort.status_code == 302
    assert antwort["Location"] == f"{reverse('login')}?next=%2Fvollzug%2Fpersonen%2Fneu%2F"
    assert not Person.objects.filter(amtlicher_name="Muster-Aufbewahrt").exists()
    assert aufbewahren.HINWEIS_ANMELDUNG in client.get(antwort["Location"]).content.decode()

    assert _anmelden(client, sachbearbeitung, NEU)["Location"] == NEU
    seite = client.get(NEU).content.decode()
    assert "Sitzung abgelaufen — Ihre Eingaben wurden aufbewahrt. Bitte prüfen und erneut absenden." in seite
    assert _aufbewahrt(seite) == [
        ["amtlicher_name", "Muster-Aufbewahrt"],
        ["vorname", "Hans"],
        ["geschlecht", "1"],
        ["geburtsdatum", "12.04.1985"],
    ]
    assert "geheim-123" not in seite  # never a password
    assert '<script src="/static/js/aufbewahrt.js" defer></script>' in seite
    # Never submitted: nothing saved, and the kept input is shown once.
    assert not Person.objects.filter(amtlicher_name="Muster-Aufbewahrt").exists()
    assert _aufbewahrt(client.get(NEU).content.decode()) is None


def test_andere_person_am_selben_browser_sieht_die_eingaben_nie(client, sachbearbeitung, sachbearbeitung2):
    client.force_login(sachbearbeitung)
    _sitzung_ablaufen(client)
    client.post(NEU, EINGABE)
    _anmelden(client, sachbearbeitung2, NEU)
    seite = client.get(NEU).content.decode()
    assert _aufbewahrt(seite) is None
    assert "Muster-Aufbewahrt" not in seite


def test_absolute_sitzungsdauer_behaelt_die_eingaben_ebenso(client, sachbearbeitung, settings):
    client.force_login(sachbearbeitung)
    client.get(NEU)
    sitzung = client.session
    sitzung[anmeldung.SITZUNG_BEGINN] = (timezone.now() - timedelta(hours=48)).timestamp()
    sitzung.save()
    settings.JVG_SITZUNG_HOECHSTDAUER_STUNDEN = 12

    antwort = client.post(NEU, EINGABE)
    assert antwort.status_code == 302
    assert antwort["Location"].startswith(reverse("login"))
    _anmelden(client, sachbearbeitung, NEU)
    assert _aufbewahrt(client.get(NEU).content.decode())[0] == ["amtlicher_name", "Muster-Aufbewahrt"]


def test_grenzen_felder_und_zeichen(rf):
    viele = rf.post("/x/", {f"f{i}": "w" for i in range(aufbewahren.MAX_FELDER + 50)})
    assert len(aufbewahren.felder(viele)) == aufbewahren.MAX_FELDER
    gross = rf.post("/x/", {"a": "x" * (aufbewahren.MAX_ZEICHEN - 1), "b": "zu viel"})
    assert aufbewahren.felder(gross) == [["a", "x" * (aufbewahren.MAX_ZEICHEN - 1)]]
    geheim = rf.post(
        "/x/", {"password": "p", "passwort": "p", "code": "1", "csrfmiddlewaretoken": "t", "text": "bleibt"}
    )
    assert aufbewahren.felder(geheim) == [["text", "bleibt"]]


def test_ohne_fruehere_sitzung_nichts_aufbewahrt(client, sachbearbeitung):
    # A browser that was never signed in: the view's own login redirect, nothing kept.
    antwort = client.post(NEU, EINGABE)
    assert antwort.status_code == 302
    assert aufbewahren.SCHLUESSEL not in client.session
