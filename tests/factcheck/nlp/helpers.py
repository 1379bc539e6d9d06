def find(claims, fragment):
    """The first claim whose supporting sentence contains `fragment`."""
    hits = [c for c in claims if fragment in c["sentence"]]
    assert hits, f"no claim with {fragment!r} in {[c['sentence'] for c in claims]}"
    return hits[0]
