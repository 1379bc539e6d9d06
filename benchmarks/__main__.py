"""`make bench`: run every benchmarks/bench_*.py module's run() and print one table.

Each run() returns rows: {"name", "value", "unit", "baseline", "ratio", "goal"}; the baseline is
measured in the same run, so ratios compare like with like on this machine.
"""

import argparse
import importlib
import os
import pkgutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def fmt(value):
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.2f}" if abs(value) < 1000 else f"{value:,.0f}"
    return str(value)


def print_table(rows, out=sys.stdout):
    headers = ["benchmark", "value", "unit", "baseline", "ratio", "goal"]
    table = [[r["name"], fmt(r["value"]), r["unit"], fmt(r.get("baseline")),
              fmt(r.get("ratio")), r.get("goal", "")] for r in rows]
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *table)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths))
    print(line, file=out)
    print("  ".join("-" * w for w in widths), file=out)
    for row in table:
        print("  ".join(str(x).ljust(w) for x, w in zip(row, widths)), file=out)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("only", nargs="*", help="run only these modules (e.g. extraction)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings.test")
    rows = []
    names = sorted(m.name for m in pkgutil.iter_modules([str(HERE)]) if m.name.startswith("bench_"))
    for name in names:
        if args.only and name.removeprefix("bench_") not in args.only:
            continue
        started = time.monotonic()
        module = importlib.import_module(f"benchmarks.{name}")
        print(f"running {name}…", file=sys.stderr, flush=True)
        rows.extend(module.run())
        print(f"  {name} took {time.monotonic() - started:.0f}s", file=sys.stderr, flush=True)
    print_table(rows)


if __name__ == "__main__":
    main()
