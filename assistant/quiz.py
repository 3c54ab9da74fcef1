"""Study quizzes with answer keys, generated from structured knowledge of the corpus.

Every question is built from one place of the 细则 or the 促进法 — `(doc_id, article, item)` — and
only from what that place says verbatim:

- single choice: which department is responsible for a phrase of 第五条 (the item's own department
  against departments whose items do not contain the phrase); which subject a clause belongs to;
  how often a duty recurs (a normalized frequency against frequencies that sentence does not
  state); a few reviewed facts (农民丰收节, 施行日期 …) against reviewed wrong values;
- multiple choice: which phrases are duties of a subject (verbatim clauses of its places against
  clauses of other subjects' places that do not occur in its places), which frequency statements
  are right (verbatim clauses against the same clauses with the frequency changed), reviewed lists
  (the 总要求, the 原则 …);
- judge: a verbatim statement (对), or one controlled change of it (错) — another subject put in,
  the frequency made stronger, or a reviewed wrong value — with the true text quoted;
- fill: a key term blanked in a verbatim window (a subject, a frequency, a named mechanism in
  “”, a reviewed term).

`validate` checks a question against the corpus alone, and `generate_quiz` emits only questions
that pass it. The question pool is built once per corpus fingerprint; a quiz is a seeded draw
from it that spreads questions over types, documents and articles.
"""

from __future__ import annotations

import math
import random
import re
import secrets
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from .corpus import Corpus, load_data
from .duties import duty_book, frequencies_in
from .errors import AssistantError, InputError
from .parse import CN_DIGITS, article_label, cn_to_int
from .roles import subjects

RULES = "beijing-rules"
LAW = "promotion-law"
QUIZ_DOCS = (RULES, LAW)
DOC_WEIGHTS = {RULES: 0.7, LAW: 0.3}  # the 细则 is what cadres are tested on; the law is its basis

TYPES = ("single", "multiple", "judge", "fill")
TYPE_NAMES = {"single": "单选题", "multiple": "多选题", "judge": "判断题", "fill": "填空题"}
_TYPE_ALIASES = {
    "single": "single", "单选": "single", "单选题": "single", "choice": "single",
    "multiple": "multiple", "multi": "multiple", "多选": "multiple", "多选题": "multiple",
    "judge": "judge", "truefalse": "judge", "true-false": "judge", "判断": "judge", "判断题": "judge",
    "fill": "fill", "blank": "fill", "填空": "fill", "填空题": "fill",
}
DIFFICULTIES = ("易", "中", "难")
_DIFFICULTY_ALIASES = {"易": "易", "easy": "易", "简单": "易", "容易": "易",
                       "中": "中", "medium": "中", "中等": "中", "一般": "中",
                       "难": "难", "hard": "难", "困难": "难", "较难": "难"}
MAX_QUESTIONS = 500
BLANK = "（　　）"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
JUDGE_OPTIONS = ["对", "错"]

# Distractor frequencies for "how often" questions (never the true one, never one its sentence states).
FREQUENCY_CHOICES = ("每年", "每季度至少1次", "每季度1次以上", "每年至少2次", "任期内走遍", "原则上每年走遍或联系", "不定期")
FREQUENCY_RE = re.compile(r"每季度至少\d+次|每季度\d+次以上|每年至少\d+次|任期内走遍|原则上每年走遍或联系|不定期|每年|定期|经常性")
# Controlled changes that make a frequency statement false: always a different or stricter period.
FREQUENCY_SWAPS = (("每季度至少", "每月至少"), ("每季度", "每月"), ("每年至少", "每季度至少"), ("任期内", "每年"),
                   ("不定期", "每月"), ("每年", "每季度"))
# Verbatim tokens that may be blanked in a frequency sentence.
FREQUENCY_TOKEN_RE = re.compile(r"每季度|每年|不定期|任期内|经常性|\d+次以上|\d+次|\d+个以上")

# Reviewed facts. Each `find` must occur in the article's text; entries that do not match are skipped
# (and reported by `pool_report`).
# Single choice: (doc, article, term, wrong values, difficulty).
CURATED_SINGLE = (
    (LAW, 7, "秋分", ("春分", "立秋", "冬至"), "易"),
    (LAW, 74, "2021年6月1日", ("2021年1月1日", "2021年4月29日", "2022年1月1日"), "中"),
    (LAW, 9, "省负总责", ("市负总责", "县负总责", "乡负总责"), "中"),
    (LAW, 2, "城市建成区以外", ("城市建成区以内", "县城以外", "乡镇政府驻地以外"), "中"),
    (RULES, 2, "市负总责", ("区负总责", "乡镇负总责", "部门负总责"), "中"),
    (RULES, 3, "五级书记", ("三级书记", "四级书记", "六级书记"), "易"),
    (RULES, 8, "菜篮子", ("米袋子", "果盘子", "菜园子"), "中"),
    (RULES, 9, "一线指挥部", ("施工队长", "总指挥部", "参谋部"), "中"),
    (RULES, 10, "施工队长", ("一线指挥部", "总设计师", "领头雁"), "中"),
    (RULES, 9, "1个以上", ("2个以上", "3个以上", "5个以上"), "难"),
    (RULES, 16, "以定量指标为主", ("以定性指标为主", "以群众评价为主", "以上级评价为主"), "难"),
    (RULES, 24, "常态化约谈机制", ("定期通报机制", "年度述职机制", "专项巡视机制"), "中"),
)
# Multiple choice: (doc, article, stem, correct terms (verbatim), wrong terms, difficulty).
CURATED_MULTIPLE = (
    (LAW, 3, "促进乡村振兴应当按照的总要求包括（　　）。",
     ("产业兴旺", "生态宜居", "乡风文明", "治理有效", "生活富裕"), ("生产发展", "生活宽裕", "村容整洁", "管理民主"), "中"),
    (LAW, 2, "本法适用的活动包括开展促进乡村（　　）等。",
     ("产业振兴", "人才振兴", "文化振兴", "生态振兴", "组织振兴"), ("科技振兴", "金融振兴", "教育振兴"), "易"),
    (LAW, 4, "全面实施乡村振兴战略应当遵循的原则包括（　　）。",
     ("坚持农业农村优先发展", "坚持农民主体地位", "坚持人与自然和谐共生", "坚持改革创新", "坚持因地制宜、规划先行、循序渐进"),
     ("坚持以工补农、以城带乡", "坚持藏粮于地、藏粮于技", "坚持取之于农、主要用之于农"), "难"),
    (LAW, 4, "全面实施乡村振兴战略应当贯彻的新发展理念包括（　　）。",
     ("创新", "协调", "绿色", "开放", "共享"), ("安全", "高效", "集约"), "易"),
    (RULES, 8, "涉农区党委和政府要建立健全的现代乡村社会治理体制包括（　　）。",
     ("党委领导", "政府负责", "民主协商", "社会协同", "公众参与", "法治保障", "科技支撑"),
     ("市场主导", "专家论证", "行政推动", "群众监督"), "难"),
    (RULES, 7, "市有关部门要在哪些方面对乡村振兴予以优先保障？（　　）",
     ("干部配备", "要素配置", "资金投入", "公共服务"), ("考核评价", "宣传报道", "项目审批"), "中"),
    (RULES, 1, "本细则的制定依据包括（　　）。",
     ("《中国共产党农村工作条例》", "《乡村振兴责任制实施办法》", "《中华人民共和国乡村振兴促进法》"),
     ("《北京市接诉即办工作条例》", "《中华人民共和国土地管理法》", "《中国共产党农村基层组织工作条例》"), "易"),
    (RULES, 16, "对各涉农区乡村振兴工作进展情况进行评估评价可采取的方式有（　　）。",
     ("第三方评估", "群众满意度调查"), ("网络投票", "上级打分", "自我评价"), "中"),
)
# Fill-in: (doc, article, term, difficulty); every sentence of the article holding the term once.
CURATED_FILL = (
    (LAW, 7, "秋分", "易"), (LAW, 74, "2021年6月1日", "易"), (LAW, 9, "中央统筹、省负总责、市县乡抓落实", "中"),
    (LAW, 71, "上一级人民政府", "中"), (LAW, 70, "本级人民代表大会", "中"), (LAW, 2, "城市建成区以外", "中"),
    (LAW, 41, "乡村治理中心、农村服务中心、乡村经济中心", "难"), (LAW, 14, "耕地总量不减少、质量有提高", "中"),
    (LAW, 58, "政府债券", "中"), (LAW, 61, "取之于农、主要用之于农", "中"), (LAW, 8, "藏粮于地、藏粮于技", "中"),
    (LAW, 8, "谷物基本自给、口粮绝对安全", "中"), (LAW, 10, "国务院农业农村主管部门", "中"), (LAW, 45, "村务公开制度", "中"),
    (LAW, 68, "目标责任制和考核评价制度", "难"), (LAW, 4, "农民主体地位", "易"), (LAW, 60, "增加总量、优化存量、提高效能", "难"),
    (RULES, 3, "五级书记", "易"), (RULES, 2, "市负总责、区和乡镇抓落实", "中"), (RULES, 9, "首要责任", "中"),
    (RULES, 7, "主体责任", "中"), (RULES, 7, "第一责任人", "易"), (RULES, 16, "以定量指标为主", "难"),
    (RULES, 16, "第三方评估、群众满意度调查", "中"), (RULES, 24, "常态化约谈机制", "中"), (RULES, 9, "1个以上", "难"),
    (RULES, 10, "所有自然村组", "难"), (RULES, 11, "所有农户", "难"), (RULES, 16, "乡村振兴奖励资金分配使用", "难"),
    (RULES, 17, "乡村振兴工作报告制度", "易"), (RULES, 16, "乡村振兴战略实绩考核制度", "易"),
    (RULES, 25, "市委农村工作领导小组办公室", "中"), (RULES, 21, "考核、督查、评估情况公开制度", "中"),
    (RULES, 3, "党委统一领导、政府负责、党委农村工作部门统筹协调", "难"),
    (RULES, 1, "乡村振兴责任制实施办法", "中"), (RULES, 26, "发布之日", "易"), (RULES, 23, "直接责任人员", "中"),
    (LAW, 52, "农村饮用水安全", "中"),
)
# Judge: (doc, article, find, replace) — the replacement makes the statement false.
CURATED_SWAPS = (
    (RULES, 3, "五级书记", "三级书记"),
    (RULES, 2, "市负总责、区和乡镇抓落实", "区负总责、乡镇和村抓落实"),
    (RULES, 7, "负主体责任", "负监督责任"),
    (RULES, 9, "负首要责任", "负监督责任"),
    (RULES, 9, "定点联系1个以上行政村", "定点联系3个以上行政村"),
    (RULES, 9, "各涉农区党委和政府是乡村振兴", "各乡镇党委和政府是乡村振兴"),
    (RULES, 16, "以定量指标为主", "以定性指标为主"),
    (RULES, 18, "督查结果纳入年度乡村振兴战略实绩考核", "督查结果不纳入年度乡村振兴战略实绩考核"),
    (RULES, 26, "自发布之日起施行", "自2024年1月1日起施行"),
    (LAW, 7, "秋分", "春分"),
    (LAW, 74, "2021年6月1日", "2021年1月1日"),
    (LAW, 9, "省负总责", "县负总责"),
    (LAW, 2, "城市建成区以外", "城市建成区以内"),
    (LAW, 3, "生活富裕", "生活宽裕"),
    (LAW, 58, "省、自治区、直辖市人民政府可以依法发行政府债券", "县级人民政府可以依法发行政府债券"),
    (LAW, 10, "国务院农业农村主管部门负责全国乡村振兴促进工作", "国务院发展改革部门负责全国乡村振兴促进工作"),
    (LAW, 68, "上级人民政府应当对下级人民政府", "下级人民政府应当对上级人民政府"),
)

