"""`manage.py bench_skala [--datenbank NAME]`: list pages and the API list at scale, as ratios (issue 19).

Runs against a database loaded by `bench_daten`. Every figure compares two or three ways of answering the
same request, measured interleaved (A B C A B C …, median of `--laeufe` ≥ 7 runs each) through the full
middleware stack (Django test client, session login):
- `app`: the case list as users get it (`/vollzug/faelle/`);
- `boden` (floor): the same 25 rows fetched by ONE hand-written SQL query (ids first, then the person and the
  current facility) and rendered by the same template from plain dicts: app / boden shows what the ORM, the
  count and the query shape cost (target ≤ 2);
- `admin`: a stock `ModelAdmin` changelist of the same model, registered only here (target admin / app ≥ 5);
- `api` against a trivial DRF view with the same authentication (target: throughput ≥ 50 % of it), twice:
  one client after the other (the inverse of the latency, `api_liste_durchsatz`), and the throughput of as
  many clients in parallel processes as the production server has workers (`deploy/gunicorn.conf.py`: 3),
  each variant for `--fenster` seconds per run (`api_liste_durchsatz_parallel`). One client leaves the
  machine idle while the database syncs the read log's COMMIT; parallel clients use that time as a server's
  workers do.

Prints `RATIO <name> <value>` per figure, then the raw medians, the query counts and the load average.
The read log and sessions written by the runs stay in the (disposable) benchmark database.
"""

import contextlib
import io
import os
import signal
import statistics
import time
import traceback
from datetime import date
from html import escape
from types import SimpleNamespace

import weasyprint
from django.conf import settings
from django.contrib import admin
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections, reset_queries
from django.shortcuts import render
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import clear_url_caches, include, path
from pypdf import PdfReader
from rest_framework.response import Response
from rest_framework.views import APIView

from kern.models import Benutzer
from kern.pdf import BASIS_URL, StatischerFetcher, render_verfuegung_html, render_verfuegung_pdf
from kern.rollen import Rolle
from vollzug import recht
from vollzug.forms import FallFilterForm
from vollzug.models import Vollzugsfall
from vollzug.recht import Fallstatus

PRO_SEITE = 25
SZENARIEN = {
    # name: (query string of the app, of the stock admin, SQL condition of the floor, its parameters, page)
    "liste_seite1": ("", "", "", [], 1),
    "liste_seite2000": ("?page=2000", "?p=2000", "", [], 2000),
    "suche_mueller": (
        "?q=Müller",
        "?q=Müller",
        """f.id IN (SELECT id FROM vollzug_vollzugsfall WHERE UPPER(fallnummer::text) LIKE UPPER(%s)
           UNION SELECT v.id FROM vollzug_vollzugsfall v WHERE v.person_id IN (
               SELECT id FROM vollzug_person WHERE UPPER(amtlicher_name::text) LIKE UPPER(%s)
               OR UPPER(vorname::text) LIKE UPPER(%s))
           UNION SELECT fall_id FROM vollzug_entscheid WHERE UPPER(referenz::text) LIKE UPPER(%s))""",
        ["%Müller%"] * 4,
        1,
    ),
    "filter_status": ("?status=im_vollzug", "?status__exact=im_vollzug", "f.status = %s", ["im_vollzug"], 1),
}
_STATUS = dict(Fallstatus.choices)


class BenchSite(admin.AdminSite):
    def has_permission(self, request):
        return request.user.is_active


class FallAdmin(admin.ModelAdmin):
    """What `manage.py startapp` + the admin tutorial would give: the stock changelist."""

    list_display = ("fallnummer", "person", "status", "eingang_am", "vollzugsbeginn")
    list_filter = ("status",)
    search_fields = ("fallnummer", "person__amtlicher_name", "person__vorname", "entscheide__referenz")
    list_select_related = ("person",)
    list_per_page = PRO_SEITE

    def has_view_permission(self, request, obj=None):
        return True

    def has_module_permission(self, request):
        return True


