"""The grounded answerer (default; no LLM, no network): retrieve, judge whether the corpus
answers, and compose a short Chinese answer — a one-line conclusion, then the quoted clauses
with their citations. Every quote is a verbatim span of the cited place."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from .corpus import Corpus
from .parse import sentences
from .refs import named_documents
from .retrieve import (
    CONSEQUENCE_WORDS,
    Hit,
    Query,
    Retriever,
    analyse,
    clean_query,
    synonym_terms,
)
from .roles import aliases, broader, family, resolve, without_roles
from .scope import Demand, demand_of, outside, unsupplied

FREQUENCY_WORDS = ("多久", "几次", "多少次", "频次", "多长时间", "每年", "每季度", "每月", "定期", "任期", "多频繁")
# Characters of question framing; a word the corpus lacks that contains one is not a topic word.
FRAMING_CHARS = frozenset("哪啥咋谁怎吗呢么几些既要能往起给定到别了着过吧呀啊嘛不该在应先就还把被从向对归呐啦俺咱您我你他这那来是得")
# A request to draw up a checklist (帮我给镇长列个清单, 生成区长的职责清单), not a question that
# mentions one (乡镇职责清单由哪个部门建立？).
CHECKLIST_RE = re.compile(r"列个|列一下|列出|(?:帮我|给我|请|生成|做|出|导出|整理)[^，。？?]{0,12}清单")
QUIZ_RE = re.compile(r"出\s*(?:([一二三四五六七八九十\d]+)\s*道|一套|几道)[^。？?]{0,16}?(?:题|测验|试卷)|^出(?:几|些)?题(?:吧|目)?[。！!？?]*$|出(?:一份|一套)?(?:测验|试卷)")
DUTY_QUESTION_RE = re.compile(r"职责|责任|干啥|干什么|做什么|做啥|干些啥|干些什么|做些啥|做些什么|负责什么|负责啥|管什么|管啥|哪些事|任务|要求|(?:干|做)哪些活|什么角色|啥角色")
# A definition in the text: 本法所称乡村，是指…
DEFINITION_RE = re.compile(r"所称([\u4e00-\u9fff]{1,12}?)[，,]?(?:是指|指)")
# Words that name no topic in a “X 有哪些职责” question.
GENERIC_WORDS = frozenset({"乡村振兴", "乡村", "振兴", "工作", "方面", "主要", "具体", "都", "分别", "各自", "本职", "角色", "些活"})
# Words of an asking clause that name no topic of their own (哪个部门管？ 职能划给谁？).
ASKING_WORDS = frozenset({"部门", "单位", "机构", "职能", "职责", "责任", "任务", "工作", "规定", "要求", "政策", "文件", "法律",
                          "领导", "负责", "市里", "区里", "镇里", "村里"})
# Evidence: at least this (IDF-weighted) share of the question's content words must appear in the
# two best passages. Chosen on evals/retrieval.jsonl: 0.92 of in-scope questions answered,
# 0.95 of out-of-scope ones refused; lower thresholds answer more and refuse fewer.
MIN_COVERAGE = 0.6
EVIDENCE_PASSAGES = 2
# Below the evidence bar but at least this share: the passages are on the question's topic.
TOPIC_COVERAGE = 0.4
# Passages searched for the specific fact a question asks for (scope.demand_of).
DEMAND_PASSAGES = 3


@dataclass
class Answer:
    answer: str
    citations: list[dict]
    found: bool
    mode: str = "grounded"
    related: list[dict] = field(default_factory=list)
    # why the documents cannot answer, when that is known beyond "nothing found" (another law, a
    # fact they do not hold, a false premise, a text not loaded); not part of the JSON shape
    reason: str = ""

    def as_dict(self) -> dict:
        return {"answer": self.answer, "citations": self.citations, "found": self.found, "mode": self.mode,
                "related": self.related}


def kind_of(question: str) -> str:
    if any(w in question for w in FREQUENCY_WORDS):
        return "frequency"
    if any(w in question for w in CONSEQUENCE_WORDS):
        return "consequence"
    return "general"


class GroundedAnswerer:
    def __init__(self, retriever: Retriever):
        self.retriever = retriever
        self.corpus: Corpus = retriever.index.corpus
        self.tokenizer = retriever.tokenizer
        self._definitions: dict | None = None
        # a word the corpus never uses weighs as much as a typical corpus word (see coverage)
        self._typical_idf = float(np.median(list(self.retriever.index.words.idf.values())))

    def definitions(self) -> dict:
        """Terms the documents define (本法所称乡村，是指…) and the passage that defines each."""
        if self._definitions is None:
            found = {}
            for chunk in self.retriever.index.chunks:
                for term in DEFINITION_RE.findall(chunk.text):
                    if term not in found or len(chunk.text) < len(found[term].text):
                        found[term] = chunk  # the paragraph that defines it, not the whole article
            self._definitions = found
        return self._definitions

    def ask(self, question: str, history: list[dict] | None = None) -> Answer:
        """Answer a question; `history` (earlier turns: role, content, citations) resolves
        follow-ups such as 那区长呢？, 这条的第二项呢？, 还有哪些部门？"""
        text = clean_query(question, self.retriever.index.settings.max_query_chars)
        text, exclude = rewrite_followup(text, history or [], self.corpus)
        task = self._task(text)
        if task is not None:
            return task
        corrected = self._false_premise(text)
        if corrected is not None:
            return corrected
        unloaded = self._unloaded_documents(text)
        missing = self._missing_references(text)
        query = analyse(text)
        hits = [h for h in self.retriever.search(text, k=5 + len(exclude)) if (h.chunk.doc_id, h.chunk.article) not in exclude][:5]
        if unloaded:
            return self._not_loaded(unloaded, hits)
        if missing:
            return self._not_found(hits, lead=missing)
        asked = question_sentences(text)
        reason = outside(text, asked)
        if reason and not (hits and hits[0].exact):
            return self._not_found(hits, lead=reason)
        if self._asks_for_roster(query) and not exclude:
            listed = self._duty_list(query)
            if listed:
                return listed
        demand = demand_of(asked or text, role_names)
        checked = self._checked_claim(text, query) if demand is None and not exclude else None
        if checked is not None:
            return checked
        judged = self._judged(query, hits) if hits else None
        if judged is None and demand is not None and demand.name == "definition" and hits \
                and any(term in text for term in self.definitions()):
            judged = query, hits  # 促进法里乡村是怎么界定的？ — the defining paragraph decides, not the background
        if judged is None and demand is not None and demand.name == "date" and hits:
            # 促进法是2020年开始实施的吗？ — the year claimed is what the passage must supply, not a topic word
            judged = self._judged(analyse(re.sub(r"\d+", " ", text)), hits)
        if judged is None:
            # 田长制一共分几级？ — the passages are on the topic but short of the evidence bar and of the
            # fact asked for: say which fact is missing rather than only that nothing was found
            on_topic = demand and hits and self.coverage(query, hits) >= TOPIC_COVERAGE
            return self._not_found(hits, lead=unsupplied(demand) if on_topic else "")
        query, hits = judged
        if demand is None or hits[0].exact:
            return self._compose(query, hits)
        return self._answer_demand(demand, text, query, hits)

    def _answer_demand(self, demand: Demand, text: str, query: Query, hits: list[Hit]) -> Answer:
        """Answer from the passages that hold what is asked (a definition, a date …), or refuse
        saying which fact is missing. In a question of several parts (细则有问题找谁解释？从哪天起
        执行？) the part that asks for the fact is searched on its own."""
        parts = sub_questions(text)
        asking = next((p for p in parts if demand_of(p, role_names)), text) if len(parts) > 1 else text
        # a definition or date lower down is promoted; other facts must be in the two best passages
        pool = hits[:DEMAND_PASSAGES if demand.name in ("definition", "date") else EVIDENCE_PASSAGES]
        if demand.name == "definition":  # the place that defines the term asked about (本法所称乡村，是指…)
            seen = {h.chunk.id for h in pool}
            pool = [Hit(c, hits[0].score) for term, c in self.definitions().items() if term in asking and c.id not in seen] + pool
        if asking != text:
            seen = {h.chunk.id for h in pool}
            pool += [h for h in self.retriever.search(asking, k=DEMAND_PASSAGES) if h.chunk.id not in seen]
        # the question's topic words and their regulation terms; not the role it names, which
        # _about_asked checks (镇党委's 每季度 sentence that 吸纳村党组织书记参加 does not say how
        # often 村支书 述职)
        wording = f"{without_roles(asking)} {analyse(asking).synonyms}"
        supplying = [h for h in pool if demand.supplied_by(h.chunk.text, wording) and self._about_asked(query, h)]
        if asking == text:
            if not supplying:
                return self._not_found(hits, lead=unsupplied(demand))
            return self._compose(query, supplying + [h for h in hits if h not in supplying])
        others = [p for p in parts if p != asking and not demand_of(p, role_names)]
        if not supplying and not any(self.coverage(analyse(p), hits) >= MIN_COVERAGE for p in others):
            return self._not_found(hits, lead=unsupplied(demand))  # no part of the question is answered
        rest = [h for h in hits if h.chunk.id not in {s.chunk.id for s in supplying}]
        # a definition leads (the other part usually asks what it settles: 这算不算乡村？)
        order = supplying[:1] + rest if demand.name == "definition" else rest[:1] + supplying[:1] + rest[1:]
        answer = self._compose(query, order, keep=1 + len(supplying[:1]))
        if not supplying:
            answer.answer += f"\n\n（“{asking}”：{unsupplied(demand)}）"
        return answer

    def _checked_claim(self, text: str, query: Query) -> Answer | None:
        """“听说危房改造归市民政局管，是真的吗？”: a claim that one role does something is checked
        against the place that assigns it, found without the role's name (which would otherwise
        pull the role's own passages up), and confirmed or corrected; None when the question
        makes no such claim or the place is not found."""
        # 村里, 镇上 … say where, not who, in a claim about a department
        where = PLACE_WORDS_RE.sub("，", text)
        named = resolve(where)
        if not CLAIM_RE.search(text) or kind_of(text) != "general" or PERIOD_CLAIM_RE.search(text) or not named:
            return None  # a claimed period is premise.py's to check
        claimed = named[0].name
        family = self._family(claimed)
        if any(s.name not in family for s in named):
            return None  # two roles named: not one claim about one role
        said = [a for a in (named[0].name, *named[0].aliases, *named[0].mentions) if a in where]
        if not any(re.search(rf"(?:归|由|是){re.escape(a)}|{re.escape(a)}(?:要|得|应当|应该)?(?:来|负责|牵头|组织|管|审批|承担|主抓|抓|搞|做|对|的职责|的事)", where)
                   for a in said):
            return None  # the role is named, but nothing is said to be its job
        topic = without_roles(text)
        topic_query = analyse(topic)
        hits = self.retriever.search(topic, k=5)
        if not hits or self.coverage(topic_query, hits) < MIN_COVERAGE:
            return None
        # the subject the passage is about, or else the subjects it names (由…办公室承担)
        leads = self._leads(hits[0]) or self._leads(hits[0], named=True)
        if not leads:
            return None
        answer = self._compose(topic_query, hits)
        if leads & family:
            answer.answer = f"是的，条文规定了{claimed}的这项职责。" + answer.answer
        else:
            holder = "、".join(sorted(n for n in leads if not any(n != m and n in m for m in leads)))
            answer.answer = f"不是{claimed}：条文把这项工作规定给了{holder}。" + answer.answer
        return answer

    def _family(self, subject: str) -> set[str]:
        """A subject with its leader or the body it leads (镇里 / 镇长), and the wider subjects they belong to."""
        return {wide for name in family(subject) for wide in (name, *broader(name))}

    def _about_asked(self, query: Query, hit: Hit) -> bool:
        """False when the question asks about one role and the passage is written for another:
        镇党委书记要定点联系几个村？ is not answered by 区委书记's 定点联系1个以上行政村."""
        actors = query.actors
        if len(actors) != 1 or actors[0] == "市有关部门":
            return True
        leads = self._leads(hit)
        return not leads or bool(leads & self._family(actors[0]))

    def _leads(self, hit: Hit, named: bool = False) -> set[str]:
        """The subjects a passage is about (named at its start), or with `named` every subject it names."""
        position = self.retriever.index.positions[hit.chunk.id]
        return set((self.retriever.index.subjects if named else self.retriever.index.leads)[position])

    def _task(self, text: str) -> Answer | None:
        """Requests for a checklist (帮我给镇长列个清单) or a quiz (出10道关于考核监督的题)."""
        if CHECKLIST_RE.search(text) and resolve(text):
            from .checklist import build_checklist

            role = resolve(text)[0].name
            checklist = build_checklist(role, self.corpus)
            lines = [f"{n}. ［{i['group']}{'｜' + i['frequency'] if i['frequency'] else ''}］{i['task']}（{i['citation']}）"
                     for n, i in enumerate(checklist["items"], start=1)]
            citations = [{**i["cite"], "quote": i["quote"]} for i in checklist["items"]]
            head = f"已为“{role}”列出职责清单，共 {len(lines)} 项（可在“职责清单”页或用 checklist 命令导出 Excel、Word、日历）："
            return Answer(answer=head + "\n" + "\n".join(lines), citations=citations, found=True)
        match = QUIZ_RE.search(text)
        if match:
            from .parse import cn_to_int
            from .quiz import generate_quiz

            n = min(max(cn_to_int(match.group(1)) if match.group(1) else 5, 1), 30)
            chapters = {a.chapter.split(" ", 1)[-1]: a.chapter.split(" ", 1)[0] for d in self.corpus.loaded_documents()
                        for a in d.articles if a.chapter and d.doc_id == "beijing-rules"}
            scope = next((number for name, number in chapters.items() if name and name in text), "all")
            quiz = generate_quiz(self.corpus, n=n, scope=scope)
            names = {"single": "单选", "multiple": "多选", "judge": "判断", "fill": "填空"}
            lines, keys = [], []
            for k, q in enumerate(quiz["questions"], start=1):
                options = "  ".join(f"{'ABCDEFGH'[i]}. {o}" for i, o in enumerate(q["options"])) if q["type"] in ("single", "multiple") else ""
                lines.append(f"{k}.（{names[q['type']]}）{q['stem']}" + (f"\n   {options}" if options else ""))
                keys.append(f"{k}. {q['answer']}")
            head = f"已出 {len(lines)} 道题（范围：{'细则' + scope if scope != 'all' else '全部'}，种子 {quiz['seed']}）："
            body = head + "\n" + "\n".join(lines) + "\n\n参考答案：" + "；".join(keys)
            return Answer(answer=body, citations=[], found=True)
        return None

    def _asks_for_roster(self, query: Query) -> bool:
        """“X 有哪些职责” about one subject and nothing else; “村里想搞民宿，哪个部门推动？” names a
        topic and is searched instead."""
        if len(query.subjects) != 1 or not DUTY_QUESTION_RE.search(query.text) or kind_of(query.text) != "general":
            return False
        named = known_terms(query.text) + DUTY_QUESTION_RE.findall(query.text)
        return all(w in GENERIC_WORDS or any(w in n or n in w for n in named) for w in self.content_words(query))

    def _duty_list(self, query: Query, limit: int = 8) -> Answer | None:
        """“X 有哪些职责”: the subject's own duties from the duty book, one line per place."""
        from .duties import duty_book

        subject = query.subjects[0]
        duties = [d for d in duty_book(self.corpus).duties([subject]) if d.source != "inherited"]
        places: dict[tuple, str] = {}
        for duty in duties:
            places.setdefault(duty.key(), duty.text)
        if not places:
            return None
        citations, lines = [], []
        for (doc_id, article, item), sentence in list(places.items())[:limit]:
            citations.append({"doc_id": doc_id, "article": article, "item": item, "quote": sentence})
            lines.append(f"{len(lines) + 1}. {self.corpus.doc(doc_id).cite(article, item)}：“{sentence}”")
        more = f"（另有{len(places) - limit}处，可用“职责清单”查看全部）" if len(places) > limit else ""
        head = f"{subject}的职责见以下{len(citations)}处规定{more}："
        return Answer(answer=head + "\n" + "\n".join(lines), citations=citations, found=True)

    # -- judging ------------------------------------------------------------------------
    def content_words(self, query: Query) -> list[str]:
        """Words of the question that carry its topic: two characters or more, and not a
        fragment of the question's framing (哪条, 分别, 能往, 报给 …) that the corpus never uses."""
        idf = self.retriever.index.words.idf
        return [w for w in dict.fromkeys(self.tokenizer.words(query.text))
                if len(w) >= 2 and not (w not in idf and FRAMING_CHARS.intersection(w))]

    def coverage(self, query: Query, hits: list[Hit], top: int = EVIDENCE_PASSAGES) -> float:
        """IDF-weighted share of the question's content words found in the best passage(s), or
        in the role alias or everyday term (from the reviewed tables) that the question used.
        A word the corpus never uses (社保卡, 驾照, 公务员) weighs as much as a typical word, so
        that a stray segmentation fragment cannot sink a question on its own."""
        words = self.content_words(query)
        if not words:
            return 0.0
        idf = self.retriever.index.words.idf
        evidence = "".join(h.chunk.indexed_text for h in hits[:top]) + "|" + "|".join(known_terms(query.text))
        weights = {w: max(idf.get(w, self._typical_idf), 0.1) for w in words}
        return sum(v for w, v in weights.items() if w in evidence) / sum(weights.values())

    def _judged(self, query: Query, hits: list[Hit]) -> tuple[Query, list[Hit]] | None:
        """The question and passages to answer from, or None when the passages do not answer."""
        if hits[0].exact or self.coverage(query, hits) >= MIN_COVERAGE:
            return query, hits
        # A question told with its background (我是延庆山里的村民，……，平时没人照应。想问下市里哪个
        # 部门管农村养老？) is judged, and if need be searched again, on the clauses that ask, when
        # they name a topic of their own (not only 部门, 职能) that the passages hold. (Searching
        # on those clauses first, even when the whole question passes, lowered cites-gold on
        # every set: the context usually helps retrieval more than it misleads it.)
        # The clauses that ask, then the whole sentences that ask (乡村公路的建设和养护，市级层面归谁管？
        # names its topic in a clause that does not ask).
        idf = self.retriever.index.words.idf
        for asking in dict.fromkeys((asking_clauses(query.text), asking_sentences(query.text))):
            if not asking or asking == query.text:
                continue
            ask = analyse(asking)
            for candidates in (self.retriever.search(asking, k=len(hits)), hits):
                evidence = "".join(h.chunk.indexed_text for h in candidates[:EVIDENCE_PASSAGES])
                specific = any(w in evidence and w not in ASKING_WORDS and idf.get(w, 0.0) >= 1.0 for w in self.content_words(ask))
                if candidates and specific and self.coverage(ask, candidates) >= MIN_COVERAGE:
                    return ask, candidates
        return None

    def _missing_references(self, text: str) -> str:
        """When every place the question names is absent (细则第三十条, 第九条第十项), say so plainly."""
        from .parse import item_label
        from .refs import find_references

        problems = []
        for ref in find_references(text):
            doc = self.corpus.documents.get(ref.doc_id or "beijing-rules")
            if doc is None or not doc.loaded:
                return ""
            if not 1 <= ref.article <= len(doc.articles):
                problems.append(f"《{doc.title}》共{len(doc.articles)}条，没有{ref.raw.split('条')[0]}条")
                continue
            article = doc.article(ref.article)
            if ref.item is None or ref.kind != "item" or article.item(ref.item) is not None:
                return ""  # at least one named place exists: answer about it
            problems.append(f"{doc.cite(ref.article)}共{len(article.items)}项，没有第{item_label(ref.item)}项")
        return "；".join(problems) + "。" if problems else ""

    def _false_premise(self, text: str) -> Answer | None:
        """A question that asserts a recurring duty the role does not have is told so, with what
        the role must do in that period if anything (premise.py)."""
        from .premise import false_premise

        found = false_premise(text, self.corpus)
        if found is None:
            return None
        subject, period, duties = found
        lead = f"细则和促进法没有规定{subject}“{period}”要做这件事，问题的前提与条文不符。"
        if not duties:
            return self._not_found(self.retriever.search(text, k=5), lead=lead)
        places = {}
        for duty in duties:
            places.setdefault(duty.key(), duty.text)
        lines = [f"{self.corpus.doc(d).cite(a, i)}：“{sentence}”" for (d, a, i), sentence in places.items()]
        related = [{"doc_id": d, "article": a, "item": i, "cite": self.corpus.doc(d).cite(a, i)} for d, a, i in places]
        body = f"{lead}细则对{subject}“{period}”规定的是：\n" + "\n".join(lines)
        return Answer(answer=body, citations=[], found=False, related=related, reason=lead)

    def _unloaded_documents(self, text: str) -> list[str]:
        names = {doc_id for _, doc_id, _ in named_documents(text)}
        return [d for d in names if d in self.corpus.documents and not self.corpus.documents[d].loaded]

    # -- composing ----------------------------------------------------------------------
    def _compose(self, query: Query, hits: list[Hit], keep: int = 1) -> Answer:
        """Quote the best passage and close runners-up; the first `keep` hits are always quoted."""
        kind = kind_of(query.text)
        chosen = hits[:keep] + [h for h in hits[keep:3] if h.score >= 0.75 * hits[0].score and not h.exact]
        if len(query.documents) > 1:  # 细则和促进法分别怎么说: the best place of each document named
            for doc_id in query.documents:
                best = next((h for h in hits if h.chunk.doc_id == doc_id), None)
                if best is not None and best not in chosen:
                    chosen.append(best)
        citations, lines = [], []
        for hit in chosen:
            quote = self.best_sentence(query, hit.chunk.text, kind)
            doc = self.corpus.doc(hit.chunk.doc_id)
            citations.append({"doc_id": hit.chunk.doc_id, "article": hit.chunk.article, "item": hit.chunk.item,
                              "quote": quote})
            lines.append(f"{len(lines) + 1}. {doc.cite(hit.chunk.article, hit.chunk.item)}：“{quote}”")
        # name the subject only when the quoted passage is about it (村里 in 城里人搬到村里住 is no 村党组织)
        about = {x.name for x in resolve(hits[0].chunk.indexed_text)}
        subject = f"（{query.subjects[0]}）" if len(query.subjects) == 1 and query.subjects[0] in about else ""
        first = citations[0]
        from .corpus import related_places

        cited = {(c["doc_id"], c["article"]) for c in citations}
        see_also = [self.corpus.doc(d).cite(n) for d, n in related_places(first["doc_id"], first["article"]) if (d, n) not in cited]
        if see_also:
            lines.append("另见（内容相对应的条文）：" + "、".join(see_also))
        head = self.corpus.doc(first["doc_id"]).cite(first["article"], first["item"])
        conclusion = f"根据{head}{subject}：{first['quote']}"
        return Answer(answer=conclusion + "\n\n依据：\n" + "\n".join(lines), citations=citations, found=True)

    def best_sentence(self, query: Query, text: str, kind: str) -> str:
        """The verbatim span of a passage that best matches the question: its best sentence, or
        that sentence with a neighbour when the neighbour adds a good share of the match."""
        words = set(self.tokenizer.words(f"{query.text} {query.names} {query.synonyms}"))
        spans, cursor = [], 0
        for sentence in sentences(text):
            start = text.find(sentence, cursor)
            spans.append((start, start + len(sentence)))
            cursor = start + len(sentence)

        def score(start: int, end: int) -> float:
            part = text[start:end]
            value = sum(len(w) for w in words if w in part)
            if kind == "frequency" and re.search(r"每年|每季度|每月|任期内|定期|不定期|经常性", part):
                value += 4
            return value

        if not spans:
            return text
        singles = [(score(a, b) - i * 0.01, i) for i, (a, b) in enumerate(spans)]
        best_value, best = max(singles)
        start, end = spans[best]
        for neighbour in (best - 1, best + 1):
            if 0 <= neighbour < len(spans):
                a, b = min(start, spans[neighbour][0]), max(end, spans[neighbour][1])
                if "\n" not in text[a:b] and score(a, b) >= best_value * 1.3 and b - a <= 160:
                    start, end = a, b
                    best_value = score(a, b)
        return text[start:end]

    def _related(self, hits: list[Hit]) -> list[dict]:
        return [{"doc_id": h.chunk.doc_id, "article": h.chunk.article, "item": h.chunk.item,
                 "cite": self.corpus.doc(h.chunk.doc_id).cite(h.chunk.article, h.chunk.item)} for h in hits[:3]]

    def _not_found(self, hits: list[Hit], lead: str = "") -> Answer:
        related = self._related(hits)
        text = lead or "细则和促进法中没有找到直接回答这个问题的规定（细则未作规定），无法给出有依据的答案。"
        if related:
            text += "\n\n可参考的相关条文（并非直接答案）：" + "、".join(r["cite"] for r in related)
        return Answer(answer=text, citations=[], found=False, related=related, reason=lead)

    def _not_loaded(self, doc_ids: list[str], hits: list[Hit]) -> Answer:
        docs = [self.corpus.doc(d) for d in doc_ids]
        names = "、".join(f"《{d.title}》" for d in docs)
        text = (f"{names}的正文尚未导入本助手，无法引用其条文。如需查询，请取得正式文本后运行："
                f"python -m assistant ingest 文件 --doc-id {docs[0].doc_id}")
        related = self._related(hits)
        if related:
            text += "\n\n细则和促进法中可能相关的条文：" + "、".join(r["cite"] for r in related)
        return Answer(answer=text, citations=[], found=False, related=related, reason=f"{names}未导入")