# Who may stand in for whom in "which subject" options and role-swapped statements: subjects of the
# same kind that the 细则 gives clearly different duties. A body and its own leader are never
# offered against each other.
CITY_BODIES = ("市委农村工作领导小组", "市委农村工作领导小组办公室", "市纪委监委")
CITY_EXTRA = ("市委组织部", "市委宣传部", "市发展改革委", "市财政局", "市审计局")  # more options for "which subject"
LEVELS = {"涉农区党委和政府": "区", "涉农区党委和政府主要负责人": "区", "乡镇党委和政府": "乡镇",
          "乡镇党委和政府主要负责人": "乡镇", "村党组织": "村", "村党组织书记": "村"}
LOCAL = tuple(LEVELS)
PAIRS = ({"涉农区党委和政府", "涉农区党委和政府主要负责人"}, {"乡镇党委和政府", "乡镇党委和政府主要负责人"},
         {"村党组织", "村党组织书记"}, {"市委农村工作领导小组", "市委农村工作领导小组办公室"})
# Words that make a duty unmistakably one level's: a role swap among LOCAL keeps the statement up to
# one of them and puts in a subject of another level.
LEVEL_MARKERS = {"区": ("区委", "区政府", "区长", "一线指挥部", "辖区内所有行政村"),
                 "乡镇": ("自然村组", "施工队长"),
                 "村": ("本村", "农户", "村“两委”")}
# Kinds of duty that several bodies share in some form: a claim of one kind is never pinned on a
# (non-department) subject whose own text has the same kind.
CONCEPTS = (("督查", "监督", "检查", "问责", "执纪"), ("考核", "评价", "评估"), ("报告", "汇报", "通报"),
            ("表彰", "奖励"), ("约谈",), ("解释",), ("调研", "走访", "走遍", "联系群众"))
# Levels of government the law gives most duties to: too alike to be a fill-in answer.
GENERIC_LAW_SUBJECTS = ("各级人民政府", "县级以上地方人民政府")
# Statements of duties every body has (study, implement, follow the plan) are never role-swapped.
GENERIC_MARKERS = ("深入学习贯彻", "深入贯彻", "认真落实", "党内法规", "各项任务", "工作部署", "安排部署", "优先发展", "习近平",
                   "党中央", "市委、市政府", "上级党委和政府", "第一责任人", "主要精力", "重视和支持")
# How a sentence that goes on with its paragraph's subject opens (国务院其他有关部门… names its own).
FREQUENCY_OPENERS = ("每季度", "每年", "不定期", "原则上", "经常性", "任期内")
VERB_OPENERS = ("引导", "支持", "统筹", "鼓励", "推进", "健全", "建立", "实现", "加强", "完善", "推动", "促进", "开展", "组织",
                "落实", "及时", "带头", "深化", "强化", "提高", "保障", "发展", "探索", "严格", "坚持", "全面", "积极", "指导",
                "做好", "加快", "推广", "增强", "培育", "提升", "维护", "承担", "负责", "牵头", "确定", "公布", "每年")
# Clauses that only set the scene (为了…, 针对…, 在…下): a statement never ends on one.
ADVERBIAL_OPENERS = ("为了", "为", "针对", "围绕", "根据", "按照", "依据", "结合", "在", "经", "通过", "本市依据")
# A phrase offered as a duty starts and ends like one.
BAD_PHRASE_START = ("并", "和", "及", "以及", "在", "根据", "按照", "作为", "经", "向", "通过", "结合", "针对", "以", "等",
                    "是", "考核结果", "乡村振兴责任")
BAD_PHRASE_END = ("后", "下", "的", "中", "时", "等")

CLAUSE_SPLIT = re.compile(r"[，,；;。：:！？]")
SENTENCE_RE = re.compile(r"[^。；;！？!?\n]+[。；;！？!?]?")
_PUNCT = set("，,、。；;：:“”\"‘’'（）()！？!?《》<>…—-·　 \n\t[]【】")
MAX_STATEMENT = 70


# ---------------------------------------------------------------- small text helpers

@lru_cache(maxsize=65536)
def _norm(text: str) -> str:
    return "".join(ch for ch in text if ch not in _PUNCT)


def _sentences(text: str) -> list[tuple[int, str]]:
    """(start, sentence) with its closing mark, spans of `text`."""
    return [(m.start(), m.group(0)) for m in SENTENCE_RE.finditer(text) if m.group(0).strip()]


def _clauses(sentence: str) -> list[tuple[int, int]]:
    """(start, end) of the clauses of a sentence, without their separators."""
    out, start = [], 0
    for m in CLAUSE_SPLIT.finditer(sentence):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(sentence):
        out.append((start, len(sentence)))
    return out


def _strip_end(text: str) -> str:
    return text.rstrip("。；;，,：:！？!? \n")


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        if ch == "“":
            depth += 1
        elif ch == "”":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0 and text.count("（") + text.count("(") == text.count("）") + text.count(")")


def _frequency_class(value: str) -> str:
    if value.startswith("每季度"):
        return "每季度"
    if value.startswith("每年") and "走遍" not in value:
        return "每年"
    return value


def _quote_block(quotes: list[str]) -> str:
    return "；".join(f"“{q}”" for q in quotes)


def _explanation(analysis: str, cite: str, quotes: list[str]) -> str:
    return f"{analysis}依据{cite}：{_quote_block(quotes)}"


def explanation_quotes(explanation: str, cite: str) -> list[str] | None:
    """The verbatim quotes an explanation ends with (after “依据<cite>：”), or None if it has none."""
    marker = f"依据{cite}："
    pos = explanation.rfind(marker)
    if pos < 0:
        return None
    rest = explanation[pos + len(marker):]
    quotes, i = [], 0
    while i < len(rest):
        if rest[i] != "“":
            return None
        depth, j = 0, i
        while j < len(rest):
            if rest[j] == "“":
                depth += 1
            elif rest[j] == "”":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        if depth != 0:
            return None
        quotes.append(rest[i + 1:j])
        i = j + 1
        if i < len(rest):
            if rest[i] != "；":
                return None
            i += 1
    return quotes or None


@lru_cache(maxsize=1)
def _mention_table() -> tuple[dict[str, str], re.Pattern]:
    names: dict[str, str] = {}
    for subject in subjects():
        for mention in (subject.name, *subject.mentions):
            names.setdefault(mention, subject.name)
    ordered = sorted(names, key=lambda m: (-len(m), m))  # the longest alternative wins at a position
    return names, re.compile("|".join(re.escape(m) for m in ordered))


@lru_cache(maxsize=65536)
def _leading(text: str, window: int = 1) -> tuple[str, int, int] | None:
    """(subject name, start, end) of the subject written at the very start of `text` (a leading 各
    allowed): the one reaching farthest."""
    names, pattern = _mention_table()
    best = None
    for pos in range(min(window, len(text)) + 1):
        match = pattern.match(text, pos)
        if match and (best is None or match.end() > best[2]):
            best = (names[match.group(0)], pos, match.end())
    return best


def _mentions(name: str) -> tuple[str, ...]:
    subject = next((s for s in subjects() if s.name == name), None)
    return tuple(dict.fromkeys((name, *subject.mentions))) if subject else (name,)


_CITES: dict[tuple, tuple] = {}


