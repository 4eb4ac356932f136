"""Redaction: take an applicant's own identifiers out of their evidence before the panel reads it.

`redact(text, ids)` finds, in a statement or an answer:
- the applicant's names from their personal details: the full name in its usual written forms
  ("Jane Smith", "Smith, Jane", "J. Smith") in any case, and each name on its own (each part of
  a double-barrelled surname too) when written with a capital, whole words only, so "Ann" does
  not hit "Annual" and "will" is not Will;
- e-mail addresses (theirs and any other), UK phone numbers however they are spaced, UK
  postcodes and National Insurance numbers;
- links in every form a browser or a markdown reader follows: any `scheme://` address,
  `www.` and protocol-relative (`//host/...`) ones, `mailto:`, `tel:`, `javascript:` and
  `data:` URIs, `<...>` autolinks, markdown links and images (`[text](...)`, `![alt](...)`) and
  reference definitions (`[1]: http://...`), and bare addresses with a path on a common
  domain (`linkedin.com/in/...`);
- the date of birth in any common form, and any date written after "born on", "date of
  birth" or "DOB";
- any further terms HR adds (`extra`), while terms HR marks as not identifying (`keep`) stay.

Text written with HTML character references (`https&#58;//`, `&#74;ane`) is read decoded as
well, and a match there removes the whole encoded run it came from. Each match becomes a
placeholder such as "[name removed]"; the result lists what was removed (kind, text, position
in the original) for HR to review. Everything else is left as written.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

PLACEHOLDERS = {
    "name": "[name removed]",
    "email": "[email removed]",
    "phone": "[phone number removed]",
    "postcode": "[postcode removed]",
    "date of birth": "[date of birth removed]",
    "national insurance number": "[NI number removed]",
    "url": "[link removed]",
    "term": "[removed]",
}
# Longer kinds win a tie between overlapping matches of the same length
PRIORITY = {
    "email": 0,
    "url": 1,
    "date of birth": 2,
    "phone": 3,
    "national insurance number": 4,
    "postcode": 5,
    "term": 6,
    "name": 7,
}

EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\[\]]+[^\s<>()\[\].,;:!?'\"]", re.IGNORECASE)
# The other forms of a link (see `_links`). A link's characters, and the ones it cannot end on
URL_CHARS = r"[^\s<>()\[\]\"']"
URL_LAST = r"[^\s<>()\[\]\"'.,;:!?]"
LABEL = r"[^\W_](?:[\w-]{0,61}[^\W_])?"
IPV4 = r"\d{1,3}(?:\.\d{1,3}){3}"
# Top-level domains a bare address (no scheme, no //) is recognised on; others are prose
# ("B.Sc/BA", "Node.js/React") far more often than addresses
COMMON_TLDS = (
    "com|org|net|uk|io|co|me|info|biz|dev|app|ai|gov|edu|eu|ie|us|ca|au|nz|de|fr|es|nl|ch|se|"
    "dk|pl|pt|ly|gl|gg|be|tv|fm|xyz|site|online|page|link|blog|tech|cloud|digital|social|email|"
    "work|jobs|careers|cv|website|space|design|studio|wales|scot|london|cymru|name|pro|live|one"
)
OPAQUE_SCHEMES = ("mailto:", "javascript:", "vbscript:", "data:", "tel:", "sms:", "callto:")
SCHEMED = re.compile(
    r"\b(?:[a-z][a-z0-9+.-]{0,30}:[/\\]{2}"
    r"|(?:mailto|(?:java|vb)script):(?=\S)|data:(?=[a-z]+/|[,;])|(?:tel|sms|callto):(?=[+\d]))"
    rf"(?:\S*{URL_LAST})?",
    re.IGNORECASE,
)
PROTOCOL_RELATIVE = re.compile(
    rf"[/\\]{{2}}(?:(?:{LABEL}\.)+[a-z]{{2,63}}|{IPV4}|localhost)(?![\w-])"
    rf"(?::\d{{1,5}})?(?:[/\\?#](?:{URL_CHARS}*{URL_LAST})?)?",
    re.IGNORECASE,
)
BARE = re.compile(
    rf"(?<![\w@.\-/\\])(?P<host>(?:{LABEL}\.)+(?:{COMMON_TLDS})(?![\w-])|{IPV4})"
    rf"(?::\d{{1,5}})?[/\\](?:{URL_CHARS}*{URL_LAST})?",
    re.IGNORECASE,
)
ANGLE = re.compile(r"<\s*(?:[a-z][a-z0-9+.-]{0,30}:|[/\\]{2}|www\.)[^<>\s]*>", re.IGNORECASE)
# [text](target) and ![alt](target), one level of brackets in the target
MARKDOWN_LINK = re.compile(r"!?\[(?P<label>[^\[\]\n]*)\]\([^()\n]*(?:\([^()\n]*\)[^()\n]*)*\)")
# [label]: target "title", on a line of its own
REFERENCE = re.compile(r"^[ \t]{0,3}\[(?P<label>[^\[\]\n]+)\]:[ \t]*\S.*?(?=[ \t]*$)", re.MULTILINE)
ENTITY = re.compile(r"&(?:#[0-9]{1,8};?|#[xX][0-9a-fA-F]{1,8};?|[A-Za-z][A-Za-z0-9]{1,31};?)")
# UK phone numbers: +44 (0)... / +44 ... (12 digits) or 0... (11 digits), with spaces, hyphens,
# dots and brackets between the digits.
PHONE = re.compile(r"(?<![\w+])(?:\+44\s?(?:\(0\)\s?)?|\(?0)(?:[\s.\-()]{0,2}\d){9,10}(?![\w])")
POSTCODE = re.compile(
    r"\b(?:[A-Z]{1,2}[0-9][A-Z0-9]?|GIR)\s?[0-9][ABD-HJLNP-UW-Z]{2}\b", re.IGNORECASE
)
NI_NUMBER = re.compile(r"\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b", re.IGNORECASE)
MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
ANY_DATE = (
    r"(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS})\.?,?\s+\d{{4}}"
    rf"|(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
)
BORN = re.compile(
    rf"(?:\bborn(?:\s+on)?|\bdate\s+of\s+birth|\bd\.?o\.?b\.?)\s*[:\-]?\s*(?P<date>{ANY_DATE})",
    re.IGNORECASE,
)
DIGIT_RUN = re.compile(r"\d+")
DIGIT_REACH = 40
BORN_HINTS = ("born", "birth", "dob", "d.ob", "do.b", "d.o.b")
WORD_EDGE_START = r"(?<![\w'’])"
WORD_EDGE_END = r"(?![\w])"
APOSTROPHES = "'’"


@dataclass(frozen=True)
class Identifiers:
    first_name: str = ""
    last_name: str = ""
    email: str | None = None
    date_of_birth: date | None = None
    extra: tuple[str, ...] = ()  # further terms HR asks to redact
    keep: tuple[str, ...] = ()  # terms HR says are not identifying


@dataclass(frozen=True)
class Redaction:
    kind: str
    text: str  # the original matched text
    start: int  # offset in the original text
    end: int


@dataclass(frozen=True)
class Redacted:
    text: str
    redactions: tuple[Redaction, ...]


def placeholder(kind: str) -> str:
    return PLACEHOLDERS[kind]


def _name_part(part: str) -> str:
    """A regex for one name part: either apostrophe, any run of spaces."""
    out = []
    for ch in part:
        if ch in APOSTROPHES:
            out.append(f"[{APOSTROPHES}]")
        elif ch.isspace():
            out.append(r"\s+")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _name_pattern(first: str, last: str) -> re.Pattern[str] | None:
    """One pattern for the applicant's names, matched without regard to case; which matches
    count is decided by `_name_counts` (a name on its own only with a capital)."""
    first, last = " ".join(first.split()), " ".join(last.split())
    parts: list[str] = []
    if first and last:
        f, ln = _name_part(first), _name_part(last)
        initial = re.escape(first[0])
        parts += [
            rf"{f}\s+{ln}",
            rf"{ln},\s*{f}",
            rf"{initial}\.?\s+{ln}",
        ]
    words = {first, last}
    words |= set(first.split()) | set(last.split())
    for piece in re.split(r"[-\s]", last):
        if len(piece) >= 3:
            words.add(piece)
    singles = sorted((w for w in words if len(w) >= 2), key=len, reverse=True)
    alternatives = parts + [_name_part(w) for w in singles]
    if not alternatives:
        return None
    key = "\n".join(alternatives)
    cached = _NAME_PATTERNS.get(key)
    if cached is None:
        cached = re.compile(
            WORD_EDGE_START + "(?:" + "|".join(alternatives) + ")" + WORD_EDGE_END, re.IGNORECASE
        )
        if len(_NAME_PATTERNS) > 4096:
            _NAME_PATTERNS.clear()
        _NAME_PATTERNS[key] = cached
    return cached


_NAME_PATTERNS: dict[str, re.Pattern[str]] = {}


def _may_hold_a_name(lowered: str, first: str, last: str) -> bool:
    """Whether any part of the name occurs in the (lower-cased) text at all: every form the
    name pattern matches contains one, and most statements contain none, so the pattern need
    not be built for them."""
    flat = lowered.replace("’", "'")
    parts = re.split(r"[-\s]+", f"{first} {last}".lower().replace("’", "'"))
    return any(len(part) >= 2 and part in flat for part in parts)


def _name_counts(matched: str, given: Iterable[str]) -> bool:
    """A full form ("Jane Smith", "Smith, Jane", "J. Smith") counts in any case; a name on its
    own counts when written with a capital (or in capitals) or exactly as in the personal
    details, so that "will", "may" or "hope" in a sentence are not taken for Will, May or
    Hope."""
    return (
        any(c.isspace() or c == "," for c in matched) or matched[:1].isupper() or matched in given
    )


MONTH_NUMBERS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
# A date starts a word with a digit or a month's initial (the look-ahead keeps the scan fast)
DATE_LIKE = re.compile(r"(?<!\w)(?=[\dJFMASOND])" + ANY_DATE + r"(?!\d)", re.IGNORECASE)
NUMBERS = re.compile(r"\d+")
MONTH_WORD = re.compile(r"[A-Za-z]+")


def _is_date(written: str, born: date) -> bool:
    """Whether a date as written (2 March 1990, 02/03/90, 1990-03-02, March 2nd, 1990) is
    `born`; numeric dates are read day first, as in the UK."""
    numbers = [int(n) for n in NUMBERS.findall(written)]
    words = [w.lower() for w in MONTH_WORD.findall(written)]
    month = next((MONTH_NUMBERS[w] for w in words if w in MONTH_NUMBERS), None)
    if month is not None:
        day, year = numbers[0], numbers[-1]
    elif len(numbers) == 3 and len(NUMBERS.findall(written)[0]) == 4:
        year, month, day = numbers
    elif len(numbers) == 3:
        day, month, year = numbers
        if year < 100:
            return (day, month, year) == (born.day, born.month, born.year % 100)
    else:
        return False
    return (day, month, year) == (born.day, born.month, born.year)


def _terms_pattern(terms: Iterable[str]) -> re.Pattern[str] | None:
    cleaned = sorted({" ".join(t.split()) for t in terms if t and t.strip()}, key=len, reverse=True)
    if not cleaned:
        return None
    return re.compile(
        WORD_EDGE_START + "(?:" + "|".join(re.escape(t) for t in cleaned) + ")" + WORD_EDGE_END,
        re.IGNORECASE,
    )


def _digit_windows(text: str) -> list[tuple[int, int]]:
    """Stretches of the text around its digits, widened to whitespace: phone numbers,
    postcodes, NI numbers and dates all hold a digit and reach no further than
    `DIGIT_REACH` characters from one, so only these stretches need scanning for them."""
    windows: list[tuple[int, int]] = []
    for m in DIGIT_RUN.finditer(text):
        start, end = max(0, m.start() - DIGIT_REACH), m.end() + DIGIT_REACH
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    out = []
    for start, end in windows:
        before = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start))
        after = [i for i in (text.find(" ", end), text.find("\n", end)) if i >= 0]
        out.append((before + 1, min(after) if after else len(text)))
    return out


def _is_placeholder_label(label: str) -> bool:
    return f"[{label}]" in PLACEHOLDER_TEXTS


def _reference_counts(m: re.Match[str]) -> bool:
    """A reference definition counts as a link when its target is one."""
    target = m.group()[m.end("label") - m.start() + 2 :].split(maxsplit=1)[0]
    return any(p.match(target) for p in (URL, SCHEMED, PROTOCOL_RELATIVE, BARE, ANGLE))


def _links(text: str, lowered: str) -> list[Redaction]:
    """Every link in the text, in each form a browser or a markdown reader follows (each
    pattern is tried only when the text holds the character it needs)."""
    found: list[Redaction] = []

    def add(
        pattern: re.Pattern[str], counts: Callable[[re.Match[str]], bool] | None = None
    ) -> None:
        for m in pattern.finditer(text):
            if counts is None or counts(m):
                found.append(Redaction("url", m.group(), m.start(), m.end()))

    if "http" in lowered or "www." in lowered:
        add(URL)
    if ":/" in text or ":\\" in text or any(s in lowered for s in OPAQUE_SCHEMES):
        add(SCHEMED)
    if "//" in text or "\\\\" in text:
        add(PROTOCOL_RELATIVE)
    if "/" in text or "\\" in text:
        # an address in capitals ("ASP.NET/C#") is the name of a thing, not an address
        add(BARE, lambda m: not m.group("host").isupper())
    if "<" in text:
        add(ANGLE)
    if "](" in text:
        add(MARKDOWN_LINK, lambda m: not _is_placeholder_label(m.group("label")))
    if "]:" in text:
        add(
            REFERENCE,
            lambda m: not _is_placeholder_label(m.group("label")) and _reference_counts(m),
        )
    return found


def _matches(text: str, ids: Identifiers) -> list[Redaction]:
    found: list[Redaction] = []
    windows = _digit_windows(text)

    def add(
        kind: str,
        pattern: re.Pattern[str] | None,
        group: str | int = 0,
        within: list[tuple[int, int]] | None = None,
    ) -> None:
        if pattern is None:
            return
        for lo, hi in within or [(0, len(text))]:
            for m in pattern.finditer(text, lo, hi):
                start, end = m.span(group)
                if start < end:
                    found.append(Redaction(kind, text[start:end], start, end))

    # Cheap checks first: most statements hold no e-mail, link or "born on", and digits only
    # here and there
    lowered = text.lower()
    if "@" in text:
        add("email", EMAIL)
    if ids.email:
        wanted, at = ids.email.lower(), 0
        while (at := lowered.find(wanted, at)) >= 0:
            found.append(Redaction("email", text[at : at + len(wanted)], at, at + len(wanted)))
            at += len(wanted)
    found += _links(text, lowered)
    if windows and ids.date_of_birth is not None:
        born = ids.date_of_birth
        for lo, hi in windows:
            for m in DATE_LIKE.finditer(text, lo, hi):
                if _is_date(m.group(), born):
                    found.append(Redaction("date of birth", m.group(), m.start(), m.end()))
    if windows and any(hint in lowered for hint in BORN_HINTS):
        add("date of birth", BORN, "date")
    if windows:
        add("phone", PHONE, within=windows)
        add("national insurance number", NI_NUMBER, within=windows)
        add("postcode", POSTCODE, within=windows)
    add("term", _terms_pattern(ids.extra))
    names = (
        _name_pattern(ids.first_name, ids.last_name)
        if _may_hold_a_name(lowered, ids.first_name, ids.last_name)
        else None
    )
    if names is not None:
        for m in names.finditer(text):
            if _name_counts(m.group(), (ids.first_name, ids.last_name)):
                found.append(Redaction("name", m.group(), m.start(), m.end()))
    return found


def _phone_ok(text: str) -> bool:
    digits = re.sub(r"\D", "", text)
    if text.lstrip().startswith("+"):
        return len(digits) in (12, 13)  # +44 and ten digits, with or without the (0)
    return len(digits) == 11 and digits.startswith("0")


def redact(text: str, ids: Identifiers) -> Redacted:
    """`text` with the applicant's identifiers replaced by placeholders, and what was removed."""
    if not text:
        return Redacted(text, ())
    candidates = _candidates(text, ids)
    decoded = _decoded(text)
    if decoded is not None:  # what an HTML reader would show: its matches, mapped back
        plain, starts, ends = decoded
        for r in _candidates(plain, ids):
            start, end = starts[r.start], ends[r.end - 1]
            candidates.append(Redaction(r.kind, text[start:end], start, end))
    taken = _joined(text, candidates)
    pieces: list[str] = []
    at = 0
    for r in taken:
        pieces += [text[at : r.start], PLACEHOLDERS[r.kind]]
        at = r.end
    pieces.append(text[at:])
    return Redacted("".join(pieces), tuple(taken))


