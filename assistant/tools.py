"""The structured tools, declared once: plain typed methods whose docstrings describe them.
The grounded answerer, the LangChain agent, the CLI and the UI all call these same methods;
`langchain_tools()` exposes them to an LLM.

Tool results are data for the model, never instructions: texts from the corpus are returned
in fields, and the agent's system prompt says so."""

from __future__ import annotations

import inspect
import re

from .corpus import Corpus, related_places
from .duties import duties_for
from .errors import AssistantError
from .parse import item_label
from .refs import find_references
from .retrieve import Retriever

# 前款 / 前项 refer back to the last place cited before them.
BACK_REFERENCE_RE = re.compile(r"前款|前项|上款|本条")


class Toolbox:
    """Every tool of the assistant, bound to one opened index."""

    names = ("search_regulations", "get_article", "find_duties", "list_recurring_obligations", "verify_citations",
             "make_checklist", "make_quiz")

    def __init__(self, retriever: Retriever):
        self.retriever = retriever
        self.corpus: Corpus = retriever.index.corpus

    # -- tools --------------------------------------------------------------------------
    def search_regulations(self, query: str, k: int = 5) -> list[dict]:
        """检索《北京市乡村振兴责任制实施细则》和《乡村振兴促进法》，返回最相关的条文（每条一个结果），含出处和原文。"""
        hits = self.retriever.search(query, k=max(1, min(int(k), 10)))
        return [{"doc_id": h.chunk.doc_id, "article": h.chunk.article, "item": h.chunk.item,
                 "cite": self.corpus.doc(h.chunk.doc_id).cite(h.chunk.article, h.chunk.item), "text": h.chunk.text}
                for h in hits]

    def get_article(self, doc_id: str, article: int, item: int | None = None) -> dict:
        """按文件编号（beijing-rules 细则 / promotion-law 促进法）、条号和可选的项号取原文。"""
        doc = self.corpus.doc(doc_id)
        place = doc.article(int(article))
        if item is not None:
            found = place.item(int(item))
            if found is None:
                return {"error": f"{doc.cite(place.number)}没有第（{item}）项"}
            return {"doc_id": doc_id, "article": place.number, "item": int(item), "cite": doc.cite(place.number, int(item)),
                    "lead_in": place.lead_in, "text": found.text}
        related = [self.corpus.doc(d).cite(n) for d, n in related_places(doc_id, place.number)]
        return {"doc_id": doc_id, "article": place.number, "item": None, "cite": doc.cite(place.number),
                "printed_label": place.label, "text": place.text, "related": related}

    def find_duties(self, role: str) -> dict:
        """查某个角色（如 区委书记、镇长、村支书、市财政局、农领办）在细则中的全部职责，含频次和出处。"""
        payload = duties_for(role, self.corpus)
        return {"role": role, "subjects": payload["subjects"],
                "duties": [{k: d[k] for k in ("cite", "text", "frequency", "article", "item", "doc_id")} for d in payload["duties"]],
                "subject_to": [{k: s[k] for k in ("cite", "kind", "note")} for s in payload["subject_to"]]}

    def list_recurring_obligations(self, role: str) -> list[dict]:
        """列出某个角色有明确频次的经常性职责（每年、每季度至少1次、任期内走遍……）。"""
        return [d for d in self.find_duties(role)["duties"] if d["frequency"]]

    def verify_citations(self, text: str) -> list[dict]:
        """核验一段文字中的每一处引用（《细则》第九条第（二）项、本细则第N条、促进法第七十一条、第N条、前款），
        给出该处是否存在及其原文。"""
        results: list[dict] = []
        last: dict | None = None
        refs = sorted(find_references(text), key=lambda r: r.start)
        backs = [(m.start(), m.group(0)) for m in BACK_REFERENCE_RE.finditer(text)]
        events = [(r.start, "ref", r) for r in refs] + [(pos, "back", word) for pos, word in backs
                                                        if not any(r.start <= pos < r.end for r in refs)]
        for _, kind, value in sorted(events, key=lambda e: e[0]):
            if kind == "back":
                if last is not None:
                    results.append({**last, "raw": value, "back_reference": True})
                continue
            doc_id = value.doc_id or (last["doc_id"] if last else "beijing-rules")
            entry = {"raw": value.raw, "doc_id": doc_id, "article": value.article,
                     "item": value.item if value.kind == "item" else None, "exists": False}
            doc = self.corpus.documents.get(doc_id)
            try:
                if doc is None or not doc.loaded:
                    raise AssistantError("该文件正文未导入")
                article = doc.article(value.article)
                entry["cite"] = doc.cite(value.article, entry["item"])
                if entry["item"] is not None and article.item(entry["item"]) is None:
                    entry["problem"] = f"{doc.cite(value.article)}没有第{item_label(entry['item'])}项"
                else:
                    entry["exists"] = True
                    entry["text"] = article.item(entry["item"]).text if entry["item"] else article.text
                    if article.label != article.canonical_label:
                        entry["note"] = f"原文印为“{article.label}”"
            except AssistantError as exc:
                entry["problem"] = exc.message
            results.append(entry)
            last = entry
        return results

    def make_checklist(self, role: str, period: str | None = None) -> dict:
        """为某个角色生成职责清单（经常性职责含频次、日常职责、报告与考核、问责提示），每项含出处和原文；
        period 可为 年度、季度、任期。"""
        from .checklist import build_checklist

        checklist = build_checklist(role, self.corpus, period)
        return {"role": role, "subjects": checklist["subjects"], "period": checklist["period"],
                "items": [{k: i[k] for k in ("group", "task", "frequency", "citation", "quote")} for i in checklist["items"]]}

    def make_quiz(self, n: int = 10, scope: str = "all", types: list[str] | None = None, seed: int | None = None) -> dict:
        """出学习测验题（single 单选、multiple 多选、judge 判断、fill 填空），每题含答案、解析和出处；
        scope 可为 beijing-rules、promotion-law、all 或章/条，如“第五章”“第十六条,第十八条”。"""
        from .quiz import generate_quiz

        quiz = generate_quiz(self.corpus, n=int(n), seed=seed, types=types, scope=scope)
        for question in quiz["questions"]:
            cite = question["cite"]
            question["citation"] = self.corpus.doc(cite["doc_id"]).cite(cite["article"], cite["item"])
        return quiz

    # -- exposure -------------------------------------------------------------------------
    def registry(self) -> dict:
        """name -> bound method, for the CLI and the UI."""
        return {name: getattr(self, name) for name in self.names}

    def call(self, name: str, **kwargs):
        if name not in self.names:
            raise AssistantError(f"未知工具“{name}”。可用：{'、'.join(self.names)}")
        return getattr(self, name)(**kwargs)

    def langchain_tools(self) -> list:
        """The same methods as LangChain structured tools (schema from the signature)."""
        from langchain_core.tools import StructuredTool

        tools = []
        for name, method in self.registry().items():
            tools.append(StructuredTool.from_function(func=_safe(method), name=name,
                                                      description=inspect.getdoc(method) or name))
        return tools


def _safe(method):
    """A tool never raises into the agent loop: a problem comes back as data it can read."""
    def run(**kwargs):
        try:
            return method(**kwargs)
        except AssistantError as exc:
            return {"error": exc.message}
    run.__signature__ = inspect.signature(method)
    run.__name__ = method.__name__
    run.__doc__ = method.__doc__
    run.__annotations__ = {k: v for k, v in method.__annotations__.items()}
    return run
