"""The authorization matrix (issue 24, R-0-ROLE-1): every URL of the resolver × every role, as a standing test.

1. Every URL pattern the resolver knows (includes walked, DRF format-suffix variants and the admin's
   unnamed patterns included) has its entry in `jvg_case.zugriffsregeln.REGELN`, and every entry names a
   pattern that exists: a new page cannot ship without a decision, a removed one leaves no stale rule.
2. The dataset (tests/zugriffsmatrix) has objects in both demo facilities and in every module, with a
   marker word in every field a role might wrongly see; every entry of the table is requested with real
   ids, and every write has a valid payload that an entitled role gets accepted.
3. For every caller (each role of the roles table, facility roles in both facilities, the two threat
   reporters, anonymous and the agency's OAuth2 client) and every target: the status the table gives; no
   marker of data the caller may not see (`zugriffsregeln.DATEN`) anywhere in the answer (HTML, JSON, CSV,
   iCal, PDF text); a read and every refused write change no data (only the log tables named in
   `anfrage.PROTOKOLLTABELLEN` are written); an accepted write does change data. Each request runs in a
   savepoint that is rolled back, so every caller meets the same dataset.

The dataset is built once per group of callers (module-scoped, inside a transaction rolled back at the
end); the callers are spread over four xdist groups so that the workers share the work.
"""

import logging
import os
import time

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test.utils import override_settings
from django.urls import URLPattern, URLResolver, get_resolver

from jvg_case import zugriffsregeln as zr
from tests.jvg_case.zugriffsmatrix.anfrage import client_fuer, pfad, senden
from tests.jvg_case.zugriffsmatrix.datensatz import anlegen
from tests.jvg_case.zugriffsmatrix.kern import AKTEURE, Ziel

FORMAT = "(?P<format>"
# Four groups of callers of about equal cost (the authority's and the facilities' pages render most).
GRUPPEN = {
    "sachbearbeitung": 0,
    "anonym": 0,
    "behoerde": 0,
    "leitung_gh": 1,
    "personal_ww": 1,
    "partner": 1,
    "leitung_ww": 2,
    "personal_gh": 2,
    "admin": 2,
    "medizin": 3,
    "revision": 3,
    "bedrohungsmanagement": 3,
}


# --- The resolver -----------------------------------------------------------------------------------------


