"""When did it happen: dates in news text, resolved against the publication date.

Strike reports rarely print a full date. They say "on Sunday", "late on
Friday", "10 days ago", "last month", "in recent days", and leave the reader
to count back from the dateline. This module finds those expressions and
turns each into a :class:`DateRef`: a calendar date, a precision (``day``,
``week``, ``month`` or ``year``, the ACLED ``time_precision`` levels plus
year) and the character span it was read from.

Three kinds of expression are read:

absolute
    "2024-04-19", "July 19, 2024", "19 July", "Dec. 3", "December 3rd",
    "April 2024", "in 2019". A missing year is the latest one that does not put
    the date after the publication (a day of slack allows for time zones).
named months
    "in January", "last January", "since March": the most recent such month
    not after publication ("last January" in a January article is a year back).
relative
    weekdays ("Sunday", "last Friday": the latest such day on or before the
    publication, strictly before for "last"), "today", "yesterday",
    "last night" and "overnight" (the day before: a night reported in the
    morning began the evening before), "N days/weeks/months ago",
    "last week", "over the weekend", "this month", "last year", "in recent days".

Imprecise phrases get the precision they deserve: "ten days ago" is week
precision (only exact counts of one to three days stay at day precision),
"last month" month precision. A relative date can never be more precise than
the publication date it hangs from: with a publication known only to the
month, "yesterday" is anchored at the middle of that month and reported at
month precision, so it lands in the publication month rather than the one
before. Absolute dates keep their own precision.

:func:`find_dates` returns every expression; :func:`resolve_date` picks the one
most likely to date the event a sentence reports.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from geostrikes.extraction.numbers import NUMBER_WORDS, parse_number

__all__ = ["PRECISIONS", "DateRef", "find_dates", "resolve_date"]

#: Precisions from finest to coarsest.
PRECISIONS = ("day", "week", "month", "year")
_RANK = {p: i for i, p in enumerate(PRECISIONS)}


@dataclass(frozen=True, slots=True)
class DateRef:
    """A date expression found in text and resolved to the calendar.

    Parameters
    ----------
    date : datetime.date
        The resolved date; for ``month`` and ``year`` precision, the first day
        of the period (relative dates) or the stated day (absolute ones).
    precision : str
        ``day``, ``week``, ``month`` or ``year``.
    start, end : int
        Character span of the expression in the text that was searched.
    text : str
        The expression itself, ``text[start:end]``.

    Examples
    --------
    >>> ref = DateRef(dt.date(2024, 3, 3), "day", 7, 13, "Sunday")
    >>> ref.date.isoformat(), ref.precision
    ('2024-03-03', 'day')
    """

    date: dt.date
    precision: str
    start: int
    end: int
    text: str


_MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
_WEEKDAYS = {
    d: i
    for i, d in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
}

# The expressions are matched in lower case against a lower-cased copy of the
# text, where Python's engine can skip alternatives by their first letter;
# month and weekday names must then be capitalised in the original text
# (see _CAPITALISED): "may", "march" and "sun" are ordinary words.
_MONTH_FULL = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
)
_MONTH_ANY = rf"(?:{_MONTH_FULL}|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
_YEAR = r"(?:19|20)\d\d(?![\d\w])"
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_COUNT_WORDS = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_COUNT = (
    rf"(?:\d{{1,3}}(?![\d,])|(?:{_TENS})[\s-](?:one|two|three|four|five|six|seven|eight|nine)"
    rf"|{_COUNT_WORDS}|an?|a\s+few|few|several|a\s+couple(?:\s+of)?)"
)
_PERIOD_CUE = r"(?:in|during|since|until|till|by|from|through|throughout|of|before|after|on)"

_DATE_RE = re.compile(
    rf"""
    (?<!\w)  # every expression starts a word; testing this first skips the rest of a word
    (?:(?P<iso>(?<![\d-])(?P<iso_y>(?:19|20)\d\d)-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>0[1-9]|[12]\d|3[01])(?![\d-]))
    |(?P<mdy>(?<!\w)(?P<mdy_m>{_MONTH_ANY})\s+(?P<mdy_d>{_DAY})(?:,?\s+(?P<mdy_y>{_YEAR}))?)
    |(?P<dmy>(?<![\w,.])(?P<dmy_d>{_DAY})\s+(?:of\s+)?(?P<dmy_m>{_MONTH_ANY})(?!\w)(?:,?\s+(?P<dmy_y>{_YEAR}))?)
    |(?P<my>(?<!\w)(?P<my_m>{_MONTH_ANY})\s+(?:of\s+)?(?P<my_y>{_YEAR}))
    |(?P<rm>(?P<rm_mod>(?:last|this|next|earlier\s+this|later\s+this))\s+(?P<rm_m>{_MONTH_FULL})(?!\w|\s*\.?\s*\d))
    |(?P<cm>(?:\b{_PERIOD_CUE}\s+(?:(?:early|late|mid)[\s-]+)?|\b(?:early|late|mid)[\s-]+)
        (?P<cm_m>{_MONTH_FULL})(?!\w|\s*\.?\s*\d))
    |(?P<yr>(?:\b{_PERIOD_CUE}\s+(?:(?:early|late|mid)[\s-]+)?|\bmid-)(?P<yr_y>{_YEAR})(?!\s*(?:-|–|to)\s*\d))
    |(?P<wd>(?:(?P<wd_mod>(?:this\s+past|past|last|next|this))\s+)?(?P<wd_d>{_WEEKDAY})(?!\w|\s+(?:times|telegraph|express|mirror|post|herald|observer|independent)))
    |(?P<ago>(?:\b(?P<ago_n>{_COUNT})\s+(?P<ago_u>day|week|month|year)s?\s+ago\b))
    |(?P<rel>(?:\b(?:
        (?P<r_m2>the\s+day\s+before\s+yesterday)
        |(?P<r_m1>yesterday|last\s+night|last\s+evening|overnight)
        |(?P<r_0>(?:earlier\s+|later\s+)?today|this\s+(?:morning|afternoon|evening)|tonight)
        |(?P<r_h>(?:in|over|during|within)\s+the\s+(?:last|past|previous)\s+(?P<r_hn>{_COUNT})\s+hours)
        |(?P<r_wk1>last\s+week|the\s+(?:previous|past|last)\s+week)
        |(?P<r_wk0>(?:earlier\s+|later\s+)?this\s+week
            |(?:in|over|during)\s+(?:the\s+)?(?:recent|last|past|previous)\s+(?:(?:few|several|couple\s+of|{_COUNT})\s+)?days)
        |(?P<r_we>(?:over\s+the|this\s+past|(?P<r_we_last>last))\s+weekend)
        |(?P<r_mo0>(?:earlier\s+|later\s+)?this\s+month
            |(?:in|over|during)\s+(?:the\s+)?(?:recent|last|past|previous)\s+(?:(?:few|several|couple\s+of|{_COUNT})\s+)?weeks)
        |(?P<r_mo1>last\s+month|the\s+(?:previous|past|last)\s+month)
        |(?P<r_yr0>(?:earlier\s+|later\s+)?this\s+year)
        |(?P<r_yr1>last\s+year|the\s+(?:previous|past|last)\s+year)
    )\b)))
    """,
    re.VERBOSE,
)

# Every date expression contains one of these, at most _REACH characters
# from its start or end. Finding them is much cheaper than trying the full
# expression at every word, and most sentences contain none.
_ANCHOR_RE = re.compile(
    r"(?<!\w)(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|"
    r"today|yesterday|tonight|overnight|ago|days?|week|month|year|night|evening|morning|"
    r"afternoon|hours)"
)
_CAPITALISED = ("mdy_m", "dmy_m", "my_m", "rm_m", "cm_m", "wd_d")
_REACH = 48

# A date introduced by these bounds a period ("since April") rather than
# dating the event.
_RANGE_BEFORE_RE = re.compile(
    r"\b(?:since|until|till|before|after|by|from|prior\s+to|through|between|beginning)\s+"
    r"(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?$",
    re.IGNORECASE,
)
# A date attached to a reporting verb dates the report, not the event:
# "officials said on Dec. 3", "told Reuters on Monday", "said in a statement on Sunday".
_SPEECH_BEFORE_RE = re.compile(
    r"\b(?:said|says|told(?:\s+(?:reporters|journalists|[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?))?|"
    r"announced|stated|added|wrote|posted|tweeted|reported|confirmed|claimed|denied|declared)"
    r"(?:\s+(?:in\s+an?\s+(?:statement|post|interview|briefing|video)|at\s+an?\s+"
    r"(?:briefing|news\s+conference|press\s+conference)|late|early|on))*\s+$"
)
_SPEECH_AFTER_RE = re.compile(
    r"\s*,?\s*(?:said|told|announced|stated|declared|confirmed|denied|claimed)\b"
)
_VAGUE_COUNT_RE = re.compile(r"few|several|couple", re.IGNORECASE)
_CONTEXT = 80


def _lower(text: str) -> str:
    """Lower-case ``text`` without changing any character offset."""
    low = text.lower()
    if len(low) == len(text):
        return low
    # A few characters lower-case to two ("İ"): keep those as they are.
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _month_start(d: dt.date, shift: int = 0) -> dt.date:
    """First day of ``d``'s month moved by ``shift`` months."""
    index = d.year * 12 + d.month - 1 + shift
    return dt.date(index // 12, index % 12 + 1, 1)


def _period(published: dt.date, precision: str) -> tuple[dt.date, dt.date]:
    """First and last day the publication date may stand for."""
    if precision == "year":
        return dt.date(published.year, 1, 1), dt.date(published.year, 12, 31)
    if precision == "month":
        first = _month_start(published)
        return first, _month_start(published, 1) - dt.timedelta(days=1)
    if precision == "week":
        return published, published + dt.timedelta(days=6)
    return published, published


def _coarsen(date: dt.date, own: str, floor: str) -> tuple[dt.date, str]:
    """Lower ``own`` precision to ``floor`` when coarser, truncating the date."""
    precision = own if _RANK[own] >= _RANK[floor] else floor
    if precision == "month":
        return _month_start(date), precision
    if precision == "year":
        return dt.date(date.year, 1, 1), precision
    return date, precision


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:  # "February 30", "31 April"
        return None


def _infer_year(month: int, day: int, bound: dt.date) -> dt.date | None:
    """Latest ``month``/``day`` not after ``bound`` (plus a day for time zones)."""
    for year in (bound.year + 1, bound.year, bound.year - 1, bound.year - 2):
        candidate = _safe_date(year, month, day)
        if candidate is not None and candidate <= bound + dt.timedelta(days=1):
            return candidate
    return None


def _month_value(name: str) -> int:
    return _MONTHS[name.lower().rstrip(".")]


def _count_value(text: str) -> tuple[int, bool] | None:
    """Value of a count before "days ago", and whether it is exact."""
    low = text.lower()
    if low in ("a", "an"):
        return 1, True
    if _VAGUE_COUNT_RE.search(low):
        return parse_number(low if low != "few" else "a few") or 3, False
    value = parse_number(low)
    return (value, True) if value is not None else None


def _resolve(
    m: re.Match[str], anchor: dt.date | None, bound: dt.date | None, floor: str
) -> tuple[dt.date, str, int] | None:
    """Date, precision and span start of one match; ``None`` if unresolvable."""
    kind = m.lastgroup
    start = m.start(kind)

    if kind == "iso":
        date = _safe_date(int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"]))
        return None if date is None else (date, "day", start)
    if kind in ("mdy", "dmy"):
        month, day = _month_value(m[kind + "_m"]), int(m[kind + "_d"].rstrip("stndrh"))
        if m[kind + "_y"]:
            date = _safe_date(int(m[kind + "_y"]), month, day)
        elif bound is not None:
            date = _infer_year(month, day, bound)
        else:
            return None
        return None if date is None else (date, "day", start)
    if kind == "my":
        return dt.date(int(m["my_y"]), _month_value(m["my_m"]), 1), "month", start
    if kind == "yr":
        return dt.date(int(m["yr_y"]), 1, 1), "year", m.start("yr_y")

    if anchor is None or bound is None:
        return None  # everything below counts from the publication date

    if kind in ("rm", "cm"):
        month = _month_value(m[kind + "_m"])
        mod = (m["rm_mod"] or "").lower().split()[-1] if kind == "rm" else ""
        if mod == "next":
            year = bound.year if month > bound.month else bound.year + 1
        elif mod == "last":
            year = bound.year if month < bound.month else bound.year - 1
        else:
            year = bound.year if month <= bound.month else bound.year - 1
        return dt.date(year, month, 1), "month", start if kind == "rm" else m.start("cm_m")

    if kind == "wd":
        target = _WEEKDAYS[m["wd_d"].lower()]
        mod = " ".join((m["wd_mod"] or "").lower().split())
        if mod in ("next", "this"):
            delta = -((target - anchor.weekday()) % 7)
        else:
            delta = (anchor.weekday() - target) % 7
            if mod == "last" and delta == 0:
                delta = 7
        date, precision = _coarsen(anchor - dt.timedelta(days=delta), "day", floor)
        return date, precision, start

    if kind == "ago":
        counted = _count_value(" ".join(m["ago_n"].split()))
        if counted is None:
            return None
        n, exact = counted
        unit = m["ago_u"].lower()
        if unit == "day":
            own = "day" if exact and n <= 3 else "week"
            date = anchor - dt.timedelta(days=n)
        elif unit == "week":
            own, date = "week", anchor - dt.timedelta(weeks=n)
        elif unit == "month":
            own, date = "month", _month_start(anchor, -n)
        else:
            own, date = "year", dt.date(anchor.year - n, 1, 1)
        date, precision = _coarsen(date, own, floor)
        return date, precision, start

    # kind == "rel"
    if m["r_m2"]:
        date, own = anchor - dt.timedelta(days=2), "day"
    elif m["r_m1"]:
        date, own = anchor - dt.timedelta(days=1), "day"
    elif m["r_0"]:
        date, own = anchor, "day"
    elif m["r_h"]:
        counted = _count_value(" ".join(m["r_hn"].split()))
        date, own = anchor, "day" if counted is not None and counted[0] <= 24 else "week"
    elif m["r_wk1"]:
        date, own = anchor - dt.timedelta(days=7), "week"
    elif m["r_we"]:
        # The latest Saturday, or the one before when "last weekend" is said on a weekend.
        delta = (anchor.weekday() - 5) % 7 + (7 if m["r_we_last"] and anchor.weekday() >= 5 else 0)
        date, own = anchor - dt.timedelta(days=delta), "week"
    elif m["r_wk0"]:
        date, own = anchor, "week"
    elif m["r_mo0"]:
        date, own = anchor, "month"
    elif m["r_mo1"]:
        date, own = _month_start(anchor, -1), "month"
    elif m["r_yr0"]:
        date, own = anchor, "year"
    else:
        date, own = dt.date(anchor.year - 1, 1, 1), "year"
    date, precision = _coarsen(date, own, floor)
    return date, precision, start


def _iter_dates(
    text: str, published: dt.date | None, published_precision: str | None
) -> list[DateRef]:
    floor = published_precision or "day"
    if floor not in _RANK:
        raise ValueError(
            f"published_precision must be one of {', '.join(PRECISIONS)}, not {floor!r}"
        )
    anchor = bound = None
    if published is not None:
        first, bound = _period(published, floor)
        # The middle of an imprecise publication period keeps "yesterday"
        # inside that period instead of pushing it into the previous one.
        anchor = first + (bound - first) // 2
    refs = []
    low = _lower(text)
    pos = 0
    while (cue := _ANCHOR_RE.search(low, pos)) is not None:
        m = _DATE_RE.search(low, max(pos, cue.start() - _REACH), min(len(low), cue.end() + _REACH))
        if m is None or m.start() > cue.end():
            pos = cue.end()  # nothing here; a later match is found from its own anchor
            continue
        if any(m[g] and not text[m.start(g)].isupper() for g in _CAPITALISED):
            pos = m.start() + 1
            continue
        pos = m.end()
        resolved = _resolve(m, anchor, bound, floor)
        if resolved is not None:
            date, precision, start = resolved
            refs.append(DateRef(date, precision, start, pos, text[start:pos]))
    return refs


def find_dates(
    text: str, published: dt.date | None, published_precision: str | None = "day"
) -> list[DateRef]:
    """Find and resolve every date expression in ``text``.

    Parameters
    ----------
    text : str
        A sentence or a whole article.
    published : datetime.date, optional
        Publication date. Without it only dates that state their year are
        returned.
    published_precision : str, optional
        How much of ``published`` is known: ``day`` (default, also assumed
        for ``None``), ``week``, ``month`` or ``year``. Relative dates are
        never more precise than this.

    Returns
    -------
    list of DateRef
        In text order, without overlaps.

    Raises
    ------
    ValueError
        If ``published_precision`` is not one of the precisions.

    Examples
    --------
    >>> pub = dt.date(2024, 3, 6)  # a Wednesday
    >>> for ref in find_dates("Strikes on Sunday followed raids ten days ago and in January.", pub):
    ...     print(ref.text, ref.date, ref.precision)
    Sunday 2024-03-03 day
    ten days ago 2024-02-25 week
    January 2024-01-01 month
    """
    return _iter_dates(text, published, published_precision)


_REPORT, _BOUND = 1, 2


def _penalty(text: str, ref: DateRef) -> int:
    """``_BOUND`` for a period bound ("since April"), ``_REPORT`` for a report date, else 0."""
    before = text[max(0, ref.start - _CONTEXT) : ref.start]
    if _RANGE_BEFORE_RE.search(before):
        return _BOUND
    if _SPEECH_BEFORE_RE.search(before) or _SPEECH_AFTER_RE.match(text, ref.end):
        return _REPORT
    return 0


def resolve_date(
    text: str, published: dt.date | None, published_precision: str | None = "day"
) -> DateRef | None:
    """Pick the date most likely to date the event ``text`` reports.

    Dates after the publication (a day of slack for time zones) and dates
    that bound a period ("since April", "until 2016") are dropped: neither
    dates an event the text reports. A date attached to a reporting verb
    ("officials said on Dec. 3") dates the report, so it is chosen only when
    nothing else is left. Among equals the most precise wins, then the first.

    Parameters
    ----------
    text : str
        Usually one sentence.
    published : datetime.date, optional
        Publication date.
    published_precision : str, optional
        ``day`` (default), ``week``, ``month`` or ``year``.

    Returns
    -------
    DateRef or None
        ``None`` when the text holds no resolvable date.

    Examples
    --------
    >>> pub = dt.date(2024, 3, 6)  # a Wednesday
    >>> resolve_date("The army said on Monday that the raid took place late on Saturday.", pub)
    DateRef(date=datetime.date(2024, 3, 2), precision='day', start=57, end=65, text='Saturday')
    >>> resolve_date("Yesterday's strike", dt.date(2024, 3, 1), "month").precision
    'month'
    >>> resolve_date("No date here.", pub) is None
    True
    """
    refs = _iter_dates(text, published, published_precision)
    if published is not None:
        limit = _period(published, published_precision or "day")[1] + dt.timedelta(days=1)
        refs = [r for r in refs if r.date <= limit]
    ranked = [(_penalty(text, r), _RANK[r.precision], r.start, r) for r in refs]
    ranked = [item for item in ranked if item[0] < _BOUND]
    return min(ranked, key=lambda item: item[:3])[3] if ranked else None
