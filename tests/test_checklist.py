"""Duty checklists: grouping, tasks, citations, period filter, and exports that open in their
libraries; bad input leaves no file behind."""

import json

import pytest

from assistant.checklist import build_checklist, export, render, task_of
from assistant.cli import main
from assistant.config import PROJECT_ROOT
from assistant.corpus import load_corpus
from assistant.errors import InputError, NotFoundError
from assistant.evals import duty_metrics


@pytest.fixture(scope="module")
def corpus(settings):
    return load_corpus(settings)


def test_district_secretary_checklist_groups_and_cites(corpus):
    checklist = build_checklist("区委书记", corpus)
    assert checklist["subjects"] == ["涉农区党委和政府主要负责人"]
    groups = {i["group"] for i in checklist["items"]}
    assert groups == {"经常性职责", "日常职责", "报告与考核", "问责提示"}
    quarterly = next(i for i in checklist["items"] if i["frequency"] == "每季度至少1次")
    assert quarterly["task"].startswith("每季度至少主持召开1次区委常委会会议、区政府常务会议")
    assert quarterly["cite"] == {"doc_id": "beijing-rules", "article": 9, "item": 2}
    for item in checklist["items"]:  # every quote is verbatim from its place
        article = corpus.doc(item["cite"]["doc_id"]).article(item["cite"]["article"])
        place = article.item(item["cite"]["item"]).text if item["cite"]["item"] else article.text
        assert item["quote"] in place


def test_tasks_drop_the_subject_and_lead_ins():
    assert task_of("市财政局负责优先保障乡村振兴财政投入。", "市财政局") == "优先保障乡村振兴财政投入"
    assert task_of("市有关部门乡村振兴责任主要包括:", "市有关部门") is None


def test_period_filter_keeps_only_that_cadence(corpus):
    quarterly = build_checklist("区委书记", corpus, period="季度")
    recurring = [i for i in quarterly["items"] if i["group"] == "经常性职责"]
    assert recurring and all(i["frequency"].startswith("每季度") for i in recurring)
    with pytest.raises(InputError, match="周期"):
        build_checklist("区委书记", corpus, period="每月")


def test_unknown_role_suggests_close_names(corpus):
    with pytest.raises(NotFoundError, match="您是不是要找"):
        build_checklist("区委副主任", corpus)


def test_exports_open_in_their_libraries_and_carry_citations(corpus, tmp_path):
    import docx
    import openpyxl
    from icalendar import Calendar

    checklist = build_checklist("镇长", corpus)
    export(checklist, "xlsx", tmp_path / "c.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "c.xlsx")["经常性职责"]
    header = [c.value for c in sheet[2]]
    assert header[:4] == ["序号", "任务", "频次", "出处"] and header[-4:] == ["责任人", "完成时限", "完成情况", "备注"]
    assert str(sheet.page_setup.paperSize) == str(sheet.PAPERSIZE_A4) and sheet.print_title_rows == "$2:$2"
    assert any("《细则》第十条" == c.value for c in sheet["D"])

    export(checklist, "docx", tmp_path / "c.docx")
    document = docx.Document(tmp_path / "c.docx")
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert "《细则》第十条" in cells and "责任人" in cells
    assert abs(document.sections[0].page_width.cm - 29.7) < 0.1

    export(checklist, "ics", tmp_path / "c.ics")
    calendar = Calendar.from_ical((tmp_path / "c.ics").read_bytes())
    events = list(calendar.walk("VEVENT"))
    rules = {str(e["SUMMARY"]).split("｜")[0]: e["RRULE"] for e in events}
    assert rules["每年"]["FREQ"] == ["YEARLY"]
    assert rules["每季度1次以上"]["FREQ"] == ["MONTHLY"] and rules["每季度1次以上"]["INTERVAL"] == [3]
    assert all("《细则》第十条" in str(e["DESCRIPTION"]) for e in events)

    md = render(checklist, "md")
    assert "| 序号 | 任务 |" in md and "《细则》第十条" in md
    assert json.loads(render(checklist, "json"))["items"]


def test_unwritable_output_is_a_clear_error_and_leaves_nothing(corpus, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    checklist = build_checklist("镇长", corpus)
    with pytest.raises(InputError, match="不存在"):
        export(checklist, "xlsx", blocker / "c.xlsx")
    with pytest.raises(InputError, match="不存在"):
        export(checklist, "docx", tmp_path / "missing" / "c.docx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_checklist_cli(built, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(built.index_dir))
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(built.corpus_dir))
    assert main(["checklist", "村支书", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["subjects"] == ["村党组织书记"]
    assert {"task", "frequency", "cite", "quote"} <= set(payload["items"][0])
    assert main(["checklist", "村支书", "--format", "xlsx"]) == 2
    assert "-o" in capsys.readouterr().err
    out = tmp_path / "清单.docx"
    assert main(["checklist", "财政局", "--format", "docx", "-o", str(out)]) == 0 and out.exists()


def test_checklist_gold_targets(corpus):
    metrics = duty_metrics(corpus, PROJECT_ROOT / "evals" / "duties.jsonl", source="checklist")
    assert metrics["place_recall"] >= 0.98 and metrics["precision"] >= 0.95
