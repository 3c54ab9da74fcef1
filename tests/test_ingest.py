"""Ingesting user texts: accepted formats, rejected files, and nothing lost on failure."""

import json

import pytest

from assistant.corpus import load_corpus
from assistant.errors import InputError
from assistant.files import write_atomic
from assistant.ingest import ingest

REGULATION = "中国共产党农村工作条例\n\n第一章 总则\n\n第一条 为了坚持和加强党对农村工作的全面领导，制定本条例。\n\n" \
             "第二条 本条例所称农村工作，是指党领导的农业、农村、农民工作。\n\n第三条 各级党委应当：\n（一）加强领导；\n（二）抓好落实。\n"


def _state(settings):
    folder = settings.ingested_dir
    return sorted((p.name, p.read_bytes()) for p in folder.glob("*")) if folder.exists() else []


def test_utf8_text_is_ingested_and_parsed(fresh, tmp_path):
    path = tmp_path / "条例.txt"
    path.write_text(REGULATION, encoding="utf-8")
    summary = ingest(path, "party-regulation", fresh)
    assert summary["articles"] == 3 and summary["items"] == 2
    doc = load_corpus(fresh).doc("party-regulation")
    assert doc.loaded and doc.article(3).item(2).text == "抓好落实。"
    assert doc.cite(2) == "《条例》第二条"


def test_gb18030_text_is_decoded(fresh, tmp_path):
    path = tmp_path / "办法.txt"
    path.write_bytes(REGULATION.replace("本条例", "本办法").encode("gb18030"))
    assert ingest(path, "central-measures", fresh)["articles"] == 3


def test_docx_is_ingested(fresh, tmp_path):
    import docx

    document = docx.Document()
    for line in REGULATION.splitlines():
        document.add_paragraph(line)
    path = tmp_path / "条例.docx"
    document.save(path)
    assert ingest(path, "party-regulation", fresh)["articles"] == 3


@pytest.mark.parametrize("name, content, message", [
    ("empty.txt", b"", "文件为空"),
    ("blank.txt", "   \n\n ".encode(), "没有文字内容"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "二进制"),
    ("latin.txt", bytes([0xff, 0xfe, 0xfd, 0x81, 0x30, 0x81]) * 50, "编码"),
    ("notes.txt", "这是一份会议纪要，没有条文。".encode(), "没有识别出任何条文"),
    ("photo.png", b"\x89PNG", "不支持的文件类型"),
    ("broken.docx", b"PK\x03\x04 not really a docx", "无法打开 Word 文件"),
])
def test_bad_files_are_rejected_and_the_corpus_is_unchanged(fresh, tmp_path, name, content, message):
    good = tmp_path / "good.txt"
    good.write_text(REGULATION, encoding="utf-8")
    ingest(good, "party-regulation", fresh)
    before = _state(fresh)
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        ingest(path, "party-regulation", fresh)
    assert _state(fresh) == before


def test_protected_and_malformed_doc_ids_are_refused(fresh, tmp_path):
    path = tmp_path / "x.txt"
    path.write_text(REGULATION, encoding="utf-8")
    with pytest.raises(InputError, match="不能被替换"):
        ingest(path, "beijing-rules", fresh)
    with pytest.raises(InputError, match="不合规"):
        ingest(path, "../etc", fresh)
    with pytest.raises(InputError, match="--title"):
        ingest(path, "my-doc", fresh)
    assert ingest(path, "my-doc", fresh, title="某区实施方案")["title"] == "某区实施方案"


def test_atomic_write_keeps_the_old_file_when_the_rename_fails(tmp_path, monkeypatch):
    target = tmp_path / "doc.json"
    target.write_text(json.dumps({"v": 1}), encoding="utf-8")

    def fail(*args):
        raise OSError("disk full")

    monkeypatch.setattr("os.replace", fail)
    with pytest.raises(OSError):
        write_atomic(target, json.dumps({"v": 2}))
    assert json.loads(target.read_text(encoding="utf-8")) == {"v": 1}
    assert list(tmp_path.iterdir()) == [target]  # no temp file left behind
