"""PDF of a formal decision (Verfügung, R-0-VFG-1), rendered with WeasyPrint from a Django template.

Security (PITFALLS: WeasyPrint): the HTML is rendered with a private base URL `jvgstatic:/` and a URL
fetcher (`StatischerFetcher`) that serves only files below the project's own static folder
(`settings.STATICFILES_DIRS`) with an allow-listed file type. Every other URL — `http(s)://`,
`file://`, `data:`, FTP, redirects, path traversal — raises, so WeasyPrint skips the resource and no
network or file access leaves the static folder, whatever a decision's text contains.

Performance: rendering is synchronous. A decision of a few pages takes well under a second
(measured on the development machine: 30-paragraph Begründung, 5 pages, 0.39 s cold, 0.22-0.31 s
warm). WeasyPrint keeps the whole document in memory and is slow for long documents, so anything
long (bulk renders, decisions with annexes) belongs in a Celery task with a time limit, never in a
request (PITFALLS: WeasyPrint).
"""

from __future__ import annotations

import mimetypes
import re
import urllib.parse
from pathlib import Path

import weasyprint
from django.conf import settings
from django.template.loader import render_to_string
from weasyprint.urls import URLFetcher, URLFetcherResponse

from kern.briefdatum import datum_lang  # noqa: F401  (re-exported for letters)

SCHEMA = "jvgstatic"
BASIS_URL = f"{SCHEMA}:/"
VORLAGE = "pdf/verfuegung.html"

# urljoin() resolves relative URLs only for schemes it knows; registering ours lets the stylesheet's
# `url(../fonts/…)` resolve against `jvgstatic:/pdf/verfuegung.css`. Idempotent, affects no other scheme.
if SCHEMA not in urllib.parse.uses_relative:
    urllib.parse.uses_relative.append(SCHEMA)

# Only what a stylesheet of ours legitimately loads; never HTML, scripts or arbitrary files.
ERLAUBTE_TYPEN = {
    ".css": "text/css",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
}

PFLICHTFELDER_TEXT = (
    "behoerde",
    "abteilung",
    "nummer",
    "ort_datum",
    "titel",
    "rechtsgrundlage",
    "sachverhalt",
    "begruendung",
    "rechtsmittelbelehrung",
    "aufschiebende_wirkung",
)
PFLICHTFELDER_LISTE = ("adressat", "dispositiv", "unterschrift")
OPTIONALE_FELDER = ("kostenhinweis", "zustellart", "betreff", "mitteilung_an", "entwurf")

# "1. 1." in a PDF (issue 17): points their author numbered 1., 2., … lose that number; the template numbers.
_NUMMER_VORNE = re.compile(r"^\s*(\d{1,2})[.)]\s+")


def ziffern_ohne_nummer(punkte) -> list[str]:
    """The Dispositiv's points without the author's own numbering, when every point carries it in order
    (1., 2., …); a point that merely starts with a number ("3. Oktober …") keeps it."""
    punkte = [str(z).strip() for z in punkte if str(z).strip()]
    treffer = [_NUMMER_VORNE.match(z) for z in punkte]
    if punkte and all(t and int(t.group(1)) == i for i, t in enumerate(treffer, 1)):
        return [z[t.end() :].strip() for z, t in zip(punkte, treffer, strict=True)]
    return punkte


class ZugriffVerweigert(ValueError):
    """The PDF renderer refused to load a URL (not one of the app's own static files)."""


def _statische_wurzeln() -> list[Path]:
    wurzeln = []
    for eintrag in settings.STATICFILES_DIRS:
        # STATICFILES_DIRS entries may be (prefix, path) pairs; a prefixed folder is not ours to serve.
        if isinstance(eintrag, (tuple, list)):
            continue
        wurzeln.append(Path(eintrag).resolve())
    return wurzeln


def statische_datei(url: str) -> Path:
    """The file of the app's static folder that `url` (`jvgstatic:/<relative path>`) names, or raise.

    Refuses other schemes, hosts, queries, fragments, empty, `.` and `..` segments (also when
    percent-encoded), backslashes, file types outside `ERLAUBTE_TYPEN`, and any path whose resolved
    target (after symlinks) lies outside a static root.
    """
    teile = urllib.parse.urlsplit(url)
    if teile.scheme.lower() != SCHEMA or teile.netloc or teile.query or teile.fragment:
        raise ZugriffVerweigert(f"PDF-Renderer: URL nicht erlaubt: {url!r}")
    pfad = urllib.parse.unquote(teile.path)
    if not pfad.startswith("/"):
        raise ZugriffVerweigert(f"PDF-Renderer: URL nicht erlaubt: {url!r}")
    segmente = pfad[1:].split("/")
    if any(s in ("", ".", "..") or "\\" in s or "\x00" in s for s in segmente):
        raise ZugriffVerweigert(f"PDF-Renderer: Pfad nicht erlaubt: {url!r}")
    if Path(segmente[-1]).suffix.lower() not in ERLAUBTE_TYPEN:
        raise ZugriffVerweigert(f"PDF-Renderer: Dateityp nicht erlaubt: {url!r}")
    for wurzel in _statische_wurzeln():
        kandidat = wurzel.joinpath(*segmente).resolve()
        if kandidat.is_relative_to(wurzel) and kandidat.is_file():
            return kandidat
    raise ZugriffVerweigert(f"PDF-Renderer: keine statische Datei: {url!r}")


