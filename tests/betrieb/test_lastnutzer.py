"""`manage.py lastnutzer`: the load test's accounts (issue 20, `make last` against `make prod-run`)."""

import pytest
from django.core.management import CommandError, call_command

from kern import anmeldung
from kern.models import Benutzer
from kern.rollen import Rolle

GEHEIMNIS = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@pytest.fixture
def geheimnis_datei(tmp_path):
    datei = tmp_path / "lasttest_totp"
    datei.write_text(GEHEIMNIS + "\n", encoding="ascii")
    return str(datei)


@pytest.fixture
def vorlagen(anstalt_a):
    return [
        Benutzer.objects.create(username="sachbearbeitung", rolle=Rolle.SACHBEARBEITUNG, last_name="Muster"),
        Benutzer.objects.create(username="leitung.grosshof", rolle=Rolle.ANSTALTSLEITUNG, anstalt=anstalt_a),
        Benutzer.objects.create(
            username="personal.grosshof", rolle=Rolle.ANSTALTSPERSONAL, anstalt=anstalt_a
        ),
    ]


def test_konten_wie_vorlage_mit_bestaetigtem_zweitem_faktor(vorlagen, geheimnis_datei, anstalt_a):
    call_command("lastnutzer", "--anzahl", "2", "--totp-geheimnis-datei", geheimnis_datei)
    konten = Benutzer.objects.filter(username__startswith="last.").order_by("username")
    assert [(k.username, k.rolle, k.anstalt_id) for k in konten] == [
        ("last.leitung.grosshof.01", Rolle.ANSTALTSLEITUNG, anstalt_a.pk),
        ("last.leitung.grosshof.02", Rolle.ANSTALTSLEITUNG, anstalt_a.pk),
        ("last.personal.grosshof.01", Rolle.ANSTALTSPERSONAL, anstalt_a.pk),
        ("last.personal.grosshof.02", Rolle.ANSTALTSPERSONAL, anstalt_a.pk),
        ("last.sachbearbeitung.01", Rolle.SACHBEARBEITUNG, None),
        ("last.sachbearbeitung.02", Rolle.SACHBEARBEITUNG, None),
    ]
    konto = konten.get(username="last.sachbearbeitung.01")
    assert konto.check_password("Luzern-Demo-2026")
    assert konto.totp_bestaetigt_am is not None
    assert anmeldung.code_pruefen(konto, anmeldung.code(GEHEIMNIS, anmeldung.aktueller_schritt()))
    # R-0-AUDIT-1: every account has its history row with the job as actor.
    eintrag = konto.history.get()
    assert eintrag.history_user.username == "job:lasttest"
    # Idempotent: a second start creates nothing.
    call_command("lastnutzer", "--anzahl", "2", "--totp-geheimnis-datei", geheimnis_datei)
    assert Benutzer.objects.filter(username__startswith="last.").count() == 6


def test_ohne_demo_daten_verweigert(db, geheimnis_datei):
    with pytest.raises(CommandError, match="Zuerst die Demo-Daten laden"):
        call_command("lastnutzer", "--totp-geheimnis-datei", geheimnis_datei)
    assert not Benutzer.objects.filter(username__startswith="last.").exists()


@pytest.mark.parametrize("anzahl", ["0", "201"])
def test_anzahl_begrenzt(vorlagen, geheimnis_datei, anzahl):
    with pytest.raises(CommandError, match="zwischen 1 und 200"):
        call_command("lastnutzer", "--anzahl", anzahl, "--totp-geheimnis-datei", geheimnis_datei)


def test_im_betrieb_nur_mit_demo_start(vorlagen, geheimnis_datei, settings, monkeypatch):
    settings.PRODUCTION = True
    monkeypatch.delenv("JVG_PROD_DEMO", raising=False)
    with pytest.raises(CommandError, match="nie im Betrieb"):
        call_command("lastnutzer", "--anzahl", "1", "--totp-geheimnis-datei", geheimnis_datei)
    assert not Benutzer.objects.filter(username__startswith="last.").exists()
    monkeypatch.setenv("JVG_PROD_DEMO", "1")
    call_command("lastnutzer", "--anzahl", "1", "--totp-geheimnis-datei", geheimnis_datei)
    assert Benutzer.objects.filter(username__startswith="last.").count() == 3


@pytest.mark.parametrize("inhalt", ["kein base32!", "JBSWY3DP"])
def test_schlechtes_geheimnis_verweigert(vorlagen, tmp_path, inhalt):
    datei = tmp_path / "geheim"
    datei.write_text(inhalt, encoding="ascii")
    with pytest.raises(CommandError, match="TOTP-Geheimnis"):
        call_command("lastnutzer", "--totp-geheimnis-datei", str(datei))
    assert not Benutzer.objects.filter(username__startswith="last.").exists()
