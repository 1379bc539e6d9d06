"""A desk as a newsroom holds it after years: invented articles and the claims extraction would
have stored for them, to measure the desk at a size no demo reaches (`manage.py generate_desk`).

Pure Python, no database (factcheck.demo.desk_writer stores what this yields). The same seed
and end date give the same desk. What makes it behave like real news for the searches:

* 200 outlets, French and English, publishing over three years (the bigger outlets more);
* more than 50,000 people, organisations and places, built from syllables, mentioned with a
  Zipf-like law (a few names in many claims, most in a handful), as the entities extraction
  stores (text, label, offsets in the article);
* claims assembled from many verbs, objects, purposes, roles, numbers, amounts and dates in ten
  sentence shapes (events, appointments, money, statistics, attributions, quotes, hedged
  reports), and wire copy: some claims are taken up by other outlets within days, worded the
  same or with another number, and share a cluster.
"""

import bisect
import hashlib
import random
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from itertools import accumulate

from . import desk_vocabulary as vocab

OUTLETS = 200
YEARS = 3
PERSONS, ORGANISATIONS, PLACES = 34_000, 10_000, 8_000
# Zipf exponents: a desk's most named person is in a few per cent of its claims.
NAME_EXPONENT = 0.95
OUTLET_EXPONENT = 0.7
CLAIMS_PER_ARTICLE = (5, 60, 10)  # min, max, mode (triangular)
FRENCH_SHARE = 0.6
STORIES = 0.15  # share of claims other outlets may take up within five days
TAKEN_UP = 0.08  # share of claims that repeat another outlet's recent claim (wire copy)
NAMES_SEED = 20_26  # one universe of names whatever the desk's seed


@dataclass
class DeskClaim:
    start: int
    end: int
    text: str
    sentence: str
    entities: list
    claim_type: str
    modality: str = "asserted"
    quoted: bool = False
    speaker: str = ""
    score: float = 0.5
    story: int | None = None  # claims of one story (wire copy) share a cluster
    repeats: int = 0
    contradicted: bool = False


@dataclass
class DeskArticle:
    outlet: int
    language: str
    title: str
    body: str
    published_at: datetime
    claims: list = field(default_factory=list)

    @property
    def content_hash(self):
        return hashlib.sha256(" ".join(self.body.split()).encode("utf-8")).hexdigest()


class Zipf:
    """Draws items by rank with weight 1/rank**exponent."""

    def __init__(self, items, exponent):
        self.items = list(items)
        self.cumulative = list(accumulate(1 / (r ** exponent) for r in range(1, len(self.items) + 1)))

    def draw(self, rng):
        return self.items[bisect.bisect(self.cumulative, rng.random() * self.cumulative[-1])]


def _invented(rng, count, forms, seen):
    """`count` new names from syllables shaped by `forms` ("{n}ville"…), none in `seen`."""
    out = []
    while len(out) < count:
        stem = "".join(rng.choice(vocab.SYLLABLES) for _ in range(rng.choice((2, 2, 3))))
        name = rng.choice(forms).format(n=stem.capitalize())
        if name not in seen:
            seen.add(name)
            out.append(name)
    return out


@dataclass
class Names:
    persons: Zipf
    organisations: dict  # language → Zipf (an outlet names its own country's bodies)
    places: Zipf
    outlets: list  # (name, language)

    @property
    def distinct(self):
        return (len(self.persons.items) + sum(len(z.items) for z in self.organisations.values())
                + len(self.places.items))


