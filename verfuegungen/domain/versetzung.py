"""§ 17 (and § 26) transfers as formal decisions: the Verfügung type the lifecycle offers the case core.

The case core records a transfer (`vollzug.domain.versetzen`) and knows nothing of Verfügungen; this
module drafts the written decision of a recorded transfer and shows, on the case page, every transfer
with its decision or the button to draft it (a case block registered in contributions.py).
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kern import rollen
from verfuegungen.domain.entwurf import Entwurfsdaten, verfuegung_entwerfen
from verfuegungen.domain.rechtsmittel import aufschiebende_wirkung_entziehen
from verfuegungen.models import Verfuegung
from verfuegungen.recht import Verfuegungstyp
from vollzug.models import Platzierung
from vollzug.recht import Platzierungsart


@transaction.atomic
def versetzungsverfuegung_entwerfen(*, platzierung: Platzierung, durch):
    """§17 as a formal decision: draft the written Verfügung of a recorded transfer (issue 3, item 8).

    Steps: only for transfers (§17.2/§17.3) and once per placement; prefill title, legal basis, facts,
    reasons and operative part from the placement; the draft then runs through the shared lifecycle
    (four-eyes approval, Eröffnung with the 20-day Rechtsmittelbelehrung of §43.1, PDF, Rechtskraft).
    """
    platzierung = (
        Platzierung.objects.select_for_update()
        .select_related("fall__person", "anstalt")
        .get(pk=platzierung.pk)
    )
    if platzierung.art == Platzierungsart.EINWEISUNG:
        raise ValidationError(
            {
                "art": ValidationError(
                    "Eine Verfügung nach § 17 gibt es hier nur für Versetzungen.", code="keine_versetzung"
                )
            }
        )
    ct = ContentType.objects.get_for_model(Platzierung)
    vorhanden = Verfuegung.objects.filter(content_type=ct, object_id=platzierung.pk).first()
    if vorhanden is not None:
        raise ValidationError(
            {
                "art": ValidationError(
                    f"Zu dieser Versetzung besteht bereits die Verfügung {vorhanden.nummer}.", code="doppelt"
                )
            }
        )
    fall = platzierung.fall
    von = timezone.localtime(platzierung.von)
    typ = Verfuegungstyp.VERSETZUNG_17
    if platzierung.art == Platzierungsart.VERSETZUNG:
        grundlage = f"§ 17 Abs. 2 lit. {platzierung.grund} JVG"
        grund_text = platzierung.get_grund_display()
    elif platzierung.art == Platzierungsart.VERSETZUNG_VORUEBERGEHEND:
        # § 26 is its own ground under cantonal law (§ 43 Abs. 1 lit. d), not a § 17 transfer.
        typ = Verfuegungstyp.ANDERE_KANTONAL
        grundlage = "§ 26 JVG"
        grund_text = (
            "Vorübergehende Versetzung: die freiheitsentziehende Massnahme ist vorübergehend undurchführbar, "
            "und dies gefährdet die Öffentlichkeit oder den Massnahmenzweck erheblich"
        )
    elif platzierung.art != Platzierungsart.VERSETZUNG_KLINIK:
        raise ValidationError(
            {
                "art": ValidationError(
                    "Eine Verfügung gibt es hier nur für Versetzungen.", code="keine_versetzung"
                )
            }
        )
    else:
        grundlage = "§ 17 Abs. 3 JVG"
        grund_text = "Versetzung in eine psychiatrische Klinik oder ein Spital auf ärztlichen Bericht hin"
    ziel = platzierung.anstalt.name + (f", {platzierung.abteilung}" if platzierung.abteilung else "")
    daten = Entwurfsdaten(
        titel=f"Versetzung: {platzierung.anstalt.name}",
        rechtsgrundlage=grundlage,
        sachverhalt=(
            f"{fall.person.vorname} {fall.person.amtlicher_name} befindet sich im Vollzug (Fall {fall.fallnummer}). "
            f"Am {von:%d.%m.%Y} um {von:%H:%M} Uhr wurde die Person versetzt. Neue Einrichtung: {ziel}."
        ),
        begruendung="\n\n".join(filter(None, [f"Grund: {grund_text}.", platzierung.begruendung.strip()])),
        dispositiv=f"{fall.person.vorname} {fall.person.amtlicher_name} wird zur Fortsetzung des Vollzugs versetzt. "
        f"Einrichtung: {ziel}.",
    )
    verfuegung = verfuegung_entwerfen(
        typ=typ,
        person=fall.person,
        fall=fall,
        daten=daten,
        gegenstand=platzierung,
        durch=durch,
    )
    # The transfer was carried out before its written decision: §17 is not a §44 area, so an appeal
    # would suspend it. The draft therefore records the reasoned withdrawal of suspensive effect,
    # which the approver reviews with the rest of the decision (R-0-VFG-4).
    return aufschiebende_wirkung_entziehen(
        verfuegung=verfuegung,
        begruendung=(
            "Die Versetzung ist aus den genannten Gründen bereits vollzogen worden; einer allfälligen "
            "Beschwerde wird die aufschiebende Wirkung entzogen."
        ),
        durch=durch,
    )


def fallblock(fall, user) -> dict | None:
    """Case page: the transfers of this case with their § 17/§ 26 Verfügung, two queries whatever their
    number (item 8 of issue 3); nothing when the case has no transfer."""
    versetzungen = list(
        fall.platzierungen.exclude(art=Platzierungsart.EINWEISUNG)
        .select_related("anstalt")
        .order_by("von", "pk")
    )
    if not versetzungen:
        return None
    verfuegungen = {
        v.object_id: v
        for v in Verfuegung.objects.filter(
            content_type=ContentType.objects.get_for_model(Platzierung),
            object_id__in=[p.pk for p in versetzungen],
        )
    }
    for p in versetzungen:
        p.verfuegung = verfuegungen.get(p.pk)
    return {
        "versetzungen": versetzungen,
        "kann_verfuegen": rollen.hat_rolle(user, rollen.Rolle.SACHBEARBEITUNG),
    }