def _cite(corpus: Corpus, doc_id: str, article: int, item: int | None = None) -> str:
    """`corpus.doc(doc_id).cite(article, item)`, remembered (the document is kept with it, so its
    id stays its own)."""
    doc = corpus.doc(doc_id)
    key = (id(doc), article, item)
    hit = _CITES.get(key)
    if hit is None:
        if len(_CITES) > 20000:
            _CITES.clear()
        hit = _CITES[key] = (doc, doc.cite(article, item))
    return hit[1]


# ---------------------------------------------------------------- places

def _place(corpus: Corpus, doc_id: str, article: int, item: int | None) -> tuple[str, str, str]:
    """(text, context, lead_in) of a place; context is the lead-in plus the item for an item."""
    art = corpus.doc(doc_id).article(article)
    if item is None:
        return art.text, art.text, ""
    found = art.item(item)
    if found is None:
        raise AssistantError(f"{corpus.doc(doc_id).cite(article)}没有第{item}项")
    return found.text, f"{art.lead_in}\n{found.text}", art.lead_in


@dataclass(frozen=True)
class Unit:
    """A finest piece of an article: an item, or a paragraph that is not part of an item."""

    doc_id: str
    article: int
    item: int | None
    text: str
    lead_in: str
    chapter: str
    subject: str | None  # the subject the unit is about (written at its start or its lead-in's)
    written: str | None  # how that subject is written there (without a leading 各)


def _units(corpus: Corpus) -> list[Unit]:
    out = []
    for doc_id in QUIZ_DOCS:
        doc = corpus.documents.get(doc_id)
        if doc is None or not doc.loaded:
            continue
        for art in doc.articles:
            lead = _leading(art.lead_in) if art.lead_in else None
            for it in art.items:
                own = _leading(it.text)
                who = own or lead
                source = it.text if own else art.lead_in
                out.append(Unit(doc_id, art.number, it.number, it.text, art.lead_in, art.chapter,
                                who[0] if who else None, source[who[1]:who[2]] if who else None))
            for _, paragraph in art.loose_paragraphs():
                who = _leading(paragraph)
                out.append(Unit(doc_id, art.number, None, paragraph, "", art.chapter,
                                who[0] if who else None, paragraph[who[1]:who[2]] if who else None))
    return out


def _tag(unit_or_chapter, doc_id: str) -> str:
    chapter = unit_or_chapter if isinstance(unit_or_chapter, str) else unit_or_chapter.chapter
    name = re.sub(rf"^第[{CN_DIGITS}\d]+章\s*", "", chapter or "").strip()
    if doc_id == LAW:
        return f"促进法·{name}" if name else "促进法"
    return name or "细则"


# ---------------------------------------------------------------- validation

def _derivable(option: str, context: str, quotes: list[str]) -> bool:
    """Whether an option is stated by the place: a frequency by the quoted sentence, anything else
    verbatim (ignoring punctuation) in the place."""
    if FREQUENCY_RE.fullmatch(option):
        stated = {_frequency_class(f) for q in quotes for f in frequencies_in(q)}
        return _frequency_class(option) in stated
    return bool(_norm(option)) and _norm(option) in _norm(context)


def _composed_true(core: str, text: str, context: str) -> bool:
    """A statement that is the place verbatim, or a subject written in the place (its lead-in)
    followed by a verbatim span of it."""
    if _norm(core) in _norm(text) or _norm(core) in _norm(context):
        return True
    lead = _leading(core)
    if lead is None:
        return False
    subject, rest = core[:lead[2]], core[lead[2]:]
    return len(_norm(rest)) >= 4 and _norm(subject) in _norm(context) and _norm(rest) in _norm(text)


def _body(stem: str) -> str | None:
    return stem.split("：", 1)[1] if "：" in stem else None


def validate(question: dict, corpus: Corpus) -> list[str]:
    """Problems with a question (an empty list means it is valid), checked against the corpus alone."""
    problems: list[str] = []
    if not isinstance(question, dict):
        return ["题目不是字典"]
    for key in ("id", "type", "stem", "options", "answer", "explanation", "cite", "difficulty", "tag"):
        if key not in question:
            problems.append(f"缺少字段 {key}")
    if problems:
        return problems
    qtype, stem, options, answer = question["type"], question["stem"], question["options"], question["answer"]
    explanation, cite = question["explanation"], question["cite"]
    if qtype not in TYPES:
        problems.append(f"未知题型 {qtype!r}")
    if not isinstance(stem, str) or not stem.strip():
        problems.append("题干为空")
        stem = ""
    if not isinstance(options, list) or not all(isinstance(o, str) and o.strip() for o in options):
        problems.append("选项应为非空字符串列表")
        options = []
    if not isinstance(answer, str) or not answer:
        problems.append("答案为空")
        answer = ""
    if question["difficulty"] not in DIFFICULTIES:
        problems.append(f"难度应为易/中/难，实为 {question['difficulty']!r}")
    if not isinstance(question["tag"], str) or not question["tag"]:
        problems.append("缺少知识点标签")
    if not isinstance(cite, dict) or not {"doc_id", "article", "item"} <= set(cite):
        return problems + ["出处应含 doc_id、article、item"]
    try:
        doc = corpus.doc(cite["doc_id"])
        text, context, _ = _place(corpus, cite["doc_id"], cite["article"], cite["item"])
        cite_text = _cite(corpus, cite["doc_id"], cite["article"], cite["item"])
    except (AssistantError, TypeError) as exc:
        return problems + [f"出处不存在：{getattr(exc, 'message', exc)}"]
    quotes = explanation_quotes(explanation, cite_text) if isinstance(explanation, str) else None
    if not quotes:
        problems.append(f"解析未以“依据{cite_text}：”加原文引文结尾")
        quotes = []
    for quote in quotes:
        if not quote or quote not in text:
            problems.append(f"引文不是出处原文：“{quote[:30]}”")

    if qtype in ("single", "multiple"):
        if len(options) < (3 if qtype == "single" else 4):
            problems.append(f"选项太少（{len(options)}个）")
        if len(set(options)) != len(options):
            problems.append("选项重复")
        letters = LETTERS[:len(options)]
        if not answer or any(ch not in letters for ch in answer) or list(answer) != sorted(set(answer)):
            problems.append(f"答案字母“{answer}”不在选项范围内或未按序")
            return problems
        right = [options[LETTERS.index(ch)] for ch in answer]
        wrong = [o for i, o in enumerate(options) if LETTERS[i] not in answer]
        if qtype == "single" and len(right) != 1:
            problems.append("单选题应恰有一个正确选项")
        if qtype == "multiple" and (len(right) < 2 or not wrong):
            problems.append("多选题应有至少两个正确选项和至少一个错误选项")
        for option in right:
            if not _derivable(option, context, quotes):
                problems.append(f"正确选项不能由出处原文得出：“{option}”")
        for option in wrong:
            if _derivable(option, context, quotes):
                problems.append(f"错误选项却能由出处原文得出：“{option}”")
    elif qtype == "judge":
        if options != JUDGE_OPTIONS:
            problems.append("判断题选项应为 [对, 错]")
        body = _body(stem)
        if body is None or not _strip_end(body):
            problems.append("判断题题干缺少待判断的陈述")
            return problems
        core = _strip_end(body)
        if answer == "对":
            if not _composed_true(core, text, context):
                problems.append("判断为“对”的陈述不是出处原文")
        elif answer == "错":
            if _norm(core) in _norm(context) or _composed_true(core, text, context):
                problems.append("判断为“错”的陈述却是出处原文")
        else:
            problems.append("判断题答案应为“对”或“错”")
    elif qtype == "fill":
        if options:
            problems.append("填空题不应有选项")
        body = _body(stem)
        if body is None or body.count(BLANK) != 1:
            problems.append(f"填空题题干应恰有一处{BLANK}")
            return problems
        if answer not in text:
            problems.append("填空答案不在出处原文中")
        if body.replace(BLANK, answer) not in text:
            problems.append("填入答案后的句子不是出处原文")
        if answer and answer in body.replace(BLANK, ""):
            problems.append("填空答案在题干中已经出现")
    return problems


# ---------------------------------------------------------------- the pool

@dataclass
class Entry:
    kind: str
    type: str
    stem: str
    doc_id: str
    article: int
    item: int | None
    difficulty: str
    tag: str
    facts: frozenset
    correct: tuple = ()  # choice: (option, quotes) pairs
    distractors: tuple = ()  # choice: wrong options
    analysis: str = ""  # choice: what the explanation says before the quotes
    answer: str = ""  # judge, fill
    explanation: str = ""  # judge, fill


@dataclass
class Pool:
    fingerprint: str
    entries: list[Entry]
    rejected: list[tuple[Entry, list[str]]] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)  # reviewed entries that no longer match the text


