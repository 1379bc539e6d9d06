"""Bulk files written for the tests: rows of made-up local news, with the bad rows asked for."""

import csv
import io
import json


def good_row(number):
    return {
        "title": f"Conseil municipal n° {number}",
        "body": (f"Le conseil municipal de la commune n° {number} a voté un budget de "
                 f"{number * 1000 + 17} euros lors de sa séance de mardi. "
                 f"La nouvelle école ouvrira en septembre avec {number % 30 + 5} classes."),
        "outlet": "La Gazette locale",
        "published_at": f"2026-{number % 12 + 1:02d}-{number % 28 + 1:02d}",
        "language": "fr",
    }


# Line numbers (1-based) and what is wrong with them.
BAD_ROWS = {
    10: '{"title": "Tronqué", "body": "Le maire a',
    500: json.dumps({"title": "Sans texte", "outlet": "La Gazette locale"}),
    999: json.dumps({"title": "Mauvaise date", "body": "Le préfet a signé l'arrêté lundi.",
                     "published_at": "le 3 mars"}, ensure_ascii=False),
}


def jsonl_file(path, rows=1000, bad=BAD_ROWS):
    lines = [bad.get(number) or json.dumps(good_row(number), ensure_ascii=False)
             for number in range(1, rows + 1)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def csv_text(rows):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["title", "body", "url", "outlet", "published_at", "language"])
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return out.getvalue()
