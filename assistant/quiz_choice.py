"""Single- and multiple-choice questions: which department or subject a duty is, how often it recurs,
what a subject's duties are, which frequency statements are right, and the reviewed facts and lists."""

from __future__ import annotations

import re
from collections import defaultdict

from .duties import frequencies_in
from .quiz_builder import Builder, Entry
from .quiz_facts import (BAD_PHRASE_START, CITY_BODIES, CURATED_MULTIPLE, CURATED_SINGLE, FREQUENCY_CHOICES, LEVEL_MARKERS,
                         LEVELS, LOCAL)
from .quiz_text import (FREQUENCY_TOKEN_RE, RULES, Unit, balanced, chapter_tag, clause_spans, frequency_class,
                        leading_subject, norm, place_of, split_sentences, strip_end)
from .quiz_validate import derivable


def department_single(b: Builder) -> None:
    """负责“X”的是哪个部门 — from 第五条's items."""
    if not b.book:
        return
    article = b.corpus.doc(RULES).article(5)
    items = {u.item: u for u in b.units if u.doc_id == RULES and u.article == 5 and u.item}
    written = {u.subject: u for u in items.values() if u.subject in b.departments}
    for unit in items.values():
        if unit.subject not in b.departments:
            continue
        dept = unit.written
        first = split_sentences(unit.text)[0][1]
        for _, sentence in split_sentences(unit.text):
            for start, end in clause_spans(sentence):
                phrase = sentence[start:end]
                lead = leading_subject(phrase)
                if lead:
                    phrase = re.sub(r"^(牵头负责|负责)", "", phrase[lead[2]:])
                if not b.good_phrase(phrase) or b.occurrences(RULES, phrase) != 1:
                    continue
                quotes = list(dict.fromkeys([first, sentence]))
                context = f"{article.lead_in}\n{unit.text}"
                others = [w.written for name, w in written.items() if name != unit.subject
                          and not b.overlaps(phrase, [w.text])]
                wrong = b.choice_distractors(others, context, quotes, lambda o: False)
                if len(wrong) < 3:
                    continue
                plain = set(re.sub(r"^市|委$|局$", "", dept))
                easy = any(ch in phrase for ch in plain if ch not in "市委局会")
                b.add(Entry("department", "single", f"根据《细则》，负责“{phrase}”的是（　　）。", RULES, 5, unit.item,
                            "易" if easy else "中", "部门责任", frozenset({norm(sentence)}),
                            correct=((dept, tuple(quotes)),), distractors=tuple(wrong),
                            analysis="其余部门的职责条目中没有这项内容。"))


def subject_single(b: Builder) -> None:
    """（　　）是下列哪一主体 — clauses a subject leads, and items under a lead-in that names one."""
    for unit in b.units:
        if unit.doc_id != RULES or unit.article == 5:
            continue
        text, context, _ = place_of(b.corpus, unit.doc_id, unit.article, unit.item)
        cite_tag = chapter_tag(unit, RULES)
        for _, sentence in split_sentences(unit.text):
            if not balanced(sentence):
                continue
            for start, end in clause_spans(sentence):
                clause = sentence[start:end]
                lead = leading_subject(clause)
                if lead is None or lead[0] not in LOCAL + CITY_BODIES:
                    continue
                name, rest = lead[0], clause[lead[2]:]
                if not 6 <= len(rest) <= 40 or rest.startswith(("和", "、", "以及", "的", "及", "等")) \
                        or rest.startswith(BAD_PHRASE_START) or sentence.rstrip().endswith((":", "：")):
                    continue
                stem = (f"根据《细则》，{rest[1:]}是（　　）。" if rest.startswith("是")
                        else f"根据《细则》，{rest}的是（　　）。")
                option = clause[lead[1]:lead[2]]
                _subject_entry(b, "subject", stem, unit, name, option, rest, [sentence], context, cite_tag)
        # items whose lead-in names the subject (第八条, 第九条): the clause is the subject's
        if unit.item is not None and unit.subject and leading_subject(unit.text) is None and unit.subject in LOCAL:
            used = 0
            for _, sentence in split_sentences(unit.text):
                for start, end in clause_spans(sentence):
                    clause = sentence[start:end]
                    if used >= 2 or not 8 <= len(clause) <= 30 or not balanced(clause):
                        continue
                    if b.occurrences(RULES, clause) != 1:
                        continue
                    stem = f"根据《细则》，“{clause}”是下列哪一主体的责任？"
                    if _subject_entry(b, "subject-item", stem, unit, unit.subject, unit.written, clause, [sentence],
                                      context, cite_tag):
                        used += 1


def _subject_entry(b: Builder, kind, stem, unit, name, option, claim, quotes, context, tag) -> bool:
    wrong = b.choice_distractors(b.peers(name, extra=True), context, quotes,
                                 lambda other: b.clashes(claim, other))
    if len(wrong) < 2 or not derivable(option, context, quotes):
        return False
    b.add(Entry(kind, "single", stem, unit.doc_id, unit.article, unit.item, "中", tag,
                frozenset(norm(q) for q in quotes), correct=((option, tuple(quotes)),), distractors=tuple(wrong),
                analysis="其余选项不是该处规定的责任主体。"))
    return True


