"""Fetching pages from the web for the desk (articles by URL, feeds): httpx with timeouts, a size
limit, redirects followed one by one (each address checked by factcheck.addresses, and each
connection made to the very address that was checked), and
trafilatura for an article's main text, title, author, date and canonical URL.

Every failure is a FetchError whose message an editor can act on."""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urljoin

import httpx
import trafilatura
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from factcheck.addresses import AddressRefused, check_url, pinned_client

USER_AGENT = "factcheck-fetcher/1"
ARTICLE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
# What feeds are served as in practice (many servers say text/xml or even text/plain).
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml",
              "application/xml", "text/xml", "text/html", "text/plain")
CHUNK = 64 * 1024


class FetchError(Exception):
    """The page could not be fetched or read; the message says why."""


@dataclass
class Download:
    url: str  # after redirects
    status: int
    headers: httpx.Headers
    content: bytes = b""
    media_type: str = ""
    charset: str = ""

    @property
    def not_modified(self):
        return self.status == 304


@dataclass
class Page:
    """An article as read from its page."""

    url: str  # the canonical URL when the page gives one, else the address after redirects
    title: str
    text: str
    author: str = ""
    published_at: datetime.datetime | None = None
    fetched_url: str = field(default="", repr=False)


def download(url, accept=ARTICLE_TYPES, headers=None):
    """GET `url` within the desk's limits. A 304 comes back as such (for conditional GETs)."""
    timeout = httpx.Timeout(settings.FACTCHECK_FETCH_TIMEOUT_SECONDS)
    request_headers = {"User-Agent": USER_AGENT, **(headers or {})}
    try:
        with pinned_client(timeout=timeout, follow_redirects=False) as client:
            for _hop in range(settings.FACTCHECK_FETCH_MAX_REDIRECTS + 1):
                try:
                    check_url(url)
                except AddressRefused as exc:
                    raise FetchError(str(exc)) from None
                with client.stream("GET", url, headers=request_headers) as response:
                    if response.is_redirect and "location" in response.headers:
                        # Each hop is checked: a public page must not redirect inside the network.
                        url = urljoin(url, response.headers["location"])
                        continue
                    return _read(url, response, accept)
    except AddressRefused as exc:  # the name resolved elsewhere when connecting
        raise FetchError(str(exc)) from None
    except httpx.InvalidURL as exc:
        raise FetchError(_("This is not a web address the desk can fetch (%(error)s).")
                         % {"error": exc}) from None
    except httpx.TimeoutException:
        raise FetchError(_("%(url)s did not answer within %(seconds)s seconds.")
                         % {"url": url, "seconds": settings.FACTCHECK_FETCH_TIMEOUT_SECONDS}) from None
    except httpx.HTTPError as exc:
        raise FetchError(_("%(url)s could not be reached (%(error)s).")
                         % {"url": url, "error": str(exc) or type(exc).__name__}) from None
    raise FetchError(_("%(url)s redirects more than %(n)d times: give the final address.")
                     % {"url": url, "n": settings.FACTCHECK_FETCH_MAX_REDIRECTS})


def _read(url, response, accept):
    if response.status_code == 304:
        return Download(url=url, status=304, headers=response.headers)
    if response.status_code >= 400:
        raise FetchError(_("%(url)s answered %(status)d %(reason)s.") % {
            "url": url, "status": response.status_code, "reason": response.reason_phrase})
    content_type = response.headers.get("content-type", "")
    media_type = content_type.split(";")[0].strip().lower()
    if media_type not in accept:
        raise FetchError(_("%(url)s is %(type)s, not a web page or text: the desk reads HTML and "
                           "plain text only.") % {"url": url, "type": media_type or _("of no stated type")})
    limit = settings.FACTCHECK_FETCH_MAX_BYTES
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large(url, limit)
    body = bytearray()
    for chunk in response.iter_bytes(CHUNK):
        body.extend(chunk)
        if len(body) > limit:
            raise _too_large(url, limit)
    return Download(url=url, status=response.status_code, headers=response.headers,
                    content=bytes(body), media_type=media_type, charset=response.charset_encoding or "")


def _too_large(url, limit):
    return FetchError(_("%(url)s is larger than %(limit)s: the desk does not fetch it.")
                      % {"url": url, "limit": filesizeformat(limit)})


def fetch_article(url):
    """The article at `url`: its main text, title, author, date and canonical URL."""
    got = download(url)
    if got.media_type == "text/plain":
        text = got.content.decode(got.charset or "utf-8", errors="replace").strip()
        title = text.split("\n", 1)[0].strip()
        return Page(url=got.url, title=title, text=text, fetched_url=got.url)
    document = trafilatura.bare_extraction(
        got.content, url=got.url, with_metadata=True, include_comments=False, include_tables=False,
        date_extraction_params={"original_date": True, "extensive_search": True,
                                "outputformat": "%Y-%m-%dT%H:%M:%S%z"},
    )
    if document is None or not (document.text or "").strip():
        raise FetchError(_("No article text was found on %(url)s (a home page, a paywall or a page "
                           "built by scripts?). Paste the text instead.") % {"url": got.url})
    title = " ".join((document.title or "").split())
    text = document.text.strip()
    first, _sep, rest = text.partition("\n")
    if title and " ".join(first.split()) == title and rest.strip():
        text = rest.strip()  # trafilatura keeps the headline as the first line
    canonical = document.url if (document.url or "").startswith(("http://", "https://")) else got.url
    return Page(url=canonical, title=title, text=text, author=" ".join((document.author or "").split()),
                published_at=parse_moment(document.date), fetched_url=got.url)


def parse_moment(value):
    """An aware datetime from an ISO date or datetime (a bare day: noon, in the desk's zone)."""
    if not value:
        return None
    try:
        # A bare day first: Python reads "2026-03-02" as a datetime at midnight.
        day = parse_date(value) if len(value) <= 10 else None
        if day is not None:
            moment = datetime.datetime(day.year, day.month, day.day, 12)
        else:
            moment = parse_datetime(value)
            if moment is None:
                return None
    except ValueError:
        return None
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)
