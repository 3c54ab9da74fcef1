"""The article parser: markdown/plain regulation text -> chapters, articles, items, paragraphs.

One parser serves the seed 细则, user-ingested texts and (from its rows) the 促进法. It repairs
page breaks, applies the reviewed corrections table and records every anomaly it meets, so
the corpus report can show what was found and what was changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import cn2an

CN_DIGITS = "零〇一二两三四五六七八九十百千"
_NUM = rf"[{CN_DIGITS}\d]+"
ARTICLE_RE = re.compile(rf"^第({_NUM})条(?:[\s\u3000]+|$)(.*)$", re.S)
CHAPTER_RE = re.compile(rf"^第({_NUM})章[\s\u3000]*(.*)$")
SECTION_RE = re.compile(rf"^第({_NUM})节[\s\u3000]*(.*)$")
ITEM_RE = re.compile(r"^[（(]([零一二三四五六七八九十]+)[)）]\s*(.*)$", re.S)
# A paragraph that ends with one of these is complete; anything else continues on the next
# line (a page break or a hard wrap in the source).
TERMINALS = tuple("。：:；;！？!?")
CLOSERS = "”’\"）)】」』"


SENTENCE_RE = re.compile(r"[^。；;！？!?\n]+[。；;！？!?]?")


def sentences(text: str) -> list[str]:
    """Verbatim sentences of a passage (each a substring of it), split at 。；！？ and line ends."""
    return [s.strip() for s in SENTENCE_RE.findall(text) if s.strip()]


def cn_to_int(text: str) -> int:
    """'二十四' -> 24, '5' -> 5, '十' -> 10."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    return int(cn2an.cn2an(text.replace("〇", "零").replace("两", "二"), "smart"))


def int_to_cn(number: int) -> str:
    """24 -> '二十四'."""
    return cn2an.an2cn(number)


def article_label(number: int) -> str:
    return f"第{int_to_cn(number)}条"


def item_label(number: int) -> str:
    return f"（{int_to_cn(number)}）"


@dataclass(frozen=True)
class Anomaly:
    """Something the parser noticed in a source. `level`: info, fixed, warning or error."""

    doc_id: str
    kind: str
    level: str
    message: str
    line: int | None = None
    article: int | None = None

    def as_dict(self) -> dict:
        return {k: getattr(self, k) for k in ("doc_id", "kind", "level", "message", "line", "article")}


@dataclass(frozen=True)
class Item:
    number: int
    text: str  # verbatim, without its （一） marker; continuation paragraphs joined by "\n"

    @property
    def label(self) -> str:
        return item_label(self.number)


@dataclass
class Article:
    doc_id: str
    number: int  # canonical, by order
    label: str  # as printed, e.g. "第十二条"
    chapter: str
    paragraphs: list[str]  # after page-break repair and corrections
    source_paragraphs: list[str]  # after page-break repair, before corrections
    items: list[Item] = field(default_factory=list)
    lead_in: str = ""  # the sentence that introduces the items, e.g. "市有关部门乡村振兴责任主要包括:"
    line: int | None = None
    printed: int | None = None  # the printed number, when it differs from `number` it is reported

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)

    @property
    def canonical_label(self) -> str:
        return article_label(self.number)

    def item(self, number: int) -> Item | None:
        return next((it for it in self.items if it.number == number), None)

    def loose_paragraphs(self) -> list[tuple[int, str]]:
        """(index, text) of paragraphs that are not part of an enumerated item."""
        inside = _item_paragraph_indexes(self.paragraphs)
        return [(i, p) for i, p in enumerate(self.paragraphs) if i not in inside]


def strip_markup(line: str) -> tuple[str, bool]:
    """Drop markdown heading marks and bold; return (text, was_heading)."""
    stripped = line.strip()
    heading = stripped.startswith("#")
    stripped = stripped.lstrip("#").strip().replace("**", "").replace("__", "")
    return stripped.strip().strip("\u3000").strip(), heading


def _ends_complete(text: str) -> bool:
    return text.rstrip(CLOSERS).endswith(TERMINALS) or text.endswith(TERMINALS)


def _starts_structure(text: str) -> bool:
    return bool(ARTICLE_RE.match(text) or CHAPTER_RE.match(text) or SECTION_RE.match(text) or ITEM_RE.match(text))


def _item_paragraph_indexes(paragraphs: list[str]) -> set[int]:
    """Indexes of paragraphs that belong to an item: the item's own paragraph and any
    continuation paragraphs before the next item. Paragraphs after the last item are the
    article's own (e.g. 第九条's closing paragraph on 非涉农区)."""
    starts = [i for i, p in enumerate(paragraphs) if ITEM_RE.match(p)]
    inside: set[int] = set()
    for pos, start in enumerate(starts):
        end = starts[pos + 1] if pos + 1 < len(starts) else start + 1
        inside.update(range(start, end))
    return inside


def structure_article(article: Article, anomalies: list[Anomaly]) -> None:
    """Fill `items` and `lead_in` from the paragraphs."""
    paragraphs = article.paragraphs
    starts = [i for i, p in enumerate(paragraphs) if ITEM_RE.match(p)]
    items: list[Item] = []
    for pos, start in enumerate(starts):
        end = starts[pos + 1] if pos + 1 < len(starts) else start + 1
        match = ITEM_RE.match(paragraphs[start])
        number = cn_to_int(match.group(1))
        body = "\n".join([match.group(2)] + paragraphs[start + 1:end])
        items.append(Item(number=number, text=body))
    for expected, item in enumerate(items, start=1):
        if item.number != expected:
            anomalies.append(Anomaly(article.doc_id, "item_numbering", "warning",
                                     f"{article.label}的第{expected}个项目编号为{item.label}", article.line, article.number))
            break
    article.items = items
    if starts:
        lead = paragraphs[starts[0] - 1] if starts[0] > 0 else ""
        sentences = [s for s in re.split(r"(?<=。)", lead) if s.strip()]
        article.lead_in = sentences[-1].strip() if sentences else ""


