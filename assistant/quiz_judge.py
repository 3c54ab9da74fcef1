"""True-or-false questions: a verbatim statement (对), or one controlled change of it (错) — another
subject put in, the frequency made stronger, or a reviewed wrong value — with the true text quoted."""

from __future__ import annotations

import re

from .duties import frequencies_in
from .quiz_builder import MAX_STATEMENT, Builder, Entry
from .quiz_facts import (ADVERBIAL_OPENERS, CURATED_SWAPS, FREQUENCY_OPENERS, GENERIC_MARKERS, LEVEL_MARKERS, LEVELS, LOCAL,
                         VERB_OPENERS)
from .quiz_text import Unit, balanced, chapter_tag, clause_spans, explain, leading_subject, norm, split_sentences, strip_end


def _statement(sentence: str, need: tuple[int, int] | None = None) -> str | None:
    """A verbatim prefix of the sentence ending at a clause boundary, at most MAX_STATEMENT long,
    covering `need` (a span) when given."""
    core = strip_end(sentence)
    if len(core) <= MAX_STATEMENT:
        return core if (need is None or need[1] <= len(core)) else None
    if re.search(r"的[，,]", core) or core.startswith(ADVERBIAL_OPENERS):
        return None  # a condition (…的，…) or a purpose (为了…，) is not cut from what it governs
    for start, end in reversed(clause_spans(core)):
        if end <= MAX_STATEMENT and (need is None or need[1] <= end):
            prefix = core[:end]
            if len(prefix) >= 15 and not prefix.endswith("的") and not core[start:end].startswith(ADVERBIAL_OPENERS):
                return prefix
    return None


def _judge_entry(b: Builder, kind, unit, statement, truth, quote, difficulty, analysis, tag=None) -> None:
    cite = b.cite(unit.doc_id, unit.article, unit.item)
    head = "正确。" if truth else "错误。"
    extra, note = b.support(unit, quote)
    b.add(Entry(kind, "judge", f"根据{b.short(unit.doc_id)}判断正误：{statement}。", unit.doc_id, unit.article,
                unit.item, difficulty, tag or chapter_tag(unit, unit.doc_id), frozenset({norm(quote)}),
                answer="对" if truth else "错",
                explanation=explain(head + analysis + note, cite, [*extra, quote])))


def _prefix(unit: Unit, sentence: str, previous: str) -> str:
    """The subject to write before a sentence that does not name one: an item's (its own or its
    lead-in's), or a paragraph's when the sentence continues its list (after “；”) or opens with
    a frequency."""
    if leading_subject(sentence) or not unit.written:
        return ""
    if unit.item is not None:
        return unit.written
    if re.search(r"的[，,]", sentence):
        return ""  # 构成犯罪的，… is about whoever commits it
    if sentence.startswith(FREQUENCY_OPENERS):
        return unit.written
    if previous.rstrip().endswith(("；", ";")) and sentence.startswith(VERB_OPENERS):
        return unit.written  # …；引导新型经营主体… goes on with the same subject
    return ""


def judge(b: Builder) -> None:
    for unit in b.units:
        previous = ""
        for _, sentence in split_sentences(unit.text):
            prefix = _prefix(unit, sentence, previous)
            previous = sentence
            if not balanced(sentence) or sentence.rstrip().endswith((":", "：")) or len(strip_end(sentence)) < 10:
                continue
            true_core = _statement(sentence)
            if true_core and (prefix or leading_subject(sentence) or len(true_core) >= 15):
                _judge_entry(b, "judge-true", unit, prefix + true_core, True, sentence, "易",
                             "该陈述与原文一致。")
            _role_swaps(b, unit, sentence, prefix)
            _frequency_swaps(b, unit, sentence, prefix)
    for doc_id, number, find, replace in CURATED_SWAPS:
        if doc_id not in b.doc_text:
            continue
        hits = []
        for u in b.units:
            if u.doc_id == doc_id and u.article == number:
                previous = ""
                for _, sentence in split_sentences(u.text):
                    if find in sentence:
                        hits.append((u, sentence, _prefix(u, sentence, previous)))
                    previous = sentence
        if not hits:
            b.unmatched.append(f"判断 {doc_id} {number} {find}")
        for unit, sentence, prefix in hits[:1]:
            pos = sentence.find(find)
            core = _statement(sentence, (pos, pos + len(find)))
            if core:
                false = prefix + core.replace(find, replace, 1)
                _judge_entry(b, "judge-curated", unit, false, False, sentence, "中",
                             f"原文为“{find}”，题中改为“{replace}”。")


def _role_swaps(b: Builder, unit: Unit, sentence: str, prefix: str) -> None:
    """False statements: the same duty with a subject of the same kind that the text does not give it to."""
    lead = leading_subject(sentence)
    if lead:
        name, written, opening, rest = lead[0], sentence[lead[1]:lead[2]], sentence[:lead[1]], sentence[lead[2]:]
    elif prefix:
        name, written, opening, rest = unit.subject, prefix, "", sentence
    else:
        return
    if rest.startswith(("、", "和", "及", "以及", "等")) or "等部门" in rest or any(g in rest for g in GENERIC_MARKERS):
        return
    if name in LOCAL:
        markers = LEVEL_MARKERS[LEVELS[name]]
        cut = next((e for s, e in clause_spans(rest) if any(m in rest[s:e] for m in markers)), None)
        core = strip_end(rest[:cut]) if cut else None
        if core and len(core) > MAX_STATEMENT:
            core = None
    else:
        core = _statement(rest)
    if not core or len(core) < 8:
        return
    for other in b.peers(name):
        if name in LOCAL and LEVELS[other] == LEVELS[name]:
            continue
        if b.clashes(core, other):
            continue
        _judge_entry(b, "judge-role", unit, opening + other + core, False, sentence,
                     "中" if name in b.departments else "难",
                     f"原文中承担此项责任的是“{written}”，题中改为“{other}”。")


def _frequency_swaps(b: Builder, unit: Unit, sentence: str, prefix: str) -> None:
    if not frequencies_in(sentence) or not (prefix or leading_subject(sentence)):
        return
    core = _statement(sentence)
    if core is None:
        for start, end in clause_spans(sentence):
            if frequencies_in(sentence[start:end]):
                core = _statement(sentence, (start, end))
                break
    if not core:
        return
    changed = b.swap_frequency(core)
    if changed:
        statement, old, new = changed
        _judge_entry(b, "judge-frequency", unit, prefix + statement, False, sentence, "难",
                     f"原文规定的是“{old}”，题中改为“{new}”。", tag="频次")
