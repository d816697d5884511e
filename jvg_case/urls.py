from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from jvg_case import views

urlpatterns = [
    path("", views.start, name="start"),
    path("anmelden/", auth_views.LoginView.as_view(template_name="registration/login.html"), name="login"),
    path("abmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path("vollzug/", include("vollzug.urls")),
    path("disziplinar/", include("disziplinar.urls")),
    path("bedrohung/", include("bedrohung.urls")),
    path("zwangsmassnahmen/", include("zwangsmassnahmen.urls")),
    path("zwangsmassnahmen/sicherheit/", include("zwangsmassnahmen.sicherheit.urls")),
    path("zwangsmassnahmen/zwang/", include("zwangsmassnahmen.zwang.urls")),
    path("zwangsmassnahmen/medizinisch/", include("zwangsmassnahmen.medizinisch.urls")),
    path("ueberwachung/", include("zwangsmassnahmen.ueberwachung.urls")),
    path("kosten/", include("kosten.urls")),
    path("behoerden/", include("jvg_case.behoerden.urls")),
    path("o/", include("jvg_case.behoerden.oauth_urls")),  # OAuth2 token endpoint for partner agencies (§ 21)
    path("benachrichtigungen/", include("jvg_case.benachrichtigungen.urls")),
    path("datenschutz/", include("jvg_case.datenschutz.urls")),
    path("verfuegungen/", include("jvg_case.verfuegungen.urls")),
    path("fristen/", include("jvg_case.fristenkontrolle.urls")),
    path("revision/", include("jvg_case.protokoll.urls")),
    path("api/v1/", include("jvg_case.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
    path("admin/", admin.site.urls),
]
