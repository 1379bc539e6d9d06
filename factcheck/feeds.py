"""Polling news feeds: each due feed read with a conditional GET (ETag, Last-Modified) and
feedparser, its entries not yet on the desk fetched by URL (factcheck.ingesting), the feed's
state recorded for the monitoring page.

Beat sends `poll_feeds` every minute; the due feeds are claimed (their poll time set) in one
transaction, so two runs at once never read the same feed twice."""

import calendar
import datetime
import logging

import feedparser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from factcheck import ingesting
from factcheck.fetching import FEED_TYPES, FetchError, download
from factcheck.models import Feed

log = logging.getLogger(__name__)
PROBLEMS_KEPT = 5


def claim_due(now=None):
    """The due feeds' ids, their poll time set so that another run leaves them alone."""
    now = now or timezone.now()
    with transaction.atomic():
        feeds = list(Feed.objects.due(now).select_for_update(skip_locked=True)
                     .only("pk", "interval_minutes", "last_polled_at"))
        for feed in feeds:
            feed.mark_polled(now)
    return [feed.pk for feed in feeds]


def poll_due():
    """Poll every due feed, one after the other; returns the number of articles added."""
    return sum(poll(feed_id) for feed_id in claim_due())


def poll(feed_id):
    """Read one feed and take its new entries; returns the number of articles added."""
    feed = Feed.objects.select_related("outlet").filter(pk=feed_id).first()
    if feed is None:
        log.warning("feed %s is gone", feed_id)
        return 0
    headers = {}
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    try:
        got = download(feed.url, accept=FEED_TYPES, headers=headers)
    except FetchError as exc:
        feed.record_error(str(exc))
        return 0
    if got.not_modified:
        feed.record_success(taken=0, etag=feed.etag, last_modified=feed.last_modified)
        return 0
    parsed = feedparser.parse(got.content, response_headers=dict(got.headers))
    if parsed.bozo and not parsed.entries:
        feed.record_error(_("%(url)s is not a feed that can be read (%(error)s).")
                          % {"url": feed.url, "error": parsed.get("bozo_exception", "")})
        return 0
    taken, problems = 0, []
    for entry in parsed.entries:
        try:
            taken += take(feed, entry)
        except ingesting.Rejected as exc:
            problems.append(f"{entry.get('link', '?')}: {exc}")
    if problems:
        # The validators are not kept: the next poll reads the whole feed and tries these again.
        etag = modified = ""
        log.info("feed %s: %d entries not taken", feed.pk, len(problems))
    else:
        etag, modified = got.headers.get("etag", ""), got.headers.get("last-modified", "")
    feed.record_success(taken=taken, etag=etag, last_modified=modified,
                        problems="\n".join(problems[:PROBLEMS_KEPT]))
    return taken


def take(feed, entry):
    """1 if the entry became an article, 0 if it was already on the desk."""
    link = (entry.get("link") or "").strip()
    if not link.startswith(("http://", "https://")):
        raise ingesting.Rejected(_("the entry has no web address"))
    if ingesting.already_at(link) is not None:
        return 0
    outcome = ingesting.store_from_url(
        link, outlet=feed.outlet.name if feed.outlet else "", language=feed.language,
        title=" ".join((entry.get("title") or "").split()), published_at=entry_date(entry))
    return int(outcome.created)


def entry_date(entry):
    """The entry's publication (or update) time, when the feed gives one."""
    moment = entry.get("published_parsed") or entry.get("updated_parsed")
    if not moment:
        return None
    return datetime.datetime.fromtimestamp(calendar.timegm(moment), tz=datetime.timezone.utc)
