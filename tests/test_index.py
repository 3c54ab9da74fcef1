"""Building, swapping and detecting a stale index, on the real corpus and the real Chroma."""

import json

import pytest

from assistant.errors import IndexMissingError
from assistant.index import build, open_index, status


def test_build_records_corpus_fingerprint_and_embedder(built, index):
    manifest = index.manifest
    assert manifest["embedder"] == "use"
    assert manifest["documents"] == {"beijing-rules": 26, "promotion-law": 74}
    assert manifest["chunks"] == len(index.chunks) > 100
    assert status(built)[0] == "ok"
    assert (built.index_dir / "current").is_symlink()


def test_chroma_holds_every_chunk_with_its_metadata(index):
    collection = index.collection
    assert collection.count() == len(index.chunks)
    got = collection.get(ids=["beijing-rules:9:2:0"], include=["metadatas"])
    meta = got["metadatas"][0]
    assert meta["doc_id"] == "beijing-rules" and meta["article"] == 9 and meta["item"] == 2
    assert "涉农区党委和政府主要负责人" in meta["subjects"]


def test_dense_scores_rank_a_paraphrase_near_its_source(index):
    scores = index.dense_scores("财政局要优先保障乡村振兴的财政投入")
    best = index.chunks[int(scores.argmax())]
    assert (best.doc_id, best.article) in {("beijing-rules", 5), ("promotion-law", 58)}


def test_missing_index_says_what_to_run(fresh):
    with pytest.raises(IndexMissingError, match="python -m assistant build"):
        open_index(fresh)


def test_rebuild_is_idempotent_and_stale_index_is_detected(fresh):
    first = build(fresh, progress=lambda _: None)
    second = build(fresh, progress=lambda _: None)
    assert first["fingerprint"] == second["fingerprint"] and first["chunks"] == second["chunks"]
    assert len(list((fresh.index_dir / "builds").iterdir())) == 1  # older builds are dropped
    seed = fresh.corpus_dir / "beijing-rules.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("本细则自发布之日起施行。", "本细则自2023年8月1日起施行。"),
                    encoding="utf-8")
    assert status(fresh)[0] == "stale"
    with pytest.raises(IndexMissingError, match="过期"):
        open_index(fresh)
    rebuilt = open_index(fresh.with_(auto_build=True), progress=lambda _: None)
    assert rebuilt.manifest["fingerprint"] != first["fingerprint"]


def test_an_index_built_with_other_reviewed_tables_is_stale(fresh, monkeypatch):
    # editing userdict.txt, synonyms.json, roles.json or the stopwords changes what is indexed
    build(fresh, progress=lambda _: None)
    assert status(fresh)[0] == "ok"
    from assistant import lexical

    monkeypatch.setattr(lexical, "STOPWORDS", lexical.STOPWORDS | {"新加的停用词"})
    assert status(fresh)[0] == "stale"


def test_a_crash_during_build_leaves_the_previous_index_usable(fresh, monkeypatch):
    build(fresh, progress=lambda _: None)
    before = json.loads((fresh.index_dir / "current" / "manifest.json").read_text())

    def explode(*args, **kwargs):
        raise RuntimeError("simulated crash while embedding")

    monkeypatch.setattr("assistant.embed.UseEmbeddings.embed_documents", explode)
    with pytest.raises(RuntimeError):
        build(fresh, progress=lambda _: None)
    after = json.loads((fresh.index_dir / "current" / "manifest.json").read_text())
    assert after == before
    assert len(list((fresh.index_dir / "builds").iterdir())) == 1  # the half-built one is gone
    assert open_index(fresh).chunks
