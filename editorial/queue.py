"""The review queue query: claims needing a decision, best first, keyset-paginated, and the rows'
display values prepared once per page (the template only prints them).

Speed notes (benchmarks/bench_queue.py, 100k claims): the ids come from one index walk per open
status on claim_queue_order; the rows are read with only the columns the page shows; the search
compiles to ILIKE (a pg_trgm GIN index on the bare column can serve it, Django's icontains
compiles to UPPER(col) LIKE UPPER(…), which none can); the matching article titles are read once
per page. On PostgreSQL the claims whose text or speaker matches are found in the search table
(factcheck.models.ClaimSearch: trigram indexes on lower(text) and lower(speaker), a row written
once per claim, where the claim table's row is written five or six times by the pipeline) and
read once per page too; PostgreSQL then ORs the claim ids and the article ids together (a
BitmapOr) for a rare term instead of walking every open claim.
"""

from datetime import datetime, time
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.db.models.lookups import IContains
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext, ngettext

from factcheck.models import Article, Claim, ClaimSearch

from .models import ReviewableClaim
from .models.verdict import queue_annotations
from .review_rows import proposed_label

PAGE_SIZE = 50

# What a queue row shows; everything else stays in the database (fewer columns to transfer and
# fewer timestamps to parse). The template must not read anything else from a row: a deferred
# field read there would cost one query per row (the query-count test would catch it).
ROW_FIELDS = (
    "text", "normalized", "occurrences", "language", "score", "modality", "quoted", "speaker", "status", "assignee",
    "suggestion", "suggestion_reasons", "has_contradiction", "repeat_count", "priority", "article",
    "assignee__username",
    "lease__holder", "lease__taken_at", "lease__expires_at", "lease__holder__username",
)


class ILike(IContains):
    """`column ILIKE '%value%'` on PostgreSQL (the pattern escaped as for icontains); elsewhere
    plain icontains. Used as an expression: `ILike(F("text"), q)`."""

    def as_postgresql(self, compiler, connection):
        lhs_sql, lhs_params = compiler.compile(self.lhs)
        rhs_sql, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs_sql} ILIKE {rhs_sql}", (*lhs_params, *rhs_params)


# Article ids whose title matches a search, and on PostgreSQL claim ids whose text or speaker
# does, are read once per page and inlined in each status branch (as a subquery, PostgreSQL
# would scan them once per branch). Past this many, the titles as a subquery, and the claims'
# own text and speaker tested row by row as the branches walk the queue order: a term in that
# many claims is met within the first rows (reading all its ids would cost more).
TITLE_IDS_MAX = 2000
CLAIM_IDS_MAX = 200


def matching_article_ids(q, limit=TITLE_IDS_MAX):
    """Ids of the articles whose title contains q, or None when there are more than `limit`."""
    ids = list(
        Article.objects.filter(ILike(F("title"), q)).order_by().values_list("pk", flat=True)[: limit + 1]
    )
    return None if len(ids) > limit else ids


def _search_entries(q):
    """The search table's current rows whose text or speaker contains q (PostgreSQL)."""
    return ClaimSearch.objects.filter(is_current=True).filter(
        Q(ILike(Lower("text"), q)) | Q(ILike(Lower("speaker"), q))).order_by()


def matching_claim_ids(q, limit=None):
    """Ids of the current claims whose text or speaker contains q, read from the search table;
    None when there are more than `limit` (CLAIM_IDS_MAX), or off PostgreSQL (the table is
    empty there)."""
    if connection.vendor != "postgresql":
        return None
    limit = CLAIM_IDS_MAX if limit is None else limit
    ids = list(_search_entries(q).values_list("claim_id", flat=True)[: limit + 1])
    return None if len(ids) > limit else ids


def search_condition(q, article_ids=None, claim_ids=None):
    """Claim text, speaker or article title contains q (case-insensitive).

    article_ids: matching_article_ids(q) when already read, else the titles are matched in a
    subquery on articles (ten times fewer rows than claims) rather than through a join, which
    would make PostgreSQL sort every open claim. claim_ids: matching_claim_ids(q); when None
    (too many, or not PostgreSQL), the claims' own text and speaker are tested instead.
    """
    if claim_ids is None:
        condition = Q(ILike(F("text"), q)) | Q(ILike(F("speaker"), q))
    else:
        condition = Q(pk__in=claim_ids)
    if article_ids is None:
        titles = Article.objects.filter(ILike(F("title"), q)).order_by().values("pk")
        return condition | Q(article_id__in=titles)
    return condition | Q(article_id__in=article_ids) if article_ids else condition


