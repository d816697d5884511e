"""What this app adds to others: deadlines (Fristenkontrolle), start card, task kinds, demo data."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kern import erweiterungen
from vollzugsgestaltung import contributions, domain, fristen, recht
from vollzugsgestaltung.models import (
    Begnadigungsgesuch,
    BesondereVollzugsform,
    Bewaehrungsakte,
    Vollzugsoeffnung,
)

from .conftest import beantragen, eroeffnen


@pytest.mark.rule("R-19-1", "R-0-FRIST-4")
def test_weisungskontrolle_in_der_fristenkontrolle(sachbearbeitung, revision, leitung_a, fall_a):
    akte = domain.akte_eroeffnen(
        person=fall_a.person,
        anlass="bedingte_entlassung",
        gericht="KG",
        referenz="1",
        probezeit_von=timezone.localdate(),
        probezeit_jahre=1,
        durch=sachbearbeitung,
    )
    w = domain.weisung_erfassen(
        akte=akte, text="Meldepflicht", naechste_kontrolle=timezone.localdate(), durch=sachbearbeitung
    )
    eintraege = fristen.weisungs_fristen(sachbearbeitung, timezone.localdate())
    assert [(e.typ, e.regel, e.person_id) for e in eintraege] == [
        ("weisungskontrolle", "R-19-1", fall_a.person_id)
    ]
    assert eintraege[0].url.endswith(f"#weisung-{w.pk}")
    assert len(fristen.weisungs_fristen(revision, timezone.localdate())) == 1
    assert fristen.weisungs_fristen(leitung_a, timezone.localdate()) == []
    domain.akte_abschliessen(akte=akte, am=timezone.localdate(), durch=sachbearbeitung)
    assert fristen.weisungs_fristen(sachbearbeitung, timezone.localdate()) == []


def test_rueckkehr_als_frist_und_startkarte(sachbearbeitung, sachbearbeitung2, leitung_a, personal_b, fall_a):
    jetzt = timezone.now()
    o = beantragen(fall_a, leitung_a, von=jetzt - timedelta(hours=2), bis=jetzt + timedelta(hours=3))
    karten = contributions.startkarten(sachbearbeitung)
    assert [(k.zahl, k.text) for k in karten] == [
        (1, "Anträge auf Vollzugsöffnung zu entscheiden (Art. 84 Abs. 6 StGB)")
    ]
    assert contributions.startkarten(personal_b) == []
    v = domain.oeffnung_entscheiden(oeffnung=o, bewilligen=True, begruendung="x", durch=sachbearbeitung)
    eroeffnen(v, sachbearbeitung, sachbearbeitung2)
    o.refresh_from_db()
    domain.antritt_erfassen(oeffnung=o, am=jetzt - timedelta(hours=1), durch=leitung_a)
    eintraege = fristen.rueckkehr_fristen(leitung_a, timezone.localdate())
    assert [(e.typ, e.faellig, e.anstalt_id) for e in eintraege] == [
        ("rueckkehr_oeffnung", o.bis, o.anstalt_id)
    ]
    assert fristen.rueckkehr_fristen(personal_b, timezone.localdate()) == []


def test_registrierungen():
    assert set(recht.Aufgabenart.values) <= set(erweiterungen.AUFGABENARTEN)
    assert erweiterungen.aufgabenart_regel(recht.Aufgabenart.STELLUNGNAHME_STA) == "R-43-3"
    assert {"rueckkehr_oeffnung", "weisungskontrolle", "gemeinnuetzige_arbeit"} <= set(erweiterungen.QUELLEN)
    assert domain.nach_beschwerde in erweiterungen.beschwerde_folgen("bundesrecht")


def test_demo_daten_ueber_domaenenfunktionen(db):
    from vollzug.contributions import demo_anlegen as fallkern_demo

    benutzer: dict = {}
    heute = timezone.localdate()
    fallkern_demo(benutzer, heute)
    contributions.demo_anlegen(benutzer, heute)
    assert Vollzugsoeffnung.objects.count() == 1
    ga = BesondereVollzugsform.objects.get()
    assert (ga.status, ga.stunden_soll) == (recht.Formstatus.BEFOHLEN, 240)
    assert Bewaehrungsakte.objects.get().weisungen.count() == 1
    assert Begnadigungsgesuch.objects.count() == 1
    for modell in (Vollzugsoeffnung, BesondereVollzugsform, Bewaehrungsakte, Begnadigungsgesuch):
        assert not modell.history.filter(history_user__isnull=True).exists()
