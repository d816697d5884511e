"""Traceability of the rulebook: for every rule, the passing tests that prove it and the code enforcing it.

Two halves (RULEBOOK "Traceability"):

* a pytest plugin, loaded with ``-p kern.rules_report``. At collection a ``@pytest.mark.rule(...)``
  naming an ID outside ``kern.rules.KATALOG`` is a collection error, so a typo cannot pass for
  coverage. At the end of a full run it writes ``var/rules-report.json``: rule ID -> tests carrying it
  with their outcome, plus the pytest arguments. A partial run (``-k``, ``-m``, paths) writes
  ``var/rules-report-teil.json`` instead, and ``--collect-only`` writes nothing, so the last full report
  survives the fast loop.
* ``python -m kern.rules_report [--json] [--teil]`` reads that file and prints, for every catalogue ID,
  its status (covered / UNCOVERED / failing), the passing tests, and the ``path:line`` places in non-test
  source and templates that mention the ID. Exit 1 when a marked test failed or the run did not finish
  (e.g. a collection error), 2 when there is no report; uncovered IDs do not fail, since the modules are
  built issue by issue.
* ``python -m kern.rules_report R-41-1 [R-…]`` (``make rules R-41-1``) looks one rule up without running
  anything: its marked tests, read from the test sources (with their outcome in the last full report, if
  any), and its enforcement sites, ranked: the places that raise the rule's error or define its
  constraint first, then other code, then settings, templates, comments and docstrings.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import sys
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kern.rules import KATALOG, pruefe_ids

PROJEKT = Path(__file__).resolve().parent.parent
BERICHT = Path("var") / "rules-report.json"
TEILBERICHT = Path("var") / "rules-report-teil.json"  # the last partial run; never replaces the full one
MUTATIONSBERICHT = Path("var") / "mutation-report.json"  # written by kern.mutation (make mutation)

# The IDs' shape as in ../shared/rules_covered.py, fenced so that "R-41-5" does not match inside "R-41-5a".
ID_MUSTER = re.compile(r"(?<![\w-])R-[0-9A-Z]+(?:-[0-9A-Z]+)*[a-z]?(?![\w-])")

# Not searched for "enforced in": tests prove rules rather than enforce them, migrations only copy
# models, and the catalogue and this module name every ID without enforcing any.
_OHNE_ORDNER = {"tests", "var", "migrations", "node_modules", "__pycache__"}
_OHNE_DATEIEN = {"kern/rules.py", "kern/rules_report.py", "kern/mutation.py"}

# pytest exit statuses of a run that reached its end: all passed, some failed, none collected.
_ZU_ENDE = (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED, pytest.ExitCode.NO_TESTS_COLLECTED)
_RANG = ("passed", "skipped", "failed")  # the worst phase (setup, call, teardown) decides a test's outcome


# --- pytest plugin --------------------------------------------------------------------------------


def pytest_configure(config: pytest.Config) -> None:
    # Declared here as well, so that --strict-markers accepts the marker wherever the plugin is loaded.
    if not any(zeile.startswith("rule(") for zeile in config.getini("markers")):
        config.addinivalue_line("markers", "rule(id, ...): the rulebook rule IDs this test proves")
    config.pluginmanager.register(_Protokoll(config), "jvg-rules-report")


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(collector: pytest.Collector):
    """Turn a collector's report into a collection error when one of its tests names an unknown rule."""
    report = yield
    fehler = []
    for item in report.result if report.passed else ():
        if not isinstance(item, pytest.Item):
            continue  # classes are checked when their own report is made
        ids = [str(arg) for marker in item.iter_markers("rule") for arg in marker.args]
        if unbekannt := pruefe_ids(ids):
            fehler.append(f"{item.nodeid}: unknown rule ID {', '.join(unbekannt)}")
        elif not ids and item.get_closest_marker("rule"):
            fehler.append(f"{item.nodeid}: @pytest.mark.rule needs at least one rule ID")
        elif ids:
            # user_properties travel with every report, also from pytest-xdist workers to the controller.
            item.user_properties.append(("rules", list(dict.fromkeys(ids))))
    if not fehler:
        return report
    hinweis = "Known IDs are those of kern/rules.py (the copy of the rulebook)."
    return pytest.CollectReport(report.nodeid, "failed", "\n".join([*fehler, hinweis]), [])