bench_site = BenchSite(name="bench_admin")
bench_site.register(Vollzugsfall, FallAdmin)


def boden(request, szenario):
    """The floor: one hand-written query, plain dicts, the list's own template."""
    _app, _admin, bedingung, parameter, seite = SZENARIEN[szenario]
    sql = f"""
        WITH ids AS (
            SELECT f.id FROM vollzug_vollzugsfall f {"WHERE " + bedingung if bedingung else ""}
            ORDER BY f.eingang_am DESC, f.id DESC LIMIT {PRO_SEITE} OFFSET {(seite - 1) * PRO_SEITE})
        SELECT f.id, f.fallnummer, f.status, f.eingang_am, f.vollzugsbeginn, p.amtlicher_name, p.vorname,
               p.personennummer, o.name, o.abteilung
        FROM ids JOIN vollzug_vollzugsfall f ON f.id = ids.id JOIN vollzug_person p ON p.id = f.person_id
        LEFT JOIN LATERAL (
            SELECT a.name, pl.abteilung FROM vollzug_platzierung pl JOIN vollzug_anstalt a ON a.id = pl.anstalt_id
            WHERE pl.fall_id = f.id AND pl.bis IS NULL LIMIT 1) o ON true
        ORDER BY f.eingang_am DESC, f.id DESC"""
    with connection.cursor() as c:
        c.execute(sql, parameter)
        zeilen = c.fetchall()
    heute = date.today()
    ueberfaellig_tage = recht.vollzugsbeginn_ueberfaellig_tage()
    faelle = [
        {
            "pk": z[0],
            "fallnummer": z[1],
            "status": z[2],
            "get_status_display": _STATUS[z[2]],
            "eingang_am": z[3],
            "vollzugsbeginn": z[4],
            "vollzugsbeginn_ueberfaellig": z[4] is None
            and z[2] == "eingang"
            and (heute - z[3]).days > ueberfaellig_tage,
            "person": {"amtlicher_name": z[5], "vorname": z[6], "personennummer": z[7]},
            "einrichtung": z[8],
            "abteilung": z[9],
        }
        for z in zeilen
    ]
    paginator = SimpleNamespace(
        count=10_001, anzahl_text="mehr als 10 000", gedeckelt=True, num_pages=400, per_page=PRO_SEITE
    )
    seite_ = SimpleNamespace(
        object_list=faelle,
        number=seite,
        paginator=paginator,
        has_previous=seite > 1,
        has_next=len(faelle) == PRO_SEITE,
        previous_page_number=seite - 1,
        next_page_number=seite + 1,
    )
    return render(
        request,
        "vollzug/fall_list.html",
        {"form": FallFilterForm(request.GET or None), "seite": seite_, "filter_aktiv": bool(bedingung)},
    )


class Trivial(APIView):
    """The API floor: the same authentication and permission classes as the API, a constant answer."""

    def get(self, request):
        return Response({"count": 0, "results": []})


urlpatterns = [
    path("bench/boden/<str:szenario>/", boden),
    path("bench/trivial/", Trivial.as_view()),
    path("bench/admin/", bench_site.urls),
    path("", include(settings.ROOT_URLCONF)),
]


