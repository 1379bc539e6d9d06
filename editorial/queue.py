"""The review queue query: claims needing a decision, best first, paginated, and the rows'
display values prepared once per page (the template only prints them).

Order: by priority (keyset pagination on (priority, id): one index walk per open status on
claim_queue_order, merged by UNION ALL), or by check-worthiness, age or outlet, or, with a search,
by how well each claim matches (those three with OFFSET pages: people rarely go deep in them).

Search: every word of the query must be found in the claim (text, speaker, restatement) or its
article (title, outlet); accents and case do not count. On PostgreSQL through the text-search
configurations editorial_french and editorial_english (unaccent, then the language's stemmer;
migration 0009) with prefix matching ("senat" finds "Sénat" and "sénateurs"), over GIN indexes
on the search table (factcheck.models.ClaimSearch) and the article titles; claims that hold
every word in their own text come first. On SQLite, every word in the columns folded by
editorial.sqlite_fold (accents and case aside, no stemming).
"""

import math
import re
from datetime import datetime, time
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from django.db import connection
from django.db.models import BooleanField, Case, Count, F, IntegerField, Q, Subquery, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.db.models.lookups import Contains
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext, ngettext

from factcheck.models import Article, Claim, ClaimSearch, Source
from factcheck.verifiers.reasons import render_entry

from .models import ReviewableClaim
from .models.verdict import queue_annotations
from .review_rows import proposed_label
from .queue_filters import SORT_AGE, SORT_OUTLET, SORT_PRIORITY, SORT_SCORE
from .sqlite_fold import Fold, fold

PAGE_SIZE = 50
VERIFYING_STATES = (Claim.PIPELINE_PENDING, Claim.PIPELINE_VERIFYING)
MAX_SEARCH_WORDS = 8

# What a queue row shows; everything else stays in the database (fewer columns to transfer and
# fewer timestamps to parse). The template must not read anything else from a row: a deferred
# field read there would cost one query per row (the query-count test would catch it).
ROW_FIELDS = (
    "text", "normalized", "occurrences", "language", "score", "modality", "quoted", "speaker", "status", "assignee",
    "suggestion", "suggestion_reasons", "has_contradiction", "cluster__article_count", "priority", "article",
    "created_at", "assignee__username", "pipeline_state",
    "lease__holder", "lease__taken_at", "lease__expires_at", "lease__holder__username",
)

ORDERINGS = {
    SORT_PRIORITY: ("-priority", "-id"),
    SORT_SCORE: ("-score", "-priority", "-id"),
    SORT_AGE: ("created_at", "id"),
    SORT_OUTLET: ("article__source__name", "-priority", "-id"),
}

# The claim's document as indexed by migrations 0009 and 0013 (the expression must be the
# same, word for word, for PostgreSQL to use the index).
SEARCH_CONFIGS = ("editorial_french", "editorial_english")
CLAIM_DOCUMENT = "text || ' ' || speaker"


def search_words(q):
    """The words of a search (letters and digits), at most MAX_SEARCH_WORDS, without the words
    either language ignores ("la", "the"): each language's index holds the other's articles
    too, so "la" is a word of almost every French claim for the English configuration, and
    requiring it would read most of the desk to find what the other words find alone."""
    words = re.findall(r"\w+", q or "")[:MAX_SEARCH_WORDS]
    if connection.vendor != "postgresql":
        return words
    return [word for word in words if not _ignored(word.lower())]


@lru_cache(maxsize=4096)
def _ignored(word):
    """True for a stop word of one of the search configurations (their lists never change while
    the desk runs: one query per word and process)."""
    sql = " OR ".join(f"numnode(to_tsquery('{config}'::regconfig, %s)) = 0" for config in SEARCH_CONFIGS)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {sql}", [_tsquery(word)] * len(SEARCH_CONFIGS))
        return cursor.fetchone()[0]


def _tsquery(word):
    return f"'{word}':*"  # \w+ holds no quote; prefix match


def _fts(column_sql, query):
    """column matches the tsquery text in French or English (accents folded, stemmed)."""
    sql = " OR ".join(
        f"to_tsvector('{config}'::regconfig, {column_sql}) @@ to_tsquery('{config}'::regconfig, %s)"
        for config in SEARCH_CONFIGS
    )
    return RawSQL(f"({sql})", [query] * len(SEARCH_CONFIGS), output_field=BooleanField())


