"""A published verdict as schema.org ClaimReview (https://schema.org/ClaimReview), the markup
search engines and fact-check aggregators read."""

import json

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

from factcheck.models import Claim

# ratingValue on a 1–5 scale (worst 1, best 5): a disputed claim is the worst, a confirmed one
# the best; an unverifiable one sits in the middle.
WORST_RATING, BEST_RATING = 1, 5
# The same names as the verdict form's choices (and their translations).
RATING_NAMES = {
    Claim.STATUS_CONFIRMED: gettext_noop("Confirmed"),
    Claim.STATUS_DISPUTED: gettext_noop("Disputed"),
    Claim.STATUS_UNVERIFIABLE: gettext_noop("Unverifiable"),
}
RATINGS = {
    Claim.STATUS_DISPUTED: 1,
    Claim.STATUS_UNVERIFIABLE: 3,
    Claim.STATUS_CONFIRMED: 5,
}


def rating_name(status, language):
    """The verdict's name in `language` (the article's), e.g. « Contestée »."""
    with translation.override(language or settings.LANGUAGE_CODE):
        return gettext(RATING_NAMES[status])


def organisation():
    author = {"@type": "Organization", "name": settings.FACTCHECK_ORGANISATION_NAME}
    if settings.FACTCHECK_ORGANISATION_URL:
        author["url"] = settings.FACTCHECK_ORGANISATION_URL
    return author


def site_url(path):
    """An absolute address on the desk's public site, outside a request (webhooks)."""
    return settings.FACTCHECK_SITE_URL.rstrip("/") + path


def claim_review(verdict, absolute=site_url):
    """The ClaimReview of a published verdict, as a dict ready for JSON. `absolute(path)`: the
    absolute address of a path (a request's build_absolute_uri in views)."""
    claim = verdict.claim
    article = claim.article
    appeared = article.published_at or article.created_at
    item = {"@type": "Claim", "datePublished": appeared.date().isoformat()}
    if article.url:
        item["appearance"] = {"@type": "CreativeWork", "url": article.url}
    if article.source_id:
        item["author"] = {"@type": "Organization", "name": article.source.name}
    if claim.speaker:
        item["author"] = {"@type": "Person", "name": claim.speaker}
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": absolute(verdict.get_public_url()),
        # A correction keeps the date the fact-check first went out; dateModified says when it
        # changed (corrected, or withdrawn).
        "datePublished": verdict.first_published_at().date().isoformat(),
        "author": organisation(),
        "claimReviewed": claim.text,
        "itemReviewed": item,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": RATINGS[verdict.to_status],
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
            "alternateName": rating_name(verdict.to_status, article.language),
        },
    }
    modified = date_modified(verdict)
    if modified is not None:
        review["dateModified"] = modified.date().isoformat()
    return review


def date_modified(verdict):
    """When a published fact-check last changed: withdrawn, or published as a correction."""
    if verdict.withdrawn_at is not None:
        return verdict.withdrawn_at
    correction = verdict.correction()
    if correction is not None:
        return correction.published_at
    if verdict.corrects_id:
        return verdict.published_at
    return None


def json_ld(data):
    """JSON for a <script type="application/ld+json"> block: <, > and & escaped so that no
    text in the data (a claim quoting HTML) can close the script element."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