def frequency_sentences(b: Builder):
    """(unit, sentence, subject as written, frequency, clause) for every frequency a subject's sentence states."""
    for unit in b.units:
        for _, sentence in split_sentences(unit.text):
            found = frequencies_in(sentence)
            if not found:
                continue
            lead = leading_subject(sentence)
            written = sentence[lead[1]:lead[2]] if lead else unit.written
            if not written:
                continue
            for frequency in found:
                clause = _frequency_clause(sentence, frequency)
                if clause:
                    yield unit, sentence, written, frequency, found, clause


def _frequency_clause(sentence: str, frequency: str) -> str | None:
    for start, end in clause_spans(sentence):
        clause = sentence[start:end]
        if frequency in frequencies_in(clause):
            return clause
    return None


def _activity(clause: str, written: str) -> str:
    activity = clause
    lead = leading_subject(activity)
    if lead:
        activity = activity[lead[2]:]
    activity = re.sub(r"^(应当|要)", "", activity)
    for pattern in (r"每季度至少", r"每年至少", r"每季度", r"原则上", r"任期内", r"基本(?=走遍)", r"不定期", r"每年",
                    r"\d+次以上", r"\d+次"):
        activity = re.sub(pattern, "", activity, count=1)
    return activity


def frequency_single(b: Builder) -> None:
    for unit, sentence, written, frequency, found, clause in frequency_sentences(b):
        if frequency not in FREQUENCY_CHOICES or not balanced(sentence):
            continue
        activity = _activity(clause, written)
        if len(activity) < 4:
            continue
        stated = {frequency_class(f) for f in found}
        wrong = [f for f in FREQUENCY_CHOICES if frequency_class(f) not in stated]
        _, context, _ = place_of(b.corpus, unit.doc_id, unit.article, unit.item)
        wrong = b.choice_distractors(wrong, context, [sentence], lambda o: False)
        if len(wrong) < 2:
            continue
        stem = f"根据{b.short(unit.doc_id)}，{written}{activity}的频次要求是（　　）。"
        level = "难" if re.search(r"\d", frequency) else "中"
        # only the sentence is quoted: the frequencies of its neighbours are not this duty's
        _, note = b.support(unit, sentence)
        b.add(Entry("frequency", "single", stem, unit.doc_id, unit.article, unit.item, level, "频次",
                    frozenset({norm(sentence)}), correct=((frequency, (sentence,)),), distractors=tuple(wrong),
                    analysis=f"原文规定的频次为“{frequency}”。{note}"))


def curated_single(b: Builder) -> None:
    for doc_id, number, term, wrong_values, difficulty in CURATED_SINGLE:
        if doc_id not in b.doc_text:
            continue
        hits = list(b.term_windows(doc_id, number, term))
        if not hits:
            b.unmatched.append(f"单选 {doc_id} {number} {term}")
        for unit, sentence, _window, blanked in hits[:1]:
            _, context, _ = place_of(b.corpus, doc_id, number, unit.item)
            wrong = b.choice_distractors(wrong_values, context, [sentence], lambda o: False)
            stem = f"根据{b.short(doc_id)}，{strip_end(blanked)}。"
            b.add(Entry("curated", "single", stem, doc_id, number, unit.item, difficulty, chapter_tag(unit, doc_id),
                        frozenset({norm(sentence)}), correct=((term, (sentence,)),), distractors=tuple(wrong),
                        analysis=f"原文为“{term}”。"))


def _phrases(b: Builder, unit: Unit, name: str) -> list[tuple[str, str]]:
    """(phrase, sentence): clauses of the unit's sentences that the subject leads or that carry no subject."""
    key = (unit, name)
    if key not in b.phrase_cache:
        b.phrase_cache[key] = _find_phrases(b, unit, name)
    return b.phrase_cache[key]


def _find_phrases(b: Builder, unit: Unit, name: str) -> list[tuple[str, str]]:
    out = []
    for _, sentence in split_sentences(unit.text):
        lead = leading_subject(sentence, window=2)
        if lead is not None and lead[0] != name:
            continue
        if sentence.rstrip().endswith((":", "：")) or not balanced(sentence):
            continue
        for start, end in clause_spans(sentence):
            phrase = sentence[start:end]
            head = leading_subject(phrase)
            if head:
                phrase = phrase[head[2]:]
            phrase = re.sub(r"^(应当|要|牵头负责|负责)", "", phrase)
            if b.good_phrase(phrase) and not FREQUENCY_TOKEN_RE.search(phrase):
                out.append((phrase, sentence))
    return out


