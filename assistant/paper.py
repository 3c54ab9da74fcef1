"""Quiz exports: a paper for candidates and a separate answer key (md, docx), and an xlsx in the
common 题库 import layout (题型, 题干, 选项A–D, 答案, 解析, 出处, 难度)."""

from __future__ import annotations

import json
from pathlib import Path

from .errors import InputError
from .export import Table, to_docx, to_markdown, to_xlsx
from .files import write_atomic

TYPE_NAMES = {"single": "单选题", "multiple": "多选题", "judge": "判断题", "fill": "填空题"}
FORMATS = ("json", "md", "xlsx", "docx")
LETTERS = "ABCDEFGH"


def _stem_with_options(question: dict) -> str:
    if question["type"] in ("single", "multiple"):
        options = "  ".join(f"{LETTERS[i]}. {text}" for i, text in enumerate(question["options"]))
        return f"{question['stem']}\n{options}"
    return question["stem"]


def _answer_text(question: dict) -> str:
    return question["answer"]


def paper_tables(quiz: dict) -> list[Table]:
    tables = []
    for kind, name in TYPE_NAMES.items():
        rows = [[str(n), _stem_with_options(q), "（　　）"] for n, q in enumerate(quiz["questions"], start=1) if q["type"] == kind]
        if rows:
            tables.append(Table(title=name, columns=["题号", "题目", "作答"], rows=rows, widths=[6, 80, 14]))
    return tables


def key_tables(quiz: dict) -> list[Table]:
    rows = [[str(n), TYPE_NAMES[q["type"]], _answer_text(q), q["explanation"], q.get("citation", ""), q["difficulty"]]
            for n, q in enumerate(quiz["questions"], start=1)]
    return [Table(title="答案与解析", columns=["题号", "题型", "答案", "解析", "出处", "难度"], rows=rows,
                  widths=[6, 8, 10, 70, 22, 6])]


def bank_table(quiz: dict) -> Table:
    """The common question-bank import layout."""
    rows = []
    for q in quiz["questions"]:
        options = (q["options"] + [""] * 4)[:4] if q["type"] in ("single", "multiple") else ["", "", "", ""]
        rows.append([TYPE_NAMES[q["type"]], q["stem"], *options, q["answer"], q["explanation"], q.get("citation", ""),
                     q["difficulty"]])
    return Table(title="题库", columns=["题型", "题干", "选项A", "选项B", "选项C", "选项D", "答案", "解析", "出处", "难度"],
                 rows=rows, widths=[8, 50, 18, 18, 18, 18, 8, 50, 20, 6])


def render(quiz: dict, fmt: str, key: bool = False) -> str | bytes:
    """The paper (or, with key=True, the answer key) in one of FORMATS; xlsx is the 题库 layout."""
    heading = f"乡村振兴责任制学习测验（{len(quiz['questions'])}题，种子 {quiz['seed']}）"
    if fmt == "json":
        return json.dumps(quiz, ensure_ascii=False, indent=1)
    if fmt == "xlsx":
        return to_xlsx([bank_table(quiz)], heading)
    tables = key_tables(quiz) if key else paper_tables(quiz)
    title = heading + ("——答案与解析" if key else "")
    intro = "依据《北京市乡村振兴责任制实施细则》和《中华人民共和国乡村振兴促进法》出题。"
    if fmt == "md":
        return to_markdown(tables, title, intro)
    if fmt == "docx":
        return to_docx(tables, title, intro)
    raise InputError(f"格式“{fmt}”无效，可选：{'、'.join(FORMATS)}。")


def export(quiz: dict, fmt: str, path: Path) -> list[Path]:
    """Write the paper to `path` and, for md/docx, the answer key beside it (…-答案.ext)."""
    path = Path(path)
    outputs = [path]
    write_atomic(path, render(quiz, fmt), create_parents=False)
    if fmt in ("md", "docx"):
        key_path = path.with_name(f"{path.stem}-答案{path.suffix}")
        write_atomic(key_path, render(quiz, fmt, key=True), create_parents=False)
        outputs.append(key_path)
    return outputs
