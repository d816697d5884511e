from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from arbeitskorb import views
from aufschub import urls as aufschub_urls
from kern.web import anmeldung as anmeldung_views
from kern.web import passkeys as passkey_views
from verfuegungen import urls_vollzug as verfuegungen_vollzug_urls
from vollzug import urls as vollzug_urls

urlpatterns = [
    path("", views.start, name="start"),
    path("anmelden/", anmeldung_views.AnmeldeView.as_view(), name="login"),
    # Issue 18: second factor after the password, and its enrolment in the browser.
    path("anmelden/zweiter-faktor/", anmeldung_views.zweiter_faktor, name="zweiter_faktor"),
    path(
        "anmelden/zweiter-faktor/einrichten/",
        anmeldung_views.zweiter_faktor_einrichten,
        name="zweiter_faktor_einrichten",
    ),
    # Issue 18 item 1: the second factor by passkey (WebAuthn).
    path(
        "anmelden/zweiter-faktor/passkey/optionen/",
        passkey_views.passkey_anmeldung_optionen,
        name="passkey_anmeldung_optionen",
    ),
    path("anmelden/zweiter-faktor/passkey/", passkey_views.passkey_anmeldung, name="passkey_anmeldung"),
    path("abmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path("abmelden/ueberall/", anmeldung_views.ueberall_abmelden, name="ueberall_abmelden"),
    path("konto/", anmeldung_views.konto, name="konto"),
    path("konto/passkeys/optionen/", passkey_views.passkey_optionen, name="passkey_optionen"),
    path("konto/passkeys/", passkey_views.passkey_registrieren, name="passkey_registrieren"),
    path("konto/passkeys/<int:pk>/entfernen/", passkey_views.passkey_entfernen, name="passkey_entfernen"),
    path(
        "konto/wiederherstellungscodes/",
        anmeldung_views.wiederherstellungscodes_neu,
        name="wiederherstellungscodes_neu",
    ),
    # Issue 18 item 7: staff API tokens, issued and revoked by their owner (and revoked by admin).
    path("konto/api-tokens/neu/", anmeldung_views.api_token_neu, name="api_token_neu"),
    path(
        "konto/api-tokens/<int:pk>/widerrufen/",
        anmeldung_views.api_token_widerrufen,
        name="api_token_widerrufen",
    ),
    # Since issue 16, § 14 Aufschub is its own app and the § 17 Verfügung of a transfer belongs to the
    # Verfügung lifecycle; their pages keep the paths and names they had under the case core
    # (vollzug:gesuch14_*, vollzug:platzierung_verfuegung), so this namespace is assembled here.
    path(
        "vollzug/",
        include(
            (
                [
                    *vollzug_urls.urlpatterns,
                    *aufschub_urls.urlpatterns,
                    *verfuegungen_vollzug_urls.urlpatterns,
                ],
                "vollzug",
            )
        ),
    ),
    path("disziplinar/", include("disziplinar.urls")),
    path("bedrohung/", include("bedrohung.urls")),
    path("zwangsmassnahmen/", include("zwangsmassnahmen.urls")),
    path("zwangsmassnahmen/sicherheit/", include("sicherheitsmassnahmen.urls")),
    path("zwangsmassnahmen/zwang/", include("zwang.urls")),
    path("zwangsmassnahmen/medizinisch/", include("zwangsmedizin.urls")),
    path("ueberwachung/", include("ueberwachung.urls")),
    path("kosten/", include("kosten.urls")),
    path("vollzugsgestaltung/", include("vollzugsgestaltung.urls")),
    path("vollzugsdaten/", include("vollzugsdaten.urls")),
    path("inkasso/", include("inkasso.urls")),
    path("behoerden/", include("behoerden.urls")),
    path("o/", include("behoerden.oauth_urls")),  # OAuth2 token endpoint for partner agencies (§ 21)
    path("benachrichtigungen/", include("benachrichtigungen.urls")),
    path("datenschutz/", include("datenschutz.urls")),
    path("verfuegungen/", include("verfuegungen.urls")),
    path("fristen/", include("fristenkontrolle.urls")),
    path("revision/", include("protokoll.urls")),
    path("api/v1/", include("jvg_case.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
    path("admin/", admin.site.urls),
    path("", include("betrieb.urls")),  # /gesundheit/, /gesundheit/bereit/, /betrieb/metriken/
]
