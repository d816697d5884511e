"""Uploaded files: the one content hash every module records with a stored file."""

import hashlib

from django.core.files import File


def datei_sha256(datei: File) -> str:
    """SHA-256 of an uploaded file's content, read in chunks (bounded memory); the file is rewound so
    the storage can save it afterwards."""
    sha = hashlib.sha256()
    for teil in datei.chunks():
        sha.update(teil)
    datei.seek(0)
    return sha.hexdigest()


# Issue 18 (finding 9): content is served with a type found in its first bytes, never with the type the
# uploader claimed or the name suggests, and only from this allow-list of media; anything else is a
# download (`application/octet-stream`), so an uploaded .html or .svg never runs in the app's origin.
_SIGNATUREN: tuple[tuple[int, bytes, str], ...] = (
    (0, b"ID3", "audio/mpeg"),
    (0, b"OggS", "audio/ogg"),
    (0, b"fLaC", "audio/flac"),
    (0, b"\x1a\x45\xdf\xa3", "video/webm"),
    (0, b"\xff\xd8\xff", "image/jpeg"),
    (0, b"\x89PNG\r\n\x1a\n", "image/png"),
    (0, b"GIF87a", "image/gif"),
    (0, b"GIF89a", "image/gif"),
    (0, b"%PDF-", "application/pdf"),
)


def medientyp_erkennen(kopf: bytes) -> str:
    """The media type of a file from its first bytes (at least 16), else `application/octet-stream`."""
    for versatz, signatur, typ in _SIGNATUREN:
        if kopf[versatz : versatz + len(signatur)] == signatur:
            return typ
    if kopf[:4] == b"RIFF" and kopf[8:12] == b"WAVE":
        return "audio/wav"
    if kopf[:4] == b"RIFF" and kopf[8:12] == b"WEBP":
        return "image/webp"
    if kopf[4:8] == b"ftyp":
        return "audio/mp4" if kopf[8:11] == b"M4A" else "video/mp4"
    if len(kopf) > 1 and kopf[0] == 0xFF and kopf[1] & 0xE0 == 0xE0:  # MPEG audio frame sync
        return "audio/mpeg"
    return "application/octet-stream"
