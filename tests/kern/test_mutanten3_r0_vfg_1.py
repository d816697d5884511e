"""Mutants of R-0-VFG-1 (the parts of a Verfügung PDF) that survived the marked tests (issue 25, session 6).

`kern/pdf.py:139–140`: a context that is not a dict is refused with the message of R-0-VFG-1, before any
field is read (the marked tests only passed dicts).
"""

import pytest

from kern.pdf import render_verfuegung_pdf

from .test_pdf import kontext


@pytest.mark.rule("R-0-VFG-1")
@pytest.mark.parametrize("falsch", [list(kontext().items()), None, "Verfügung"])
def test_verfuegung_pdf_kontext_ohne_dict_valueerror(falsch):
    with pytest.raises(ValueError) as fehler:
        render_verfuegung_pdf(falsch)
    assert str(fehler.value) == "Verfügungs-PDF (R-0-VFG-1): kontext muss ein dict sein."
