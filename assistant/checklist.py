"""Duty checklists for a role: concise tasks grouped as recurring (with frequency), standing,
reporting and assessment, and accountability notes; each item cites its place and carries the
verbatim source text. Exported as JSON, Markdown, Excel, Word or an iCalendar file."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from .corpus import Corpus
from .duties import duty_book, resolve_role
from .errors import InputError
from .export import Table, to_docx, to_ics, to_markdown, to_xlsx
from .files import write_atomic

GROUPS = ("经常性职责", "日常职责", "报告与考核", "问责提示")
PERIODS = {
    "年度": lambda f: f.startswith(("每年", "每季度", "原则上每年")),
    "季度": lambda f: f.startswith("每季度"),
    "任期": lambda f: True,
}
FORMATS = ("json", "md", "xlsx", "docx", "ics")
REPORTING = re.compile(r"报告|汇报|考核|督查|评估")
FILL_IN = ["责任人", "完成时限", "完成情况", "备注"]
MAX_TASK = 60
_OPENERS = ("牵头负责", "负责", "应当", "要")
_FIRST_RESPONSIBLE = re.compile(r"^是本(?:地区|村)乡村振兴第一责任人[,，]")


def task_of(sentence: str, subject: str) -> str | None:
    """A concise task from a duty sentence: without the subject, 负责/应当, and with only the first
    clauses of a long sentence. None for a bare lead-in (…责任主要包括:)."""
    from .roles import subjects

    text = sentence.strip().rstrip("。；;")
    if text.endswith((":", "：")):
        text = re.sub(r"[,，]?(?:乡村振兴)?责任主要包括[:：]$", "", text)
    names = next((s.mentions + (s.name,) for s in subjects() if s.name == subject), (subject,))
    for name in sorted(names, key=len, reverse=True):
        if text.lstrip("各").startswith(name):
            text = text.lstrip("各")[len(name):]
            break
    text = _FIRST_RESPONSIBLE.sub("", text)
    for opener in _OPENERS:
        if text.startswith(opener):
            text = text[len(opener):]
            break
    text = text.strip("，,")
    if len(text) < 4:
        return None
    if len(text) > MAX_TASK:
        cut = max(text.rfind(mark, 0, MAX_TASK) for mark in ",，、")
        text = text[:cut] + "等" if cut > 20 else text[:MAX_TASK] + "……"
    return text


def build_checklist(role: str, corpus: Corpus, period: str | None = None) -> dict:
    """The checklist document for a role (the `checklist --json` shape, plus groups)."""
    if period is not None and period not in PERIODS:
        raise InputError(f"周期“{period}”无效，可选：{'、'.join(PERIODS)}。")
    found = resolve_role(role)
    names = [s.name for s in found]
    book = duty_book(corpus)
    items: list[dict] = []
    seen: dict[tuple, dict] = {}
    for duty in book.duties(names):
        # One item per sentence, under its most specific frequency (duties come most specific
        # first); the others are kept in `frequencies`.
        key = (duty.key(), duty.text)
        if key in seen:
            if duty.frequency and duty.frequency not in seen[key]["frequencies"]:
                seen[key]["frequencies"].append(duty.frequency)
            continue
        task = duty.task or task_of(duty.text, duty.subject)
        if task is None:
            continue
        group = _group(duty)
        if group == "经常性职责" and period and not PERIODS[period](duty.frequency):
            continue
        item = {"group": group, "task": task, "frequency": duty.frequency,
                "frequencies": [duty.frequency] if duty.frequency else [],
                "cite": {"doc_id": duty.doc_id, "article": duty.article, "item": duty.item},
                "citation": corpus.doc(duty.doc_id).cite(duty.article, duty.item), "quote": duty.text, "source": duty.source}
        seen[key] = item
        items.append(item)
    for entry in book.subject_to(names):
        group = "问责提示" if entry["kind"] in ("问责", "约谈") else "报告与考核"
        items.append({"group": group, "task": entry["note"], "frequency": None, "frequencies": [],
                      "cite": {"doc_id": entry["doc_id"], "article": entry["article"], "item": entry["item"]},
                      "citation": entry["cite"], "quote": entry["text"], "source": "subject_to"})
    items.sort(key=lambda i: GROUPS.index(i["group"]))
    return {"role": role, "subjects": names, "period": period or "全部", "items": items}


def _group(duty) -> str:
    if duty.frequency and duty.frequency not in ("经常性",):
        return "经常性职责"
    if re.search(r"追究|问责|约谈", duty.text):
        return "问责提示"
    if REPORTING.search(duty.text) and duty.article >= 16:
        return "报告与考核"
    return "日常职责"


def _tables(checklist: dict) -> list[Table]:
    tables = []
    for group in GROUPS:
        rows = [[str(n), i["task"], "、".join(i["frequencies"]) or "—", i["citation"], i["quote"], "", "", "", ""]
                for n, i in enumerate((i for i in checklist["items"] if i["group"] == group), start=1)]
        if rows:
            tables.append(Table(title=group, columns=["序号", "任务", "频次", "出处", "原文"] + FILL_IN, rows=rows,
                                widths=[5, 34, 12, 20, 48, 10, 10, 10, 10]))
    return tables


def render(checklist: dict, fmt: str) -> str | bytes:
    """The checklist in one of FORMATS."""
    heading = f"{checklist['role']}乡村振兴职责清单"
    intro = (f"对应细则中的：{'、'.join(checklist['subjects'])}；周期：{checklist['period']}。"
             "依据《北京市乡村振兴责任制实施细则》，由乡村振兴责任制助手生成，请对照原文核实。")
    if fmt == "json":
        return json.dumps(checklist, ensure_ascii=False, indent=1)
    if fmt == "md":
        return to_markdown(_tables(checklist), heading, intro)
    if fmt == "xlsx":
        return to_xlsx(_tables(checklist), heading)
    if fmt == "docx":
        return to_docx(_tables(checklist), heading, intro)
    if fmt == "ics":
        events = [{"uid": _uid(checklist["role"], i), "summary": f"{i['frequency']}｜{i['task']}",
                   "description": f"{i['citation']}：{i['quote']}", "frequency": i["frequency"]}
                  for i in checklist["items"] if i["group"] == "经常性职责"]
        return to_ics(events, heading)
    raise InputError(f"格式“{fmt}”无效，可选：{'、'.join(FORMATS)}。")


def _uid(role: str, item: dict) -> str:
    digest = hashlib.sha1(f"{role}|{item['citation']}|{item['quote']}|{item['frequency']}".encode()).hexdigest()[:16]
    return f"{digest}@xczx-assistant"


def export(checklist: dict, fmt: str, path: Path) -> Path:
    """Render and write atomically; an unwritable path is a clear error and leaves nothing behind."""
    content = render(checklist, fmt)
    write_atomic(Path(path), content, create_parents=False)
    return Path(path)
