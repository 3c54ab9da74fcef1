"""The index under index/: a Chroma store (dense) and BM25 token lists (lexical), built aside and
swapped in atomically, with a manifest that records the corpus fingerprint and the embedder."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import numpy as np

from .config import Settings
from .corpus import Chunk, Corpus, load_corpus
from .embed import make_embedder
from .errors import AssistantError, IndexMissingError
from .lexical import BM25, Tokenizer, bigrams, write_dictionary
from .roles import leading_subjects, subjects_in

COLLECTION = "regulations"
FORMAT_VERSION = 3
DICTIONARY = "jieba.dict"
Progress = Callable[[str], None]


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def embedder_id(settings: Settings) -> str:
    return "st:" + Path(settings.st_model_path).name if settings.embedder == "st" and settings.st_model_path else settings.embedder


@contextmanager
def _build_lock(index_dir: Path):
    index_dir.mkdir(parents=True, exist_ok=True)
    with open(index_dir / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def chroma_store(path: Path, embeddings):
    """LangChain's Chroma vector store on a persistent client, telemetry off, cosine space.

    The embedding function is always passed: without it Chroma would try to download its own.
    """
    import chromadb
    from chromadb.config import Settings as ChromaSettings
    from langchain_chroma import Chroma

    client = chromadb.PersistentClient(path=str(path), settings=ChromaSettings(anonymized_telemetry=False))
    return Chroma(client=client, collection_name=COLLECTION, embedding_function=embeddings,
                  collection_metadata={"hnsw:space": "cosine"})


def build(settings: Settings, progress: Progress = _stderr) -> dict:
    """Parse the sources and build the index aside, then swap it in. Safe to re-run."""
    with _build_lock(settings.index_dir):
        started = time.perf_counter()
        corpus = load_corpus(settings)
        errors = [a for a in corpus.anomalies if a.level == "error"]
        if errors:
            raise AssistantError("语料有错误，未构建索引：" + "；".join(a.message for a in errors))
        chunks = corpus.chunks()
        progress(f"语料：{len(corpus.loaded_documents())} 份文件，{len(chunks)} 个检索单元")
        builds = settings.index_dir / "builds"
        builds.mkdir(parents=True, exist_ok=True)
        target = builds / f"{datetime.now(timezone.utc):%Y%m%dT%H%M%S}-{os.getpid()}"
        try:
            _write_build(target, corpus, chunks, settings, progress)
            manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
            manifest["build_seconds"] = round(time.perf_counter() - started, 2)
            (target / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
            _swap(settings.index_dir, target)
        except BaseException:
            shutil.rmtree(target, ignore_errors=True)
            raise
        progress(f"索引已构建：{target.name}（{manifest['build_seconds']} 秒）")
        return manifest


def _write_build(target: Path, corpus: Corpus, chunks: list[Chunk], settings: Settings, progress: Progress) -> None:
    texts = [c.indexed_text for c in chunks]
    target.mkdir(parents=True)
    vocabulary = write_dictionary(texts + _query_vocabulary(), target / DICTIONARY)
    tokenizer = Tokenizer(target / DICTIONARY, cache_dir=target)
    lexical = {
        "ids": [c.id for c in chunks],
        "words": [tokenizer.words(t) for t in texts],
        "bigrams": [bigrams(t) for t in texts],
        "subjects": [subjects_in(t) for t in texts],
        "leads": [leading_subjects(c.text, _lead_in(corpus, c)) for c in chunks],
    }
    progress(f"词法索引：完成（jieba 分词，词典 {vocabulary} 词 + 字二元组）")
    store = chroma_store(target / "chroma", make_embedder(settings))
    batch = 64
    for start in range(0, len(chunks), batch):
        part = chunks[start:start + batch]
        store.add_texts(texts=[c.indexed_text for c in part], ids=[c.id for c in part],
                        metadatas=[_metadata(c, subs) for c, subs in zip(part, lexical["subjects"][start:start + batch])])
        progress(f"向量索引：{min(start + batch, len(chunks))}/{len(chunks)}")
    del store
    (target / "lexical.json").write_text(json.dumps(lexical, ensure_ascii=False), encoding="utf-8")
    manifest = {
        "format": FORMAT_VERSION,
        "fingerprint": corpus.fingerprint,
        "tables": tables_digest(),
        "embedder": embedder_id(settings),
        "chunks": len(chunks),
        "documents": {d.doc_id: len(d.articles) for d in corpus.loaded_documents()},
        "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    (target / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")


# The reviewed tables that shape what is indexed (the jieba dictionary, the words kept, the
# subjects and leads of each chunk): editing one makes the index stale, like editing the texts.
INDEX_TABLES = ("userdict.txt", "synonyms.json", "roles.json")


def tables_digest() -> str:
    """A digest of the tables and stopwords the lexical index was built with."""
    import hashlib
    from importlib import resources

    from .lexical import STOPWORDS

    digest = hashlib.sha256(" ".join(sorted(STOPWORDS)).encode())
    for name in INDEX_TABLES:
        digest.update(resources.files("assistant").joinpath("data", name).read_bytes())
    return digest.hexdigest()[:16]


def _query_vocabulary() -> list[str]:
    """Everyday words from the synonyms table, so questions using them segment well."""
    from .corpus import load_data

    terms = load_data("synonyms.json")["terms"]
    return list(terms) + [t for targets in terms.values() for t in targets]


def _lead_in(corpus: Corpus, chunk: Chunk) -> str:
    return corpus.doc(chunk.doc_id).article(chunk.article).lead_in if chunk.item is not None else ""


def _metadata(chunk: Chunk, subjects: list[str]) -> dict:
    # Chroma metadata values must be scalars: 0 stands for "no item / no paragraph".
    return {"doc_id": chunk.doc_id, "chapter": chunk.chapter, "article": chunk.article, "item": chunk.item or 0,
            "paragraph": chunk.paragraph or 0, "label": chunk.label, "subjects": "|".join(subjects)}


def _swap(index_dir: Path, target: Path) -> None:
    """Point index/current at the new build with one atomic rename, then drop older builds."""
    link = index_dir / "current"
    tmp_link = index_dir / f".current-{os.getpid()}"
    tmp_link.unlink(missing_ok=True)
    tmp_link.symlink_to(Path("builds") / target.name)
    os.replace(tmp_link, link)
    for old in (index_dir / "builds").iterdir():
        if old.name != target.name:
            shutil.rmtree(old, ignore_errors=True)


@dataclass
class Index:
    """A built index, opened for searching. Dense parts load on first use."""

    settings: Settings
    corpus: Corpus
    path: Path
    manifest: dict
    chunks: list[Chunk]
    subjects: list[tuple[str, ...]]  # subjects the chunk mentions
    leads: list[tuple[str, ...]]  # subjects the chunk is about (named at its start)
    words: BM25
    bigrams: BM25
    _embeddings: object = field(default=None, repr=False)
    _collection: object = field(default=None, repr=False)

    def __post_init__(self):
        self.positions = {c.id: i for i, c in enumerate(self.chunks)}
        self._lock = threading.Lock()  # the UI searches from several threads; open Chroma once

    @property
    def tokenizer(self):
        """jieba on the dictionary built with this index (the same segmentation as the chunks)."""
        from .lexical import shared_tokenizer

        return shared_tokenizer(str(self.path / DICTIONARY), str(self.path))

    @property
    def embeddings(self):
        with self._lock:
            if self._embeddings is None:
                self._embeddings = make_embedder(self.settings)
        return self._embeddings

    @property
    def collection(self):
        """The Chroma collection itself: searching needs only ids and distances, and opening it
        without langchain_chroma saves half a second of imports on every cold start."""
        if self._collection is not None:
            return self._collection
        with self._lock:
            if self._collection is not None:
                return self._collection
            import chromadb
            from chromadb.config import Settings as ChromaSettings

            client = chromadb.PersistentClient(path=str(self.path / "chroma"), settings=ChromaSettings(anonymized_telemetry=False))
            self._collection = client.get_collection(COLLECTION, embedding_function=None)
        return self._collection

    def dense_scores(self, query: str, k: int = 100) -> np.ndarray:
        """Cosine similarity of the query to its `k` nearest chunks in Chroma (0 for the rest).

        The query is embedded through the LangChain `Embeddings` interface; the neighbours come
        from the collection with ids and distances only (LangChain's wrapper would also fetch and
        convert every document, several times the cost of the search itself)."""
        vector = self.embeddings.embed_query(query)
        result = self.collection.query(query_embeddings=[vector], n_results=min(k, len(self.chunks)),
                                       include=["distances"])
        scores = np.zeros(len(self.chunks))
        for chunk_id, distance in zip(result["ids"][0], result["distances"][0]):
            scores[self.positions[chunk_id]] = 1.0 - float(distance)
        return scores


def status(settings: Settings, corpus: Corpus | None = None) -> tuple[str, dict | None]:
    """("ok" | "missing" | "stale", manifest)."""
    manifest_path = settings.index_dir / "current" / "manifest.json"
    if not manifest_path.exists():
        return "missing", None
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    corpus = corpus or load_corpus(settings)
    fresh = (manifest.get("format") == FORMAT_VERSION and manifest.get("fingerprint") == corpus.fingerprint
             and manifest.get("tables") == tables_digest() and manifest.get("embedder") == embedder_id(settings))
    return ("ok" if fresh else "stale"), manifest


def open_index(settings: Settings, progress: Progress = _stderr) -> Index:
    """Open the current index; rebuild it when missing or stale if `auto_build`, else explain."""
    corpus = load_corpus(settings)
    state, manifest = status(settings, corpus)
    if state != "ok":
        reason = "索引尚未构建" if state == "missing" else "语料、词表或嵌入模型已变化，索引已过期"
        if not settings.auto_build:
            raise IndexMissingError(f"{reason}。请先运行：python -m assistant build")
        progress(f"{reason}，正在自动构建……")
        build(settings, progress)
        state, manifest = status(settings, corpus)
    path = (settings.index_dir / "current").resolve()
    lexical = json.loads((path / "lexical.json").read_text(encoding="utf-8"))
    by_id = {c.id: c for c in corpus.chunks()}
    chunks = [by_id[i] for i in lexical["ids"]]
    return Index(settings=settings, corpus=corpus, path=path, manifest=manifest, chunks=chunks,
                 subjects=[tuple(s) for s in lexical["subjects"]], leads=[tuple(s) for s in lexical["leads"]], words=BM25(lexical["words"]),
                 bigrams=BM25(lexical["bigrams"]))