FOLLOW_ITEM_RE = re.compile(r"^(?:那)?(?:这条|该条|这一条|本条)?(?:的)?第\s*([一二三四五六七八九十\d]+)\s*项")
MORE_RE = re.compile(r"^(?:那)?还有(?:哪些|别的|其他|什么)?(?:部门|单位|条|规定|呢)?[？?呢]*$")


def rewrite_followup(question: str, history: list[dict], corpus: Corpus) -> tuple[str, set]:
    """Turn a follow-up into a standalone question, using the last turn; returns the question and
    the articles already given (to skip, for 还有哪些)."""
    from .parse import cn_to_int

    users = [t["content"] for t in history if t.get("role") == "user"]
    cited = [c for t in history if t.get("role") == "assistant" for c in t.get("citations", [])]
    if not users:
        return question, set()
    last_question = users[-1]
    answers = [t for t in history if t.get("role") == "assistant" and t.get("citations")]
    last_cite = answers[-1]["citations"][0] if answers else None  # the main place of the last answer
    match = FOLLOW_ITEM_RE.match(question)
    if match and last_cite and not re.search(r"第\S{1,4}条", question):
        doc = corpus.doc(last_cite["doc_id"])
        return f"{doc.short}第{last_cite['article']}条第{cn_to_int(match.group(1))}项", set()
    if MORE_RE.match(question):
        return last_question, {(c["doc_id"], c["article"]) for c in cited}
    if len(question) <= 12 and question.rstrip("？?。 ").endswith("呢"):
        new = resolve(question)
        old = resolve(last_question)
        if new:
            alias = question.strip().lstrip("那").rstrip("？?。 呢").strip()
            for subject in old[:1]:
                for name in sorted((subject.name, *subject.aliases, *subject.mentions), key=len, reverse=True):
                    if name in last_question:
                        return last_question.replace(name, alias, 1), set()
            return f"{alias}{last_question}", set()
    return question, set()


