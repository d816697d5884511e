"""Traceability of the rulebook: for every rule, the passing tests that prove it and the code enforcing it.

Two halves (RULEBOOK "Traceability"):

* a pytest plugin, loaded with ``-p jvg_case.rules_report``. At collection a ``@pytest.mark.rule(...)``
  naming an ID outside ``jvg_case.rules.KATALOG`` is a collection error, so a typo cannot pass for
  coverage. At the end of the session it writes ``var/rules-report.json``: rule ID -> tests carrying it
  with their outcome, plus the pytest arguments and whether the run was partial (``-k``, ``-m``, paths).
* ``python -m jvg_case.rules_report [--json]`` reads that file and prints, for every catalogue ID, its
  status (covered / UNCOVERED / failing), the passing tests, and the ``path:line`` places in non-test
  source and templates that mention the ID. Exit 1 when a marked test failed or the run did not finish
  (e.g. a collection error), 2 when there is no report; uncovered IDs do not fail, since the modules are
  built issue by issue.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

import pytest

from jvg_case.rules import KATALOG, pruefe_ids

PROJEKT = Path(__file__).resolve().parent.parent
BERICHT = Path("var") / "rules-report.json"

# The IDs' shape as in ../shared/rules_covered.py, fenced so that "R-41-5" does not match inside "R-41-5a".
ID_MUSTER = re.compile(r"(?<![\w-])R-[0-9A-Z]+(?:-[0-9A-Z]+)*[a-z]?(?![\w-])")

# Not searched for "enforced in": tests prove rules rather than enforce them, migrations only copy
# models, and the catalogue and this module name every ID without enforcing any.
_OHNE_ORDNER = {"tests", "var", "migrations", "node_modules", "__pycache__"}
_OHNE_DATEIEN = {"jvg_case/rules.py", "jvg_case/rules_report.py"}

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
    hinweis = "Known IDs are those of jvg_case/rules.py (the copy of the rulebook)."
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
        pfad = self.config.rootpath / BERICHT
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
        if option.collectonly:
            gruende.append("--collect-only: no test was run")
        if self.abgewaehlt:
            gruende.append(f"{self.abgewaehlt} tests deselected")
        if session.shouldstop or session.shouldfail:
            gruende.append(f"stopped early: {session.shouldstop or session.shouldfail}")
        if exitstatus not in _ZU_ENDE:
            gruende.append(f"pytest exit status {exitstatus}")
        return gruende


# --- report command -------------------------------------------------------------------------------


def fundstellen(root: Path) -> dict[str, list[str]]:
    """Rule ID -> 'path:line' of every mention in non-test Python source and in templates under root."""
    treffer: dict[str, list[str]] = defaultdict(list)
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
            for nummer, zeile in enumerate(text.splitlines(), 1):
                for regel_id in dict.fromkeys(ID_MUSTER.findall(zeile)):
                    treffer[regel_id].append(f"{relativ.as_posix()}:{nummer}")
    return treffer


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


def auswerten(root: Path) -> dict | None:
    """The report of the last run, joined with the catalogue and the source; None without a run."""
    pfad = root / BERICHT
    if not pfad.exists():
        return None
    lauf = json.loads(pfad.read_text(encoding="utf-8"))
    stellen = fundstellen(root)
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
    print(f"covered {ergebnis['covered']}/{ergebnis['total']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m jvg_case.rules_report",
        description="For every rule ID: status, passing tests, where enforced.",
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--root", type=Path, default=PROJEKT, help="project root (default: this checkout)")
    args = parser.parse_args(argv)
    ergebnis = auswerten(args.root)
    if ergebnis is None:
        print(
            f"No rules report at {args.root / BERICHT}. Create it with `make rules` "
            "(runs the test suite with `-p jvg_case.rules_report`).",
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
