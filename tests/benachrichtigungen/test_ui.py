"""Admin pages of the webhook subscriptions: only admin; the secret is shown once; field messages."""

import pytest
from django.urls import reverse

from benachrichtigungen.models import Abonnement

from .hilfen import behoerde


@pytest.fixture(autouse=True)
def _https_pflicht(settings):
    settings.JVG_WEBHOOK_HTTP_LOKAL_ERLAUBT = False


def test_admin_erfasst_abonnement_und_sieht_geheimnis_einmal(client_als, admin_user, sachbearbeitung):
    b = behoerde(admin_user)
    assert client_als(sachbearbeitung).get(reverse("benachrichtigungen:liste")).status_code == 403
    c = client_als(admin_user)
    antwort = c.post(
        reverse("benachrichtigungen:neu"),
        {"behoerde": b.pk, "url": "http://jv.example/hook", "ereignistypen": ["einweisung"]},
    )
    assert antwort.context["form"].errors["url"] == [
        "Benachrichtigungen (§ 21 JVG): Nur https-Adressen sind erlaubt."
    ]
    antwort = c.post(
        reverse("benachrichtigungen:neu"),
        {
            "behoerde": b.pk,
            "url": "https://jv.example/hook",
            "ereignistypen": ["einweisung", "festnahmeauftrag"],
        },
    )
    assert antwort.status_code == 200
    geheimnis = antwort.context["geheimnis"]
    assert geheimnis in antwort.content.decode()
    abo = Abonnement.objects.get()
    detail = c.get(reverse("benachrichtigungen:detail", args=[abo.pk])).content.decode()
    assert geheimnis not in detail and "Noch keine Zustellungen" in detail
    assert geheimnis not in c.get(reverse("benachrichtigungen:liste")).content.decode()
    c.post(reverse("benachrichtigungen:aktion", args=[abo.pk, "deaktivieren"]))
    abo.refresh_from_db()
    assert abo.aktiv is False
