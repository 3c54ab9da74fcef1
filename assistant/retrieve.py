"""Hybrid retrieval: exact references first, then BM25 (jieba words + character bigrams) over a
query expanded with role aliases and everyday synonyms, fused with dense (Chroma) similarity
and a boost for passages that name the subject the user asked about. Results are per article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from .corpus import Chunk, load_data
from .errors import InputError
from .index import Index
from .lexical import BM25, bigrams
from .refs import find_references, named_documents
from .roles import BEIJING_LEVELS, broader, resolve, resolve_spans, subjects as all_subjects, without_roles

CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")
WHO_RE = re.compile(r"哪个部门|哪些部门|哪个局|哪个委|哪个单位|哪家|谁负责|谁管|归谁|谁来|由谁|谁牵头|归哪")
# Words of a question about consequences (what happens to whoever fails).
CONSEQUENCE_WORDS = ("问责", "追责", "处分", "约谈", "后果", "会怎样", "会咋样", "不履行", "不作为", "处理", "责任追究", "干不好", "失职")
# 奖惩 (第二十二至二十四条) name no role of their own: the role a question names would mislead
REWARD_OR_PENALTY_WORDS = CONSEQUENCE_WORDS + ("奖励", "表彰", "嘉奖", "显著成绩", "滞后", "不力")
# 至少一次 → 至少1次 as the text writes it; but 一个 is mostly "a" (并成一个, 一个村), a count only
# before 以上 or after 至少
SMALL_NUMBER_RE = re.compile(r"([一二两三四五六七八九])(次|回|遍)|([二两三四五六七八九])(个)|(?<=至少)(一)(个)|(一)(个)(?=以上)")
_SMALL = {"一": "1", "二": "2", "两": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}


@dataclass(frozen=True)
class Weights:
    """Fusion weights, tuned on evals/retrieval.jsonl (see `python -m assistant eval --tune`)."""

    words: float = 1.0
    names: float = 0.1
    synonyms: float = 0.5
    bigrams: float = 0.5
    dense: float = 0.15
    subject: float = 0.0
    lead: float = 0.6
    who: float = 0.5
    document: float = 0.8
    whole: float = -0.3  # an article as a whole, where its items or paragraphs are chunks too
    penalties: float = 0.3  # the places on rewards, penalties and legal liability, for a consequence question


@dataclass
class Hit:
    chunk: Chunk
    score: float
    exact: bool = False

    def as_dict(self, corpus) -> dict:
        doc = corpus.doc(self.chunk.doc_id)
        return {"doc_id": self.chunk.doc_id, "article": self.chunk.article, "item": self.chunk.item,
                "label": self.chunk.label, "title": self.chunk.title, "score": round(float(self.score), 4),
                "text": self.chunk.text, "cite": doc.cite(self.chunk.article, self.chunk.item),
                "exact": self.exact}


@dataclass
class Query:
    raw: str  # as asked (cleaned): references are read from it
    text: str  # without document names, small numerals as digits
    names: str = ""  # the regulation's names for the roles it mentions
    synonyms: str = ""  # the regulation's words for everyday terms in it
    subjects: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)  # named only as whom something goes to (向领导小组报告)

    @property
    def actors(self) -> list[str]:
        """The subjects that act: not those only reported to or done to, unless there are no others."""
        return [s for s in self.subjects if s not in self.recipients] or self.subjects


def clean_query(text: str | None, max_chars: int) -> str:
    """Reject empty, oversized or control-character input with a message a user can act on."""
    if text is None or not str(text).strip():
        raise InputError("问题为空，请输入要查询的内容，例如：区委书记每季度要听几次汇报？")
    text = str(text)
    if CONTROL_RE.search(text):
        raise InputError("问题中含有无法识别的控制字符（可能是从别处复制带来的），请删除后重试。")
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) > max_chars:
        raise InputError(f"问题过长（{len(text)} 字，上限 {max_chars} 字），请只保留要问的内容后重试。")
    return text


@lru_cache(maxsize=1)
def _synonyms() -> list[tuple[str, list[str]]]:
    terms = load_data("synonyms.json")["terms"]
    return sorted(terms.items(), key=lambda pair: -len(pair[0]))


def synonym_terms() -> list[str]:
    """The everyday terms of the synonyms table, longest first."""
    return [term for term, _ in _synonyms()]


def analyse(text: str) -> Query:
    """Normalise small numerals and add the regulation's own words for aliases and everyday terms."""
    normal = SMALL_NUMBER_RE.sub(lambda m: "".join(_SMALL.get(g, g) for g in m.groups() if g), text)
    named = named_documents(normal)
    # A document's name says where to look, not what to look for: match on the rest.
    for position, alias in sorted({(p, a) for p, _, a in named}, reverse=True):
        normal = normal[:position] + " " + normal[position + len(alias):]
    normal = re.sub(r"\s+", " ", normal).strip() or text
    subjects = resolve(normal)
    spans = resolve_spans(normal)
    # whom something goes to or is done to (向领导小组汇报, 对各区审计), not who does it
    recipients = {s.name for start, _, s in spans if start and normal[start - 1] in "向给对"}
    recipients -= {s.name for start, _, s in spans if not (start and normal[start - 1] in "向给对")}
    names: list[str] = []
    for subject in subjects:
        names.extend(dict.fromkeys([subject.name, *subject.mentions]))
    synonyms = [target for term, targets in _synonyms() if term in normal for target in targets]
    documents = list(dict.fromkeys(doc for _, doc, _ in named))
    return Query(raw=text, text=normal, names=" ".join(names), synonyms=" ".join(dict.fromkeys(synonyms)),
                 subjects=[s.name for s in subjects], documents=documents,
                 recipients=[s.name for s in subjects if s.name in recipients])