ASKING_RE = re.compile(r"[哪谁啥咋吗么]|(?<!好)几|什么|怎么|如何|多少|是否|能否|能不能|要不要|可不可以|有没有|行不行|算不算|是不是")


# A claim put to the assistant for checking (听说…是真的吗, …对吧, 是不是…管的).
CLAIM_RE = re.compile(r"听说|据说|有人说|说是|是真的吗|真的假的|是这样吗|对吗|对不对|对吧|没错吧|是不是|属实")

PERIOD_CLAIM_RE = re.compile(r"每|一年|一个月|季度|几次|一次|多久")
PLACE_WORDS_RE = re.compile(r"村里|村上|镇里|镇上|区里|市里")

REFERRING_RE = re.compile(r"这样|那样|这么|那么|这个|那个|此|这种|这事|这是")


def asking_clauses(text: str) -> str:
    """The clauses of a question that ask something, without the background told around them."""
    clauses = [c for c in re.split(r"[，,。；;：:！!？?]", text) if c.strip()]
    chosen = []
    for i, clause in enumerate(clauses):
        if ASKING_RE.search(clause):
            if i and REFERRING_RE.search(clause) and clauses[i - 1] not in chosen:
                chosen.append(clauses[i - 1])  # …就必须把宅基地交回去，真是这样吗？ asks about the clause before
            chosen.append(clause)
    return "，".join(chosen)


