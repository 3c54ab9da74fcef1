"""Evaluation runner: retrieval metrics (Recall@1/3/5, MRR, item-level recall, per type) on the
JSONL evaluation sets in evals/, with baselines measured in the same run."""

from __future__ import annotations

import itertools
import json
import time
from dataclasses import asdict
from pathlib import Path

import numpy as np

from .errors import InputError
from .retrieve import Retriever, Weights, analyse, clean_query, fuse

TYPES = ("duty", "frequency", "procedure", "consequence", "principle", "law", "multi", "out_of_scope")
DEFAULT_SETS = ("evals/retrieval.jsonl", "evals/answers.jsonl", "evals/dev2.jsonl", "evals/dev3.jsonl", "evals/dev4.jsonl",
                "evals/dev5.jsonl", "evals/dev6.jsonl", "evals/dev7.jsonl", "evals/dev8.jsonl",
                "evals/dev9.jsonl", "evals/dev10.jsonl", "evals/dev11.jsonl", "evals/dev12.jsonl",
                "evals/dev13.jsonl", "evals/dev14.jsonl", "evals/dev15.jsonl", "evals/dev16.jsonl",
                "evals/dev17.jsonl", "evals/dev18.jsonl", "evals/dev19.jsonl", "evals/dev20.jsonl",
                "evals/heldout.jsonl", "evals/heldout2.jsonl", "evals/heldout3.jsonl", "evals/heldout4.jsonl",
                "evals/heldout5.jsonl")
DUTIES_GOLD = "evals/duties.jsonl"


def load_cases(path: Path) -> list[dict]:
    """Read and validate an evaluation file; a malformed line is reported with its number."""
    if not path.exists():
        raise InputError(f"找不到评测文件：{path}")
    cases = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            case = json.loads(line)
        except ValueError as exc:
            raise InputError(f"{path} 第 {number} 行不是合法的 JSON：{exc}") from None
        missing = {"id", "question", "type", "gold"} - set(case)
        if missing:
            raise InputError(f"{path} 第 {number} 行缺少字段：{'、'.join(sorted(missing))}")
        if case["type"] not in TYPES:
            raise InputError(f"{path} 第 {number} 行的类型“{case['type']}”无效，应为：{'、'.join(TYPES)}")
        cases.append(case)
    if not cases:
        raise InputError(f"评测文件为空：{path}")
    return cases


def _first_rank(hits: list[tuple[str, int, int | None]], gold: list[dict]) -> int | None:
    wanted = {(g["doc_id"], g["article"]) for g in gold}
    for rank, (doc_id, article, _) in enumerate(hits, start=1):
        if (doc_id, article) in wanted:
            return rank
    return None


def _item_hit(hits: list[tuple[str, int, int | None]], gold: list[dict]) -> bool | None:
    wanted = {(g["doc_id"], g["article"], g["item"]) for g in gold if g.get("item") is not None}
    if not wanted:
        return None
    return any(h in wanted for h in hits)


def retrieval_metrics(cases: list[dict], ranked: list[list[tuple[str, int, int | None]]]) -> dict:
    """Article-level Recall@1/3/5 and MRR overall and per type; item-level recall@5 apart."""
    rows = []
    for case, hits in zip(cases, ranked):
        if not case["gold"]:
            continue
        rank = _first_rank(hits, case["gold"])
        rows.append((case["type"], rank, _item_hit(hits, case["gold"]), any(g["doc_id"] == "promotion-law" for g in case["gold"])))

    def summary(selected):
        if not selected:
            return {"cases": 0}
        ranks = [r for _, r, _, _ in selected]
        items = [i for _, _, i, _ in selected if i is not None]
        return {
            "cases": len(selected),
            "recall@1": round(sum(1 for r in ranks if r and r <= 1) / len(ranks), 4),
            "recall@3": round(sum(1 for r in ranks if r and r <= 3) / len(ranks), 4),
            "recall@5": round(sum(1 for r in ranks if r and r <= 5) / len(ranks), 4),
            "mrr": round(sum(1.0 / r for r in ranks if r) / len(ranks), 4),
            "item_recall@5": round(sum(items) / len(items), 4) if items else None,
        }

    result = summary(rows)
    result["by_type"] = {t: summary([r for r in rows if r[0] == t]) for t in TYPES if any(r[0] == t for r in rows)}
    result["law_questions"] = summary([r for r in rows if r[3]])
    return result


def _run(retriever: Retriever, cases: list[dict], mode: str, k: int = 5) -> tuple[list, list[float]]:
    ranked, latencies = [], []
    retriever.search(cases[0]["question"], k=k, mode=mode)  # warm up: model and caches loaded
    for case in cases:
        started = time.perf_counter()
        try:
            hits = retriever.search(case["question"], k=k, mode=mode)
        except InputError:
            hits = []
        latencies.append((time.perf_counter() - started) * 1000)
        ranked.append([(h.chunk.doc_id, h.chunk.article, h.chunk.item) for h in hits])
    return ranked, latencies


