"""R-40-4 (§ 40 Abs. 4 JVG: criminal prosecution stays possible): proofs that the mutation run
(issue 25) showed missing.

- `serializers.py:238`: the flag of a report to the Staatsanwaltschaft is set by its own action
  (date between the act and today), never written through the proceeding's fields.
"""

import pytest
from drf_spectacular.generators import SchemaGenerator


@pytest.mark.rule("R-40-4")
def test_api_schema_strafanzeige_nur_lesbar():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    feld = schema["components"]["schemas"]["Disziplinarverfahren"]["properties"]["strafanzeige"]
    assert (feld.get("readOnly"), feld.get("type")) == (True, "boolean")
