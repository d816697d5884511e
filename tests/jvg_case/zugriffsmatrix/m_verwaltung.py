"""Partner agencies (§§ 12, 21): the agency's OAuth2 endpoints (information, delivery of judgments), the
disclosure log, the admin pages of agencies and of the webhook subscriptions."""

from behoerden import domain, recht
from benachrichtigungen import domain as benachrichtigungen
from kern import ereignisse
from tests.behoerden.hilfen import zustellung

from .datensatz import AHV_A
from .kern import SEITE_A, SEITE_B

URTEIL = {"HTTP_X_ZWECK": "urteilszustellung"}


def anlegen(ds):
    admin = ds.benutzer["admin"]
    behoerde = ds.o["behoerde"]
    # A disclosure logged for each person: the agency asked about A (its own judgment); B was asked by
    # another agency (the log shows both to auditors only).
    zweite, _ = domain.behoerde_anlegen(
        daten=domain.BehoerdeDaten(name="Amt für Justizvollzug Zürich", typ="b"), durch=admin
    )
    ds.o["behoerde2"] = zweite
    for behoerde_x, seite in ((behoerde, "a"), (zweite, "b")):
        zweck = "strafverfahren" if behoerde_x.typ == "a" else "vollzugskoordination"
        z, sachbearbeitung = domain.zweck_pruefen(
            behoerde=behoerde_x,
            endpunkt=recht.Endpunkt.AUSKUNFT,
            zweck=zweck,
            sachbearbeitung=ds.mk("bekanntgabe", frozenset()),
        )
        domain.bekanntgabe_protokollieren(
            behoerde=behoerde_x,
            sachbearbeitung=sachbearbeitung,
            zweck=z,
            person=ds.o[f"person_{seite}"],
            endpunkt="auskunft.retrieve",
            kategorien=recht.freigabe(behoerde_x.typ).kategorien,
            request=None,
        )
    # Webhooks: the agency's subscription, and a delivery that was cancelled (subscription inactive),
    # which the administration can send again.
    abo, _ = benachrichtigungen.abonnement_anlegen(
        behoerde=behoerde, url="https://empfang.sta.invalid/jvg", ereignistypen=["einweisung"], durch=admin
    )
    ds.o["abonnement"] = abo
    ids = benachrichtigungen.verteilen(
        ereignisse.Ereignis(
            typ="einweisung",
            person_id=ds.o["person_a"].pk,
            fall_id=ds.o["fall_a"].pk,
            objekt="vollzug.platzierung:0",
            zeitpunkt=ds.o["platzierung_a"].von,
            daten={"anstalt": "JVA Grosshof"},
        )
    )
    benachrichtigungen.abonnement_aendern(
        abonnement=abo, aenderung=benachrichtigungen.Aenderung(aktiv=False), durch=admin
    )
    benachrichtigungen.zustellen(ids[0])
    benachrichtigungen.abonnement_aendern(
        abonnement=abo, aenderung=benachrichtigungen.Aenderung(aktiv=True), durch=admin
    )
    ds.o["zustellung"] = ids[0]
    ziele(ds)


def ziele(ds):
    o = ds.o
    behoerde, abo = o["behoerde"], o["abonnement"]
    ds.ziel("behoerden:liste")
    ds.ziel(
        "behoerden:neu",
        daten=lambda: {"name": "Betreibungsamt Kriens", "typ": "j", "kontakt_email": "ba@kriens.invalid"},
    )
    ds.ziel("behoerden:zugang", kwargs={"pk": behoerde.pk}, seite="i", daten=lambda: {})
    ds.ziel("behoerden:aktiv", kwargs={"pk": behoerde.pk}, seite="i", daten=lambda: {"aktiv": "0"})
    ds.ziel("behoerden:bekanntgaben")
    ds.ziel("behoerden:bekanntgaben_csv")
    ds.ziel("behoerden:bekanntgaben_csv", query="person=" + o["person_a"].personennummer)
    # Webhook subscriptions (administration; an agency manages its own through the API)
    ds.ziel("benachrichtigungen:liste")
    ds.ziel(
        "benachrichtigungen:neu",
        daten=lambda: {
            "behoerde": behoerde.pk,
            "url": "https://neu.sta.invalid/jvg",
            "ereignistypen": ["entlassung"],
        },
    )
    ds.ziel("benachrichtigungen:detail", kwargs={"pk": abo.pk}, seite="i")
    for was, daten in (("geheimnis", {}), ("deaktivieren", {}), ("aktivieren", {})):
        ds.ziel(
            f"benachrichtigungen:aktion[{was}]",
            kwargs={"pk": abo.pk, "was": was},
            seite="i",
            daten=lambda d=daten: dict(d),
        )
    ds.ziel("benachrichtigungen:erneut", kwargs={"pk": o["zustellung"]}, seite="i", daten=lambda: {})
    ds.ziel("benachrichtigungen-abonnement-list")
    ds.ziel(
        "benachrichtigungen-abonnement-list",
        daten=lambda: {
            "behoerde": behoerde.pk,
            "url": "https://neu.sta.invalid/jvg",
            "ereignistypen": ["entlassung"],
        },
        art="json",
    )
    ds.ziel(
        "benachrichtigungen-abonnement-detail[aendern]",
        kwargs={"pk": abo.pk},
        seite="i",
        daten=lambda: {"aktiv": False},
        art="json",
        methode="patch",
    )
    ds.ziel(
        "benachrichtigungen-abonnement-geheimnis",
        kwargs={"pk": abo.pk},
        seite="i",
        daten=lambda: {},
        art="json",
    )
    ds.ziel("benachrichtigungen-abonnement-zustellungen", kwargs={"pk": abo.pk}, seite="i")
    # The agency's own endpoints (OAuth2 client credentials, § 21 Abs. 2: stated purpose)
    for seite, bezug in (("a", SEITE_A), ("b", SEITE_B)):
        person = o[f"person_{seite}"]
        referenz = o[f"fall_{seite}"].entscheide.get().referenz
        ds.ziel("auskunft-person-list", query=f"referenz={referenz}", seite=seite, bezug=bezug)
        ds.ziel("auskunft-person-detail", kwargs={"id": person.pk}, seite=seite, bezug=bezug)
    ds.ziel("auskunft-person-list", query=f"vn={AHV_A}")
    ds.ziel(
        "urteilszustellung-list",
        daten=lambda: zustellung("SA1 26 777", vn="7561111222239"),
        art="json",
        kopf=URTEIL,
    )