def answer_metrics(corpus, cases: list[dict], answers: list[dict]) -> dict:
    """Share of in-scope answers citing a gold place, in-scope found, out-of-scope refused, and
    fabricated citations (a place that does not exist or a quote that is not verbatim)."""
    from .answer import verify_quote

    in_scope = [(c, a) for c, a in zip(cases, answers) if c["gold"]]
    out_scope = [(c, a) for c, a in zip(cases, answers) if not c["gold"]]
    cites_gold = sum(1 for c, a in in_scope
                     if {(g["doc_id"], g["article"]) for g in c["gold"]} & {(x["doc_id"], x["article"]) for x in a["citations"]})
    expected = [(c, a) for c, a in in_scope if c.get("expect", {}).get("contains")]
    contains = sum(1 for c, a in expected if all(p in a["answer"] for p in c["expect"]["contains"]))
    return {
        "contains_expected": round(contains / len(expected), 4) if expected else None,
        "cites_gold": round(cites_gold / len(in_scope), 4) if in_scope else None,
        "found_in_scope": round(sum(a["found"] for _, a in in_scope) / len(in_scope), 4) if in_scope else None,
        "refused_out_of_scope": round(sum(not a["found"] for _, a in out_scope) / len(out_scope), 4) if out_scope else None,
        "fabricated_citations": sum(1 for a in answers for x in a["citations"] if not verify_quote(corpus, x)),
    }


def _ask_all(retriever: Retriever, cases: list[dict]) -> tuple[list[dict], list[float]]:
    from .answer import GroundedAnswerer

    answerer = GroundedAnswerer(retriever)
    answers, latencies = [], []
    for case in cases:
        started = time.perf_counter()
        try:
            answers.append(answerer.ask(case["question"]).as_dict())
        except InputError as exc:
            answers.append({"answer": exc.message, "citations": [], "found": False})
        latencies.append((time.perf_counter() - started) * 1000)
    return answers, latencies


def evaluate(retriever: Retriever, paths: list[Path], baselines: list[str] = (), duties: Path | None = None) -> dict:
    """Metrics for each evaluation file, with baselines run on the same cases."""
    sets = []
    for path in paths:
        cases = load_cases(path)
        ranked, latencies = _run(retriever, cases, "hybrid")
        answers, ask_latencies = _ask_all(retriever, cases)
        entry = {
            "path": str(path),
            "cases": len(cases),
            "retrieval": retrieval_metrics(cases, ranked),
            "answers": answer_metrics(retriever.index.corpus, cases, answers),
            "latency_ms": {"search_p50": round(float(np.percentile(latencies, 50)), 2),
                           "search_p95": round(float(np.percentile(latencies, 95)), 2),
                           "ask_p50": round(float(np.percentile(ask_latencies, 50)), 2),
                           "ask_p95": round(float(np.percentile(ask_latencies, 95)), 2)},
        }
        if baselines:
            entry["baselines"] = {}
            for mode in baselines:
                base_ranked, base_latencies = _run(retriever, cases, mode)
                metrics = retrieval_metrics(cases, base_ranked)
                metrics["latency_ms"] = {"search_p50": round(float(np.percentile(base_latencies, 50)), 2),
                                         "search_p95": round(float(np.percentile(base_latencies, 95)), 2)}
                entry["baselines"][mode] = metrics
        sets.append(entry)
    report = {"sets": sets, "weights": asdict(retriever.weights)}
    if duties and duties.exists():
        report["duties"] = duty_metrics(retriever.index.corpus, duties)
        report["checklists"] = duty_metrics(retriever.index.corpus, duties, source="checklist")
    return report


def tune(retriever: Retriever, paths: list[Path]) -> list[tuple[dict, dict]]:
    """Grid-search the fusion weights on the given sets (development only: never on held-out data)."""
    cases = [c for p in paths for c in load_cases(p) if c["gold"]]
    prepared = []
    for case in cases:
        query = analyse(clean_query(case["question"], retriever.index.settings.max_query_chars))
        prepared.append((case, retriever.components(query), retriever.exact_hits(query)))
    grid = {"words": [1.0], "names": [0.1, 0.25], "synonyms": [0.5], "bigrams": [0.5],
            "dense": [0.15], "subject": [0.0], "lead": [0.4, 0.6], "who": [0.0, 0.1, 0.2, 0.3, 0.5],
            "document": [0.8], "whole": [0.0, -0.1, -0.3, -0.5]}
    results = []
    for values in itertools.product(*grid.values()):
        weights = Weights(**dict(zip(grid, values)))
        ranked = []
        for _case, parts, exact in prepared:
            hits = exact[:5]
            if len(hits) < 5:
                hits += retriever.rank(fuse(parts, weights), 5 - len(hits),
                                       skip={(h.chunk.doc_id, h.chunk.article) for h in exact})
            ranked.append([(h.chunk.doc_id, h.chunk.article, h.chunk.item) for h in hits])
        metrics = retrieval_metrics([c for c, _, _ in prepared], ranked)
        results.append((asdict(weights), metrics))
    results.sort(key=lambda r: (r[1]["recall@1"], r[1]["mrr"], r[1]["recall@5"]), reverse=True)
    return results


