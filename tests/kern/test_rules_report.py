"""The rule catalogue (kern/rules.py) and the traceability tooling (kern/rules_report.py).

These tests check tooling, not law, so they carry no rule marker. Inner test sources write
`mark.rule ("…")` with a space, so that shared/rules_covered.py does not count these fixtures as
proof of a legal rule. The plugin runs in inner pytest
sessions (pytester) with their own minimal ini: they must find neither the project's Django settings nor
its test suite, and they write their report into pytester's directory, not into the project's var/.
"""

import json
import re
from pathlib import Path

import pytest

from kern.rules import KATALOG, pruefe_ids
from kern.rules_report import main

pytest_plugins = ["pytester"]

RULEBOOK = Path(__file__).resolve().parents[3] / "shared" / "RULEBOOK.md"
# Counted in ../shared/RULEBOOK.md when the catalogue was copied: 100 bold IDs plus "R-49-1 / R-50-1"
# (sections 7 and 8, Vollzugsdaten and Inkasso, added 23 IDs).
ANZAHL_REGELN = 102

INNERE_OPTIONEN = ("-p", "no:django", "-p", "no:cacheprovider", "-p", "kern.rules_report")


def rulebook_ids(text: str) -> set[str]:
    """The IDs of the rulebook, found as ../shared/rules_covered.py finds them."""
    ids = set(re.findall(r"\*\*(R-[0-9A-Z]+(?:-[0-9A-Z]+)*[a-z]?)\*\*", text))
    if "R-49-1 / R-50-1" in text:
        ids |= {"R-49-1", "R-50-1"}
    return ids


