"""Issue 17 item 5: the OpenAPI document shows API users the § of the law, never an internal rule ID.

Docstrings, `extend_schema` texts, help texts and error examples keep their rule IDs in the code (the
traceability to RULEBOOK.md lives there); this post-processing hook rewrites every summary, description,
title and example of the generated schema: an ID of a JVG rule becomes its § ("R-14-1" → "§ 14 JVG"), a
StGB rule its article ("R-STGB-86-1" → "Art. 86 StGB"), Inkasso's "R-2D-…" "§ 2 Abs. 1 lit. d JVG"; a
cross-cutting ID without a § of its own (roles, four-eyes, audit, costs, threat management, Vollzugsdaten)
is dropped. Where the text already names the §, the ID in brackets is simply removed.
"""

import re

_ID = (
    r"(?<![\w-])R-(?:0-[A-Z0-9]+|STGB-[0-9]+[A-Z]?|2D(?:-[A-Z]+)?|[0-9]+[A-Z]?|[A-Z]+)-[0-9]+[a-z]?(?![\w-])"
)
_ID_RE = re.compile(_ID)
# "(R-14-1)", "(R-14-2, R-14-4)", "(R-0-ROLE-1)": brackets holding nothing but rule IDs.
_KLAMMER_NUR_IDS = re.compile(rf"\s*\((?:{_ID})(?:\s*(?:,|/|und)\s*{_ID})*\)")
# ", R-21-1" or "R-21-1, " inside a bracket with other content.
_ID_IN_LISTE = re.compile(rf"(?:,\s*{_ID}(?=[),;])|{_ID}\s*,\s*)")
_PARAGRAF_DAVOR = re.compile(r"(§|Art\.)[^()§]{0,25}$")

_TEXTSCHLUESSEL = frozenset({"summary", "description", "title"})
_BEISPIELSCHLUESSEL = frozenset({"example", "examples"})


def paragraf(regel_id: str) -> str:
    """The legal reference of a rule ID as API users read it, or "" when the rule has none of its own."""
    teile = regel_id.split("-")
    if teile[1] == "STGB":
        return f"Art. {teile[2].lower()} StGB"
    if teile[1].startswith("2D"):
        return "§ 2 Abs. 1 lit. d JVG"
    if teile[1][0].isdigit() and teile[1] != "0":
        return f"§ {teile[1].lower()} JVG"
    return ""


def ohne_regel_ids(text: str) -> str:
    def klammer(treffer: re.Match) -> str:
        davor = text[: treffer.start()]
        if _PARAGRAF_DAVOR.search(davor):
            return ""
        paragrafen = list(dict.fromkeys(p for p in map(paragraf, _ID_RE.findall(treffer.group())) if p))
        return f" ({', '.join(paragrafen)})" if paragrafen else ""

    text = _KLAMMER_NUR_IDS.sub(klammer, text)
    text = _ID_IN_LISTE.sub("", text)
    text = _ID_RE.sub(lambda t: paragraf(t.group()), text)
    # Tidy what a dropped ID leaves behind.
    text = re.sub(r"(^|(?<=[.;!?]\s)|(?<=\n)|(?<=\())\s*:\s*", r"\1", text)
    text = re.sub(r"\(\s*\)", "", text)
    text = re.sub(r"[ \t]{2,}", " ", text)
    text = re.sub(r"[ \t]+([.,;:)])", r"\1", text)
    return text.strip() if text != text.strip() and not text.endswith("\n") else text


def _umschreiben(knoten, *, text: bool = False):
    if isinstance(knoten, dict):
        return {
            k: _umschreiben(
                v, text=text or k in _BEISPIELSCHLUESSEL or (k in _TEXTSCHLUESSEL and isinstance(v, str))
            )
            for k, v in knoten.items()
        }
    if isinstance(knoten, list):
        return [_umschreiben(v, text=text) for v in knoten]
    if text and isinstance(knoten, str):
        return ohne_regel_ids(knoten)
    return knoten


def regel_ids_durch_paragrafen(result, generator, request, public):
    """drf-spectacular POSTPROCESSING_HOOKS entry (runs after the enum hook)."""
    return _umschreiben(result)
