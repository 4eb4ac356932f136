"""Links in every form a browser or a markdown reader follows: any `scheme://` address, `www.`
and protocol-relative (`//host/...`) ones, `mailto:`, `tel:`, `javascript:` and `data:` URIs,
`<...>` autolinks, markdown links and images and reference definitions, and bare addresses with
a path on a common domain (`linkedin.com/in/...`)."""

from __future__ import annotations

import re
from collections.abc import Callable

from scoring.applicant.redaction_kinds import PLACEHOLDER_TEXTS, Redaction

URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\[\]]+[^\s<>()\[\].,;:!?'\"]", re.IGNORECASE)
# The other forms of a link (see `links`). A link's characters, and the ones it cannot end on
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


def _is_placeholder_label(label: str) -> bool:
    return f"[{label}]" in PLACEHOLDER_TEXTS


def _reference_counts(m: re.Match[str]) -> bool:
    """A reference definition counts as a link when its target is one."""
    target = m.group()[m.end("label") - m.start() + 2 :].split(maxsplit=1)[0]
    return any(p.match(target) for p in (URL, SCHEMED, PROTOCOL_RELATIVE, BARE, ANGLE))


def links(text: str, lowered: str) -> list[Redaction]:
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
