"""The question pool: every question the corpus supports, built from its units and the duty book, each
checked once by `validate` with all the options it may show; a quiz is drawn from it (`quiz.py`)."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field

from .corpus import Corpus
from .quiz_builder import Builder, Entry
from .quiz_choice import (curated_multiple, curated_single, department_single, duty_multiple, frequency_multiple,
                          frequency_single, subject_single)
from .quiz_fill import fill
from .quiz_judge import judge
from .quiz_text import RULES, cite_label, explain
from .quiz_validate import JUDGE_OPTIONS, LETTERS, validate


@dataclass
class Pool:
    fingerprint: str
    entries: list[Entry]
    rejected: list[tuple[Entry, list[str]]] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)  # reviewed entries that no longer match the text


def build(b: Builder) -> list[Entry]:
    """Every entry the corpus gives, in a fixed order (the order a seed's draw depends on)."""
    if RULES in b.doc_text:
        department_single(b)
        subject_single(b)
        duty_multiple(b)
    frequency_single(b)
    curated_single(b)
    frequency_multiple(b)
    curated_multiple(b)
    judge(b)
    fill(b)
    return b.entries


def materialize(entry: Entry, corpus: Corpus, rng: random.Random | None, number: int = 1) -> dict:
    """The question dict of a pool entry; with `rng`, options are drawn and shuffled, without it
    every option is shown in pool order (used to check the entry once)."""
    cite = cite_label(corpus, entry.doc_id, entry.article, entry.item)
    question = {"id": f"q{number:03d}", "type": entry.type, "stem": entry.stem, "options": [], "answer": entry.answer,
                "explanation": entry.explanation,
                "cite": {"doc_id": entry.doc_id, "article": entry.article, "item": entry.item},
                "difficulty": entry.difficulty, "tag": entry.tag}
    if entry.type == "judge":
        question["options"] = list(JUDGE_OPTIONS)
        return question
    if entry.type == "fill":
        return question
    right, wrong = list(entry.correct), list(entry.distractors)
    if rng is not None:
        if entry.type == "single":
            wrong = rng.sample(wrong, min(3, len(wrong)))
        else:
            total = 5 if len(right) + len(wrong) >= 5 and rng.random() < 0.5 else 4
            total = min(total, len(right) + len(wrong))
            low = max(2, total - len(wrong))
            high = min(len(right), total - 1, 4)
            k = rng.randint(low, high) if high >= low else low
            right = rng.sample(right, k)
            wrong = rng.sample(wrong, total - k)
    options = [(text, True, quotes) for text, quotes in right] + [(text, False, ()) for text in wrong]
    if rng is not None:
        rng.shuffle(options)
    letters = "".join(LETTERS[i] for i, (_, ok, _) in enumerate(options) if ok)
    quotes = list(dict.fromkeys(q for _, ok, qs in options if ok for q in qs))
    question["options"] = [text for text, _, _ in options]
    question["answer"] = letters
    if entry.type == "single":
        head = f"正确答案：{letters}（{options[LETTERS.index(letters)][0]}）。"
    else:
        head = f"正确答案：{letters}。"
    question["explanation"] = explain(head + entry.analysis, cite, quotes)
    return question


def _check_entry(entry: Entry, corpus: Corpus) -> list[str]:
    """Validate an entry with every option it may show (in groups that fit the letters A–Z)."""
    if entry.type not in ("single", "multiple") or len(entry.correct) + len(entry.distractors) <= 20:
        return validate(materialize(entry, corpus, None), corpus)
    right, wrong = list(entry.correct), list(entry.distractors)
    problems = []
    for i in range(0, len(right), 10):
        for j in range(0, len(wrong), 10):
            part_right = right[i:i + 10] if len(right[i:i + 10]) >= 2 else right[-2:]
            part_wrong = wrong[j:j + 10] if len(wrong[j:j + 10]) >= 3 else wrong[-3:]
            part = Entry(**{**entry.__dict__, "correct": tuple(part_right), "distractors": tuple(part_wrong)})
            problems += validate(materialize(part, corpus, None), corpus)
    return list(dict.fromkeys(problems))


_POOLS: dict[str, Pool] = {}


def question_pool(corpus: Corpus) -> Pool:
    """Every question the corpus supports, each checked once with all its options; built once per
    corpus fingerprint."""
    key = corpus.fingerprint
    if key not in _POOLS:
        builder = Builder(corpus)
        entries, rejected, seen = [], [], set()
        for entry in build(builder):
            if entry.stem in seen:
                continue
            problems = _check_entry(entry, corpus)
            if entry.type == "single" and len(entry.distractors) < 2:
                problems.append("错误选项不足")
            if entry.type == "multiple" and (len(entry.correct) < 2 or not entry.distractors):
                problems.append("选项不足")
            if problems:
                rejected.append((entry, problems))
                continue
            seen.add(entry.stem)
            entries.append(entry)
        _POOLS.clear()
        _POOLS[key] = Pool(key, entries, rejected, builder.unmatched)
    return _POOLS[key]


def pool_report(corpus: Corpus) -> dict:
    """How many questions the corpus supports, by type, kind, difficulty and document."""
    pool = question_pool(corpus)
    count = lambda key: dict(Counter(key(e) for e in pool.entries))  # noqa: E731
    return {"fingerprint": pool.fingerprint, "total": len(pool.entries), "by_type": count(lambda e: e.type),
            "by_kind": count(lambda e: e.kind), "by_difficulty": count(lambda e: e.difficulty),
            "by_doc": count(lambda e: e.doc_id), "rejected": len(pool.rejected), "unmatched": list(pool.unmatched)}