class _Protokoll:
    """Collects the outcome of every marked test and writes var/rules-report.json at the end."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.tests: dict[str, tuple[list[str], str]] = {}  # nodeid -> (rule IDs, outcome)
        self.abgewaehlt = 0

    def pytest_deselected(self, items: list[pytest.Item]) -> None:
        self.abgewaehlt += len(items)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        ids = dict(report.user_properties).get("rules")
        if not ids:
            return
        # An expected failure (xfail) proves nothing, whether it failed or passed by chance.
        outcome = "skipped" if hasattr(report, "wasxfail") else report.outcome
        bisher = self.tests.get(report.nodeid, (ids, "passed"))[1]
        self.tests[report.nodeid] = (list(ids), max(bisher, outcome, key=_RANG.index))

    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        if hasattr(self.config, "workerinput"):
            return  # a pytest-xdist worker: its reports reach the controller, which writes the file
        if self.config.option.collectonly:
            return  # nothing was run: the last report stays as it is
        regeln: dict[str, list[dict[str, str]]] = {regel_id: [] for regel_id in KATALOG}
        for nodeid, (ids, outcome) in sorted(self.tests.items()):
            for regel_id in ids:
                regeln[regel_id].append({"nodeid": nodeid, "outcome": outcome})
        gruende = self._teilauswahl(session, int(exitstatus))
        bericht = {
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "args": list(self.config.invocation_params.args),
            "exitstatus": int(exitstatus),
            "partial": bool(gruende),
            "partial_reasons": gruende,
            "rules": regeln,
        }
        # Only a selection makes a run partial in the file sense; a full run that broke off still replaces
        # the full report, so that `make rules` shows that it did not finish.
        ausgewaehlt = any(not g.startswith(("stopped early", "pytest exit status")) for g in gruende)
        pfad = self.config.rootpath / (TEILBERICHT if ausgewaehlt else BERICHT)
        pfad.parent.mkdir(exist_ok=True)
        # Written beside and renamed, so that a reader never sees half a file.
        neu = pfad.with_suffix(".tmp")
        neu.write_text(json.dumps(bericht, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        neu.replace(pfad)

    def _teilauswahl(self, session: pytest.Session, exitstatus: int) -> list[str]:
        """Why this run did not run every test: then an UNCOVERED rule may just not have been run."""
        option = self.config.option
        gruende = []
        if self.config.args_source == pytest.Config.ArgsSource.ARGS:
            gruende.append("test paths given: " + " ".join(self.config.args))
        if option.keyword:
            gruende.append(f"-k {option.keyword}")
        if option.markexpr:
            gruende.append(f"-m {option.markexpr}")
        if self.abgewaehlt:
            gruende.append(f"{self.abgewaehlt} tests deselected")
        if session.shouldstop or session.shouldfail:
            gruende.append(f"stopped early: {session.shouldstop or session.shouldfail}")
        if exitstatus not in _ZU_ENDE:
            gruende.append(f"pytest exit status {exitstatus}")
        return gruende


# --- report command -------------------------------------------------------------------------------


def fundstellen(root: Path) -> dict[str, list[str]]:
    """Rule ID -> 'path:line' of every mention in non-test Python source and in templates under root,
    the places that enforce the rule first (see ``rang``)."""
    treffer: dict[str, list[tuple[int, str, int]]] = defaultdict(list)
    for relativ, zeilen, raenge in _quelltexte(root):
        for nummer, zeile in enumerate(zeilen, 1):
            for regel_id in dict.fromkeys(ID_MUSTER.findall(zeile)):
                treffer[regel_id].append((raenge(nummer), relativ.as_posix(), nummer))
    return {regel_id: [f"{pfad}:{nr}" for _, pfad, nr in sorted(orte)] for regel_id, orte in treffer.items()}


# The rank of a mention: 0 raises the rule's error or defines its constraint (within a few lines of the
# mention, so that a comment above a CheckConstraint counts) or is the text of a refusal (the ID inside a
# string in code: the messages name their rule), 1 other code, 2 settings, templates, comments and
# docstrings.
PRUEFT, CODE, ERWAEHNUNG = 0, 1, 2
RANG_NAMEN = {PRUEFT: "prüft", CODE: "Code", ERWAEHNUNG: "Erwähnung"}
_PRUEFUNG = re.compile(
    r"\braise\b|ValidationError|add_error\(|CheckConstraint|UniqueConstraint|PermissionDenied|Http404|"
    r"berechtigung_pruefen\(|\bFehler\("
)


def _quelltexte(root: Path):
    """(relative path, lines, rank function) of every file searched for mentions."""
    for ordner, unterordner, dateien in os.walk(root):
        # Pruned in place, so that os.walk never descends into .venv, .git or var/.
        unterordner[:] = sorted(
            d for d in unterordner if d not in _OHNE_ORDNER and not d.startswith(".") and "egg-info" not in d
        )
        for name in sorted(dateien):
            pfad = Path(ordner, name)
            relativ = pfad.relative_to(root)
            if relativ.as_posix() in _OHNE_DATEIEN or not _ist_quelltext(relativ):
                continue
            text = pfad.read_text(encoding="utf-8", errors="replace")
            zeilen = text.splitlines()
            yield relativ, zeilen, _rangfunktion(relativ, text, zeilen)


def _rangfunktion(relativ: Path, text: str, zeilen: list[str]):
    if relativ.suffix != ".py" or relativ.name.startswith("settings"):
        return lambda nummer: ERWAEHNUNG
    doku = _docstring_zeilen(text)

    def rang(nummer: int) -> int:
        zeile = zeilen[nummer - 1]
        if nummer in doku:
            return ERWAEHNUNG
        umgebung = "\n".join(zeilen[max(0, nummer - 3) : nummer + 4])
        code = zeile.split("#", 1)[0] if not zeile.lstrip().startswith("#") else ""
        if _PRUEFUNG.search(umgebung) or (code and ID_MUSTER.search(code) and re.search(r"[\"']", code)):
            return PRUEFT
        return ERWAEHNUNG if not code else CODE

    return rang


def _docstring_zeilen(text: str) -> set[int]:
    try:
        baum = ast.parse(text)
    except SyntaxError:
        return set()
    zeilen: set[int] = set()
    for knoten in ast.walk(baum):
        if (
            isinstance(knoten, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and knoten.body
        ):
            erster = knoten.body[0]
            if isinstance(erster, ast.Expr) and isinstance(getattr(erster.value, "value", None), str):
                zeilen.update(range(erster.lineno, (erster.end_lineno or erster.lineno) + 1))
    return zeilen


def _ist_quelltext(relativ: Path) -> bool:
    if "templates" in relativ.parts:
        return True
    testdatei = relativ.name == "conftest.py" or relativ.name.startswith("test_")
    return relativ.suffix == ".py" and not testdatei


def _status(tests: list[dict[str, str]]) -> str:
    outcomes = {test["outcome"] for test in tests}
    if "failed" in outcomes:
        return "failing"
    return "covered" if "passed" in outcomes else "UNCOVERED"


def auswerten(root: Path, *, teil: bool = False) -> dict | None:
    """The report of the last full run (or, with ``teil``, of the last partial run), joined with the
    catalogue and the source; None without such a run."""
    pfad = root / (TEILBERICHT if teil else BERICHT)
    if not pfad.exists():
        return None
    lauf = json.loads(pfad.read_text(encoding="utf-8"))
    stellen = fundstellen(root)
    grenzen = grenztests(root)
    mutation = mutationen(root)
    regeln = []
    for regel in KATALOG.values():
        tests = lauf["rules"].get(regel.id, [])
        regeln.append(
            {
                "id": regel.id,
                "paragraph": regel.paragraph,
                "titel": regel.titel,
                "status": _status(tests),
                "passing": [t["nodeid"] for t in tests if t["outcome"] == "passed"],
                "failing": [t["nodeid"] for t in tests if t["outcome"] == "failed"],
                "enforced_in": stellen.get(regel.id, []),
                "boundary_tests": sum(n.split("[")[0] in grenzen for n in {t["nodeid"] for t in tests}),
                "mutation": mutation.get(regel.id),
            }
        )
    return {
        "report": str(pfad),
        "created": lauf["created"],
        "exitstatus": lauf["exitstatus"],
        "partial": lauf["partial"],
        "partial_reasons": lauf["partial_reasons"],
        # A mention of an ID that is not in the catalogue is most likely a typo in a comment.
        "unknown_mentions": {i: orte for i, orte in sorted(stellen.items()) if i not in KATALOG},
        "rules": regeln,
        "covered": sum(r["status"] == "covered" for r in regeln),
        "total": len(regeln),
    }


def _drucken(ergebnis: dict) -> None:
    print(f"Rules report of {ergebnis['created']} ({ergebnis['report']})")
    if ergebnis["partial"]:
        print("WARNING: partial run (" + "; ".join(ergebnis["partial_reasons"]) + "):")
        print("         rules of tests that were not run show as UNCOVERED. Run `make rules` for all.")
    if ergebnis["exitstatus"] not in _ZU_ENDE:
        print(
            f"ERROR: the test run did not finish (pytest exit status {ergebnis['exitstatus']}): fix it first."
        )
    for regel_id, orte in ergebnis["unknown_mentions"].items():
        print(f"WARNING: {regel_id} is not in the catalogue but is mentioned in {', '.join(orte)}")
    for regel in ergebnis["rules"]:
        print(f"{regel['id']:<13} {regel['status']:<9} {regel['paragraph']}: {regel['titel']}")
        for nodeid in regel["failing"]:
            print(f"    FAILED       {nodeid}")
        for nodeid in regel["passing"]:
            print(f"    tested by    {nodeid}")
        print(f"    enforced in  {', '.join(regel['enforced_in']) or '-'}")
        print(
            f"    strength     {_staerke(len(regel['passing']), regel['boundary_tests'], regel['mutation'])}"
        )
    print(f"covered {ergebnis['covered']}/{ergebnis['total']}")


# --- strength: boundary tests and the last mutation run -------------------------------------------

# A test asserts a boundary (just inside, just outside, bad input; docs/regelbeweise.md) when its rule marker
# says so, ``@pytest.mark.rule("R-41-1", grenze=True)``, or its name contains "grenze".
GRENZE_IM_NAMEN = "grenze"


def grenztests(root: Path) -> set[str]:
    """Node IDs (without parameters) of the marked tests that assert a boundary."""
    ergebnis: set[str] = set()
    for pfad in sorted((root / "tests").rglob("test_*.py")):
        relativ = pfad.relative_to(root).as_posix()
        try:
            baum = ast.parse(pfad.read_text(encoding="utf-8"))
        except SyntaxError:
            continue
        for knoten in baum.body:
            kandidaten = [((), knoten)]
            if isinstance(knoten, ast.ClassDef):
                kandidaten = [((knoten.name,), m) for m in knoten.body]
            for klasse, funktion in kandidaten:
                if not isinstance(funktion, ast.FunctionDef) or not funktion.name.startswith("test"):
                    continue
                if GRENZE_IM_NAMEN in funktion.name or _grenze_markiert(funktion.decorator_list):
                    ergebnis.add("::".join([relativ, *klasse, funktion.name]))
    return ergebnis


def _grenze_markiert(ausdruecke: list[ast.expr]) -> bool:
    for ausdruck in ausdruecke:
        for knoten in ast.walk(ausdruck):
            if isinstance(knoten, ast.Call) and getattr(knoten.func, "attr", None) == "rule":
                for kw in knoten.keywords:
                    if kw.arg == "grenze" and isinstance(kw.value, ast.Constant) and kw.value.value is True:
                        return True
    return False


def mutationen(root: Path) -> dict[str, dict]:
    """Rule ID -> made, killed, rate and date of the last mutation run (kern.mutation) that covered it."""
    pfad = root / MUTATIONSBERICHT
    if not pfad.exists():
        return {}
    bericht = json.loads(pfad.read_text(encoding="utf-8"))
    return {
        r["id"]: {
            "made": r["made"],
            "killed": r["killed"],
            "rate": r["rate"],
            "survived": len(r.get("survived", [])),
            "created": r.get("created", bericht.get("created")),
            "unfinished": r.get("unfinished"),
        }
        for r in bericht.get("rules", [])
    }


def _staerke(tests: int, grenzen: int, mutation: dict | None) -> str:
    text = f"{tests} tests, {grenzen} assert a boundary; mutation "
    if not mutation:
        return text + "not run (make mutation)"
    if mutation["rate"] is None:
        return text + f"no figure ({mutation['made']} mutants, see var/mutation-report.json)"
    text += f"{mutation['killed']}/{mutation['made']} killed ({mutation['rate']:.0%}, {mutation['created']})"
    return text + (f", broken off: {mutation['unfinished']}" if mutation.get("unfinished") else "")


# --- one rule, without a run ----------------------------------------------------------------------


def markierte_tests(root: Path) -> dict[str, list[str]]:
    """Rule ID -> node IDs of the tests marked with it, read from the sources under tests/ (no pytest run).

    Markers on the function, on its class and in a module's ``pytestmark`` count, as pytest counts them.
    """
    ergebnis: dict[str, list[str]] = defaultdict(list)
    for pfad in sorted((root / "tests").rglob("test_*.py")):
        relativ = pfad.relative_to(root).as_posix()
        try:
            baum = ast.parse(pfad.read_text(encoding="utf-8"))
        except SyntaxError:
            continue
        modul = _ids_in(
            [k.value for k in baum.body if isinstance(k, ast.Assign) and _zielname(k) == "pytestmark"]
        )
        for knoten in baum.body:
            if isinstance(knoten, ast.FunctionDef) and knoten.name.startswith("test"):
                for regel_id in dict.fromkeys(modul + _ids_in(knoten.decorator_list)):
                    ergebnis[regel_id].append(f"{relativ}::{knoten.name}")
            elif isinstance(knoten, ast.ClassDef) and knoten.name.startswith("Test"):
                klasse = _ids_in(knoten.decorator_list)
                for methode in knoten.body:
                    if isinstance(methode, ast.FunctionDef) and methode.name.startswith("test"):
                        ids = modul + klasse + _ids_in(methode.decorator_list)
                        for regel_id in dict.fromkeys(ids):
                            ergebnis[regel_id].append(f"{relativ}::{knoten.name}::{methode.name}")
    return ergebnis


def _zielname(zuweisung: ast.Assign) -> str | None:
    ziel = zuweisung.targets[0]
    return ziel.id if isinstance(ziel, ast.Name) else None


def _ids_in(ausdruecke: list[ast.expr]) -> list[str]:
    """The rule IDs named by ``mark.rule(...)`` calls anywhere in the given decorator expressions."""
    ids = []
    for ausdruck in ausdruecke:
        for knoten in ast.walk(ausdruck):
            if (
                isinstance(knoten, ast.Call)
                and isinstance(knoten.func, ast.Attribute)
                and knoten.func.attr == "rule"
            ):
                ids += [
                    a.value for a in knoten.args if isinstance(a, ast.Constant) and isinstance(a.value, str)
                ]
    return ids


def nachschlagen(root: Path, regel_ids: list[str]) -> list[dict]:
    """For each rule: its catalogue entry, marked tests (outcome from the last full report, if any) and
    its enforcement sites with their rank."""
    tests = markierte_tests(root)
    grenzen = grenztests(root)
    mutation = mutationen(root)
    lauf = json.loads((root / BERICHT).read_text(encoding="utf-8")) if (root / BERICHT).exists() else None
    if lauf is not None and lauf.get("partial"):
        lauf = None  # written by an older version of this plugin for a partial run
    orte: dict[str, list[tuple[int, str]]] = defaultdict(list)
    gesucht = set(regel_ids)
    for relativ, zeilen, rang in _quelltexte(root):
        for nummer, zeile in enumerate(zeilen, 1):
            for regel_id in gesucht.intersection(ID_MUSTER.findall(zeile)):
                orte[regel_id].append((rang(nummer), f"{relativ.as_posix()}:{nummer}"))
    ergebnis = []
    for regel_id in regel_ids:
        regel = KATALOG[regel_id]
        outcomes = {}
        if lauf is not None:
            outcomes = {t["nodeid"].split("[")[0]: t["outcome"] for t in lauf["rules"].get(regel_id, [])}
        ergebnis.append(
            {
                "id": regel_id,
                "paragraph": regel.paragraph,
                "titel": regel.titel,
                "tests": [
                    {"nodeid": n, "outcome": outcomes.get(n, "nicht gelaufen")} for n in tests[regel_id]
                ],
                "boundary_tests": sum(n in grenzen for n in tests[regel_id]),
                "mutation": mutation.get(regel_id),
                "report_created": lauf["created"] if lauf else None,
                "orte": [{"ort": ort, "art": RANG_NAMEN[r]} for r, ort in sorted(orte[regel_id])],
            }
        )
    return ergebnis


def _nachschlagen_drucken(ergebnis: list[dict]) -> None:
    for regel in ergebnis:
        print(f"{regel['id']} {regel['paragraph']}: {regel['titel']}")
        quelle = (
            f"of the last full run, {regel['report_created']}"
            if regel["report_created"]
            else "none: no full run yet"
        )
        print(f"  tests ({len(regel['tests'])}; outcome {quelle}):")
        for test in regel["tests"]:
            print(f"    {test['outcome']:<14} {test['nodeid']}")
        print(f"  strength: {_staerke(len(regel['tests']), regel['boundary_tests'], regel['mutation'])}")
        print(f"  enforced in ({len(regel['orte'])}, checks first):")
        for ort in regel["orte"]:
            print(f"    {ort['art']:<14} {ort['ort']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kern.rules_report",
        description="For every rule ID: status, passing tests, where enforced.",
    )
    parser.add_argument("regeln", nargs="*", metavar="ID", help="look these rules up without a test run")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument(
        "--teil", action="store_true", help="the last partial run instead of the last full run"
    )
    parser.add_argument("--root", type=Path, default=PROJEKT, help="project root (default: this checkout)")
    args = parser.parse_args(argv)
    if args.regeln:
        if unbekannt := pruefe_ids(args.regeln):
            print(f"Unknown rule ID: {', '.join(unbekannt)} (see kern/rules.py)", file=sys.stderr)
            return 2
        gefunden = nachschlagen(args.root, list(dict.fromkeys(args.regeln)))
        if args.json:
            print(json.dumps(gefunden, indent=2, ensure_ascii=False))
        else:
            _nachschlagen_drucken(gefunden)
        return 0
    ergebnis = auswerten(args.root, teil=args.teil)
    if ergebnis is None:
        print(
            f"No rules report at {args.root / (TEILBERICHT if args.teil else BERICHT)}. Create it with `make rules` "
            "(runs the test suite with `-p kern.rules_report`).",
            file=sys.stderr,
        )
        return 2
    if args.json:
        print(json.dumps(ergebnis, indent=2, ensure_ascii=False))
    else:
        _drucken(ergebnis)
    # A run that broke off (collection error, interrupt) proves nothing, even if no marked test failed.
    gescheitert = any(regel["status"] == "failing" for regel in ergebnis["rules"])
    return 1 if gescheitert or ergebnis["exitstatus"] not in _ZU_ENDE else 0


if __name__ == "__main__":
    sys.exit(main())