def duty_metrics(corpus, path: Path, source: str = "duties") -> dict:
    """Against a duties gold file: recall of the places that give each role a duty, of its
    recurring obligations (place + frequency), and precision as the share of returned places
    that the gold does not mark as another role's. `source`: the duties lookup or the checklist."""
    from .checklist import build_checklist
    from .duties import duties_for

    def entries(role: str) -> list[dict]:
        # A checklist's 考核/问责 notes are obligations the role is subject to, not duties
        # attributed to it, so they do not count for or against precision.
        if source == "checklist":
            return [{**i["cite"], "frequency": f} for i in build_checklist(role, corpus)["items"] if i["source"] != "subject_to"
                    for f in i["frequencies"] or [None]]
        return duties_for(role, corpus)["duties"]

    gold_places = found_places = wrong = returned = 0
    gold_recurring = found_recurring = 0
    per_role = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        case = json.loads(line)
        duties = entries(case["role"])
        ours = {(d["doc_id"], d["article"], d["item"]) for d in duties}
        ours_freq = {(d["doc_id"], d["article"], d["item"], d["frequency"]) for d in duties if d["frequency"]}
        places = {(p["doc_id"], p["article"], p["item"]) for p in case["places"]}
        recurring = {(r["doc_id"], r["article"], r["item"], r["frequency"]) for r in case["recurring"]}
        not_places = {(p["doc_id"], p["article"], p["item"]) for p in case.get("not_places", [])}
        hit = len(places & ours)
        gold_places += len(places)
        found_places += hit
        gold_recurring += len(recurring)
        found_recurring += len(recurring & ours_freq)
        returned += len(ours)
        wrong += len(ours & not_places)
        per_role[case["role"]] = {"places": f"{hit}/{len(places)}", "recurring": f"{len(recurring & ours_freq)}/{len(recurring)}",
                                  "wrong": sorted(ours & not_places), "missing": sorted(places - ours, key=str)}
    return {"path": str(path), "source": source, "place_recall": round(found_places / gold_places, 4) if gold_places else None,
            "recurring_recall": round(found_recurring / gold_recurring, 4) if gold_recurring else None,
            "precision": round(1 - wrong / returned, 4) if returned else None, "roles": per_role}


def format_table(report: dict) -> str:
    """A plain-text table of the figures, in Chinese."""
    lines = []
    for entry in report["sets"]:
        lines.append(f"评测集 {entry['path']}（{entry['cases']} 题）")
        lines.append(f"  {'方法':<10}{'R@1':>8}{'R@3':>8}{'R@5':>8}{'MRR':>8}{'条项R@5':>9}{'法律R@1':>9}{'p95毫秒':>9}")
        rows = [("混合检索", entry["retrieval"], entry["latency_ms"])]
        rows += [(f"基线:{name}", m, m["latency_ms"]) for name, m in entry.get("baselines", {}).items()]
        for name, m, lat in rows:
            item = "-" if m.get("item_recall@5") is None else f"{m['item_recall@5']:.3f}"
            law = m["law_questions"].get("recall@1")
            lines.append(f"  {name:<10}{m['recall@1']:>8.3f}{m['recall@3']:>8.3f}{m['recall@5']:>8.3f}{m['mrr']:>8.3f}"
                         f"{item:>9}{'-' if law is None else f'{law:.3f}':>9}{lat['search_p95']:>9.1f}")
        lines.append("  按题型（混合检索）：")
        for kind, m in entry["retrieval"]["by_type"].items():
            lines.append(f"    {kind:<12} {m['cases']:>4} 题  R@1 {m['recall@1']:.3f}  R@5 {m['recall@5']:.3f}  MRR {m['mrr']:.3f}")
        answers = entry.get("answers")
        if answers:
            lat = entry["latency_ms"]
            expected = "" if answers.get("contains_expected") is None else f"含期望原文 {answers['contains_expected']:.3f}  "
            lines.append(f"  回答（离线）：{expected}引用正确条文 {answers['cites_gold']:.3f}  范围内作答 {answers['found_in_scope']:.3f}  "
                         f"范围外拒答 {answers['refused_out_of_scope'] if answers['refused_out_of_scope'] is None else format(answers['refused_out_of_scope'], '.3f')}  "
                         f"虚构引用 {answers['fabricated_citations']}  ask p95 {lat['ask_p95']:.1f} 毫秒")
        lines.append("")
    for name, duties in (("职责", report.get("duties")), ("清单", report.get("checklists"))):
        if not duties:
            continue
        lines.append(f"{name} {duties['path']}：条项召回 {duties['place_recall']:.3f}  频次召回 {duties['recurring_recall']:.3f}  "
                     f"准确率 {duties['precision']:.3f}")
        for role, m in duties["roles"].items():
            if m["missing"] or m["wrong"]:
                lines.append(f"  {role}：条项 {m['places']}，频次 {m['recurring']}，缺 {m['missing']}，误 {m['wrong']}")
    return "\n".join(lines)