def parse_cursor(value):
    """'priority:id' → (float, int), or None when absent or malformed."""
    try:
        priority, pk = (value or "").split(":")
        return float(priority), int(pk)
    except ValueError:
        return None


def queue_queryset(user, filters, statuses=None, article_ids=None, claim_ids=None):
    """Claims matching the queue filters, best first (no joins unless a filter needs one).

    article_ids, claim_ids: see search_condition.
    """
    qs = ReviewableClaim.objects.filter(is_current=True)
    status = filters.get("status")
    if statuses is None:
        statuses = [status] if status else list(Claim.OPEN_STATUSES)
    qs = qs.filter(status__in=statuses) if len(statuses) > 1 else qs.filter(status=statuses[0])
    if filters.get("outlet"):
        qs = qs.filter(article__source=filters["outlet"])
    if filters.get("language"):
        qs = qs.filter(language=filters["language"])
    if filters.get("modality"):
        qs = qs.filter(modality=filters["modality"])
    if filters.get("mine"):
        qs = qs.filter(assignee=user)
    if filters.get("contradiction"):
        qs = qs.filter(has_contradiction=True)
    tz = timezone.get_current_timezone()
    if filters.get("since"):
        qs = qs.filter(created_at__gte=datetime.combine(filters["since"], time.min, tz))
    if filters.get("until"):
        qs = qs.filter(created_at__lte=datetime.combine(filters["until"], time.max, tz))
    if filters.get("q"):
        qs = qs.filter(search_condition(filters["q"], article_ids, claim_ids))
    return qs.order_by("-priority", "-id")


def queue_ids(user, filters, cursor, size):
    """Ids of one page of the queue, and whether there is a next page. One query (with a search,
    first the matching titles and, on PostgreSQL, the matching claims).

    The ids are read per status from the (status, -priority, -id) index and merged (UNION ALL of
    one index walk per status: no sort of every open claim).
    """
    status = filters.get("status")
    statuses = [status] if status else list(Claim.OPEN_STATUSES)
    if not connection.features.supports_slicing_ordering_in_compound:
        statuses = [statuses]  # SQLite (make run): one plain query over all the statuses
    else:
        statuses = [[one] for one in statuses]
    q = filters.get("q")
    article_ids = matching_article_ids(q) if q else None
    claim_ids = matching_claim_ids(q) if q else None
    branches = []
    for group in statuses:
        branch = queue_queryset(user, filters, group, article_ids, claim_ids)
        if cursor:
            priority, pk = cursor
            branch = branch.filter(Q(priority__lt=priority) | Q(priority=priority, id__lt=pk))
        branches.append(branch.values_list("id", "priority")[: size + 1])
    if len(branches) > 1:
        ids_query = branches[0].union(*branches[1:], all=True).order_by("-priority", "-id")[: size + 1]
    else:
        ids_query = branches[0]
    ids = [pk for pk, _priority in ids_query]
    return ids[:size], len(ids) > size


def queue_page(user, filters, cursor, size):
    """One page of the queue: [claims], has_next. Two queries whatever the size (up to four
    with a search): the ids (queue_ids), then the rows with what the page shows, joined.
    """
    ids, has_next = queue_ids(user, filters, cursor, size)
    if not ids:
        return [], False
    rows = (
        ReviewableClaim.objects.filter(pk__in=ids)
        # Joined, but not turned into Article and Source objects (two fewer per row).
        .annotate(article_title=F("article__title"), outlet_name=F("article__source__name"),
                  **queue_annotations())
        .select_related("assignee", "lease", "lease__holder")
        .only(*ROW_FIELDS)
        .order_by()
    )
    position = {pk: i for i, pk in enumerate(ids)}
    return sorted(rows, key=lambda c: position[c.pk]), has_next


