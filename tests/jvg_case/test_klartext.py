"""Plain language in the interface (issue 17, item 5): what users read names the §, never an internal code.

One project-wide walk: with the demo data (`manage.py demo_daten`), every demo login opens the start page
and follows the links of the app's own pages (list and detail pages of every module, capped per URL
pattern), submits each reachable entry form empty and with nonsense (the validation messages), and
no page may show in its visible text (`title` attributes and HTML comments do not count):

- a rule ID (`R-12-1`, `R-KOST-1`, `R-0-4EYES-1`),
- a counting-method code (`tage_vrg_lu_v1`, `monate_art77_or_v1` …),
- a database id as title or breadcrumb ("#1" in a title or heading, "› 1" at the end of a breadcrumb).

The API answers errors without rule IDs as well (kern.web.api.exception_handler).
"""

import re
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from rest_framework.test import APIClient

from kern import erweiterungen
from kern.klartext import REGEL_ID, ZAEHLWEISEN, ohne_regel_ids, zaehlweise_text
from kern.models import Benutzer
from kern.rollen import Rolle

ZAEHLCODES = re.compile("|".join(re.escape(code) for code in ZAEHLWEISEN))
DB_ID_TITEL = re.compile(r"#\d+")
BROTKRUMEN_ID = re.compile(r"›\s*\d+\s*$")
# Not pages of the app's own (API, admin, files, exports) or a state change by GET.
# The auditors' views show stored values as they are (rule IDs, counting codes): not checked.
PRUEFSICHT = re.compile(r"^/(revision|bedrohung/protokoll)")
AUSGELASSEN = re.compile(
    r"^/(api|admin|static|media|konto/abmelden|logout|oauth)|\.(pdf|ics|csv|json|xml|zip|txt)$"
    r"|/(pdf|vorschau\.pdf|download|datei|beilage|arztzeugnis|arztbericht|inhalt|abhoeren|ical|export)/?"
)
PRO_MUSTER = 2  # pages per URL pattern (digits → n) and user
HOECHSTENS = 160  # pages per user


class _Text(HTMLParser):
    """Visible text (no script/style, no attributes), the text of <title>/<h1> and of breadcrumbs,
    the links, and the POST forms with their fields."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.teile, self.titel, self.links, self.formulare = [], [], [], []
        self._stapel = []
        self._brotkrumen = None
        self._formular = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self._stapel.append(tag)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag == "p" and "brotkrumen" in (a.get("class") or ""):
            self._brotkrumen = []
        if tag == "form" and (a.get("method") or "get").lower() == "post":
            self._formular = {"action": a.get("action") or "", "felder": {}}
            self.formulare.append(self._formular)
        if self._formular is not None and tag in ("input", "select", "textarea") and a.get("name"):
            typ = (a.get("type") or "").lower()
            if tag == "input" and typ in ("hidden", "submit", "button"):
                self._formular["felder"].setdefault(a["name"], a.get("value") or "")
            else:
                self._formular["felder"].setdefault(a["name"], None)

    def handle_endtag(self, tag):
        if tag == "p" and self._brotkrumen is not None:
            self.titel.append(("brotkrumen", "".join(self._brotkrumen).strip()))
            self._brotkrumen = None
        if tag == "form":
            self._formular = None
        while self._stapel:
            if self._stapel.pop() == tag:
                break

    def handle_data(self, data):
        if self._stapel and self._stapel[-1] in ("script", "style"):
            return
        self.teile.append(data)
        if self._brotkrumen is not None:
            self._brotkrumen.append(data)
        if self._stapel and self._stapel[-1] in ("title", "h1", "h2"):
            self.titel.append((self._stapel[-1], data.strip()))


def _fehler(url: str, html: str) -> tuple[list[str], _Text]:
    parser = _Text()
    parser.feed(html)
    text = " ".join(parser.teile)
    funde = []
    for treffer in REGEL_ID.finditer(text):
        funde.append(f"{url}: Regel-ID «{text[max(0, treffer.start() - 60) : treffer.end() + 20].strip()}»")
    for treffer in ZAEHLCODES.finditer(text):
        funde.append(f"{url}: Zählweise-Code «{treffer.group()}»")
    for art, inhalt in parser.titel:
        if art == "brotkrumen" and BROTKRUMEN_ID.search(inhalt):
            funde.append(f"{url}: Datenbank-ID in der Brotkrumennavigation «{inhalt}»")
        elif art != "brotkrumen" and DB_ID_TITEL.search(inhalt):
            funde.append(f"{url}: Datenbank-ID im Titel «{inhalt}»")
    return funde, parser


def _muster(pfad: str) -> str:
    return re.sub(r"\d+", "n", pfad)


def _rundgang(client: Client) -> tuple[list[str], set, dict]:
    """Follow the app's own links from the start page; submit each entry form empty and with nonsense."""
    offen, gesehen, muster, funde = ["/"], set(), {}, []
    formulare = {}
    while offen and len(gesehen) < HOECHSTENS:
        url = offen.pop(0)
        if url in gesehen:
            continue
        gesehen.add(url)
        antwort = client.get(url)
        if antwort.status_code != 200 or "text/html" not in antwort.get("Content-Type", ""):
            continue
        neu, parser = _fehler(url, antwort.content.decode())
        if not PRUEFSICHT.search(urlsplit(url).path):
            funde += neu
        for formular in parser.formulare:
            ziel = formular["action"] or urlsplit(url).path
            # Entry forms only ("…/neu/", "…/erfassen/" …): a button form (no typed fields) may be a
            # final action, which this walk does not trigger.
            if any(wert is None for wert in formular["felder"].values()):
                formulare.setdefault(_muster(ziel), (ziel, formular["felder"]))
        for href in parser.links:
            href = urldefrag(href)[0]
            teile = urlsplit(href)
            if (
                teile.scheme
                or teile.netloc
                or not teile.path.startswith("/")
                or AUSGELASSEN.search(teile.path)
            ):
                continue
            schluessel = _muster(teile.path) + ("?" if teile.query else "")
            if muster.get(schluessel, 0) >= PRO_MUSTER or href in gesehen:
                continue
            muster[schluessel] = muster.get(schluessel, 0) + 1
            offen.append(href)
    for ziel, felder in formulare.values():
        feste = {name: wert for name, wert in felder.items() if wert is not None}
        for daten in (
            feste,
            {**feste, **{name: "x-Unsinn" for name, wert in felder.items() if wert is None}},
        ):
            antwort = client.post(ziel, daten)
            assert antwort.status_code < 500, f"{ziel}: {antwort.status_code}"
            if antwort.status_code == 200 and "text/html" in antwort.get("Content-Type", ""):
                funde += _fehler(f"POST {ziel}", antwort.content.decode())[0]
    return funde, gesehen, formulare