def duty_multiple(b: Builder) -> None:
    """下列属于X职责的有 — verbatim phrases of X's places against other subjects' phrases."""
    if not b.book:
        return
    led: dict[str, list[Unit]] = defaultdict(list)
    for unit in b.units:
        if unit.doc_id == RULES and unit.subject:
            led[unit.subject].append(unit)
    candidates = [n for n in (*b.departments, *LOCAL, *CITY_BODIES) if n in led]
    for name in candidates:
        if name in b.departments:
            sources = b.departments
        elif name in LOCAL:
            sources = (*LOCAL, *b.departments)
        else:
            sources = (*CITY_BODIES, *b.departments, *LOCAL)
        related = b.related(name)
        pool_wrong = [(p, s) for other in sources if other not in related for u in led.get(other, [])
                      for p, s in _phrases(b, u, other)
                      if other not in LOCAL or any(m in p for m in LEVEL_MARKERS[LEVELS[other]])]
        by_article: dict[int, list[Unit]] = defaultdict(list)
        for unit in led[name]:
            by_article[unit.article].append(unit)
        for number, units in sorted(by_article.items()):
            right = [(p, s) for u in units for p, s in _phrases(b, u, name)]
            right = list({p: (p, s) for p, s in right}.values())
            if len(right) < 2:
                continue
            item = units[0].item if len({u.item for u in units}) == 1 else None
            _, context, _ = place_of(b.corpus, RULES, number, item)
            quotes_all = [s for _, s in right]
            wrong = b.choice_distractors(
                [p for p, _ in pool_wrong], context, quotes_all, lambda o, name=name: b.clashes(o, name))
            if len(wrong) < 2:
                continue
            label = b.cite(RULES, number)
            shown = units[0].written if name in b.departments else name
            stem = f"根据{label}，下列属于{shown}职责的有（　　）。"
            b.add(Entry("duties", "multiple", stem, RULES, number, item, "中" if item else "难",
                        chapter_tag(units[0], RULES), frozenset(norm(s) for s in quotes_all),
                        correct=tuple((p, (s,)) for p, s in right), distractors=tuple(wrong),
                        analysis=f"正确选项均为{label}写明的{shown}职责，其余选项出自其他主体的职责。"))


def frequency_multiple(b: Builder) -> None:
    """关于X的履职频次，下列说法正确的有 — verbatim clauses against the same clauses with the frequency changed."""
    groups: dict[tuple, list] = defaultdict(list)
    for unit, sentence, written, frequency, _found, clause in frequency_sentences(b):
        if frequency in ("定期",):
            continue
        groups[(unit.doc_id, unit.article, unit.subject or written)].append((unit, sentence, written, clause))
    for (doc_id, number, _name), rows in groups.items():
        rows = list({r[3]: r for r in rows}.values())
        if len(rows) < 2:
            continue
        items = {r[0].item for r in rows}
        item = items.pop() if len(items) == 1 else None
        _, context, _ = place_of(b.corpus, doc_id, number, item)
        right, wrong = [], []
        for _unit, sentence, _written, clause in rows:
            core = clause[leading_subject(clause)[2]:] if leading_subject(clause) else clause
            core = re.sub(r"^(应当|要)", "", core)
            if len(core) < 6 or not balanced(core):
                continue
            right.append((core, (sentence,)))
            changed = b.swap_frequency(core)
            if changed:
                wrong.append(changed[0])
        quotes = [q for _, qs in right for q in qs]
        wrong = b.choice_distractors(wrong, context, quotes, lambda o: False)
        if len(right) < 2 or len(wrong) < 2:
            continue
        shown = rows[0][2]
        stem = f"根据{b.short(doc_id)}，关于{shown}的履职频次，下列说法正确的有（　　）。"
        b.add(Entry("frequency-multiple", "multiple", stem, doc_id, number, item, "难", "频次",
                    frozenset(norm(q) for q in quotes), correct=tuple(right), distractors=tuple(wrong),
                    analysis="错误选项改动了原文规定的频次。"))


def curated_multiple(b: Builder) -> None:
    for doc_id, number, stem_text, right_terms, wrong_terms, difficulty in CURATED_MULTIPLE:
        if doc_id not in b.doc_text:
            continue
        article = b.corpus.doc(doc_id).article(number)
        sentences = [s for _, s in split_sentences(article.text)]
        right = []
        for term in right_terms:
            quote = next((s for s in sentences if term in s), None)
            if quote is None:
                b.unmatched.append(f"多选 {doc_id} {number} {term}")
                break
            right.append((term, (quote,)))
        else:
            quotes = [q for _, qs in right for q in qs]
            wrong = b.choice_distractors(wrong_terms, article.text, quotes, lambda o: False)
            b.add(Entry("curated-multiple", "multiple", f"根据{b.short(doc_id)}，{stem_text}", doc_id, number,
                        None, difficulty, chapter_tag(article.chapter, doc_id), frozenset(norm(q) for q in quotes),
                        correct=tuple(right), distractors=tuple(wrong), analysis="正确选项均为原文所列。"))
