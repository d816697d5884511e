"""The rule catalogue: every ID of the rulebook with its legal basis and a one-line German summary.

The project keeps its own copy of ../shared/RULEBOOK.md (section "Traceability") so that the tests and
the traceability report (kern/rules_report.py) run without ../shared. Tests name the rules they
prove with ``@pytest.mark.rule("R-41-1")``; an ID missing here is a collection error.
tests/kern/test_rules_report.py compares this copy with the rulebook whenever the rulebook is present, so a
changed rulebook shows up as a failing test, not as silently missing IDs.

``paragraph`` is the provision the rule implements. "Querschnitt" marks cross-cutting rules of the
rulebook's section 0 that no single provision prescribes (roles, four eyes, logging, input errors);
"Programm Nahraum" is the canton's programme "Sicherheit im sozialen Nahraum", points 14 and 15.
"""

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Regel:
    id: str
    paragraph: str
    titel: str


# In rulebook order, so that the report reads like the rulebook.
_REGELN = (
    # 0. Querschnitt: Rollen, Protokolle, Verfügung, Fristen
    Regel("R-0-ROLE-1", "Querschnitt", "Rollen und Objektberechtigung in jeder View und API; sonst 404"),
    Regel("R-0-4EYES-1", "Querschnitt", "Vier-Augen-Prinzip: Anstaltsleitung genehmigt, nie der Verfasser"),
    Regel("R-0-AUDIT-1", "Querschnitt", "Änderungsprotokoll aller Falldaten mit Person, Zeit und Feldern"),
    Regel("R-0-AUDIT-2", "Querschnitt", "Lesezugriffe auf Personenakten protokolliert und abfragbar"),
    Regel("R-0-GEHOER-1", "Art. 29 Abs. 2 BV", "Rechtliches Gehör vor belastender Verfügung (ausser Gefahr)"),
    Regel("R-0-BAD-1", "Querschnitt", "Fehleingaben: nie 500, feldbezogene Meldung mit Rechtsgrundlage"),
    Regel("R-0-VFG-1", "§§ 42–44 JVG", "Verfügungs-PDF mit allen Bestandteilen und Rechtsmittelbelehrung"),
    Regel("R-0-VFG-2", "§§ 42–44 JVG", "Eröffnung mit Zeitpunkt und Art; Frist ab schriftlicher Eröffnung"),
    Regel("R-0-VFG-3", "§§ 42, 43 JVG", "Rechtskraft automatisch nach unbenützter Beschwerdefrist"),
    Regel("R-0-VFG-4", "§ 44 JVG", "Keine aufschiebende Wirkung bei §§ 31, 36, 39 und Disziplinar"),
    Regel("R-0-VFG-5", "§§ 42, 43 JVG", "Beschwerdeinstanz und Frist (5 oder 20 Tage) je Verfügungsart"),
    Regel("R-0-VFG-6", "§ 45 JVG", "Disziplinarbeschwerde kostenlos, ausser bei Mutwilligkeit"),
    Regel("R-0-FRIST-1", "§ 34 VRG, § 76 JusG", "Tagesfristen ab Folgetag; Ende am nächsten Werktag"),
    Regel("R-0-FRIST-2", "§ 41 Abs. 5 JVG, Art. 77 OR", "Monatsfristen nach Art. 77 OR, ohne Verschiebung"),
    Regel("R-0-FRIST-3", "§ 25 Abs. 2 JVG", "Stundenfristen minutengenau in Europe/Zurich (Sommerzeit)"),
    Regel("R-0-FRIST-4", "Querschnitt", "Fristenkontrolle aller offenen Fristen, Überfällige markiert"),
    # 1. Vollzug
    Regel("R-12-1", "§ 12 JVG", "Vollzugsfall aus rechtskräftigem Urteil oder Strafbefehl (UI und API)"),
    Regel("R-1-1", "§§ 1, 5, 16 JVG", "Sanktionsarten und Vollzugsformen"),
    Regel("R-5-1", "§§ 5, 6 JVG", "Einrichtungen kantonal oder privat; übertragenes Disziplinarrecht"),
    Regel("R-13-1", "§ 13 JVG", "Fall ohne Vollzugsbeginn nach konfigurierbarer Frist überfällig"),
    Regel("R-17-1", "§ 17 JVG", "Einweisungen und Versetzungen mit Grund; Klinik nur auf ärztlichen Bericht"),
    Regel("R-1-ENTL-1", "§ 27 Abs. 3 JVG", "Definitive Entlassung als Ereignis; startet die ED-Frist"),
    Regel("R-1-JUV-1", "§ 1 Abs. 1 lit. d JVG", "Jugendlich: unter 18 Jahre alt im Zeitpunkt der Massnahme"),
    Regel("R-18-1", "§ 18 Abs. 1 JVG", "Vollzugsplan ab sechs Monaten Freiheitsstrafe, fristgebunden"),
    Regel("R-18-2", "§ 18 Abs. 1 JVG", "Vollzugsplan: Gestaltung, Ziele, Eingliederung, Stufen"),
    Regel("R-18-3", "§ 18 Abs. 2 JVG", "Periodische Überprüfung als neue Version, unaufgefordert zugestellt"),
    Regel("R-14-1", "§ 14 Abs. 1 JVG", "Aufschub oder Unterbrechung nur auf Gesuch der verurteilten Person"),
    Regel("R-14-2", "§ 14 Abs. 1 JVG", "Aufschub und Unterbrechung je höchstens ein Jahr"),
    Regel("R-14-3", "§ 14 Abs. 2 JVG", "Gesuch nennt einen wichtigen Grund (lit. a oder b)"),
    Regel("R-14-4", "§ 14 Abs. 3 JVG", "Hafterstehungsunfähigkeit nur mit aktuellem Arztzeugnis"),
    Regel("R-14-5", "§ 14 Abs. 1, 4 und 5 JVG", "Entscheid würdigt Dauer, Flucht- und Wiederholungsgefahr"),
    Regel("R-14-6", "§ 43 Abs. 1 lit. d JVG", "Entscheid als Verfügung; Aufgebot vor Ende des Aufschubs"),
    # 2. Zwangsmassnahmen
    Regel("R-25-1", "§ 25 Abs. 1 JVG", "Sicherheitshaft nur mit Verfahren und Haftgrund a–c"),
    Regel("R-25-2", "§ 25 Abs. 2 JVG", "Verlängerungsantrag ans Zwangsmassnahmengericht binnen 48 Stunden"),
    Regel("R-26-1", "§ 26 JVG", "Vorübergehende Versetzung mit Grund (Massnahme undurchführbar, Gefahr)"),
    Regel("R-27-1", "§ 27 Abs. 1 JVG", "Erkennungsdienstliche Massnahmen durch die Anstaltsleitung"),
    Regel("R-27-2", "§ 27 Abs. 2 JVG", "Jede Weitergabe von ED-Resultaten an die Polizei protokolliert"),
    Regel("R-27-3", "§ 27 Abs. 3 JVG", "ED-Material spätestens 10 Jahre nach Entlassung vernichtet"),
    Regel("R-28-1", "§ 28 JVG", "Durchsuchungen protokolliert; Leibesvisitation nur auf Verdacht"),
    Regel("R-29-1", "§ 29 Abs. 1 JVG", "Telefonaufzeichnungen mit Person, Nummer, Beginn, Ende und Datei"),
    Regel("R-29-2", "§ 29 Abs. 2 JVG", "Telefonaufzeichnungen nach 100 Tagen gelöscht, ausser beigezogene"),
    Regel("R-29-3", "§ 29 Abs. 3 JVG", "Abhören nur durch die Anstaltsleitung bei Verdacht nach § 40 Abs. 2"),
    Regel("R-29-4", "§ 29 Abs. 4 JVG", "Gespräche mit dem Rechtsbeistand weder aufgezeichnet noch abgehört"),
    Regel("R-30-1", "§ 30 Abs. 2 JVG", "Videozonen durch die Anstaltsleitung, ohne Unterkünfte"),
    Regel("R-30-2", "§ 30 Abs. 3 und 4 JVG", "Videoauswertung nur bei Verdacht; Dritte nur im Verfahren"),
    Regel("R-30-3", "§ 30 Abs. 5 JVG", "Videoaufzeichnungen spätestens nach 100 Tagen gelöscht"),
    Regel("R-31-1", "§ 31 Abs. 1 und 2 JVG", "Besondere Sicherheitsmassnahmen a–g durch die Anstaltsleitung"),
    Regel("R-31-4", "§ 31 Abs. 4 JVG", "Versetzung am Wochenende/Feiertag: Meldung am nächsten Arbeitstag"),
    Regel("R-31-5", "§ 31 Abs. 5 JVG", "Massnahmen nur solange zwingend; lit. f und g nie bei Jugendlichen"),
    Regel("R-32-1", "§ 32 Abs. 1 JVG", "Entweichung: Festnahme sofort, Einweisungsbehörde informiert"),
    Regel("R-33-1", "§ 33 Abs. 2 und 4 JVG", "Unmittelbarer Zwang protokolliert, Leitung prüft"),
    Regel("R-35-1", "§ 35 Abs. 2 JVG", "Zwangsmedikation nur subsidiär und mit Grund a–c"),
    Regel("R-36-1", "§ 36 JVG", "Zwangsmedikation auf ärztlichen Antrag; bei Dringlichkeit entscheidet Arzt"),
    Regel("R-37-1", "§ 37 JVG", "Aufklärung vor Zwangsmedikation, schriftliche Verfügung, Meldung"),
    Regel("R-38-1", "§ 38 JVG", "Massnahmenindizierte Zwangsmedikation nur forensisch empfohlen, periodisch"),
    Regel("R-39-1", "§ 39 JVG", "Hungerstreik: Aufklärung protokolliert; Patientenverfügung sperrt"),
    # 3. Disziplinarrecht
    Regel("R-40-1", "§ 40 Abs. 1–3 JVG", "Disziplinarverfahren beginnt mit Rapport (Tat, Vergehen)"),
    Regel("R-40-4", "§ 40 Abs. 4 JVG", "Strafverfolgung vorbehalten: Fall für Anzeige markierbar"),
    Regel("R-41-1", "§ 41 Abs. 1 JVG", "Disziplinarsanktionen a–f; Einschluss ≤ 15, Arrest ≤ 10 Tage"),
    Regel("R-41-2", "§ 41 Abs. 2 JVG", "Private Einrichtungen: nur übertragen, nur a–e, Einschluss ≤ 7 Tage"),
    Regel("R-41-4", "§ 41 Abs. 4 JVG", "Zumessungskriterien erfasst, frühere Sanktionen angezeigt"),
    Regel("R-41-5a", "§ 41 Abs. 5 JVG", "Verfolgungsverjährung sechs Monate nach der Tat"),
    Regel("R-41-5b", "§ 41 Abs. 5 JVG", "Vollstreckungsverjährung sechs Monate nach Rechtskraft"),
    Regel("R-42-1", "§ 42 JVG", "Disziplinarbeschwerde binnen 5 Tagen ans JSD"),
    # 4. Kosten
    Regel("R-46-1", "§ 46 JVG", "Vollzugskosten (lit. a–d) trägt der Kanton, soweit nicht Dritte zahlen"),
    Regel("R-47-1", "§ 47 Abs. 1 und 3 JVG", "Persönliche Auslagen (lit. a–l) trägt die eingewiesene Person"),
    Regel("R-47-2", "§ 47 Abs. 2 JVG", "Subsidiäre Sozialhilfe: Gemeinde bei Wohnsitz LU, sonst Kanton"),
    Regel("R-48-1", "§ 48 JVG", "Kostenbeteiligung der verurteilten Person per Verfügung"),
    Regel("R-49-1", "§ 49 JVG", "Kosten der fürsorgerischen Unterbringung nach § 57 EGZGB"),
    Regel("R-50-1", "§ 50 JVG", "Kosten der ausländerrechtlichen Haft trägt der Kanton, Weiterverrechnung"),
    Regel("R-KOST-1", "§§ 46, 47 JVG", "Decimal-CHF; nur der Rechnungsbetrag auf 5 Rappen gerundet"),
    # 5. Daten
    Regel("R-20-1", "§ 20 JVG", "Akteneinsicht nur, soweit die Aufgabe sie erfordert"),
    Regel("R-21-1", "§ 21 Abs. 2 und 3 JVG", "Auskunft nur mit gesetzlicher Aufgabe, jede protokolliert"),
    Regel("R-22-1", "§ 22 JVG", "Fachpersonen sehen schützenswerte Daten nur zugewiesener Personen"),
    Regel("R-23-1", "§ 23 Abs. 1 und 2 JVG", "Schweigepflichtentbindung je Empfänger, widerrufbar"),
    Regel("R-23-3", "§ 23 Abs. 3 JVG", "Anzeigen an die Staatsanwaltschaft mit Datum und Referenz"),
    # 6. Bedrohungsmanagement
    Regel("R-BM-1", "Programm Nahraum, Pkt. 14–15", "Drohungsmeldungen des Personals (vgl. § 40 Abs. 2c)"),
    Regel("R-BM-2", "Programm Nahraum, Pkt. 14–15", "Risikoeinschätzung, Ansprechperson, Fallkonferenz"),
    Regel("R-BM-3", "Programm Nahraum, Pkt. 14–15", "Nur für Team und Meldende, getrennt vom Vollzug"),
    # 7. Vollzugsdaten und Weg zur Entlassung (StGB-Pflichten, die das JVG der Vollzugsbehörde zuweist)
    Regel(
        "R-VD-1",
        "§ 2 Abs. 1 lit. a JVG, Art. 51 StGB",
        "Strafzeitberechnung je Fall, versioniert, mit Eingaben",
    ),
    Regel(
        "R-STGB-86-1", "Art. 86 Abs. 1 StGB", "Bedingte Entlassung nach zwei Dritteln, mindestens drei Monate"
    ),
    Regel("R-STGB-86-2", "Art. 86 Abs. 2 StGB", "Prüfung von Amtes wegen mit Anstaltsbericht und Anhörung"),
    Regel("R-STGB-86-3", "Art. 86 Abs. 3 StGB", "Nach Verweigerung mindestens jährlich neu prüfen"),
    Regel(
        "R-STGB-86-4", "Art. 86 Abs. 4 StGB", "Ausnahmsweise nach der Hälfte bei ausserordentlichen Umständen"
    ),
    Regel(
        "R-STGB-86-5", "Art. 86 Abs. 5 StGB", "Lebenslänglich: frühestens nach 15, ausnahmsweise 10 Jahren"
    ),
    Regel("R-STGB-87-1", "Art. 87 StGB", "Probezeit ein bis fünf Jahre; Bewährungshilfe und Weisungen"),
    Regel("R-STGB-62D-1", "Art. 62d Abs. 1 StGB", "Stationäre Massnahme mindestens jährlich überprüft"),
    Regel(
        "R-STGB-64B-1",
        "Art. 64b Abs. 1 StGB",
        "Verwahrung jährlich (erstmals nach zwei Jahren) und zweijährlich",
    ),
    Regel("R-STGB-MAX-1", "Art. 59–63 StGB", "Höchstdauer der Massnahmen als Frist mit Antrag ans Gericht"),
    Regel("R-4-1", "§ 4 Abs. 1 JVG", "Antrag ans Gericht mit Akten, Gericht und Antwort erfasst"),
    Regel(
        "R-STGB-75A-1", "Art. 75a StGB", "Vollzugsöffnung bei Gemeingefährlichkeit erst nach Fachkommission"
    ),
    Regel(
        "R-43-3", "§ 43 Abs. 3 JVG", "Beschwerde gegen Vollzugsöffnung: Staatsanwaltschaft zur Stellungnahme"
    ),
    Regel(
        "R-16-1", "§ 16 JVG, Art. 77b, 79b StGB", "Besondere Vollzugsformen geprüft, Vollzugsbefehl erlassen"
    ),
    Regel(
        "R-STGB-79A-1",
        "Art. 79a StGB",
        "Gemeinnützige Arbeit: vier Stunden ein Tag; nicht geleistet lebt auf",
    ),
    Regel(
        "R-19-1", "§ 2 Abs. 1 lit. e, § 19 JVG", "Bewährungshilfe: Weisungen, Kontakte, Meldung ans Gericht"
    ),
    Regel("R-51-1", "§ 51 JVG", "Begnadigungsgesuch erfasst, an den Kantonsrat weitergeleitet"),
    # 8. Inkasso
    Regel("R-2D-1", "§ 2 Abs. 1 lit. d JVG", "Forderungen aus Urteilen: Geldstrafe, Busse, Ersatzforderung"),
    Regel("R-STGB-35-1", "Art. 35 StGB", "Zahlungsfrist ein bis sechs Monate, Raten, Sicherheit, Betreibung"),
    Regel("R-STGB-36-1", "Art. 36, 106 StGB", "Umwandlung in Ersatzfreiheitsstrafe; Zahlung verkürzt sie"),
    Regel("R-2D-QR-1", "§ 2 Abs. 1 lit. d JVG", "Jede Zahlungsaufforderung mit Schweizer QR-Rechnung"),
    Regel(
        "R-2D-CAMT-1",
        "§ 2 Abs. 1 lit. d JVG",
        "Zahlungen aus camt.054 nach Referenz, idempotent, ganz oder nie",
    ),
    Regel("R-2D-MAHN-1", "Art. 35 Abs. 3 StGB", "Mahnungen nach konfigurierbarer Folge vor der Betreibung"),
)

KATALOG: dict[str, Regel] = {regel.id: regel for regel in _REGELN}


def pruefe_ids(ids: Iterable[str]) -> list[str]:
    """Return the IDs that are not in the catalogue, each once, in the order given."""
    return [regel_id for regel_id in dict.fromkeys(ids) if regel_id not in KATALOG]
