from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


def api_client(user=None):
    """An API client authenticated the way scripts are: with the user's token."""
    client = APIClient()
    if user is not None:
        token, _created = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client