def _verfuegung_kontext() -> dict:
    """A 2-page Verfügung (R-0-VFG-1: every required part), the document the PDF figure measures."""
    absatz = (
        "Die eingewiesene Person hat sich im Vollzug an die Hausordnung zu halten; die Anstalt hat den Vorfall "
        "rapportiert und der Person das rechtliche Gehör gewährt, die Stellungnahme liegt bei den Akten."
    )
    return {
        "behoerde": "Justiz- und Sicherheitsdepartement des Kantons Luzern",
        "abteilung": "Vollzugs- und Bewährungsdienst",
        "nummer": "V-2026-0001",
        "ort_datum": "Luzern, 5. Dezember 2026",
        "adressat": ["Herr", "Hans Muster", "Baselstrasse 44", "6003 Luzern"],
        "titel": "Verfügung betreffend Disziplinarmassnahme",
        "rechtsgrundlage": "§§ 40–45 JVG",
        "sachverhalt": "\n\n".join([absatz] * 2),
        "begruendung": "\n\n".join([absatz] * 6),
        "dispositiv": [f"Ziffer {i}: {absatz}" for i in range(1, 4)],
        "rechtsmittelbelehrung": "Gegen diese Verfügung kann innert 5 Tagen Beschwerde erhoben werden.",
        "aufschiebende_wirkung": "Einer Beschwerde kommt keine aufschiebende Wirkung zu.",
        "unterschrift": ["Vollzugs- und Bewährungsdienst", "Petra Muster", "Leiterin"],
    }


def _pdf_boden(html: str) -> bytes:
    """WeasyPrint's floor: WeasyPrint alone on the finished HTML (same stylesheet and fonts through the same
    fetcher); what the app adds on top is the template, the checks of R-0-VFG-1 and the context."""
    return weasyprint.HTML(string=html, base_url=BASIS_URL, url_fetcher=StatischerFetcher()).write_pdf()


def _pdf_ohne_stil(kontext: dict) -> bytes:
    """For comparison only: the same texts as plain paragraphs, without stylesheet and fonts."""
    teile = [kontext["behoerde"], kontext["abteilung"], *kontext["adressat"], kontext["titel"]]
    for feld in ("sachverhalt", "begruendung"):
        teile += kontext[feld].split("\n\n")
    teile += [*kontext["dispositiv"], kontext["rechtsmittelbelehrung"], kontext["aufschiebende_wirkung"]]
    return weasyprint.HTML(string="".join(f"<p>{escape(t)}</p>" for t in teile)).write_pdf()


