"""Mutation testing of the rule checks (issue 25): does each rule's marked tests notice a broken check?

``python -m kern.mutation [R-14-2 …]`` (``make mutation [MUTATION_REGELN="R-14-2 …"]``):

1. For each rule, the enforcement sites come from the rules report (``kern.rules_report.nachschlagen``):
   the places that raise the rule's error or define its constraint ("prüft"), plus the functions whose
   docstring names the rule (the arithmetic of ``recht.py`` is documented, not raised, there).
2. Scope of one site: the statement on that line, and the ``if`` guards around it up to the function (their
   test is mutated too, and one mutant deletes the check: the guard's test becomes ``False``). For a
   docstring site, the whole function.
3. Operators: comparison flipped at its boundary (``<``↔``<=``, ``>``↔``>=``, ``==``↔``!=``, ``in``↔``not in``,
   ``is``↔``is not``), ``and``↔``or``, ``not`` dropped, a number ± 1 (10 → 11), ``True``↔``False``, an ``if`` that
   guards a ``raise`` made ``False`` (the check deleted).
4. Running (issue 25: cheap mutants). Django, pytest and its plugins are loaded once; the unmutated tests
   run twice first (a new test database with a line trace of the site files, ``kern.mutation_abdeckung``;
   then in a forked child on the reused database) and must pass. Per mutant only the marked tests that
   run the mutated lines are selected, the tests that already killed a mutant first, ``-x``. A mutant in a
   function body runs in a forked child that swaps the function's ``__code__`` for the mutated one (the
   file is not touched); one outside a function (constants, class attributes, constraints) is written
   into the source file (the original put back in ``finally``, also on Ctrl-C) and run in a new process,
   on a new test database when it is a model's. A failing or timed-out run kills the mutant; one that no
   marked test reaches survives without a run. ``--nur 3,7`` re-checks chosen mutants after new tests.
5. ``var/mutation-report.json``: per rule the mutants made, killed, surviving (file, line, operator). With
   ``--baseline docs/mutation-baseline.json`` the exit status is 1 when a rule's kill rate fell below the
   recorded one.

Why not mutmut 3 or cosmic-ray (both install on Python 3.11): both mutate whole modules and run one test
command for all mutants (mutmut copies the project into ``mutants/`` and needs its own trampoline import
path, which Django's app registry and the ``--ds`` settings do not load); neither scopes a mutant to the
lines a rule enforces and picks the tests by a ``@pytest.mark.rule`` argument. Scoping is the whole point
here (a mutant outside the rule's check, tested by the rule's tests, says nothing), so this module is a
small AST mutator over ``ast``/``ast.unparse`` of the standard library.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import copy
import importlib
import json
import os
import resource
import signal
import subprocess
import sys
import time
import traceback
import types
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from kern.rules import KATALOG, pruefe_ids
from kern.rules_report import ID_MUSTER, PROJEKT, nachschlagen

BERICHT = Path("var") / "mutation-report.json"
_GEGENTEIL = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}


@dataclass(frozen=True)
class Mutant:
    datei: str
    zeile: int
    operator: str
    pfad: tuple  # where the node sits in the module: (field, index) steps from the module
    art: str  # which change to make at pfad


# --- where a rule is enforced -----------------------------------------------------------------------


def _eltern(baum: ast.AST) -> dict[ast.AST, ast.AST]:
    return {kind: knoten for knoten in ast.walk(baum) for kind in ast.iter_child_nodes(knoten)}


def _funktionen(baum: ast.AST):
    return [k for k in ast.walk(baum) if isinstance(k, ast.FunctionDef | ast.AsyncFunctionDef)]


def _docstring_von(funktion) -> range | None:
    erster = funktion.body[0] if funktion.body else None
    if isinstance(erster, ast.Expr) and isinstance(getattr(erster.value, "value", None), str):
        return range(erster.lineno, (erster.end_lineno or erster.lineno) + 1)
    return None


def bereiche(baum: ast.Module, zeile: int, art: str, regel_id: str | None = None) -> list[ast.AST]:
    """The nodes whose subtrees may be mutated for the site at ``zeile``."""
    if art == "Erwähnung":
        for funktion in _funktionen(baum):
            doku = _docstring_von(funktion)
            if doku and zeile in doku:
                return [
                    k
                    for k in funktion.body[1:]
                    if not _fremde_pruefung(k, regel_id) and not _feld_zuweisung(k)
                ]
        return []
    eltern = _eltern(baum)
    innerste = None
    for knoten in ast.walk(baum):
        if isinstance(knoten, ast.stmt) and knoten.lineno <= zeile <= (knoten.end_lineno or knoten.lineno):
            if isinstance(knoten, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                continue
            if innerste is None or knoten.lineno >= innerste.lineno and knoten is not innerste:
                # ast.walk is breadth first: a later hit is deeper or a sibling further down
                innerste = knoten
    if innerste is None:
        return []
    ergebnis: list[ast.AST] = []
    # A compound statement around the line (an if with a raise inside): mutate only its head, the body
    # holds other rules' checks as well.
    if isinstance(innerste, ast.If):
        ergebnis.append(innerste.test)
    elif (eintrag := _tabelleneintrag(innerste, zeile)) is not None:
        # A mention inside one entry of a table literal (the access policy `REGELN`, hundreds of lines):
        # that entry, not the whole table.
        return [eintrag]
    elif isinstance(innerste, ast.For | ast.While | ast.With | ast.Try):
        pass
    else:
        ergebnis.append(innerste)
    knoten = innerste
    while (vater := eltern.get(knoten)) is not None and not isinstance(
        vater, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Module
    ):
        if isinstance(vater, ast.If) and knoten is not vater.test:
            ergebnis.append(vater.test)
        knoten = vater
    return ergebnis


def _tabelleneintrag(anweisung: ast.stmt, zeile: int) -> ast.AST | None:
    """The element of a multi-line dict/list/tuple literal assigned at module level that holds ``zeile``."""
    wert = getattr(anweisung, "value", None) if isinstance(anweisung, ast.Assign | ast.AnnAssign) else None
    if isinstance(wert, ast.Dict):
        treffer = [
            v
            for k, v in zip(wert.keys, wert.values, strict=True)
            if (k or v).lineno <= zeile <= (v.end_lineno or v.lineno)
        ]
        return treffer[0] if treffer and len(wert.values) > 1 else None
    if isinstance(wert, ast.List | ast.Tuple | ast.Set) and len(wert.elts) > 1:
        treffer = [e for e in wert.elts if e.lineno <= zeile <= (e.end_lineno or e.lineno)]
        return treffer[0] if treffer else None
    return None


def _fremde_pruefung(anweisung: ast.stmt, regel_id: str | None) -> bool:
    """An ``if`` whose ``raise`` names only other rules: another rule's check inside a function whose
    docstring names this one (gesuch_entscheiden checks R-14-1, R-14-2 and R-14-4); not this rule's."""
    if regel_id is None or not isinstance(anweisung, ast.If) or not _hat_raise(anweisung):
        return False
    text = "".join(
        k.value for k in ast.walk(anweisung) if isinstance(k, ast.Constant) and isinstance(k.value, str)
    )
    genannt = set(ID_MUSTER.findall(text))
    return bool(genannt) and regel_id not in genannt


