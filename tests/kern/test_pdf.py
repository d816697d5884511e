"""Verfügung PDF (R-0-VFG-1): content, fonts shipped with the app, and the locked-down URL fetcher."""

import io
import socket
from pathlib import Path

import pypdf
import pytest
import weasyprint
from django.conf import settings
from fontTools.ttLib import TTFont

from kern.pdf import (
    BASIS_URL,
    StatischerFetcher,
    ZugriffVerweigert,
    render_verfuegung_html,
    render_verfuegung_pdf,
)

pytestmark = pytest.mark.rule("R-0-VFG-1")

FONTS = Path(settings.BASE_DIR) / "static" / "fonts"

RECHTSMITTEL = (
    "Gegen diese Verfügung kann innert 20 Tagen seit Zustellung beim Justiz- und Sicherheitsdepartement "
    "des Kantons Luzern, Bahnhofstrasse 15, 6002 Luzern, Verwaltungsbeschwerde erhoben werden "
    "(§ 43 Abs. 1 JVG). Die Beschwerde ist schriftlich einzureichen, zu unterzeichnen und hat einen "
    "Antrag sowie eine Begründung zu enthalten; die Beweismittel sind beizulegen."
)
AUFSCHIEBEND = (
    "Einer Beschwerde gegen diese Verfügung kommt keine aufschiebende Wirkung zu (§ 44 JVG), "
    "sofern die Beschwerdeinstanz sie nicht gewährt."
)


def kontext(**aenderungen):
    daten = {
        "behoerde": "Justiz- und Sicherheitsdepartement des Kantons Luzern",
        "abteilung": "Dienststelle Militär, Zivilschutz und Justizvollzug – Vollzugs- und Bewährungsdienst",
        "nummer": "V-2026-00012",
        "ort_datum": "Luzern, 30.03.2026",
        "adressat": ["Einschreiben", "Herr", "Jörg Müller-Bühler", "c/o JVA Grosshof", "6010 Kriens"],
        "titel": "Versetzung in eine andere Vollzugseinrichtung",
        "rechtsgrundlage": "§ 17 Abs. 2 lit. b JVG (SRL Nr. 305)",
        "sachverhalt": "Herr Müller verbüsst seit dem 12.01.2026 eine Freiheitsstrafe in der JVA Grosshof.",
        "begruendung": "Erster Absatz der Erwägungen.\n\nZweiter Absatz: Sicherheit und Ordnung überwiegen.",
        "dispositiv": [
            "Herr Jörg Müller-Bühler wird in die JVA Wauwilermoos versetzt.",
            "Einer Beschwerde wird die aufschiebende Wirkung entzogen.",
            "Zustellung an die Betroffenen.",
        ],
        "rechtsmittelbelehrung": RECHTSMITTEL,
        "aufschiebende_wirkung": AUFSCHIEBEND,
        "kostenhinweis": "Für diese Verfügung werden keine Kosten erhoben.",
        "unterschrift": ["Vollzugs- und Bewährungsdienst", "Dr. Anna Beispiel", "Abteilungsleiterin"],
    }
    daten.update(aenderungen)
    return daten


def _kompakt(text: str) -> str:
    # Line breaks of the layout (also after a hyphen) must not matter: compare without any whitespace.
    return "".join(text.split())