def _mentions(query: Query, words: tuple[str, ...]) -> bool:
    """The question, or the regulation's words for its everyday terms, holds one of `words`."""
    return any(w in f"{query.text} {query.synonyms}" for w in words)


def _normalise(scores: np.ndarray) -> np.ndarray:
    top = scores.max() if scores.size else 0.0
    return scores / top if top > 0 else scores


def _normalise_dense(scores: np.ndarray) -> np.ndarray:
    floor = float(np.median(scores))
    top = float(scores.max())
    if top <= floor:
        return np.zeros_like(scores)
    return np.clip((scores - floor) / (top - floor), 0.0, 1.0)


def fuse(parts: dict[str, np.ndarray | None], weights: Weights) -> np.ndarray:
    total = None
    for name, values in parts.items():
        if values is None:
            continue
        weighted = getattr(weights, name) * values
        total = weighted if total is None else total + weighted
    return total


class Retriever:
    """Search the index. `mode`: hybrid (default), bm25 (plain jieba + BM25 baseline) or dense."""

    def __init__(self, index: Index, weights: Weights | None = None):
        self.index = index
        self.weights = weights or Weights()
        self.tokenizer = index.tokenizer
        self._baseline: BM25 | None = None
        self._chunk_docs = np.array([c.doc_id for c in index.chunks])
        self._has_lead = np.array([1.0 if leads else 0.0 for leads in index.leads])
        # An article that also has item or paragraph chunks: as a whole it piles up the terms of all
        # its parts, while one of its parts answers better.
        # Items answer more precisely than paragraphs, so an itemized whole is penalized fully.
        self._departments = {name for c, leads in zip(index.chunks, index.leads)
                             if c.doc_id == "beijing-rules" and c.article == 5 and c.item for name in leads}
        self._beijing_roles = {s.name for s in all_subjects() if s.level in BEIJING_LEVELS}
        self._penalties = np.array([1.0 if "奖惩" in c.chapter or "依法追究" in c.text else 0.0
                                    for c in index.chunks])
        itemized = {(c.doc_id, c.article) for c in index.chunks if c.item is not None}
        split = {(c.doc_id, c.article) for c in index.chunks if c.paragraph is not None}
        self._whole = np.array([0.0 if c.item is not None or c.paragraph is not None else
                                1.0 if (c.doc_id, c.article) in itemized else
                                1 / 3 if (c.doc_id, c.article) in split else 0.0 for c in index.chunks])

    # -- public -------------------------------------------------------------------------
    def search(self, text: str, k: int = 5, mode: str = "hybrid") -> list[Hit]:
        if k < 1 or k > 50:
            raise InputError("返回条数 -k 应在 1 到 50 之间。")
        query = clean_query(text, self.index.settings.max_query_chars)
        if mode == "bm25":
            return self.rank(self._baseline_scores(query), k)
        if mode == "dense":
            return self.rank(self.index.dense_scores(query), k)
        analysed = analyse(query)
        scores = self.scores(analysed)
        exact = self.exact_hits(analysed)
        hits = self.rank(scores, k, skip={(h.chunk.doc_id, h.chunk.article) for h in exact})
        top = max([h.score for h in hits] + [0.0])
        for hit in exact:
            hit.score = top + 1.0
        return (exact + hits)[:k]

    def components(self, query: Query) -> dict[str, np.ndarray]:
        """Each signal, normalised to 0..1 per query, for every chunk."""
        words = self.tokenizer.words
        # 区委区政府能给乡镇奖励吗？, 市里负总责还是区里负总责？: the role a reward or penalty concerns, or the
        # roles compared, are not what the passage is about
        unsteered = _mentions(query, REWARD_OR_PENALTY_WORDS) or self._compares_roles(query.text)
        text = without_roles(query.text) if unsteered else query.text
        parts = {
            "words": _normalise(self.index.words.scores(words(text))),
            "names": _normalise(self.index.words.scores(words(query.names))) if query.names and not unsteered else None,
            "bigrams": _normalise(self.index.bigrams.scores(bigrams(f"{query.text} {query.names}"))),
            "synonyms": _normalise(self.index.words.scores(words(query.synonyms))) if query.synonyms else None,
            "whole": self._whole,
        }
        if self.weights.dense:
            parts["dense"] = _normalise_dense(self.index.dense_scores(query.text))
        wanted = set() if unsteered else self._steering(query)
        parts["subject"] = np.array([1.0 if wanted & set(s) else 0.0 for s in self.index.subjects]) if wanted else None
        parts["lead"] = np.array([1.0 if wanted & set(s) else 0.0 for s in self.index.leads]) if wanted else None
        parts["penalties"] = self._penalties if _mentions(query, CONSEQUENCE_WORDS) else None
        # "Who is responsible" questions are answered by passages that name their subject.
        parts["who"] = self._has_lead if WHO_RE.search(query.text) else None
        parts["document"] = np.isin(self._chunk_docs, query.documents).astype(float) if query.documents else None
        if unsteered and not query.documents and self._beijing_roles.intersection(query.subjects):
            # 区里能给干得好的乡镇奖励吗？: Beijing's own rewards and penalties (第二十二至二十四条), not the law's
            parts["document"] = (self._chunk_docs == "beijing-rules").astype(float)
        if query.documents:  # "我在市财政局，想知道促进法…": the named document outranks the asker's own role
            for name in ("subject", "lead"):
                if parts[name] is not None:
                    parts[name] = parts[name] * parts["document"]
        return parts

    def _steering(self, query: Query) -> set[str]:
        """The subjects whose passages the question is about (components() skips this for questions
        on rewards or penalties, 村干部失职会怎样, and for roles compared, 市里负总责还是区里负总责？)."""
        # the one who acts, not whom it reports to (市有关部门向领导小组报告: 第十七条, not 领导小组's 第十八条)
        # a passage written for 各级党委和政府 is about the township's party committee too
        wanted = {name for subject in query.actors for name in (subject, *broader(subject))}
        if "市有关部门" in wanted:  # 市里哪个部门管…: each department of 第五条 is one of them
            wanted |= self._departments
            if WHO_RE.search(query.text):  # which one is asked: the passages about all of them do not answer
                wanted.discard("市有关部门")
        return wanted

    @staticmethod
    def _compares_roles(text: str) -> bool:
        """Roles named on both sides of 还是 (是村主任还是村支书？)."""
        at = text.find("还是")
        if at < 0:
            return False
        spans = resolve_spans(text)
        return any(end <= at for _, end, _ in spans) and any(start >= at + 2 for start, _, _ in spans)

    def scores(self, query: Query) -> np.ndarray:
        """Fused score of every chunk for an analysed query."""
        return fuse(self.components(query), self.weights)

    def exact_hits(self, query: Query) -> list[Hit]:
        """Places the question names outright (第九条, 促进法第七十一条, 细则第5条第八项)."""
        corpus = self.index.corpus
        hits: list[Hit] = []
        for ref in find_references(query.raw):
            doc_id = ref.doc_id or ("promotion-law" if ref.article > len(corpus.doc("beijing-rules").articles) else "beijing-rules")
            doc = corpus.documents.get(doc_id)
            if doc is None or not doc.loaded or not 1 <= ref.article <= len(doc.articles):
                continue
            item = ref.item if ref.kind == "item" and ref.item and doc.article(ref.article).item(ref.item) else None
            chunk_id = f"{doc_id}:{ref.article}:{item or 0}:0"
            position = self.index.positions.get(chunk_id)
            if position is not None and all(h.chunk.id != chunk_id for h in hits):
                hits.append(Hit(self.index.chunks[position], 0.0, exact=True))
        return hits

    # -- helpers ------------------------------------------------------------------------
    def rank(self, scores: np.ndarray, k: int, skip: set | None = None) -> list[Hit]:
        """Best chunk per article, articles by their best chunk's score; `skip` holds (doc_id, article)."""
        seen = set(skip or ())
        hits: list[Hit] = []
        for position in np.argsort(-scores, kind="stable"):
            chunk = self.index.chunks[position]
            key = (chunk.doc_id, chunk.article)
            if key in seen:
                continue
            seen.add(key)
            hits.append(Hit(chunk, float(scores[position])))
            if len(hits) == k:
                break
        return hits

    def _baseline_scores(self, query: str) -> np.ndarray:
        """The plain baseline: default jieba, BM25 over the same chunks, no expansion or structure."""
        import jieba

        if self._baseline is None:
            jieba.setLogLevel(60)
            self._baseline = BM25([_plain_tokens(jieba, c.indexed_text) for c in self.index.chunks])
        return self._baseline.scores(_plain_tokens(jieba, query))


def _plain_tokens(jieba, text: str) -> list[str]:
    return [t for t in jieba.lcut(text) if re.search(r"[\u4e00-\u9fffA-Za-z0-9]", t)]
