"""§ 21 JVG (R-21-1, R-0-AUDIT-2): agency clients, allowlist per agency type, purpose binding, disclosure log."""

import base64
from datetime import date

import pytest
from django.db import connection
from oauth2_provider.models import AccessToken, get_application_model
from rest_framework.test import APIClient

from behoerden import domain
from behoerden.models import Behoerdentyp, Bekanntgabe, NurAnfuegen
from behoerden.recht import FREIGABEN, Kategorie
from kern.models import Lesezugriff
from kosten import domain as kosten
from tests.behoerden.hilfen import AHV_GUELTIG, agentur_client, behoerde_anlegen, fall_mit_entscheid
from tests.factories import person_anlegen

# Response key of each data category.
SCHLUESSEL = {
    Kategorie.PERSONALIEN: "personalien",
    Kategorie.HAFTSTATUS: "haftstatus",
    Kategorie.ANSTALT_ADRESSE: "anstalt",
    Kategorie.VOLLZUGSFORM: "vollzugsform",
    Kategorie.SANKTIONEN: "sanktionen",
    Kategorie.ENTSCHEIDE: "entscheide",
    Kategorie.ENTLASSUNG: "entlassung",
}


def _sichtbare_und_fremde_person(typ, behoerde, sb, anstalt):
    """A person the agency may see (placed in `anstalt`) and one it may not, per the type's Sicht."""
    sichtbar = person_anlegen(durch=sb, ahv_nummer=AHV_GUELTIG)
    fremd = person_anlegen(durch=sb)
    if typ == Behoerdentyp.STRAFBEHOERDE:
        fall_mit_entscheid(
            durch=sb, person=sichtbar, behoerde_name=behoerde.name, referenz="A-1", anstalt=anstalt
        )
        fall_mit_entscheid(durch=sb, person=fremd, behoerde_name="Kriminalgericht Luzern", referenz="KG-1")
    elif typ == Behoerdentyp.SOZIALAMT:
        fall_mit_entscheid(durch=sb, person=sichtbar, behoerde_name="KG", referenz="I-1", anstalt=anstalt)
        fall_mit_entscheid(durch=sb, person=fremd, behoerde_name="KG", referenz="I-2")
        kosten.unterstuetzungswohnsitz_erfassen(
            person=sichtbar, kanton="AG", gemeinde="Aarau", gueltig_ab=date(2025, 1, 1), durch=sb
        )
        kosten.unterstuetzungswohnsitz_erfassen(
            person=fremd, kanton="AG", gemeinde="Baden", gueltig_ab=date(2025, 1, 1), durch=sb
        )
    else:
        # Sicht mit_fall: a person with a case; the other one has no case at all.
        fall_mit_entscheid(
            durch=sb, person=sichtbar, behoerde_name="KG", referenz=f"{typ}-1", anstalt=anstalt
        )
    return sichtbar, fremd