@pytest.fixture
def projekt(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    # Only the plugins named on the command line: the project's others (hypothesis, django, ...) are
    # not under test, and pytester would import them afresh for every inner session.
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    # --strict-markers: the plugin itself must declare the `rule` marker, as the project's ini does.
    # The rewrite warning only says that this process imported the plugin before the inner session.
    pytester.makeini(
        "[pytest]\naddopts = --strict-markers\nfilterwarnings = ignore::pytest.PytestAssertRewriteWarning\n"
    )
    return pytester


def bericht(pytester: pytest.Pytester) -> dict:
    return json.loads((pytester.path / "var" / "rules-report.json").read_text(encoding="utf-8"))


def report_zeilen(pytester: pytest.Pytester, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    capsys.readouterr()
    exitcode = main(["--root", str(pytester.path)])
    return exitcode, capsys.readouterr().out.splitlines()


def zeile_von(zeilen: list[str], regel_id: str) -> str:
    (zeile,) = [z for z in zeilen if z.split(" ", 1)[0] == regel_id]
    return zeile


# --- catalogue ------------------------------------------------------------------------------------


def test_katalog_has_exactly_the_ids_of_the_rulebook():
    if RULEBOOK.exists():
        assert set(KATALOG) == rulebook_ids(RULEBOOK.read_text(encoding="utf-8"))
    # Without ../shared the frozen count still catches an ID lost or added by accident.
    assert len(KATALOG) == ANZAHL_REGELN


def test_katalog_entries_have_id_paragraph_and_one_line_titel():
    for regel_id, regel in KATALOG.items():
        assert regel.id == regel_id
        assert regel.paragraph.strip() == regel.paragraph != ""
        assert regel.titel.strip() == regel.titel != "" and "\n" not in regel.titel


def test_pruefe_ids_returns_each_unknown_id_once_in_order():
    assert pruefe_ids(["R-41-1", "R-99-9", "R-41-6", "R-99-9", "R-41-5a"]) == ["R-99-9", "R-41-6"]
    assert pruefe_ids([]) == []


# --- plugin: collection ---------------------------------------------------------------------------

UNBEKANNT_AN_DER_FUNKTION = """
import pytest

@pytest.mark.rule ("R-41-1", "R-99-9")
def test_arrest():
    pass
"""
UNBEKANNT_AN_DER_KLASSE = """
import pytest

@pytest.mark.rule ("R-99-9")
class TestArrest:
    def test_arrest(self):
        pass
"""
UNBEKANNT_IM_MODUL = """
import pytest

pytestmark = pytest.mark.rule ("R-99-9")

def test_arrest():
    pass
"""
UNBEKANNT_IN_PARAMETER = """
import pytest

@pytest.mark.parametrize("tage", [10, pytest.param(11, marks=pytest.mark.rule ("R-99-9"))])
def test_arrest(tage):
    pass
"""


@pytest.mark.parametrize(
    "quelltext",
    [UNBEKANNT_AN_DER_FUNKTION, UNBEKANNT_AN_DER_KLASSE, UNBEKANNT_IM_MODUL, UNBEKANNT_IN_PARAMETER],
    ids=["funktion", "klasse", "modul", "parameter"],
)
def test_unknown_rule_id_is_a_collection_error(projekt, quelltext):
    projekt.makepyfile(test_unbekannt=quelltext)

    result = projekt.runpytest(*INNERE_OPTIONEN)

    assert result.ret == pytest.ExitCode.INTERRUPTED
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*ERROR collecting test_unbekannt.py*", "*unknown rule ID R-99-9"])


def test_report_of_a_run_with_collection_error_exits_1(projekt, capsys):
    projekt.makepyfile(test_unbekannt=UNBEKANNT_AN_DER_FUNKTION)
    projekt.runpytest(*INNERE_OPTIONEN).assert_outcomes(errors=1)

    exitcode, zeilen = report_zeilen(projekt, capsys)

    assert exitcode == 1
    assert "ERROR: the test run did not finish (pytest exit status 2): fix it first." in zeilen
    assert zeilen[-1] == f"covered 0/{len(KATALOG)}"


def test_rule_marker_without_id_is_a_collection_error(projekt):
    projekt.makepyfile(
        test_leer="""
        import pytest

        @pytest.mark.rule
        def test_arrest():
            pass
        """
    )

    result = projekt.runpytest(*INNERE_OPTIONEN)

    assert result.ret == pytest.ExitCode.INTERRUPTED
    result.stdout.fnmatch_lines(["*test_leer.py::test_arrest: @pytest.mark.rule needs at least one rule ID"])


# --- plugin + report: outcomes --------------------------------------------------------------------


def test_passing_marked_test_covers_its_rules(projekt, capsys):
    projekt.makepyfile(
        test_arrest="""
        import pytest

        @pytest.mark.rule ("R-41-1", "R-41-2")
        def test_arrest_hoechstens_zehn_tage():
            pass

        def test_ohne_regel():
            pass
        """
    )

    projekt.runpytest(*INNERE_OPTIONEN).assert_outcomes(passed=2)

    lauf = bericht(projekt)
    assert lauf["rules"]["R-41-1"] == [
        {"nodeid": "test_arrest.py::test_arrest_hoechstens_zehn_tage", "outcome": "passed"}
    ]
    assert lauf["rules"]["R-0-ROLE-1"] == []
    assert lauf["partial"] is False
    assert lauf["partial_reasons"] == []
    exitcode, zeilen = report_zeilen(projekt, capsys)
    assert exitcode == 0
    assert (
        zeile_von(zeilen, "R-41-1") == "R-41-1        covered   § 41 Abs. 1 JVG: " + KATALOG["R-41-1"].titel
    )
    assert "    tested by    test_arrest.py::test_arrest_hoechstens_zehn_tage" in zeilen
    assert zeile_von(zeilen, "R-0-ROLE-1").startswith("R-0-ROLE-1    UNCOVERED ")
    assert not any(z.startswith("WARNING") for z in zeilen)
    assert zeilen[-1] == f"covered 2/{len(KATALOG)}"


def test_failing_marked_test_makes_its_rule_failing_and_exit_1(projekt, capsys):
    projekt.makepyfile(
        test_arrest="""
        import pytest

        @pytest.mark.rule ("R-41-1")
        def test_arrest_zehn_tage_erlaubt():
            pass

        @pytest.mark.rule ("R-41-1")
        def test_arrest_elf_tage_abgelehnt():
            assert False
        """
    )

    projekt.runpytest(*INNERE_OPTIONEN).assert_outcomes(passed=1, failed=1)

    exitcode, zeilen = report_zeilen(projekt, capsys)
    assert exitcode == 1
    assert zeile_von(zeilen, "R-41-1").startswith("R-41-1        failing   ")
    assert "    FAILED       test_arrest.py::test_arrest_elf_tage_abgelehnt" in zeilen
    assert zeilen[-1] == f"covered 0/{len(KATALOG)}"


def test_failing_teardown_counts_as_failed(projekt):
    projekt.makepyfile(
        test_arrest="""
        import pytest

        @pytest.fixture
        def zelle():
            yield
            raise RuntimeError("Aufräumen fehlgeschlagen")

        @pytest.mark.rule ("R-41-1")
        def test_arrest(zelle):
            pass
        """
    )

    projekt.runpytest(*INNERE_OPTIONEN).assert_outcomes(passed=1, errors=1)

    assert bericht(projekt)["rules"]["R-41-1"] == [
        {"nodeid": "test_arrest.py::test_arrest", "outcome": "failed"}
    ]


def test_skipped_and_xfail_tests_do_not_cover(projekt, capsys):
    projekt.makepyfile(
        test_arrest="""
        import pytest

        @pytest.mark.rule ("R-41-1")
        @pytest.mark.skip(reason="noch nicht gebaut")
        def test_uebersprungen():
            pass

        @pytest.mark.rule ("R-41-2")
        @pytest.mark.xfail(reason="bekannter Fehler")
        def test_erwartet_fehlgeschlagen():
            assert False

        @pytest.mark.rule ("R-41-4")
        @pytest.mark.xfail(reason="zufällig grün", strict=False)
        def test_unerwartet_gruen():
            pass
        """
    )

    projekt.runpytest(*INNERE_OPTIONEN).assert_outcomes(skipped=1, xfailed=1, xpassed=1)

    regeln = bericht(projekt)["rules"]
    assert [t["outcome"] for i in ("R-41-1", "R-41-2", "R-41-4") for t in regeln[i]] == ["skipped"] * 3
    exitcode, zeilen = report_zeilen(projekt, capsys)
    assert exitcode == 0
    assert zeile_von(zeilen, "R-41-4").startswith("R-41-4        UNCOVERED ")
    assert zeilen[-1] == f"covered 0/{len(KATALOG)}"


def test_selected_run_is_recorded_as_partial_and_warned_beside_the_full_report(projekt, capsys):
    projekt.makepyfile(
        test_arrest="""
        import pytest

        @pytest.mark.rule ("R-41-1")
        def test_eins():
            pass

        @pytest.mark.rule ("R-41-2")
        def test_zwei():
            pass
        """
    )

    projekt.runpytest(*INNERE_OPTIONEN).assert_outcomes(passed=2)
    voll = bericht(projekt)
    projekt.runpytest(*INNERE_OPTIONEN, "-k", "eins").assert_outcomes(passed=1, deselected=1)

    # The partial run has its own file; the last full report is left as it was.
    assert bericht(projekt) == voll and voll["partial"] is False
    lauf = json.loads((projekt.path / "var" / "rules-report-teil.json").read_text(encoding="utf-8"))
    assert lauf["partial"] is True
    assert lauf["partial_reasons"] == ["-k eins", "1 tests deselected"]
    assert lauf["args"][:8] == [*INNERE_OPTIONEN, "-k", "eins"]  # pytester appends --basetemp
    capsys.readouterr()
    assert main(["--root", str(projekt.path), "--teil"]) == 0
    zeilen = capsys.readouterr().out.splitlines()
    assert "WARNING: partial run (-k eins; 1 tests deselected):" in zeilen


def test_collect_only_leaves_the_last_report_alone(projekt):
    projekt.makepyfile(
        test_arrest="""
        import pytest

        @pytest.mark.rule ("R-41-1")
        def test_eins():
            pass
        """
    )
    projekt.runpytest(*INNERE_OPTIONEN).assert_outcomes(passed=1)
    voll = (projekt.path / "var" / "rules-report.json").read_bytes()

    projekt.runpytest(*INNERE_OPTIONEN, "--collect-only")

    assert (projekt.path / "var" / "rules-report.json").read_bytes() == voll
    assert not (projekt.path / "var" / "rules-report-teil.json").exists()


# --- one rule looked up without a run -----------------------------------------------------------


def test_lookup_lists_marked_tests_and_ranks_checks_before_mentions(tmp_path, capsys):
    dateien = {
        "tests/test_arrest.py": (
            "import pytest\n"
            "pytestmark = pytest.mark.rule(" + '"R-41-2"' + ")\n\n"
            "@pytest.mark.rule(" + '"R-41-1"' + ")\n"
            "def test_arrest_zehn_tage():\n    pass\n\n"
            "class TestArrest:\n"
            "    @pytest.mark.rule(" + '"R-41-1"' + ")\n"
            "    def test_elf_tage(self):\n        pass\n\n"
            "def test_ohne_eigene_regel():\n    pass\n"
        ),
        "disziplinar/domain.py": (
            '"""Sanktionen (R-41-1)."""\n'
            "# R-41-1: Arrest\n"
            "def pruefen(tage):\n"
            "    if tage > 10:\n"
            '        raise ValueError("§ 41 Abs. 1 lit. f JVG (R-41-1): höchstens 10 Tage")\n'
            "    return regel_zitat('R-41-1')\n"
        ),
        "disziplinar/models.py": (
            "class Meta:\n"
            "    # R-41-1 lit. f: Arrest 1..10\n"
            "    constraints = [CheckConstraint(condition=Q(tage__lte=10), name='arrest')]\n"
        ),
        "disziplinar/views.py": "x = 1\n\n\n\n\n# siehe R-41-1\nwert = 2  # R-41-1\n",
        "jvg_case/settings.py": "ARREST = 10  # R-41-1\n",
        "templates/arrest.html": "{# R-41-1 #}\n",
    }
    for name, text in dateien.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")

    assert main(["--root", str(tmp_path), "R-41-1", "--json"]) == 0
    (regel,) = json.loads(capsys.readouterr().out)

    assert [t["nodeid"] for t in regel["tests"]] == [
        "tests/test_arrest.py::test_arrest_zehn_tage",
        "tests/test_arrest.py::TestArrest::test_elf_tage",
    ]
    assert {t["outcome"] for t in regel["tests"]} == {"nicht gelaufen"}
    assert [(o["art"], o["ort"]) for o in regel["orte"]] == [
        ("prüft", "disziplinar/domain.py:2"),
        ("prüft", "disziplinar/domain.py:5"),
        ("prüft", "disziplinar/domain.py:6"),
        ("prüft", "disziplinar/models.py:2"),
        ("Code", "disziplinar/views.py:7"),
        ("Erwähnung", "disziplinar/domain.py:1"),
        ("Erwähnung", "disziplinar/views.py:6"),
        ("Erwähnung", "jvg_case/settings.py:1"),
        ("Erwähnung", "templates/arrest.html:1"),
    ]
    assert main(["--root", str(tmp_path), "R-41-2", "--json"]) == 0
    (regel,) = json.loads(capsys.readouterr().out)
    assert [t["nodeid"] for t in regel["tests"]] == [
        "tests/test_arrest.py::test_arrest_zehn_tage",
        "tests/test_arrest.py::TestArrest::test_elf_tage",
        "tests/test_arrest.py::test_ohne_eigene_regel",
    ]


def test_lookup_of_unknown_rule_exits_2(tmp_path, capsys):
    assert main(["--root", str(tmp_path), "R-41-9"]) == 2
    assert "Unknown rule ID: R-41-9" in capsys.readouterr().err


# --- report: where rules are enforced ------------------------------------------------------------


def test_enforced_in_lists_mentions_in_source_and_templates_only(projekt, capsys):
    projekt.makepyfile(test_arrest="def test_ohne_regel():\n    pass\n")
    projekt.runpytest(*INNERE_OPTIONEN).assert_outcomes(passed=1)
    # Written after the inner run, which would otherwise collect tests/test_sanktionen.py.
    dateien = {
        "disziplinar/domain.py": '"""Sanktionen."""\n# § 41 Abs. 1 JVG (R-41-1, R-41-1)\n# R-41-5a, R-41-7\n',
        "templates/disziplinar/verfuegung.html": "{# R-0-VFG-1: Rechtsmittelbelehrung #}\n",
        "tests/test_sanktionen.py": "# R-41-2\n",
        "disziplinar/conftest.py": "# R-41-2\n",
        "disziplinar/migrations/0001_initial.py": "# R-41-2\n",
        ".venv/lib/paket.py": "# R-41-2\n",
        "var/notiz.py": "# R-41-2\n",
        "static/app.js": "// R-41-2\n",
    }
    for name, text in dateien.items():
        (projekt.path / name).parent.mkdir(parents=True, exist_ok=True)
        (projekt.path / name).write_text(text, encoding="utf-8")

    capsys.readouterr()
    assert main(["--root", str(projekt.path), "--json"]) == 0
    ergebnis = json.loads(capsys.readouterr().out)

    orte = {regel["id"]: regel["enforced_in"] for regel in ergebnis["rules"]}
    assert orte["R-41-1"] == ["disziplinar/domain.py:2"]
    assert orte["R-41-5a"] == ["disziplinar/domain.py:3"]
    assert orte["R-0-VFG-1"] == ["templates/disziplinar/verfuegung.html:1"]
    assert orte["R-41-2"] == []
    assert orte["R-41-5b"] == []
    assert ergebnis["unknown_mentions"] == {"R-41-7": ["disziplinar/domain.py:3"]}
    assert (ergebnis["covered"], ergebnis["total"]) == (0, len(KATALOG))


def test_report_without_a_run_exits_2_and_says_how_to_make_it(tmp_path, capsys):
    assert main(["--root", str(tmp_path)]) == 2

    assert "Create it with `make rules`" in capsys.readouterr().err
