"""R-42-1 (§ 42 JVG): proofs that the mutation run (issue 25) showed missing.

The end of the five-day appeal deadline is computed by the system from the Eröffnung: the API shows it
read-only, and empty while the decision is not notified.
"""

import pytest
from drf_spectacular.generators import SchemaGenerator


@pytest.mark.rule("R-42-1")
def test_api_schema_rechtsmittelfrist_ende_nur_lesbar_und_leer_moeglich():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    feld = schema["components"]["schemas"]["Disziplinarverfuegung"]["properties"]["rechtsmittelfristEnde"]
    assert (feld.get("readOnly"), feld.get("nullable"), feld.get("format")) == (True, True, "date")