@pytest.fixture
def demo(db):
    call_command("demo_daten", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return {
        u.rolle: u
        for u in Benutzer.objects.exclude(rolle=Rolle.SYSTEM).filter(is_active=True).order_by("-pk")
        if u.has_usable_password()
    }


@pytest.mark.parametrize(
    "rolle",
    [
        Rolle.SACHBEARBEITUNG,
        Rolle.ANSTALTSLEITUNG,
        Rolle.ANSTALTSPERSONAL,
        Rolle.MEDIZIN,
        Rolle.REVISION,
        Rolle.BEDROHUNGSMANAGEMENT,
    ],
)
def test_keine_internen_kennungen_auf_den_seiten(demo, rolle):
    assert rolle in demo, f"Demo-Daten ohne Login der Rolle {rolle}"
    client = Client()
    client.force_login(demo[rolle])
    funde, gesehen, formulare = _rundgang(client)
    print(rolle, len(gesehen), "Seiten", len(formulare), "Formulare", sorted(formulare))
    assert len(gesehen) >= 15  # the walk reached the modules, not only the start page
    assert not funde, "\n".join(funde[:40])


def test_rundgang_erkennt_kennungen():
    """The checks themselves: a rule ID, a code and a "#1" title are found; a title attribute is not."""
    seite = (
        '<html><head><title>Zwangsmedikation #1</title></head><body><p class="brotkrumen"><a href="/">A</a> › 1</p>'
        '<p title="R-12-1">§ 12 JVG (R-12-1): Nur rechtskräftige Entscheide</p><span>tage_vrg_lu_v1</span></body></html>'
    )
    funde, _parser = _fehler("/x/", seite)
    assert len(funde) == 4
    sauber = (
        '<html><head><title>Fall 2026-001</title></head><body><p title="R-12-1">§ 12 JVG</p></body></html>'
    )
    assert _fehler("/x/", sauber)[0] == []


def test_meldungen_ohne_regel_id_mit_paragraph():
    assert ohne_regel_ids("§ 12 JVG (R-12-1): Nur rechtskräftige Entscheide") == (
        "§ 12 JVG: Nur rechtskräftige Entscheide"
    )
    assert (
        ohne_regel_ids("R-KOST-1: Beträge als Zeichenkette übergeben.")
        == "Beträge als Zeichenkette übergeben."
    )
    assert (
        ohne_regel_ids("Keine Berechtigung: Fall erfassen (R-0-ROLE-1).")
        == "Keine Berechtigung: Fall erfassen."
    )
    assert ohne_regel_ids("(erforderlich ab 6 Monaten, R-18-1)") == "(erforderlich ab 6 Monaten)"
    assert ohne_regel_ids("(R-18-3, sofern keine neuere Version)") == "(sofern keine neuere Version)"
    assert ohne_regel_ids("R-41-5a und R-41-5b: verjährt.") == "verjährt."
    assert ohne_regel_ids("ohne Kennung") == "ohne Kennung"


def test_zaehlweisen_deutsch():
    from kern import fristen

    assert zaehlweise_text(fristen.METHODE_TAGE).startswith("Tage nach § 34 VRG")
    assert zaehlweise_text(fristen.METHODE_MONATE).startswith("Monate nach Art. 77 OR")
    assert "_v1" not in zaehlweise_text("unbekannt_v9")


def test_api_fehler_ohne_regel_id(sachbearbeitung, anstalt_a):
    """The API's error body keeps the wording and loses the rule ID ("R-KOST-1: Beträge als …")."""
    client = APIClient()
    client.force_authenticate(sachbearbeitung)
    daten = {
        "anstalt": anstalt_a.pk,
        "vollzugsform": "normalvollzug",
        "gueltigAb": "2026-01-01",
        "betrag": 285.5,
    }
    antwort = client.post("/api/v1/kosten/tagesansaetze/", daten, format="json")
    assert antwort.status_code == 400
    assert antwort.json()["betrag"] == [
        'Beträge als Zeichenkette übergeben (z. B. "1234.55"), nicht als JSON-Zahl.'
    ]
    antwort = client.get("/api/v1/verfuegungen/", {"person": "abc"})
    assert antwort.status_code == 400 and not REGEL_ID.search(antwort.content.decode())


def test_fristquellen_typen_ohne_code():
    """The deadline types users filter by are German labels, not keys."""
    for _typ, (bezeichnung, _quelle) in erweiterungen.QUELLEN.items():
        assert not REGEL_ID.search(bezeichnung) and not ZAEHLCODES.search(bezeichnung)