def _url_pattern(name):
    return reverse(name, args=[0]).replace("/0/", "/{}/")


_CENT = Decimal("0.01")


def _score_formatter():
    """floatformat:2 for check-worthiness scores (0 ≤ score ≤ 1, so never any digit grouping):
    the same text, in the language's decimal separator, for a tenth of the cost per row."""
    separator = formats.get_format("DECIMAL_SEPARATOR")

    def score_text(score):
        if not 0 <= score <= 1:
            return floatformat(score, 2)
        return str(Decimal(repr(score)).quantize(_CENT, ROUND_HALF_UP)).replace(".", separator)

    return score_text


def prepare_rows(claims, user, now=None):
    """What each queue row shows, as plain dicts (the template's fastest lookups), so the
    template does no work per row beyond printing.

    Labels are translated once per page (not once per row through get_FOO_display, which
    rebuilds and hashes the lazy choices on every call); URLs come from one reverse() per page.
    The claims are also given `current_lease` (None when absent or expired).
    """
    now = now or timezone.now()
    claim_url = _url_pattern("editorial:claim")
    take_url = _url_pattern("editorial:take")
    article_url = _url_pattern("factcheck:article")
    status_labels = {code: str(label) for code, label in Claim.STATUS_CHOICES}
    modality_labels = {code: str(label) for code, label in Claim.MODALITY_CHOICES}
    suggestion_labels = {code: str(label) for code, label in Claim.SUGGESTION_CHOICES}
    score_text = _score_formatter()
    repeats_labels, assigned_labels, proposed_labels = {}, {}, {}
    occurrences_labels = {}
    rows = []
    for claim in claims:
        lease = getattr(claim, "lease", None)  # None when there is no lease row
        claim.current_lease = lease = lease if lease is not None and lease.expires_at > now else None
        repeats = claim.repeat_count
        if repeats > 1 and repeats not in repeats_labels:
            repeats_labels[repeats] = ngettext(
                "in %(counter)s article", "in %(counter)s articles", repeats
            ) % {"counter": repeats}
        occurrences = claim.occurrences
        if occurrences > 1 and occurrences not in occurrences_labels:
            occurrences_labels[occurrences] = ngettext(
                "appears %(counter)s time in the article",
                "appears %(counter)s times in the article", occurrences
            ) % {"counter": occurrences}
        assigned = ""
        if claim.assignee_id and lease is None:
            name = claim.assignee.get_username()
            if name not in assigned_labels:
                assigned_labels[name] = gettext("assigned to %(name)s") % {"name": name}
            assigned = assigned_labels[name]
        rows.append({
            "pk": str(claim.pk),  # not localize()d on each of its three uses
            "url": claim_url.format(claim.pk),
            "take_url": take_url.format(claim.pk),
            "text": claim.text,
            "normalized": claim.normalized,
            "occurrences_label": occurrences_labels.get(occurrences, ""),
            "modality": claim.modality,
            "modality_label": "" if claim.modality == Claim.MODALITY_ASSERTED
            else modality_labels.get(claim.modality, claim.modality),
            "quoted": claim.quoted,
            "speaker": claim.speaker,
            "has_contradiction": claim.has_contradiction,
            "repeats_label": repeats_labels.get(repeats, "") if repeats > 1 else "",
            "article_url": article_url.format(claim.article_id),
            "article_title": claim.article_title,
            "outlet_name": claim.outlet_name or "—",
            "language_code": (claim.language or "?").upper(),
            "score_text": score_text(claim.score),
            "suggestion": claim.suggestion,
            "suggestion_label": suggestion_labels.get(claim.suggestion, claim.suggestion),
            "reasons_title": " · ".join(str(r) for r in claim.suggestion_reasons or ()),
            "status": claim.status,
            "status_label": status_labels.get(claim.status, claim.status),
            "lease_message": lease.message() if lease is not None else "",
            "assigned_label": assigned,
            "sent_back_comment": getattr(claim, "sent_back_comment", None),
            "proposed_label": proposed_label(claim, status_labels, proposed_labels),
            "can_take": claim.status != Claim.STATUS_PENDING_APPROVAL
            and (lease is None or lease.holder_id == user.pk),
        })
    return rows
