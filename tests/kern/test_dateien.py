"""Issue 18: the media type of served content is sniffed from its bytes against an allow-list."""

import pytest

from kern.dateien import medientyp_erkennen


@pytest.mark.parametrize(
    ("kopf", "typ"),
    [
        (b"ID3\x04\x00" + b"\x00" * 11, "audio/mpeg"),
        (b"\xff\xfb\x90\x00" + b"\x00" * 12, "audio/mpeg"),
        (b"RIFF\x00\x00\x00\x00WAVEfmt ", "audio/wav"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "image/webp"),
        (b"OggS" + b"\x00" * 12, "audio/ogg"),
        (b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 4, "video/mp4"),
        (b"\x00\x00\x00\x18ftypM4A " + b"\x00" * 4, "audio/mp4"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 8, "image/png"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'>", "application/octet-stream"),
        (b"<!DOCTYPE html><html>", "application/octet-stream"),
        (b"", "application/octet-stream"),
    ],
)
def test_medientyp_from_content_only(kopf, typ):
    assert medientyp_erkennen(kopf) == typ
