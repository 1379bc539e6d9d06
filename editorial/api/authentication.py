"""`Authorization: Token <key>` against the stored digests (editorial.models.ApiToken)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from ..models import ApiToken


class HashedTokenAuthentication(TokenAuthentication):
    """DRF's token header and 401s, looked up by SHA-256 digest: the database holds no key."""

    model = ApiToken

    def authenticate_credentials(self, key):
        token = ApiToken.find(key)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid or revoked token."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        token.touch()
        return token.user, token