def _feld_zuweisung(anweisung: ast.stmt) -> bool:
    """`objekt.feld = …` copies data onto the record (`(x or "").strip()`): no check of a rule."""
    if not isinstance(anweisung, ast.Assign):
        return False
    ziele = [t for ziel in anweisung.targets for t in (ziel.elts if isinstance(ziel, ast.Tuple) else [ziel])]
    return all(isinstance(t, ast.Attribute) for t in ziele)


def _pfad_zu(baum: ast.AST) -> dict[int, tuple]:
    """id(node) -> its path from the module root, to find the node again in a copy."""
    pfade: dict[int, tuple] = {id(baum): ()}
    stapel = [baum]
    while stapel:
        knoten = stapel.pop()
        for feld, wert in ast.iter_fields(knoten):
            if isinstance(wert, ast.AST):
                pfade[id(wert)] = pfade[id(knoten)] + ((feld, None),)
                stapel.append(wert)
            elif isinstance(wert, list):
                for i, kind in enumerate(wert):
                    if isinstance(kind, ast.AST):
                        pfade[id(kind)] = pfade[id(knoten)] + ((feld, i),)
                        stapel.append(kind)
    return pfade


def _folge(baum: ast.AST, pfad: tuple) -> ast.AST:
    knoten = baum
    for feld, index in pfad:
        knoten = getattr(knoten, feld) if index is None else getattr(knoten, feld)[index]
    return knoten


def mutanten_fuer(datei: str, baum: ast.Module, wurzeln: list[ast.AST]) -> list[Mutant]:
    pfade = _pfad_zu(baum)
    eltern = _eltern(baum)
    gesehen: set[tuple] = set()
    mutanten = []

    def neu(knoten: ast.AST, operator: str, art: str) -> None:
        schluessel = (pfade[id(knoten)], art)
        if schluessel not in gesehen:
            gesehen.add(schluessel)
            mutanten.append(Mutant(datei, getattr(knoten, "lineno", 0), operator, pfade[id(knoten)], art))

    for wurzel in wurzeln:
        vater = eltern.get(wurzel)
        if isinstance(vater, ast.If) and wurzel is vater.test and _hat_raise(vater):
            neu(wurzel, "Prüfung entfernt (if … → if False)", "falsch")
        for knoten in ast.walk(wurzel):
            if isinstance(knoten, ast.Compare):
                for i, op in enumerate(knoten.ops):
                    if type(op) in _GEGENTEIL:
                        name = f"{_zeichen(op)} → {_zeichen(_GEGENTEIL[type(op)]())}"
                        neu(knoten, name, f"vergleich:{i}")
            elif isinstance(knoten, ast.BoolOp):
                neu(knoten, "and ↔ or", "boolop")
            elif isinstance(knoten, ast.UnaryOp) and isinstance(knoten.op, ast.Not):
                neu(knoten, "not entfernt", "not")
            elif isinstance(knoten, ast.Constant) and type(knoten.value) is bool:
                if datei.endswith("models.py") and isinstance(eltern.get(knoten), ast.keyword):
                    continue  # a field option (null=True, editable=False): schema, not a rule check
                neu(knoten, f"{knoten.value} → {not knoten.value}", "bool")
            elif isinstance(knoten, ast.Constant) and type(knoten.value) in (int, float):
                neu(knoten, f"{knoten.value} → {knoten.value + 1}", "plus1")
                if knoten.value:
                    neu(knoten, f"{knoten.value} → {knoten.value - 1}", "minus1")
            elif isinstance(knoten, ast.Raise) and knoten is wurzel:
                neu(knoten, "raise → pass", "pass")
    return mutanten


