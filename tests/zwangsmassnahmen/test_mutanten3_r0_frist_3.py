"""Mutants of R-0-FRIST-3 (deadlines in hours, to the minute) and R-25-2 that survived the marked tests
(issue 25).

- `serializers.py:72–73`: the API's end of the 48-hour deadline of a Sicherheitshaft (§ 25 Abs. 2 JVG) is
  computed by the system (read-only) and empty under § 25 Abs. 3 (no deadline of the authority).
"""

import pytest
from drf_spectacular.generators import SchemaGenerator


@pytest.mark.rule("R-0-FRIST-3", "R-25-2")
def test_api_schema_fristende_der_haft_nur_lesbar_und_leer_moeglich():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    feld = schema["components"]["schemas"]["Sicherheitshaft"]["properties"]["fristEnde"]
    assert (feld.get("readOnly"), feld.get("nullable"), feld.get("format")) == (True, True, "date-time")
