"""Plain language in the interface (issue 17): what a user reads names the §, never an internal code.

Domain messages keep their rule ID (`R-…`): tests, logs and the auditors' views refer to it
(docs/architektur.md). The presentation layer removes it with `ohne_regel_ids` — form errors (the form
renderer `KlartextRenderer`), flash messages (`KlartextMeldungen`), 403 pages and API error bodies
(`kern.web.api.exception_handler`). A page that wants to keep the ID for the curious puts it in a
`title` attribute. Counting methods of stored deadlines (R-0-FRIST-2) are shown with `zaehlweise_text`.
"""

import re

from django.contrib.messages.storage.fallback import FallbackStorage
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import SafeString, mark_safe

from kern import formular_html, fristen, strafzeit

# A rule ID: "R-" and at least two further parts, e.g. R-12-1, R-0-4EYES-1, R-KOST-1, R-41-5a.
_ID = r"R-[0-9A-Z]+(?:-[0-9A-Za-z]+)+\b"
REGEL_ID = re.compile(r"\b" + _ID)
_LISTE = rf"{_ID}(?:\s*(?:,|und|/)\s*{_ID})*"
_PRAEFIX = re.compile(rf"\b{_LISTE}\s*:\s*")  # "R-KOST-1: Jede Position …"
_KLAMMER = re.compile(rf"\s*\(\s*{_LISTE}\s*\)")  # " (R-12-1)"
_IN_KLAMMER_VORNE = re.compile(rf"\(\s*{_LISTE}\s*[,;]\s*")  # "(R-18-3, sofern …)"
_IN_KLAMMER_HINTEN = re.compile(rf"\s*[,;]\s*{_LISTE}(?=\s*\))")  # "(§ 18 JVG, R-18-1)"
_REST = re.compile(rf"\s*\b{_LISTE}")
_MIT_GRUNDLAGE = re.compile(rf"\b{_LISTE}\s*\(([^()]*)\)\s*:")  # "R-0-GEHOER-1 (Art. 29 Abs. 2 BV): …"


def ohne_regel_ids(text):
    """`text` without rule IDs, the § and the wording unchanged; a SafeString stays safe (the IDs contain
    no markup characters, so removing them cannot break escaping)."""
    if not text or "R-" not in str(text):
        return text
    sicher = isinstance(text, SafeString)
    s = str(text)
    vorne = s[: len(s) - len(s.lstrip())]
    s = _MIT_GRUNDLAGE.sub(r"\1:", s)
    s = _KLAMMER.sub("", s)
    s = _IN_KLAMMER_VORNE.sub("(", s)
    s = _IN_KLAMMER_HINTEN.sub("", s)
    s = _PRAEFIX.sub("", s)
    s = _REST.sub("", s)
    s = re.sub(r"\(\s*\)", "", s)
    s = re.sub(r"[ \t]{2,}", " ", s)
    s = re.sub(r"\s+([.,;:)])", r"\1", s)
    s = vorne + s.lstrip()
    return mark_safe(s) if sicher else s


ZAEHLWEISEN = {
    fristen.METHODE_TAGE: "Tage nach § 34 VRG: ab dem Folgetag, Ende an einem Samstag, Sonntag oder "
    "Feiertag auf den nächsten Werktag verschoben",
    fristen.METHODE_MONATE: "Monate nach Art. 77 OR: bis zum gleichen Kalendertag, Ende am Monatsende "
    "falls es diesen Tag nicht gibt",
    fristen.METHODE_STUNDEN: "Stunden ab dem Zeitpunkt, ohne Verschiebung",
    fristen.METHODE_KALENDERTAGE: "Kalendertage ohne Verschiebung (Ortszeit Luzern)",
    fristen.METHODE_JAHRE: "Jahre nach dem Kalender",
    strafzeit.METHODE: "nach Art. 110 Abs. 6 StGB (Eintrittstag zählt als erster Tag)",
}


def zaehlweise_text(methode: str) -> str:
    """The German description of a stored counting method; an unknown one gets a neutral text."""
    if not methode:
        return ""
    return ZAEHLWEISEN.get(methode, "nach der beim Speichern gültigen Zählweise")


class KlartextRenderer(DjangoTemplates):
    """The project's form renderer: error lists without rule IDs (the service messages keep them); a
    stock select built in Python, character for character (`kern.formular_html`, issue 19)."""

    def render(self, template_name, context, request=None):
        if formular_html.darstellbar(template_name, context):
            return formular_html.auswahl_html(context)
        html = super().render(template_name, context, request=request)
        if template_name.startswith("django/forms/errors/"):
            return ohne_regel_ids(mark_safe(html))
        return html


class KlartextMeldungen(FallbackStorage):
    """Flash messages (`django.contrib.messages`) without rule IDs."""

    def add(self, level, message, extra_tags=""):
        return super().add(level, ohne_regel_ids(message), extra_tags)
