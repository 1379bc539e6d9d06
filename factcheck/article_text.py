"""What makes a text acceptable as an article, wherever it comes from (the desk's form, an upload,
the admin, `ingest`): decoded, visible, not binary, within the size limit, not already on the desk.

Each check raises a ValidationError whose message says what to do about it.
"""

import codecs
import datetime
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from factcheck.models import Article
from factcheck.models.article import content_hash

# Byte-order marks of the encodings editors' tools save text in (Windows' Notepad: UTF-16 LE).
# UTF-32's marks start with UTF-16's: they come first.
BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]

# Lengths the forms state and enforce (the model's columns allow as much).
TITLE_MAX_LENGTH = 500
URL_MAX_LENGTH = 1000
OUTLET_MAX_LENGTH = 200


# Publication dates the database stores and gives back in any time zone (year 1 in Paris is
# year 0 in UTC, which PostgreSQL stores and then cannot return to Python).
EARLIEST_PUBLISHED = datetime.date(1800, 1, 1)
LATEST_PUBLISHED = datetime.date(2999, 12, 31)


def check_published(moment):
    """`moment` (a datetime or None) if it is a publication date the desk can keep, in UTC.

    An ISO 8601 offset may be anything a client sends; PostgreSQL refuses those past ±15:59,
    so the moment is brought to UTC here."""
    if moment is None:
        return None
    if not EARLIEST_PUBLISHED <= moment.date() <= LATEST_PUBLISHED:
        raise ValidationError(
            _("Give a publication date between %(first)s and %(last)s."), code="out_of_range",
            params={"first": date_format(EARLIEST_PUBLISHED), "last": date_format(LATEST_PUBLISHED)},
        )
    return moment.astimezone(datetime.timezone.utc) if moment.tzinfo else moment


def max_bytes():
    return settings.FACTCHECK_MAX_ARTICLE_BYTES


def decode(data: bytes) -> str:
    """The text of a file's bytes: UTF-8, or UTF-16/UTF-32 announced by a byte-order mark."""
    encoding = next((name for bom, name in BOMS if data.startswith(bom)), "utf-8")
    if encoding == "utf-8" and b"\x00" in data:
        raise ValidationError(
            _("This file is not text (it looks binary). Upload a plain-text file."), code="binary")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding.startswith("utf-16") or encoding.startswith("utf-32"):
            raise ValidationError(
                _("This file starts as %(encoding)s text but is not (invalid byte at position "
                  "%(pos)s). Save it as UTF-8 and upload it again."),
                code="encoding", params={"encoding": encoding.upper(), "pos": exc.start},
            ) from exc
        raise ValidationError(
            _("This file is not UTF-8 text (invalid byte at position %(pos)s). Save it as UTF-8 "
              "and upload it again."),
            code="encoding", params={"pos": exc.start},
        ) from exc
    if "\x00" in text:
        raise ValidationError(
            _("This file is not text (it looks binary). Upload a plain-text file."), code="binary")
    return text


def is_visible(char):
    """False for blank space, control and format characters (zero-width spaces, joiners, BOMs)."""
    return not char.isspace() and unicodedata.category(char) not in ("Cc", "Cf", "Cs", "Co", "Cn")


def check_size(size):
    """`size` in bytes; the message gives how much over, since both round to the same MB."""
    limit = max_bytes()
    if size > limit:
        raise ValidationError(
            _("The article is %(size)s, %(over)s over the limit of %(limit)s: shorten it or "
              "split it in parts."),
            code="too_large",
            params={"size": filesizeformat(size), "over": filesizeformat(size - limit),
                    "limit": filesizeformat(limit)},
        )


def clean_body(text: str) -> str:
    """The article text as stored (line endings normalised, stripped), or a ValidationError."""
    if "\x00" in text:
        raise ValidationError(
            _("The text contains a NUL character, which text never does: it was probably copied "
              "from a binary file. Paste the article's text again."),
            code="binary",
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise ValidationError(_("Paste the article text or upload a file: it is empty."), code="empty")
    if not any(is_visible(char) for char in text):
        raise ValidationError(
            _("The text has no visible characters (only invisible ones such as zero-width spaces)."),
            code="invisible",
        )
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError:
        raise ValidationError(_("The text contains characters that are not valid Unicode: paste "
                                "it again from its source."), code="encoding") from None
    check_size(size)
    return text


def duplicate_of(text: str, exclude_pk=None):
    """The article already on the desk with the same text (whitespace aside), or None."""
    found = Article.objects.filter(content_hash=content_hash(text))
    if exclude_pk is not None:
        found = found.exclude(pk=exclude_pk)
    return found.only("pk", "title", "submitted_by").first()
