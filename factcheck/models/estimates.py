"""Row counts from the planner's statistics, for pages that must stay fast on a desk of a
million claims: an exact count reads every row it counts."""

import json

from django.db import connection

# From this many rows (the planner's estimate), pages that show a large total may show it
# estimated, and say so.
ESTIMATE_FROM = 100_000


def estimated_rows(qs):
    """The planner's estimate of the rows `qs` returns (PostgreSQL; None elsewhere), read from
    the table's statistics (ANALYZE, autovacuum), not from its rows."""
    if connection.vendor != "postgresql":
        return None
    plan = json.loads(qs.order_by().explain(format="json"))
    return int(plan[0]["Plan"]["Plan Rows"])


def rounded(n):
    """An estimate to three significant digits: 1,003,468 → 1,000,000."""
    n = max(0, int(n))
    return round(n, 3 - len(str(n)))