def _sentence_parts(text: str) -> list[str]:
    """The sentences of a question, each with the mark that ends it (。？；…)."""
    return [p.strip() for p in re.findall(r"[^。！!？?；;]+[。！!？?；;]*", text) if p.strip("。！!？?；; ")]


def asking_sentences(text: str) -> str:
    """The sentences of a question that ask, with the clause before when they refer back to it
    (……说是在搞“科技小院”。这个是哪个部门牵头的？); "" when every sentence asks."""
    parts = _sentence_parts(text)
    asking = [i for i, p in enumerate(parts) if p[-1] in "？?"] or [len(parts) - 1]
    if len(asking) == len(parts):
        return ""  # no background to leave out
    chosen = []
    for i in asking:
        if i and i - 1 not in asking and REFERRING_RE.search(parts[i]):
            chosen.append(re.split(r"[，,：:]", parts[i - 1].rstrip("。！!？?；; "))[-1])
        chosen.append(parts[i].rstrip("。！!？?；; "))
    return "，".join(chosen)


def question_sentences(text: str) -> str:
    """Only the sentences that end in a question mark, when others tell background; "" otherwise.
    What a question demands (an amount, a date …) is read from these, not from the story told
    before them (许诺每月返一成利息。这种事市里哪个部门管？ asks for no interest rate)."""
    parts = _sentence_parts(text)
    asking = [p.rstrip("？?") for p in parts if p[-1] in "？?"]
    return "，".join(asking) if asking and len(asking) < len(parts) else ""


