"""Uploaded files: the one content hash every module records with a stored file."""

import hashlib
import re

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import models
from django.db.models.signals import pre_save
from django.utils.deconstruct import deconstructible


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


# --- Upload allow-list (issue 18 item 5; ASVS V5.2) ---------------------------------------------------
# Checked at upload time by the content's first bytes (content sniffing), never by name or claimed type:
# an `.html` or `.svg` renamed to `.pdf` is refused. Per kind of upload: documents (PDF, images, plain
# text such as a scanned letter's OCR or an e-mail) and recordings (audio, video). Every model FileField
# of the project gets the check (validator + pre_save guard, like kern.freitext); forms and serializers
# that are not model-backed use `DateiArtValidator` explicitly.

_BILDER = frozenset({"image/png", "image/jpeg", "image/tiff", "image/gif", "image/webp"})
DOKUMENT = "dokument"
AUFZEICHNUNG = "aufzeichnung"
ARTEN: dict[str, tuple[frozenset[str], str]] = {
    DOKUMENT: (
        _BILDER | {"application/pdf", "text/plain"},
        "PDF, PNG, JPEG, TIFF, GIF, WebP oder reiner Text",
    ),
    AUFZEICHNUNG: (
        frozenset(
            {"audio/mpeg", "audio/ogg", "audio/flac", "audio/wav", "audio/mp4", "video/webm", "video/mp4"}
        ),
        "Audio (MP3, Ogg, FLAC, WAV, M4A) oder Video (WebM, MP4)",
    ),
}
# Identification material (§ 27 Abs. 1: photos, fingerprints, measurements, voice or video samples).
ED = "ed"
ARTEN[ED] = (ARTEN[DOKUMENT][0] | ARTEN[AUFZEICHNUNG][0], "Dokumente, Bilder, Audio oder Video")
# Every kind together: the default check of every form and serializer file field (the model field then
# narrows to its kind), so no upload field of the project, nor a future one, takes HTML, SVG or scripts.
ALLGEMEIN = "allgemein"
ARTEN[ALLGEMEIN] = (ARTEN[ED][0], "Dokumente (PDF, Bild, reiner Text), Audio oder Video")
# ISO 20022 bank notifications (camt.054) for the Inkasso import (§ 2 Abs. 1 lit. d): XML, but only an XML
# declaration or a `Document` root, never a DOCTYPE or ENTITY (and parsed with defusedxml anyway).
CAMT = "camt"
CAMT_TYP = "application/xml (camt.054)"
ARTEN[CAMT] = (frozenset({CAMT_TYP}), "ISO-20022-Meldung camt.054 (XML)")
# Model fields whose kind is not "dokument" (label strings: the kernel imports no app).
ART_JE_FELD = {
    ("ueberwachung.Telefonaufzeichnung", "datei"): AUFZEICHNUNG,
    ("ueberwachung.Videoaufzeichnung", "datei"): AUFZEICHNUNG,
    ("ueberwachung.EDDatei", "datei"): ED,
}
FREMDE_APPS = {"admin", "auth", "contenttypes", "sessions", "oauth2_provider", "authtoken"}

_KOPF = 64 * 1024
# Markup a browser would render or run: refused as "text" even without a tag name the list knows.
_MARKUP = re.compile(
    rb"<\s*(?:!doctype|\?xml|html|head|body|script|svg|iframe|frame|object|embed|meta|link|style|img|a\s|"
    rb"div|form|math|base|xsl|x:|!\[cdata)",
    re.IGNORECASE,
)


def _tiff(kopf: bytes) -> bool:
    return kopf[:4] in (b"II*\x00", b"MM\x00*")


def _reiner_text(kopf: bytes) -> bool:
    if not kopf or b"\x00" in kopf or _MARKUP.search(kopf):
        return False
    try:
        kopf.decode("utf-8")
    except UnicodeDecodeError as fehler:
        if fehler.start < len(kopf) - 4:  # only a character cut at the end of the head is tolerated
            return False
    steuer = sum(1 for b in kopf if b < 32 and b not in (9, 10, 12, 13))
    return steuer == 0


def _camt(kopf: bytes) -> bool:
    rumpf = kopf.lstrip(b"\xef\xbb\xbf \t\r\n")
    return (
        (rumpf.startswith(b"<?xml") or rumpf.startswith(b"<Document"))
        and b"<!doctype" not in kopf.lower()
        and b"<!entity" not in kopf.lower()
    )