def _hat_raise(knoten: ast.If) -> bool:
    return any(isinstance(k, ast.Raise) for stmt in knoten.body for k in ast.walk(stmt))


def _zeichen(op: ast.cmpop) -> str:
    return {
        ast.Lt: "<",
        ast.LtE: "<=",
        ast.Gt: ">",
        ast.GtE: ">=",
        ast.Eq: "==",
        ast.NotEq: "!=",
        ast.In: "in",
        ast.NotIn: "not in",
        ast.Is: "is",
        ast.IsNot: "is not",
    }[type(op)]


def anwenden(baum: ast.Module, mutant: Mutant) -> str:
    """The module's source with the mutant applied."""
    kopie = copy.deepcopy(baum)
    knoten = _folge(kopie, mutant.pfad)
    art = mutant.art
    if art == "falsch":
        feld, index = mutant.pfad[-1]
        ersatz = ast.Constant(False)
        vater = _folge(kopie, mutant.pfad[:-1])
        setattr(vater, feld, ersatz) if index is None else getattr(vater, feld).__setitem__(index, ersatz)
    elif art.startswith("vergleich:"):
        i = int(art.split(":")[1])
        knoten.ops[i] = _GEGENTEIL[type(knoten.ops[i])]()
    elif art == "boolop":
        knoten.op = ast.Or() if isinstance(knoten.op, ast.And) else ast.And()
    elif art == "not":
        feld, index = mutant.pfad[-1]
        vater = _folge(kopie, mutant.pfad[:-1])
        ersatz = knoten.operand
        setattr(vater, feld, ersatz) if index is None else getattr(vater, feld).__setitem__(index, ersatz)
    elif art == "bool":
        knoten.value = not knoten.value
    elif art == "plus1":
        knoten.value = knoten.value + 1
    elif art == "minus1":
        knoten.value = knoten.value - 1
    elif art == "pass":
        feld, index = mutant.pfad[-1]
        vater = _folge(kopie, mutant.pfad[:-1])
        getattr(vater, feld)[index] = ast.Pass()
    return ast.unparse(ast.fix_missing_locations(kopie)) + "\n"


def mutanten_der_regel(root: Path, regel_id: str) -> tuple[list[Mutant], list[str], dict[str, ast.Module]]:
    """The rule's mutants, its marked tests and the parsed modules."""
    eintrag = nachschlagen(root, [regel_id])[0]
    tests = sorted({t["nodeid"] for t in eintrag["tests"]})
    baeume: dict[str, ast.Module] = {}
    mutanten: list[Mutant] = []
    gesehen: set[tuple] = set()
    for ort in eintrag["orte"]:
        datei, _, zeile = ort["ort"].rpartition(":")
        if not datei.endswith(".py") or Path(datei).name.startswith("settings"):
            continue
        if datei not in baeume:
            baeume[datei] = ast.parse((root / datei).read_text(encoding="utf-8"))
        wurzeln = bereiche(baeume[datei], int(zeile), ort["art"], regel_id)
        for mutant in mutanten_fuer(datei, baeume[datei], wurzeln):
            if (mutant.datei, mutant.pfad, mutant.art) not in gesehen:
                gesehen.add((mutant.datei, mutant.pfad, mutant.art))
                mutanten.append(mutant)
    return mutanten, tests, baeume


# --- running ---------------------------------------------------------------------------------------


TEST_DB = Path("var") / "mutation" / "test-db.sqlite3"  # the run's own SQLite test database (reused)
ABDECKUNG = Path("var") / "mutation" / "abdeckung.json"


@dataclass
class Lauf:
    bestanden: bool
    sekunden: float
    gescheitert: list[str]  # node IDs of the failed tests (without parameters)
    zeitueberschreitung: bool = False
    cpu: float = 0.0  # CPU seconds (user + system) of the run: the machine is shared, wall time is not


