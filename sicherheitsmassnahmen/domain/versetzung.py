"""§ 31 Abs. 4 JVG (R-31-4): `nach_versetzung` is registered with `kern.erweiterungen.nach_versetzung`
(contributions.py); `nach_austritt` ends the measures when the person leaves."""

from kern import fristen
from kern.audit import speichern
from kern.fristen import tagesende
from kern.models import Aufgabe
from kern.rollen import Rolle
from sicherheitsmassnahmen.domain._hilfen import (
    _WOCHENTAGE,
    VS,
    S,
    _beenden,
    _zeit,
)
from sicherheitsmassnahmen.models import Sicherheitsmassnahme
from verfuegungen import domain as vfg
from vollzug.models import Platzierung
from vollzug.recht import Platzierungsart, VollzugAufgabenart

# --- Transfers (R-31-4) ---------------------------------------------------------------------------


def nach_versetzung(platzierung: Platzierung, durch) -> None:
    """Registered with `kern.erweiterungen.nach_versetzung`; runs in the transfer's transaction.

    R-31-4 (§ 31 Abs. 4): a transfer into another facility under § 17 Abs. 2 carried out on a Saturday,
    Sunday or Lucerne holiday → task "inform the Einweisungsbehörde", due on the next working day
    (end of that day). The receiving facility's management gets it: the person is placed there now,
    so only it still sees the case (R-0-ROLE-1), and it is "the facility" that carried out the
    admission. A facility's § 31 measures do not travel with the person: leaving the facility ends its
    active measures and withdraws its pending orders (§ 31 Abs. 1: only for persons placed there).
    """
    vorher = (
        Platzierung.objects.filter(fall_id=platzierung.fall_id, bis=platzierung.von)
        .exclude(pk=platzierung.pk)
        .select_related("anstalt")
        .order_by("-von", "-pk")
        .first()
    )
    if vorher is None or vorher.anstalt_id == platzierung.anstalt_id:
        return  # a new department in the same facility is no "Versetzung in eine andere Vollzugseinrichtung"
    if platzierung.art == Platzierungsart.VERSETZUNG and not fristen.ist_arbeitstag(platzierung.von):
        _einweisungsbehoerde_informieren(platzierung, vorher, durch)
    _massnahmen_der_anstalt_beenden(platzierung, vorher, durch)


def _einweisungsbehoerde_informieren(platzierung: Platzierung, vorher: Platzierung, durch) -> Aufgabe:
    tag = fristen.lokales_datum(platzierung.von)
    bis = fristen.erster_arbeitstag_nach(tag)
    return speichern(
        Aufgabe(
            art=VollzugAufgabenart.EINWEISUNGSBEHOERDE_INFORMIEREN,
            titel=(
                f"Einweisungsbehörde über die Versetzung vom {_WOCHENTAGE[tag.weekday()]}, {tag:%d.%m.%Y} "
                f"informieren (§ 31 Abs. 4 JVG)"
            ),
            beschreibung=(
                f"Versetzung von {vorher.anstalt.name} nach {platzierung.anstalt.name} am "
                f"{_zeit(platzierung.von)} (Samstag, Sonntag oder Feiertag): die Vollzugseinrichtung "
                f"informiert die Einweisungsbehörde am nächsten Arbeitstag, {bis:%d.%m.%Y}."
            ),
            fuer_rolle=Rolle.ANSTALTSLEITUNG,
            anstalt=platzierung.anstalt,
            fall_id=platzierung.fall_id,
            faellig_am=tagesende(bis),
        ),
        durch=durch,
        grund="R-31-4: Versetzung an einem Samstag, Sonntag oder Feiertag",
    )


def _massnahmen_der_anstalt_beenden(platzierung: Platzierung, vorher: Platzierung, durch) -> None:
    grund = f"Versetzung nach {platzierung.anstalt.name} am {_zeit(platzierung.von)} (§ 31 Abs. 3 JVG)"
    _massnahmen_beenden(platzierung.fall_id, vorher.anstalt_id, am=platzierung.von, grund=grund, durch=durch)


def _massnahmen_beenden(fall_id: int, anstalt_id: int, *, am, grund: str, durch) -> None:
    for m in (
        Sicherheitsmassnahme.objects.select_for_update(of=("self",))
        .select_related("verfuegung")
        .filter(fall_id=fall_id, anstalt_id=anstalt_id)
        .exclude(status=S.BEENDET)
        .order_by("pk")
    ):
        if m.status == S.AKTIV:
            _beenden(m, durch=durch, grund=grund, am=am)
        elif m.verfuegung and m.verfuegung.status in (VS.ENTWURF, VS.ZUR_GENEHMIGUNG, VS.GENEHMIGT):
            # Not yet notified: the order of the old facility lapses (the lifecycle's own transition).
            vfg.verfuegung_uebergang(
                verfuegung=m.verfuegung,
                nach=VS.AUFGEHOBEN,
                durch=durch,
                grund="Gegenstandslos: Aufenthalt beendet",
                aufhebung_grund=f"Gegenstandslos: {grund}.",
            )


def nach_austritt(platzierung: Platzierung, durch, anlass: str) -> None:
    """Registered with `kern.erweiterungen.nach_austritt`: a stay that ends by release or a § 14
    interruption ends the facility's active measures and withdraws its pending orders (§ 31 Abs. 1:
    only for persons placed there), like a transfer does."""
    grund = f"{anlass} am {_zeit(platzierung.bis)}: Aufenthalt in {platzierung.anstalt.name} beendet"
    _massnahmen_beenden(
        platzierung.fall_id, platzierung.anstalt_id, am=platzierung.bis, grund=grund, durch=durch
    )
