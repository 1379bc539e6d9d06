"""Clusters: the same claim made in several articles, found by the earlier-verdicts verifier's
near-duplicate search. A claim's repeat count (how many other articles make it) and priority
follow its cluster."""

from django.db import transaction

from factcheck.models import Claim, ClaimCluster

from . import sql

# What refresh_repeats reads of a claim (Claim.compute_priority included).
REPEAT_READS = ("cluster", "article", "repeat_count", "priority", "score", "has_contradiction",
                "article__published_at", "article__created_at")
LABEL_LENGTH = ClaimCluster._meta.get_field("label").max_length


def link_claims(links):
    """For each (claim, ids of its near-duplicates) in `links`, put them in one cluster; claims
    that several links connect end up in the same cluster, and the clusters they bridge are
    merged into the oldest. One pass for a whole batch of verifications. Returns {claim.pk:
    cluster id}.

    The claims and the members of their clusters are locked in id order in one statement, so
    two batches linking to the same earlier claim at once end up in one cluster, without
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
        # Locked with what the repeat counts read: every member of the clusters these links
        # end in is among these rows (each cluster met is a target or merged into one).
        locked = sql.lock_claims(sorted(parent), REPEAT_READS, with_clusters=True)
        current = {pk: claim.cluster_id for pk, claim in locked.items()}
        labels = {root(claim.pk): claim.text[:LABEL_LENGTH] for claim, _ids in reversed(links)}
        targets, new = {}, []
        for key, members in groups.items():
            existing = sorted({current[pk] for pk in members if current.get(pk)})
            if existing:
                targets[key] = existing[0]
                if len(existing) > 1:  # the link bridges clusters: merge into the oldest
                    Claim.objects.filter(cluster_id__in=existing[1:]).update(cluster_id=existing[0])
                    ClaimCluster.objects.filter(pk__in=existing[1:]).update(article_count=0)
                    for claim in locked.values():
                        if claim.cluster_id in existing[1:]:
                            claim.cluster_id = existing[0]
            else:
                new.append(key)
        for key, pk in zip(new, sql.insert_clusters([labels.get(key, "") for key in new])):
            targets[key] = pk
        moved = {pk: targets[key] for key, members in groups.items() for pk in members
                 if pk in current and current[pk] != targets[key]}
        refresh_repeats(locked.values(), moved=moved)
    return {claim.pk: targets[root(claim.pk)] for claim, _ids in links}


def refresh_repeats(claims, moved=None):
    """Each cluster's article count; each claim's repeat count (other articles making the same
    claim, up to Claim.REPEATS_CAP) and priority.

    `claims`: those concerned (those moved and every member of their clusters), loaded with
    REPEAT_READS. `moved`: {claim id: cluster id} for claims joining those clusters now; their
    cluster is written in the same statement as their repeat count (one row version, not two).
    A member is rewritten only when its capped count changes: once a story is in more articles
    than the cap, one more copy writes itself and its cluster's count, not every copy.
    """
    moved = moved or {}
    members, counts = {}, {}
    for m in claims:
        before = (m.cluster_id, m.repeat_count)
        m.cluster_id = moved.get(m.pk, m.cluster_id)
        members.setdefault(m.cluster_id, []).append((m, before))
    changed = []
    for cluster_id, group in members.items():
        articles = len({m.article_id for m, _before in group})
        if cluster_id is not None:
            counts[cluster_id] = articles
        repeats = min(max(articles - 1, 0), Claim.REPEATS_CAP)
        for m, (cluster_before, repeats_before) in group:
            if (m.cluster_id, repeats) == (cluster_before, repeats_before):
                continue
            m.repeat_count = repeats
            m.compute_priority()
            changed.append(m)
    sql.update_claims(changed, ["cluster", "repeat_count", "priority"])
    ClaimCluster.objects.bulk_update(
        [ClaimCluster(pk=pk, article_count=n) for pk, n in sorted(counts.items())], ["article_count"])