class _Builder:
    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        self.units = _units(corpus)
        self.book = duty_book(corpus) if corpus.documents.get(RULES) and corpus.documents[RULES].loaded else None
        self.departments = sorted(n for n in (self.book.department_names if self.book else ())
                                  if n != "市委农村工作领导小组其他成员单位")
        self.entries: list[Entry] = []
        self.unmatched: list[str] = []
        self._subject_texts: dict[str, list[str]] = {}
        self._phrase_cache: dict[tuple, list] = {}
        # 4-grams found in three or more units are common wording (乡村振兴, 农业农村 …); a rarer one
        # shared by two passages means they say the same thing.
        counts: Counter = Counter()
        for unit in self.units:
            counts.update(self._grams(unit.text))
        self.common = {g for g, c in counts.items() if c >= 3}
        self.doc_text = {d: "\n".join(a.text for a in corpus.doc(d).articles) for d in QUIZ_DOCS
                         if corpus.documents.get(d) and corpus.documents[d].loaded}
        self.norm_doc = {d: _norm(t) for d, t in self.doc_text.items()}

    # -- helpers
    @staticmethod
    @lru_cache(maxsize=65536)
    def _grams(text: str, k: int = 4) -> frozenset[str]:
        t = _norm(text)
        return frozenset(t[i:i + k] for i in range(len(t) - k + 1))

    def overlaps(self, phrase: str, texts: list[str]) -> bool:
        """Whether the phrase says what one of the texts says: a rare 4-character run, or any
        6-character run, in common."""
        probes = (self._grams(phrase) - self.common) | self._grams(phrase, 6)
        return bool(probes) and any(g in _norm(t) for t in texts for g in probes)

    def ambiguous(self, doc_id: str, shown: str, term: str) -> bool:
        """Whether the blank in `shown` could be filled with something else the document says in
        the same words (…是本地区乡村振兴第一责任人 is said of three subjects)."""
        start = shown.index(term)
        before, after = shown[:start], shown[start + len(term):]
        stop = "，,。；;：:\n"
        head = re.escape(before) if before else rf"(?<![^{stop}“”])"
        body = rf"([^{stop}]{{1,40}}?)" if after else rf"([^{stop}]+)"
        fills = {m.group(1) for m in re.finditer(head + body + re.escape(after), self.doc_text[doc_id])}
        return fills != {term}

    def occurrences(self, doc_id: str, phrase: str) -> int:
        return self.norm_doc[doc_id].count(_norm(phrase))

    def cite(self, doc_id: str, article: int, item: int | None = None) -> str:
        return _cite(self.corpus, doc_id, article, item)

    def short(self, doc_id: str) -> str:
        return f"《{self.corpus.doc(doc_id).short}》"

    def subject_texts(self, name: str) -> list[str]:
        """Texts of every unit (with its lead-in) that names the subject or is about it."""
        if name not in self._subject_texts:
            mentions = _mentions(name)
            self._subject_texts[name] = [f"{u.lead_in}\n{u.text}" for u in self.units
                                         if u.subject == name or any(m in u.text or m in u.lead_in for m in mentions)]
        return self._subject_texts[name]

    def related(self, name: str) -> set[str]:
        out = {name}
        if self.book:
            out |= set(self.book.parents(name))
            out |= {s.name for s in subjects() if name in self.book.parents(s.name)}
        for pair in PAIRS:
            if name in pair:
                out |= pair
        return out

    def peers(self, name: str, extra: bool = False) -> list[str]:
        if name in self.departments:
            group = self.departments
        elif name in LOCAL:
            group = LOCAL
        elif name in CITY_BODIES:
            group = CITY_BODIES + (CITY_EXTRA if extra else ())
        else:
            return []
        related = self.related(name)
        return [p for p in group if p not in related]

    def clashes(self, claim: str, other: str) -> bool:
        """Whether `claim` could be true of `other`: its words are in other's places, it shares rare
        wording with them, or (for a non-department) the same kind of duty is in them."""
        texts = self.subject_texts(other)
        if any(_norm(part) in _norm(t) for t in texts for part in self._parts(claim)):
            return True
        if self.overlaps(claim, texts):
            return True
        if other in self.departments:
            return False
        joined = "\n".join(texts)
        return any(any(w in claim for w in group) and any(w in joined for w in group) for group in CONCEPTS)

    @staticmethod
    def _parts(claim: str) -> list[str]:
        parts = [claim[s:e] for s, e in _clauses(claim) if e - s >= 6]
        return parts or [claim]

    @staticmethod
    def good_phrase(phrase: str) -> bool:
        return (6 <= len(phrase) <= 24 and _balanced(phrase) and not phrase.startswith(BAD_PHRASE_START)
                and not phrase.endswith(BAD_PHRASE_END) and not any(g in phrase for g in GENERIC_MARKERS))

    def add(self, entry: Entry) -> None:
        self.entries.append(entry)

    def choice_distractors(self, candidates, context: str, quotes: list[str], reject) -> list[str]:
        out = []
        for option in candidates:
            if option in out or _derivable(option, context, quotes) or reject(option):
                continue
            out.append(option)
        return out

    # -- single choice
    def department_single(self) -> None:
        """负责“X”的是哪个部门 — from 第五条's items."""
        if not self.book:
            return
        article = self.corpus.doc(RULES).article(5)
        items = {u.item: u for u in self.units if u.doc_id == RULES and u.article == 5 and u.item}
        written = {u.subject: u for u in items.values() if u.subject in self.departments}
        for unit in items.values():
            if unit.subject not in self.departments:
                continue
            dept = unit.written
            first = _sentences(unit.text)[0][1]
            for _, sentence in _sentences(unit.text):
                for start, end in _clauses(sentence):
                    phrase = sentence[start:end]
                    lead = _leading(phrase)
                    if lead:
                        phrase = re.sub(r"^(牵头负责|负责)", "", phrase[lead[2]:])
                    if not self.good_phrase(phrase) or self.occurrences(RULES, phrase) != 1:
                        continue
                    quotes = list(dict.fromkeys([first, sentence]))
                    context = f"{article.lead_in}\n{unit.text}"
                    others = [w.written for name, w in written.items() if name != unit.subject
                              and not self.overlaps(phrase, [w.text])]
                    wrong = self.choice_distractors(others, context, quotes, lambda o: False)
                    if len(wrong) < 3:
                        continue
                    plain = set(re.sub(r"^市|委$|局$", "", dept))
                    easy = any(ch in phrase for ch in plain if ch not in "市委局会")
                    self.add(Entry("department", "single", f"根据《细则》，负责“{phrase}”的是（　　）。", RULES, 5, unit.item,
                                   "易" if easy else "中", "部门责任", frozenset({_norm(sentence)}),
                                   correct=((dept, tuple(quotes)),), distractors=tuple(wrong),
                                   analysis="其余部门的职责条目中没有这项内容。"))

    def subject_single(self) -> None:
        """（　　）是下列哪一主体 — clauses a subject leads, and items under a lead-in that names one."""
        for unit in self.units:
            if unit.doc_id != RULES or unit.article == 5:
                continue
            text, context, _ = _place(self.corpus, unit.doc_id, unit.article, unit.item)
            cite_tag = _tag(unit, RULES)
            for _, sentence in _sentences(unit.text):
                if not _balanced(sentence):
                    continue
                for start, end in _clauses(sentence):
                    clause = sentence[start:end]
                    lead = _leading(clause)
                    if lead is None or lead[0] not in LOCAL + CITY_BODIES:
                        continue
                    name, rest = lead[0], clause[lead[2]:]
                    if not 6 <= len(rest) <= 40 or rest.startswith(("和", "、", "以及", "的", "及", "等")) \
                            or rest.startswith(BAD_PHRASE_START) or sentence.rstrip().endswith((":", "：")):
                        continue
                    stem = (f"根据《细则》，{rest[1:]}是（　　）。" if rest.startswith("是")
                            else f"根据《细则》，{rest}的是（　　）。")
                    option = clause[lead[1]:lead[2]]
                    self._subject_entry("subject", stem, unit, name, option, rest, [sentence], context, cite_tag)
            # items whose lead-in names the subject (第八条, 第九条): the clause is the subject's
            if unit.item is not None and unit.subject and _leading(unit.text) is None and unit.subject in LOCAL:
                used = 0
                for _, sentence in _sentences(unit.text):
                    for start, end in _clauses(sentence):
                        clause = sentence[start:end]
                        if used >= 2 or not 8 <= len(clause) <= 30 or not _balanced(clause):
                            continue
                        if self.occurrences(RULES, clause) != 1:
                            continue
                        stem = f"根据《细则》，“{clause}”是下列哪一主体的责任？"
                        if self._subject_entry("subject-item", stem, unit, unit.subject, unit.written, clause, [sentence],
                                               context, cite_tag):
                            used += 1

    def _subject_entry(self, kind, stem, unit, name, option, claim, quotes, context, tag) -> bool:
        wrong = self.choice_distractors(self.peers(name, extra=True), context, quotes,
                                        lambda other: self.clashes(claim, other))
        if len(wrong) < 2 or not _derivable(option, context, quotes):
            return False
        self.add(Entry(kind, "single", stem, unit.doc_id, unit.article, unit.item, "中", tag,
                       frozenset(_norm(q) for q in quotes), correct=((option, tuple(quotes)),), distractors=tuple(wrong),
                       analysis="其余选项不是该处规定的责任主体。"))
        return True

    def frequency_sentences(self):
        """(unit, sentence, subject as written, frequency, clause) for every frequency a subject's sentence states."""
        for unit in self.units:
            for _, sentence in _sentences(unit.text):
                found = frequencies_in(sentence)
                if not found:
                    continue
                lead = _leading(sentence)
                written = sentence[lead[1]:lead[2]] if lead else unit.written
                if not written:
                    continue
                for frequency in found:
                    clause = self._frequency_clause(sentence, frequency)
                    if clause:
                        yield unit, sentence, written, frequency, found, clause

    @staticmethod
    def _frequency_clause(sentence: str, frequency: str) -> str | None:
        for start, end in _clauses(sentence):
            clause = sentence[start:end]
            if frequency in frequencies_in(clause):
                return clause
        return None

    @staticmethod
    def _activity(clause: str, written: str) -> str:
        activity = clause
        lead = _leading(activity)
        if lead:
            activity = activity[lead[2]:]
        activity = re.sub(r"^(应当|要)", "", activity)
        for pattern in (r"每季度至少", r"每年至少", r"每季度", r"原则上", r"任期内", r"基本(?=走遍)", r"不定期", r"每年",
                        r"\d+次以上", r"\d+次"):
            activity = re.sub(pattern, "", activity, count=1)
        return activity

    def frequency_single(self) -> None:
        for unit, sentence, written, frequency, found, clause in self.frequency_sentences():
            if frequency not in FREQUENCY_CHOICES or not _balanced(sentence):
                continue
            activity = self._activity(clause, written)
            if len(activity) < 4:
                continue
            stated = {_frequency_class(f) for f in found}
            wrong = [f for f in FREQUENCY_CHOICES if _frequency_class(f) not in stated]
            _, context, _ = _place(self.corpus, unit.doc_id, unit.article, unit.item)
            wrong = self.choice_distractors(wrong, context, [sentence], lambda o: False)
            if len(wrong) < 2:
                continue
            stem = f"根据{self.short(unit.doc_id)}，{written}{activity}的频次要求是（　　）。"
            level = "难" if re.search(r"\d", frequency) else "中"
            # only the sentence is quoted: the frequencies of its neighbours are not this duty's
            _, note = self.support(unit, sentence)
            self.add(Entry("frequency", "single", stem, unit.doc_id, unit.article, unit.item, level, "频次",
                           frozenset({_norm(sentence)}), correct=((frequency, (sentence,)),), distractors=tuple(wrong),
                           analysis=f"原文规定的频次为“{frequency}”。{note}"))

    def curated_single(self) -> None:
        for doc_id, number, term, wrong_values, difficulty in CURATED_SINGLE:
            if doc_id not in self.doc_text:
                continue
            hits = list(self._term_windows(doc_id, number, term))
            if not hits:
                self.unmatched.append(f"单选 {doc_id} {number} {term}")
            for unit, sentence, window, blanked in hits[:1]:
                _, context, _ = _place(self.corpus, doc_id, number, unit.item)
                wrong = self.choice_distractors(wrong_values, context, [sentence], lambda o: False)
                stem = f"根据{self.short(doc_id)}，{_strip_end(blanked)}。"
                self.add(Entry("curated", "single", stem, doc_id, number, unit.item, difficulty, _tag(unit, doc_id),
                               frozenset({_norm(sentence)}), correct=((term, (sentence,)),), distractors=tuple(wrong),
                               analysis=f"原文为“{term}”。"))

    # -- multiple choice
    def _phrases(self, unit: Unit, name: str) -> list[tuple[str, str]]:
        """(phrase, sentence): clauses of the unit's sentences that the subject leads or that carry no subject."""
        key = (unit, name)
        if key not in self._phrase_cache:
            self._phrase_cache[key] = self._find_phrases(unit, name)
        return self._phrase_cache[key]

    def _find_phrases(self, unit: Unit, name: str) -> list[tuple[str, str]]:
        out = []
        for _, sentence in _sentences(unit.text):
            lead = _leading(sentence, window=2)
            if lead is not None and lead[0] != name:
                continue
            if sentence.rstrip().endswith((":", "：")) or not _balanced(sentence):
                continue
            for start, end in _clauses(sentence):
                phrase = sentence[start:end]
                head = _leading(phrase)
                if head:
                    phrase = phrase[head[2]:]
                phrase = re.sub(r"^(应当|要|牵头负责|负责)", "", phrase)
                if self.good_phrase(phrase) and not FREQUENCY_TOKEN_RE.search(phrase):
                    out.append((phrase, sentence))
        return out

    def duty_multiple(self) -> None:
        """下列属于X职责的有 — verbatim phrases of X's places against other subjects' phrases."""
        if not self.book:
            return
        led: dict[str, list[Unit]] = defaultdict(list)
        for unit in self.units:
            if unit.doc_id == RULES and unit.subject:
                led[unit.subject].append(unit)
        candidates = [n for n in (*self.departments, *LOCAL, *CITY_BODIES) if n in led]
        for name in candidates:
            if name in self.departments:
                sources = self.departments
            elif name in LOCAL:
                sources = (*LOCAL, *self.departments)
            else:
                sources = (*CITY_BODIES, *self.departments, *LOCAL)
            related = self.related(name)
            pool_wrong = [(p, s) for other in sources if other not in related for u in led.get(other, [])
                          for p, s in self._phrases(u, other)
                          if other not in LOCAL or any(m in p for m in LEVEL_MARKERS[LEVELS[other]])]
            by_article: dict[int, list[Unit]] = defaultdict(list)
            for unit in led[name]:
                by_article[unit.article].append(unit)
            for number, units in sorted(by_article.items()):
                right = [(p, s) for u in units for p, s in self._phrases(u, name)]
                right = list({p: (p, s) for p, s in right}.values())
                if len(right) < 2:
                    continue
                item = units[0].item if len({u.item for u in units}) == 1 else None
                _, context, _ = _place(self.corpus, RULES, number, item)
                quotes_all = [s for _, s in right]
                wrong = self.choice_distractors(
                    [p for p, _ in pool_wrong], context, quotes_all, lambda o: self.clashes(o, name))
                if len(wrong) < 2:
                    continue
                label = self.cite(RULES, number)
                shown = units[0].written if name in self.departments else name
                stem = f"根据{label}，下列属于{shown}职责的有（　　）。"
                self.add(Entry("duties", "multiple", stem, RULES, number, item, "中" if item else "难",
                               _tag(units[0], RULES), frozenset(_norm(s) for s in quotes_all),
                               correct=tuple((p, (s,)) for p, s in right), distractors=tuple(wrong),
                               analysis=f"正确选项均为{label}写明的{shown}职责，其余选项出自其他主体的职责。"))

    def frequency_multiple(self) -> None:
        """关于X的履职频次，下列说法正确的有 — verbatim clauses against the same clauses with the frequency changed."""
        groups: dict[tuple, list] = defaultdict(list)
        for unit, sentence, written, frequency, found, clause in self.frequency_sentences():
            if frequency in ("定期",):
                continue
            groups[(unit.doc_id, unit.article, unit.subject or written)].append((unit, sentence, written, clause))
        for (doc_id, number, name), rows in groups.items():
            rows = list({r[3]: r for r in rows}.values())
            if len(rows) < 2:
                continue
            items = {r[0].item for r in rows}
            item = items.pop() if len(items) == 1 else None
            _, context, _ = _place(self.corpus, doc_id, number, item)
            right, wrong = [], []
            for unit, sentence, written, clause in rows:
                core = clause[_leading(clause)[2]:] if _leading(clause) else clause
                core = re.sub(r"^(应当|要)", "", core)
                if len(core) < 6 or not _balanced(core):
                    continue
                right.append((core, (sentence,)))
                changed = self._swap_frequency(core)
                if changed:
                    wrong.append(changed[0])
            quotes = [q for _, qs in right for q in qs]
            wrong = self.choice_distractors(wrong, context, quotes, lambda o: False)
            if len(right) < 2 or len(wrong) < 2:
                continue
            shown = rows[0][2]
            stem = f"根据{self.short(doc_id)}，关于{shown}的履职频次，下列说法正确的有（　　）。"
            self.add(Entry("frequency-multiple", "multiple", stem, doc_id, number, item, "难", "频次",
                           frozenset(_norm(q) for q in quotes), correct=tuple(right), distractors=tuple(wrong),
                           analysis="错误选项改动了原文规定的频次。"))

    def curated_multiple(self) -> None:
        for doc_id, number, stem_text, right_terms, wrong_terms, difficulty in CURATED_MULTIPLE:
            if doc_id not in self.doc_text:
                continue
            article = self.corpus.doc(doc_id).article(number)
            sentences = [s for _, s in _sentences(article.text)]
            right = []
            for term in right_terms:
                quote = next((s for s in sentences if term in s), None)
                if quote is None:
                    self.unmatched.append(f"多选 {doc_id} {number} {term}")
                    break
                right.append((term, (quote,)))
            else:
                quotes = [q for _, qs in right for q in qs]
                wrong = self.choice_distractors(wrong_terms, article.text, quotes, lambda o: False)
                self.add(Entry("curated-multiple", "multiple", f"根据{self.short(doc_id)}，{stem_text}", doc_id, number,
                               None, difficulty, _tag(article.chapter, doc_id), frozenset(_norm(q) for q in quotes),
                               correct=tuple(right), distractors=tuple(wrong), analysis="正确选项均为原文所列。"))

    # -- judge
    def _statement(self, sentence: str, need: tuple[int, int] | None = None) -> str | None:
        """A verbatim prefix of the sentence ending at a clause boundary, at most MAX_STATEMENT long,
        covering `need` (a span) when given."""
        core = _strip_end(sentence)
        if len(core) <= MAX_STATEMENT:
            return core if (need is None or need[1] <= len(core)) else None
        if re.search(r"的[，,]", core) or core.startswith(ADVERBIAL_OPENERS):
            return None  # a condition (…的，…) or a purpose (为了…，) is not cut from what it governs
        for start, end in reversed(_clauses(core)):
            if end <= MAX_STATEMENT and (need is None or need[1] <= end):
                prefix = core[:end]
                if len(prefix) >= 15 and not prefix.endswith("的") and not core[start:end].startswith(ADVERBIAL_OPENERS):
                    return prefix
        return None

    def support(self, unit: Unit, sentence: str) -> tuple[list[str], str]:
        """What shows whose duty a sentence without a subject is: the unit's opening sentence (quoted
        with it), or the article's lead-in (named in the analysis)."""
        if _leading(sentence) or not unit.written:
            return [], ""
        if unit.item is not None and _leading(unit.text) is None:
            label = self.cite(unit.doc_id, unit.article)
            return [], f"{label}规定“{unit.lead_in.rstrip(':：')}”。"
        first = _sentences(unit.text)[0][1]
        return ([first] if first != sentence else []), ""

    def _judge_entry(self, kind, unit, statement, truth, quote, difficulty, analysis, tag=None) -> None:
        cite = self.cite(unit.doc_id, unit.article, unit.item)
        head = "正确。" if truth else "错误。"
        extra, note = self.support(unit, quote)
        self.add(Entry(kind, "judge", f"根据{self.short(unit.doc_id)}判断正误：{statement}。", unit.doc_id, unit.article,
                       unit.item, difficulty, tag or _tag(unit, unit.doc_id), frozenset({_norm(quote)}),
                       answer="对" if truth else "错",
                       explanation=_explanation(head + analysis + note, cite, [*extra, quote])))

    @staticmethod
    def _prefix(unit: Unit, sentence: str, previous: str) -> str:
        """The subject to write before a sentence that does not name one: an item's (its own or its
        lead-in's), or a paragraph's when the sentence continues its list (after “；”) or opens with
        a frequency."""
        if _leading(sentence) or not unit.written:
            return ""
        if unit.item is not None:
            return unit.written
        if re.search(r"的[，,]", sentence):
            return ""  # 构成犯罪的，… is about whoever commits it
        if sentence.startswith(FREQUENCY_OPENERS):
            return unit.written
        if previous.rstrip().endswith(("；", ";")) and sentence.startswith(VERB_OPENERS):
            return unit.written  # …；引导新型经营主体… goes on with the same subject
        return ""

    def judge(self) -> None:
        for unit in self.units:
            previous = ""
            for _, sentence in _sentences(unit.text):
                prefix = self._prefix(unit, sentence, previous)
                previous = sentence
                if not _balanced(sentence) or sentence.rstrip().endswith((":", "：")) or len(_strip_end(sentence)) < 10:
                    continue
                true_core = self._statement(sentence)
                if true_core and (prefix or _leading(sentence) or len(true_core) >= 15):
                    self._judge_entry("judge-true", unit, prefix + true_core, True, sentence, "易",
                                      "该陈述与原文一致。")
                self._role_swaps(unit, sentence, prefix)
                self._frequency_swaps(unit, sentence, prefix)
        for doc_id, number, find, replace in CURATED_SWAPS:
            if doc_id not in self.doc_text:
                continue
            hits = []
            for u in self.units:
                if u.doc_id == doc_id and u.article == number:
                    previous = ""
                    for _, sentence in _sentences(u.text):
                        if find in sentence:
                            hits.append((u, sentence, self._prefix(u, sentence, previous)))
                        previous = sentence
            if not hits:
                self.unmatched.append(f"判断 {doc_id} {number} {find}")
            for unit, sentence, prefix in hits[:1]:
                pos = sentence.find(find)
                core = self._statement(sentence, (pos, pos + len(find)))
                if core:
                    false = prefix + core.replace(find, replace, 1)
                    self._judge_entry("judge-curated", unit, false, False, sentence, "中",
                                      f"原文为“{find}”，题中改为“{replace}”。")

    def _role_swaps(self, unit: Unit, sentence: str, prefix: str) -> None:
        """False statements: the same duty with a subject of the same kind that the text does not give it to."""
        lead = _leading(sentence)
        if lead:
            name, written, opening, rest = lead[0], sentence[lead[1]:lead[2]], sentence[:lead[1]], sentence[lead[2]:]
        elif prefix:
            name, written, opening, rest = unit.subject, prefix, "", sentence
        else:
            return
        if rest.startswith(("、", "和", "及", "以及", "等")) or "等部门" in rest or any(g in rest for g in GENERIC_MARKERS):
            return
        if name in LOCAL:
            markers = LEVEL_MARKERS[LEVELS[name]]
            cut = next((e for s, e in _clauses(rest) if any(m in rest[s:e] for m in markers)), None)
            core = _strip_end(rest[:cut]) if cut else None
            if core and len(core) > MAX_STATEMENT:
                core = None
        else:
            core = self._statement(rest)
        if not core or len(core) < 8:
            return
        for other in self.peers(name):
            if name in LOCAL and LEVELS[other] == LEVELS[name]:
                continue
            if self.clashes(core, other):
                continue
            self._judge_entry("judge-role", unit, opening + other + core, False, sentence,
                              "中" if name in self.departments else "难",
                              f"原文中承担此项责任的是“{written}”，题中改为“{other}”。")

    def _swap_frequency(self, text: str) -> tuple[str, str, str] | None:
        found = frequencies_in(text)
        if not found or all(f in ("定期", "经常性") for f in found):
            return None
        for old, new in FREQUENCY_SWAPS:
            pos = text.find(old)
            if pos >= 0 and not (old == "每年" and text[pos:pos + 4] == "每年至少"):
                if old == "每季度" and text[pos:pos + 5] == "每季度至少":
                    continue
                return text[:pos] + new + text[pos + len(old):], old, new
        return None

    def _frequency_swaps(self, unit: Unit, sentence: str, prefix: str) -> None:
        if not frequencies_in(sentence) or not (prefix or _leading(sentence)):
            return
        core = self._statement(sentence)
        if core is None:
            for start, end in _clauses(sentence):
                if frequencies_in(sentence[start:end]):
                    core = self._statement(sentence, (start, end))
                    break
        if not core:
            return
        changed = self._swap_frequency(core)
        if changed:
            statement, old, new = changed
            self._judge_entry("judge-frequency", unit, prefix + statement, False, sentence, "难",
                              f"原文规定的是“{old}”，题中改为“{new}”。", tag="频次")

    # -- fill-in
    def _term_windows(self, doc_id: str, number: int, term: str):
        """(unit, sentence, window, window with the term blanked) for each sentence of the article
        that holds the term exactly once."""
        for unit in self.units:
            if unit.doc_id != doc_id or unit.article != number:
                continue
            for _, sentence in _sentences(unit.text):
                if sentence.count(term) != 1:
                    continue
                pos = sentence.find(term)
                window = self._window(sentence, pos, pos + len(term))
                if window is None:
                    continue
                start, end = window
                shown = sentence[start:end]
                if shown.count(term) != 1 or not _balanced(shown.replace(term, "")):
                    continue
                yield unit, sentence, shown, shown.replace(term, BLANK, 1)

    @staticmethod
    def _window(sentence: str, start: int, end: int, limit: int = MAX_STATEMENT) -> tuple[int, int] | None:
        """A span of whole clauses of the sentence around [start, end): from the sentence start when
        that fits, at least about 20 characters, not ending on a dangling 的."""
        clauses = _clauses(sentence)
        first = next((i for i, (s, e) in enumerate(clauses) if s <= start < e), None)
        last = next((i for i, (s, e) in enumerate(clauses) if s < end <= e), None)
        if first is None or last is None:
            return None
        i, j = first, last
        lo, hi = clauses[i][0], clauses[j][1]
        if hi <= limit:
            i, lo = 0, 0
        while hi - lo < 20:
            if i > 0 and hi - clauses[i - 1][0] <= limit:
                i -= 1
                lo = clauses[i][0]
            elif j + 1 < len(clauses) and clauses[j + 1][1] - lo <= limit:
                j += 1
                hi = clauses[j][1]
            else:
                break
        while sentence[lo:hi].endswith("的") and j + 1 < len(clauses) and clauses[j + 1][1] - lo <= limit:
            j += 1
            hi = clauses[j][1]
        if j == len(clauses) - 1:
            hi = len(sentence)  # keep the closing mark
        return (lo, hi) if hi - lo <= limit + 1 else None

    def _fill_entry(self, kind, unit, sentence, blanked, term, difficulty, tag=None) -> None:
        cite = self.cite(unit.doc_id, unit.article, unit.item)
        label = self.cite(unit.doc_id, unit.article)
        self.add(Entry(kind, "fill", f"根据{label}填空：{blanked}", unit.doc_id, unit.article, unit.item, difficulty,
                       tag or _tag(unit, unit.doc_id), frozenset({_norm(sentence)}), answer=term,
                       explanation=_explanation(f"答案：{term}。", cite, [sentence])))

    def fill(self) -> None:
        done, quoted = set(), set()
        for unit in self.units:
            for _, sentence in _sentences(unit.text):
                terms: list[tuple[str, str, str | None]] = []
                # named mechanisms and slogans, written in “”
                for m in re.finditer(r"“([^“”]{2,15})”", sentence):
                    if (unit.doc_id, m.group(1)) not in quoted:  # each slogan once (“三农” is everywhere)
                        quoted.add((unit.doc_id, m.group(1)))
                        terms.append((m.group(1), "中", None))
                # the subject that leads a clause
                for start, end in _clauses(sentence):
                    lead = _leading(sentence[start:end])
                    rest = sentence[start + lead[2]:end] if lead else ""
                    if lead and len(rest) >= 6 and lead[0] not in GENERIC_LAW_SUBJECTS \
                            and not rest.startswith(("、", "和", "以及", "根据", "在", "按照", "等")):
                        terms.append((sentence[start + lead[1]:start + lead[2]], "中", None))
                # frequencies and counts
                if frequencies_in(sentence) or re.search(r"\d+个以上", sentence):
                    for m in FREQUENCY_TOKEN_RE.finditer(sentence):
                        terms.append((m.group(0), "难", None if m.group(0).endswith("个以上") else "频次"))
                if sentence.rstrip().endswith((":", "：")):
                    continue
                for term, difficulty, tag in terms:
                    if sentence.count(term) != 1 or (unit.doc_id, sentence, term) in done:
                        continue
                    if tag == "频次" and sentence.startswith(term):
                        continue  # a blank at the start of a sentence without its subject is ambiguous
                    pos = sentence.find(term)
                    window = self._window(sentence, pos, pos + len(term))
                    if window is None:
                        continue
                    shown = sentence[window[0]:window[1]]
                    if shown.count(term) != 1 or len(_norm(shown)) - len(_norm(term)) < 6:
                        continue
                    if self.ambiguous(unit.doc_id, shown, term):
                        continue
                    done.add((unit.doc_id, sentence, term))
                    self._fill_entry("fill", unit, sentence, shown.replace(term, BLANK, 1), term, difficulty, tag)
        for doc_id, number, term, difficulty in CURATED_FILL:
            if doc_id not in self.doc_text:
                continue
            hits = list(self._term_windows(doc_id, number, term))
            if not hits:
                self.unmatched.append(f"填空 {doc_id} {number} {term}")
            for unit, sentence, shown, blanked in hits:
                if (doc_id, sentence, term) not in done and not self.ambiguous(doc_id, shown, term):
                    done.add((doc_id, sentence, term))
                    self._fill_entry("fill-curated", unit, sentence, blanked, term, difficulty)

    def build(self) -> list[Entry]:
        if RULES in self.doc_text:
            self.department_single()
            self.subject_single()
            self.duty_multiple()
        self.frequency_single()
        self.curated_single()
        self.frequency_multiple()
        self.curated_multiple()
        self.judge()
        self.fill()
        return self.entries


