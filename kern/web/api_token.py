"""DRF authentication with staff API tokens (issue 18 item 7). Clients keep the header
`Authorization: Token <secret>`; the secret is checked against its stored hash, expiry and revocation."""

from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from kern import api_tokens


class ApiTokenAuthentication(TokenAuthentication):
    keyword = "Token"

    def authenticate_credentials(self, key):
        token = api_tokens.pruefen(key)
        if token is None:
            raise exceptions.AuthenticationFailed("Ungültiges, abgelaufenes oder widerrufenes Token.")
        if not token.benutzer.is_active:
            raise exceptions.AuthenticationFailed("Benutzer inaktiv oder gelöscht.")
        return (token.benutzer, token)
