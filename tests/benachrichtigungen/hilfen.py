"""Helpers of the webhook tests: a real HTTP receiver on 127.0.0.1 (a thread of the test process) and
agencies built through the agency module's own service."""

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from behoerden import domain as behoerden
from behoerden.models import Behoerdentyp


@dataclass
class Empfang:
    pfad: str
    kopf: dict
    body: bytes


@dataclass
class Empfaenger:
    """Answers the scripted status codes in order (the last one repeats) and records every request."""

    antworten: list[int]
    empfangen: list[Empfang] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/hook"


def empfaenger_starten(antworten: list[int]) -> Empfaenger:
    e = Empfaenger(antworten=list(antworten))
    sperre = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 – http.server's naming
            laenge = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(laenge)
            with sperre:
                e.empfangen.append(Empfang(self.path, dict(self.headers.items()), body))
                status = e.antworten.pop(0) if len(e.antworten) > 1 else e.antworten[0]
            self.send_response(status)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):  # keep test output quiet
            pass

    e.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=e.server.serve_forever, daemon=True).start()
    return e


def behoerde(admin, name="Amt für Justizvollzug Zürich", typ=Behoerdentyp.JUSTIZVOLLZUG):
    b, _secret = behoerden.behoerde_anlegen(daten=behoerden.BehoerdeDaten(name=name, typ=typ), durch=admin)
    return b
