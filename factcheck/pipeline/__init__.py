"""The verification pipeline: what carries an article from its text to verdict suggestions.

    extraction  claim an article, extract its claims (spaCy), store them     queue nlp
    fanout      one Verification per (claim, verifier, input hash), sent in batches
    batch       run a batch of verifications: claim, gather, check, store     queue verify
    evidence    what a batch writes as evidence (findings, stale keys, mirror evidence)
    clusters    the same claim in several articles: clusters, repeat counts
    rollup      suggestion, state and priority of claims; closing finished articles
    reruns      re-extraction, re-verification, retries asked for by people
    sweeper     work that was never sent or got lost is sent again
    recovery    work held by a worker that stopped heart-beating is sent again at once
    pacing      an article's verifications sent a window at a time: articles take turns
    dispatch    the one place that sends Celery tasks (by name)
    errors      which errors are retried, and the backoff
    sql         the only hand-written SQL (with the candidate search), each statement's figure
    status      counts by state

The Celery tasks (factcheck.tasks) are a decorator and one call into these modules. Everything
here is safe to run twice: rows are keyed by unique constraints, work is taken with row locks
(SKIP LOCKED), and states only move forward with conditional updates. Whatever the broker
loses, the database still knows (pending/started rows) and the sweeper sends it again.
"""
