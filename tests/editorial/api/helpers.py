from rest_framework.test import APIClient

from editorial.models import ApiToken


def api_client(user=None):
    """An API client authenticated the way scripts are: with the user's token."""
    client = APIClient()
    if user is not None:
        _token, key = ApiToken.issue(user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client
