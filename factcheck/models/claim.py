import hashlib
import re

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from factcheck.dbutil import (
    array_text, current_connection, fast_timestamps, insert_rows, instance_row, loaded,
    rows_where_in, select_rows, update_rows,
)

from .article import Article, Source

_WORDS = re.compile(r"\w+", re.UNICODE)


def fingerprint(text: str) -> str:
    """Case-, accent-of-punctuation- and spacing-insensitive identity of a claim's wording."""
    words = _WORDS.findall(text.casefold())
    return hashlib.sha1(" ".join(words).encode("utf-8")).hexdigest()


def wording_key(sentence: str, text: str) -> str:
    return fingerprint(f"{sentence} | {text}")


class ClaimCluster(models.Model):
    """The same claim made in several articles (a claim checked last week comes back)."""

    label = models.CharField(_("label"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("claim cluster")
        verbose_name_plural = _("claim clusters")

    def __str__(self):
        return self.label or f"#{self.pk}"

    @classmethod
    def link(cls, claim, others):
        """Put `claim` and its near-duplicates `others` in one cluster; returns the cluster."""
        return cls.objects.get(pk=cls.link_many([(claim, [o.pk for o in others])])[claim.pk])

    @classmethod
    def link_many(cls, links):
        """For each (claim, ids of its near-duplicates) in `links`, put them in one cluster; claims
        that several links connect end up in the same cluster, and the clusters they bridge are
        merged. One pass for a whole batch of verifications. Returns {claim.pk: cluster id}.

        The claims and the members of their clusters are locked in id order in one statement,
        so two batches linking to the same earlier claim at once end up in one cluster, without
        deadlock. Clusters that get merged are left empty rather than deleted: a concurrent link
        may still point at them.
        """
        parent = {}

        def root(pk):
            while parent.setdefault(pk, pk) != pk:
                parent[pk] = parent[parent[pk]]
                pk = parent[pk]
            return pk

        for claim, other_ids in links:
            root(claim.pk)
            for other in other_ids:
                parent[root(other)] = root(claim.pk)
        groups = {}
        for pk in sorted(parent):
            groups.setdefault(root(pk), []).append(pk)
        with transaction.atomic(savepoint=False):
            ids = sorted(parent)
            clusters = {cluster for (cluster,) in rows_where_in(Claim, ["cluster_id"], "id", ids)
                        if cluster is not None}
            # Locked with what the repeat counts read: every member of the clusters these links
            # end in is among these rows (each cluster met is a target or merged into one).
            locked = Claim.objects.loaded_with(ids, cls.REPEAT_READS, lock=True,
                                               clusters=clusters)
            current = {pk: claim.cluster_id for pk, claim in locked.items()}
            labels = {root(claim.pk): claim.text[:500] for claim, _ids in reversed(links)}
            targets, new = {}, []
            for key, members in groups.items():
                existing = sorted({current[pk] for pk in members if current.get(pk)})
                if existing:
                    targets[key] = existing[0]
                    if len(existing) > 1:  # the link bridges clusters: merge into the oldest
                        Claim.objects.filter(cluster_id__in=existing[1:]).update(
                            cluster_id=existing[0])
                        for claim in locked.values():
                            if claim.cluster_id in existing[1:]:
                                claim.cluster_id = existing[0]
                else:
                    new.append((key, cls(label=labels.get(key, ""))))
            created = insert_rows(cls, [{"label": cluster.label} for _key, cluster in new],
                                  returning=True)
            for (key, _cluster), pk in zip(new, created):
                targets[key] = pk
            moved = {pk: targets[key] for key, members in groups.items() for pk in members
                     if pk in current and current[pk] != targets[key]}
            cls.refresh_repeats_many(locked.values(), moved=moved)
        return {claim.pk: targets[root(claim.pk)] for claim, _ids in links}

    # What refresh_repeats_many reads of a claim (Claim.compute_priority included).
    REPEAT_READS = ("id", "cluster_id", "article_id", "repeat_count", "priority", "score",
                    "has_contradiction", "article__id", "article__published_at",
                    "article__created_at")

    @classmethod
    def refresh_repeats_many(cls, rows, moved=None):
        """repeat_count = how many other articles make the same claim; priority follows.

        `rows`: the claims concerned (those moved and every member of their clusters), loaded
        with REPEAT_READS (link_many has them locked). `moved`: {claim id: cluster id} for
        claims joining those clusters now; their cluster is written in the same statement as
        their repeat count (one new row version, not two).
        """
        moved = moved or {}
        members = {}
        for m in rows:
            before = (m.cluster_id, m.repeat_count, m.priority)
            m.cluster_id = moved.get(m.pk, m.cluster_id)
            members.setdefault(m.cluster_id, []).append((m, before))
        changed = []
        for group in members.values():
            articles = len({m.article_id for m, _before in group})
            for m, before in group:
                m.repeat_count = max(articles - 1, 0)
                m.compute_priority()
                if (m.cluster_id, m.repeat_count, m.priority) != before:
                    changed.append(m)
        update_rows(Claim, changed, ["cluster", "repeat_count", "priority"])


class ClaimQuerySet(models.QuerySet):
    def current(self):
        return self.filter(is_current=True)

    def needing_decision(self):
        return self.current().filter(status__in=Claim.OPEN_STATUSES)

    # What the verifiers read of a claim, its article and outlet (factcheck/verifiers): a batch
    # loads hundreds of candidate claims, and building them cost more than finding them. A
    # verifier reading another field still gets it, with a query of its own.
    VERIFICATION_FIELDS = (
        "id", "article_id", "text", "entities", "modality", "language", "fingerprint", "speaker",
        "quoted", "status", "status_changed_at", "updated_at",
        "article__id", "article__title", "article__url", "article__published_at",
        "article__created_at", "article__source_id", "article__source__id", "article__source__name",
    )

    def for_verification(self):
        """With their article and outlet, and only the columns the verifiers read."""
        return self.select_related("article__source").only(*self.VERIFICATION_FIELDS)

    def in_bulk_for_verification(self, ids):
        """for_verification().in_bulk(ids): the same instances, built faster (loaded_with)."""
        return self.loaded_with(ids, self.VERIFICATION_FIELDS)

    def loaded_with(self, ids, fields, lock=False, clusters=()):
        """{pk: claim} for `ids` and the members of `clusters`, in id order, with only `fields`
        (named as for .only(): the article's as "article__…", the outlet's as
        "article__source__…"), each claim with its article and, when asked, its outlet.
        `lock`: FOR NO KEY UPDATE of the claim rows, taken in id order (two roll-ups sharing
        claims queue instead of deadlocking). Called on the manager: it reads the table, not
        a filtered queryset.

        On PostgreSQL, one query whose rows become instances directly (dbutil.loaded): a batch
        reads a hundred candidate claims or more, and Django's select_related built a claim,
        an article and an outlet per row at three times the cost of the query."""
        from django.db import connection

        ids, clusters = sorted(set(ids)), sorted(set(clusters))
        if not ids and not clusters:
            return {}
        with_source = any(f.startswith("article__source__") for f in fields)
        if connection.vendor != "postgresql":
            qs = (self.select_related("article__source" if with_source else "article")
                  .only(*fields).filter(models.Q(pk__in=ids) | models.Q(cluster_id__in=clusters))
                  .order_by("pk"))
            if lock:
                qs = qs.select_for_update(no_key=True, of=("self",))
            return {claim.pk: claim for claim in qs}
        names = {Claim: [f for f in fields if "__" not in f],
                 Article: [f[len("article__"):] for f in fields
                           if f.startswith("article__") and f.count("__") == 1],
                 Source: [f[len("article__source__"):] for f in fields
                          if f.startswith("article__source__")]}
        groups = [(model, [model._meta.get_field(n) for n in names[model]]) for model in names]
        columns = ", ".join(f'{alias}."{field.column}"' for alias, (_model, group)
                            in zip("cas", groups) for field in group)
        sql = (f"SELECT {columns} FROM {Claim._meta.db_table} c "
               f"JOIN {Article._meta.db_table} a ON a.id = c.article_id "
               f"LEFT JOIN {Source._meta.db_table} s ON s.id = a.source_id "
               "WHERE c.id = ANY(%s::bigint[]) OR c.cluster_id = ANY(%s::bigint[]) ORDER BY c.id"
               + (" FOR NO KEY UPDATE OF c" if lock else ""))
        cut = len(groups[0][1]), len(groups[0][1]) + len(groups[1][1])
        claims, articles, sources = {}, {}, {}
        conn = current_connection()
        with conn.cursor() as cursor:
            fast_timestamps(cursor)
            cursor.execute(sql, [array_text(ids), array_text(clusters)])
            for row in cursor.fetchall():
                claim = loaded(Claim, groups[0][1], row[:cut[0]], conn)
                article = articles.get(claim.article_id)
                if article is None:
                    article = loaded(Article, groups[1][1], row[cut[0]:cut[1]], conn)
                    articles[claim.article_id] = article
                    if with_source:
                        source = None
                        if article.source_id is not None:
                            source = sources.get(article.source_id)
                            if source is None:
                                source = loaded(Source, groups[2][1], row[cut[1]:], conn)
                                sources[article.source_id] = source
                        article._state.fields_cache["source"] = source
                claim._state.fields_cache["article"] = article
                claims[claim.pk] = claim
        return claims


class ClaimManager(models.Manager.from_queryset(ClaimQuerySet)):
    NLP_FIELDS = (
        "text", "sentence", "start", "end", "score", "claim_type", "modality", "quoted",
        "speaker", "entities", "language",
    )

    # All or nothing, in the caller's transaction when there is one (extraction's): a savepoint
    # would cost two more round trips per article, and a failure fails the whole step anyway.
    @transaction.atomic(savepoint=False)
    def sync_for_article(self, article, extracted, new_state=None):
        """Store what extraction found, idempotently.

        Running it twice on the same text changes nothing. When the text was edited, a claim whose
        supporting span still reads the same is kept (offsets updated, review status and history
        intact); claims no longer found are deleted unless an editor already worked on them, in
        which case they are kept as not current.
        `new_state`: the pipeline state new claims start in (the model's default otherwise).
        Returns (created, updated, retired) counts.
        """
        existing = select_rows(Claim, None, "article_id = %s AND is_current", [article.pk],
                               order_by=("start",), lock="FOR UPDATE", instances=True)
        by_span = {(c.start, c.end): c for c in existing}
        by_wording = {}
        for c in existing:
            by_wording.setdefault(wording_key(c.sentence, c.text), c)
        seen, created, updated = set(), 0, 0
        to_create = []
        for item in extracted:
            values = {k: item[k] for k in self.NLP_FIELDS if k in item}
            values["fingerprint"] = fingerprint(values["text"])
            claim = by_span.get((item["start"], item["end"]))
            if claim is None:
                # Offsets moved (text edited above it): the same wording is the same claim.
                claim = by_wording.get(wording_key(item["sentence"], item["text"]))
            if claim is not None and claim.pk not in seen:
                seen.add(claim.pk)
                changed = [k for k, v in values.items() if getattr(claim, k) != v]
                if changed:
                    for k in changed:
                        setattr(claim, k, values[k])
                    if "score" in changed:
                        claim.compute_priority()
                        changed.append("priority")
                    claim.save(update_fields=changed + ["updated_at"])
                    updated += 1
                continue
            new = Claim(article=article, **values)
            if new_state:
                new.pipeline_state = new_state
            new.compute_priority()
            to_create.append(new)
        stale = [c for c in existing if c.pk not in seen]
        retired = 0
        for c in stale:
            if c.status == Claim.STATUS_NEW and c.assignee_id is None:
                c.delete()
            else:
                c.is_current = False
                c.save(update_fields=["is_current", "updated_at"])
            retired += 1
        # Retire first: the partial unique constraint on spans only covers current claims.
        if to_create:
            insert_rows(Claim, [instance_row(claim) for claim in to_create])
            created = len(to_create)
        return created, updated, retired


class Claim(models.Model):
    # Review status, set by editors.
    STATUS_NEW = "new"
    STATUS_IN_REVIEW = "in_review"
    STATUS_PENDING_APPROVAL = "pending_approval"
    STATUS_CONFIRMED = "confirmed"
    STATUS_DISPUTED = "disputed"
    STATUS_UNVERIFIABLE = "unverifiable"
    STATUS_CHOICES = [
        (STATUS_NEW, _("new")),
        (STATUS_IN_REVIEW, _("in review")),
        (STATUS_PENDING_APPROVAL, _("awaiting approval")),
        (STATUS_CONFIRMED, _("confirmed")),
        (STATUS_DISPUTED, _("disputed")),
        (STATUS_UNVERIFIABLE, _("unverifiable")),
    ]
    OPEN_STATUSES = (STATUS_NEW, STATUS_IN_REVIEW, STATUS_PENDING_APPROVAL)
    VERDICT_STATUSES = (STATUS_CONFIRMED, STATUS_DISPUTED, STATUS_UNVERIFIABLE)

    MODALITY_ASSERTED = "asserted"
    MODALITY_HEDGED = "hedged"
    MODALITY_QUESTION = "question"
    MODALITY_CHOICES = [
        (MODALITY_ASSERTED, _("asserted")),
        (MODALITY_HEDGED, _("hedged")),
        (MODALITY_QUESTION, _("question")),
    ]

    TYPE_CHOICES = [
        ("event", _("event")),
        ("quantity", _("quantity")),
        ("attribution", _("attribution / quote")),
        ("prediction", _("prediction")),
        ("causal", _("causal")),
        ("opinion", _("opinion")),
        ("other", _("other")),
    ]

    # Where the verifiers are, for this claim.
    PIPELINE_PENDING = "pending"
    PIPELINE_VERIFYING = "verifying"
    PIPELINE_VERIFIED = "verified"
    PIPELINE_FAILED = "failed"
    PIPELINE_CHOICES = [
        (PIPELINE_PENDING, _("waiting for verifiers")),
        (PIPELINE_VERIFYING, _("verifying")),
        (PIPELINE_VERIFIED, _("verified")),
        (PIPELINE_FAILED, _("a verifier failed")),
    ]

    SUGGEST_SUPPORTED = "supported"
    SUGGEST_CONTRADICTED = "contradicted"
    SUGGEST_NEEDS_SOURCING = "needs_sourcing"
    SUGGEST_UNKNOWN = "unknown"
    SUGGESTION_CHOICES = [
        (SUGGEST_SUPPORTED, _("likely confirmed")),
        (SUGGEST_CONTRADICTED, _("likely disputed")),
        (SUGGEST_NEEDS_SOURCING, _("needs sourcing")),
        (SUGGEST_UNKNOWN, _("no suggestion")),
    ]

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="claims", verbose_name=_("article")
    )
    # What extraction found. start/end are offsets in article.body.
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    sentence = models.TextField(_("sentence"))
    text = models.TextField(_("claim"))
    # Not indexed here: near-duplicates are searched by fingerprint in ClaimSearch, and every
    # index on this table is written again for each of the pipeline's updates of a claim.
    fingerprint = models.CharField(max_length=40, editable=False)
    language = models.CharField(_("language"), max_length=8, blank=True)
    score = models.FloatField(_("check-worthiness"), default=0.0)
    claim_type = models.CharField(_("type"), max_length=16, choices=TYPE_CHOICES, default="other")
    modality = models.CharField(
        _("modality"), max_length=16, choices=MODALITY_CHOICES, default=MODALITY_ASSERTED
    )
    quoted = models.BooleanField(_("quoted"), default=False)
    speaker = models.CharField(_("speaker"), max_length=300, blank=True)
    entities = models.JSONField(_("entities"), default=list, blank=True)
    # False once the article was edited and the claim is no longer in it (kept for its history).
    is_current = models.BooleanField(default=True)

    # Review.
    status = models.CharField(
        _("review status"), max_length=20, choices=STATUS_CHOICES, default=STATUS_NEW
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="assigned_claims", verbose_name=_("assignee"),
    )
    # Optimistic concurrency: a verdict states the version it was made on.
    version = models.PositiveIntegerField(default=0)

    # Verification roll-up.
    pipeline_state = models.CharField(
        _("verification"), max_length=16, choices=PIPELINE_CHOICES, default=PIPELINE_PENDING
    )
    suggestion = models.CharField(
        _("suggested verdict"), max_length=20, choices=SUGGESTION_CHOICES,
        default=SUGGEST_UNKNOWN,
    )
    suggestion_confidence = models.FloatField(default=0.0)
    suggestion_reasons = models.JSONField(default=list, blank=True)
    has_contradiction = models.BooleanField(_("contradiction found"), default=False)
    repeat_count = models.PositiveIntegerField(_("articles repeating it"), default=0)
    cluster = models.ForeignKey(
        ClaimCluster, null=True, blank=True, on_delete=models.SET_NULL, related_name="claims"
    )
    # Queue order, recomputed when its inputs change (score, contradictions, repeats).
    priority = models.FloatField(_("priority"), default=0.0)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ClaimManager()

    class Meta:
        ordering = ["article", "start"]
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        permissions = [
            ("review_claim", _("Can take claims and give verdicts")),
            ("approve_verdict", _("Can approve or send back verdicts")),
            ("assign_claim", _("Can assign claims to checkers")),
            ("force_unlock", _("Can release another editor's lock")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "start", "end"],
                condition=models.Q(is_current=True),
                name="claim_unique_current_span",
            ),
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="claim_span_not_empty"
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=0) & models.Q(score__lte=1),
                name="claim_score_between_0_and_1",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-priority", "-id"], name="claim_queue_order"),
        ]

    def __str__(self):
        return self.text[:120]

    def get_absolute_url(self):
        return reverse("editorial:claim", args=[self.pk])

    @property
    def span_text(self):
        return self.article.body[self.start:self.end]

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES

    # Priority weights: check-worthiness first, then news value (fresh, repeated, disputed).
    PRIORITY_WEIGHTS = {"score": 0.5, "recency": 0.2, "repeats": 0.15, "contradiction": 0.15}
    RECENCY_HALF_LIFE_DAYS = 3.0
    REPEATS_CAP = 5

    def compute_priority(self, now=None):
        """Queue order in [0, 1]: check-worthiness, recency, repeats and contradictions.

        Sets and returns self.priority (not saved). Recency is taken from the article's
        publication date (its arrival on the desk when unknown) and halves every three days.
        """
        now = now or timezone.now()
        article = self.article
        published = article.published_at or article.created_at or now
        age_days = max((now - published).total_seconds() / 86400, 0.0)
        recency = 0.5 ** (age_days / self.RECENCY_HALF_LIFE_DAYS)
        repeats = min(self.repeat_count, self.REPEATS_CAP) / self.REPEATS_CAP
        w = self.PRIORITY_WEIGHTS
        self.priority = round(
            w["score"] * min(max(self.score, 0.0), 1.0)
            + w["recency"] * recency
            + w["repeats"] * repeats
            + w["contradiction"] * (1.0 if self.has_contradiction else 0.0),
            4,
        )
        return self.priority

    ROLL_UP_FIELDS = [
        "pipeline_state", "suggestion", "suggestion_confidence", "suggestion_reasons",
        "has_contradiction", "priority", "updated_at",
    ]

    def roll_up(self):
        """Fold the verifiers' evidence into the suggestion and the pipeline state.

        Only the latest verification per verifier counts. Returns True when no verifier is still
        at work on this claim. Runs under a lock on the claim row, so concurrent roll-ups of one
        claim (two tasks finishing at once) apply one after the other.
        """
        from factcheck.dbutil import relaxed_commit

        # Inside the caller's transaction when there is one (the verification that just stored
        # the evidence): no savepoint, one commit for both.
        with transaction.atomic(savepoint=False):
            relaxed_commit()
            claim = Claim.objects.select_for_update(no_key=True).select_related("article").get(pk=self.pk)
            claim.apply_roll_up(claim.verifications.order_by("created_at", "id"),
                                list(claim.evidence.all()))
            claim.save(update_fields=self.ROLL_UP_FIELDS)
        for field in self.ROLL_UP_FIELDS:
            setattr(self, field, getattr(claim, field))
        return claim.pipeline_state != self.PIPELINE_VERIFYING

    def apply_roll_up(self, verifications, evidence):
        """Pure part of roll_up(): set the roll-up fields (not saved) from this claim's
        verifications, oldest first (only the latest per verifier counts), and its evidence.
        Shared with the pipeline's bulk roll-up (factcheck.pipeline.roll_up_claims)."""
        from factcheck.verifiers.suggestion import suggest

        latest = {}
        for v in verifications:
            latest[v.verifier] = v
        states = {v.state for v in latest.values()}
        if states & {"pending", "started"}:
            self.pipeline_state = self.PIPELINE_VERIFYING
        elif "failed" in states:
            self.pipeline_state = self.PIPELINE_FAILED
        else:
            self.pipeline_state = self.PIPELINE_VERIFIED
        result = suggest(list(evidence))
        self.suggestion = result.suggestion
        self.suggestion_confidence = result.confidence
        self.suggestion_reasons = result.reasons
        self.has_contradiction = result.has_contradiction
        self.compute_priority()
