"""The load script (deploy/last.py) targets this machine only and is bounded (issue 20 item 6)."""

import importlib.util
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location(
    "last", Path(__file__).resolve().parents[2] / "deploy" / "last.py"
)
last = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(last)


@pytest.mark.parametrize("basis", ["https://10.0.0.5:8443", "https://192.168.1.10", "http://[2001:db8::1]/"])
def test_lasttest_verweigert_fremde_adressen(basis):
    with pytest.raises(SystemExit, match="Lasttest nur gegen diese Maschine"):
        last.nur_loopback(basis)


@pytest.mark.parametrize("basis", ["https://127.0.0.1:8443", "https://127.0.0.2", "http://[::1]:8080"])
def test_lasttest_erlaubt_loopback(basis):
    assert last.nur_loopback(basis) is None


@pytest.mark.parametrize(
    "argumente", [["--nutzer", "0"], ["--nutzer", "501"], ["--dauer", "1801"], ["--max-anfragen", "0"]]
)
def test_lasttest_grenzen(argumente):
    with pytest.raises(SystemExit, match="--nutzer 1–500"):
        last.main(["--basis", "https://127.0.0.1:1", *argumente])


def test_perzentil():
    werte = [0.1 * i for i in range(1, 101)]
    assert (last._perzentil(werte, 50), last._perzentil(werte, 95), last._perzentil([], 95)) == (
        pytest.approx(5.1),
        pytest.approx(9.5),
        0.0,
    )


def test_totp_des_lastskripts_wie_rfc_6238_und_kern():
    from kern import anmeldung

    # RFC 6238, Anhang B (SHA-1): T = 59 s gives 94287082; six digits are its last six.
    rfc_geheimnis = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"  # base32 of "12345678901234567890"
    assert last.totp(rfc_geheimnis, 59.0) == "287082"
    assert last.totp(rfc_geheimnis, 1111111109.0) == "081804"
    for jetzt in (1_700_000_000.0, 1_700_000_029.9, 1_700_000_030.0):
        assert last.totp(rfc_geheimnis, jetzt) == anmeldung.code(
            rfc_geheimnis, anmeldung.aktueller_schritt(jetzt)
        )
