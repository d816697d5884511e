"""Issue 18 (finding 9): recordings are served with the type of their content from an allow-list, as an
attachment; an uploaded HTML page is a download, never a page of the app's origin."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from ueberwachung.models import Inhaltszugriff

from .hilfen import T0, aufnehmen, insasse, telefonanlage  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db

WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 32


@pytest.mark.rule("R-29-3")
@pytest.mark.parametrize(
    ("inhalt", "typ"),
    [
        (WAV, "audio/wav"),
        (b"<html><script>alert(1)</script></html>", "application/octet-stream"),
        (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "application/octet-stream"),
    ],
)
def test_recording_type_comes_from_the_content(client_als, telefonanlage, insasse, leitung_a, inhalt, typ):  # noqa: F811
    # Since issue 18 item 5 the upload itself refuses HTML/SVG (tests/kern/test_uploads.py); a file stored
    # before that check (or changed on disk) is still served as a download: written here behind the upload.
    a = aufnehmen(telefonanlage, insasse, inhalt=WAV)
    with a.datei.storage.open(a.datei.name, "wb") as f:
        f.write(inhalt)
    c = client_als(leitung_a)
    with time_machine.travel(T0 + timedelta(days=1), tick=False):
        c.post(
            reverse("ueberwachung:telefon_abhoeren", args=[a.pk]),
            {"tatbestand": "c", "referenz": "Rapport 2026-17"},
        )
        antwort = c.get(reverse("ueberwachung:inhalt", args=[Inhaltszugriff.objects.get().pk]))
    assert antwort["Content-Type"] == typ
    assert antwort["Content-Disposition"].startswith("attachment;")
    assert antwort["X-Content-Type-Options"] == "nosniff"
    assert b"".join(antwort.streaming_content) == inhalt