def _materialize(entry: Entry, corpus: Corpus, rng: random.Random | None, number: int = 1) -> dict:
    """The question dict of a pool entry; with `rng`, options are drawn and shuffled, without it
    every option is shown in pool order (used to check the entry once)."""
    cite = _cite(corpus, entry.doc_id, entry.article, entry.item)
    question = {"id": f"q{number:03d}", "type": entry.type, "stem": entry.stem, "options": [], "answer": entry.answer,
                "explanation": entry.explanation,
                "cite": {"doc_id": entry.doc_id, "article": entry.article, "item": entry.item},
                "difficulty": entry.difficulty, "tag": entry.tag}
    if entry.type == "judge":
        question["options"] = list(JUDGE_OPTIONS)
        return question
    if entry.type == "fill":
        return question
    right, wrong = list(entry.correct), list(entry.distractors)
    if rng is not None:
        if entry.type == "single":
            wrong = rng.sample(wrong, min(3, len(wrong)))
        else:
            total = 5 if len(right) + len(wrong) >= 5 and rng.random() < 0.5 else 4
            total = min(total, len(right) + len(wrong))
            low = max(2, total - len(wrong))
            high = min(len(right), total - 1, 4)
            k = rng.randint(low, high) if high >= low else low
            right = rng.sample(right, k)
            wrong = rng.sample(wrong, total - k)
    options = [(text, True, quotes) for text, quotes in right] + [(text, False, ()) for text in wrong]
    if rng is not None:
        rng.shuffle(options)
    letters = "".join(LETTERS[i] for i, (_, ok, _) in enumerate(options) if ok)
    quotes = list(dict.fromkeys(q for _, ok, qs in options if ok for q in qs))
    question["options"] = [text for text, _, _ in options]
    question["answer"] = letters
    if entry.type == "single":
        head = f"正确答案：{letters}（{options[LETTERS.index(letters)][0]}）。"
    else:
        head = f"正确答案：{letters}。"
    question["explanation"] = _explanation(head + entry.analysis, cite, quotes)
    return question


