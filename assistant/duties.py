"""Structured knowledge of the 细则: who must do what, and how often.

Derived from the corpus (the passages a subject leads — 市财政局负责…, or an item under
各涉农区党委和政府主要负责人…) plus the reviewed relations in assistant/data/duties.json (places
where a subject acts without leading the sentence, the general duties a subject inherits,
and the assessment, supervision and accountability it is subject to)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .corpus import Chunk, Corpus, load_data
from .errors import NotFoundError
from .parse import sentences
from .roles import Subject, broader, leading_subjects, lookup, subjects, suggestions

RULES = "beijing-rules"
# Most specific first; each pattern is searched within one sentence.
FREQUENCIES: list[tuple[re.Pattern, str]] = [
    (re.compile(r"每季度至少[^,，。；;]*?(\d+)次"), "每季度至少{0}次"),
    (re.compile(r"每季度[^,，。；;]*?(\d+)次以上"), "每季度{0}次以上"),
    (re.compile(r"每年至少[^,，。；;]*?(\d+)次"), "每年至少{0}次"),
    (re.compile(r"任期内[^,，。；;]*?走遍"), "任期内走遍"),
    (re.compile(r"每年走遍或者联系"), "原则上每年走遍或联系"),
    (re.compile(r"不定期"), "不定期"),
    (re.compile(r"每年"), "每年"),
    (re.compile(r"(?<!不)定期"), "定期"),
    (re.compile(r"经常性"), "经常性"),
]


def frequencies_in(sentence: str) -> list[str]:
    """Normalized frequencies a sentence states, most specific first, without overlaps
    (每季度至少主持召开1次 is 每季度至少1次, not also 每年)."""
    found, taken = [], set()
    for pattern, template in FREQUENCIES:
        for match in pattern.finditer(sentence):
            span = set(range(match.start(), match.end()))
            if span & taken:
                continue
            taken |= span
            value = template.format(*match.groups())
            if value not in found:
                found.append(value)
    return found


@dataclass(frozen=True)
class Duty:
    doc_id: str
    article: int
    item: int | None
    paragraph: int | None
    text: str  # a verbatim sentence of the place
    frequency: str | None
    subject: str  # the regulation's subject this duty is written for
    source: str  # led | named | inherited
    task: str = ""  # a reviewed paraphrase, where the data file gives one

    def key(self) -> tuple:
        return (self.doc_id, self.article, self.item)

    def as_dict(self, corpus: Corpus) -> dict:
        return {"doc_id": self.doc_id, "article": self.article, "item": self.item, "text": self.text,
                "frequency": self.frequency, "cite": corpus.doc(self.doc_id).cite(self.article, self.item),
                "subject": self.subject, "source": self.source}


class DutyBook:
    """Duties by subject, computed once per corpus."""

    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        self.data = load_data("duties.json")
        self.finest = _finest_chunks(corpus)
        self.by_id = {c.id: c for c in corpus.chunks()}
        self.leads: dict[str, list[Chunk]] = {}
        for chunk in self.finest:
            lead_in = corpus.doc(chunk.doc_id).article(chunk.article).lead_in if chunk.item is not None else ""
            for name in leading_subjects(chunk.text, lead_in):
                self.leads.setdefault(name, []).append(chunk)
        # The 24 departments of 第五条 are the members of 市有关部门.
        self.departments = [c.id for c in self.finest if c.doc_id == RULES and c.article == 5 and c.item]
        self.department_names = {n for cid in self.departments for n in leading_subjects(self.by_id[cid].text)}

    def parents(self, subject: str) -> list[str]:
        parents = list(broader(subject))
        if subject in self.department_names:
            parents += broader("市有关部门成员")
        return parents

    def own_duties(self, subject: str, source: str = "led") -> list[Duty]:
        out: list[Duty] = []
        for chunk in self.leads.get(subject, []):
            out.extend(self._from_chunk(chunk, subject, source))
        for entry in self.data["named"]:
            if entry["subject"] == subject:
                chunk = self.by_id[entry["place"]]
                mentions = _mentions(subject)
                picked = [s for s in sentences(chunk.text) if any(m in s for m in mentions)] or sentences(chunk.text)
                out.extend(self._from_sentences(chunk, picked, subject, "named" if source == "led" else source, entry["duty"]))
        return out

    def duties(self, names: list[str]) -> list[Duty]:
        """Every duty of the subjects, their own first, then those they inherit; no repeats."""
        out: list[Duty] = []
        seen: set[tuple] = set()
        for name in names:
            batches = [self.own_duties(name)] + [self.own_duties(p, "inherited") for p in self.parents(name)]
            for duty in (d for batch in batches for d in batch):
                marker = (duty.key(), duty.text, duty.frequency)
                if marker not in seen:
                    seen.add(marker)
                    out.append(duty)
        return out

    def subject_to(self, names: list[str]) -> list[dict]:
        """Assessment, supervision, disclosure and accountability that apply to the subjects."""
        wanted = set(names) | {p for n in names for p in self.parents(n)}
        out = []
        for entry in self.data["subject_to"]:
            if entry["subject"] in wanted:
                chunk = self.by_id[entry["place"]]
                out.append({"doc_id": chunk.doc_id, "article": chunk.article, "item": chunk.item, "kind": entry["kind"],
                            "note": entry["note"], "text": chunk.text,
                            "cite": self.corpus.doc(chunk.doc_id).cite(chunk.article, chunk.item)})
        return out

    def _from_chunk(self, chunk: Chunk, subject: str, source: str) -> list[Duty]:
        # A sentence that opens with another subject is that subject's (第二十二条: 农领办 评选表彰;
        # 涉农区党委和政府 … 予以奖励).
        own = [s for s in sentences(chunk.text) if leading_subjects(s, window=2) in ([], [subject])]
        return self._from_sentences(chunk, own, subject, source)

    @staticmethod
    def _from_sentences(chunk: Chunk, picked: list[str], subject: str, source: str, task: str = "") -> list[Duty]:
        out = []
        for sentence in picked:
            for frequency in frequencies_in(sentence) or [None]:
                out.append(Duty(chunk.doc_id, chunk.article, chunk.item, chunk.paragraph, sentence, frequency,
                                subject, source, task))
        return out


def _mentions(name: str) -> list[str]:
    subject = next((s for s in subjects() if s.name == name), None)
    return list(subject.mentions) + [name] if subject else [name]


def _finest_chunks(corpus: Corpus) -> list[Chunk]:
    """Items, loose paragraphs, and whole articles only where they have neither."""
    chunks = corpus.chunks()
    split = {(c.doc_id, c.article) for c in chunks if c.item is not None or c.paragraph is not None}
    return [c for c in chunks if c.item is not None or c.paragraph is not None or (c.doc_id, c.article) not in split]


_BOOKS: dict[str, DutyBook] = {}


def duty_book(corpus: Corpus) -> DutyBook:
    """The duty book of a corpus, built once per corpus text."""
    key = corpus.fingerprint
    if key not in _BOOKS:
        _BOOKS.clear()
        _BOOKS[key] = DutyBook(corpus)
    return _BOOKS[key]


def resolve_role(role: str) -> list[Subject]:
    """The regulation's subjects for a role a user typed, or NotFoundError with the closest names."""
    role = (role or "").strip()
    if not role:
        raise NotFoundError("请给出角色，例如：区委书记、镇长、村支书、市财政局。")
    found = lookup(role)
    if not found:
        close = suggestions(role)
        hint = f"您是不是要找：{'、'.join(close)}？" if close else "可用的角色如：区委书记、镇长、村支书、市财政局、农领办。"
        raise NotFoundError(f"细则中没有找到角色“{role}”。{hint}")
    return found


def duties_for(role: str, corpus: Corpus) -> dict:
    """The `duties` command's document: the role, its subjects and every duty with its frequency."""
    found = resolve_role(role)
    names = [s.name for s in found]
    book = duty_book(corpus)
    duties = book.duties(names)
    return {"role": role, "subjects": names, "duties": [d.as_dict(corpus) for d in duties],
            "subject_to": book.subject_to(names), "note": next((s.note for s in found if s.note), "")}


def describe(duty: dict) -> str:
    freq = f"［{duty['frequency']}］" if duty.get("frequency") else ""
    return f"{freq}{duty['text']}（{duty['cite']}）"


