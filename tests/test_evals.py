"""The evaluation runner: metric arithmetic on hand-made rankings, file validation, and the
retrieval targets on the development set with the baseline measured in the same run."""

import json

import pytest

from assistant.config import PROJECT_ROOT
from assistant.errors import InputError
from assistant.evals import evaluate, load_cases, retrieval_metrics

R = "beijing-rules"


def test_metrics_arithmetic():
    cases = [
        {"id": "a", "question": "q", "type": "duty", "gold": [{"doc_id": R, "article": 9, "item": 2}]},
        {"id": "b", "question": "q", "type": "duty", "gold": [{"doc_id": R, "article": 5, "item": None}]},
        {"id": "c", "question": "q", "type": "law", "gold": [{"doc_id": "promotion-law", "article": 7, "item": None}]},
        {"id": "d", "question": "q", "type": "out_of_scope", "gold": []},
    ]
    ranked = [
        [(R, 9, 2), (R, 8, None)],  # rank 1, item hit
        [(R, 4, None), (R, 3, None), (R, 5, 1)],  # rank 3
        [(R, 1, None)] * 5,  # miss
        [],
    ]
    m = retrieval_metrics(cases, ranked)
    assert m["cases"] == 3
    assert m["recall@1"] == pytest.approx(1 / 3, abs=1e-4)
    assert m["recall@3"] == pytest.approx(2 / 3, abs=1e-4)
    assert m["mrr"] == pytest.approx((1 + 1 / 3) / 3, abs=1e-4)
    assert m["item_recall@5"] == 1.0
    assert m["by_type"]["law"]["recall@5"] == 0.0
    assert m["law_questions"]["cases"] == 1


def test_malformed_eval_file_names_the_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "x", "question": "q", "type": "duty", "gold": []}\n{oops\n', encoding="utf-8")
    with pytest.raises(InputError, match="第 2 行"):
        load_cases(path)
    path.write_text('{"id": "x", "question": "q", "type": "weird", "gold": []}\n', encoding="utf-8")
    with pytest.raises(InputError, match="类型"):
        load_cases(path)


def test_eval_sets_cover_what_the_issue_asks():
    cases = load_cases(PROJECT_ROOT / "evals" / "retrieval.jsonl")
    assert len(cases) >= 150
    gold = [g for c in cases for g in c["gold"]]
    assert {g["article"] for g in gold if g["doc_id"] == R} == set(range(1, 27))
    for article, items in ((5, 24), (8, 13), (9, 7)):
        assert {g["item"] for g in gold if g["doc_id"] == R and g["article"] == article} >= set(range(1, items + 1))
    assert sum(1 for c in cases if any(g["doc_id"] == "promotion-law" for g in c["gold"])) >= 40
    assert sum(1 for c in cases if c["type"] == "out_of_scope") >= 15


@pytest.mark.slow
def test_retrieval_targets_hold_on_the_development_set(retriever):
    report = evaluate(retriever, [PROJECT_ROOT / "evals" / "retrieval.jsonl"], baselines=["bm25"])
    entry = report["sets"][0]
    ours, base = entry["retrieval"], entry["baselines"]["bm25"]
    assert ours["recall@1"] >= 0.90 and ours["recall@5"] >= 0.99 and ours["mrr"] >= 0.94
    assert ours["law_questions"]["recall@1"] >= 0.88
    assert ours["recall@1"] > base["recall@1"] + 0.08  # structure clearly beats plain BM25 + jieba
    assert entry["answers"]["fabricated_citations"] == 0
    json.dumps(report, ensure_ascii=False)  # the --json output is serialisable


@pytest.mark.slow
def test_bench_reports_every_figure_with_the_baseline(built):
    from assistant.bench import format_bench, run_bench

    report = run_bench(built, runs=5)
    assert report["search_ms"]["p95"] > 0 and report["baseline_bm25_ms"]["p50"] > 0
    assert report["build_seconds"] > 0 and report["cli_cold_start_ms"]["median"] > 0
    assert 50 < report["peak_rss_mb"]["cli_search"] < report["peak_rss_mb"]["this_process"] + 1000
    assert "冷启动" in format_bench(report)
