"""Region placeholders, literal emergency numbers, and the readability rules of `check` (issue 14)."""

from __future__ import annotations

import subprocess
import sys
from importlib import metadata

import pytest

from desktop_app.content import crisis, placeholders, quality
from desktop_app.content.loader import Glossary, load_categories, load_glossary
from desktop_app.content.model import Faq, Section, Term

US, UK, AU, IE = (crisis.get_region(c) for c in ("US", "UK", "AU", "IE"))
EASY = "Your brain can change. It learns new things every day. Sleep and rest help it. Ask your doctor about it."
HARD = ("Neuroplasticity constitutes the neurobiological capacity for experience-dependent reorganisation of "
        "synaptic connectivity, encompassing structural and functional modifications throughout development.")


def term(slug: str = "alpha", *, plain: str = EASY, body: str = "Plain words.", faq: str = "An answer.",
         category: str = "Conditions") -> Term:
    return Term(slug=slug, title=slug.capitalize(), category=category, summary=f"{slug} is a test term.",
                plain=plain, sections=(Section("What it is", "what-it-is", body, 10),),
                faqs=(Faq("A question?", faq),))


def glossary(*terms: Term) -> Glossary:
    return Glossary(terms={t.slug: t for t in terms}, categories=load_categories())


# --------------------------------------------------------------------------- placeholders


def test_placeholders_resolve_per_region() -> None:
    text = "If someone is in danger, call {{emergency}}. {{crisis_line}} is free; contact {{crisis_line}}."
    us = placeholders.resolve(text, US)
    assert "call 911." in us and "contact the 988 Suicide & Crisis Lifeline (call or text 988)." in us
    assert us.split(". ")[1].startswith("The 988 Suicide")  # a sentence starts with a capital
    uk = placeholders.resolve(text, UK)
    assert "call 999." in uk and "Samaritans" in uk and "116 123" in uk and "911" not in uk and "988" not in uk
    assert "call 000." in placeholders.resolve(text, AU)
    assert "call 112 or 999." in placeholders.resolve(text, IE)


def test_every_region_has_a_crisis_line_phrase_naming_its_number() -> None:
    for region in crisis.load_regions().values():
        phrase = region.crisis_line_text
        digits = "".join(ch for ch in region.lines[0].how[0].value.split(",")[0] if ch.isdigit())
        assert digits in "".join(ch for ch in phrase if ch.isdigit()), region.code


def test_crisis_line_phrase_falls_back_to_the_first_line() -> None:
    bare = US._replace(crisis_line="")
    assert bare.crisis_line_text == "988 Suicide & Crisis Lifeline (call or text 988)"


def test_unknown_placeholder_is_left_visible_and_reported() -> None:
    assert placeholders.resolve("call {{emergancy}}", US) == "call {{emergancy}}"
    assert placeholders.unknown_placeholders("call {{emergancy}} or {crisis_line} {{emergency}}") == [
        "{{emergancy}}", "{crisis_line}"]
    assert placeholders.unknown_placeholders("call {{emergency}} or contact {{ crisis_line }}") == []


@pytest.mark.parametrize("text", [
    "call 911 now", "Call or text 988.", "Samaritans on 116 123", "call 999", "Triple Zero (000)", "text 9-8-8",
    "call 13 11 14", "text 838255", "Call 111.", "dial 112",
])
def test_literal_numbers_are_found(text: str) -> None:
    assert placeholders.literal_numbers(text), text


@pytest.mark.parametrize("text", [
    "About 100,000 people a year", "chat at 988lifeline.org", "See [the 988 Lifeline](term:988-lifeline).",
    "call {{emergency}}", "in 1988 and 2011", "page 9110", "[Veterans Crisis Line](term:veterans-crisis-line)",
])
def test_harmless_numbers_are_not_flagged(text: str) -> None:
    assert placeholders.literal_numbers(text) == [], text


def test_shipped_entries_name_no_number_outside_service_entries() -> None:
    g = load_glossary()
    report = quality.check_glossary(g)
    assert [str(p) for p in report.errors] == []


# --------------------------------------------------------------------------- check's rules


def test_literal_number_is_an_error_except_in_a_service_entry() -> None:
    g = glossary(term("alpha", body="If someone is in danger, call 911."),
                 term("988-lifeline", body="Call or text 988.", category="Care and Support"))
    errors = [str(p) for p in quality.check_glossary(g).errors]
    assert len(errors) == 1 and "alpha.md" in errors[0] and "'911'" in errors[0] and "{{emergency}}" in errors[0]


def test_unknown_placeholder_in_faq_or_plain_is_an_error() -> None:
    g = glossary(term("alpha", faq="Call {{emergancy}}."), term("beta", plain=EASY + " Call {{911}}."))
    errors = [str(p) for p in quality.check_glossary(g).errors]
    assert any("alpha.md" in e and "faqs" in e and "{{emergancy}}" in e for e in errors)
    assert any("beta.md" in e and "plain" in e and "{{911}}" in e for e in errors)


def test_plain_above_grade_8_fails_and_grades_are_reported_per_category() -> None:
    g = glossary(term("alpha"), term("beta", plain=HARD), term("gamma", category="Therapies"))
    report = quality.check_glossary(g)
    assert report.grades["alpha"] <= 8 < report.grades["beta"]
    errors = [str(p) for p in report.errors]
    assert len(errors) == 1 and "beta.md" in errors[0] and "plain: reads at grade" in errors[0]
    lines = "\n".join(report.readability_lines())
    assert "Conditions: median" in lines and "Therapies: median" in lines


def test_plain_grade_is_measured_with_placeholders_filled_in() -> None:
    plain = EASY + " If you are in danger, call {{emergency}} now."
    report = quality.check_glossary(glossary(term(plain=plain)))
    assert report.grades["alpha"] == pytest.approx(quality.grade(placeholders.resolve(plain, US)))


def test_missing_plain_is_a_warning_until_95_percent_have_one() -> None:
    few = glossary(term("alpha"), term("beta", plain=""))
    report = quality.check_glossary(few)
    assert report.errors == [] and any("1 of 2 terms have no plain" in w for w in report.warnings)
    many = glossary(*(term(f"t{i}") for i in range(19)), term("late", plain=""))  # 95% have one
    errors = [str(p) for p in quality.check_glossary(many).errors]
    assert len(errors) == 1 and "late.md" in errors[0] and "plain: is missing" in errors[0]


def test_median_above_7_fails(monkeypatch) -> None:
    monkeypatch.setattr(quality, "grade", lambda text: 7.5)  # every plain passes on its own
    g = glossary(*(term(f"t{i}") for i in range(10)))
    errors = [str(p) for p in quality.check_glossary(g).errors]
    assert len(errors) == 1 and "median grade of plain summaries is 7.5" in errors[0]
    monkeypatch.setattr(quality, "grade", lambda text: 7.0)
    assert quality.check_glossary(g).errors == []


def test_textstat_is_the_offline_version() -> None:
    """0.7.10+ downloads NLTK's cmudict at run time (fails offline): the pin must hold."""
    assert metadata.version("textstat") == "0.7.3"
    code = ("import sys; from desktop_app.content import quality; quality.grade('A short test. It reads well.');"
            "print('nltk' in sys.modules, 'textstat' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.split() == ["False", "True"]


def test_quality_does_not_import_textstat_until_asked() -> None:
    code = "import sys; from desktop_app.content import quality; print('textstat' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.strip() == "False"
