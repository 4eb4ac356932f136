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

The kinds and placeholders are in redaction_kinds.py, the links in redaction_links.py, names and
HR's terms in redaction_names.py, the other identifiers in redaction_patterns.py (all in
scoring/applicant/); this module finds them all in a text and joins overlapping matches.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date

from scoring.applicant.redaction_kinds import PLACEHOLDERS, PRIORITY, Redaction, inside_placeholder
from scoring.applicant.redaction_links import links
from scoring.applicant.redaction_names import (
    may_hold_a_name,
    name_counts,
    name_pattern,
    terms_pattern,
)
from scoring.applicant.redaction_patterns import (
    BORN,
    BORN_HINTS,
    DATE_LIKE,
    EMAIL,
    NI_NUMBER,
    PHONE,
    POSTCODE,
    digit_windows,
    is_date,
    phone_ok,
)

ENTITY = re.compile(r"&(?:#[0-9]{1,8};?|#[xX][0-9a-fA-F]{1,8};?|[A-Za-z][A-Za-z0-9]{1,31};?)")


@dataclass(frozen=True)
class Identifiers:
    first_name: str = ""
    last_name: str = ""
    email: str | None = None
    date_of_birth: date | None = None
    extra: tuple[str, ...] = ()  # further terms HR asks to redact
    keep: tuple[str, ...] = ()  # terms HR says are not identifying


@dataclass(frozen=True)
class Redacted:
    text: str
    redactions: tuple[Redaction, ...]


def _matches(text: str, ids: Identifiers) -> list[Redaction]:
    found: list[Redaction] = []
    windows = digit_windows(text)

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
    found += links(text, lowered)
    if windows and ids.date_of_birth is not None:
        born = ids.date_of_birth
        for lo, hi in windows:
            for m in DATE_LIKE.finditer(text, lo, hi):
                if is_date(m.group(), born):
                    found.append(Redaction("date of birth", m.group(), m.start(), m.end()))
    if windows and any(hint in lowered for hint in BORN_HINTS):
        add("date of birth", BORN, "date")
    if windows:
        add("phone", PHONE, within=windows)
        add("national insurance number", NI_NUMBER, within=windows)
        add("postcode", POSTCODE, within=windows)
    add("term", terms_pattern(ids.extra))
    names = (
        name_pattern(ids.first_name, ids.last_name)
        if may_hold_a_name(lowered, ids.first_name, ids.last_name)
        else None
    )
    if names is not None:
        for m in names.finditer(text):
            if name_counts(m.group(), (ids.first_name, ids.last_name)):
                found.append(Redaction("name", m.group(), m.start(), m.end()))
    return found


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
        and not (r.kind == "phone" and not phone_ok(r.text))
        and not inside_placeholder(text, r)
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


def redact_all(texts: dict[str, str], ids: Identifiers) -> dict[str, Redacted]:
    """Each answer (by criterion id) redacted on its own."""
    return {key: redact(value, ids) for key, value in texts.items()}
