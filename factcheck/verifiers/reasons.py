"""Evidence reasons as codes and params, rendered in the reader's language when a page is drawn.

A verifier stores `reason_data(code, **params)` in its finding's `data`; dates are ISO strings,
shown with their year in the active language. The stance judge's own codes (different place,
the evidence denies it…) are rendered by factcheck.verifiers.stance.reasons."""

import datetime

from django.utils import formats, translation
from django.utils.translation import gettext_noop

from .stance import reasons as stance_reasons

TEMPLATES = {
    "fact_matches": gettext_noop(
        "Matches the reference fact valid on %(day)s: %(fact)s (%(period)s)"),
    "fact_changed": gettext_noop(
        "On %(day)s the reference fact said otherwise: %(fact)s (%(period)s); %(claimed)s "
        "held %(claimed_period)s"),
    "fact_figure": gettext_noop(
        "Differs from the reference fact valid on %(day)s: %(fact)s (%(period)s)"),
    "checked_before_confirmed": gettext_noop("The same claim was confirmed on %(day)s"),
    "checked_before_disputed": gettext_noop("The same claim was disputed on %(day)s"),
    "checked_before_unverifiable": gettext_noop(
        "The same claim was found unverifiable on %(day)s"),
    "opposite_confirmed": gettext_noop(
        "The opposite claim was confirmed on %(day)s: this one is likely false"),
    "opposite_disputed": gettext_noop(
        "The opposite claim was disputed on %(day)s: this one may be true"),
    "opposite_unverifiable": gettext_noop(
        "The opposite claim was found unverifiable on %(day)s"),
    "hedged": gettext_noop("Hedged wording: the claim is reported, not asserted"),
    "anonymous": gettext_noop("Anonymous or vague sourcing (“%(words)s”)"),
    "superlative": gettext_noop("Superlative (“%(words)s”): needs a source"),
    "unattributed_figure": gettext_noop("Figure given without a source"),
    "period_between": gettext_noop("from %(start)s to %(end)s"),
    "period_since": gettext_noop("since %(start)s"),
    "period_until": gettext_noop("until %(end)s"),
    "period_always": gettext_noop("no period given"),
}
# Params holding ISO dates, shown as dates with their year.
DATE_PARAMS = {"day", "start", "end"}


def reason_data(code, **params):
    """What a finding stores for its reason."""
    return {"reason": code, "params": {k: _plain(v) for k, v in params.items()}}


def _plain(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def show_date(value):
    """'20 November 2023' / '20 novembre 2023' in the active language."""
    try:
        day = datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    return formats.date_format(day, "DATE_FORMAT")


def period(valid_from, valid_to):
    """A reference fact's period as params for `render_period` (ISO dates or None)."""
    return {"start": _plain(valid_from), "end": _plain(valid_to)}


def render_period(params):
    start, end = params.get("start"), params.get("end")
    if start and end:
        code = "period_between"
    elif start:
        code = "period_since"
    elif end:
        code = "period_until"
    else:
        code = "period_always"
    return render_code(code, {k: v for k, v in params.items() if v})


def render_code(code, params):
    if code in stance_reasons.TEMPLATES:
        return stance_reasons.render(code, params)
    shown = {}
    for key, value in (params or {}).items():
        if key in DATE_PARAMS and value:
            shown[key] = show_date(value)
        elif isinstance(value, dict):
            shown[key] = render_period(value)
        else:
            shown[key] = value
    message = translation.gettext(TEMPLATES[code])
    return message % shown if shown else message


def render(data, fallback="", lang=None):
    """The reason stored in an evidence's `data`, in `lang` (default: the active language);
    `fallback` (the stored explanation) when it holds none or an unknown code."""
    code = (data or {}).get("reason")
    if code not in TEMPLATES and code not in stance_reasons.TEMPLATES:
        return fallback
    with translation.override(lang or translation.get_language()):
        try:
            return render_code(code, data.get("params") or {})
        except (KeyError, TypeError, ValueError):
            return fallback


def render_entry(entry, lang=None):
    """One of a claim's suggestion reasons (suggestion.reason_entry; a plain string on claims
    verified before reasons were stored as codes) in `lang` (default: the active language)."""
    if isinstance(entry, dict):
        return render(entry, entry.get("text", ""), lang)
    return str(entry)


def code_of(entry):
    """The reason code of a suggestion reason or an evidence's data, or None."""
    return entry.get("reason") if isinstance(entry, dict) else None