def _matches(column_sql, word):
    """column holds word (as a prefix)."""
    return _fts(column_sql, _tsquery(word))


def _matches_all(column_sql, words):
    """column holds every word."""
    return _fts(column_sql, " & ".join(_tsquery(word) for word in words))


def _matches_any(column_sql, words):
    """column holds at least one of the words."""
    return _fts(column_sql, " | ".join(_tsquery(word) for word in words))


# The claims holding every word of a search in their own text or speaker are read from their
# indexes once per page and inlined, up to this many; past that (a common term), they stay a
# condition that PostgreSQL applies as it walks the queue order. Up to 2,000: a word in a few
# hundred of a million claims walked tens of thousands of open claims through the condition
# (1.4 s), while reading its ids takes about 5 ms. The articles whose title or outlet holds a
# word: the same, up to TITLE_IDS_MAX.
CLAIM_IDS_MAX = 2000
TITLE_IDS_MAX = 2000


def own_matches(words, statuses):
    """The claims holding every word in their own text or speaker: (a condition on claims;
    whether it is best applied once for all the statuses asked for rather than in each
    status's walk of the queue order). `statuses`: the review statuses asked for.

    Claims needing a decision are read from their own partial indexes (migration 0013: only the
    open claims holding the words, not every claim of the desk holding them): up to
    CLAIM_IDS_MAX, as a list of ids; past it (a name thousands of open claims hold), as the
    indexes' condition itself, on the queue's own claim rows, read once: a subquery read its
    matches again for each open status (at a million claims, a speaker in 13,000 open claims:
    186 → 44 ms for the page's ids). Other statuses are read from the search table's indexes,
    as a list of ids or, past CLAIM_IDS_MAX, a subquery."""
    # CLAIM_DOCUMENT unqualified: inside a subquery of the page's (a later page's count of these
    # claims), "factcheck_claim" would name the page's claim, not the subquery's.
    matches = _matches_all(CLAIM_DOCUMENT, words)
    if set(statuses) <= set(Claim.OPEN_STATUSES):
        entries, column = (Claim.objects.filter(is_current=True, status__in=statuses)
                           .filter(matches).order_by(), "pk")
        past_max = Q(matches), True
    else:
        entries, column = ClaimSearch.objects.filter(matches), "claim_id"
        past_max = Q(pk__in=entries.values(column)), False
    ids = list(entries.values_list(column, flat=True)[: CLAIM_IDS_MAX + 1])
    if len(ids) <= CLAIM_IDS_MAX:
        return Q(pk__in=ids), True
    return past_max


def article_matches(words):
    """The articles whose title or outlet holds at least one of the words: (a condition on
    claims, `article_id IN (ids)` or the subquery past TITLE_IDS_MAX; the ids, or None past
    it), or None when there are none. One query."""
    titles = Article.objects.filter(_matches_any("title", words)).order_by().values_list("pk")
    outlets = (Article.objects.filter(source__in=Source.objects.filter(_matches_any("name", words)).values("pk"))
               .order_by().values_list("pk"))
    articles = titles.union(outlets)
    ids = [pk for (pk,) in articles[: TITLE_IDS_MAX + 1]]
    if not ids:
        return None
    if len(ids) <= TITLE_IDS_MAX:
        return Q(article_id__in=ids), ids
    return Q(article_id__in=titles) | Q(article_id__in=outlets), None


def word_conditions(word, articles=None):
    """(in the claim itself, in its article): two conditions on a claim for one search word.
    `articles`: ids of the only articles whose claims are asked about (PostgreSQL)."""
    if connection.vendor == "postgresql":
        entries = ClaimSearch.objects.filter(_matches(CLAIM_DOCUMENT, word))
        if articles is not None:
            # The word's index bitmap and'ed with the articles': only the rows in both are
            # read, not every claim of the desk holding the word (4,000 rows for a word of a
            # million claims, read from disk when not cached).
            entries = entries.filter(article_id__in=articles)
        own = Q(pk__in=entries.values("claim_id"))
        # The restatement is not in the search table: matched on the claim row (no index).
        own |= Q(_matches('"factcheck_claim"."normalized"', word))
        # Two subqueries: OR-ed in one, the titles' index could not serve the first.
        titles = Article.objects.filter(_matches("title", word)).values("pk")
        outlets = Article.objects.filter(source__in=Source.objects.filter(_matches("name", word)).values("pk"))
        return own, Q(article_id__in=titles) | Q(article_id__in=outlets.values("pk"))
    # SQLite: the claim's and article's columns folded (editorial.sqlite_fold), no stemming.
    word = fold(word)
    own = Q()
    for field in ("text", "speaker", "normalized"):
        own |= Q(Contains(Fold(field), word))
    return own, Q(Contains(Fold("article__title"), word)) | Q(Contains(Fold("article__source__name"), word))


