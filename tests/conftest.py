"""Shared fixtures: the real corpus and a real index built once per session in a temp dir."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.config import PROJECT_ROOT, Settings

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def settings(tmp_path_factory) -> Settings:
    """Settings on a private copy of corpus/ and a private index, so tests never touch the repo's."""
    root = tmp_path_factory.mktemp("assistant")
    shutil.copytree(PROJECT_ROOT / "corpus", root / "corpus", ignore=shutil.ignore_patterns("ingested"))
    return Settings.from_env(corpus_dir=root / "corpus", index_dir=root / "index", auto_build=False)


@pytest.fixture(scope="session")
def built(settings) -> Settings:
    from assistant.index import build

    build(settings, progress=lambda _: None)
    return settings


@pytest.fixture(scope="session")
def index(built):
    from assistant.index import open_index

    return open_index(built)


@pytest.fixture(scope="session")
def retriever(index):
    from assistant.retrieve import Retriever

    return Retriever(index)


@pytest.fixture()
def fresh(tmp_path) -> Settings:
    """A throwaway corpus + index directory for tests that change things."""
    shutil.copytree(PROJECT_ROOT / "corpus", tmp_path / "corpus", ignore=shutil.ignore_patterns("ingested"))
    return Settings.from_env(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index", auto_build=False)
