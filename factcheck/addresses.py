"""Where the desk may send requests: public addresses only, checked after resolving the name,
unless FACTCHECK_FETCH_ALLOW_PRIVATE is set (tests, a receiver on the same network). Webhook
deliveries and fetching articles by URL both check here.

The check alone is not enough: a name that resolves to a public address when checked and to a
private one a moment later (DNS rebinding) would reach inside the network when the HTTP client
resolves it again. `pinned_client()` therefore connects through a network backend that resolves
each name once, checks every address it got and connects to one of those very addresses, while
the request keeps its host name (Host header, TLS server name and certificate check)."""

import ipaddress
import socket
from urllib.parse import urlsplit

import httpcore
import httpx
from django.conf import settings
from django.utils.translation import gettext as _


class AddressRefused(Exception):
    """The address is not one the desk sends to; the message says why."""


def _is_private(ip):
    ip = ipaddress.ip_address(ip)
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
            or ip.is_reserved or ip.is_unspecified)


def resolve(host, port):
    """The addresses `host` resolves to, each checked: AddressRefused if one is private (and
    private addresses are not allowed) or if the name does not resolve."""
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError, ValueError) as exc:
        raise AddressRefused(_("The host name could not be resolved (%(error)s).")
                             % {"error": exc}) from exc
    addresses = []
    for _family, _type, _proto, _name, sockaddr in infos:
        ip = sockaddr[0]
        if not settings.FACTCHECK_FETCH_ALLOW_PRIVATE and _is_private(ip):
            raise AddressRefused(
                _("%(host)s resolves to a private, loopback or link-local address (%(ip)s): "
                  "refused.") % {"host": host, "ip": ip})
        if ip not in addresses:
            addresses.append(ip)
    return addresses


def check_url(url):
    """Raise AddressRefused unless `url` is http(s) and every address its host resolves to is
    public (or private addresses are allowed). Gives the editor a clear reason before any
    connection; the connection itself is checked again by pinned_client()."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise AddressRefused(_("Only http and https addresses are allowed."))
    if settings.FACTCHECK_FETCH_ALLOW_PRIVATE:
        return
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise AddressRefused(_("The host name could not be resolved (%(error)s).")
                             % {"error": exc}) from exc
    resolve(parts.hostname, port)


class _CheckedBackend(httpcore.NetworkBackend):
    """httpcore's sync backend, but the TCP connection goes to an address resolved and checked
    right here: what is checked is what is connected to."""

    def __init__(self):
        self._inner = httpcore.SyncBackend()

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        error = None
        for ip in resolve(host, port):
            try:
                return self._inner.connect_tcp(ip, port, timeout=timeout,
                                               local_address=local_address,
                                               socket_options=socket_options)
            except httpcore.ConnectError as exc:  # the next address, as a resolver would
                error = exc
        raise error or httpcore.ConnectError(f"{host} has no address")

    def connect_unix_socket(self, path, timeout=None, socket_options=None):  # pragma: no cover
        raise AddressRefused(_("Only http and https addresses are allowed."))

    def sleep(self, seconds):  # pragma: no cover - used by httpcore's retries only
        self._inner.sleep(seconds)


class PinnedTransport(httpx.HTTPTransport):
    """An httpx transport whose connections go through _CheckedBackend. No proxy: a proxy would
    resolve the name itself, out of the desk's sight."""

    def __init__(self):
        super().__init__(trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(), network_backend=_CheckedBackend())


def pinned_client(**kwargs):
    """An httpx.Client that only ever connects to checked addresses. AddressRefused comes out
    of its requests as is."""
    return httpx.Client(transport=PinnedTransport(), trust_env=False, **kwargs)