def _candidates(text: str, ids: Identifiers) -> list[Redaction]:
    keep = {" ".join(k.split()).lower() for k in ids.keep if k and k.strip()}
    return [
        r
        for r in _matches(text, ids)
        if r.text.lower() not in keep
        and not (r.kind == "phone" and not _phone_ok(r.text))
        and not _inside_placeholder(text, r)
    ]


def _joined(text: str, candidates: list[Redaction]) -> list[Redaction]:
    """Matches that overlap become one redaction of all they cover (no piece of either is left
    behind), of the kind of the longest (then by kind): a name inside an e-mail address is
    part of the e-mail."""
    groups: list[tuple[int, int, list[Redaction]]] = []  # start, end, the matches
    for r in sorted(candidates, key=lambda r: (r.start, -r.end)):
        if groups and r.start < groups[-1][1]:
            start, end, group = groups[-1]
            groups[-1] = (start, max(end, r.end), [*group, r])
        else:
            groups.append((r.start, r.end, [r]))
    taken = []
    for start, end, group in groups:
        best = min(group, key=lambda r: (-(r.end - r.start), PRIORITY[r.kind], r.start))
        taken.append(Redaction(best.kind, text[start:end], start, end))
    return taken


def _decoded(text: str) -> tuple[str, list[int], list[int]] | None:
    """The text with its HTML character references decoded, and for each character of that
    the span of the original it came from; None when there is nothing to decode."""
    if "&" not in text:
        return None
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    at = 0
    for m in ENTITY.finditer(text):
        value = html.unescape(m.group())
        if value == m.group():
            continue
        pieces.append(text[at : m.start()])
        starts += range(at, m.start())
        ends += range(at + 1, m.start() + 1)
        pieces.append(value)
        starts += [m.start()] * len(value)
        ends += [m.end()] * len(value)
        at = m.end()
    if not pieces:
        return None
    pieces.append(text[at:])
    starts += range(at, len(text))
    ends += range(at + 1, len(text) + 1)
    return "".join(pieces), starts, ends


PLACEHOLDER_TEXTS = frozenset(PLACEHOLDERS.values())
PLACEHOLDER_SPANS = re.compile("|".join(re.escape(p) for p in PLACEHOLDERS.values()))


def _inside_placeholder(text: str, r: Redaction) -> bool:
    """Placeholders are never redacted again (redacting twice changes nothing)."""
    for m in PLACEHOLDER_SPANS.finditer(text, max(0, r.start - 40), min(len(text), r.end + 40)):
        if m.start() <= r.start and r.end <= m.end():
            return True
    return False


def redact_all(texts: dict[str, str], ids: Identifiers) -> dict[str, Redacted]:
    """Each answer (by criterion id) redacted on its own."""
    return {key: redact(value, ids) for key, value in texts.items()}