def sub_questions(text: str) -> list[str]:
    """The parts of a question that asks several things (…找谁解释？从哪天起执行？)."""
    return [p.strip() for p in re.split(r"[？?；;]", text) if len(p.strip()) >= 4]


def role_names(text: str) -> str:
    """The regulation's names for a short text that is mostly a role (村支书 → 村党组织书记,
    商务局的事 → 市商务局); "" for a text that only mentions one (贴在村委会公告栏)."""
    return analyse(text).names if len(re.sub(r"[^\u4e00-\u9fff]", "", without_roles(text, ""))) <= 3 else ""


def known_terms(text: str) -> list[str]:
    """Role aliases and everyday terms from the reviewed tables that occur in the text."""
    return [term for term in synonym_terms() if term in text] + [alias for alias in aliases() if alias in text]


def verify_quote(corpus: Corpus, citation: dict) -> bool:
    """True when the cited place exists and the quote is a verbatim span of it."""
    doc = corpus.documents.get(citation.get("doc_id"))
    if doc is None or not doc.loaded or not isinstance(citation.get("article"), int):
        return False
    if not 1 <= citation["article"] <= len(doc.articles):
        return False
    article = doc.articles[citation["article"] - 1]
    place = article.text
    if citation.get("item") is not None:
        item = article.item(citation["item"])
        if item is None:
            return False
        place = item.text
    quote = citation.get("quote") or ""
    return bool(quote) and quote in place