def _check_entry(entry: Entry, corpus: Corpus) -> list[str]:
    """Validate an entry with every option it may show (in groups that fit the letters A–Z)."""
    if entry.type not in ("single", "multiple") or len(entry.correct) + len(entry.distractors) <= 20:
        return validate(_materialize(entry, corpus, None), corpus)
    right, wrong = list(entry.correct), list(entry.distractors)
    problems = []
    for i in range(0, len(right), 10):
        for j in range(0, len(wrong), 10):
            part_right = right[i:i + 10] if len(right[i:i + 10]) >= 2 else right[-2:]
            part_wrong = wrong[j:j + 10] if len(wrong[j:j + 10]) >= 3 else wrong[-3:]
            part = Entry(**{**entry.__dict__, "correct": tuple(part_right), "distractors": tuple(part_wrong)})
            problems += validate(_materialize(part, corpus, None), corpus)
    return list(dict.fromkeys(problems))


_POOLS: dict[str, Pool] = {}


def question_pool(corpus: Corpus) -> Pool:
    """Every question the corpus supports, each checked once with all its options; built once per
    corpus fingerprint."""
    key = corpus.fingerprint
    if key not in _POOLS:
        builder = _Builder(corpus)
        entries, rejected, seen = [], [], set()
        for entry in builder.build():
            if entry.stem in seen:
                continue
            problems = _check_entry(entry, corpus)
            if entry.type == "single" and len(entry.distractors) < 2:
                problems.append("错误选项不足")
            if entry.type == "multiple" and (len(entry.correct) < 2 or not entry.distractors):
                problems.append("选项不足")
            if problems:
                rejected.append((entry, problems))
                continue
            seen.add(entry.stem)
            entries.append(entry)
        _POOLS.clear()
        _POOLS[key] = Pool(key, entries, rejected, builder.unmatched)
    return _POOLS[key]


