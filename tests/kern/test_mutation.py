"""kern/mutation.py (issue 25): the mutants made at a rule's enforcement site, and the baseline gate."""

import ast
import json

from kern import mutation, rules_report

QUELLE = '''
from django.core.exceptions import ValidationError

ARREST_MAX = 10


def pruefen(tage, jugendlich):
    """R-41-1: Arrest höchstens zehn Tage."""
    if tage > ARREST_MAX and not jugendlich:
        raise ValidationError("§ 41 Abs. 1 JVG (R-41-1): höchstens 10 Tage")
    return True


def anderes(x):
    return x < 3
'''


def _mutanten(zeile: int, art: str = "prüft"):
    baum = ast.parse(QUELLE)
    return baum, mutation.mutanten_fuer("m.py", baum, mutation.bereiche(baum, zeile, art))


def test_an_der_pruefstelle_entstehen_grenz_und_loeschmutanten():
    baum, mutanten = _mutanten(10)  # the raise line

    assert sorted(m.operator for m in mutanten) == sorted(
        ["raise → pass", "Prüfung entfernt (if … → if False)", "and ↔ or", "> → >=", "not entfernt"]
    )
    quelltexte = {m.operator: mutation.anwenden(baum, m) for m in mutanten}
    assert "if tage >= ARREST_MAX and (not jugendlich):" in quelltexte["> → >="]
    assert "if False:" in quelltexte["Prüfung entfernt (if … → if False)"]
    assert "if tage > ARREST_MAX and jugendlich:" in quelltexte["not entfernt"]
    # Nothing outside the site: the other function stays as it is in every mutant.
    assert all("return x < 3" in text for text in quelltexte.values())


def test_docstring_stelle_mutiert_die_ganze_funktion():
    _, mutanten = _mutanten(8, "Erwähnung")

    assert {m.operator for m in mutanten} >= {"> → >=", "True → False", "not entfernt"}
    assert not any(m.zeile == 15 for m in mutanten)


def test_zahl_plus_minus_eins():
    baum = ast.parse("X = 10\n")
    mutanten = mutation.mutanten_fuer("m.py", baum, [baum.body[0]])

    assert [mutation.anwenden(baum, m).strip() for m in mutanten] == ["X = 11", "X = 9"]


def test_baseline_schlaegt_nur_unter_der_rate_an():
    bericht = {
        "rules": [
            {"id": "R-14-2", "rate": 0.95},
            {"id": "R-41-1", "rate": 0.9},
            {"id": "R-38-1", "rate": None},
        ]
    }
    baseline = {"R-14-2": 0.95, "R-41-1": 0.91, "R-38-1": 0.5, "R-5-1": 1.0}

    schlechter = mutation.baseline_vergleichen(bericht, baseline)

    assert [z.split(":")[0] for z in schlechter] == ["R-41-1", "R-38-1"]


def test_bericht_wird_je_regel_zusammengefuehrt(tmp_path):
    pfad = tmp_path / "mutation-report.json"
    eins = {"id": "R-41-1", "made": 4, "killed": 4, "rate": 1.0, "survived": [], "created": "t1"}
    zwei = {"id": "R-14-2", "made": 2, "killed": 1, "rate": 0.5, "survived": [{}], "created": "t2"}
    mutation.bericht_schreiben(pfad, eins)
    mutation.bericht_schreiben(pfad, zwei)
    mutation.bericht_schreiben(pfad, {**eins, "killed": 3, "rate": 0.75})

    bericht = json.loads(pfad.read_text(encoding="utf-8"))
    assert [r["id"] for r in bericht["rules"]] == ["R-14-2", "R-41-1"]  # catalogue order
    assert (bericht["made"], bericht["killed"]) == (6, 4)


def test_rules_report_zaehlt_grenztests_und_zeigt_die_toetungsrate(tmp_path):
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_x.py").write_text(
        "import pytest\n\n"
        '@pytest.mark.rule("R-41-1", grenze=True)\ndef test_a():\n    pass\n\n'
        '@pytest.mark.rule("R-41-1")\ndef test_arrest_grenze_10_11():\n    pass\n\n'
        '@pytest.mark.rule("R-41-1")\ndef test_c():\n    pass\n',
        encoding="utf-8",
    )
    (tmp_path / "var").mkdir()
    mutation.bericht_schreiben(
        tmp_path / "var" / "mutation-report.json",
        {"id": "R-41-1", "made": 20, "killed": 19, "rate": 0.95, "survived": [{}], "created": "2026-12-05"},
    )

    [regel] = rules_report.nachschlagen(tmp_path, ["R-41-1"])

    assert (len(regel["tests"]), regel["boundary_tests"]) == (3, 2)
    assert regel["mutation"]["rate"] == 0.95
    assert rules_report._staerke(3, 2, regel["mutation"]) == (
        "3 tests, 2 assert a boundary; mutation 19/20 killed (95%, 2026-12-05)"
    )


def test_fremde_pruefungen_in_der_funktion_werden_nicht_mutiert():
    baum = ast.parse(
        "def entscheiden(von, bis, rest):\n"
        '    """R-14-2 re-checked."""\n'
        "    if bis < von:\n"
        '        raise ValueError("§ 14 (R-14-1): Ende vor Beginn")\n'
        "    if bis - von > rest:\n"
        '        raise ValueError("§ 14 (R-14-2): höchstens ein Jahr")\n'
    )

    mutanten = mutation.mutanten_fuer("m.py", baum, mutation.bereiche(baum, 2, "Erwähnung", "R-14-2"))

    assert {m.zeile for m in mutanten} == {5}


