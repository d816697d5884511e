"""Choices of the Vollzug module, in the law's words."""

from django.db import models


class Traegerschaft(models.TextChoices):
    KANTONAL = "kantonal", "kantonal"
    PRIVAT = "privat", "privat (Bewilligung § 6 JVG)"


class Geschlecht(models.TextChoices):
    # eCH-0044 sexType: 1 männlich, 2 weiblich, 3 unbestimmt
    MAENNLICH = "1", "männlich"
    WEIBLICH = "2", "weiblich"
    UNBESTIMMT = "3", "unbestimmt"


class Entscheidart(models.TextChoices):
    # §12: rechtskräftige Strafbefehle, Urteile oder Vollzugsentscheide
    URTEIL = "urteil", "Urteil"
    STRAFBEFEHL = "strafbefehl", "Strafbefehl"
    VOLLZUGSENTSCHEID = "vollzugsentscheid", "Vollzugsentscheid"


class Sanktionsart(models.TextChoices):
    # §1 JVG, R-1-1
    FREIHEITSSTRAFE = "freiheitsstrafe", "Freiheitsstrafe"
    ERSATZFREIHEITSSTRAFE = "ersatzfreiheitsstrafe", "Ersatzfreiheitsstrafe"
    STATIONAERE_MASSNAHME = "stationaere_massnahme", "Stationäre therapeutische Massnahme (Art. 59–61 StGB)"
    VERWAHRUNG = "verwahrung", "Verwahrung (Art. 64 StGB)"
    AMBULANTE_MASSNAHME = "ambulante_massnahme", "Ambulante Massnahme (Art. 63 StGB)"
    GEMEINNUETZIGE_ARBEIT = "gemeinnuetzige_arbeit", "Gemeinnützige Arbeit"
    BEWAEHRUNGSHILFE = "bewaehrungshilfe", "Bewährungshilfe"
    JUGEND_FREIHEITSENTZUG = "jugend_freiheitsentzug", "Jugend: Freiheitsentzug"
    JUGEND_SCHUTZMASSNAHME = "jugend_schutzmassnahme", "Jugend: Schutzmassnahme"


# Sanctions that are served for a fixed time and so need a duration (and count for §18).
FREIHEITSSTRAFEN = frozenset(
    {Sanktionsart.FREIHEITSSTRAFE, Sanktionsart.ERSATZFREIHEITSSTRAFE, Sanktionsart.JUGEND_FREIHEITSENTZUG}
)


class Vollzugsform(models.TextChoices):
    # §5.1b, §16, R-1-1
    NORMALVOLLZUG = "normalvollzug", "Normalvollzug"
    HALBGEFANGENSCHAFT = "halbgefangenschaft", "Halbgefangenschaft"
    TAGEWEISE = "tageweise", "Tageweiser Vollzug"
    ARBEITSEXTERNAT = "arbeitsexternat", "Arbeitsexternat"
    WOHN_UND_ARBEITSEXTERNAT = "wohn_arbeitsexternat", "Wohn- und Arbeitsexternat"


class Fallstatus(models.TextChoices):
    EINGANG = "eingang", "Eingang (Vollzug nicht begonnen)"
    IM_VOLLZUG = "im_vollzug", "Im Vollzug"
    UNTERBROCHEN = "unterbrochen", "Vollzug unterbrochen (§ 14)"
    ENTLASSEN = "entlassen", "Definitiv entlassen"


class Platzierungsart(models.TextChoices):
    EINWEISUNG = "einweisung", "Einweisung (§ 17 Abs. 1)"
    VERSETZUNG = "versetzung", "Versetzung (§ 17 Abs. 2)"
    VERSETZUNG_KLINIK = "versetzung_klinik", "Versetzung in Klinik/Spital (§ 17 Abs. 3)"
    WIEDEREINTRITT = "wiedereintritt", "Wiedereintritt nach Unterbrechung (§ 14)"
    VERSETZUNG_VORUEBERGEHEND = "versetzung_26", "Vorübergehende Versetzung (§ 26)"


class Versetzungsgrund(models.TextChoices):
    # §17 Abs. 2 lit. a–e
    A = "a", "a) Zustand oder Verhalten der Person"
    B = "b", "b) Behandlung erfordert es"
    C = "c", "c) Eingliederung wird eher erreicht"
    D = "d", "d) Sicherheit der Person, Mitgefangener oder des Personals"
    E = "e", "e) Belegungsprobleme"


class VollzugAufgabenart(models.TextChoices):
    """Task kinds (kern.models.Aufgabe.art) of this app, registered in contributions.py."""

    MELDUNG_VERSETZUNG_DRINGEND = "versetzung_dringend", "Meldung dringende Versetzung (§ 17 Abs. 3)"
    VOLLZUGSBEGINN_UEBERFAELLIG = "vollzugsbeginn", "Vollzugsbeginn überfällig (§ 13)"
    VOLLZUGSPLAN_ZUGESTELLT = "vollzugsplan_zugestellt", "Vollzugsplan zur Kenntnis nehmen (§ 18 Abs. 2)"
    EINWEISUNGSBEHOERDE_INFORMIEREN = "einweisungsbehoerde_informieren", "Einweisungsbehörde informieren"
