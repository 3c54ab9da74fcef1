"""Exports of tables to Markdown, Excel (openpyxl), Word (python-docx) and iCalendar (icalendar),
in Chinese, printable on A4. Writers return bytes; callers write them atomically."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, datetime, timezone


@dataclass
class Table:
    """A titled table: `columns` headers, `rows` of cell strings, `widths` in characters."""

    title: str
    columns: list[str]
    rows: list[list[str]]
    widths: list[int] = field(default_factory=list)
    subtitle: str = ""


def to_markdown(tables: list[Table], heading: str, intro: str = "") -> str:
    def cell(value: str) -> str:
        return str(value).replace("|", "｜").replace("\n", " ")

    out = [f"# {heading}", ""]
    if intro:
        out += [intro, ""]
    for table in tables:
        out += [f"## {table.title}", ""]
        if table.subtitle:
            out += [table.subtitle, ""]
        out.append("| " + " | ".join(table.columns) + " |")
        out.append("|" + "---|" * len(table.columns))
        out += ["| " + " | ".join(cell(c) for c in row) + " |" for row in table.rows]
        out.append("")
    return "\n".join(out)


def to_xlsx(tables: list[Table], heading: str) -> bytes:
    """One sheet per table; header row repeated on every printed page; A4 landscape, fit to width."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    thin = Side(style="thin", color="999999")
    for table in tables:
        sheet = book.create_sheet(title=_sheet_name(table.title, book.sheetnames))
        sheet.append([heading if not table.subtitle else f"{heading}——{table.subtitle}"])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(table.columns))
        sheet["A1"].font = Font(bold=True, size=14)
        sheet.append(table.columns)
        for cell in sheet[2]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDE7F0")
        for row in table.rows:
            sheet.append(list(row))
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        for index, width in enumerate(table.widths or [16] * len(table.columns), start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A3"
        sheet.print_title_rows = "2:2"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet_name(title: str, taken: list[str]) -> str:
    name = "".join(ch for ch in title if ch not in "[]:*?/\\")[:28] or "表"
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{name}{n}", n + 1
    return candidate


def to_docx(tables: list[Table], heading: str, intro: str = "") -> bytes:
    """A4 landscape Word document: a heading, then each table with a header row that repeats."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.8))
    style = document.styles["Normal"]
    style.font.size = Pt(10.5)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    document.add_heading(heading, level=1)
    if intro:
        document.add_paragraph(intro)
    for table in tables:
        document.add_heading(table.title, level=2)
        if table.subtitle:
            document.add_paragraph(table.subtitle)
        grid = document.add_table(rows=1, cols=len(table.columns))
        grid.style = "Table Grid"
        for cell, text in zip(grid.rows[0].cells, table.columns):
            cell.text = text
            for run in cell.paragraphs[0].runs:
                run.bold = True
        header = grid.rows[0]._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        header.append(repeat)
        for row in table.rows:
            cells = grid.add_row().cells
            for cell, text in zip(cells, row):
                cell.text = str(text)
        if table.widths:
            total = sum(table.widths)
            for row in grid.rows:
                for cell, width in zip(row.cells, table.widths):
                    cell.width = Cm(26.1 * width / total)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# Recurrence rules for the normalized frequencies that have a calendar cadence.
RRULES = {
    "每年": {"freq": "yearly"},
    "每季度至少1次": {"freq": "monthly", "interval": 3},
    "每季度1次以上": {"freq": "monthly", "interval": 3},
    "每年至少2次": {"freq": "monthly", "interval": 6},
    "原则上每年走遍或联系": {"freq": "yearly"},
}


def to_ics(events: list[dict], calendar_name: str, start: date | None = None) -> bytes:
    """All-day recurring events: each dict has uid, summary, description, frequency."""
    from icalendar import Calendar, Event

    start = start or _next_month(date.today())
    calendar = Calendar()
    calendar.add("prodid", "-//乡村振兴责任制助手//CN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", calendar_name)
    stamp = datetime.now(timezone.utc).replace(microsecond=0)
    for spec in events:
        rule = RRULES.get(spec["frequency"])
        if rule is None:
            continue
        event = Event()
        event.add("uid", spec["uid"])
        event.add("summary", spec["summary"])
        event.add("description", spec["description"])
        event.add("dtstart", start)
        event.add("dtstamp", stamp)
        event.add("rrule", rule)
        calendar.add_component(event)
    return calendar.to_ical()


def _next_month(today: date) -> date:
    return date(today.year + (today.month == 12), today.month % 12 + 1, 1)