@pytest.mark.rule("R-21-1")
@pytest.mark.rule("R-0-AUDIT-2")
@pytest.mark.parametrize("typ", Behoerdentyp.values)
def test_pro_behoerdentyp_nur_freigegebene_daten_fremde_404_zweck_pflicht_und_protokolliert(
    typ, admin_user, sachbearbeitung, anstalt_a
):
    behoerde, _ = behoerde_anlegen(admin_user, typ, gemeinde="Aarau" if typ == "i" else "")
    sichtbar, fremd = _sichtbare_und_fremde_person(typ, behoerde, sachbearbeitung, anstalt_a)
    freigabe = FREIGABEN[typ]
    client = agentur_client(behoerde, sachbearbeitung="Erika Beispiel")

    antwort = client.get(f"/api/v1/auskunft/personen/{sichtbar.pk}/")
    assert antwort.status_code == 200, antwort.content
    daten = antwort.json()
    erlaubt = {SCHLUESSEL[k] for k in freigabe.kategorien}
    assert set(daten) - {"id", "kategorien"} == erlaubt  # allowed present, everything else absent
    assert daten["kategorien"] == [k.value for k in freigabe.kategorien]
    if "haftstatus" in erlaubt:
        assert daten["haftstatus"]["imVollzug"] is True
    if "anstalt" in erlaubt:
        assert daten["anstalt"] == {"name": "JVA Grosshof", "ort": "Kriens"}
    if "personalien" not in erlaubt:
        assert sichtbar.amtlicher_name not in antwort.content.decode()

    # Every successful read logged with agency, official, purpose, legal basis, categories (R-21-1) …
    eintrag = Bekanntgabe.objects.get()
    zweck = freigabe.zwecke[-1] if typ == "a" else freigabe.zwecke[0]
    assert (eintrag.behoerde, eintrag.person, eintrag.zweck) == (behoerde, sichtbar, zweck.code)
    assert eintrag.rechtsgrundlage == zweck.rechtsgrundlage
    assert eintrag.sachbearbeitung == "Erika Beispiel"
    assert eintrag.kategorien == [k.value for k in freigabe.kategorien]
    # … and in the person's read log with the stated purpose (R-0-AUDIT-2).
    lz = Lesezugriff.objects.get(person=sichtbar)
    assert lz.benutzer == behoerde.benutzer and zweck.code in lz.zweck

    # Another person: 404, nothing logged.
    assert client.get(f"/api/v1/auskunft/personen/{fremd.pk}/").status_code == 404
    # Missing purpose: 400 naming § 21 Abs. 2 and the rule, nothing logged.
    ohne_zweck = agentur_client(behoerde, zweck=None)
    antwort = ohne_zweck.get(f"/api/v1/auskunft/personen/{sichtbar.pk}/")
    assert antwort.status_code == 400
    assert "§ 21 Abs. 2 JVG" in antwort.json()["X-Zweck"][0]
    assert Bekanntgabe.objects.count() == 1


@pytest.mark.rule("R-21-1")
def test_unbekannter_oder_fremder_zweck_und_fehlende_sachbearbeitung_400(
    admin_user, sachbearbeitung, anstalt_a
):
    behoerde, _ = behoerde_anlegen(admin_user, Behoerdentyp.STRASSENVERKEHRSAMT)
    person, _ = _sichtbare_und_fremde_person("d", behoerde, sachbearbeitung, anstalt_a)
    url = f"/api/v1/auskunft/personen/{person.pk}/"
    for zweck in ("neugier", "sozialhilfe"):  # unknown, and the purpose of another agency type
        antwort = agentur_client(behoerde, zweck=zweck).get(url)
        assert antwort.status_code == 400
        assert "Unbekannter Zweck" in antwort.json()["X-Zweck"][0]
    antwort = agentur_client(behoerde, sachbearbeitung=None).get(url)
    assert antwort.status_code == 400 and "X-Sachbearbeitung" in antwort.json()
    assert agentur_client(behoerde, sachbearbeitung="M%C3%BCller").get(url).status_code == 200
    assert Bekanntgabe.objects.get().sachbearbeitung == "Müller"


@pytest.mark.rule("R-21-1")
def test_strassenverkehrsamt_sieht_nur_haftstatus_und_ende(admin_user, sachbearbeitung, anstalt_a):
    behoerde, _ = behoerde_anlegen(admin_user, Behoerdentyp.STRASSENVERKEHRSAMT)
    person, _ = _sichtbare_und_fremde_person("d", behoerde, sachbearbeitung, anstalt_a)
    antwort = agentur_client(behoerde).get("/api/v1/auskunft/personen/", {"vn": "756.9217.0769.85"})
    assert antwort.status_code == 200
    [daten] = antwort.json()
    assert set(daten) == {"id", "kategorien", "haftstatus"}
    assert daten["haftstatus"]["imVollzug"] is True
    assert daten["haftstatus"]["voraussichtlichesEnde"] is not None
    assert "Grosshof" not in antwort.content.decode()


@pytest.mark.rule("R-21-1")
def test_betreibungsamt_haftstatus_und_anstaltsadresse(admin_user, sachbearbeitung, anstalt_a):
    behoerde, _ = behoerde_anlegen(admin_user, Behoerdentyp.BETREIBUNGSAMT)
    person, _ = _sichtbare_und_fremde_person("j", behoerde, sachbearbeitung, anstalt_a)
    daten = agentur_client(behoerde).get(f"/api/v1/auskunft/personen/{person.pk}/").json()
    assert set(daten) == {"id", "kategorien", "haftstatus", "anstalt"}
    assert daten["anstalt"]["name"] == "JVA Grosshof"