def test_erwaehnung_in_einer_tabelle_mutiert_nur_ihren_eintrag():
    # The access policy names R-0-4EYES-1 in the `grund` of one entry: that entry, not the 900-line table.
    baum = ast.parse(
        "REGELN = {\n"
        '    "a": R(ok_post=201, get=False),\n'
        '    "b": R(ok_post=200, get=True, grund="R-0-4EYES-1"),\n'
        '    "c": R(ok_post=201),\n'
        "}\n"
    )

    mutanten = mutation.mutanten_fuer("m.py", baum, mutation.bereiche(baum, 3, "prüft"))

    assert {m.zeile for m in mutanten} == {3}
    assert sorted(m.operator for m in mutanten) == ["200 → 199", "200 → 201", "True → False"]


def test_auswahl_nach_der_spur_der_tests():
    baum = ast.parse(QUELLE)
    mutanten = mutation.mutanten_fuer("m.py", baum, mutation.bereiche(baum, 10, "prüft"))
    grenze = next(m for m in mutanten if m.operator == "> → >=")
    tests = ["t.py::test_a", "t.py::test_b", "t.py::test_c"]
    spur = {
        "ausserhalb": {"m.py": [2, 4]},
        "t.py::test_a": {"m.py": [15]},
        "t.py::test_b[10]": {"m.py": [9, 10]},
    }

    # Only the test that ran the line (its parameters stripped); the database is reused.
    assert mutation._auswahl(grenze, baum, tests, spur) == (["t.py::test_b"], False)
    # No marked test ran the line: nothing can notice the mutant.
    assert mutation._auswahl(grenze, baum, tests, {**spur, "t.py::test_b[10]": {}}) == (None, False)
    # The trace saw nothing of the file at all: no claim, every test runs.
    assert mutation._auswahl(grenze, baum, tests, {"t.py::test_a": {"x.py": [1]}}) == (tests, False)
    # Lines run while the test database is built (triggers): every test, a new database.
    assert mutation._auswahl(grenze, baum, tests, {**spur, "dbsetup": {"m.py": [9]}}) == (tests, True)
    # Module level (a constant): every test; in a models module (constraints: the schema) a new database.
    konstante = mutation.mutanten_fuer("m.py", baum, [baum.body[1]])[0]
    assert mutation._auswahl(konstante, baum, tests, spur) == (tests, False)
    im_modell = mutation.mutanten_fuer("app/models.py", baum, [baum.body[1]])[0]
    assert mutation._auswahl(im_modell, baum, tests, {"t.py::test_a": {"app/models.py": [4]}}) == (
        tests,
        True,
    )


def test_begrenzter_lauf_wird_mit_der_baseline_seiner_ersten_mutanten_verglichen():
    baseline = {"R-41-1": 0.95, "R-41-1@8": 1.0}

    assert mutation.baseline_vergleichen({"rules": [{"id": "R-41-1", "rate": 0.96}]}, baseline) == []
    # The first 8 mutants were all killed when recorded: one survivor among them fails the gate.
    assert mutation.baseline_vergleichen(
        {"rules": [{"id": "R-41-1", "max": 8, "rate": 0.875}]}, baseline
    ) == ["R-41-1@8: Tötungsrate 0.875 unter der Baseline 1.0"]
    assert mutation.baseline_vergleichen({"rules": [{"id": "R-41-1", "max": 8, "rate": 1.0}]}, baseline) == []
    # A bounded run without a recorded subset rate is not compared with the full run's rate.
    assert mutation.baseline_vergleichen({"rules": [{"id": "R-41-1", "max": 5, "rate": 0.8}]}, baseline) == []


def test_nachpruefung_rechnet_getoetete_ueberlebende_in_den_letzten_lauf_ein():
    ueberlebt = [
        {"datei": "a.py", "zeile": 3, "operator": "raise → pass"},
        {"datei": "a.py", "zeile": 2, "operator": "Prüfung entfernt (if … → if False)"},
        {"datei": "b.py", "zeile": 9, "operator": "True → False"},
    ]
    alt = {
        "id": "R-41-1",
        "made": 10,
        "killed": 7,
        "rate": 0.7,
        "survived": ueberlebt,
        "verlauf": "KKSKSKKKKS",
    }
    # Re-checked: positions 3, 5 and 10; the one of b.py still survives (an equivalent mutant).
    neu = {
        "created": "2026-12-05T10:30:00+00:00",
        "nur": [{"nr": 3, **ueberlebt[0]}, {"nr": 5, **ueberlebt[1]}, {"nr": 10, **ueberlebt[2]}],
        "survived": [ueberlebt[2]],
    }

    ergebnis = mutation.nachpruefung_einrechnen(alt, neu)

    assert (ergebnis["made"], ergebnis["killed"], ergebnis["rate"]) == (10, 9, 0.9)
    assert ergebnis["survived"] == [ueberlebt[2]]
    assert ergebnis["verlauf"] == "KKKKKKKKKS"
    assert ergebnis["rechecked"]["newly_killed"] == 2