def inhaltstyp(kopf: bytes) -> str:
    """The type of an upload from its content: the media types of `medientyp_erkennen`, TIFF, plain
    text without markup, else `application/octet-stream` (HTML, SVG, XML, scripts, archives, …)."""
    typ = medientyp_erkennen(kopf[:64])
    if typ != "application/octet-stream":
        return typ
    if _tiff(kopf):
        return "image/tiff"
    if _reiner_text(kopf):
        return "text/plain"
    return "application/octet-stream"


def _kopf(datei) -> bytes:
    position = datei.tell() if hasattr(datei, "tell") else 0
    datei.seek(0)
    kopf = datei.read(_KOPF)
    datei.seek(position)
    return kopf if isinstance(kopf, bytes) else kopf.encode()


def _name_des_typs(typ: str) -> str:
    return {"application/octet-stream": "unbekannt oder nicht zulässig (z. B. HTML, SVG, Skript)"}.get(
        typ, typ
    )


def pruefen(datei, art: str = DOKUMENT) -> str:
    """The content type of `datei` if `art` allows it, else ValidationError with the § (R-0-BAD-1)."""
    erlaubt, beschreibung = ARTEN[art]
    kopf = _kopf(datei)
    typ = inhaltstyp(kopf)
    if art == CAMT and _camt(kopf):
        typ = CAMT_TYP
    if typ not in erlaubt:
        raise ValidationError(
            f"§ 20 JVG: Dateityp nicht zulässig. Erlaubt sind {beschreibung}; erkannt: {_name_des_typs(typ)}.",
            code="dateityp",
        )
    return typ


@deconstructible
class DateiArtValidator:
    """Validator for form, serializer and model file fields: the content must be of the kind's types."""

    def __init__(self, art: str = DOKUMENT):
        if art not in ARTEN:
            raise ValueError(f"Unbekannte Dateiart {art!r}")
        self.art = art

    def __call__(self, datei):
        if not datei or getattr(datei, "_committed", False):
            return  # nothing, or a file stored earlier (a model's full_clean() reads no stored file)
        pruefen(getattr(datei, "file", None) or datei, self.art)

    def __eq__(self, other):
        return isinstance(other, DateiArtValidator) and other.art == self.art


def _neu_hochgeladen(wert) -> bool:
    return bool(wert) and not getattr(wert, "_committed", True)


def _vor_dem_speichern(sender, instance, raw=False, **kwargs):
    if raw:
        return
    fehler = {}
    for feld, art in getattr(sender, "_upload_felder", ()):
        wert = getattr(instance, feld.attname)
        if _neu_hochgeladen(wert):
            try:
                pruefen(wert.file, art)
            except ValidationError as e:
                fehler[feld.name] = e.messages
    if fehler:
        raise ValidationError(fehler)


def upload_felder() -> list[tuple[models.FileField, str]]:
    felder = []
    for modell in apps.get_models():
        if modell._meta.app_label in FREMDE_APPS or hasattr(modell, "instance_type"):  # history models
            continue
        for feld in modell._meta.concrete_fields:
            if isinstance(feld, models.FileField):
                felder.append((feld, ART_JE_FELD.get((modell._meta.label, feld.name), DOKUMENT)))
    return felder


def uploads_pruefen() -> None:
    """Called once from the kernel's `ready()`; idempotent. The validator goes on `validators` (not
    `_validators`), so `deconstruct()` and the migrations stay unchanged. Form and serializer file
    fields (also those of forms that are not model forms) check every kind by default."""
    from django import forms
    from rest_framework import serializers

    forms.FileField.default_validators = [DateiArtValidator(ALLGEMEIN)]
    serializers.FileField.default_validators = [DateiArtValidator(ALLGEMEIN)]
    for feld, art in upload_felder():
        if not any(isinstance(v, DateiArtValidator) for v in feld.validators):
            feld.__dict__["validators"] = [*feld.validators, DateiArtValidator(art)]
        modell = feld.model
        if "_upload_felder" not in modell.__dict__:
            modell._upload_felder = []
            pre_save.connect(_vor_dem_speichern, sender=modell, dispatch_uid=f"uploads:{modell._meta.label}")
        if (feld, art) not in modell._upload_felder:
            modell._upload_felder.append((feld, art))