@pytest.mark.rule("R-21-1")
def test_suche_nur_exakt_nach_ahv_oder_eigener_referenz(admin_user, sachbearbeitung, anstalt_a):
    d, _ = behoerde_anlegen(admin_user, Behoerdentyp.STRASSENVERKEHRSAMT)
    client = agentur_client(d)
    assert client.get("/api/v1/auskunft/personen/").status_code == 400  # no browsing
    assert client.get("/api/v1/auskunft/personen/", {"vn": "756.1234.5678.90"}).status_code == 400
    assert client.get("/api/v1/auskunft/personen/", {"vn": AHV_GUELTIG}).json() == []  # unknown: empty
    assert client.get("/api/v1/auskunft/personen/", {"referenz": "X"}).status_code == 400
    assert Bekanntgabe.objects.count() == 0
    a, _ = behoerde_anlegen(admin_user, Behoerdentyp.STRAFBEHOERDE, name="Staatsanwaltschaft")
    person = person_anlegen(durch=sachbearbeitung)
    fall_mit_entscheid(durch=sachbearbeitung, person=person, behoerde_name=a.name, referenz="SA 1")
    treffer = agentur_client(a).get("/api/v1/auskunft/personen/", {"referenz": "SA 1"}).json()
    assert [t["id"] for t in treffer] == [person.pk]
    assert Bekanntgabe.objects.get().endpunkt == "auskunft.list"


@pytest.mark.rule("R-21-1")
def test_authentifizierung_scope_und_typ(admin_user, sachbearbeitung, anstalt_a, client_als):
    d, _ = behoerde_anlegen(admin_user, Behoerdentyp.STRASSENVERKEHRSAMT)
    person, _ = _sichtbare_und_fremde_person("d", d, sachbearbeitung, anstalt_a)
    url = f"/api/v1/auskunft/personen/{person.pk}/"
    assert APIClient().get(url).status_code == 401  # no token
    assert client_als(sachbearbeitung).get(url).status_code == 401  # staff session: not an agency client
    falsch = APIClient()
    falsch.credentials(HTTP_AUTHORIZATION="Bearer unbekannt", HTTP_X_ZWECK="fuehrerausweis")
    assert falsch.get(url).status_code == 401
    assert agentur_client(d, scopes=[]).get(url).status_code == 403  # token without scope auskunft
    # Type d may not deliver judgments (§ 12 is for Strafbehörden), even with the scope in the token.
    antwort = agentur_client(d, zweck="urteilszustellung", scopes=["auskunft", "urteile"]).post(
        "/api/v1/urteilszustellungen/", {}, format="json"
    )
    assert antwort.status_code == 403
    # Deactivated agency: 401, tokens revoked.
    token_client = agentur_client(d)
    domain.behoerde_aktiv_setzen(behoerde=d, aktiv=False, durch=admin_user)
    assert token_client.get(url).status_code == 401
    assert not AccessToken.objects.filter(application=d.anwendung).exists()


