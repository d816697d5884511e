"""The law of §§ 27, 29 and 30 JVG: its catalogues in the law's words, and its periods. The periods are fixed
by the law itself, so constants here and not settings (a setting could only be used to keep data longer than
the law allows)."""

from datetime import date, datetime, time, timedelta

from django.db import models

from kern.fristen import TZ, jahresfrist, kalendertage_lokal

# § 29 Abs. 2 / § 30 Abs. 5: "spätestens nach 100 Tagen" / "spätestens aber 100 Tage nach der Aufzeichnung".
AUFZEICHNUNG_TAGE = 100
# § 27 Abs. 3: "spätestens zehn Jahre nach dem definitiven Entlassungszeitpunkt".
ED_JAHRE = 10
# § 29 Abs. 3: listening only on suspicion of a disciplinary offence under § 40 Abs. 2 lit. a, c, g, h, i, j.
ABHOEREN_TATBESTAENDE = frozenset({"a", "c", "g", "h", "i", "j"})
# An access granted after a recorded suspicion is valid for this long (then a new, newly logged request).
ZUGRIFF_GUELTIG = timedelta(hours=2)


def loeschung_faellig_am(aufgezeichnet_am: datetime) -> datetime:
    """R-29-2 / R-30-3: the moment a recording is due: its start plus 100 calendar days on the Zurich wall
    clock (made 1 March 10:15 → due 9 June 10:15, across the change to summer time). Due means: at this
    moment or later the job deletes it (10:14 kept, 10:15 deleted)."""
    return kalendertage_lokal(aufgezeichnet_am, AUFZEICHNUNG_TAGE).ende


def ed_vernichtung_am(entlassung_am: datetime | date) -> date:
    """R-27-3: the last day ED material may exist: ten years after the local date of the definitive
    release (Art. 77 OR counting, 29 February → 28 February). The daily job destroys it on that day."""
    return jahresfrist(entlassung_am, ED_JAHRE).ende


def ed_entlassung_spaetestens(heute: date) -> datetime:
    """The exclusive upper bound of releases whose ED material is due on `heute`: every release before
    the returned moment (00:00 Zurich of the day after the latest such release date) gives
    `ed_vernichtung_am(release) <= heute`. Computed in Python (PITFALLS: the database's now() is not
    moved by time_machine) and used by one indexed comparison in SQL."""
    try:
        tag = heute.replace(year=heute.year - ED_JAHRE)
    except ValueError:  # 29 February → 28 February ten years earlier
        tag = heute.replace(year=heute.year - ED_JAHRE, day=28)
    # 29 February of a leap year also ends on 28 February of a common year.
    while ed_vernichtung_am(tag + timedelta(days=1)) <= heute:
        tag += timedelta(days=1)
    return datetime.combine(tag + timedelta(days=1), time(0, 0), tzinfo=TZ)


# --- Catalogues of §§ 27, 29, 30 JVG, in the law's words -----------------------------------------------


class EDArt(models.TextChoices):
    # § 27 Abs. 1 lit. a–d JVG
    FINGERABDRUECKE = "fingerabdruecke", "Abnahme von Fingerabdrücken (lit. a)"
    FOTOGRAFIEN = "fotografien", "Anfertigung von Fotografien (lit. b)"
    MESSUNGEN = "messungen", "Durchführung von Messungen (lit. c)"
    MERKMALE = "merkmale", "Feststellung körperlicher Merkmale (lit. d)"


class Raumart(models.TextChoices):
    # § 30 Abs. 2 JVG: lit. a all rooms except the ordinary quarters; lit. b special quarters with a reason.
    ZELLE = "zelle", "Zelle/Zimmer im Normalvollzug (ordentliche Unterkunft)"
    DISZIPLINARZELLE = "disziplinarzelle", "Disziplinarzelle"
    SICHERHEITSZELLE = "sicherheitszelle", "Sicherheitszelle / besonders gesicherter Raum"
    KORRIDOR = "korridor", "Korridor / Treppenhaus"
    HOF = "hof", "Spazierhof / Aussenbereich"
    BESUCHSRAUM = "besuchsraum", "Besuchsraum"
    EINGANG = "eingang", "Eingang / Schleuse / Pforte"
    WERKSTATT = "werkstatt", "Werkstatt / Arbeitsbereich"
    ANDERE = "andere", "Anderer Raum oder andere Fläche"


ORDENTLICHE_UNTERKUENFTE = frozenset({Raumart.ZELLE})
SPEZIELLE_UNTERKUENFTE = frozenset({Raumart.DISZIPLINARZELLE, Raumart.SICHERHEITSZELLE})


class Zonengrund(models.TextChoices):
    # § 30 Abs. 2 lit. b JVG
    BESONDERE_UMSTAENDE = "besondere_umstaende", "Besondere Umstände"
    GESUNDHEITSZUSTAND = "gesundheitszustand", "Gesundheitszustand der eingewiesenen Person"


class Verfahrensart(models.TextChoices):
    # §§ 29 Abs. 2, 30 Abs. 4 und 5 JVG
    STRAF = "strafverfahren", "Strafverfahren"
    ZIVIL = "zivilverfahren", "Zivilverfahren"
    VERWALTUNG = "verwaltungsverfahren", "Verwaltungsverfahren"


class Objektart(models.TextChoices):
    TELEFON = "telefon", "Telefonaufzeichnung (§ 29)"
    VIDEO = "video", "Videoaufzeichnung (§ 30)"
    ED = "ed", "Erkennungsdienstliche Unterlagen (§ 27)"


class Zugriffsart(models.TextChoices):
    ABHOEREN = "abhoeren", "Abhören (§ 29 Abs. 3)"
    AUSWERTEN = "auswerten", "Auswertung (§ 30 Abs. 3)"
    EINSICHT_BEHOERDE = "einsicht_behoerde", "Einsicht einer Behörde im Verfahren (§ 30 Abs. 4)"
    ED_ANSICHT = "ed_ansicht", "Einsicht in ED-Unterlagen (§ 27 Abs. 1)"
    ED_WEITERGABE = "ed_weitergabe", "Weitergabe an die Polizei (§ 27 Abs. 2)"


class Verdachtsart(models.TextChoices):
    # § 30 Abs. 3 JVG
    DISZIPLINARVERGEHEN = "disziplinarvergehen", "Disziplinarvergehen"
    STRAFTAT = "straftat", "Straftat"


class Rechtsgrundlage(models.TextChoices):
    FRIST_29_2 = "29_2", "§ 29 Abs. 2 JVG: spätestens nach 100 Tagen"
    RECHTSBEISTAND_29_4 = "29_4", "§ 29 Abs. 4 JVG: Gespräch mit dem Rechtsbeistand"
    AUSWERTUNG_30_5 = "30_5_auswertung", "§ 30 Abs. 5 JVG: unmittelbar nach der Auswertung"
    FRIST_30_5 = "30_5_frist", "§ 30 Abs. 5 JVG: spätestens 100 Tage nach der Aufzeichnung"
    ED_27_3 = "27_3", "§ 27 Abs. 3 JVG: spätestens zehn Jahre nach der definitiven Entlassung"


class Vorgang(models.TextChoices):
    VERNICHTET = "vernichtet", "Vernichtet"
    ABGEWIESEN = "abgewiesen", "Beim Eingang abgewiesen (nicht gespeichert)"


class Laufstatus(models.TextChoices):
    LAEUFT = "laeuft", "läuft (oder abgebrochen)"
    BEENDET = "beendet", "beendet"
