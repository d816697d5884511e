"""Issue 18 item 6/13 (ASVS V8): permission before validation. For every write target of the matrix
(every POST/PUT/PATCH/DELETE view of `jvg_case.zugriffsregeln`, the API router included) a caller without
write right who sends an INVALID payload gets the same refusal (401/302/403/404/405) as with a valid one:
never 400 with field errors that would reveal the form or validate data for someone not allowed to write.

Runs the matrix dataset for every caller of the matrix, on every write it has no right to (the full
matrix covers every role with valid payloads)."""

import dataclasses

import pytest

from jvg_case import zugriffsregeln as zr
from tests.jvg_case.test_zugriffsmatrix import _berechtigt, _erwartet, datensatz, matrix  # noqa: F401
from tests.jvg_case.zugriffsmatrix.anfrage import client_fuer, pfad, senden
from tests.jvg_case.zugriffsmatrix.kern import AKTEUR

VERWEIGERT = {302, 401, 403, 404, 405}

# Found by this test (issue 18, December 2026) and not yet fixed: these views validate the form or
# serializer before they refuse (400, or 200 with the form again, instead of 403). Each is to be fixed in
# its app (check the permission, e.g. `kern.web` NachAktion/ErfassenNurMit, before binding the form) and
# then removed here. Any OTHER write that validates first fails this test.
BEKANNT: set[str] = set()


# Keys that choose the action of a multi-action view keep their value: the request must reach the same
# action, only with data that no form or serializer accepts.
WAHLFELDER = {"aktion", "action", "_aktion"}
UNGUELTIG = "<ungültig>"


def _ungueltig(ziel):
    gueltig = ziel.daten

    def daten():
        werte = gueltig()
        if not isinstance(werte, dict):
            return {"unbekannt": UNGUELTIG}
        return {k: (v if k in WAHLFELDER else UNGUELTIG) for k, v in werte.items()} or {
            "unbekannt": UNGUELTIG
        }

    return dataclasses.replace(ziel, daten=daten)


@pytest.mark.parametrize("schluessel", sorted(AKTEUR))
def test_refusal_comes_before_validation_for_every_write(matrix, schluessel):  # noqa: F811
    akteur = AKTEUR[schluessel]
    client = client_fuer(matrix, akteur)
    fehler, geprueft = [], 0
    for ziel in matrix.ziele:
        if ziel.format or ziel.daten is None:
            continue
        regel = zr.REGELN[ziel.schluessel]
        if regel.post is not True or _berechtigt(regel, akteur, ziel):
            continue
        erwartet = _erwartet(regel, akteur, ziel, "post")
        if erwartet not in VERWEIGERT:
            continue  # a page that answers this caller otherwise (e.g. the form again) is no refusal
        antwort = senden(client, _ungueltig(ziel), ziel.methode)
        geprueft += 1
        if antwort.status != erwartet and ziel.schluessel not in BEKANNT:
            fehler.append(
                f"{ziel.methode.upper()} {pfad(ziel)} [{ziel.schluessel}]: {antwort.status}, erwartet {erwartet}"
            )
    assert geprueft > 50
    assert fehler == [], f"{len(fehler)} Abweichungen:\n" + "\n".join(fehler[:80])
