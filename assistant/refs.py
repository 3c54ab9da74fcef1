"""Exact references in free text: "第九条", "细则第5条第八项", "促进法第七十一条", "第九条第（二）项"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .corpus import load_data
from .parse import CN_DIGITS, cn_to_int

_NUM = rf"[{CN_DIGITS}\d]+"
REF_RE = re.compile(rf"第\s*({_NUM})\s*条(?:\s*第?\s*[（(]?\s*({_NUM})\s*[)）]?\s*[项款])?")
# A document named right before a reference: 《细则》, 促进法, 本细则 …
LAW_WORDS = ("法律", "国家法", "法条")
# Both documents at once, in questions that compare them (两份文件分别怎么说).
BOTH_WORDS = ("两份文件", "两个文件", "两部文件", "两份规定", "两个规定", "两部法规", "两部法律法规")
BOTH = ("beijing-rules", "promotion-law")


@dataclass(frozen=True)
class Reference:
    doc_id: str | None  # None: not named, the caller picks a default
    article: int
    item: int | None
    start: int
    end: int
    raw: str
    kind: str = "item"  # "item" (第…项) or "paragraph" (第…款)


@lru_cache(maxsize=1)
def _doc_aliases() -> list[tuple[str, str]]:
    pairs = [(alias, meta["doc_id"]) for meta in load_data("sources.json") for alias in [meta["title"], *meta["aliases"]]]
    return sorted(pairs, key=lambda p: -len(p[0]))


def named_documents(text: str) -> list[tuple[int, str, str]]:
    """(position, doc_id, the words that named it) for every document named in the text."""
    found, taken = [], set()
    for alias, doc_id in _doc_aliases():
        for match in re.finditer(re.escape(alias), text):
            span = set(range(match.start(), match.end()))
            if not span & taken:
                found.append((match.start(), doc_id, alias))
                taken |= span
    for word in LAW_WORDS:
        for match in re.finditer(word, text):
            if match.start() not in taken:
                found.append((match.start(), "promotion-law", word))
    for word in BOTH_WORDS:
        for match in re.finditer(word, text):
            if match.start() not in taken:
                found.extend((match.start(), doc_id, word) for doc_id in BOTH)
                taken |= set(range(match.start(), match.end()))
    return sorted(found)


def find_references(text: str) -> list[Reference]:
    """Every 第N条 (with an optional 第M项/款) in the text, with the document named closest before it
    in the same sentence."""
    docs = named_documents(text)
    out = []
    for match in REF_RE.finditer(text):
        sentence_start = max(text.rfind(ch, 0, match.start()) for ch in "。！？；\n") + 1
        before = [d for pos, d, _ in docs if sentence_start <= pos < match.start()]
        try:
            article = cn_to_int(match.group(1))
            item = cn_to_int(match.group(2)) if match.group(2) else None
        except (ValueError, TypeError):
            continue
        kind = "paragraph" if match.group(0).endswith("款") else "item"
        out.append(Reference(doc_id=before[-1] if before else None, article=article, item=item,
                             start=match.start(), end=match.end(), raw=match.group(0), kind=kind))
    return out
