"""Deadline source of the disciplinary law for the Fristenkontrolle (R-0-FRIST-4), registered in
`disziplinar/contributions.py`.

§ 41 Abs. 5 JVG knows two limitation periods of six months: prosecution from the act (R-41-5a, the
last day on which the decision may be notified) and execution from Rechtskraft (R-41-5b). Both are
listed ahead of time; from `JVG_DISZIPLINAR_WARNUNG_TAGE` days before the end the title carries a
warning. One query: the two kinds are one UNION, visibility from `verfahren_fuer_user`.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, DateField, DateTimeField, Exists, F, IntegerField, OuterRef, Value
from django.urls import reverse
from django.utils import timezone

from disziplinar.models import (
    Disziplinarsanktion,
    Disziplinarverfahren,
)
from disziplinar.queries import verfahren_fuer_user
from disziplinar.recht import (
    Disziplinarsanktionsart,
    Sanktionsstatus,
    Verfahrensstatus,
    vollstreckungsverjaehrung,
    warnung_tage,
)
from kern.erweiterungen import FristEintrag
from kern.fristen import tagesende
from kern.rollen import Rolle, hat_rolle
from verfuegungen.models import EROEFFNETE_STATUS, Verfuegung

TYP = "disziplinar_verjaehrung"
_SPALTEN = (
    "k_art",
    "k_pk",
    "k_fall",
    "k_nummer",
    "k_datum",
    "k_vfg_pk",
    "k_vfg_nummer",
    "k_sanktion",
    "k_person",
    "k_name",
    "k_vorname",
    "k_anstalt",
    "k_anstalt_name",
    "k_tatzeit",
)


def _warnung(faellig_am, heute) -> str:
    tage = (faellig_am - heute).days
    if tage > warnung_tage():
        return ""
    if tage < 0:
        return "Warnung: verjährt – "
    return f"Warnung: Verjährung in {tage} {'Tag' if tage == 1 else 'Tagen'} – "


def verjaehrung_fristen(user, heute):
    """R-41-5a: open proceedings without a notified decision (due: `verjaehrung_am`); R-41-5b: ordered
    sanctions of a binding decision (due: six months after Rechtskraft). Visible to the management of
    the facility and to the authority's readers (sachbearbeitung, revision); staff read the proceedings
    (issue 17) but do not lead them, so the limitation deadlines are not theirs to watch."""
    if hat_rolle(user, Rolle.ANSTALTSPERSONAL):
        return []
    sichtbar = verfahren_fuer_user(user)
    eroeffnet = Verfuegung.objects.filter(
        content_type=ContentType.objects.get_for_model(Disziplinarverfahren),
        object_id=OuterRef("pk"),
        status__in=EROEFFNETE_STATUS,
    )
    verfahren = (
        sichtbar.filter(status=Verfahrensstatus.OFFEN)
        .exclude(Exists(eroeffnet))
        .annotate(
            k_art=Value("verfahren", output_field=CharField()),
            k_pk=F("pk"),
            k_fall=F("rapport__fall_id"),
            k_nummer=F("nummer"),
            k_datum=F("verjaehrung_am"),
            k_vfg_pk=Value(None, output_field=IntegerField()),
            k_vfg_nummer=Value("", output_field=CharField()),
            k_sanktion=Value("", output_field=CharField()),
            k_person=F("person_id"),
            k_name=F("person__amtlicher_name"),
            k_vorname=F("person__vorname"),
            k_anstalt=F("anstalt_id"),
            k_anstalt_name=F("anstalt__name"),
            k_tatzeit=F("rapport__tatzeit"),
        )
        .values(*_SPALTEN)
        .order_by()  # a compound statement allows no ORDER BY in its parts (SQLite)
    )
    sanktionen = (
        Disziplinarsanktion.objects.filter(
            verfahren__in=sichtbar,
            status=Sanktionsstatus.ANGEORDNET,
            verfuegung__rechtskraeftig_am__isnull=False,
        )
        .annotate(
            k_art=Value("sanktion", output_field=CharField()),
            k_pk=F("pk"),
            k_fall=F("verfahren__rapport__fall_id"),
            k_nummer=F("verfahren__nummer"),
            k_datum=F("verfuegung__rechtskraeftig_am"),
            k_vfg_pk=F("verfuegung_id"),
            k_vfg_nummer=F("verfuegung__nummer"),
            k_sanktion=F("art"),
            k_person=F("verfahren__person_id"),
            k_name=F("verfahren__person__amtlicher_name"),
            k_vorname=F("verfahren__person__vorname"),
            k_anstalt=F("verfahren__anstalt_id"),
            k_anstalt_name=F("verfahren__anstalt__name"),
            k_tatzeit=F("verfahren__rapport__tatzeit"),
        )
        .values(*_SPALTEN)
        .order_by()  # a compound statement allows no ORDER BY in its parts (SQLite)
    )
    eintraege = []
    for z in verfahren.union(sanktionen, all=True):
        if z["k_art"] == "verfahren":
            faellig_am = _als_datum(z["k_datum"])
            tat = timezone.localtime(_als_zeitpunkt(z["k_tatzeit"]))
            titel = (
                f"{_warnung(faellig_am, heute)}Verfolgungsverjährung Disziplinarverfahren {z['k_nummer']} "
                f"(Tat vom {tat:%d.%m.%Y}, § 41 Abs. 5 JVG): spätestens an diesem Tag eröffnen"
            )
            url = reverse("vollzug:fall_detail", args=[z["k_fall"]]) + f"#disziplinarverfahren-{z['k_pk']}"
            regel = "R-41-5a"
        else:
            faellig_am = vollstreckungsverjaehrung(_als_datum(z["k_datum"])).ende
            art = Disziplinarsanktionsart(z["k_sanktion"])
            titel = (
                f"{_warnung(faellig_am, heute)}Vollstreckungsverjährung: {art.label} "
                f"(Verfügung {z['k_vfg_nummer']}, Verfahren {z['k_nummer']}, § 41 Abs. 5 JVG)"
            )
            url = reverse("verfuegungen:detail", args=[z["k_vfg_pk"]]) + f"#sanktion-{z['k_pk']}"
            regel = "R-41-5b"
        eintraege.append(
            FristEintrag(
                typ=TYP,
                titel=titel,
                faellig=tagesende(faellig_am),
                url=url,
                person_id=z["k_person"],
                person_name=f"{z['k_name']} {z['k_vorname']}",
                anstalt_id=z["k_anstalt"],
                anstalt_name=z["k_anstalt_name"] or "",
                regel=regel,
            )
        )
    return eintraege


def _als_datum(wert):
    # A UNION column has no model field to convert it on SQLite: dates may come back as text.
    return DateField().to_python(wert)


def _als_zeitpunkt(wert):
    return DateTimeField().to_python(wert) if isinstance(wert, str) else wert