def _pytest(
    root: Path,
    tests: list[str],
    timeout: float,
    *,
    neue_db: bool = False,
    abdeckung: list[str] | None = None,
) -> Lauf:
    """One pytest process over the given tests (in this order, stopping at the first failure).

    Cheap per mutant (issue 25): the test database is built once per rule and reused (``--reuse-db``; on
    SQLite a file of its own, ``JVG_TEST_SQLITE_DATEI``), no cache provider, no random order, no rules
    report (a mutant's failures are no outcome of the suite), no bytecode written (the mutated module gets
    a unique mtime, so no stale .pyc stands in for it). ``abdeckung``: record which lines of these files
    each test runs (``kern.mutation_abdeckung``)."""
    befehl = [sys.executable, "-m", "pytest", *_argumente(tests, neue_db)]
    if abdeckung:
        befehl[3:3] = ["-p", "kern.mutation_abdeckung"]
    umgebung = {
        **os.environ,
        "PYTHONDONTWRITEBYTECODE": "1",
        "JVG_TEST_SQLITE_DATEI": str(root / TEST_DB),
    }
    if abdeckung:
        umgebung["JVG_MUTATION_DATEIEN"] = os.pathsep.join(str(root / d) for d in abdeckung)
        umgebung["JVG_MUTATION_ABDECKUNG"] = str(root / ABDECKUNG)
    (root / TEST_DB).parent.mkdir(parents=True, exist_ok=True)
    beginn, cpu_vorher = time.monotonic(), _kinder_cpu()
    try:
        lauf = subprocess.run(
            befehl, cwd=root, capture_output=True, timeout=timeout, check=False, env=umgebung, text=True
        )
    except subprocess.TimeoutExpired:
        return Lauf(False, time.monotonic() - beginn, [], True, _kinder_cpu() - cpu_vorher)
    gescheitert = [
        zeile.split()[1].split("[")[0]
        for zeile in lauf.stdout.splitlines()
        if zeile.startswith(("FAILED ", "ERROR ")) and len(zeile.split()) > 1
    ]
    return Lauf(
        lauf.returncode == 0, time.monotonic() - beginn, gescheitert, False, _kinder_cpu() - cpu_vorher
    )


def _kinder_cpu() -> float:
    nutzung = resource.getrusage(resource.RUSAGE_CHILDREN)
    return nutzung.ru_utime + nutzung.ru_stime


def _argumente(tests: list[str], neue_db: bool) -> list[str]:
    return [
        "-q",
        "-x",
        "-rfE",
        "-p",
        "no:randomly",
        "-p",
        "no:cacheprovider",
        "--nomigrations",
        "--reuse-db",
        *(["--create-db"] if neue_db else []),
        "-n",
        "0",
        "--no-header",
        "-o",
        "addopts=--ds=jvg_case.settings_test",
        *tests,
    ]


# --- forked runs: Django and pytest loaded once, each mutant's function swapped in a child ------------
#
# A new pytest process costs ~15 s before the first test on the shared 2-core machine (django.setup()
# ~7 s, the hypothesis/schemathesis plugins ~2.5 s, compiling the sources: the environment sets
# PYTHONDONTWRITEBYTECODE). The tool loads all that once; per mutant it forks, and the child replaces the
# ``__code__`` of the function that holds the mutant (compiled from the mutated module) and runs
# ``pytest.main`` over the selected tests. Every reference to the function (imports elsewhere, registered
# hooks, decorators' ``__wrapped__``) sees the mutant; the source file is not touched. Mutants outside a
# function body (constants, constraints, default arguments) run in a new process on the written file.

_VORGEWAERMT = False
_ABBRUCH_IM_KIND = 99  # the harness failed in the child: no statement about the mutant


def vorwaermen(root: Path) -> bool:
    """Load pytest, its plugins and Django (test settings) into this process, before any fork."""
    global _VORGEWAERMT
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    os.environ["DJANGO_SETTINGS_MODULE"] = "jvg_case.settings_test"
    os.environ["JVG_TEST_SQLITE_DATEI"] = str(root / TEST_DB)
    try:
        import django
        import pytest  # noqa: F401  (settings_test may only be imported under pytest)

        django.setup()
        for name in ("pytest_django.plugin", "xdist.plugin", "hypothesis", "schemathesis.pytest.plugin"):
            with contextlib.suppress(ImportError):
                importlib.import_module(name)
    except Exception as fehler:  # noqa: BLE001 - then every run is a new process, as before
        print(f"Vorwärmen nicht möglich ({fehler}); jeder Lauf ein neuer Prozess.", file=sys.stderr)
        return False
    _VORGEWAERMT = True
    return True


class _Sammler:
    """pytest plugin of the child: the node IDs of the failed tests."""

    def __init__(self) -> None:
        self.gescheitert: list[str] = []

    def pytest_runtest_logreport(self, report) -> None:
        if report.failed:
            self.gescheitert.append(report.nodeid.split("[")[0])

    def pytest_collectreport(self, report) -> None:
        if report.failed:
            self.gescheitert.append(report.nodeid)


def _modulname(datei: str) -> str:
    return datei.removesuffix(".py").replace("/", ".").removesuffix(".__init__")


