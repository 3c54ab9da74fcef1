"""Fill-in questions: a key term blanked in a verbatim window — a subject, a frequency, a named mechanism
in “”, or a reviewed term."""

from __future__ import annotations

import re

from .duties import frequencies_in
from .quiz_builder import Builder, Entry
from .quiz_facts import CURATED_FILL, GENERIC_LAW_SUBJECTS
from .quiz_text import FREQUENCY_TOKEN_RE, chapter_tag, clause_spans, explain, leading_subject, norm, split_sentences
from .quiz_validate import BLANK


def _fill_entry(b: Builder, kind, unit, sentence, blanked, term, difficulty, tag=None) -> None:
    cite = b.cite(unit.doc_id, unit.article, unit.item)
    label = b.cite(unit.doc_id, unit.article)
    b.add(Entry(kind, "fill", f"根据{label}填空：{blanked}", unit.doc_id, unit.article, unit.item, difficulty,
                tag or chapter_tag(unit, unit.doc_id), frozenset({norm(sentence)}), answer=term,
                explanation=explain(f"答案：{term}。", cite, [sentence])))


def fill(b: Builder) -> None:
    done, quoted = set(), set()
    for unit in b.units:
        for _, sentence in split_sentences(unit.text):
            terms: list[tuple[str, str, str | None]] = []
            # named mechanisms and slogans, written in “”
            for m in re.finditer(r"“([^“”]{2,15})”", sentence):
                if (unit.doc_id, m.group(1)) not in quoted:  # each slogan once (“三农” is everywhere)
                    quoted.add((unit.doc_id, m.group(1)))
                    terms.append((m.group(1), "中", None))
            # the subject that leads a clause
            for start, end in clause_spans(sentence):
                lead = leading_subject(sentence[start:end])
                rest = sentence[start + lead[2]:end] if lead else ""
                if lead and len(rest) >= 6 and lead[0] not in GENERIC_LAW_SUBJECTS \
                        and not rest.startswith(("、", "和", "以及", "根据", "在", "按照", "等")):
                    terms.append((sentence[start + lead[1]:start + lead[2]], "中", None))
            # frequencies and counts
            if frequencies_in(sentence) or re.search(r"\d+个以上", sentence):
                for m in FREQUENCY_TOKEN_RE.finditer(sentence):
                    terms.append((m.group(0), "难", None if m.group(0).endswith("个以上") else "频次"))
            if sentence.rstrip().endswith((":", "：")):
                continue
            for term, difficulty, tag in terms:
                if sentence.count(term) != 1 or (unit.doc_id, sentence, term) in done:
                    continue
                if tag == "频次" and sentence.startswith(term):
                    continue  # a blank at the start of a sentence without its subject is ambiguous
                pos = sentence.find(term)
                window = b.window(sentence, pos, pos + len(term))
                if window is None:
                    continue
                shown = sentence[window[0]:window[1]]
                if shown.count(term) != 1 or len(norm(shown)) - len(norm(term)) < 6:
                    continue
                if b.ambiguous(unit.doc_id, shown, term):
                    continue
                done.add((unit.doc_id, sentence, term))
                _fill_entry(b, "fill", unit, sentence, shown.replace(term, BLANK, 1), term, difficulty, tag)
    for doc_id, number, term, difficulty in CURATED_FILL:
        if doc_id not in b.doc_text:
            continue
        hits = list(b.term_windows(doc_id, number, term))
        if not hits:
            b.unmatched.append(f"填空 {doc_id} {number} {term}")
        for unit, sentence, shown, blanked in hits:
            if (doc_id, sentence, term) not in done and not b.ambiguous(doc_id, shown, term):
                done.add((doc_id, sentence, term))
                _fill_entry(b, "fill-curated", unit, sentence, blanked, term, difficulty)