class StatischerFetcher(URLFetcher):
    """WeasyPrint URL fetcher that serves only the app's static files under `jvgstatic:/`.

    Overrides `fetch` completely, so none of urllib's handlers (HTTP, FTP, file, data, redirects) is
    ever reached. Raising makes WeasyPrint log a warning and skip the resource.
    """

    def __init__(self):
        super().__init__(allowed_protocols=[SCHEMA], allow_redirects=False, fail_on_errors=False)

    def fetch(self, url, headers=None):
        datei = statische_datei(url)
        typ = ERLAUBTE_TYPEN.get(datei.suffix.lower()) or mimetypes.guess_type(datei.name)[0]
        kopf = {"Content-Type": f"{typ}; charset=utf-8" if typ == "text/css" else typ}
        return URLFetcherResponse(url, body=datei.read_bytes(), headers=kopf)


def _kontext_pruefen(kontext: dict) -> dict:
    """Check the keys of R-0-VFG-1 and return the template context; raise ValueError naming what is missing."""
    if not isinstance(kontext, dict):
        raise ValueError("Verfügungs-PDF (R-0-VFG-1): kontext muss ein dict sein.")
    fehlend = []
    for feld in PFLICHTFELDER_TEXT:
        wert = kontext.get(feld)
        if wert is None or not str(wert).strip():
            fehlend.append(feld)
    for feld in PFLICHTFELDER_LISTE:
        wert = kontext.get(feld)
        if wert is None or isinstance(wert, str) or not [z for z in wert if str(z).strip()]:
            fehlend.append(feld)
    if fehlend:
        raise ValueError(
            "Verfügungs-PDF (R-0-VFG-1): fehlende oder leere Angaben: " + ", ".join(sorted(fehlend))
        )
    daten = {feld: str(kontext[feld]).strip() for feld in PFLICHTFELDER_TEXT}
    daten["adressat"] = [str(z) for z in kontext["adressat"] if str(z).strip()]
    daten["dispositiv"] = ziffern_ohne_nummer(kontext["dispositiv"])
    # Signature: first line is the deciding office, the rest (name, function) goes below the signature space.
    unterschrift = [str(z) for z in kontext["unterschrift"] if str(z).strip()]
    daten["unterschrift_stelle"] = unterschrift[0]
    daten["unterschrift_person"] = unterschrift[1:]
    daten["kostenhinweis"] = str(kontext.get("kostenhinweis") or "").strip()
    # Issue 17: mode of service above the address, reference line, distribution list, draft watermark.
    daten["zustellart"] = str(kontext.get("zustellart") or "").strip()
    daten["betreff"] = str(kontext.get("betreff") or "").strip()
    daten["mitteilung_an"] = [str(z) for z in kontext.get("mitteilung_an") or () if str(z).strip()]
    daten["entwurf"] = bool(kontext.get("entwurf"))
    return daten


def render_verfuegung_html(kontext: dict) -> str:
    """The autoescaped HTML of a Verfügung (for tests and previews); same validation as the PDF."""
    return render_to_string(VORLAGE, _kontext_pruefen(kontext))


def render_verfuegung_pdf(kontext: dict) -> bytes:
    """Render a Verfügung as A4 PDF (R-0-VFG-1) and return its bytes.

    Keys: behoerde, abteilung, nummer, ort_datum, adressat (list of lines), titel, rechtsgrundlage,
    sachverhalt, begruendung (paragraphs separated by blank lines), dispositiv (list, numbered 1., 2., …),
    rechtsmittelbelehrung, aufschiebende_wirkung, kostenhinweis (optional, "" = none), unterschrift
    (list of lines: office, then name and function). Missing or empty keys raise ValueError naming them.

    Synchronous: fine for a single decision (a few tenths of a second); long documents or batches
    belong in a Celery task with a time limit (PITFALLS: WeasyPrint).
    """
    html = render_verfuegung_html(kontext)
    dokument = weasyprint.HTML(string=html, base_url=BASIS_URL, url_fetcher=StatischerFetcher())
    return dokument.write_pdf()


def render_pdf(vorlage: str, kontext: dict) -> bytes:
    """Render any template to an A4 PDF with the same restricted fetcher (only `jvgstatic:/` files of
    the app's static folder; see the module docstring). Used for cost statements (`kosten.domain.ausgabe`).

    Synchronous; a long document (a statement with thousands of lines) belongs in a Celery task with a
    time limit (PITFALLS: WeasyPrint)."""
    html = render_to_string(vorlage, kontext)
    dokument = weasyprint.HTML(string=html, base_url=BASIS_URL, url_fetcher=StatischerFetcher())
    return dokument.write_pdf()
