"""Reading the quiz documents: text helpers, the finest places (units) of the 细则 and the 促进法, and the
explanation format (an analysis, then “依据<place>：” and verbatim quotes) that every question ends with."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .corpus import Corpus
from .errors import AssistantError
from .parse import CN_DIGITS, SENTENCE_RE
from .roles import subjects

RULES = "beijing-rules"
LAW = "promotion-law"
QUIZ_DOCS = (RULES, LAW)

# A frequency written as the options of a "how often" question write it.
FREQUENCY_RE = re.compile(r"每季度至少\d+次|每季度\d+次以上|每年至少\d+次|任期内走遍|原则上每年走遍或联系|不定期|每年|定期|经常性")
# Verbatim tokens that may be blanked in a frequency sentence.
FREQUENCY_TOKEN_RE = re.compile(r"每季度|每年|不定期|任期内|经常性|\d+次以上|\d+次|\d+个以上")

CLAUSE_SPLIT = re.compile(r"[，,；;。：:！？]")
_PUNCT = set("，,、。；;：:“”\"‘’'（）()！？!?《》<>…—-·　 \n\t[]【】")


@lru_cache(maxsize=65536)
def norm(text: str) -> str:
    return "".join(ch for ch in text if ch not in _PUNCT)


def split_sentences(text: str) -> list[tuple[int, str]]:
    """(start, sentence) with its closing mark, spans of `text`."""
    return [(m.start(), m.group(0)) for m in SENTENCE_RE.finditer(text) if m.group(0).strip()]


def clause_spans(sentence: str) -> list[tuple[int, int]]:
    """(start, end) of the clauses of a sentence, without their separators."""
    out, start = [], 0
    for m in CLAUSE_SPLIT.finditer(sentence):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(sentence):
        out.append((start, len(sentence)))
    return out


def strip_end(text: str) -> str:
    return text.rstrip("。；;，,：:！？!? \n")


def balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        if ch == "“":
            depth += 1
        elif ch == "”":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0 and text.count("（") + text.count("(") == text.count("）") + text.count(")")


def frequency_class(value: str) -> str:
    if value.startswith("每季度"):
        return "每季度"
    if value.startswith("每年") and "走遍" not in value:
        return "每年"
    return value


def _quote_block(quotes: list[str]) -> str:
    return "；".join(f"“{q}”" for q in quotes)


def explain(analysis: str, cite: str, quotes: list[str]) -> str:
    return f"{analysis}依据{cite}：{_quote_block(quotes)}"


def explanation_quotes(explanation: str, cite: str) -> list[str] | None:
    """The verbatim quotes an explanation ends with (after “依据<cite>：”), or None if it has none."""
    marker = f"依据{cite}："
    pos = explanation.rfind(marker)
    if pos < 0:
        return None
    rest = explanation[pos + len(marker):]
    quotes, i = [], 0
    while i < len(rest):
        if rest[i] != "“":
            return None
        depth, j = 0, i
        while j < len(rest):
            if rest[j] == "“":
                depth += 1
            elif rest[j] == "”":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        if depth != 0:
            return None
        quotes.append(rest[i + 1:j])
        i = j + 1
        if i < len(rest):
            if rest[i] != "；":
                return None
            i += 1
    return quotes or None


@lru_cache(maxsize=1)
def _mention_table() -> tuple[dict[str, str], re.Pattern]:
    names: dict[str, str] = {}
    for subject in subjects():
        for mention in (subject.name, *subject.mentions):
            names.setdefault(mention, subject.name)
    ordered = sorted(names, key=lambda m: (-len(m), m))  # the longest alternative wins at a position
    return names, re.compile("|".join(re.escape(m) for m in ordered))


@lru_cache(maxsize=65536)
def leading_subject(text: str, window: int = 1) -> tuple[str, int, int] | None:
    """(subject name, start, end) of the subject written at the very start of `text` (a leading 各
    allowed): the one reaching farthest."""
    names, pattern = _mention_table()
    best = None
    for pos in range(min(window, len(text)) + 1):
        match = pattern.match(text, pos)
        if match and (best is None or match.end() > best[2]):
            best = (names[match.group(0)], pos, match.end())
    return best


def mentions_of(name: str) -> tuple[str, ...]:
    subject = next((s for s in subjects() if s.name == name), None)
    return tuple(dict.fromkeys((name, *subject.mentions))) if subject else (name,)


_CITES: dict[tuple, tuple] = {}


def cite_label(corpus: Corpus, doc_id: str, article: int, item: int | None = None) -> str:
    """`corpus.doc(doc_id).cite(article, item)`, remembered (the document is kept with it, so its
    id stays its own)."""
    doc = corpus.doc(doc_id)
    key = (id(doc), article, item)
    hit = _CITES.get(key)
    if hit is None:
        if len(_CITES) > 20000:
            _CITES.clear()
        hit = _CITES[key] = (doc, doc.cite(article, item))
    return hit[1]


# ---------------------------------------------------------------- places

def place_of(corpus: Corpus, doc_id: str, article: int, item: int | None) -> tuple[str, str, str]:
    """(text, context, lead_in) of a place; context is the lead-in plus the item for an item."""
    art = corpus.doc(doc_id).article(article)
    if item is None:
        return art.text, art.text, ""
    found = art.item(item)
    if found is None:
        raise AssistantError(f"{corpus.doc(doc_id).cite(article)}没有第{item}项")
    return found.text, f"{art.lead_in}\n{found.text}", art.lead_in


@dataclass(frozen=True)
class Unit:
    """A finest piece of an article: an item, or a paragraph that is not part of an item."""

    doc_id: str
    article: int
    item: int | None
    text: str
    lead_in: str
    chapter: str
    subject: str | None  # the subject the unit is about (written at its start or its lead-in's)
    written: str | None  # how that subject is written there (without a leading 各)


def quiz_units(corpus: Corpus) -> list[Unit]:
    out = []
    for doc_id in QUIZ_DOCS:
        doc = corpus.documents.get(doc_id)
        if doc is None or not doc.loaded:
            continue
        for art in doc.articles:
            lead = leading_subject(art.lead_in) if art.lead_in else None
            for it in art.items:
                own = leading_subject(it.text)
                who = own or lead
                source = it.text if own else art.lead_in
                out.append(Unit(doc_id, art.number, it.number, it.text, art.lead_in, art.chapter,
                                who[0] if who else None, source[who[1]:who[2]] if who else None))
            for _, paragraph in art.loose_paragraphs():
                who = leading_subject(paragraph)
                out.append(Unit(doc_id, art.number, None, paragraph, "", art.chapter,
                                who[0] if who else None, paragraph[who[1]:who[2]] if who else None))
    return out


def chapter_tag(unit_or_chapter, doc_id: str) -> str:
    chapter = unit_or_chapter if isinstance(unit_or_chapter, str) else unit_or_chapter.chapter
    name = re.sub(rf"^第[{CN_DIGITS}\d]+章\s*", "", chapter or "").strip()
    if doc_id == LAW:
        return f"促进法·{name}" if name else "促进法"
    return name or "细则"