def _seiten(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def _median_ms(werte):
    return statistics.median(werte) * 1000


class Command(BaseCommand):
    help = "Misst Listen und API gegen ihren Boden, die Standard-Admin-Liste und eine triviale DRF-Ansicht."

    def add_arguments(self, parser):
        parser.add_argument("--datenbank", help="Name der mit bench_daten geladenen Datenbank.")
        parser.add_argument("--laeufe", type=int, default=9)
        parser.add_argument(
            "--parallel",
            type=int,
            default=3,
            help="Clients der parallelen API-Messung (Standard: 3 = Worker)",
        )
        parser.add_argument(
            "--fenster", type=float, default=2.0, help="Sekunden je Variante und Lauf (parallel)"
        )
        parser.add_argument(
            "--nur",
            default="",
            help="nur diese Kennzahlen, z. B. liste_seite1,filter_status,api (Standard: alle)",
        )

    def handle(
        self, *args, datenbank: str | None, laeufe: int, nur: str, parallel: int, fenster: float, **options
    ):
        if laeufe < 7:
            raise CommandError("--laeufe: mindestens 7 (Median).")
        if not (1 <= parallel <= 32) or not (0.2 <= fenster <= 60):
            raise CommandError("--parallel: 1 bis 32; --fenster: 0.2 bis 60 Sekunden.")
        auswahl = {name.strip() for name in nur.split(",") if name.strip()}
        if unbekannt := auswahl - {*SZENARIEN, "api", "pdf"}:
            raise CommandError(
                f"--nur: unbekannt {', '.join(sorted(unbekannt))}; möglich: {', '.join([*SZENARIEN, 'api', 'pdf'])}"
            )
        if datenbank:
            if connection.vendor != "postgresql":
                # On SQLite the name is a file: a typo (or a forgotten DATABASE_URL) made an empty database.
                raise CommandError(
                    "--datenbank nennt eine PostgreSQL-Datenbank; DATABASE_URL muss auf PostgreSQL zeigen."
                )
            connection.close()
            connection.settings_dict["NAME"] = datenbank
        if not Vollzugsfall.objects.exists():
            raise CommandError("Keine Fälle: zuerst `manage.py bench_daten --faelle N` laden.")
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        settings.ROOT_URLCONF = __name__
        clear_url_caches()
        benutzer, _ = Benutzer.objects.get_or_create(
            username="bench-sb", defaults={"rolle": Rolle.SACHBEARBEITUNG}
        )
        client = Client()
        client.force_login(benutzer)
        faelle = Vollzugsfall.objects.count() if connection.vendor != "postgresql" else self._schaetzung()
        self.stdout.write(
            f"Datenbank {connection.settings_dict['NAME']} ({connection.vendor}), rund {faelle} Fälle, "
            f"{laeufe} Läufe je Variante, abwechselnd."
        )
        zeilen, abfragen = [], {}
        for name, (app_q, admin_q, _b, _p, _s) in SZENARIEN.items():
            if auswahl and name not in auswahl:
                continue
            varianten = {
                "app": f"/vollzug/faelle/{app_q}",
                "boden": f"/bench/boden/{name}/",
                "admin": f"/bench/admin/vollzug/vollzugsfall/{admin_q}",
            }
            mediane, anzahl = self._messen(client, varianten, laeufe)
            abfragen[name] = anzahl
            zeilen.append((f"{name}_boden", mediane["app"] / mediane["boden"]))
            zeilen.append((f"{name}_admin", mediane["admin"] / mediane["app"]))
            self._roh(name, mediane, anzahl)
        if not auswahl or "api" in auswahl:
            mediane, anzahl = self._messen(
                client, {"api": "/api/v1/faelle/", "trivial": "/bench/trivial/"}, laeufe
            )
            zeilen.append(("api_liste_durchsatz", mediane["trivial"] / mediane["api"]))
            self._roh("api_liste", mediane, anzahl)
            pro_s = self._parallel(
                client, {"api": "/api/v1/faelle/", "trivial": "/bench/trivial/"}, laeufe, parallel, fenster
            )
            zeilen.append(("api_liste_durchsatz_parallel", pro_s["api"] / pro_s["trivial"]))
            teile = ", ".join(f"{v} {w:8.1f} Anfragen/s" for v, w in pro_s.items())
            self.stdout.write(f"  {'api_liste_parallel':<18} {teile} ({parallel} Clients, je {fenster:g} s)")
        if not auswahl or "pdf" in auswahl:
            zeilen.append(("pdf_verfuegung_boden", self._pdf(laeufe)))
        if {"liste_seite1", "liste_seite2000"} <= abfragen.keys():
            zeilen.append(
                (
                    "abfragen_seite2000_zu_seite1",
                    abfragen["liste_seite2000"]["app"] / abfragen["liste_seite1"]["app"],
                )
            )
        for name, wert in zeilen:
            self.stdout.write(f"RATIO {name} {wert:.2f}")
        last = os.getloadavg()
        self.stdout.write(
            f"Last (1/5/15 min): {last[0]:.2f} {last[1]:.2f} {last[2]:.2f} auf {os.cpu_count()} Kernen"
        )

    def _pdf(self, laeufe: int) -> float:
        """The 2-page Verfügung as the app renders it (`kern.pdf.render_verfuegung_pdf`: checks, template,
        WeasyPrint) against WeasyPrint alone on the same HTML, interleaved; target ≤ 1.5."""
        kontext = _verfuegung_kontext()
        html = render_verfuegung_html(kontext)
        varianten = {
            "app": lambda: render_verfuegung_pdf(kontext),
            "boden": lambda: _pdf_boden(html),
            "ohne_stil": lambda: _pdf_ohne_stil(kontext),
        }
        seiten = {name: _seiten(funktion()) for name, funktion in varianten.items()}  # warm-up: fonts, caches
        dauer = {name: [] for name in varianten}
        for _ in range(laeufe):
            for name, funktion in varianten.items():
                t = time.perf_counter()
                funktion()
                dauer[name].append(time.perf_counter() - t)
        mediane = {name: _median_ms(werte) for name, werte in dauer.items()}
        teile = ", ".join(f"{name} {mediane[name]:8.1f} ms / {seiten[name]} Seiten" for name in varianten)
        self.stdout.write(f"  {'pdf_verfuegung':<18} {teile}")
        return mediane["app"] / mediane["boden"]

    def _schaetzung(self) -> int:
        with connection.cursor() as c:
            c.execute("SELECT reltuples::bigint FROM pg_class WHERE oid = 'vollzug_vollzugsfall'::regclass")
            return c.fetchone()[0]

    def _messen(self, client, varianten: dict[str, str], laeufe: int):
        dauer = {name: [] for name in varianten}
        anzahl = {}
        for name, url in varianten.items():  # warm-up (caches, template loading), then the query count
            client.get(url)
            reset_queries()
            with CaptureQueriesContext(connection) as ctx:
                antwort = client.get(url)
            if antwort.status_code != 200:
                raise CommandError(f"{url}: Status {antwort.status_code}")
            anzahl[name] = len(ctx.captured_queries)
        for _ in range(laeufe):
            for name, url in varianten.items():
                t = time.perf_counter()
                client.get(url)
                dauer[name].append(time.perf_counter() - t)
        return {name: _median_ms(werte) for name, werte in dauer.items()}, anzahl

    def _parallel(self, client, varianten: dict[str, str], laeufe: int, parallel: int, fenster: float):
        """Throughput of `parallel` clients at once, each in its own process with its own connection (as the
        server's workers): per run and variant (interleaved A B A B …) the requests answered within the same
        window of `fenster` seconds, summed over the clients; the median per variant in requests/s."""
        pro_s = {name: [] for name in varianten}
        for _ in range(laeufe):
            for name, url in varianten.items():
                pro_s[name].append(self._fenster(client, url, parallel, fenster) / fenster)
        return {name: statistics.median(werte) for name, werte in pro_s.items()}

    def _fenster(self, client, url: str, parallel: int, fenster: float) -> int:
        connections.close_all()  # each child opens its own connection, none shares the parent's socket
        start = time.monotonic() + 0.5 + 0.05 * parallel  # after every child's first (warm-up) request
        kinder = []
        for _ in range(parallel):
            lesen, schreiben = os.pipe()
            pid = os.fork()
            if pid == 0:  # the child: one client, requests until the window closes
                code = 1
                try:
                    os.close(lesen)
                    client.get(url)
                    time.sleep(max(0.0, start - time.monotonic()))
                    ende, fertig = start + fenster, 0
                    while True:
                        antwort = client.get(url)
                        if time.monotonic() > ende:
                            break
                        if antwort.status_code != 200:
                            raise CommandError(f"{url}: Status {antwort.status_code}")
                        fertig += 1
                    os.write(schreiben, str(fertig).encode())
                    code = 0
                except BaseException:
                    traceback.print_exc()
                finally:
                    os._exit(code)
            os.close(schreiben)
            kinder.append((pid, lesen))
        summe = 0
        for pid, lesen in kinder:
            with os.fdopen(lesen) as datei:
                antwort = datei.read()
            _pid, status = os.waitpid(pid, 0)
            if os.waitstatus_to_exitcode(status) != 0 or not antwort:
                for anderer, _ in kinder:
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(anderer, signal.SIGTERM)
                raise CommandError(f"{url}: ein paralleler Client ist fehlgeschlagen.")
            summe += int(antwort)
        return summe

    def _roh(self, name, mediane, anzahl):
        teile = ", ".join(f"{v} {m:8.1f} ms / {anzahl[v]} Queries" for v, m in mediane.items())
        self.stdout.write(f"  {name:<18} {teile}")
