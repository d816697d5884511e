"""Sending one request of the matrix: the caller's client, the write log of the request, the markers in
the answer. Every request runs in a savepoint that is rolled back, so the dataset is the same for the next.
"""

import copy
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from io import BytesIO

from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from .kern import MARKER_RE, Akteur, Datensatz, Ziel

# Tables a read may write to (and a refused write too): they log the request, they change no data.
# - django_session: the session's expiry moves with every request (SESSION_SAVE_EVERY_REQUEST, idle timeout)
# - protokoll_lesezugriff: the read log (R-0-AUDIT-2)
# - bedrohung_zugriff: the threat module's own access log (R-BM-3)
# - behoerden_bekanntgabe: the disclosure log of the agency API (R-21-1)
PROTOKOLLTABELLEN = frozenset(
    {"django_session", "protokoll_lesezugriff", "bedrohung_zugriff", "behoerden_bekanntgabe"}
)

_TABELLE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?([A-Za-z0-9_]+)"?', re.IGNORECASE)


@dataclass
class Antwort:
    status: int
    inhalt: bytes
    content_type: str
    location: str
    schreibt: list[str] = field(default_factory=list)  # tables written (INSERT/UPDATE/DELETE)
    worte: set[bytes] = field(default_factory=set)  # markers found in the answer

    @property
    def datenaenderungen(self) -> list[str]:
        return sorted({t for t in self.schreibt if t not in PROTOKOLLTABELLEN})


class _Schreibprotokoll:
    def __init__(self):
        self.tabellen: list[str] = []

    def __call__(self, execute, sql, params, many, context):
        treffer = _TABELLE.match(sql)
        if treffer:
            self.tabellen.append(treffer.group(1).lower())
        return execute(sql, params, many, context)


def client_fuer(ds: Datensatz, akteur: Akteur) -> Client:
    if akteur.schluessel == "anonym":
        return Client(raise_request_exception=False)
    if akteur.schluessel == "behoerde":
        return Client(
            raise_request_exception=False,
            HTTP_AUTHORIZATION=f"Bearer {ds.o['token'].token}",
            HTTP_X_ZWECK="strafverfahren",
            HTTP_X_SACHBEARBEITUNG="M. Muster",
        )
    client = Client(raise_request_exception=False)
    client.force_login(ds.benutzer[akteur.schluessel])
    return client


def pfad(ziel: Ziel) -> str:
    kwargs = dict(ziel.kwargs)
    if ziel.format:
        kwargs["format"] = ziel.format
    url = ziel.name if ziel.name.startswith("/") else reverse(ziel.name, kwargs=kwargs or None)
    return url + (f"?{ziel.query}" if ziel.query else "")


def _text_aus_pdf(inhalt: bytes) -> bytes:
    from pypdf import PdfReader

    try:
        return "\n".join(seite.extract_text() or "" for seite in PdfReader(BytesIO(inhalt)).pages).encode()
    except Exception:  # an uploaded "PDF" of the dataset is only text: its raw bytes are searched anyway
        return b""


def worte_in(antwort: Antwort) -> set[bytes]:
    texte = [antwort.inhalt, antwort.location.encode(), antwort.content_type.encode()]
    if antwort.inhalt.startswith(b"%PDF"):
        texte.append(_text_aus_pdf(antwort.inhalt))
    if "calendar" in antwort.content_type:
        texte.append(antwort.inhalt.replace(b"\r\n ", b"").replace(b"\r\n\t", b""))
    gefunden = set()
    for text in texte:
        gefunden |= set(MARKER_RE.findall(text.lower()))
    return gefunden


def senden(client: Client, ziel: Ziel, methode: str, *, mit_daten: bool = True) -> Antwort:
    """One request, rolled back afterwards; `methode` "get" or the write method of the target."""
    url = pfad(ziel)
    protokoll = _Schreibprotokoll()
    # A sign-in or sign-out answers with a new session cookie whose session the rollback removes again:
    # the caller keeps its own session for the next request.
    kekse = copy.deepcopy(client.cookies)
    daten = {}
    if methode != "get" and mit_daten and ziel.daten is not None:
        daten = ziel.daten()
    with transaction.atomic():
        with connection.execute_wrapper(protokoll):
            if methode == "get":
                r = client.get(url, **ziel.kopf)
            elif ziel.art == "json":
                r = client.generic(
                    methode.upper(), url, json.dumps(daten), content_type="application/json", **ziel.kopf
                )
            elif methode == "post":
                r = client.post(url, daten, **ziel.kopf)
            else:
                r = client.generic(methode.upper(), url, **ziel.kopf)
            status = r.status_code
            try:
                # The test client closes the answer itself (a streamed one once it is read): closing it
                # again would send `request_finished` and close the database connection (PostgreSQL).
                inhalt = b"".join(r.streaming_content) if r.streaming else r.content
            except Exception as exc:  # a streamed answer that breaks after its headers is a server error
                inhalt, status = f"Abbruch beim Streamen: {exc!r}".encode(), 500
        transaction.set_rollback(True)
    client.cookies = kekse
    antwort = Antwort(
        status=status,
        inhalt=inhalt,
        content_type=r.get("Content-Type", ""),
        location=r.get("Location", "") + " " + r.get("Content-Disposition", ""),
        schreibt=protokoll.tabellen,
    )
    antwort.worte = worte_in(antwort)
    return antwort


class _Formularleser(HTMLParser):
    """The fields of the admin's object form (`<form id="…_form">`, not the header's sign-out form), as
    a browser would submit them."""

    def __init__(self):
        super().__init__()
        self.daten: dict[str, list[str]] = {}
        self._in_form = False
        self._fertig = False
        self._select: tuple[str, bool] | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self._fertig:
            return
        if tag == "form" and (a.get("id") or "").endswith("_form"):
            self._in_form = True
        if not self._in_form:
            return
        name = a.get("name")
        if tag == "input" and name:
            typ = (a.get("type") or "text").lower()
            if typ in ("submit", "button", "file", "image", "reset"):
                return
            if typ in ("checkbox", "radio") and "checked" not in a:
                return
            self.daten.setdefault(name, []).append(a.get("value") or ("on" if typ == "checkbox" else ""))
        elif tag == "select" and name:
            self._select = (name, "multiple" in a)
            self.daten.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in a:
            self.daten[self._select[0]].append(a.get("value") or "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.daten[name] = [""]

    def handle_data(self, data):
        if self._textarea:
            self.daten[self._textarea][0] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form" and self._in_form:
            self._in_form, self._fertig = False, True


def admin_formular(client: Client, url: str, ueberschreiben: dict | None = None) -> dict:
    """The admin's own form on `url` as submitted unchanged (plus `ueberschreiben`): a valid payload."""
    with transaction.atomic():
        seite = client.get(url)
        transaction.set_rollback(True)
    leser = _Formularleser()
    leser.feed(seite.content.decode())
    daten = {k: (v if len(v) != 1 else v[0]) for k, v in leser.daten.items() if v or k}
    daten = {k: v for k, v in daten.items() if v != []}
    daten.update(ueberschreiben or {})
    daten["_save"] = "Sichern"
    return daten
