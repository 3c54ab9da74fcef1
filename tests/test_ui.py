"""The web UI: every endpoint through gradio_client, login, and an end-to-end run in headless
Chromium (Debian's chromium driven by Playwright) with screenshots kept under artifacts/."""

import json
import socket
from pathlib import Path

import pytest

from assistant.config import PROJECT_ROOT

ARTIFACTS = PROJECT_ROOT / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(built):
    from assistant.webui import launch

    port = _free_port()
    demo = launch(built, "127.0.0.1", port, None, None, prevent_thread_lock=True, quiet=True)
    yield f"http://127.0.0.1:{port}/"
    demo.close()


@pytest.fixture(scope="module")
def client(server):
    from gradio_client import Client

    return Client(server, verbose=False)


def test_ask_endpoint_answers_with_a_citation(client):
    answer = client.predict("区委书记每季度要听几次乡村振兴汇报？", api_name="/ask")
    assert "《细则》第九条第（二）项" in answer and "每季度至少主持召开1次" in answer


def test_ask_endpoint_refuses_and_limits_length(client):
    assert "没有找到" in client.predict("社保卡丢了怎么补办", api_name="/ask")
    assert "问题过长" in client.predict("区长" * 400, api_name="/ask")


def test_checklist_endpoint_previews_and_offers_downloads(client):
    status, table, files = client.predict("镇长", "全部", api_name="/checklist")
    assert "乡镇党委和政府主要负责人" in status
    assert any("每季度1次以上" in str(row) for row in table["data"])
    assert sorted(Path(f).suffix for f in files) == [".docx", ".ics", ".md", ".xlsx"]
    status, _, _ = client.predict("区委副主任", "全部", api_name="/checklist")
    assert "您是不是要找" in status


def test_quiz_endpoint_generates_a_paper(client):
    paper, answers, files, _ = client.predict("beijing-rules", 4, ["single", "judge"], "不限", api_name="/quiz")
    assert paper.count("**") >= 8 and len(answers["data"]) == 4
    assert {Path(f).suffix for f in files} >= {".docx", ".xlsx"}


def test_verify_article_and_search_endpoints(client):
    report = client.predict("根据《细则》第九条第（二）项和细则第三十条", api_name="/verify")
    assert "正确" in report and "有误" in report and "没有第三十条" in report
    assert "原文印为“第十二条”" in client.predict("beijing-rules", 11, api_name="/article")
    assert "《细则》第五条第（七）项" in client.predict("养老服务体系", api_name="/search")


def test_with_auth_unauthenticated_requests_are_refused(built, tmp_path):
    import httpx
    from gradio_client import Client

    from assistant.webui import add_user, launch

    users = tmp_path / "users.json"
    add_user(users, "clerk", "correct horse battery")
    stored = json.loads(users.read_text(encoding="utf-8"))["users"][0]
    assert "correct horse" not in users.read_text(encoding="utf-8") and stored["salt"] and stored["hash"]
    port = _free_port()
    demo = launch(built, "127.0.0.1", port, None, str(users), prevent_thread_lock=True, quiet=True)
    try:
        base = f"http://127.0.0.1:{port}"
        assert httpx.get(f"{base}/config").status_code == 401
        api = httpx.post(f"{base}/gradio_api/call/ask", json={"data": ["区长干啥"]})
        assert api.status_code in (401, 403)
        ok = Client(base + "/", auth=("clerk", "correct horse battery"), verbose=False)
        assert "《细则》" in ok.predict("区委书记每季度要听几次汇报？", api_name="/ask")
        with pytest.raises(ValueError, match="(?i)login|credentials|auth"):
            Client(base + "/", auth=("clerk", "wrong password"), verbose=False)
    finally:
        demo.close()


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is installed by .ci/run")
def test_browser_end_to_end(server, tmp_path):
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    outside = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 950}, accept_downloads=True)
        page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((server, "data:", "blob:")) else None)
        page.goto(server, wait_until="load")
        page.wait_for_selector("#question textarea", timeout=30000)

        # ask, see the citation, open the article
        page.fill("#question textarea", "区委书记每季度要听几次乡村振兴汇报？")
        page.click("#send")
        page.wait_for_selector("#citations label", timeout=30000)
        assert "《细则》第九条第（二）项" in page.inner_text("#chat")
        page.click("#citations label >> nth=0")
        page.wait_for_function("document.querySelector('#article').innerText.includes('一线指挥部')", timeout=15000)
        page.screenshot(path=str(ARTIFACTS / "01-chat.png"))

        # a checklist, downloaded
        page.get_by_role("tab", name="职责清单").click()
        page.click("#make-checklist")
        page.wait_for_selector("#checklist-files a", timeout=30000)
        with page.expect_download() as download:
            page.locator("#checklist-files a").first.click()
        saved = tmp_path / download.value.suggested_filename
        download.value.save_as(saved)
        assert saved.stat().st_size > 0
        assert "每季度至少1次" in page.inner_text("#checklist-table")
        page.screenshot(path=str(ARTIFACTS / "02-checklist.png"))

        # a quiz, answered, scored
        page.get_by_role("tab", name="学习测验").click()
        page.click("#make-quiz")
        page.wait_for_function("document.querySelector('#quiz-paper').innerText.includes('1.')", timeout=30000)
        page.click("#submit-quiz")
        page.wait_for_function("document.querySelector('#quiz-result').innerText.includes('得分')", timeout=30000)
        assert "得分：" in page.inner_text("#quiz-result")
        page.screenshot(path=str(ARTIFACTS / "03-quiz.png"))

        # a pasted draft, checked
        page.get_by_role("tab", name="引用核验").click()
        page.fill("#draft textarea", "根据《细则》第九条第（二）项，区委书记每季度听取汇报；另据细则第三十条，区长每月报告。")
        page.click("#verify")
        page.wait_for_selector("#verify-report table", timeout=30000)
        report = page.inner_text("#verify-report")
        assert "正确" in report and "有误" in report and "没有第三十条" in report
        page.screenshot(path=str(ARTIFACTS / "04-verify.png"))
        browser.close()
    assert outside == []  # no fonts, scripts or analytics from the internet


def test_loadtest_reports_errors_and_latency(built):
    from assistant.loadtest import format_load, run_load

    report = run_load(built, users=3, requests=2)
    assert report["requests"] == 6 and report["errors"] == 0
    assert report["latency_ms"]["p95"] >= report["latency_ms"]["p50"] > 0
    assert "并发用户" in format_load(report)


def test_browse_by_chapter_lists_that_chapters_articles(built):
    from assistant.webui import App, _article_choices, _chapters

    app = App(built)
    assert _chapters(app, "beijing-rules")[2] == "第三章 属地责任"
    numbers = [n for _, n in _article_choices(app, "beijing-rules", "第三章 属地责任")]
    assert numbers == [8, 9, 10, 11]
    assert "原文印为第十二条" in dict((n, label) for label, n in _article_choices(app, "beijing-rules"))[11]
    assert len(_chapters(app, "promotion-law")) == 10