def _text(pdf: bytes) -> str:
    return "\n".join(seite.extract_text() for seite in pypdf.PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture(scope="module")
def pdf():
    return render_verfuegung_pdf(kontext())


def test_verfuegung_pdf_ist_pdf(pdf):
    assert pdf.startswith(b"%PDF-")


def test_verfuegung_pdf_enthaelt_alle_bestandteile(pdf):
    text = _kompakt(_text(pdf))
    k = kontext()
    erwartet = [
        "Kanton Luzern",
        k["behoerde"],
        k["abteilung"],
        *k["adressat"],
        k["ort_datum"],
        "Verfügung Nr. V-2026-00012",
        k["titel"],
        "Rechtsgrundlage",
        k["rechtsgrundlage"],
        "Sachverhalt",
        k["sachverhalt"],
        "Erwägungen (Begründung)",
        "Erster Absatz der Erwägungen.",
        "Zweiter Absatz: Sicherheit und Ordnung überwiegen.",
        "Dispositiv",
        "Es wird verfügt:",
        "1. Herr Jörg Müller-Bühler wird in die JVA Wauwilermoos versetzt.",
        "2. Einer Beschwerde wird die aufschiebende Wirkung entzogen.",
        "3. Zustellung an die Betroffenen.",
        "Rechtsmittelbelehrung",
        RECHTSMITTEL,
        "Aufschiebende Wirkung",
        AUFSCHIEBEND,
        "Kosten",
        k["kostenhinweis"],
        *k["unterschrift"],
        "Seite 1 von 2",
        "Seite 2 von 2",
    ]
    fehlend = [teil for teil in erwartet if _kompakt(teil) not in text]
    assert fehlend == []


def test_verfuegung_pdf_dispositiv_in_reihenfolge(pdf):
    text = _kompakt(_text(pdf))
    positionen = [text.index(_kompakt(f"{nr}. {p}")) for nr, p in enumerate(kontext()["dispositiv"], 1)]
    assert positionen == sorted(positionen)
    assert text.index("Eswirdverfügt:") < positionen[0] < text.index("Rechtsmittelbelehrung")


def test_verfuegung_pdf_umlaute_bleiben_erhalten(pdf):
    text = _text(pdf)
    assert "Müller-Bühler" in text
    assert "Militär" in text
    assert "überwiegen" in text
    assert "ä" in text and "ö" in text and "ü" in text


def test_verfuegung_pdf_ohne_kostenhinweis_ohne_kostenabschnitt():
    for ohne in (kontext(kostenhinweis=""), {k: v for k, v in kontext().items() if k != "kostenhinweis"}):
        html = render_verfuegung_html(ohne)
        assert "<h2>Kosten</h2>" not in html
    text = _kompakt(_text(render_verfuegung_pdf(kontext(kostenhinweis=""))))
    assert "Kosten" not in text


@pytest.mark.parametrize(
    "entfernt",
    [
        ("rechtsmittelbelehrung",),
        ("aufschiebende_wirkung", "dispositiv"),
        ("behoerde", "adressat", "unterschrift"),
    ],
)
def test_verfuegung_pdf_fehlende_angaben_valueerror(entfernt):
    daten = {k: v for k, v in kontext().items() if k not in entfernt}
    with pytest.raises(ValueError) as fehler:
        render_verfuegung_pdf(daten)
    assert str(fehler.value) == (
        "Verfügungs-PDF (R-0-VFG-1): fehlende oder leere Angaben: " + ", ".join(sorted(entfernt))
    )


def test_verfuegung_pdf_leere_angaben_valueerror():
    daten = kontext(sachverhalt="   ", dispositiv=[], adressat="Herr Müller")
    with pytest.raises(ValueError) as fehler:
        render_verfuegung_pdf(daten)
    assert str(fehler.value) == (
        "Verfügungs-PDF (R-0-VFG-1): fehlende oder leere Angaben: adressat, dispositiv, sachverhalt"
    )


def test_verfuegung_pdf_seitenzahl_stabil():
    gross = kontext(begruendung="\n\n".join(f"Absatz {i}: " + "Erwägung zur Sache. " * 30 for i in range(30)))
    seiten = [len(pypdf.PdfReader(io.BytesIO(render_verfuegung_pdf(gross))).pages) for _ in range(2)]
    assert seiten[0] == seiten[1]
    assert seiten[0] > 2
    assert _kompakt(f"Seite {seiten[0]} von {seiten[0]}") in _kompakt(_text(render_verfuegung_pdf(gross)))


def _eingebettete_schriften(pdf: bytes) -> dict[str, TTFont]:
    schriften = {}
    for seite in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        for schrift in seite["/Resources"]["/Font"].values():
            schrift = schrift.get_object()
            name = str(schrift["/BaseFont"]).split("+", 1)[1]
            beschreibung = schrift["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            programm = beschreibung["/FontFile2"].get_object().get_data()
            schriften[name] = TTFont(io.BytesIO(programm))
    return schriften


def _namen(font: TTFont) -> tuple[str, str, str]:
    return tuple(font["name"].getDebugName(i) for i in (1, 5, 6))  # family, version, PostScript name


def test_verfuegung_pdf_bettet_mitgelieferte_schrift_ein(pdf):
    schriften = _eingebettete_schriften(pdf)
    # Only the @font-face family of static/pdf/verfuegung.css; a missing font file would fall back to a
    # system font (DejaVu) under its own name.
    assert sorted(schriften) == ["JVG-Sans", "JVG-Sans-Bold"]
    assert _namen(schriften["JVG-Sans"]) == _namen(TTFont(FONTS / "LiberationSans-Regular.ttf"))
    assert _namen(schriften["JVG-Sans-Bold"]) == _namen(TTFont(FONTS / "LiberationSans-Bold.ttf"))
    assert _namen(schriften["JVG-Sans"]) == ("Liberation Sans", "Version 2.1.5", "LiberationSans")


def test_schriften_mit_lizenz_ausgeliefert():
    for datei in ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf", "LiberationSans-Italic.ttf"):
        assert (FONTS / datei).is_file()
    assert "SIL OPEN FONT LICENSE Version 1.1" in (FONTS / "LiberationSans-LICENSE.txt").read_text()


# --- URL fetcher: only the app's own static files -------------------------------------------------


def test_fetcher_liefert_eigenes_stylesheet():
    antwort = StatischerFetcher().fetch("jvgstatic:/pdf/verfuegung.css")
    assert antwort.content_type == "text/css"
    assert antwort.charset == "utf-8"
    assert antwort.read() == (Path(settings.BASE_DIR) / "static" / "pdf" / "verfuegung.css").read_bytes()


def test_fetcher_liefert_schrift():
    antwort = StatischerFetcher().fetch("jvgstatic:/fonts/LiberationSans-Bold.ttf")
    assert antwort.content_type == "font/ttf"
    assert antwort.read() == (FONTS / "LiberationSans-Bold.ttf").read_bytes()


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/x.png",
        "https://example.org/x.css",
        "file:///etc/passwd",
        "file://" + str(Path(settings.BASE_DIR) / "static" / "pdf" / "verfuegung.css"),
        "data:text/css,body{}",
        "ftp://127.0.0.1/x.css",
        "jvgstatic:/../../etc/passwd",
        "jvgstatic:/pdf/../../../etc/passwd",
        "jvgstatic:/%2e%2e/%2e%2e/etc/passwd",
        "jvgstatic:/pdf/..%2f..%2fpyproject.toml",
        "jvgstatic:/pdf\\..\\..\\etc\\passwd.css",
        "jvgstatic://127.0.0.1/pdf/verfuegung.css",
        "jvgstatic:/pdf/verfuegung.css?x=1",
        "jvgstatic:pdf/verfuegung.css",
        "jvgstatic:/pdf/gibt-es-nicht.css",
        "jvgstatic:/css/../../jvg_case/settings.py",
        "jvgstatic:/img/",
        "../fonts/LiberationSans-Bold.ttf",
    ],
)
def test_fetcher_verweigert(url):
    with pytest.raises(ZugriffVerweigert):
        StatischerFetcher().fetch(url)