# ---------------------------------------------------------------- arguments

_SCOPE_TOKEN = re.compile(rf"^(?P<doc>.*?)[:：]?(?:第(?P<chapter>[{CN_DIGITS}\d]+)章|第(?P<article>[{CN_DIGITS}\d]+)条|(?P<number>\d+))$")


def _doc_aliases(corpus: Corpus) -> dict[str, str]:
    out = {}
    for meta in load_data("sources.json"):
        if meta["doc_id"] in QUIZ_DOCS:
            for alias in (meta["doc_id"], meta["title"], meta["short"], *meta["aliases"]):
                out[alias] = meta["doc_id"]
                out[f"《{alias}》"] = meta["doc_id"]
    return out


def _other_documents(corpus: Corpus) -> dict[str, str]:
    out = {}
    for meta in load_data("sources.json"):
        if meta["doc_id"] not in QUIZ_DOCS and meta["doc_id"] in corpus.documents:
            for alias in (meta["doc_id"], meta["title"], meta["short"], *meta["aliases"]):
                out[alias] = out[f"《{alias}》"] = meta["doc_id"]
    return out


def parse_scope(scope: str | None, corpus: Corpus) -> set[tuple[str, int]]:
    """The (doc_id, article) places a scope allows: "all", "beijing-rules", "promotion-law", or a
    comma list of chapters and articles ("第五章,第九条,9", "促进法第七十一条"); a bare chapter or
    article is the 细则's (canonical numbers)."""
    loaded = [d for d in QUIZ_DOCS if corpus.documents.get(d) and corpus.documents[d].loaded]
    text = (scope if scope is not None else "all")
    if not isinstance(text, str):
        raise InputError("出题范围应为文字，例如 all、beijing-rules、promotion-law 或 “第五章,第九条”。")
    text = text.strip()
    if text.lower() in ("", "all", "全部", "所有"):
        return {(d, a.number) for d in loaded for a in corpus.doc(d).articles}
    aliases = _doc_aliases(corpus)
    allowed: set[tuple[str, int]] = set()
    for token in (t for t in re.split(r"[,，、;；\s]+", text) if t):
        doc_id = aliases.get(token) or aliases.get(token.lower())
        if doc_id:
            if doc_id not in loaded:
                raise InputError(f"《{corpus.doc(doc_id).title}》的正文没有载入，无法按它出题。")
            allowed |= {(doc_id, a.number) for a in corpus.doc(doc_id).articles}
            continue
        other = _other_documents(corpus).get(token)
        if other:
            state = "正文尚未导入" if not corpus.doc(other).loaded else "暂不用于出题"
            raise InputError(f"测验只从《细则》和《促进法》出题；《{corpus.doc(other).title}》{state}。")
        match = _SCOPE_TOKEN.match(token)
        prefix = match.group("doc").strip() if match else ""
        doc_id = aliases.get(prefix) if prefix else RULES
        if match is None or doc_id is None:
            raise InputError(f"无法识别的出题范围“{token}”。可用：all、beijing-rules、promotion-law，"
                             "或用逗号分隔的章、条，如“第五章,第九条,9”“促进法第七十一条”。")
        if doc_id not in loaded:
            raise InputError(f"《{corpus.doc(doc_id).title}》的正文没有载入，无法按它出题。")
        doc = corpus.doc(doc_id)
        try:
            if match.group("chapter"):
                wanted = cn_to_int(match.group("chapter"))
                found = {(doc_id, a.number) for a in doc.articles if _chapter_number(a.chapter) == wanted}
                if not found:
                    raise InputError(f"《{doc.short}》没有“{token}”这一章。")
                allowed |= found
                continue
            number = cn_to_int(match.group("article") or match.group("number"))
        except (ValueError, TypeError):
            raise InputError(f"无法识别的出题范围“{token}”：条号应写成数字或汉字，如 9 或 第九条。") from None
        if not 1 <= number <= len(doc.articles):
            raise InputError(f"《{doc.short}》没有{article_label(number)}（共{len(doc.articles)}条）。")
        allowed.add((doc_id, number))
    if not allowed:
        raise InputError("出题范围为空。可用：all、beijing-rules、promotion-law，或“第五章,第九条”。")
    return allowed