def search(qs, q, articles=None):
    """qs narrowed to the claims holding every word of q, annotated with `relevance`: two
    points per word found in the claim itself, one per word found only in its article.
    `articles`: ids of articles qs is already limited to (word_conditions)."""
    words = search_words(q)
    if not words:
        return qs.annotate(relevance=Value(0, output_field=IntegerField()))
    relevance = Value(0, output_field=IntegerField())
    for word in words:
        own, article = word_conditions(word, articles)
        qs = qs.filter(own | article)
        relevance = relevance + Case(
            When(own, then=Value(2)), When(article, then=Value(1)), default=Value(0),
            output_field=IntegerField(),
        )
    return qs.annotate(relevance=relevance)


def parse_cursor(value):
    """'priority:id' → (float, int), or None when absent or malformed."""
    try:
        priority, pk = (value or "").split(":")
        priority, pk = float(priority), int(pk)
    except ValueError:
        return None
    if not math.isfinite(priority) or not 0 < pk < 2**63:
        return None
    return priority, pk


def parse_id(value):
    """A claim id from the query string, or None."""
    try:
        pk = int(value or "")
    except ValueError:
        return None
    return pk if 0 < pk < 2**63 else None


def next_for(user, exclude=None):
    """The first claim of the queue (by priority) that user can decide now: new or in review,
    free or held by them, their own assignments first; None when there is none."""
    now = timezone.now()
    free = Q(lease__isnull=True) | Q(lease__expires_at__lte=now) | Q(lease__holder=user)
    qs = (ReviewableClaim.objects.filter(is_current=True, status__in=ReviewableClaim.DECIDABLE_STATUSES)
          .filter(free).exclude(pk=exclude or 0).order_by("-priority", "-id"))
    return qs.filter(assignee=user).first() or qs.filter(Q(assignee__isnull=True) | Q(assignee=user)).first()


def asked_statuses(filters):
    """The review statuses the queue filters ask for: the one chosen, or those needing a
    decision."""
    status = filters.get("status")
    return [status] if status else list(Claim.OPEN_STATUSES)


def queue_queryset(user, filters, statuses=None):
    """Claims matching the queue filters except the search (no joins unless a filter needs one)."""
    qs = ReviewableClaim.objects.filter(is_current=True)
    if statuses is None:
        statuses = asked_statuses(filters)
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
    return qs


def uses_keyset(filters):
    """The plain priority order pages with a cursor; searches and other orders with page numbers."""
    return not search_words(filters.get("q")) and filters.get("sort", SORT_PRIORITY) == SORT_PRIORITY


def _keyset_ids(user, filters, cursor, size, condition=None, offset=0, once=False):
    """One page by priority: the ids read per status from the (status, -priority, -id) index and
    merged (UNION ALL of one index walk per status: no sort of every open claim). condition:
    a further filter (a search); offset: rows to skip (numbered pages); once: the condition
    gives its claims once for all statuses, to be sorted, rather than in each walk (a list of
    ids: at a million claims 16,600 → 7,700 buffers for a two-word search; see own_matches)."""
    statuses = asked_statuses(filters)
    if once or not connection.features.supports_slicing_ordering_in_compound:
        statuses = [statuses]  # SQLite (make run): one plain query over all the statuses
    else:
        statuses = [[one] for one in statuses]
    branches = []
    for group in statuses:
        branch = queue_queryset(user, filters, group).order_by(*ORDERINGS[SORT_PRIORITY])
        if condition is not None:
            branch = branch.filter(condition)
        if cursor:
            priority, pk = cursor
            branch = branch.filter(Q(priority__lt=priority) | Q(priority=priority, id__lt=pk))
        branches.append(branch.values_list("id", "priority")[: offset + size + 1])
    if len(branches) > 1:
        ids_query = branches[0].union(*branches[1:], all=True).order_by("-priority", "-id")[offset: offset + size + 1]
    else:
        ids_query = branches[0][offset: offset + size + 1] if offset else branches[0]
    return [pk for pk, _priority in ids_query]


