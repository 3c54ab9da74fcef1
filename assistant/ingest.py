"""Adding a user-provided regulation text (txt, md, docx) to the corpus, atomically.

A file is decoded, parsed with the same article parser as the 细则 and only then stored as one
JSON file under corpus/ingested/; a rejected file leaves the corpus exactly as it was.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from pathlib import Path

from .config import Settings
from .errors import AssistantError, InputError
from .files import write_atomic
from .parse import parse_text

MAX_BYTES = 5 * 1024 * 1024
SUFFIXES = (".txt", ".md", ".docx")
DOC_ID_RE = re.compile(r"^[a-z][a-z0-9-]{1,39}$")
PROTECTED = {"beijing-rules": "细则正文来自仓库内的源文本", "promotion-law": "促进法正文来自法律数据库"}


def read_user_file(path: Path) -> str:
    """Decode a txt/md (UTF-8 or GB18030) or docx file into text, or raise InputError in Chinese."""
    if not path.exists() or not path.is_file():
        raise InputError(f"找不到文件：{path}")
    if path.suffix.lower() not in SUFFIXES:
        raise InputError(f"不支持的文件类型“{path.suffix or '无扩展名'}”。请提供 txt、md 或 docx 文件。")
    size = path.stat().st_size
    if size == 0:
        raise InputError(f"文件为空：{path.name}")
    if size > MAX_BYTES:
        raise InputError(f"文件过大（{size / 1024 / 1024:.1f} MB，上限 5 MB）：{path.name}")
    if path.suffix.lower() == ".docx":
        text = _read_docx(path)
    else:
        raw = path.read_bytes()
        if b"\x00" in raw[:8192]:
            raise InputError(f"“{path.name}”看起来是二进制文件，不是文本。请另存为 UTF-8 编码的 txt 后再导入。")
        text = _decode(raw, path.name)
    if not text.strip():
        raise InputError(f"文件没有文字内容：{path.name}")
    return text


def _decode(raw: bytes, name: str) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(f"无法识别“{name}”的文字编码（既不是 UTF-8 也不是 GBK/GB18030）。请用记事本或 WPS 另存为 UTF-8 后再导入。")


def _read_docx(path: Path) -> str:
    import docx  # python-docx, only needed here

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several kinds for a broken file
        raise InputError(f"无法打开 Word 文件“{path.name}”（{type(exc).__name__}）。文件可能已损坏或不是 docx 格式。") from None
    return "\n".join(p.text for p in document.paragraphs)


def ingest(path: Path, doc_id: str, settings: Settings, title: str | None = None) -> dict:
    """Parse `path` and store it as document `doc_id`; returns a summary of what was stored."""
    from .corpus import load_data

    if doc_id in PROTECTED:
        raise InputError(f"“{doc_id}”不能被替换：{PROTECTED[doc_id]}。")
    if not DOC_ID_RE.match(doc_id):
        raise InputError(f"文件编号“{doc_id}”不合规：只能用小写字母、数字和连字符，例如 party-regulation。")
    known = {m["doc_id"]: m for m in load_data("sources.json")}
    if doc_id not in known and not title:
        raise InputError(f"“{doc_id}”不是已登记的文件编号（已登记：{'、'.join(known)}）。导入新文件时请用 --title 给出标题。")
    text = read_user_file(path)
    articles, anomalies = parse_text(text, doc_id)
    if not articles:
        raise InputError(f"“{path.name}”中没有识别出任何条文（应以“第一条”“第二条”……开头）。文件未导入。")
    errors = [a for a in anomalies if a.level == "error"]
    if errors:
        raise InputError(f"“{path.name}”的条文结构有问题，文件未导入：{errors[0].message}")
    meta = known.get(doc_id, {})
    record = {
        "doc_id": doc_id,
        "title": title or meta.get("title", doc_id),
        "short": meta.get("short") or title,
        "issuer": meta.get("issuer", ""),
        "date": meta.get("date", ""),
        "source_name": path.name,
        "ingested_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "text": text,
    }
    write_atomic(settings.ingested_dir / f"{doc_id}.json", json.dumps(record, ensure_ascii=False, indent=1))
    return {"doc_id": doc_id, "title": record["title"], "articles": len(articles),
            "items": sum(len(a.items) for a in articles), "anomalies": [a.as_dict() for a in anomalies]}


def load_ingested(settings: Settings) -> list[dict]:
    """The stored ingested documents."""
    folder = settings.ingested_dir
    if not folder.exists():
        return []
    records = []
    for path in sorted(folder.glob("*.json")):
        try:
            records.append(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError) as exc:
            raise AssistantError(f"已导入文件 {path} 无法读取（{exc}）。请删除该文件后重新导入。") from None
    return records
