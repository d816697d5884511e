"""Choices of §§ 27, 29, 30 JVG in the law's words."""

from django.db import models


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
