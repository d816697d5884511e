"""Issue 23 point 5 (§ 33 Abs. 4 JVG, R-33-1): involved persons added after submission with a reason
(listed with the corrections, history with actor), and after a transfer the facility where the force
was used finishes the review of an unreviewed protocol."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.conftest import PASSWORT
from vollzug import domain as vollzug_domain
from zwang import domain, permissions
from zwang.domain import korrekturen
from zwang.models import Beteiligung
from zwang.queries import protokolle_fuer_user
from zwang.recht import Einsatzfunktion, Protokollstatus, Pruefergebnis

from . import hilfen as zwang_hilfen
from .hilfen import beteiligt, protokoll

fall_a, personal_a2, leitung_a2, leitung_b = (
    zwang_hilfen.fall_a,
    zwang_hilfen.personal_a2,
    zwang_hilfen.leitung_a2,
    zwang_hilfen.leitung_b,
)


def _meldung(exc, feld):
    return " ".join(exc.value.message_dict[feld])


@pytest.mark.rule("R-33-1")
@pytest.mark.django_db
def test_beteiligte_nachtragen_mit_grund(personal_a, personal_a2, personal_b, leitung_a, fall_a):
    p = protokoll(personal_a, fall_a)
    # Bad input: no reason, staff of another facility, someone already listed.
    with pytest.raises(ValidationError) as exc:
        domain.protokoll_korrigieren(
            protokoll=p, aenderungen={}, grund=" ", neue_beteiligte=beteiligt(personal_a2), durch=personal_a
        )
    assert "Grund" in _meldung(exc, "grund")
    with pytest.raises(ValidationError) as exc:
        domain.protokoll_korrigieren(
            protokoll=p,
            aenderungen={},
            grund="vergessen",
            neue_beteiligte=beteiligt(personal_b),
            durch=personal_a,
        )
    assert "§ 33 Abs. 4" in _meldung(exc, "beteiligte")
    with pytest.raises(ValidationError) as exc:
        domain.protokoll_korrigieren(
            protokoll=p,
            aenderungen={},
            grund="vergessen",
            neue_beteiligte=beteiligt(personal_a),
            durch=personal_a,
        )
    assert "bereits" in _meldung(exc, "beteiligte")
    assert p.beteiligte.count() == 1
    domain.protokoll_korrigieren(
        protokoll=p,
        aenderungen={},
        grund="Kollegin hat beim Festhalten geholfen",
        neue_beteiligte=beteiligt(personal_a2, funktion=Einsatzfunktion.SICHERUNG),
        durch=personal_a,
    )
    b = p.beteiligte.get(benutzer=personal_a2)
    assert (b.nachgetragen_durch, b.nachtrag_grund) == (personal_a, "Kollegin hat beim Festhalten geholfen")
    assert b.frist is not None and b.frist > timezone.now()  # the statement is due from now
    assert b.history.get().history_user == personal_a
    (k,) = korrekturen(p)
    assert (k.grund, k.durch) == ("Kollegin hat beim Festhalten geholfen", "personal_a Test")
    assert [(a.feld, a.alt, a.neu) for a in k.aenderungen] == [
        ("Beteiligte Personen", "–", f"personal_a2 Test ({Einsatzfunktion.SICHERUNG.label})")
    ]
    # The added person is involved: states, and may not review (R-0-4EYES-1).
    assert permissions.darf_stellung_nehmen(personal_a2, b)


@pytest.mark.rule("R-33-1", "R-0-4EYES-1")
@pytest.mark.django_db
def test_nachtrag_nach_pruefung_oeffnet_die_pruefung_wieder(personal_a, leitung_a, leitung_a2, fall_a):
    p = protokoll(personal_a, fall_a)
    domain.stellungnahme_abgeben(beteiligung=p.beteiligte.get(), text="So war es.", durch=personal_a)
    domain.protokoll_pruefen(
        protokoll=p, ergebnis=Pruefergebnis.RECHTMAESSIG, bemerkung="ok", durch=leitung_a
    )
    domain.protokoll_korrigieren(
        protokoll=p,
        aenderungen={},
        grund="Leitung war dabei",
        neue_beteiligte=beteiligt(leitung_a2),
        durch=leitung_a,
    )
    p.refresh_from_db()
    assert p.status == Protokollstatus.EINGEREICHT
    assert not permissions.darf_pruefen(leitung_a2, p)
    assert [k.grund for k in korrekturen(p)] == ["Leitung war dabei"]  # no empty entry for the status row


@pytest.mark.rule("R-33-1")
@pytest.mark.django_db
def test_nachtrag_ueber_seite_und_api(client, personal_a, personal_a2, fall_a):
    p = protokoll(personal_a, fall_a)
    client.login(username="personal_a", password=PASSWORT)
    url = reverse("zwang:korrigieren", args=[p.pk])
    seite = client.get(url).content.decode()
    assert "Beteiligte Person hinzufügen" in seite
    antwort = client.post(
        url,
        {**_formular(p), "grund": "nachgetragen", "neu_benutzer": personal_a2.pk, "neu_funktion": ""},
    )
    assert antwort.status_code == 200 and "Funktion im Einsatz angeben" in antwort.content.decode()
    antwort = client.post(
        url,
        {
            **_formular(p),
            "grund": "nachgetragen",
            "neu_benutzer": personal_a2.pk,
            "neu_funktion": Einsatzfunktion.SICHERUNG,
        },
    )
    assert antwort.status_code == 302
    assert p.beteiligte.filter(benutzer=personal_a2, nachtrag_grund="nachgetragen").exists()
    detail = client.get(reverse("zwang:detail", args=[p.pk])).content.decode()
    assert "Beteiligte Personen" in detail and "nachgetragen" in detail


@pytest.mark.rule("R-33-1")
@pytest.mark.django_db
def test_nachtrag_ueber_api(personal_a, personal_a2, personal_b, fall_a):
    from tests.zwang.test_api import LISTE, api_als

    p = protokoll(personal_a, fall_a)
    c = api_als(personal_a)
    url = f"{LISTE}{p.pk}/korrektur/"
    fremd = c.post(
        url,
        {"grund": "x", "beteiligte": [{"benutzer": personal_b.pk, "funktion": "sicherung"}]},
        format="json",
    )
    assert fremd.status_code == 400 and "eigenen Einrichtung" in str(fremd.json())
    antwort = c.post(
        url,
        {"grund": "vergessen", "beteiligte": [{"benutzer": personal_a2.pk, "funktion": "sicherung"}]},
        format="json",
    )
    assert antwort.status_code == 200, antwort.json()
    (k,) = antwort.json()["korrekturen"]
    assert k["grund"] == "vergessen" and k["aenderungen"][0]["feld"] == "Beteiligte Personen"


def _formular(p) -> dict:
    from zwang.forms import ProtokollForm

    werte = ProtokollForm.initial_aus(p)
    daten = {}
    for name, wert in werte.items():
        if wert is None:
            continue
        if hasattr(wert, "isoformat"):
            wert = timezone.localtime(wert).strftime("%Y-%m-%dT%H:%M")
        daten[name] = wert
    return daten


@pytest.mark.rule("R-33-1", "R-0-ROLE-1")
@pytest.mark.django_db
def test_nach_versetzung_prueft_die_einrichtung_des_zwangs(
    personal_a, leitung_a, leitung_b, personal_b, sachbearbeitung, fall_a, anstalt_b
):
    p = protokoll(personal_a, fall_a)
    domain.stellungnahme_abgeben(beteiligung=p.beteiligte.get(), text="So war es.", durch=personal_a)
    vollzug_domain.versetzen(
        fall=fall_a,
        anstalt=anstalt_b,
        am=timezone.now(),
        grund="a",
        begruendung="Platz",
        durch=sachbearbeitung,
    )
    # Unreviewed: the old management still sees and reviews it; its staff and the new facility do not.
    assert protokolle_fuer_user(leitung_a).filter(pk=p.pk).exists()
    assert not protokolle_fuer_user(personal_a).filter(pk=p.pk).exists()
    assert not protokolle_fuer_user(leitung_b).filter(pk=p.pk).exists()
    with pytest.raises(PermissionDenied):
        domain.protokoll_pruefen(
            protokoll=p, ergebnis=Pruefergebnis.RECHTMAESSIG, bemerkung="ok", durch=leitung_b
        )
    domain.protokoll_pruefen(
        protokoll=p, ergebnis=Pruefergebnis.RECHTMAESSIG, bemerkung="ok", durch=leitung_a
    )
    p.refresh_from_db()
    # Reviewed: the old facility's part is done, and it no longer sees it.
    assert p.status == Protokollstatus.GEPRUEFT
    assert not protokolle_fuer_user(leitung_a).filter(pk=p.pk).exists()
    assert not permissions.darf_leiten(leitung_a, p)


@pytest.mark.rule("R-0-ROLE-1")
@pytest.mark.django_db
def test_vor_versetzung_gepruefte_bleibt_unsichtbar(
    personal_a, leitung_a, sachbearbeitung, fall_a, anstalt_b
):
    p = protokoll(personal_a, fall_a)
    domain.stellungnahme_abgeben(beteiligung=p.beteiligte.get(), text="So war es.", durch=personal_a)
    domain.protokoll_pruefen(
        protokoll=p, ergebnis=Pruefergebnis.RECHTMAESSIG, bemerkung="ok", durch=leitung_a
    )
    assert protokolle_fuer_user(leitung_a).filter(pk=p.pk).exists()
    vollzug_domain.versetzen(
        fall=fall_a,
        anstalt=anstalt_b,
        am=timezone.now(),
        grund="a",
        begruendung="Platz",
        durch=sachbearbeitung,
    )
    assert not protokolle_fuer_user(leitung_a).filter(pk=p.pk).exists()
    assert Beteiligung.objects.filter(protokoll=p).count() == 1
