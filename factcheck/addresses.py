"""Where the desk may send requests: public addresses only, checked after resolving the name,
unless FACTCHECK_FETCH_ALLOW_PRIVATE is set (tests, a receiver on the same network). Webhook
deliveries and fetching articles by URL both check here."""

import ipaddress
import socket
from urllib.parse import urlsplit

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


def check_url(url):
    """Raise AddressRefused unless `url` is http(s) and every address its host resolves to is
    public (or private addresses are allowed)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise AddressRefused(_("Only http and https addresses are allowed."))
    if settings.FACTCHECK_FETCH_ALLOW_PRIVATE:
        return
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = socket.getaddrinfo(parts.hostname, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError, ValueError) as exc:
        raise AddressRefused(_("The host name could not be resolved (%(error)s).")
                             % {"error": exc}) from exc
    for _family, _type, _proto, _name, sockaddr in infos:
        if _is_private(sockaddr[0]):
            raise AddressRefused(
                _("%(host)s resolves to a private, loopback or link-local address (%(ip)s): "
                  "refused.") % {"host": parts.hostname, "ip": sockaddr[0]})
