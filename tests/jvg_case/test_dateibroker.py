"""The embedded broker (`filesystem://`) writes a message atomically (jvg_case/dateibroker.py): while it is
being written no file of the queue is visible, so a consumer never moves away a half-written message (kombu's
own `_put` opened the final name first; a worker died once in `make test` with JSONDecodeError). The message
then travels through the real transport, whole."""

import os
import uuid

import pytest
from kombu import Connection
from kombu.transport import filesystem

import jvg_case.celery  # noqa: F401  (installs the atomic writer, as every process using the app does)


@pytest.mark.parametrize("anzahl", [1, 25])
def test_nachricht_erst_sichtbar_wenn_ganz_geschrieben(tmp_path, monkeypatch, anzahl):
    # kombu remembers declared queues per process (not per folder): a fresh name makes this test declare and bind
    # its queue in its own control folder whatever ran before.
    name = f"auftraege{uuid.uuid4().hex}"
    sichtbar_beim_schreiben = []
    dumps = filesystem.dumps

    def beobachten(payload):
        # The moment a message is serialised and written: what a consumer listing the folder would find. The
        # binding's exchange table (a list, written under control_folder when the queue is declared) is no message.
        if isinstance(payload, dict):
            sichtbar_beim_schreiben.append(
                sorted(n for n in os.listdir(tmp_path) if n.endswith(f".{name}.msg"))
            )
        return dumps(payload)

    monkeypatch.setattr(filesystem, "dumps", beobachten)
    optionen = {
        "data_folder_in": str(tmp_path),
        "data_folder_out": str(tmp_path),
        # kombu's default is `control` below the working directory; whether the exchange table already existed
        # there decided whether the declaration wrote it (the test failed in CI when it did).
        "control_folder": str(tmp_path / "control"),
    }
    with Connection("filesystem://", transport_options=optionen) as verbindung:
        queue = verbindung.SimpleQueue(name)
        for i in range(anzahl):
            queue.put({"nr": i, "text": "ä" * 1000})
        erhalten = [queue.get(timeout=5) for _ in range(anzahl)]
        for nachricht in erhalten:
            nachricht.ack()
        queue.close()

    # whole, each once (the order within one millisecond is the transport's)
    assert sorted((n.payload for n in erhalten), key=lambda p: p["nr"]) == [
        {"nr": i, "text": "ä" * 1000} for i in range(anzahl)
    ]
    # while message i was written, only the i complete earlier ones were visible, never the one being written
    assert [len(liste) for liste in sichtbar_beim_schreiben] == list(range(anzahl))
    assert not [n for n in os.listdir(tmp_path) if n.endswith(".schreibt")]