def _muster(resolver=None, praefix="", namensraum=None):
    """(table key, route) of every pattern: "namespace:name", or the route where a pattern has no name."""
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = namensraum
            if p.namespace:
                ns = f"{namensraum}:{p.namespace}" if namensraum else p.namespace
            yield from _muster(p, praefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            route = praefix + str(p.pattern)
            if p.name:
                yield (f"{namensraum}:{p.name}" if namensraum else p.name), route
            else:
                yield route, route


def _basis(schluessel: str) -> str:
    return schluessel.split("[", 1)[0]


def test_jedes_url_muster_hat_eine_regel_und_jede_regel_ein_muster():
    muster = list(_muster())
    namen = {name for name, _ in muster}
    basen = {_basis(k) for k in zr.REGELN}
    ohne_regel = sorted(namen - basen)
    ohne_muster = sorted(basen - namen)
    assert ohne_regel == [], f"URL-Namen ohne Eintrag in zugriffsregeln.REGELN: {ohne_regel}"
    assert ohne_muster == [], f"Einträge ohne URL-Muster: {ohne_muster}"
    # The walk reaches the includes, the DRF format-suffix variants and the admin's unnamed patterns.
    assert any(FORMAT in route for _, route in muster)
    assert "admin/(?P<url>.*)$" in namen
    assert len(muster) > len(namen)


def test_varianten_einer_url_stehen_nicht_neben_einer_allgemeinen_regel():
    # Either one entry for a URL name or one per action ("name[aktion]"), never both.
    varianten = {_basis(k) for k in zr.REGELN if "[" in k}
    assert sorted(varianten & set(zr.REGELN)) == []


def test_datenklassen_und_rollen_der_tabelle_sind_gueltig():
    for schluessel, regel in zr.REGELN.items():
        for abbildung in (regel.lesen, regel.schreiben, regel.sicht):
            assert set(abbildung) <= set(zr.ROLLEN), schluessel
            assert set(abbildung.values()) <= set(zr.UMFAENGE), schluessel
        if regel.post is True:
            assert regel.schreiben or regel.sonst, f"{schluessel}: Schreib-URL ohne Regel"
    for klasse, abbildung in zr.DATEN.items():
        assert set(abbildung) <= set(zr.ROLLEN), klasse


# --- The dataset ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def datensatz(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once per module run (or per xdist group), inside a transaction that is rolled back: other
    tests never see it, and tests that empty the database (transactional tests) cannot hit it."""
    media = tmp_path_factory.mktemp("zugriffsmatrix-media")
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(MEDIA_ROOT=media):
            ds = anlegen(media)
        yield ds
        transaction.set_rollback(True)


@pytest.fixture
def matrix(datensatz, db, settings):
    settings.MEDIA_ROOT = datensatz.media_root
    settings.JVG_BEHOERDEN_RATE = "1000000/min"  # the matrix is no test of the throttle
    cache.clear()
    # Refusals are expected by the hundred; only real errors stay in the log.
    logger = logging.getLogger("django.request")
    vorher = logger.level
    logger.setLevel(logging.CRITICAL)
    yield datensatz
    logger.setLevel(vorher)


def _ist_api(ziel: Ziel) -> bool:
    return pfad(ziel).startswith("/api/")


def _mit_format(ziele: list[Ziel]) -> list[Ziel]:
    """Each API target once more through its DRF format-suffix variant (".json"), for reading."""
    formatnamen = {name for name, route in _muster() if FORMAT in route or "drf_format_suffix" in route}
    varianten = []
    for z in ziele:
        if z.name in formatnamen and not z.format and not z.name.startswith("/"):
            varianten.append(
                Ziel(
                    schluessel=z.schluessel,
                    name=z.name,
                    kwargs=z.kwargs,
                    bezug=z.bezug,
                    seite=z.seite,
                    query=z.query,
                    format="json",
                    kopf=z.kopf,
                )
            )
    return varianten


def _erwartet(regel, akteur, ziel, methode):
    def im_umfang(umfang):
        return True if not ziel.hat_objekt else akteur.im_umfang(umfang, ziel.bezug)

    return zr.erwarteter_status(
        regel, akteur.rolle, im_umfang, methode=methode, api=_ist_api(ziel), mit_id=bool(ziel.kwargs)
    )


def _berechtigt(regel, akteur, ziel) -> bool:
    umfang = regel.schreiben.get(akteur.rolle)
    return umfang is not None and (not ziel.hat_objekt or akteur.im_umfang(umfang, ziel.bezug))


def test_jede_regel_wird_mit_echten_ids_angefragt(matrix):
    angefragt = {z.schluessel for z in matrix.ziele}
    assert sorted(set(zr.REGELN) - angefragt) == []
    assert sorted(angefragt - set(zr.REGELN)) == []


def test_jede_nutzlast_ist_gueltig_fuer_eine_berechtigte_rolle(matrix):
    """A payload whose refusal proves something must be one an entitled role gets accepted: for every
    entry with a payload, some caller is entitled by the table to one of its targets (and the matrix below
    asserts that this caller's request is accepted and writes); a write nobody may do has no `schreiben`
    in the table (e.g. deleting a user in the admin)."""
    berechtigt = set()
    for z in matrix.ziele:
        regel = zr.REGELN[z.schluessel]
        if z.daten is not None and any(_berechtigt(regel, a, z) for a in AKTEURE):
            berechtigt.add(z.schluessel)
    ohne = {z.schluessel for z in matrix.ziele if z.daten is not None and zr.REGELN[z.schluessel].schreiben}
    assert sorted(ohne - berechtigt) == []


# --- The matrix -------------------------------------------------------------------------------------------


def _pruefen(ds, akteur, ziel, methode, antwort, verboten, fehler):
    regel = zr.REGELN[ziel.schluessel]
    ort = f"{methode.upper()} {pfad(ziel)} [{ziel.schluessel}, Seite {ziel.seite}] als {akteur.schluessel}"
    erwartet = _erwartet(regel, akteur, ziel, methode)
    if antwort.status != erwartet:
        fehler.append(f"{ort}: Status {antwort.status}, erwartet {erwartet}")
    gesehen = antwort.worte & verboten
    if gesehen:
        klassen = sorted({ds.marker[w][0] for w in gesehen})
        fehler.append(
            f"{ort}: Daten ausserhalb der Sicht ({', '.join(klassen)}): {sorted(w.decode() for w in gesehen)}"
        )
    angenommen = (
        methode != "get"
        and ziel.daten is not None
        and regel.post is True
        and regel.schreibt
        and _berechtigt(regel, akteur, ziel)
        and erwartet == antwort.status
    )
    if angenommen:
        if not antwort.datenaenderungen:
            fehler.append(f"{ort}: gültige Nutzlast nicht angenommen (nichts geschrieben)")
    elif antwort.datenaenderungen and not (methode != "get" and _berechtigt(regel, akteur, ziel)):
        fehler.append(f"{ort}: schreibt {antwort.datenaenderungen} ohne Berechtigung")


@pytest.mark.rule("R-0-ROLE-1", "R-20-1", "R-22-1", "R-BM-3", "R-21-1")
@pytest.mark.parametrize(
    "akteur",
    [
        pytest.param(
            a, id=a.schluessel, marks=pytest.mark.xdist_group(f"zugriffsmatrix-{GRUPPEN[a.schluessel]}")
        )
        for a in AKTEURE
    ],
)
def test_zugriffsmatrix(matrix, akteur):
    ds = matrix
    client = client_fuer(ds, akteur)
    verboten = ds.verboten_fuer(akteur)
    mit_nutzlast = {z.schluessel for z in ds.ziele if z.daten is not None}
    fehler: list[str] = []
    dauer: list[tuple[float, str]] = []
    beginn = time.perf_counter()

    def anfrage(ziel, methode):
        t = time.perf_counter()
        antwort = senden(client, ziel, methode)
        dauer.append((time.perf_counter() - t, f"{methode.upper()} {pfad(ziel)}"))
        _pruefen(ds, akteur, ziel, "get" if methode == "get" else "post", antwort, verboten, fehler)

    for ziel in ds.ziele + _mit_format(ds.ziele):
        anfrage(ziel, "get")
        if ziel.format:
            continue  # the suffix variant is the same view: its writes are those of the plain URL
        if ziel.daten is None and ziel.schluessel in mit_nutzlast:
            continue  # written through the target of the same URL that carries the payload
        anfrage(ziel, ziel.methode if ziel.daten is not None else "post")
    if os.environ.get("JVG_MATRIX_STATISTIK"):
        langsam = ", ".join(f"{d:.1f} s {was}" for d, was in sorted(dauer, reverse=True)[:5])
        print(
            f"\n{akteur.schluessel}: {len(dauer)} Anfragen in {time.perf_counter() - beginn:.1f} s; langsam: {langsam}"
        )
    assert fehler == [], f"{len(fehler)} Abweichungen:\n" + "\n".join(fehler[:80])