def test_fetcher_verweigert_symlink_aus_static_hinaus(settings, tmp_path):
    (tmp_path / "pdf").mkdir()
    (tmp_path / "pdf" / "geheim.css").symlink_to("/etc/passwd")
    settings.STATICFILES_DIRS = [tmp_path]
    with pytest.raises(ZugriffVerweigert):
        StatischerFetcher().fetch("jvgstatic:/pdf/geheim.css")


@pytest.fixture
def horcher():
    """A listening TCP socket: any fetch attempt of WeasyPrint would show up as a pending connection."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    sock.setblocking(False)
    yield sock, f"http://127.0.0.1:{sock.getsockname()[1]}"
    sock.close()


def _keine_verbindung(sock):
    with pytest.raises(BlockingIOError):
        sock.accept()


def test_verfuegung_pdf_html_im_kontext_wird_text_nicht_abgerufen(horcher):
    sock, basis = horcher
    angriff = f'<img src="{basis}/x.png"><link rel="stylesheet" href="file:///etc/passwd">'
    html = render_verfuegung_html(kontext(sachverhalt=angriff))
    assert "&lt;img src=&quot;" in html
    assert f'<img src="{basis}' not in html
    text = _kompakt(_text(render_verfuegung_pdf(kontext(sachverhalt=angriff))))
    assert _kompakt(angriff) in text
    _keine_verbindung(sock)


def test_fetcher_im_renderer_laedt_nur_static(horcher):
    sock, basis = horcher
    # Attachments are embedded into the PDF: a refused one is missing, an allowed one (control) is there.
    html = f"""<html><head>
      <link rel="stylesheet" href="{basis}/a.css">
      <link rel="attachment" href="file:///etc/passwd" title="passwd">
      <link rel="attachment" href="../../etc/hostname" title="hostname">
      <link rel="attachment" href="pdf/verfuegung.css" title="stil">
      </head><body>
      <img src="{basis}/b.png"><img src="https://127.0.0.1:{sock.getsockname()[1]}/c.png">
      <img src="file:///etc/passwd"><object data="{basis}/d.svg"></object>
      <p>Text</p></body></html>"""
    pdf = weasyprint.HTML(string=html, base_url=BASIS_URL, url_fetcher=StatischerFetcher()).write_pdf()
    anhaenge = pypdf.PdfReader(io.BytesIO(pdf)).attachments
    assert sorted(anhaenge) == ["verfuegung.css"]
    _keine_verbindung(sock)
