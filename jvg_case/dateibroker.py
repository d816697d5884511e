"""The embedded broker of `make run` and `make test` (`filesystem://`, no server): messages written atomically.

kombu's filesystem transport writes a message under its final name (`<ms>_<uuid>.<queue>.msg`) and then
fills it, while a consumer moves away every file it lists without taking the writer's lock
(`kombu/transport/filesystem.py`, `Channel._put` / `_get`). A worker could so read a half-written message
and stop with "Unrecoverable error: JSONDecodeError" (seen once in `make test` under load). Here the
message is written under a temporary name that no queue matches (`.<uuid>.schreibt`) and renamed into place:
`os.replace` within one folder is atomic, so a consumer sees either no file or the whole message.
"""

import contextlib
import os
import uuid

from kombu.transport import filesystem


def _put(self, queue, payload, **kwargs):
    name = f"{int(round(filesystem.monotonic() * 1000))}_{uuid.uuid4()}.{queue}.msg"
    ziel = os.path.join(self.data_folder_out, name)
    vorlaeufig = os.path.join(self.data_folder_out, f".{uuid.uuid4()}.schreibt")
    try:
        with open(vorlaeufig, "wb", buffering=0) as datei:
            datei.write(filesystem.str_to_bytes(filesystem.dumps(payload)))
        os.replace(vorlaeufig, ziel)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.remove(vorlaeufig)
        raise filesystem.ChannelError(f"Cannot add file {ziel!r} to directory") from exc


def atomar_schreiben() -> None:
    """Install the atomic `_put` on kombu's filesystem channel (idempotent)."""
    filesystem.Channel._put = _put