def _numbered_ids(user, filters, page, size):
    """One numbered page in the chosen order; with a search, best matches first."""
    qs = queue_queryset(user, filters)
    ordering = ORDERINGS[filters.get("sort") or SORT_PRIORITY]
    offset = (page - 1) * size
    if not search_words(filters.get("q")):
        return list(qs.order_by(*ordering).values_list("id", flat=True)[offset: offset + size + 1])
    if connection.vendor != "postgresql":
        qs = search(qs, filters["q"]).order_by("-relevance", *ordering)
        return list(qs.values_list("id", flat=True)[offset: offset + size + 1])
    return _search_ids(user, filters, qs, ordering, offset, size)


def _search_ids(user, filters, qs, ordering, offset, size):
    """PostgreSQL: first the claims holding every word themselves (read through the search
    table's indexes), then, when the page is not full yet, those that need their article's title
    or outlet for some word, best matches first (only claims of articles matching a word can)."""
    words = search_words(filters["q"])
    own, once = own_matches(words, asked_statuses(filters))
    if ordering == ORDERINGS[SORT_PRIORITY]:
        first = _keyset_ids(user, filters, None, size, own, offset, once)
    else:
        first = list(qs.filter(own).order_by(*ordering).values_list("id", flat=True)[offset: offset + size + 1])
    if len(first) > size:
        return first
    matches = article_matches(words)
    if matches is None:
        return first
    by_article, article_ids = matches
    rest = (search(qs.filter(by_article), filters["q"], article_ids).exclude(own)
            .order_by("-relevance", *ordering))
    wanted = size + 1 - len(first)
    if first or not offset:  # this page starts the rest
        return first + list(rest.values_list("id", flat=True)[:wanted])
    # A later page of the rest: where it starts depends on how many claims hold every word
    # themselves, counted in the same query (a page's query budget is twelve).
    own_count = (qs.filter(own).order_by().annotate(one=Value(1)).values("one")
                 .annotate(n=Count("id")).values("n"))
    rows = list(rest.annotate(own_total=Coalesce(Subquery(own_count), 0))
                .values_list("id", "own_total")[: offset + wanted])
    skip = offset - rows[0][1] if rows else 0
    return [pk for pk, _own_total in rows[skip: skip + wanted]]


def queue_ids(user, filters, cursor, size):
    """Ids of one page of the queue, and whether there is a next page. One query."""
    if uses_keyset(filters):
        ids = _keyset_ids(user, filters, cursor, size)
    else:
        ids = _numbered_ids(user, filters, filters.get("page") or 1, size)
    return ids[:size], len(ids) > size