@pytest.mark.rule("R-21-1")
def test_token_ueber_client_credentials_geheimnis_gehasht_scopes_nach_typ(
    admin_user, client, produktions_hasher
):
    d, geheimnis = behoerde_anlegen(admin_user, Behoerdentyp.STRASSENVERKEHRSAMT)
    anwendung = get_application_model().objects.get(pk=d.anwendung_id)
    assert anwendung.client_secret != geheimnis and anwendung.client_secret.startswith("pbkdf2_")
    basic = base64.b64encode(f"{anwendung.client_id}:{geheimnis}".encode()).decode()
    antwort = client.post(
        "/o/token/", {"grant_type": "client_credentials"}, HTTP_AUTHORIZATION=f"Basic {basic}"
    )
    assert antwort.status_code == 200, antwort.content
    token = antwort.json()
    assert token["scope"] == "auskunft"
    # The token works on the agency API.
    api = APIClient()
    api.credentials(
        HTTP_AUTHORIZATION=f"Bearer {token['access_token']}",
        HTTP_X_ZWECK="fuehrerausweis",
        HTTP_X_SACHBEARBEITUNG="X",
    )
    assert api.get("/api/v1/auskunft/personen/", {"vn": AHV_GUELTIG}).status_code == 200
    # A scope beyond the type's allowlist is refused; a wrong secret too.
    zu_viel = client.post(
        "/o/token/",
        {"grant_type": "client_credentials", "scope": "urteile"},
        HTTP_AUTHORIZATION=f"Basic {basic}",
    )
    assert zu_viel.status_code == 400 and zu_viel.json()["error"] == "invalid_scope"
    falsch = base64.b64encode(f"{anwendung.client_id}:falsch".encode()).decode()
    assert (
        client.post(
            "/o/token/", {"grant_type": "client_credentials"}, HTTP_AUTHORIZATION=f"Basic {falsch}"
        ).status_code
        == 401
    )
    # Strafbehörde: both scopes.
    a, geheimnis_a = behoerde_anlegen(admin_user, Behoerdentyp.STRAFBEHOERDE, name="StA")
    basic_a = base64.b64encode(f"{a.anwendung.client_id}:{geheimnis_a}".encode()).decode()
    antwort = client.post(
        "/o/token/", {"grant_type": "client_credentials"}, HTTP_AUTHORIZATION=f"Basic {basic_a}"
    )
    assert set(antwort.json()["scope"].split()) == {"auskunft", "urteile"}
    # Inactive agency: no token.
    domain.behoerde_aktiv_setzen(behoerde=d, aktiv=False, durch=admin_user)
    assert (
        client.post(
            "/o/token/", {"grant_type": "client_credentials"}, HTTP_AUTHORIZATION=f"Basic {basic}"
        ).status_code
        == 401
    )


@pytest.mark.rule("R-21-1")
def test_drosselung_pro_client_429(admin_user, settings):
    settings.JVG_BEHOERDEN_RATE = "3/min"
    d, _ = behoerde_anlegen(admin_user, Behoerdentyp.STRASSENVERKEHRSAMT)
    j, _ = behoerde_anlegen(admin_user, Behoerdentyp.BETREIBUNGSAMT)
    client_d, client_j = agentur_client(d), agentur_client(j)
    for _ in range(3):
        assert client_d.get("/api/v1/auskunft/personen/", {"vn": AHV_GUELTIG}).status_code == 200
    antwort = client_d.get("/api/v1/auskunft/personen/", {"vn": AHV_GUELTIG})
    assert antwort.status_code == 429
    assert "Zu viele Anfragen" in antwort.json()["detail"] and antwort.has_header("Retry-After")
    # Per client: another agency is not affected.
    assert client_j.get("/api/v1/auskunft/personen/", {"vn": AHV_GUELTIG}).status_code == 200


@pytest.mark.rule("R-21-1")
def test_bekanntgabeprotokoll_ist_unveraenderlich(admin_user, sachbearbeitung, anstalt_a):
    d, _ = behoerde_anlegen(admin_user, Behoerdentyp.STRASSENVERKEHRSAMT)
    person, _ = _sichtbare_und_fremde_person("d", d, sachbearbeitung, anstalt_a)
    agentur_client(d).get(f"/api/v1/auskunft/personen/{person.pk}/")
    eintrag = Bekanntgabe.objects.get()
    eintrag.zweck = "anders"
    with pytest.raises(NurAnfuegen):
        eintrag.save()
    with pytest.raises(NurAnfuegen):
        eintrag.delete()
    with pytest.raises(NurAnfuegen):
        Bekanntgabe.objects.filter(pk=eintrag.pk).update(zweck="anders")
    with pytest.raises(NurAnfuegen):
        Bekanntgabe.objects.all().delete()
    if connection.vendor == "postgresql":
        # The trigger refuses any other client as well (migration 0003).
        from django.db import DatabaseError, transaction

        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("UPDATE behoerden_bekanntgabe SET zweck = 'x' WHERE id = %s", [eintrag.pk])
    assert Bekanntgabe.objects.get().zweck == "fuehrerausweis"
    # No API can change it: the agency endpoints only read.
    antwort = agentur_client(d).delete(f"/api/v1/auskunft/personen/{person.pk}/")
    assert antwort.status_code == 405
