"""The command line: JSON shapes from DESIGN.md, and bad input answered in Chinese with a
non-zero exit, never a traceback."""

import json
import os
import subprocess
import sys

import pytest

from assistant.cli import main
from assistant.config import PROJECT_ROOT


@pytest.fixture()
def cli(built, capsys, monkeypatch):
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(built.index_dir))
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(built.corpus_dir))

    def run(*args):
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err
    return run


def test_search_json_shape(cli):
    code, out, _ = cli("search", "区委书记每季度要听几次汇报？", "--json", "-k", "3")
    payload = json.loads(out)
    assert code == 0 and payload["query"] == "区委书记每季度要听几次汇报？"
    assert len(payload["hits"]) == 3
    hit = payload["hits"][0]
    assert {"doc_id", "article", "item", "label", "title", "score", "text"} <= set(hit)
    assert (hit["doc_id"], hit["article"], hit["item"]) == ("beijing-rules", 9, 2)


def test_show_article_and_item(cli):
    code, out, _ = cli("show", "beijing-rules", "11", "--json")
    payload = json.loads(out)
    assert code == 0 and payload["label"] == "第十二条" and payload["canonical_label"] == "第十一条"
    code, out, _ = cli("show", "beijing-rules", "第九条", "--item", "二", "--json")
    payload = json.loads(out)
    assert payload["item"] == 2 and payload["text"].startswith("每年主持召开区委农村工作会议")
    code, out, _ = cli("show", "promotion-law", "71")
    assert code == 0 and "《促进法》第七十一条" in out


def test_corpus_report(cli):
    code, out, _ = cli("corpus", "--json")
    payload = json.loads(out)
    docs = {d["doc_id"]: d for d in payload["documents"]}
    assert docs["beijing-rules"]["articles"] == 26 and docs["promotion-law"]["articles"] == 74
    assert not docs["party-regulation"]["loaded"]
    assert any(a["kind"] == "correction_typo" for a in payload["anomalies"])
    code, out, _ = cli("corpus")
    assert "已按校正表改正" in out and "仅元数据" in out


@pytest.mark.parametrize("args, code, message", [
    (["search", ""], 2, "问题为空"),
    (["search", "区" * 100_000], 2, "问题过长"),
    (["search", "区长\x07干啥"], 2, "控制字符"),
    (["search", "区长", "-k", "0"], 2, "返回条数"),
    (["show", "no-such-doc", "1"], 3, "未知文件编号"),
    (["show", "beijing-rules", "99"], 3, "没有第九十九条"),
    (["show", "beijing-rules", "5", "--item", "30"], 3, "没有第（30）项"),
    (["show", "beijing-rules", "abc"], 2, "无法识别"),
    (["show", "party-regulation", "1"], 3, "尚未导入"),
    (["ingest", "/no/such/file.txt", "--doc-id", "party-regulation"], 2, "找不到文件"),
])
def test_bad_input_gets_a_chinese_message_and_exit_code(cli, args, code, message):
    got, out, err = cli(*args)
    assert got == code and message in err and out == ""


def test_missing_index_without_auto_build_says_what_to_run(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(tmp_path / "none"))
    assert main(["search", "区长", "--no-auto-build"]) == 4
    assert "python -m assistant build" in capsys.readouterr().err


def test_real_process_prints_json_and_no_traceback(built):
    env = {**os.environ, "ASSISTANT_INDEX_DIR": str(built.index_dir), "ASSISTANT_CORPUS_DIR": str(built.corpus_dir)}
    ok = subprocess.run([sys.executable, "-m", "assistant", "search", "村支书多久走访一次农户", "--json"],
                        capture_output=True, text=True, env=env, cwd=PROJECT_ROOT, timeout=120)
    assert ok.returncode == 0 and json.loads(ok.stdout)["hits"][0]["article"] == 11
    bad = subprocess.run([sys.executable, "-m", "assistant", "show", "beijing-rules", "0"],
                         capture_output=True, text=True, env=env, cwd=PROJECT_ROOT, timeout=120)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and "正整数" in bad.stderr
    usage = subprocess.run([sys.executable, "-m", "assistant", "serch"], capture_output=True, text=True, env=env,
                           cwd=PROJECT_ROOT, timeout=120)
    assert usage.returncode == 2 and "参数错误" in usage.stderr
