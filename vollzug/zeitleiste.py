"""The dossier's timeline (issue 17): the case core's own events, merged with what every module registers
with `kern.erweiterungen.zeitleiste` (Verfügungen, proceedings, measures …), newest first.

The case core's events come from rows the case page has loaded already (no query); the person page loads
them for the visible cases in three queries.
"""

from django.urls import reverse

from kern import erweiterungen
from kern.erweiterungen import Ereignis
from vollzug.models import Dokument, Entscheid, Platzierung

BEREICH = "Vollzug"


def _fall_ereignisse(fall, *, entscheide, platzierungen, dokumente, mit_nummer: bool) -> list[Ereignis]:
    url = reverse("vollzug:fall_detail", args=[fall.pk])
    zusatz = f" (Fall {fall.fallnummer})" if mit_nummer else ""
    ereignisse = [Ereignis(fall.eingang_am, f"Vollzugsauftrag eingegangen{zusatz}", url, BEREICH)]
    for e in entscheide:
        ereignisse.append(
            Ereignis(
                e.rechtskraft_am,
                f"{e.get_art_display()} {e.referenz} rechtskräftig (§ 12 JVG){zusatz}",
                url,
                BEREICH,
            )
        )
    for p in platzierungen:
        ereignisse.append(Ereignis(p.von, f"{p.get_art_display()}: {p.anstalt.name}{zusatz}", url, BEREICH))
    for d in dokumente:
        ereignisse.append(
            Ereignis(
                d.hochgeladen_am,
                f"Dokument abgelegt: {d.titel}{zusatz}",
                reverse("vollzug:dokument_download", args=[d.pk]),
                BEREICH,
            )
        )
    if fall.entlassung_am:
        ereignisse.append(Ereignis(fall.entlassung_am, f"Definitive Entlassung{zusatz}", url, BEREICH))
    return ereignisse


def fuer_fall(fall, user, *, entscheide, platzierungen, dokumente) -> list[Ereignis]:
    """The case page's timeline: the loaded core rows plus every module's events of this case."""
    eigene = _fall_ereignisse(
        fall, entscheide=entscheide, platzierungen=platzierungen, dokumente=dokumente, mit_nummer=False
    )
    return _sortiert(eigene + erweiterungen.zeitleiste_fuer(fall.person, user, fall))


def fuer_person(person, user, faelle) -> list[Ereignis]:
    """The person page's timeline over the visible cases `faelle` (three queries for the core rows)."""
    ids = [f.pk for f in faelle]
    entscheide, platzierungen, dokumente = {}, {}, {}
    for e in Entscheid.objects.filter(fall_id__in=ids):
        entscheide.setdefault(e.fall_id, []).append(e)
    for p in Platzierung.objects.filter(fall_id__in=ids).select_related("anstalt"):
        platzierungen.setdefault(p.fall_id, []).append(p)
    for d in Dokument.objects.filter(fall_id__in=ids).only("pk", "fall_id", "titel", "hochgeladen_am"):
        dokumente.setdefault(d.fall_id, []).append(d)
    eigene = []
    for fall in faelle:
        eigene += _fall_ereignisse(
            fall,
            entscheide=entscheide.get(fall.pk, []),
            platzierungen=platzierungen.get(fall.pk, []),
            dokumente=dokumente.get(fall.pk, []),
            mit_nummer=len(ids) > 1,
        )
    return _sortiert(eigene + erweiterungen.zeitleiste_fuer(person, user))


def _sortiert(ereignisse: list[Ereignis]) -> list[Ereignis]:
    return sorted(ereignisse, key=erweiterungen.sortierschluessel, reverse=True)