def _aeusserste_funktion(baum: ast.Module, pfad: tuple) -> list[str] | None:
    """Qualified name parts of the outermost function whose body holds the node (a module function or a
    method of a module-level class), ``None`` when the node runs at import."""
    namen: list[str] = []
    knoten: ast.AST = baum
    for feld, index in pfad:
        if isinstance(knoten, ast.FunctionDef | ast.AsyncFunctionDef) and feld == "body":
            return namen
        if isinstance(knoten, ast.ClassDef) and feld != "body":
            return None
        knoten = getattr(knoten, feld) if index is None else getattr(knoten, feld)[index]
        if isinstance(knoten, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            namen.append(knoten.name)
        elif isinstance(knoten, ast.Lambda):
            return None
    return None


def _code_finden(code: types.CodeType, qualname: str) -> types.CodeType | None:
    for konstante in code.co_consts:
        if isinstance(konstante, types.CodeType):
            if konstante.co_qualname == qualname:
                return konstante
            if (gefunden := _code_finden(konstante, qualname)) is not None:
                return gefunden
    return None


def _lebende_funktion(modul: types.ModuleType, namen: list[str]) -> types.FunctionType | None:
    objekt = modul
    for name in namen[:-1]:
        objekt = vars(objekt).get(name)
        if not isinstance(objekt, type):
            return None
    qualname = ".".join(namen)
    offen, gesehen = [vars(objekt).get(namen[-1])], set()
    while offen:
        kandidat = offen.pop()
        if kandidat is None or id(kandidat) in gesehen:
            continue
        gesehen.add(id(kandidat))
        if (
            isinstance(kandidat, types.FunctionType)
            and kandidat.__code__.co_qualname == qualname
            and kandidat.__code__.co_filename == modul.__file__
        ):
            return kandidat
        # decorators (functools.wraps), staticmethod/classmethod, property, cached_property
        offen += [getattr(kandidat, a, None) for a in ("__wrapped__", "__func__", "fget", "func")]
    return None


def tausch_fuer(root: Path, baum: ast.Module, mutant: Mutant):
    """(live function, mutated code) for a mutant inside a function body, or ``None`` (new process)."""
    namen = _aeusserste_funktion(baum, mutant.pfad)
    if not namen:
        return None
    try:
        modul = importlib.import_module(_modulname(mutant.datei))
        code = compile(anwenden(baum, mutant), str(root / mutant.datei), "exec")
    except Exception:  # noqa: BLE001 - not importable here, or the mutant does not compile
        return None
    neu = _code_finden(code, ".".join(namen))
    funktion = _lebende_funktion(modul, namen)
    if neu is None or funktion is None or neu.co_freevars != funktion.__code__.co_freevars:
        return None
    return funktion, neu


def _im_kind(root: Path, tests: list[str], timeout: float, *, neue_db: bool, tausch=None) -> Lauf | None:
    """One pytest run in a forked child; ``None`` when the harness itself failed there."""
    import pytest
    from django.db import connections

    ordner = root / TEST_DB.parent
    ordner.mkdir(parents=True, exist_ok=True)
    ergebnis, protokoll = ordner / "kind.json", ordner / "kind.log"
    ergebnis.unlink(missing_ok=True)
    connections.close_all()
    sys.stdout.flush()
    sys.stderr.flush()
    beginn = time.monotonic()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        code = _ABBRUCH_IM_KIND
        try:
            os.setpgid(0, 0)
            ausgabe = os.open(protokoll, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
            os.dup2(ausgabe, 1)
            os.dup2(ausgabe, 2)
            if tausch is not None:
                tausch[0].__code__ = tausch[1]
            sammler = _Sammler()
            code = int(pytest.main(_argumente(tests, neue_db), plugins=[sammler]))
            ergebnis.write_text(json.dumps(sammler.gescheitert), encoding="utf-8")
        except BaseException:  # noqa: BLE001
            traceback.print_exc()
            code = _ABBRUCH_IM_KIND
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    frist = beginn + timeout
    while True:
        fertig, status, nutzung = os.wait4(pid, os.WNOHANG)
        if fertig:
            break
        if time.monotonic() > frist:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
            _, _, nutzung = os.wait4(pid, 0)
            return Lauf(False, time.monotonic() - beginn, [], True, nutzung.ru_utime + nutzung.ru_stime)
        time.sleep(0.05)
    code = os.waitstatus_to_exitcode(status)
    if code == _ABBRUCH_IM_KIND:
        return None
    gescheitert = json.loads(ergebnis.read_text(encoding="utf-8")) if ergebnis.exists() else []
    return Lauf(code == 0, time.monotonic() - beginn, gescheitert, False, nutzung.ru_utime + nutzung.ru_stime)


def _in_funktion(baum: ast.Module, pfad: tuple) -> bool:
    """The node runs when a function is called (its body), not at import (module or class level, default
    arguments, decorators): only then does a per-test line trace tell which tests reach it."""
    knoten: ast.AST = baum
    for feld, index in pfad:
        if isinstance(knoten, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) and feld == "body":
            return True
        knoten = getattr(knoten, feld) if index is None else getattr(knoten, feld)[index]
    return False


def _zeilen(baum: ast.Module, mutant: Mutant) -> set[int]:
    knoten = _folge(baum, mutant.pfad)
    return set(range(knoten.lineno, (getattr(knoten, "end_lineno", None) or knoten.lineno) + 1))


def _auswahl(
    mutant: Mutant, baum: ast.Module, tests: list[str], abdeckung: dict[str, dict[str, list[int]]]
) -> tuple[list[str] | None, bool]:
    """(the tests to run, whether a new test database is needed). ``None``: no marked test reaches the
    mutated lines, so no test can notice it (it survives without a run)."""
    if not _in_funktion(baum, mutant.pfad):
        # Import time (constants, class attributes): every test; a model's (constraints, the schema) on a
        # new test database.
        return tests, mutant.datei.endswith("models.py")
    zeilen = _zeilen(baum, mutant)
    if zeilen & set(abdeckung.get("dbsetup", {}).get(mutant.datei, [])):
        return tests, True  # runs while the test database is built (triggers): a new one
    if not any(mutant.datei in phase for phase in abdeckung.values()):
        return tests, False  # the trace saw nothing of the file: no claim, run every test
    erreicht = [t for t in tests if zeilen & set(abdeckung.get(t, {}).get(mutant.datei, []))]
    # Parametrised tests: the trace keys carry the parameters, the marked tests do not.
    for phase, dateien in abdeckung.items():
        basis = phase.split("[")[0]
        if basis in tests and basis not in erreicht and zeilen & set(dateien.get(mutant.datei, [])):
            erreicht.append(basis)
    return (erreicht or None), False


def _abdeckung_lesen(root: Path) -> dict[str, dict[str, list[int]]]:
    pfad = root / ABDECKUNG
    return json.loads(pfad.read_text(encoding="utf-8")) if pfad.exists() else {}


def _in_datei(
    root: Path,
    mutant: Mutant,
    baum: ast.Module,
    nummer: int,
    tests: list[str],
    frist: float,
    *,
    neue_db: bool,
) -> Lauf:
    """The mutant written into its source file, a new pytest process; the original back in ``finally``."""
    pfad = root / mutant.datei
    original = pfad.read_text(encoding="utf-8")
    stat = pfad.stat()
    try:
        pfad.write_text(anwenden(baum, mutant), encoding="utf-8")
        # A unique mtime, so that no stale .pyc (mtime + size) stands in for the mutant.
        os.utime(pfad, (stat.st_atime, stat.st_mtime + 1000 + nummer))
        return _pytest(root, tests, timeout=frist, neue_db=neue_db)
    finally:
        pfad.write_text(original, encoding="utf-8")
        os.utime(pfad, (stat.st_atime, stat.st_mtime))


def regel_pruefen(
    root: Path,
    regel_id: str,
    *,
    max_mutanten: int | None = None,
    nur: list[int] | None = None,
    log=print,
    zwischenstand=None,
) -> dict:
    mutanten, tests, baeume = mutanten_der_regel(root, regel_id)
    if max_mutanten is not None:
        mutanten = mutanten[:max_mutanten]
    positionen = list(range(1, len(mutanten) + 1))
    if nur:
        # Re-check chosen mutants (1-based positions of --liste), e.g. the survivors after new tests.
        positionen = [i for i in positionen if i in nur]
        mutanten = [mutanten[i - 1] for i in positionen]
    ergebnis = {"id": regel_id, "tests": len(tests), "made": len(mutanten), "killed": 0, "survived": []}
    # One letter per mutant in order (K killed, S survived, . reached by no marked test): the rate of the
    # first n mutants, the baseline of a bounded CI run, can be read from a full run.
    ergebnis["verlauf"] = ""
    if max_mutanten is not None:
        ergebnis["max"] = max_mutanten  # a bounded subset (CI): only the first mutants of the rule
    if nur:
        # a re-check of chosen mutants: main() counts it into the rule's last full figures
        ergebnis["nur"] = [
            {"nr": i, "datei": m.datei, "zeile": m.zeile, "operator": m.operator}
            for i, m in zip(positionen, mutanten, strict=True)
        ]
    if not tests or not mutanten:
        ergebnis["note"] = "keine markierten Tests" if not tests else "keine Mutanten in den Prüfstellen"
        ergebnis["rate"] = None
        return ergebnis
    # Unmutated, twice: on a new test database with the line trace, then on the reused one (a test that
    # passes only on a new database would make every later mutant look killed).
    dateien = sorted({m.datei for m in mutanten})
    (root / ABDECKUNG).unlink(missing_ok=True)
    erster = _pytest(root, tests, timeout=1800, neue_db=True, abdeckung=dateien)
    zweiter = erster
    if erster.bestanden:
        zweiter = (_im_kind(root, tests, 1800, neue_db=False) if _VORGEWAERMT else None) or _pytest(
            root, tests, timeout=1800
        )
    if not (erster.bestanden and zweiter.bestanden):
        ergebnis["note"] = "die unveränderten Tests sind nicht grün: keine Aussage"
        ergebnis["rate"] = None
        log(f"{regel_id}: unveränderte Tests nicht grün: {(erster.gescheitert or zweiter.gescheitert)[:3]}")
        return ergebnis
    abdeckung = _abdeckung_lesen(root)
    dauer = zweiter.sekunden
    last_vorher = os.getloadavg()[0]
    log(
        f"{regel_id}: {len(tests)} Tests ({erster.sekunden:.0f} s mit Spur, {dauer:.0f} s unverändert, "
        f"CPU {erster.cpu:.0f} s / {zweiter.cpu:.0f} s), "
        f"{len(mutanten)} Mutanten"
    )
    toeter: list[str] = []  # tests that killed a mutant of this rule, latest first: they run first
    db_neu = False  # a schema mutant or a broken-off run leaves a test database that must not be reused
    mutanten_sekunden = mutanten_cpu = 0.0
    for nummer, mutant in enumerate(mutanten, 1):
        baum = baeume[mutant.datei]
        auswahl, schema = _auswahl(mutant, baum, tests, abdeckung)
        if auswahl is None:
            log(
                f"  [{nummer}/{len(mutanten)}] überlebt  {mutant.datei}:{mutant.zeile} {mutant.operator} "
                "(von keinem markierten Test ausgeführt)"
            )
            eintrag = {k: v for k, v in asdict(mutant).items() if k != "pfad"}
            ergebnis["survived"].append({**eintrag, "nicht_ausgefuehrt": True})
            ergebnis["verlauf"] += "."
            continue
        auswahl = [t for t in toeter if t in auswahl] + [t for t in auswahl if t not in toeter]
        frist = max(60.0, 3 * dauer + 30)
        lauf = None
        tausch = tausch_fuer(root, baum, mutant) if _VORGEWAERMT and not schema else None
        if tausch is not None:
            lauf = _im_kind(root, auswahl, frist, neue_db=db_neu, tausch=tausch)
        if lauf is None:
            lauf = _in_datei(root, mutant, baum, nummer, auswahl, frist, neue_db=schema or db_neu)
        mutanten_sekunden += lauf.sekunden
        mutanten_cpu += lauf.cpu
        db_neu = schema or lauf.zeitueberschreitung
        for test in reversed(lauf.gescheitert):
            if test in toeter:
                toeter.remove(test)
            toeter.insert(0, test)
        status = "überlebt" if lauf.bestanden else "getötet"
        log(
            f"  [{nummer}/{len(mutanten)}] {status:<8} {mutant.datei}:{mutant.zeile} {mutant.operator} "
            f"({len(auswahl)} Tests, {lauf.sekunden:.1f} s, CPU {lauf.cpu:.1f} s)"
        )
        if lauf.bestanden:
            ergebnis["survived"].append({k: v for k, v in asdict(mutant).items() if k != "pfad"})
            ergebnis["verlauf"] += "S"
        else:
            ergebnis["killed"] += 1
            ergebnis["verlauf"] += "K"
        if zwischenstand is not None:
            # A run broken off (deadline, Ctrl-C) keeps the figures of the mutants it ran.
            gelaufen = ergebnis["killed"] + len(ergebnis["survived"])
            zwischenstand(
                {
                    **ergebnis,
                    "made": gelaufen,
                    "rate": round(ergebnis["killed"] / gelaufen, 4),
                    "unfinished": f"{gelaufen} von {len(mutanten)} Mutanten gelaufen",
                }
            )
    gelaufen = ergebnis["made"] - sum(1 for s in ergebnis["survived"] if s.get("nicht_ausgefuehrt"))
    ergebnis["rate"] = round(ergebnis["killed"] / ergebnis["made"], 4)
    ergebnis["seconds_per_mutant"] = round(mutanten_sekunden / gelaufen, 1) if gelaufen else 0.0
    ergebnis["cpu_seconds_per_mutant"] = round(mutanten_cpu / gelaufen, 1) if gelaufen else 0.0
    ergebnis["loadavg"] = [round(last_vorher, 2), round(os.getloadavg()[0], 2)]
    return ergebnis


def baseline_vergleichen(bericht: dict, baseline: dict) -> list[str]:
    """The rules whose kill rate fell below the recorded baseline. A bounded run (``--max n``) is compared
    with the rate of the rule's first n mutants (key ``"R-41-1@8"``), not with the full run's."""
    schlechter = []
    for regel in bericht["rules"]:
        schluessel = f"{regel['id']}@{regel['max']}" if regel.get("max") is not None else regel["id"]
        soll = baseline.get(schluessel)
        if soll is None:
            continue
        if regel["rate"] is None or regel["rate"] + 1e-9 < soll:
            schlechter.append(f"{schluessel}: Tötungsrate {regel['rate']} unter der Baseline {soll}")
    return schlechter


def _letzter_eintrag(pfad: Path, regel_id: str) -> dict | None:
    if not pfad.exists():
        return None
    return next(
        (r for r in json.loads(pfad.read_text(encoding="utf-8"))["rules"] if r["id"] == regel_id), None
    )


def _log(zeile: str) -> None:
    print(zeile, flush=True)


def nachpruefung_einrechnen(alt: dict, neu: dict) -> dict:
    """The rule's last figures (``alt``) with the outcome of a re-check of some of its mutants (``--nur``):
    a survivor that the re-check killed counts as killed; the number of mutants stays the last run's."""
    schluessel = lambda m: (m["datei"], m["zeile"], m["operator"])  # noqa: E731
    noch_lebend = [schluessel(m) for m in neu["survived"]]
    getoetet = [schluessel(m) for m in neu["nur"]]
    for k in noch_lebend:
        getoetet.remove(k)
    ueberlebende, neu_getoetet = [], 0
    for m in alt["survived"]:
        if schluessel(m) in getoetet:
            getoetet.remove(schluessel(m))
            neu_getoetet += 1
        else:
            ueberlebende.append(m)
    verlauf = list(alt.get("verlauf", ""))
    for m in neu["nur"]:
        if len(verlauf) >= m["nr"] and schluessel(m) not in noch_lebend:
            verlauf[m["nr"] - 1] = "K"
    killed = alt["killed"] + neu_getoetet
    return {
        **alt,
        "killed": killed,
        "survived": ueberlebende,
        "verlauf": "".join(verlauf),
        "rate": round(killed / alt["made"], 4),
        "rechecked": {
            "created": neu["created"],
            "mutants": len(neu["nur"]),
            "newly_killed": neu_getoetet,
            "seconds_per_mutant": neu.get("seconds_per_mutant"),
            "cpu_seconds_per_mutant": neu.get("cpu_seconds_per_mutant"),
        },
    }


def bericht_schreiben(pfad: Path, ergebnis: dict) -> None:
    """Merge one rule's figures into var/mutation-report.json (a subset run keeps the other rules')."""
    pfad.parent.mkdir(exist_ok=True)
    alt = json.loads(pfad.read_text(encoding="utf-8")) if pfad.exists() else {"rules": []}
    regeln = [r for r in alt.get("rules", []) if r["id"] != ergebnis["id"]] + [ergebnis]
    regeln.sort(key=lambda r: list(KATALOG).index(r["id"]))
    gemessen = [r for r in regeln if r["rate"] is not None]
    bericht = {
        "created": ergebnis["created"],
        "made": sum(r["made"] for r in gemessen),
        "killed": sum(r["killed"] for r in gemessen),
        "rules": regeln,
    }
    neu = pfad.with_suffix(".tmp")
    neu.write_text(json.dumps(bericht, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    neu.replace(pfad)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kern.mutation", description=__doc__.splitlines()[0])
    parser.add_argument("regeln", nargs="*", metavar="ID", help="these rules (default: every rule)")
    parser.add_argument("--baseline", type=Path, help="JSON {rule ID: kill rate}; exit 1 below it")
    parser.add_argument("--max", type=int, default=None, help="at most this many mutants per rule")
    parser.add_argument(
        "--nur", default="", help="only these mutants (positions of --liste, e.g. 6,7,12): a re-check"
    )
    parser.add_argument("--liste", action="store_true", help="only list the mutants, run nothing")
    parser.add_argument("--root", type=Path, default=PROJEKT)
    parser.add_argument(
        "--ohne-fork", action="store_true", help="every run a new pytest process (slower; for comparison)"
    )
    args = parser.parse_args(argv)
    # SIGTERM as SystemExit, so that the `finally` that puts the original source back runs.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if unbekannt := pruefe_ids(args.regeln):
        print(f"Unbekannte Regel: {', '.join(unbekannt)} (siehe kern/rules.py)", file=sys.stderr)
        return 2
    regel_ids = list(dict.fromkeys(args.regeln)) or list(KATALOG)
    if args.liste:
        for regel_id in regel_ids:
            mutanten, tests, _ = mutanten_der_regel(args.root, regel_id)
            print(f"{regel_id}: {len(mutanten)} Mutanten, {len(tests)} markierte Tests")
            for m in mutanten:
                print(f"  {m.datei}:{m.zeile} {m.operator}")
        return 0
    if not args.ohne_fork:
        vorwaermen(args.root)
    ergebnisse = []
    pfad = args.root / BERICHT
    nur = [int(x) for x in args.nur.split(",") if x.strip()]
    for regel_id in regel_ids:
        # A re-check (--nur) is counted into the rule's last figures, read before it runs.
        alt = _letzter_eintrag(pfad, regel_id) if nur else None
        ergebnis = regel_pruefen(
            args.root,
            regel_id,
            max_mutanten=args.max,
            nur=nur,
            log=_log,
            zwischenstand=None
            if nur
            else lambda teil: bericht_schreiben(
                pfad, {**teil, "created": datetime.now(UTC).isoformat(timespec="seconds")}
            ),
        )
        ergebnis["created"] = datetime.now(UTC).isoformat(timespec="seconds")
        if nur and ergebnis["rate"] is not None and alt is not None and alt.get("rate") is not None:
            ergebnis = nachpruefung_einrechnen(alt, ergebnis)
        ergebnisse.append(ergebnis)
        _log(f"{regel_id}: {ergebnis['killed']}/{ergebnis['made']} getötet {ergebnis.get('note', '')}")
        bericht_schreiben(pfad, ergebnis)  # after every rule, so that a long run broken off keeps its figures
    gemessen = [r for r in ergebnisse if r["rate"] is not None]
    killed, made = sum(r["killed"] for r in gemessen), sum(r["made"] for r in gemessen)
    _log(f"Gesamt: {killed}/{made} getötet; Bericht {pfad}")
    if args.baseline:
        schlechter = baseline_vergleichen(
            {"rules": ergebnisse}, json.loads(args.baseline.read_text(encoding="utf-8"))
        )
        for zeile in schlechter:
            print(f"FEHLER: {zeile}", file=sys.stderr)
        return 1 if schlechter else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