def _chapter_number(chapter: str) -> int | None:
    match = re.match(rf"第([{CN_DIGITS}\d]+)章", chapter or "")
    return cn_to_int(match.group(1)) if match else None


def _parse_types(types) -> list[str]:
    if types is None:
        return list(TYPES)
    if isinstance(types, str):
        types = [t for t in re.split(r"[,，、\s]+", types) if t]
    if not types:
        raise InputError("题型不能为空。可用：single（单选）、multiple（多选）、judge（判断）、fill（填空）。")
    out = []
    for value in types:
        key = _TYPE_ALIASES.get(str(value).strip().lower()) or _TYPE_ALIASES.get(str(value).strip())
        if key is None:
            raise InputError(f"未知题型“{value}”。可用：single（单选）、multiple（多选）、judge（判断）、fill（填空）。")
        if key not in out:
            out.append(key)
    return out


def _parse_difficulty(difficulty) -> str | None:
    if difficulty is None or (isinstance(difficulty, str) and difficulty.strip().lower() in ("", "mixed", "混合", "全部", "不限")):
        return None
    key = _DIFFICULTY_ALIASES.get(str(difficulty).strip().lower()) or _DIFFICULTY_ALIASES.get(str(difficulty).strip())
    if key is None:
        raise InputError(f"未知难度“{difficulty}”。可用：易、中、难（或 easy、medium、hard），不填为混合。")
    return key


def _parse_n(n) -> int:
    if isinstance(n, bool) or not isinstance(n, int):
        try:
            n = int(str(n).strip())
        except ValueError:
            raise InputError(f"题量应为 1 到 {MAX_QUESTIONS} 之间的整数，收到“{n}”。") from None
    if not 1 <= n <= MAX_QUESTIONS:
        raise InputError(f"题量应为 1 到 {MAX_QUESTIONS} 之间的整数，收到 {n}。")
    return n


def _parse_seed(seed) -> int:
    if seed is None:
        return secrets.randbelow(2 ** 31)
    if isinstance(seed, bool):
        raise InputError("随机种子应为整数。")
    try:
        return int(str(seed).strip()) if not isinstance(seed, int) else seed
    except ValueError:
        raise InputError(f"随机种子应为整数，收到“{seed}”。") from None


# ---------------------------------------------------------------- drawing a quiz

def _quotas(n: int, capacity: dict[str, int], rng: random.Random) -> dict[str, int]:
    kinds = [t for t in TYPES if capacity.get(t)]
    quotas = {t: n // len(kinds) for t in kinds}
    for t in rng.sample(kinds, n % len(kinds)):
        quotas[t] += 1
    while True:
        excess = sum(max(0, quotas[t] - capacity[t]) for t in kinds)
        if not excess:
            return quotas
        for t in kinds:
            quotas[t] = min(quotas[t], capacity[t])
        spare = [t for t in kinds if quotas[t] < capacity[t]]
        for i in range(excess):
            quotas[spare[i % len(spare)]] += 1


def generate_quiz(corpus: Corpus, n: int = 10, seed: int | None = None, types: list[str] | None = None,
                  difficulty: str | None = None, scope: str = "all") -> dict:
    """A quiz of `n` questions with answer keys: {"seed", "questions": [...]} (shape in DESIGN.md).
    The same seed and arguments give the same quiz; without a seed one is picked and reported."""
    n = _parse_n(n)
    wanted_types = _parse_types(types)
    level = _parse_difficulty(difficulty)
    allowed = parse_scope(scope, corpus)
    seed = _parse_seed(seed)
    pool = question_pool(corpus)
    entries = [e for e in pool.entries if e.type in wanted_types and (e.doc_id, e.article) in allowed
               and (level is None or e.difficulty == level)]
    if not entries:
        raise InputError("该范围内没有符合条件的题目。请扩大出题范围（如 all），或放宽题型、难度。")
    if len(entries) < n:
        raise InputError(f"该范围内只能出 {len(entries)} 道不重复的题目，请把题量改为不超过 {len(entries)}，"
                         "或扩大出题范围、放宽题型和难度。")
    rng = random.Random(seed)
    picked = _draw(entries, n, rng, corpus)
    order = {t: i for i, t in enumerate(TYPES)}
    picked.sort(key=lambda pair: order[pair[1]["type"]])  # stable: grouped by type, drawn order within
    questions = []
    for number, (_, question) in enumerate(picked, start=1):
        question["id"] = f"q{number:03d}"
        questions.append(question)
    return {"seed": seed, "questions": questions}


def _doc_targets(quotas: dict[str, int], capacity: Counter, n: int, rng: random.Random) -> dict[tuple, int]:
    """How many questions of each type each document gets: about DOC_WEIGHTS of the whole quiz
    (largest remainders, so 10 questions give 7 and 3), within what each document can supply."""
    docs = sorted({d for _, d in capacity}, key=lambda d: -DOC_WEIGHTS.get(d, 0.1))
    if len(docs) == 1:
        return {(t, docs[0]): q for t, q in quotas.items()}
    main, others = docs[0], docs[1:]
    total = sum(DOC_WEIGHTS.get(d, 0.1) for d in docs)
    targets: dict[tuple, int] = {}
    for other in others:
        share = DOC_WEIGHTS.get(other, 0.1) / total
        want = round(n * share)
        given = {t: min(capacity[(t, other)], math.floor(q * share)) for t, q in quotas.items()}
        order = sorted(quotas, key=lambda t: (-(quotas[t] * share - math.floor(quotas[t] * share)), rng.random()))
        while sum(given.values()) < want:
            room = [t for t in order if given[t] < min(quotas[t], capacity[(t, other)])]
            if not room:
                break
            for t in room[:want - sum(given.values())]:
                given[t] += 1
        for t, count in given.items():
            targets[(t, other)] = count
    for t, q in quotas.items():
        rest = q - sum(targets.get((t, o), 0) for o in others)
        targets[(t, main)] = min(rest, capacity[(t, main)])
        short = rest - targets[(t, main)]
        for other in others:  # the main document cannot supply them: the others make up
            extra = min(short, capacity[(t, other)] - targets[(t, other)])
            targets[(t, other)] += extra
            short -= extra
    return targets


def _draw(entries: list[Entry], n: int, rng: random.Random, corpus: Corpus) -> list[tuple[Entry, dict]]:
    by_type: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_type[entry.type].append(entry)
    quotas = _quotas(n, {t: len(v) for t, v in by_type.items()}, rng)
    slots = [t for t, q in quotas.items() for _ in range(q)]
    rng.shuffle(slots)
    tiebreak = {id(e): rng.random() for e in entries}
    # a long article (第五条's 24 departments) may be asked about more often than a one-line one
    share = {}
    for e in entries:
        if (e.doc_id, e.article) not in share:
            article = corpus.doc(e.doc_id).article(e.article)
            share[(e.doc_id, e.article)] = max(1, round(math.sqrt(len(article.items) + len(article.loose_paragraphs()))))
    targets = _doc_targets(quotas, Counter((e.type, e.doc_id) for e in entries), n, rng)
    used_stems: set[str] = set()
    used_facts: set[str] = set()
    article_use: Counter = Counter()
    doc_use: Counter = Counter()
    verdicts: Counter = Counter()
    picked: list[tuple[Entry, dict]] = []
    remaining = {t: list(v) for t, v in by_type.items()}
    pending = list(slots)
    while pending:
        qtype = pending.pop(0)
        candidates = remaining.get(qtype) or []
        if not candidates:
            others = [t for t in TYPES if remaining.get(t)]
            if not others:
                break
            qtype = others[0]
            candidates = remaining[qtype]
        want = None
        if qtype == "judge":
            want = "对" if verdicts["对"] < verdicts["错"] or (verdicts["对"] == verdicts["错"] and rng.random() < 0.5) else "错"

        def score(e: Entry):
            place = (e.doc_id, e.article)
            return (doc_use[(qtype, e.doc_id)] >= targets.get((qtype, e.doc_id), 0), want is not None and e.answer != want,
                    article_use[place] // share[place], bool(e.facts & used_facts), article_use[place], tiebreak[id(e)])

        entry = min(candidates, key=score)
        candidates.remove(entry)
        question = _materialize(entry, corpus, rng)
        if entry.stem in used_stems or validate(question, corpus):
            pending.insert(0, qtype)  # try the next best of the same type
            continue
        used_stems.add(entry.stem)
        used_facts |= entry.facts
        article_use[(entry.doc_id, entry.article)] += 1
        doc_use[(qtype, entry.doc_id)] += 1  # each type keeps the documents' balance
        if qtype == "judge":
            verdicts[question["answer"]] += 1
        picked.append((entry, question))
    return picked


def pool_report(corpus: Corpus) -> dict:
    """How many questions the corpus supports, by type, kind, difficulty and document."""
    pool = question_pool(corpus)
    count = lambda key: dict(Counter(key(e) for e in pool.entries))  # noqa: E731
    return {"fingerprint": pool.fingerprint, "total": len(pool.entries), "by_type": count(lambda e: e.type),
            "by_kind": count(lambda e: e.kind), "by_difficulty": count(lambda e: e.difficulty),
            "by_doc": count(lambda e: e.doc_id), "rejected": len(pool.rejected), "unmatched": list(pool.unmatched)}
