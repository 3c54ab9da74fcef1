"""`python -m assistant loadtest`: start the web UI on loopback, then N simulated users each send
a bounded number of questions through the gradio API at once; report errors and latency, and
the time from start to a served page."""

from __future__ import annotations

import socket
import statistics
import threading
import time

import numpy as np

from .config import Settings

QUESTIONS = ["区委书记每季度要听几次乡村振兴汇报？", "老人养老归哪个部门管？", "村支书多久要把全村农户走一遍？",
             "镇长有哪些职责", "乡村振兴工作不履职会被怎样问责？", "促进法规定地方政府每年要向谁报告？",
             "农村厕所改造谁负责", "驾照扣满12分怎么办"]


def run_load(settings: Settings, users: int = 20, requests: int = 5) -> dict:
    import httpx

    from .webui import ERROR_ANSWER, launch

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    started = time.perf_counter()
    demo = launch(settings, "127.0.0.1", port, None, None, prevent_thread_lock=True, quiet=True)
    url = f"http://127.0.0.1:{port}/"
    assert httpx.get(url, timeout=10).status_code == 200
    ready = time.perf_counter() - started
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def user(n: int) -> None:
        # The gradio HTTP API directly (POST a call, then read its event stream): a light client,
        # so the figures are the server's and not the client library's.
        with httpx.Client(base_url=url, timeout=60) as client:
            for r in range(requests):
                question = QUESTIONS[(n + r) % len(QUESTIONS)]
                t0 = time.perf_counter()
                try:
                    answer = _ask(client, question)
                    ok = bool(answer) and answer != ERROR_ANSWER
                except Exception as exc:  # counted, not raised: the figure is the error count
                    ok, answer = False, str(exc)
                with lock:
                    latencies.append((time.perf_counter() - t0) * 1000)
                    if not ok:
                        errors.append(answer)

    with httpx.Client(base_url=url, timeout=60) as client:
        _ask(client, QUESTIONS[0])  # not measured: waits for the UI's background warm-up
    try:
        wall = time.perf_counter()
        threads = [threading.Thread(target=user, args=(n,)) for n in range(users)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=300)
        wall = time.perf_counter() - wall
    finally:
        demo.close()
    return {"users": users, "requests_per_user": requests, "requests": len(latencies), "errors": len(errors),
            "error_samples": errors[:3], "page_ready_s": round(ready, 2), "wall_s": round(wall, 2),
            "latency_ms": {"p50": round(float(np.percentile(latencies, 50)), 1) if latencies else None,
                           "p95": round(float(np.percentile(latencies, 95)), 1) if latencies else None,
                           "mean": round(statistics.mean(latencies), 1) if latencies else None}}


def _ask(client, question: str) -> str:
    import json

    event = client.post("gradio_api/call/ask", json={"data": [question]}).json()["event_id"]
    with client.stream("GET", f"gradio_api/call/ask/{event}") as stream:
        kind = None
        for line in stream.iter_lines():
            if line.startswith("event:"):
                kind = line.split(":", 1)[1].strip()
            elif line.startswith("data:") and kind == "complete":
                return json.loads(line[5:])[0]
            elif kind == "error":
                raise RuntimeError(line)
    raise RuntimeError("没有收到回答")


def format_load(report: dict) -> str:
    lat = report["latency_ms"]
    return (f"{report['users']} 个并发用户 × {report['requests_per_user']} 次提问：共 {report['requests']} 次，错误 {report['errors']} 次；"
            f"延迟 p50 {lat['p50']} 毫秒，p95 {lat['p95']} 毫秒；总用时 {report['wall_s']} 秒；启动到页面可用 {report['page_ready_s']} 秒")
