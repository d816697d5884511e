"""pytest plugin of ``kern.mutation``: which marked test executes which line of the rule's check sites.

Loaded only by the mutation tool's first (unmutated) run: ``-p kern.mutation_abdeckung`` with
``JVG_MUTATION_DATEIEN`` (the site files, ``os.pathsep``-separated, absolute) and ``JVG_MUTATION_ABDECKUNG``
(where the JSON goes). A line tracer (``sys.settrace``, also in threads started later: live server, Celery
worker) traces only frames of those files and records the lines per phase:

- ``<nodeid>``: lines run during the test (its setup, call and teardown);
- ``"dbsetup"``: lines run while the test database is built (``django_db_setup``: tables, triggers); a
  mutant there changes the schema, so it needs a new test database;
- ``"ausserhalb"``: lines run outside any test (module import during collection).

Nothing of this is loaded by ``make test``.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from pathlib import Path

import pytest

_ZIELE: frozenset[str] = frozenset()
_TREFFER: dict[str, set[tuple[str, int]]] = {}
_phase = "ausserhalb"


def _lokal(frame, event, arg):
    if event == "line":
        _TREFFER.setdefault(_phase, set()).add((frame.f_code.co_filename, frame.f_lineno))
    return _lokal


def _global(frame, event, arg):
    if frame.f_code.co_filename in _ZIELE:
        _TREFFER.setdefault(_phase, set()).add((frame.f_code.co_filename, frame.f_lineno))
        return _lokal
    return None


def pytest_configure(config: pytest.Config) -> None:
    global _ZIELE
    _ZIELE = frozenset(p for p in os.environ.get("JVG_MUTATION_DATEIEN", "").split(os.pathsep) if p)
    if _ZIELE:
        sys.settrace(_global)
        threading.settrace(_global)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem):
    global _phase
    _phase = item.nodeid
    try:
        return (yield)
    finally:
        _phase = "ausserhalb"


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(fixturedef, request):
    global _phase
    if fixturedef.argname != "django_db_setup":
        return (yield)
    vorher, _phase = _phase, "dbsetup"
    try:
        return (yield)
    finally:
        _phase = vorher


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    sys.settrace(None)
    threading.settrace(None)  # type: ignore[arg-type]
    ziel = os.environ.get("JVG_MUTATION_ABDECKUNG")
    if not ziel:
        return
    root = Path(session.config.rootpath)
    ergebnis: dict[str, dict[str, list[int]]] = {}
    for phase, treffer in _TREFFER.items():
        je_datei: dict[str, list[int]] = {}
        for datei, zeile in treffer:
            je_datei.setdefault(Path(datei).relative_to(root).as_posix(), []).append(zeile)
        ergebnis[phase] = {d: sorted(z) for d, z in je_datei.items()}
    Path(ziel).write_text(json.dumps(ergebnis), encoding="utf-8")
