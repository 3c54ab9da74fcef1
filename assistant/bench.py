"""`python -m assistant bench`: warm search latency (with the plain BM25 baseline in the same run
as the ratio base), build time, CLI cold start and peak memory."""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from .config import PROJECT_ROOT, Settings
from .evals import DEFAULT_SETS, load_cases
from .index import build, open_index
from .retrieve import Retriever


def _latencies(retriever: Retriever, questions: list[str], runs: int, mode: str) -> list[float]:
    retriever.search(questions[0], mode=mode)
    out = []
    for n in range(runs):
        started = time.perf_counter()
        retriever.search(questions[n % len(questions)], mode=mode)
        out.append((time.perf_counter() - started) * 1000)
    return out


# `python -m assistant search …`, reporting its own peak RSS (VmHWM, in kB) on its last stderr
# line; ru_maxrss would carry the parent's figure across fork + exec on Linux.
_CLI = ("import re, sys; from assistant.cli import main; code = main(sys.argv[1:]); "
        "print(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1), file=sys.stderr); "
        "sys.exit(code)")


def _cold_start(settings: Settings, runs: int = 3) -> tuple[list[float], float]:
    command = [sys.executable, "-c", _CLI, "search", "区委书记每季度要听几次汇报？", "--json", "--no-auto-build",
               "--index-dir", str(settings.index_dir), "--corpus-dir", str(settings.corpus_dir)]
    times, rss = [], 0.0
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(command, check=True, capture_output=True, text=True, cwd=PROJECT_ROOT)
        times.append((time.perf_counter() - started) * 1000)
        rss = max(rss, int(done.stderr.strip().splitlines()[-1]) / 1024)
    return times, rss


def run_bench(settings: Settings, runs: int = 200) -> dict:
    questions = [c["question"] for p in DEFAULT_SETS if (PROJECT_ROOT / p).exists()
                 for c in load_cases(PROJECT_ROOT / p)]
    with tempfile.TemporaryDirectory(prefix="assistant-bench-") as tmp:
        started = time.perf_counter()
        build(settings.with_(index_dir=Path(tmp)), progress=lambda _: None)
        build_seconds = time.perf_counter() - started
    retriever = Retriever(open_index(settings))
    hybrid = _latencies(retriever, questions, runs, "hybrid")
    baseline = _latencies(retriever, questions, runs, "bm25")
    cold, cli_rss = _cold_start(settings)
    p = lambda values, q: round(float(np.percentile(values, q)), 2)  # noqa: E731
    return {
        "search_ms": {"p50": p(hybrid, 50), "p95": p(hybrid, 95), "runs": runs},
        "baseline_bm25_ms": {"p50": p(baseline, 50), "p95": p(baseline, 95)},
        "ratio_p50_vs_bm25": round(p(hybrid, 50) / max(p(baseline, 50), 1e-6), 1),
        "build_seconds": round(build_seconds, 2),
        "cli_cold_start_ms": {"median": round(statistics.median(cold), 1), "runs": [round(c, 1) for c in cold]},
        "peak_rss_mb": {"this_process": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                        "cli_search": round(cli_rss, 1)},
        "chunks": len(retriever.index.chunks),
    }


def format_bench(report: dict) -> str:
    s, b = report["search_ms"], report["baseline_bm25_ms"]
    return "\n".join([
        f"热检索（混合，{s['runs']} 次）：p50 {s['p50']} 毫秒，p95 {s['p95']} 毫秒",
        f"基线 BM25+jieba：p50 {b['p50']} 毫秒，p95 {b['p95']} 毫秒；混合/基线 = {report['ratio_p50_vs_bm25']} 倍",
        f"构建索引：{report['build_seconds']} 秒（{report['chunks']} 个检索单元）",
        f"命令行冷启动（search）：中位数 {report['cli_cold_start_ms']['median']} 毫秒",
        f"峰值内存：命令行检索 {report['peak_rss_mb']['cli_search']} MB；本基准进程（含构建）{report['peak_rss_mb']['this_process']} MB",
    ])


if __name__ == "__main__":  # pragma: no cover
    print(json.dumps(run_bench(Settings.from_env()), ensure_ascii=False, indent=1))
