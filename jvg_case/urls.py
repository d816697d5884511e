from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from arbeitskorb import views

urlpatterns = [
    path("", views.start, name="start"),
    path("anmelden/", auth_views.LoginView.as_view(template_name="registration/login.html"), name="login"),
    path("abmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path("vollzug/", include("vollzug.urls")),
    path("disziplinar/", include("disziplinar.urls")),
    path("bedrohung/", include("bedrohung.urls")),
    path("zwangsmassnahmen/", include("zwangsmassnahmen.urls")),
    path("zwangsmassnahmen/sicherheit/", include("sicherheitsmassnahmen.urls")),
    path("zwangsmassnahmen/zwang/", include("zwang.urls")),
    path("zwangsmassnahmen/medizinisch/", include("zwangsmedizin.urls")),
    path("ueberwachung/", include("ueberwachung.urls")),
    path("kosten/", include("kosten.urls")),
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
]
