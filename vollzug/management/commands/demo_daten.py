"""Load the demo data of `make run`: facilities, one user per role, persons and cases (idempotent).

Cases are created through the domain functions, so the demo has the same history as real use.
"""

import json
from datetime import date, timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from kern import erweiterungen
from kern.audit import speichern, system_benutzer
from kern.models import Benutzer
from vollzug import aufschub, plan, services
from vollzug.enums import Gesuchsart, Gesuchsgrund
from vollzug.models import Anstalt, Person, Sanktion, Vollzugsfall, Zuteilung

DEMO_PASSWORT = "Luzern-Demo-2026"


class Command(BaseCommand):
    help = "Lädt Demo-Daten (Einrichtungen, Benutzer je Rolle, Personen, Fälle) und zeigt die Demo-Logins."

    @transaction.atomic
    def handle(self, *args, **options):
        daten = json.loads((settings.BASE_DIR / "fixtures" / "demo.json").read_text(encoding="utf-8"))
        if Benutzer.objects.filter(username="sachbearbeitung").exists():
            self.stdout.write("Demo-Daten sind bereits geladen.")
        else:
            self._laden(daten)
        self._logins_zeigen(daten)

    def _laden(self, daten):
        demo = system_benutzer("demo-daten")  # R-0-AUDIT-1: the loader is the actor of what it writes
        anstalten = {}
        for a in daten["anstalten"]:
            anstalten[a["kurzname"]] = speichern(Anstalt(**a), durch=demo)
        benutzer = {}
        for b in daten["benutzer"]:
            b = dict(b)
            anstalt = anstalten.get(b.pop("anstalt", None))
            user = Benutzer(anstalt=anstalt, **b)
            user.set_password(DEMO_PASSWORT)
            speichern(user, durch=demo)
            benutzer[user.username] = user
        sb = benutzer["sachbearbeitung"]
        heute = timezone.localdate()
        for p in daten["personen"]:
            p = dict(p)
            f = p.pop("fall")
            person = services.person_erfassen(
                **{**p, "geburtsdatum": date.fromisoformat(p["geburtsdatum"])}, durch=sb
            )
            eingang = heute - timedelta(days=f.get("eingang_vor_tagen", f.get("tage_im_vollzug", 0) + 10))
            fall = services.fall_erfassen(
                person=person,
                entscheid=services.EntscheidDaten(
                    art=f["art"],
                    behoerde=f["behoerde"],
                    referenz=f["referenz"],
                    entscheid_datum=eingang - timedelta(days=40),
                    rechtskraft_am=eingang - timedelta(days=5),
                ),
                sanktionen=[
                    services.SanktionDaten(
                        art=f.get("sanktion", "freiheitsstrafe"),
                        dauer_jahre=f["monate"] // 12,
                        dauer_monate=f["monate"] % 12,
                    )
                ],
                eingang_am=eingang,
                durch=sb,
            )
            if "anstalt" in f:
                services.einweisen(
                    fall=fall,
                    anstalt=anstalten[f["anstalt"]],
                    am=timezone.now() - timedelta(days=f["tage_im_vollzug"]),
                    abteilung="Normalvollzug",
                    durch=sb,
                )
        # R-0-ROLE-1: the physician sees only assigned persons; assign the first demo person.
        erste = Person.objects.order_by("pk").first()
        speichern(Zuteilung(benutzer=benutzer["medizin"], person=erste), durch=benutzer["admin"])
        services.vollzugsbeginn_ueberfaellig_melden()
        self._plan_und_gesuch(benutzer, heute)
        self._disziplinar(benutzer)
        self._bedrohung(benutzer)
        for modul_demo in erweiterungen.DEMOS:  # chapter 5 and Kosten register their demo data
            modul_demo(benutzer, heute)
        self.stdout.write(self.style.SUCCESS(f"Demo-Daten geladen: {Person.objects.count()} Personen."))

    def _plan_und_gesuch(self, benutzer, heute):
        """§18: a plan for the long sentence in Grosshof; §14: an open deferral request to decide."""
        muster = Vollzugsfall.objects.get(entscheide__referenz="SA1 24 1234")
        version = plan.version_erstellen(
            fall=muster,
            gestaltung="Normalvollzug in der Wohngruppe B; Arbeit in der Schreinerei; Suchtberatung alle zwei Wochen.",
            vollzugsziele="Tagesstruktur einhalten, Schulden sanieren, deliktorientierte Gruppentherapie abschliessen.",
            wiedereingliederung="Wohnungssuche ab dem zweiten Drittel; Kontakt zur Bewährungshilfe vor der Entlassung.",
            stufen=[
                plan.StufeDaten(1, "Eintrittsphase", "Abklärungen, geschlossene Abteilung"),
                plan.StufeDaten(2, "Normalvollzug", "Arbeit und Gruppenaktivitäten"),
                plan.StufeDaten(3, "Progressionsstufe", "Begleitete Ausgänge, Vorbereitung Arbeitsexternat"),
            ],
            aktuelle_stufe=2,
            durch=benutzer["leitung.grosshof"],
        )
        plan.version_zustellen(version=version, durch=benutzer["leitung.grosshof"])
        schmid = Vollzugsfall.objects.get(entscheide__referenz="SA2 25 310")
        aufschub.gesuch_erfassen(
            fall=schmid,
            sanktion=Sanktion.objects.filter(entscheid__fall=schmid).first(),
            art=Gesuchsart.AUFSCHUB,
            grund=Gesuchsgrund.B,
            eingereicht_am=heute,
            begehrt_von=heute + timedelta(days=14),
            begehrt_bis=heute + timedelta(days=73),
            begruendung="Geburt des zweiten Kindes; die Partnerin ist nach der Entbindung auf Unterstützung angewiesen.",
            durch=benutzer["sachbearbeitung"],
        )

    def _disziplinar(self, benutzer):
        """§40: a report by staff in Grosshof and the proceeding the management opened on it."""
        from disziplinar import services as disziplinar

        muster = Vollzugsfall.objects.get(entscheide__referenz="SA1 24 1234")
        rapport = disziplinar.rapport_erfassen(
            fall=muster,
            tatzeit=timezone.now() - timedelta(days=3, hours=2),
            sachverhalt="Bei der Zellenkontrolle wurde ein nicht bewilligtes Mobiltelefon im Kopfkissen gefunden.",
            delikte=[disziplinar.DeliktDaten(tatbestand="j")],
            zeugen="Aufseher T. Amrein",
            durch=benutzer["personal.grosshof"],
        )
        disziplinar.verfahren_eroeffnen(rapport=rapport, durch=benutzer["leitung.grosshof"])

    def _bedrohung(self, benutzer):
        """Threat management: a trained contact person and one report by staff (seen by the team only)."""
        from bedrohung import services as bedrohung

        team = benutzer["bedrohungsmanagement"]
        bedrohung.ansprechperson_speichern(
            name="Marco Zemp", abteilung="JVA Grosshof", telefon="041 228 00 00", durch=team
        )
        bedrohung.meldung_erfassen(
            vorfall_am=timezone.now() - timedelta(days=1, hours=3),
            ort="Besucherzone JVA Grosshof",
            kanal="persoenlich",
            wortlaut="«Ich weiss, wo du wohnst. Pass auf deine Familie auf.»",
            urheber_art="besucher",
            urheber_beschreibung="Besucher eines Insassen, ca. 40 Jahre, Name laut Besucherliste",
            betroffene="Petra Wey (Anstaltspersonal)",
            sofortbedarf="Begleitung zum Parkplatz nach Dienstschluss",
            durch=benutzer["personal.grosshof"],
        )

    def _logins_zeigen(self, daten):
        self.stdout.write(f"\nDemo-Logins (Passwort für alle: {DEMO_PASSWORT})")
        for b in daten["benutzer"]:
            self.stdout.write(f"  {b['username']:<24} {b['rolle']}")
