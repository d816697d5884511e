"""Load test of jvg-case (issue 20 item 6): `make last` against a running `make prod-run` with demo data.

Bounded and loopback only: refuses any host outside 127.0.0.0/8, localhost and ::1; stops after --dauer
seconds or --max-anfragen requests, whichever comes first. N virtual users (threads), each signed in as
one role of a realistic mix, each waiting 0.5–1.5 s between page views ("think time"):

    sachbearbeitung 50 %: start page, case list, person search, case page, a Verfügung PDF, API case list
    leitung.grosshof 20 %: start page, case list, case page, Verfügung list
    personal.grosshof 15 %: start page, case list, case page
    Partnerbehörde (OAuth2 client) 15 %: agency API (§ 21 Auskunft) with purpose header, paced so that all
        agency threads together stay below the client's rate (JVG_BEHOERDEN_RATE, 120/min): a real agency
        client obeys its rate limit, and a 429 counts as an error

Each virtual user signs in with its own account ``last.<rolle>.<nn>`` and the second factor, as production
demands (TOTP, one code per account and time step): `make prod-run` with JVG_PROD_DEMO=1 creates the accounts
(`manage.py lastnutzer`) and the shared TOTP secret in var/prod/geheim/lasttest_totp.

Prints requests/s, errors, p50/p95/p99 per kind and overall, as text and (--json) as JSON.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import ipaddress
import json
import random
import re
import socket
import statistics
import struct
import sys
import threading
import time
from collections import defaultdict
from urllib.parse import urlsplit

import requests
import urllib3

PASSWORT = "Luzern-Demo-2026"  # kern.erweiterungen.DEMO_PASSWORT
AGENTUR = ("demo-strassenverkehrsamt", "demo-geheimnis-strassenverkehrsamt", "fuehrerausweis")
AGENTUR_PRO_MIN = 100  # below the agency rate JVG_BEHOERDEN_RATE (120/min) of the one demo client


def totp(geheimnis: str, jetzt: float | None = None) -> str:
    """RFC 6238 (SHA-1, 6 digits, 30 s), as kern.anmeldung.code: the load script needs no Django."""
    schritt = int((time.time() if jetzt is None else jetzt) // 30)
    digest = hmac.new(base64.b32decode(geheimnis), struct.pack(">Q", schritt), hashlib.sha1).digest()
    versatz = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[versatz : versatz + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


def nur_loopback(basis: str) -> None:
    host = urlsplit(basis).hostname or ""
    adressen = {info[4][0] for info in socket.getaddrinfo(host, None)}
    if not adressen or not all(ipaddress.ip_address(a.split("%")[0]).is_loopback for a in adressen):
        sys.exit(f"Lasttest nur gegen diese Maschine (127.0.0.0/8, ::1): {host} → {sorted(adressen)}")


class Messung:
    def __init__(self):
        self.lock = threading.Lock()
        self.dauern: dict[str, list[float]] = defaultdict(list)
        self.fehler: dict[str, int] = defaultdict(int)
        self.fehlerbeispiele: list[str] = []
        self.anzahl = 0

    def eintragen(self, art: str, dauer: float, ok: bool, beispiel: str = "") -> None:
        with self.lock:
            self.anzahl += 1
            self.dauern[art].append(dauer)
            if not ok:
                self.fehler[art] += 1
                if len(self.fehlerbeispiele) < 10:
                    self.fehlerbeispiele.append(f"{art}: {beispiel}")


def _perzentil(werte: list[float], p: float) -> float:
    if not werte:
        return 0.0
    werte = sorted(werte)
    return werte[min(len(werte) - 1, int(round(p / 100 * (len(werte) - 1))))]


class Nutzer(threading.Thread):
    def __init__(
        self,
        nr,
        rolle,
        basis,
        verify,
        messung,
        ende,
        stopp,
        max_anfragen,
        *,
        konto="",
        totp="",
        pause=(0.5, 1.5),
    ):
        super().__init__(daemon=True, name=f"nutzer-{nr}")
        self.rolle, self.basis, self.messung, self.ende, self.stopp = rolle, basis, messung, ende, stopp
        self.konto, self.totp_geheimnis, self.pause = konto or rolle, totp, pause
        self.max_anfragen = max_anfragen
        self.s = requests.Session()
        self.verify = verify  # per request: REQUESTS_CA_BUNDLE would override a session's setting
        self.zufall = random.Random(nr)
        self.faelle: list[str] = []
        self.verfuegungen: list[str] = []

    def _weiter(self) -> bool:
        return (
            time.monotonic() < self.ende
            and not self.stopp.is_set()
            and self.messung.anzahl < self.max_anfragen
        )

    def anfrage(self, art, methode, pfad, erwartet=(200,), **kw):
        beginn = time.monotonic()
        try:
            antwort = self.s.request(
                methode, self.basis + pfad, timeout=30, allow_redirects=False, verify=self.verify, **kw
            )
            ok = antwort.status_code in erwartet  # a redirect to the sign-in page is an error too
            self.messung.eintragen(art, time.monotonic() - beginn, ok, f"{antwort.status_code} {pfad}")
            return antwort
        except requests.RequestException as exc:
            self.messung.eintragen(art, time.monotonic() - beginn, False, f"{type(exc).__name__} {pfad}")
            return None

    def anmelden(self) -> bool:
        if self.rolle == "agentur":
            client_id, geheimnis, self.zweck = AGENTUR
            antwort = self.anfrage(
                "oauth_token", "POST", "/o/token/",
                data={"grant_type": "client_credentials", "scope": "auskunft"}, auth=(client_id, geheimnis),
            )  # fmt: skip
            if antwort is None or antwort.status_code != 200:
                return False
            self.s.headers["Authorization"] = f"Bearer {antwort.json()['access_token']}"
            self.s.headers["X-Zweck"] = self.zweck
            self.s.headers["X-Sachbearbeitung"] = "Lasttest"
            return True
        self.anfrage("anmelden_formular", "GET", "/anmelden/")
        csrf = next((c.value for c in self.s.cookies if c.name.endswith("csrftoken")), "")
        antwort = self.anfrage(
            "anmelden", "POST", "/anmelden/",
            data={"username": self.konto, "password": PASSWORT, "csrfmiddlewaretoken": csrf},
            headers={"Referer": self.basis + "/anmelden/"},
            erwartet=(302,),
        )  # fmt: skip
        if antwort is None or antwort.status_code != 302:
            return False
        ziel = antwort.headers.get("Location", "/")
        if not ziel.startswith("/anmelden/zweiter-faktor/"):
            # Production sends every page to the second factor (TOTP) until the code is given.
            weiter = self.anfrage("anmelden_weiter", "GET", ziel, erwartet=(200, 302))
            ziel = weiter.headers.get("Location", "") if weiter is not None else ""
        if ziel.startswith("/anmelden/zweiter-faktor/"):
            self.anfrage("zweiter_faktor_formular", "GET", ziel)
            csrf = next((c.value for c in self.s.cookies if c.name.endswith("csrftoken")), "")
            antwort = self.anfrage(
                "zweiter_faktor", "POST", "/anmelden/zweiter-faktor/",
                data={"code": totp(self.totp_geheimnis), "csrfmiddlewaretoken": csrf},
                headers={"Referer": self.basis + "/anmelden/zweiter-faktor/"},
                erwartet=(302,),
            )  # fmt: skip
            if antwort is None or antwort.status_code != 302:
                return False
        liste = self.anfrage("fall_liste", "GET", "/vollzug/faelle/")
        if liste is not None:
            self.faelle = sorted(set(re.findall(r'href="(/vollzug/faelle/\d+/)"', liste.text)))[:20]
        if self.rolle != "personal.grosshof":
            vfg = self.anfrage("verfuegung_liste", "GET", "/verfuegungen/")
            if vfg is not None:
                self.verfuegungen = sorted(set(re.findall(r'href="(/verfuegungen/\d+/)"', vfg.text)))[:20]
        return True

    def schritt(self) -> None:
        z = self.zufall
        if self.rolle == "agentur":
            # § 21 Abs. 2: one search term; the demo person's AHV number (kern demo data).
            self.anfrage("api_agentur", "GET", "/api/v1/auskunft/personen/?vn=7569217076985")
            return
        wahl = z.random()
        if wahl < 0.25:
            self.anfrage("start", "GET", "/")
        elif wahl < 0.45:
            self.anfrage("fall_liste", "GET", "/vollzug/faelle/")
        elif wahl < 0.70 and self.faelle:
            self.anfrage("fall_seite", "GET", z.choice(self.faelle))
        elif wahl < 0.80 and self.rolle == "sachbearbeitung":
            self.anfrage(
                "suche", "GET", "/vollzug/personen/?q=" + z.choice(["Muster", "Keller", "Meier", "a"])
            )
        elif wahl < 0.87 and self.rolle == "sachbearbeitung" and self.verfuegungen:
            self.anfrage("verfuegung_pdf", "GET", z.choice(self.verfuegungen) + "pdf/")
        elif wahl < 0.95 and self.rolle == "sachbearbeitung":
            self.anfrage("api_faelle", "GET", "/api/v1/faelle/?limit=20")
        elif self.verfuegungen:
            self.anfrage("verfuegung_liste", "GET", "/verfuegungen/")
        else:
            self.anfrage("start", "GET", "/")

    def run(self) -> None:
        time.sleep(self.zufall.uniform(0, 5))  # ramp-up
        if not self._weiter() or not self.anmelden():
            return
        while self._weiter():
            self.schritt()
            time.sleep(self.zufall.uniform(*self.pause))


ROLLEN = ["sachbearbeitung"] * 10 + ["leitung.grosshof"] * 4 + ["personal.grosshof"] * 3 + ["agentur"] * 3


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--basis", default="https://127.0.0.1:8443")
    p.add_argument("--nutzer", type=int, default=50)
    p.add_argument("--dauer", type=int, default=300, help="Sekunden (höchstens 1800)")
    p.add_argument("--max-anfragen", type=int, default=500_000)
    p.add_argument(
        "--zertifikat", default="", help="CA-Datei; ohne: Zertifikat nicht prüfen (lokal, selbstsigniert)"
    )
    p.add_argument("--json", default="", help="Ergebnis zusätzlich als JSON in diese Datei")
    p.add_argument(
        "--totp-geheimnis-datei", default="var/prod/geheim/lasttest_totp",
        help="Base32-Geheimnis der Lasttest-Konten (make prod-run mit JVG_PROD_DEMO=1 legt es an)",
    )  # fmt: skip
    p.add_argument("--konten", type=int, default=60, help="Konten je Rolle (manage.py lastnutzer --anzahl)")
    a = p.parse_args(argv)
    if not (1 <= a.nutzer <= 500 and 1 <= a.dauer <= 1800 and 1 <= a.max_anfragen <= 2_000_000):
        sys.exit("--nutzer 1–500, --dauer 1–1800 s, --max-anfragen 1–2000000")
    nur_loopback(a.basis)
    if not a.zertifikat:
        urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)
    try:
        with open(a.totp_geheimnis_datei, encoding="ascii") as datei:
            geheimnis = datei.read().strip()
    except OSError:
        geheimnis = ""  # without production's second factor (make run) no code is asked for
    rollen = [ROLLEN[i % len(ROLLEN)] for i in range(a.nutzer)]
    agenturen = max(1, rollen.count("agentur"))
    takt = agenturen * 60 / AGENTUR_PRO_MIN  # seconds between two requests of one agency thread
    zaehler: dict[str, int] = defaultdict(int)
    konten = []
    for rolle in rollen:
        zaehler[rolle] += 1
        konten.append(f"last.{rolle}.{(zaehler[rolle] - 1) % a.konten + 1:02d}")
    messung, stopp = Messung(), threading.Event()
    beginn = time.monotonic()
    ende = beginn + a.dauer
    nutzer = [
        Nutzer(
            i,
            rollen[i],
            a.basis.rstrip("/"),
            a.zertifikat or False,
            messung,
            ende,
            stopp,
            a.max_anfragen,
            konto=konten[i],
            totp=geheimnis,
            pause=(0.9 * takt, 1.1 * takt) if rollen[i] == "agentur" else (0.5, 1.5),
        )
        for i in range(a.nutzer)
    ]
    for n in nutzer:
        n.start()
    try:
        for n in nutzer:
            n.join(max(0.0, ende - time.monotonic()) + 35)
    except KeyboardInterrupt:
        stopp.set()
    dauer = time.monotonic() - beginn
    alle = [d for werte in messung.dauern.values() for d in werte]
    fehler = sum(messung.fehler.values())
    ergebnis = {
        "nutzer": a.nutzer,
        "dauer_s": round(dauer, 1),
        "anfragen": len(alle),
        "fehler": fehler,
        "anfragen_pro_s": round(len(alle) / dauer, 1),
        "p50_s": round(_perzentil(alle, 50), 3),
        "p95_s": round(_perzentil(alle, 95), 3),
        "p99_s": round(_perzentil(alle, 99), 3),
        "je_art": {
            art: {
                "anzahl": len(w),
                "fehler": messung.fehler.get(art, 0),
                "p50_s": round(statistics.median(w), 3),
                "p95_s": round(_perzentil(w, 95), 3),
            }
            for art, w in sorted(messung.dauern.items())
        },
        "fehlerbeispiele": messung.fehlerbeispiele,
    }
    print(
        f"{a.nutzer} Nutzer, {dauer:.0f} s: {len(alle)} Anfragen, {fehler} Fehler, "
        f"{ergebnis['anfragen_pro_s']} Anfragen/s, p50 {ergebnis['p50_s']} s, p95 {ergebnis['p95_s']} s, "
        f"p99 {ergebnis['p99_s']} s"
    )
    for art, werte in ergebnis["je_art"].items():
        print(
            f"  {art:<20} {werte['anzahl']:>6}  Fehler {werte['fehler']:>4}  p50 {werte['p50_s']:.3f}  p95 {werte['p95_s']:.3f}"
        )
    for beispiel in messung.fehlerbeispiele:
        print("  Fehler:", beispiel)
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump(ergebnis, f, indent=1, ensure_ascii=False)
    return 1 if fehler else 0


if __name__ == "__main__":
    sys.exit(main())
