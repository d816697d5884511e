"""The pieces every module's part of the matrix shares: actors, markers, targets, the dataset object.

A *marker* is a unique word (``Zq`` + six letters) written into a field that some role must not see; the
dataset records for each marker its data class (`jvg_case.zugriffsregeln.DATEN`) and the scope tokens of
the object it sits in. A *target* (`Ziel`) is one URL filled with real ids, the scope tokens of the object
it addresses and, for writes, a factory of a valid payload.

Scope tokens (`bezug`) say which narrow scopes an object falls into:
``anstalt:gh`` / ``anstalt:ww`` (the facility the object belongs to, i.e. where its person is placed now),
``zugeteilt:<actor>`` (the person is assigned to that physician), ``eigen:<actor>`` (the actor reported,
holds or is party to it), ``sozialdienst:<actor>`` (a cost item routed to that Sozialamt),
``entscheide:<actor>`` (a person whose judgment that agency delivered).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from jvg_case import zugriffsregeln as zr

MARKER_RE = re.compile(rb"zq[a-z]{6}")

# The scope tokens of side A (JVA Grosshof: the person assigned to the demo physician, whose judgment the
# agency delivered and whose items go to the Sozialamt) and of side B (JVA Wauwilermoos: nobody's narrow
# scope but the facility's).
SEITE_A = frozenset({"anstalt:gh", "zugeteilt:medizin", "entscheide:behoerde", "sozialdienst:partner"})
SEITE_B = frozenset({"anstalt:ww"})


@dataclass(frozen=True)
class Akteur:
    """One caller of the matrix: a role of the roles table in one concrete user (or anonymous/OAuth)."""

    schluessel: str  # "leitung_gh"
    rolle: str  # the table's role key: zr.SB, zr.AL, …
    anstalt: str | None = None  # "gh" / "ww" for facility roles

    def im_umfang(self, umfang: str, bezug: frozenset[str]) -> bool:
        """Does an object with these scope tokens fall into this actor's `umfang`?"""
        if umfang == zr.ALLE:
            return True
        if umfang == zr.ANSTALT:
            return self.anstalt is not None and f"anstalt:{self.anstalt}" in bezug
        if umfang == zr.ZUGETEILT:
            return f"zugeteilt:{self.schluessel}" in bezug
        if umfang == zr.EIGENE:
            return f"eigen:{self.schluessel}" in bezug
        if umfang == zr.SOZIALDIENST:
            return f"sozialdienst:{self.schluessel}" in bezug
        if umfang == zr.ENTSCHEIDE:
            return f"entscheide:{self.schluessel}" in bezug
        if umfang == zr.LEER:
            return False
        raise AssertionError(f"unbekannter Umfang {umfang!r}")


AKTEURE = (
    Akteur("anonym", zr.ANON),
    Akteur("sachbearbeitung", zr.SB),
    Akteur("leitung_gh", zr.AL, "gh"),
    Akteur("leitung_ww", zr.AL, "ww"),
    Akteur("personal_gh", zr.AP, "gh"),
    Akteur("personal_ww", zr.AP, "ww"),
    Akteur("medizin", zr.MED),
    Akteur("revision", zr.REV),
    Akteur("partner", zr.PB),
    Akteur("bedrohungsmanagement", zr.BTM),
    Akteur("admin", zr.ADM),
    Akteur("behoerde", zr.OAUTH),
)
AKTEUR = {a.schluessel: a for a in AKTEURE}


@dataclass
class Ziel:
    """One URL of the matrix, filled with real ids.

    `schluessel` is the table key (URL name, or URL name + ``[variante]`` where one URL serves several
    actions with different rights). `daten` builds a valid payload (fresh files each call); `art` says
    how it is sent: ``form`` (multipart, as a browser), ``json`` or ``multipart`` (API).
    """

    schluessel: str
    name: str
    kwargs: dict = field(default_factory=dict)
    bezug: frozenset[str] = frozenset()
    seite: str = "-"
    query: str = ""
    daten: Callable[[], Any] | None = None
    art: str = "form"
    methode: str = "post"  # the write method for `daten` (post, put, patch, delete)
    format: str | None = None  # DRF format suffix variant ("json")
    kopf: dict = field(default_factory=dict)  # extra request headers (e.g. the agency's X-Zweck)
    admin_formular: str | None = None  # "add"/"change": payload = the admin's own form, filled in

    @property
    def hat_objekt(self) -> bool:
        return self.seite != "-"


class Datensatz:
    """Users, objects and markers of the matrix (built by `datensatz.anlegen`)."""

    def __init__(self):
        self.marker: dict[bytes, tuple[str, frozenset[str]]] = {}
        self.benutzer: dict = {}
        self.o: dict[str, Any] = {}  # named objects, e.g. self.o["fall_a"]
        self.ziele: list[Ziel] = []
        self.media_root = None

    def mk(self, klasse: str, bezug: frozenset[str]) -> str:
        """A new marker word of data class `klasse` for an object with scope tokens `bezug`."""
        assert klasse in zr.DATEN, f"Datenklasse {klasse!r} fehlt in zugriffsregeln.DATEN"
        n = len(self.marker)
        buchstaben = ""
        for _ in range(6):
            n, rest = divmod(n, 26)
            buchstaben = chr(ord("a") + rest) + buchstaben
        wort = "Zq" + buchstaben
        self.marker[wort.lower().encode()] = (klasse, frozenset(bezug))
        return wort

    def ziel(self, schluessel: str, **kw) -> Ziel:
        name = kw.pop("name", schluessel.split("[", 1)[0])
        z = Ziel(schluessel=schluessel, name=name, **kw)
        self.ziele.append(z)
        return z

    def verboten_fuer(self, akteur: Akteur) -> set[bytes]:
        """The markers `akteur` must never see anywhere (per `zugriffsregeln.DATEN`)."""
        verboten = set()
        for wort, (klasse, bezug) in self.marker.items():
            rechte = zr.DATEN[klasse].get(akteur.rolle)
            if rechte is None or not akteur.im_umfang(rechte, bezug):
                verboten.add(wort)
        return verboten
