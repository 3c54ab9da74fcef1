"""LLM mode (optional): a LangChain agent over the same tools, through any OpenAI-compatible
endpoint. Before an answer reaches the user every citation in it is verified against the
corpus; an unverifiable one is visibly marked and never listed as a citation. On any LLM error
or timeout the grounded answer is returned, saying so."""

from __future__ import annotations

import logging
import re
from importlib import resources

from .answer import Answer, GroundedAnswerer
from .config import Settings
from .errors import AssistantError
from .retrieve import analyse, clean_query
from .tools import Toolbox

log = logging.getLogger(__name__)
QUOTE_RE = re.compile(r"“([^”]{8,})”")
UNVERIFIED = "〔无法核实的引用：{raw}〕"


def system_prompt() -> str:
    return resources.files("assistant").joinpath("data", "system_prompt.md").read_text(encoding="utf-8")


def chat_model(settings: Settings):
    """ChatOpenAI on the configured endpoint (no retries: a slow endpoint falls back quickly)."""
    from langchain_openai import ChatOpenAI

    if not (settings.llm_base_url and settings.llm_model):
        raise AssistantError("未配置大模型：请设置 ASSISTANT_LLM_BASE_URL 和 ASSISTANT_LLM_MODEL。")
    return ChatOpenAI(base_url=settings.llm_base_url, model=settings.llm_model, api_key=settings.llm_api_key or "none",
                      timeout=settings.llm_timeout, max_retries=0, temperature=0)


class LlmAnswerer:
    """Answers with an LLM agent; `model` may be any LangChain chat model (a fake one in tests)."""

    def __init__(self, toolbox: Toolbox, model=None, settings: Settings | None = None):
        self.toolbox = toolbox
        self.settings = settings or toolbox.retriever.index.settings
        self.model = model
        self.grounded = GroundedAnswerer(toolbox.retriever)

    def ask(self, question: str, history: list[dict] | None = None) -> Answer:
        text = clean_query(question, self.settings.max_query_chars)
        # The offline checks go first: when they know why the documents cannot answer (another law,
        # a fact they do not hold, a false premise), that refusal stands and the model is not asked,
        # so it cannot fill the gap from its own knowledge.
        screened = self.grounded.ask(text, history)
        if not screened.found and screened.reason:
            return screened
        try:
            reply = self._run_agent(text, history or [])
        except Exception as exc:  # the endpoint is external: any failure falls back
            log.warning("LLM failed, falling back to the grounded answer: %s", exc)
            answer = self.grounded.ask(text)
            answer.answer = f"（大模型暂时不可用：{type(exc).__name__}。以下为离线检索答案。）\n" + answer.answer
            return answer
        return self.verify(text, reply)

    def _run_agent(self, question: str, history: list[dict]) -> str:
        from langchain.agents import create_agent
        from langchain_core.messages import AIMessage, HumanMessage

        model = self.model or chat_model(self.settings)
        agent = create_agent(model, tools=self.toolbox.langchain_tools(), system_prompt=system_prompt())
        messages = [(HumanMessage if turn["role"] == "user" else AIMessage)(content=turn["content"]) for turn in history]
        result = agent.invoke({"messages": [*messages, HumanMessage(content=question)]}, config={"recursion_limit": 12})
        final = result["messages"][-1]
        content = final.content
        if isinstance(content, list):  # content parts
            content = "".join(part.get("text", "") if isinstance(part, dict) else str(part) for part in content)
        if not content.strip():
            raise AssistantError("大模型没有给出回答")
        return content

    def verify(self, question: str, reply: str) -> Answer:
        """Mark every citation that does not exist and every quote that is not verbatim; list only
        verified places as citations, each with a verbatim quote."""
        checks = self.toolbox.verify_citations(reply)
        text = reply
        for check in checks:
            if not check["exists"] and not check.get("back_reference"):
                text = text.replace(check["raw"], UNVERIFIED.format(raw=check["raw"]), 1)
        verified = [c for c in checks if c["exists"]]
        places = {(c["doc_id"], c["article"], c["item"]) for c in verified}
        for quote in QUOTE_RE.findall(text):
            if not any(quote in c["text"] for c in verified):
                text = text.replace(f"“{quote}”", f"“{quote}”〔此引文未能在所引条文中核实〕", 1)
        query = analyse(question)
        citations = []
        for doc_id, article, item in dict.fromkeys((c["doc_id"], c["article"], c["item"]) for c in verified):
            place_text = next(c["text"] for c in verified if (c["doc_id"], c["article"], c["item"]) == (doc_id, article, item))
            quote = self.grounded.best_sentence(query, place_text, "general")
            citations.append({"doc_id": doc_id, "article": article, "item": item, "quote": quote})
        if not places:
            text += "\n（本回答未引用可核实的条文，仅供参考。）"
        return Answer(answer=text, citations=citations, found=bool(citations), mode="llm")


def make_answerer(toolbox: Toolbox, settings: Settings):
    """The LLM answerer when an endpoint is configured, else the grounded one."""
    if settings.llm_base_url and settings.llm_model:
        return LlmAnswerer(toolbox, settings=settings)
    return GroundedAnswerer(toolbox.retriever)