def build_names(seed=NAMES_SEED):
    rng = random.Random(seed)
    seen = set()
    persons = []
    while len(persons) < PERSONS:
        surname = "".join(rng.choice(vocab.SYLLABLES) for _ in range(rng.choice((2, 2, 3))))
        name = f"{rng.choice(vocab.FIRST_NAMES)} {surname.capitalize()}"
        if name not in seen:
            seen.add(name)
            persons.append(name)
    organisations = {lang: Zipf(_invented(rng, ORGANISATIONS // 2, forms, seen), NAME_EXPONENT)
                     for lang, forms in vocab.ORG_FORMS.items()}
    places = _invented(rng, PLACES, vocab.PLACE_FORMS, seen)
    outlets, taken = [], set()
    for i in range(OUTLETS):
        lang = "fr" if i % 5 < 3 else "en"
        while True:
            name = rng.choice(vocab.OUTLET_FORMS[lang]).format(p=rng.choice(places))
            if name not in taken:
                taken.add(name)
                outlets.append((name, lang))
                break
    return Names(Zipf(persons, NAME_EXPONENT), organisations, Zipf(places, NAME_EXPONENT), outlets)


class _Sentence:
    """A sentence built piece by piece, keeping where its names are."""

    def __init__(self):
        self.parts, self.entities, self.length = [], [], 0

    def add(self, text, label=None):
        if label:
            self.entities.append({"text": text, "label": label, "start": self.length,
                                  "end": self.length + len(text)})
        self.parts.append(text)
        self.length += len(text)
        return self

    def text(self):
        return "".join(self.parts)


class _Writer:
    """One article's sentences, in one language, with the desk's names."""

    def __init__(self, rng, names, lang, published):
        self.rng, self.names, self.lang, self.published = rng, names, lang, published
        self.i = 0 if lang == "fr" else 1

    def pick(self, pairs):
        return self.rng.choice(pairs)[self.i]

    def person(self):
        return self.names.persons.draw(self.rng)

    def organisation(self):
        return self.names.organisations[self.lang].draw(self.rng)

    def place(self):
        return self.names.places.draw(self.rng)

    def number(self):
        n = int(10 ** self.rng.uniform(1, 5.3))
        n = n if n < 100 else round(n, -(len(str(n)) - 2))
        return f"{n:,}".replace(",", " " if self.lang == "fr" else ",")

    def money(self):
        amount = self.rng.choice((self.rng.randint(2, 950), round(self.rng.uniform(1.1, 9.9), 1)))
        big = isinstance(amount, float)
        if self.lang == "fr":
            shown = str(amount).replace(".", ",")
            return f"{shown} {'milliards' if big else 'millions'} d'euros"
        return f"{self.rng.choice('€$£')}{amount} {'billion' if big else 'million'}"

    def percent(self):
        value = round(self.rng.uniform(0.5, 45), self.rng.choice((0, 1)))
        value = int(value) if value == int(value) else value
        return f"{str(value).replace('.', ',')}\u00a0%" if self.lang == "fr" else f"{value} per cent"

    def when(self):
        """A date phrase for something that happened up to ten days before publication."""
        day = self.published - timedelta(days=self.rng.randint(0, 10))
        month = vocab.MONTHS[self.lang][day.month - 1]
        shape = self.rng.randrange(6)
        if shape == 0:
            return ""
        if shape == 1:
            return f" {'le' if self.lang == 'fr' else 'on'} {day.day} {month} {day.year}"
        if shape == 2:
            return f" {vocab.WEEKDAYS[self.lang][day.weekday()]}" if self.lang == "fr" else \
                f" on {vocab.WEEKDAYS['en'][day.weekday()]}"
        if shape == 3:
            return f" en {month} {day.year}" if self.lang == "fr" else f" in {month} {day.year}"
        if shape == 4:
            return " l'an dernier" if self.lang == "fr" else " last year"
        return f" depuis {day.year - self.rng.randint(1, 6)}" if self.lang == "fr" else \
            f" since {day.year - self.rng.randint(1, 6)}"

    def subject(self, s):
        if self.rng.random() < 0.35:
            return s.add(self.person(), "PER")
        return s.add(self.organisation(), "ORG")

    def in_place(self, s):
        if self.rng.random() < 0.7:
            s.add(" à " if self.lang == "fr" else " in ").add(self.place(), "LOC")
        return s

    # The sentence shapes: each returns (sentence, claim type), no final full stop.
    def action(self, s):
        self.subject(s)
        s.add(" a " if self.lang == "fr" else " ").add(self.pick(vocab.ACTION_VERBS))
        s.add(f" {self.number()} {self.pick(vocab.COUNTED)}")
        return self.in_place(s).add(self.when()), "event"

    def appointment(self, s):
        s.add(self.person(), "PER")
        s.add(" a été nommé " if self.lang == "fr" else " was appointed ").add(self.pick(vocab.ROLES))
        s.add(" de " if self.lang == "fr" else " of ").add(self.organisation(), "ORG")
        return s.add(self.when()), "event"

    def funding(self, s):
        self.subject(s)
        s.add(f" {self.pick(vocab.MONEY_VERBS)} {self.money()} ")
        s.add(f"pour {self.pick(vocab.PURPOSES)}" if self.lang == "fr" else f"for {self.pick(vocab.PURPOSES)}")
        return self.in_place(s).add(self.when()), "quantity"

    def statistic(self, s):
        metric = self.pick(vocab.METRICS)
        s.add(metric[0].upper() + metric[1:])
        if self.lang == "fr":
            s.add(" à ").add(self.place(), "LOC").add(f" {self.pick(vocab.RISE_FALL)} de {self.percent()}")
            s.add(self.when()).add(", selon ").add(self.organisation(), "ORG")
        else:
            s.add(" in ").add(self.place(), "LOC").add(f" {self.pick(vocab.RISE_FALL)} by {self.percent()}")
            s.add(self.when()).add(", according to ").add(self.organisation(), "ORG")
        return s, "quantity"

    def attribution(self, s):
        s.add(self.person(), "PER").add(f", {self.pick(vocab.ROLES)} ")
        s.add("de " if self.lang == "fr" else "of ").add(self.organisation(), "ORG")
        s.add(f", {self.pick(vocab.SAYING)} {'que ' if self.lang == 'fr' else 'that '}")
        self.subject(s)
        s.add(" avait " if self.lang == "fr" else " had ").add(self.pick(vocab.ACTION_VERBS))
        s.add(f" {self.number()} {self.pick(vocab.COUNTED)}")
        return self.in_place(s), "attribution"

    def agreement(self, s):
        s.add(self.organisation(), "ORG").add(" et " if self.lang == "fr" else " and ")
        s.add(self.organisation(), "ORG")
        if self.lang == "fr":
            s.add(f" ont signé {self.pick(vocab.AGREEMENTS)} de {self.money()}")
        else:
            s.add(f" signed {self.pick(vocab.AGREEMENTS)} worth {self.money()}")
        return s.add(self.when()), "event"

    def departure(self, s):
        s.add(self.person(), "PER")
        years = self.rng.randint(2, 30)
        s.add(" a quitté " if self.lang == "fr" else " left ").add(self.organisation(), "ORG")
        s.add(f" après {years} ans" if self.lang == "fr" else f" after {years} years")
        return s.add(self.when()), "event"

    def tally(self, s):
        s.add(self.place(), "LOC")
        s.add(" a enregistré " if self.lang == "fr" else " recorded ")
        s.add(f"{self.number()} {self.pick(vocab.EVENTS)}")
        return s.add(self.when()), "quantity"

    SHAPES = ("action", "appointment", "funding", "statistic", "attribution", "agreement",
              "departure", "tally")

    def claim(self):
        """(sentence, DeskClaim with offsets in the sentence)."""
        roll = self.rng.random()
        shape = getattr(self, self.rng.choice(self.SHAPES))
        if roll < 0.1:  # a quote: the claim is the quoted words, the speaker named after them
            inner, ctype = self.rng.choice((self.action, self.funding, self.tally))(_Sentence())
            speaker = self.person()
            s = _Sentence().add("« " if self.lang == "fr" else "“")
            offset = s.length
            s.parts.extend(inner.parts)
            s.entities.extend({**e, "start": e["start"] + offset, "end": e["end"] + offset}
                              for e in inner.entities)
            s.length += inner.length
            s.add(" », a déclaré " if self.lang == "fr" else ",” said ").add(speaker, "PER").add(".")
            return s, DeskClaim(offset, offset + inner.length, "", "", [], "attribution",
                                quoted=True, speaker=speaker)
        s, ctype = shape(_Sentence())
        modality = "asserted"
        # Hedged ("selon…", "according to…"), except the shapes that already name a source.
        if roll < 0.16 and shape not in (self.attribution, self.statistic):
            modality = "hedged"
            source = self.organisation()
            lead = _Sentence().add("Selon " if self.lang == "fr" else "According to ")
            lead.add(source, "ORG").add(", ")
            offset = lead.length
            lead.parts.extend(s.parts)
            lead.entities.extend({**e, "start": e["start"] + offset, "end": e["end"] + offset}
                                 for e in s.entities)
            lead.length += s.length
            s = lead
        elif roll < 0.2:
            s.add(" ?")
            return s, DeskClaim(0, s.length, "", "", [], ctype, modality="question")
        s.add(".")
        return s, DeskClaim(0, s.length, "", "", [], ctype, modality=modality)


def _take_up(rng, claim_sentence):
    """Another outlet's version of a story's sentence: the same words, or another number."""
    text = claim_sentence
    if rng.random() < 0.3:
        digits = [i for i, ch in enumerate(text) if ch.isdigit()]
        if digits:
            i = rng.choice(digits)
            text = text[:i] + str((int(text[i]) + rng.randint(1, 8)) % 10) + text[i + 1:]
    return text


def generate(claims, seed=1, until=None, names=None):
    """Articles (DeskArticle) holding `claims` claims in all, oldest first."""
    rng = random.Random(seed)
    names = names or build_names()
    until = until or datetime.now(timezone.utc).replace(microsecond=0)
    span = YEARS * 365 * 86400
    outlets = Zipf(range(len(names.outlets)), OUTLET_EXPONENT)
    lo, hi, mode = CLAIMS_PER_ARTICLE
    sizes = []
    while sum(sizes) < claims:
        sizes.append(min(int(rng.triangular(lo, hi + 1, mode)), hi))
    over, i = sum(sizes) - claims, len(sizes) - 1
    while over > 0 and i >= 0:  # take the excess from the last articles, keeping `lo` each
        cut = min(over, sizes[i] - min(lo, claims))
        sizes[i] -= cut
        over -= cut
        i -= 1
    times = sorted(until - timedelta(seconds=rng.randrange(span)) for _ in sizes)
    # Recent stories other outlets may take up: (time, language, outlet, sentence, claim with
    # offsets in the sentence, story id).
    stories, next_story, hashes = [], 1, set()
    for size, published in zip(sizes, times):
        outlet = outlets.draw(rng)
        lang = names.outlets[outlet][1]
        writer = _Writer(rng, names, lang, published)
        body, found, new_stories = [], [], []
        recent = [st for st in stories if st[1] == lang and st[2] != outlet
                  and (published - st[0]).days < 5]
        position = 0
        for n in range(size):
            if recent and rng.random() < TAKEN_UP:
                _t, _l, _o, sentence, original, story = recent.pop(rng.randrange(len(recent)))
                text = _take_up(rng, sentence)
                claim = replace(original, entities=[dict(e) for e in original.entities],
                                story=story, repeats=1, contradicted=text != sentence)
            else:
                built, claim = writer.claim()
                sentence = text = built.text()
                claim.entities = built.entities
                if rng.random() < STORIES:
                    claim.story = next_story
                    new_stories.append((published, lang, outlet, sentence,
                                        replace(claim, entities=[dict(e) for e in claim.entities]),
                                        next_story))
                    next_story += 1
            separator = "" if n == 0 else ("\n\n" if rng.random() < 0.3 else " ")
            if n and rng.random() < 0.25:
                filler = rng.choice(vocab.FILLERS[lang])
                body.append(separator + filler)
                position += len(separator) + len(filler)
                separator = " "
            body.append(separator)
            position += len(separator)
            claim.start += position
            claim.end += position
            for entity in claim.entities:
                entity["start"] += position
                entity["end"] += position
            claim.sentence = text
            body.append(text)
            position += len(text)
            claim.score = round(rng.uniform(0.3, 0.97), 3)
            found.append(claim)
        article = DeskArticle(outlet, lang, "", "".join(body), published, found)
        for claim in found:
            claim.text = article.body[claim.start:claim.end]
        first = found[0].text.split()
        article.title = " ".join(first[:9]).rstrip(",.;:") + ("…" if len(first) > 9 else "")
        if article.content_hash in hashes:
            continue
        hashes.add(article.content_hash)
        stories = [st for st in stories if (published - st[0]).days < 5] + new_stories
        yield article
