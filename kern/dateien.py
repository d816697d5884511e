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
