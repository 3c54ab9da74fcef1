"""The shared state of building the question pool: the corpus's units, the duty book, who may stand in
for whom, and the helpers every kind of question uses (`quiz_choice`, `quiz_judge` and `quiz_fill`
add the entries)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from .corpus import Corpus
from .duties import duty_book, frequencies_in
from .quiz_facts import (BAD_PHRASE_END, BAD_PHRASE_START, CITY_BODIES, CITY_EXTRA, CONCEPTS, FREQUENCY_SWAPS,
                         GENERIC_MARKERS, LOCAL, PAIRS)
from .quiz_text import (QUIZ_DOCS, RULES, Unit, balanced, cite_label, clause_spans, leading_subject, mentions_of,
                        norm, quiz_units, split_sentences)
from .quiz_validate import BLANK, derivable
from .roles import subjects

# The longest statement cut from a sentence, and the longest window a blank is shown in.
MAX_STATEMENT = 70


@dataclass
class Entry:
    """One question of the pool, before a quiz draws and orders its options."""

    kind: str
    type: str
    stem: str
    doc_id: str
    article: int
    item: int | None
    difficulty: str
    tag: str
    facts: frozenset
    correct: tuple = ()  # choice: (option, quotes) pairs
    distractors: tuple = ()  # choice: wrong options
    analysis: str = ""  # choice: what the explanation says before the quotes
    answer: str = ""  # judge, fill
    explanation: str = ""  # judge, fill


class Builder:
    """What every kind of question is built from; `entries` collects them in order."""

    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        self.units = quiz_units(corpus)
        self.book = duty_book(corpus) if corpus.documents.get(RULES) and corpus.documents[RULES].loaded else None
        self.departments = sorted(n for n in (self.book.department_names if self.book else ())
                                  if n != "市委农村工作领导小组其他成员单位")
        self.entries: list[Entry] = []
        self.unmatched: list[str] = []
        self._subject_texts: dict[str, list[str]] = {}
        self.phrase_cache: dict[tuple, list] = {}
        # 4-grams found in three or more units are common wording (乡村振兴, 农业农村 …); a rarer one
        # shared by two passages means they say the same thing.
        counts: Counter = Counter()
        for unit in self.units:
            counts.update(self._grams(unit.text))
        self.common = {g for g, c in counts.items() if c >= 3}
        self.doc_text = {d: "\n".join(a.text for a in corpus.doc(d).articles) for d in QUIZ_DOCS
                         if corpus.documents.get(d) and corpus.documents[d].loaded}
        self.norm_doc = {d: norm(t) for d, t in self.doc_text.items()}

    # -- helpers
    @staticmethod
    @lru_cache(maxsize=65536)
    def _grams(text: str, k: int = 4) -> frozenset[str]:
        t = norm(text)
        return frozenset(t[i:i + k] for i in range(len(t) - k + 1))

    def overlaps(self, phrase: str, texts: list[str]) -> bool:
        """Whether the phrase says what one of the texts says: a rare 4-character run, or any
        6-character run, in common."""
        probes = (self._grams(phrase) - self.common) | self._grams(phrase, 6)
        return bool(probes) and any(g in norm(t) for t in texts for g in probes)

    def ambiguous(self, doc_id: str, shown: str, term: str) -> bool:
        """Whether the blank in `shown` could be filled with something else the document says in
        the same words (…是本地区乡村振兴第一责任人 is said of three subjects)."""
        start = shown.index(term)
        before, after = shown[:start], shown[start + len(term):]
        stop = "，,。；;：:\n"
        head = re.escape(before) if before else rf"(?<![^{stop}“”])"
        body = rf"([^{stop}]{{1,40}}?)" if after else rf"([^{stop}]+)"
        fills = {m.group(1) for m in re.finditer(head + body + re.escape(after), self.doc_text[doc_id])}
        return fills != {term}

    def occurrences(self, doc_id: str, phrase: str) -> int:
        return self.norm_doc[doc_id].count(norm(phrase))

    def cite(self, doc_id: str, article: int, item: int | None = None) -> str:
        return cite_label(self.corpus, doc_id, article, item)

    def short(self, doc_id: str) -> str:
        return f"《{self.corpus.doc(doc_id).short}》"

    def subject_texts(self, name: str) -> list[str]:
        """Texts of every unit (with its lead-in) that names the subject or is about it."""
        if name not in self._subject_texts:
            mentions = mentions_of(name)
            self._subject_texts[name] = [f"{u.lead_in}\n{u.text}" for u in self.units
                                         if u.subject == name or any(m in u.text or m in u.lead_in for m in mentions)]
        return self._subject_texts[name]

    def related(self, name: str) -> set[str]:
        out = {name}
        if self.book:
            out |= set(self.book.parents(name))
            out |= {s.name for s in subjects() if name in self.book.parents(s.name)}
        for pair in PAIRS:
            if name in pair:
                out |= pair
        return out

    def peers(self, name: str, extra: bool = False) -> list[str]:
        if name in self.departments:
            group = self.departments
        elif name in LOCAL:
            group = LOCAL
        elif name in CITY_BODIES:
            group = CITY_BODIES + (CITY_EXTRA if extra else ())
        else:
            return []
        related = self.related(name)
        return [p for p in group if p not in related]

    def clashes(self, claim: str, other: str) -> bool:
        """Whether `claim` could be true of `other`: its words are in other's places, it shares rare
        wording with them, or (for a non-department) the same kind of duty is in them."""
        texts = self.subject_texts(other)
        if any(norm(part) in norm(t) for t in texts for part in self._parts(claim)):
            return True
        if self.overlaps(claim, texts):
            return True
        if other in self.departments:
            return False
        joined = "\n".join(texts)
        return any(any(w in claim for w in group) and any(w in joined for w in group) for group in CONCEPTS)

    @staticmethod
    def _parts(claim: str) -> list[str]:
        parts = [claim[s:e] for s, e in clause_spans(claim) if e - s >= 6]
        return parts or [claim]

    @staticmethod
    def good_phrase(phrase: str) -> bool:
        return (6 <= len(phrase) <= 24 and balanced(phrase) and not phrase.startswith(BAD_PHRASE_START)
                and not phrase.endswith(BAD_PHRASE_END) and not any(g in phrase for g in GENERIC_MARKERS))

    def add(self, entry: Entry) -> None:
        self.entries.append(entry)

    def choice_distractors(self, candidates, context: str, quotes: list[str], reject) -> list[str]:
        out = []
        for option in candidates:
            if option in out or derivable(option, context, quotes) or reject(option):
                continue
            out.append(option)
        return out

    # -- shared by several kinds of question
    def support(self, unit: Unit, sentence: str) -> tuple[list[str], str]:
        """What shows whose duty a sentence without a subject is: the unit's opening sentence (quoted
        with it), or the article's lead-in (named in the analysis)."""
        if leading_subject(sentence) or not unit.written:
            return [], ""
        if unit.item is not None and leading_subject(unit.text) is None:
            label = self.cite(unit.doc_id, unit.article)
            return [], f"{label}规定“{unit.lead_in.rstrip(':：')}”。"
        first = split_sentences(unit.text)[0][1]
        return ([first] if first != sentence else []), ""

    def swap_frequency(self, text: str) -> tuple[str, str, str] | None:
        found = frequencies_in(text)
        if not found or all(f in ("定期", "经常性") for f in found):
            return None
        for old, new in FREQUENCY_SWAPS:
            pos = text.find(old)
            if pos >= 0 and not (old == "每年" and text[pos:pos + 4] == "每年至少"):
                if old == "每季度" and text[pos:pos + 5] == "每季度至少":
                    continue
                return text[:pos] + new + text[pos + len(old):], old, new
        return None

    def term_windows(self, doc_id: str, number: int, term: str):
        """(unit, sentence, window, window with the term blanked) for each sentence of the article
        that holds the term exactly once."""
        for unit in self.units:
            if unit.doc_id != doc_id or unit.article != number:
                continue
            for _, sentence in split_sentences(unit.text):
                if sentence.count(term) != 1:
                    continue
                pos = sentence.find(term)
                window = self.window(sentence, pos, pos + len(term))
                if window is None:
                    continue
                start, end = window
                shown = sentence[start:end]
                if shown.count(term) != 1 or not balanced(shown.replace(term, "")):
                    continue
                yield unit, sentence, shown, shown.replace(term, BLANK, 1)

    @staticmethod
    def window(sentence: str, start: int, end: int, limit: int = MAX_STATEMENT) -> tuple[int, int] | None:
        """A span of whole clauses of the sentence around [start, end): from the sentence start when
        that fits, at least about 20 characters, not ending on a dangling 的."""
        clauses = clause_spans(sentence)
        first = next((i for i, (s, e) in enumerate(clauses) if s <= start < e), None)
        last = next((i for i, (s, e) in enumerate(clauses) if s < end <= e), None)
        if first is None or last is None:
            return None
        i, j = first, last
        lo, hi = clauses[i][0], clauses[j][1]
        if hi <= limit:
            i, lo = 0, 0
        while hi - lo < 20:
            if i > 0 and hi - clauses[i - 1][0] <= limit:
                i -= 1
                lo = clauses[i][0]
            elif j + 1 < len(clauses) and clauses[j + 1][1] - lo <= limit:
                j += 1
                hi = clauses[j][1]
            else:
                break
        while sentence[lo:hi].endswith("的") and j + 1 < len(clauses) and clauses[j + 1][1] - lo <= limit:
            j += 1
            hi = clauses[j][1]
        if j == len(clauses) - 1:
            hi = len(sentence)  # keep the closing mark
        return (lo, hi) if hi - lo <= limit + 1 else None
