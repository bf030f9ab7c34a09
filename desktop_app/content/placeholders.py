"""Region placeholders in term text, and the literal emergency numbers that must not be there. Qt-free.

Term text (body, FAQs, ``plain``) never writes an emergency or crisis number itself: the reader's region
decides it. ``{{emergency}}`` reads as the region's emergency number ("call {{emergency}}" -> "call 999" in
the UK) and ``{{crisis_line}}`` as its first crisis line with how to reach it ("contact {{crisis_line}}" ->
"contact the 988 Suicide & Crisis Lifeline (call or text 988)" in the US), from ``regions.yaml``.
:func:`resolve` is applied on screen and on paper; ``brain-glossary check`` rejects an unknown placeholder
and a literal number (:func:`literal_numbers`) outside the entries about one specific service.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop_app.content.crisis import Region

KNOWN = ("emergency", "crisis_line")
PLACEHOLDER_RE = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
# A brace pair that is not a well-formed placeholder: "{emergency}", "{{emergency}", "{{ }}".
STRAY_BRACES_RE = re.compile(r"\{\{|\}\}|\{[A-Za-z_ ]+\}")

# Entries about one specific service may name its number (the 988 Lifeline's page says "988"), and so may
# crisis-line, whose job is to list the lines of every region. Elsewhere a service is named through a link
# to its entry ("[988 Suicide & Crisis Lifeline](term:988-lifeline)"), which is not read as a number.
SERVICE_ENTRIES = frozenset({
    "988-lifeline", "veterans-crisis-line", "samaritans", "shout-text-line", "nhs-111", "lifeline-australia",
    "crisis-line",
})

# Emergency and crisis numbers of the regions the glossary serves, and a few well-known others. Digits may be
# separated by a space, a no-break space or a hyphen ("116 123", "9-8-8").
LITERAL_NUMBERS = (
    "911", "999", "988", "112", "000", "111", "116 123", "116 111", "13 11 14", "0477 13 11 14", "1737",
    "0800 543 354", "1800 247 247", "0808 808 8000", "838255", "741741", "85258", "686868", "51444",
    "1-800-273-8255", "1-800-273-TALK", "Triple Zero", "9-8-8",
)


def _number_pattern(number: str) -> str:
    parts = re.split(r"[\s-]+", number)
    body = r"[\s\u00a0-]?".join(re.escape(p) for p in parts)
    if number == "000":  # "100,000" and "$1.000" are amounts, not Triple Zero
        return rf"(?<![\w,.$]){body}(?![\w]|[.,]\d)"
    return rf"(?<![\w:/.$-]){body}(?![\w]|[.,]\d|-\w)"


_LITERAL_RE = re.compile("|".join(_number_pattern(n) for n in LITERAL_NUMBERS), re.IGNORECASE)
# Link targets are slugs ("term:988-lifeline"), not text a reader sees; a link to a service entry names the
# service ("[988 Lifeline](term:988-lifeline)").
_LINK_TARGET_RE = re.compile(r"\]\(term:[^)\s]*\)")
_SERVICE_LINK_RE = re.compile(r"\[[^\]\n]*\]\(term:(?:" + "|".join(sorted(SERVICE_ENTRIES)) + r")\)")


def values(region: Region) -> dict[str, str]:
    return {"emergency": region.emergency, "crisis_line": region.crisis_line_text}


def _sentence_start(text: str, pos: int) -> bool:
    before = text[:pos].rstrip(" *_\u00a0")
    return not before or before[-1] in ".!?:\n" or before.endswith("- ")


def resolve(text: str, region: Region) -> str:
    """``text`` with every known placeholder replaced for ``region``; unknown ones are left as written
    (``check`` reports them). A placeholder that starts a sentence starts with a capital letter."""
    if "{{" not in text:
        return text
    table = values(region)

    def replace(m: re.Match[str]) -> str:
        value = table.get(m.group(1))
        if value is None:
            return m.group(0)
        if value and _sentence_start(m.string, m.start()):
            value = value[0].upper() + value[1:]
        return value

    return PLACEHOLDER_RE.sub(replace, text)


def unknown_placeholders(text: str) -> list[str]:
    """Placeholders that are not known (as written), and stray braces that are not a placeholder."""
    out = [m.group(0) for m in PLACEHOLDER_RE.finditer(text) if m.group(1) not in KNOWN]
    rest = PLACEHOLDER_RE.sub("", text)
    out += [m.group(0) for m in STRAY_BRACES_RE.finditer(rest)]
    return out


def literal_numbers(text: str) -> list[str]:
    """Emergency or crisis numbers written out in ``text`` (placeholders and link targets are ignored)."""
    text = _LINK_TARGET_RE.sub("]", _SERVICE_LINK_RE.sub(" ", PLACEHOLDER_RE.sub(" ", text)))
    return [m.group(0) for m in _LITERAL_RE.finditer(text)]