def parse_text(text: str, doc_id: str, corrections: list[dict] | None = None) -> tuple[list[Article], list[Anomaly]]:
    """Parse a regulation in markdown or plain text into articles (canonical numbers by order)."""
    anomalies: list[Anomaly] = []
    articles: list[Article] = []
    chapter = ""
    current: Article | None = None
    last_was_body = False  # the previous unit is a body paragraph that may continue
    blank_before = False

    for line_no, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            blank_before = True
            continue
        line, heading = strip_markup(raw)
        if not line:
            continue
        article_match = ARTICLE_RE.match(line)
        chapter_match = CHAPTER_RE.match(line)
        if chapter_match:
            name = re.sub(r"[\s\u3000]+", "", chapter_match.group(2))
            chapter = f"第{chapter_match.group(1)}章 {name}".strip()
            last_was_body = False
        elif article_match:
            printed = cn_to_int(article_match.group(1))
            current = Article(doc_id=doc_id, number=len(articles) + 1, label=f"第{article_match.group(1)}条",
                              chapter=chapter, paragraphs=[], source_paragraphs=[], line=line_no, printed=printed)
            articles.append(current)
            rest = article_match.group(2).strip()
            if rest:
                current.paragraphs.append(rest)
            last_was_body = bool(rest)
        elif current is None or SECTION_RE.match(line):
            last_was_body = False  # front matter before the first article, or a section heading
        elif last_was_body and not heading and not _ends_complete(current.paragraphs[-1]) and not _starts_structure(line):
            previous = current.paragraphs[-1]
            kind = "分页断句" if blank_before else "断行"
            anomalies.append(Anomaly(doc_id, "page_break", "fixed",
                                     f"{kind}已接续：“…{previous[-8:]}”+“{line[:8]}…”", line_no, current.number))
            if previous and line and previous[-1] == line[0]:
                anomalies.append(Anomaly(doc_id, "duplicate_char", "warning",
                                         f"接续处前后重复“{line[0]}”字：“…{previous[-6:]}|{line[:6]}…”", line_no, current.number))
            current.paragraphs[-1] = previous + line
            last_was_body = True
        else:
            current.paragraphs.append(line)
            last_was_body = True
        blank_before = False

    for article in articles:
        article.source_paragraphs = list(article.paragraphs)
        if not article.paragraphs:
            anomalies.append(Anomaly(doc_id, "empty_article", "error", f"{article.label}没有正文", article.line, article.number))
    _apply_corrections(articles, corrections or [], anomalies)
    for article in articles:
        structure_article(article, anomalies)
    check_numbering(articles, anomalies)
    check_brackets(text, doc_id, anomalies)
    return articles, anomalies


def _apply_corrections(articles: list[Article], corrections: list[dict], anomalies: list[Anomaly]) -> None:
    by_number = {a.number: a for a in articles}
    for fix in corrections:
        article = by_number.get(fix["article"])
        hits = [i for i, p in enumerate(article.paragraphs) if fix["find"] in p] if article else []
        total = sum(article.paragraphs[i].count(fix["find"]) for i in hits) if article else 0
        if total != 1:
            anomalies.append(Anomaly(fix["doc_id"], "correction_unmatched", "error",
                                     f"校正表条目未能唯一匹配（匹配{total}处）：“{fix['find']}”", None, fix["article"]))
            continue
        i = hits[0]
        article.paragraphs[i] = article.paragraphs[i].replace(fix["find"], fix["replace"])
        anomalies.append(Anomaly(fix["doc_id"], f"correction_{fix['kind']}", "fixed",
                                 f"已按校正表改正：“{fix['find']}”→“{fix['replace']}”（{fix['reason']}）",
                                 article.line, article.number))


def check_numbering(articles: list[Article], anomalies: list[Anomaly]) -> None:
    """Report printed labels that differ from the canonical order, repeat or skip."""
    seen: dict[int, Article] = {}
    previous = 0
    for article in articles:
        printed = article.printed or article.number
        if printed in seen:
            anomalies.append(Anomaly(article.doc_id, "duplicate_label", "warning",
                                     f"条号“{article.label}”重复出现（第{seen[printed].line}行与第{article.line}行）",
                                     article.line, article.number))
        seen.setdefault(printed, article)
        for missing in range(previous + 1, printed):
            anomalies.append(Anomaly(article.doc_id, "missing_label", "warning",
                                     f"缺少“{article_label(missing)}”：条号从{article_label(previous)}跳到{article.label}",
                                     article.line, article.number))
        previous = max(previous, printed)
        if printed != article.number:
            anomalies.append(Anomaly(article.doc_id, "renumbered", "fixed",
                                     f"印刷条号“{article.label}”按顺序规范为“{article.canonical_label}”",
                                     article.line, article.number))


def check_brackets(text: str, doc_id: str, anomalies: list[Anomaly]) -> None:
    for line_no, line in enumerate(text.splitlines(), start=1):
        opened = line.count("(") + line.count("（")
        closed = line.count(")") + line.count("）")
        if opened != closed:
            anomalies.append(Anomaly(doc_id, "unbalanced_bracket", "info",
                                     f"括号不配对：“{line.strip()[:40]}”", line_no))
