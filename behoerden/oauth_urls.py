"""OAuth2 endpoints for partner-agency clients (mounted at /o/): token and revocation only.

Deliberately not `oauth2_provider.urls`: its application-management and authorization pages would let any
signed-in user register clients; agencies get their client from the admin page of this module.
"""

from django.urls import path
from oauth2_provider import views as oauth2_views

app_name = "oauth2_provider"

urlpatterns = [
    path("token/", oauth2_views.TokenView.as_view(), name="token"),
    path("revoke_token/", oauth2_views.RevokeTokenView.as_view(), name="revoke-token"),
]