def queue_page(user, filters, cursor, size):
    """One page of the queue: [claims], has_next. Two queries whatever the size: the ids
    (queue_ids), then the rows with what the page shows, joined.
    """
    ids, has_next = queue_ids(user, filters, cursor, size)
    if not ids:
        return [], False
    rows = (
        ReviewableClaim.objects.filter(pk__in=ids)
        # Joined, but not turned into Article and Source objects (two fewer per row).
        .annotate(article_title=F("article__title"), outlet_name=F("article__source__name"),
                  **queue_annotations())
        .select_related("assignee", "lease", "lease__holder", "cluster")
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


def _age_formatter(now):
    """How long ago a claim reached the desk, in the page's language ("3 h", "2 days"): one
    translated label per distinct value on the page."""
    labels = {}

    def age_text(created_at):
        seconds = max((now - created_at).total_seconds(), 0)
        if seconds < 60:
            key = ("now", 0)
        elif seconds < 3600:
            key = ("min", int(seconds // 60))
        elif seconds < 86400:
            key = ("h", int(seconds // 3600))
        else:
            key = ("d", int(seconds // 86400))
        if key not in labels:
            unit, n = key
            if unit == "now":
                labels[key] = gettext("just now")
            elif unit == "min":
                labels[key] = ngettext("%(n)d minute", "%(n)d minutes", n) % {"n": n}
            elif unit == "h":
                labels[key] = ngettext("%(n)d hour", "%(n)d hours", n) % {"n": n}
            else:
                labels[key] = ngettext("%(n)d day", "%(n)d days", n) % {"n": n}
        return labels[key]

    return age_text


def order_explanation(filters):
    """The queue's order in one line, for the page to say what it is sorted by and why."""
    w = Claim.PRIORITY_WEIGHTS
    priority = gettext(
        "Priority = %(score)d%% check-worthiness + %(recency)d%% recency (halves every %(days)s days)"
        " + %(repeats)d%% repeats in other articles + %(contradiction)d%% contradiction found."
    ) % {
        "score": round(w["score"] * 100), "recency": round(w["recency"] * 100),
        "days": formats.number_format(Claim.RECENCY_HALF_LIFE_DAYS, decimal_pos=0),
        "repeats": round(w["repeats"] * 100), "contradiction": round(w["contradiction"] * 100),
    }
    sort = filters.get("sort") or SORT_PRIORITY
    by = {
        SORT_PRIORITY: gettext("highest priority first"),
        SORT_SCORE: gettext("most check-worthy first, then by priority"),
        SORT_AGE: gettext("longest waiting first"),
        SORT_OUTLET: gettext("by outlet from A to Z, then by priority"),
    }[sort]
    if search_words(filters.get("q")):
        order = gettext("Order: best matches first (words found in the claim itself count more), "
                        "then %(order)s.") % {"order": by}
    else:
        order = gettext("Order: %(order)s.") % {"order": by}
    return f"{order} {priority}"


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
    # "No suggestion" once the verifiers are done; before, the editor is told to wait.
    still_verifying = gettext("still verifying")
    score_text = _score_formatter()
    age_text = _age_formatter(now)
    repeats_labels, assigned_labels, proposed_labels, quote_labels = {}, {}, {}, {}
    occurrences_labels = {}
    take_label, select_label = gettext("Take claim %(pk)s"), gettext("Select claim %(pk)s")
    quote_alone, quote_with_speaker = gettext("quote"), gettext("quote: %(speaker)s")
    rows = []
    for claim in claims:
        lease = getattr(claim, "lease", None)  # None when there is no lease row
        claim.current_lease = lease = lease if lease is not None and lease.expires_at > now else None
        repeats = claim.repeats
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
        quote = ""
        if claim.quoted:
            if claim.speaker not in quote_labels:
                quote_labels[claim.speaker] = (quote_with_speaker % {"speaker": claim.speaker}
                                               if claim.speaker else quote_alone)
            quote = quote_labels[claim.speaker]
        pk = str(claim.pk)  # not localize()d on each of its uses
        rows.append({
            "pk": pk,
            "take_label": take_label % {"pk": pk},
            "select_label": select_label % {"pk": pk},
            "quote_label": quote,
            "url": claim_url.format(claim.pk),
            "take_url": take_url.format(claim.pk),
            "text": claim.text,
            "normalized": claim.normalized,
            "occurrences_label": occurrences_labels.get(occurrences, ""),
            "modality": claim.modality,
            "modality_label": "" if claim.modality == Claim.MODALITY_ASSERTED
            else modality_labels.get(claim.modality, claim.modality),
            "has_contradiction": claim.has_contradiction,
            "repeats_label": repeats_labels.get(repeats, "") if repeats > 1 else "",
            "article_url": article_url.format(claim.article_id),
            "article_title": claim.article_title,
            "outlet_name": claim.outlet_name or "—",
            "language_code": (claim.language or "?").upper(),
            "lang": claim.language or "",
            "score_text": score_text(claim.score),
            "priority_text": score_text(claim.priority),
            "age_text": age_text(claim.created_at),
            "created_iso": claim.created_at.isoformat(),
            "suggestion": claim.suggestion,
            "suggestion_label": still_verifying if claim.suggestion == Claim.SUGGEST_UNKNOWN
            and claim.pipeline_state in VERIFYING_STATES
            else suggestion_labels.get(claim.suggestion, claim.suggestion),
            "reasons_title": " · ".join(render_entry(r) for r in claim.suggestion_reasons or ()),
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
