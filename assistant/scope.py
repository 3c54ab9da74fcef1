"""What a question asks for, and whether the documents can supply it.

The 细则 and the 促进法 assign responsibilities; they hold few amounts, dates, names, rankings
or definitions. Many questions a cadre asks share every topic word with an article yet want
one of those specifics ("田长制分几级？", "被约谈后多长时间内整改？"). A passage that mentions
the topic does not answer such a question unless it holds the kind of fact asked for. This
module names those demands and checks the evidence for them; the answerer refuses, with the
reason, when the evidence lacks what was asked."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .parse import sentences
from .refs import named_documents

# Another law or code named in the question (村民委员会组织法, 民法典, 土地管理法 …); a name in
# 《》 is a title whatever follows it.
OTHER_LAW_RE = re.compile(r"《[^《》]{2,30}(?:法典|法)》|(?:[\u4e00-\u9fff]{1,14}法典|[\u4e00-\u9fff]{2,14}法)(?=[里中的第关规啥什怎是有对哪何为，,？?]|$)")
# “怎么个公开法” asks how, it names no law
ASKING_CHARS = frozenset("怎么啥什个哪咋")
NOT_A_LAW = ("说法", "办法", "方法", "做法", "想法", "看法", "依法", "合法", "违法", "执法", "立法", "守法", "用法")
OUR_DOCUMENTS = ("促进法", "细则", "本法")
# Amounts, standards, rankings, selection and application procedures: never in a
# responsibility regulation, whatever article shares the question's words.
SPECIFICS_RE = re.compile(r"多少钱|多少元|补贴多少|补助多少|补助标准|补偿标准|税率|分值|打分表|报销比例|领多少|发多少|工资多少|"
                          r"怎么报名|如何报名|怎么申请|如何申请|怎么办理|申请材料|(?:哪些|什么|啥)材料|(?:去|到|在)哪(?:儿|里|个平台|个网站|个窗口)?(?:办|申请|报名)|流程怎么走|办理流程|招标|怎么填|都有谁|名单|"
                          r"选举程序|换届选举|怎么选出|如何选出|选出来|怎么选的|遴选|聘任|招聘|待遇(?:咋样|怎么样|如何|多少|高不高)|(?:什么|哪些|啥)条件|"
                          r"税收优惠|计分|算分|(?:机构|公司|企业)(?:是|选的|请的)?哪(?:一)?家|哪(?:一)?家(?:机构|公司|企业|银行|律所)|(?:几个|多少|哪些)?(?:内设|处室|科室)|(?:几个|多少)(?:编制|人员编制)|配(?:几个|多少)人|(?:总盘子|总额|总量|规模)[^，。？?]{0,4}(?:多大|多少)|(?:标准|补偿|补偿款)[^，。？?]{0,4}怎么算|(?:怎么|如何|怎样)[^，。？?]{0,6}分成|分成比例|怎么打分|评分标准|评选标准|验收标准|(?:满足|符合|有)哪些(?:评选)?标准|权重|比重|列席|能奖多少|奖励多少|排名第|排第几|排名前|第一名|拿了第一|名次|现任|(?:局长|书记|主任|区长|镇长|乡长|村长|组长|部长|主席)(?:现在|目前)?是谁|"
                          r"庆祝活动|任命|任免|罢免|标准线|(?:收入|贫困|低保)线|(?:审批|报批)(?:程序|流程|手续)|由谁(?:来)?批(?!评|准)|(?:法|细则)[^，。？?]{0,8}起草|考(?:哪些|什么|啥)(?:具体)?指标|主会场|电话是多少|电话号码|联系方式|网址|邮箱|报酬标准|薪酬|(?:报酬|工资|待遇|补贴|津贴)[^？?]{0,8}标准|一号文件|备案|会议纪要|线上|条件(?:分别)?是(?:什么|啥)|申报条件|请假|缺席|巡察|巡视|(?:哪些|什么|啥)[^，。？?]{0,4}量化指标|量化指标(?:有|是)(?:哪些|什么|啥)|哪个(?:网站|平台|公众号|APP|app|系统)|在哪(?:里|儿)?公布|"
                          r"格式|签字|盖章|具体怎么操作|如何操作|评优|评先(?!进)|年终奖|奖金|现金|代为|中考|高考|网上(?:学|报|办|申请|提交)|视频会议|"
                          r"调走|调离|离任|补贴标准|工资标准|有哪些专家|成员名单|都有哪些人|申请加入|怎么加入|"
                          r"(?:办|需要|要)(?:哪些|什么|啥)(?:证照|证件|手续|执照|许可)|(?:执业|资格|从业)[^，。？?]{0,4}证|(?:审批|报批|许可|走)[^，。？?]{0,6}(?:哪些|什么|啥)手续|(?:考|办|领|需要|要)(?:个)?(?:什么|啥|哪些)证|(?:今年|去年|明年)[^，。？?]{0,12}活动|标准是(?:多少|啥|什么)|标准多少|(?:什么|啥|具体|认定)标准|利率|利息|第几次会议|第几届|表决通过|哪次(?:会议|会|人大|常委会)|放假")

NUMERAL = r"[\d０-９一二三四五六七八九十百千万两半]"
# Characters that frame a question rather than name its topic.
QUESTION_CHARS = frozenset("哪啥咋谁怎吗呢么几些什具体多少是的了吧呀啊嘛要能会该有指年月日天号季度周")
# Words on nearly every page of both documents: their repetition enumerates nothing.
COMMON_PAIRS = frozenset({"乡村", "振兴", "农村", "农业", "发展", "工作", "建设", "责任", "农民"})
BEIJING_DISTRICTS = ("东城", "西城", "朝阳", "海淀", "丰台", "石景山", "门头沟", "房山", "通州", "顺义", "昌平", "大兴",
                     "怀柔", "平谷", "密云", "延庆")


@dataclass(frozen=True)
class Demand:
    """A kind of fact the question asks for, and the pattern a passage must hold to supply it."""

    name: str
    label: str  # what is missing, for the refusal: 具体数额, 具体日期 …
    evidence: re.Pattern
    topic: str = ""  # words that count as the question's topic for this demand (施行 for 实施, 生效)

    def supplied_by(self, text: str, question: str) -> bool:
        """True when a sentence of the passage holds the fact asked for and shares a word with the
        question (so that 农历秋分日 cannot answer when a poverty-relief period ends)."""
        topic, parts = topic_pairs(f"{question} {self.topic}"), sentences(text)
        if any(self.evidence.search(s) and topic.intersection(pairs(s)) for s in parts):
            return True
        if self.name != "definition":
            return False
        # “坚持农民主体地位”包括什么: the quoted phrase, followed by the clauses that spell it out.
        quoted = re.findall(r"[“\"]([^”\"]{2,20})[”\"]", question)
        if any(re.search(re.escape(q) + r"[，,：:]", text) for q in quoted):
            return True
        # "哪几个优先": a sentence that repeats a word of the question three times or more is an
        # enumeration of it (在干部配备上优先考虑，在要素配置上优先满足 …).
        asked = set().union(*(pairs(q) for q in quoted)) if quoted else topic
        return any(s.count(p) >= 3 for s in parts for p in asked - COMMON_PAIRS)


def _quantity(units: str) -> re.Pattern:
    # A numeral and unit that is not an article or item number (第十条, 第（二）项).
    return re.compile(rf"(?<!第){NUMERAL}+\s*(?:{units})")


MONEY = Demand("money", "具体数额", _quantity(r"元|万元|亿元|块"))
PERCENT = Demand("percent", "具体比例", re.compile(rf"{NUMERAL}+\s*[%％]|百分之{NUMERAL}+|{NUMERAL}成"))
SCORE = Demand("score", "具体分值", _quantity(r"分(?!工|类|级|别|配|析|担|散|区)"))
LEVELS = Demand("levels", "具体层级", _quantity(r"级"))
YEARS = Demand("years", "具体年限", _quantity(r"年(?!度)|周年"))
CALENDAR_DATE = rf"{NUMERAL}{{4}}\s*年|{NUMERAL}{{1,2}}\s*月\s*{NUMERAL}{{1,3}}\s*日"
DATE = Demand("date", "具体日期", re.compile(rf"{CALENDAR_DATE}|农历\S{{1,4}}日"))
# when a text takes effect: a calendar date, or 自发布之日起 (named "date": promoted like a date)
EFFECTIVE = Demand("date", "具体施行日期", re.compile(rf"{CALENDAR_DATE}|自\S{{1,8}}之日起"), topic="施行")
DEADLINE = Demand("deadline", "具体时限", re.compile(rf"{NUMERAL}+\s*(?:日|天|个月|年|小时)(?:内|之内|以内)|限期|时限"))
HEADCOUNT = Demand("headcount", "具体人数或次数", _quantity(r"名|人|位|轮"))
PLACES = Demand("places", "具体数量", re.compile(rf"(?<!第){NUMERAL}+\s*(?:个|户|家|件|份|篇|本)|(?:所有|全部|每个)\S{{0,3}}(?:村|户)|全覆盖"))
DURATION = Demand("duration", "具体时长", _quantity(r"天|日|周|个月|年|小时"))
FREQUENCY = Demand("frequency", "具体频次", re.compile(rf"每年|每半年|每季度|每月|任期|定期|不定期|经常|常态化|年度|至少{NUMERAL}+次|{NUMERAL}+次以上|走遍"))
MEASURE = Demand("measure", "具体数量", _quantity(r"学时|课时|小时|亩|平方米|米|公里|吨|斤|岁|桌|辆|台|套|间|层"))
DEFINITION = Demand("definition", "这一用语的具体含义或范围", re.compile(r"是指|所称|指的是|包括|分为|主要有|具体为|即[:：]"))
HOLDER = Demand("holder", "由谁担任", re.compile(r"担任|兼任|任组长|组长由"))
PLACE = Demand("place", "具体是哪个区、乡镇或村", re.compile("|".join(BEIJING_DISTRICTS)))

# Question patterns, most specific first; the first that matches names the demand.
DEMANDS: tuple[tuple[re.Pattern, Demand], ...] = (
    (re.compile(r"(?:哪天|哪一天|什么时候|啥时候|何时)(?:开始|起)?(?:施行|实施|生效|执行)|从哪天起|施行日期|生效日期|"
                r"(?:\d{4}|[〇零一二]{4})年[^，。？?]{0,6}(?:施行|实施|生效)"), EFFECTIVE),
    (re.compile(r"哪天|哪一天|哪一年|哪年|几月|哪月|几号|何时|(?:什么|啥)时候(?:结束|到期|截止|发布|印发|通过|能)"), DATE),
    (re.compile(r"多长时间(?:内|之内|以内)|多久(?:内|之内|以内)|几天(?:内|之内)|多少天|提前几天|整改期限|时限是"), DEADLINE),
    (re.compile(r"(?:哪个|哪几个|哪些)区(?![委级长政里的])|哪个(?:村|镇|乡|街道)(?![委级长里的])|哪几个(?:村|镇|乡)|设在哪|"
                r"在哪(?:里|儿)?(?:举办|召开|举行)|建在哪(?:里|儿)?|哪几个地方|哪些地方建|分别叫什么|叫什么名字|(?:镇|村|区|街道)(?:具体)?(?:有|是|包括)哪(?:几个|些)[？?]?$|"
                r"分别是哪(?:几个|些)"), PLACE),
    (re.compile(r"百分之(?:几|多少)|几成|比例[^，。？?]{0,6}(?:多少|多大|几成)|固定比例|统一比例|(?:提高|提|增加|达)到多少|各分多少|分多少|占比多少|(?:多少|什么|啥|哪个|多大|多高)比例|按比例|率[^，。？?]{0,6}多少"), PERCENT),
    (re.compile(r"(?:多少|几)(?:个)?(?:学时|课时|小时|亩|平方米|平米|公里|吨|斤|岁|桌|辆|台|套|间|层)"), MEASURE),
    (re.compile(r"(?:多少|几)分(?!工|类|级|别|配|析|担|散|区)"), SCORE),
    (re.compile(r"(?:多少|几)(?:钱|元|块|万|亿)|(?:每|一)(?:个)?(?:月|年|人|亩|户)[^，。？?]{0,6}多少(?![次回遍趟名人位个户家件份篇本层])|(?:拨|给|发|补|奖|追回|追回来|赔|退|返还|拿回|分了|分到|分得)(?:款)?多少|多少[\u4e00-\u9fff]{0,3}费|(?:补助|补贴|补偿|报酬|工资|收费|费用|缴费|额度|奖金|奖励|投资|资金|经费|金额|津贴|贴息|贷款|利息|保额|保费|养老金|流转费|租金)[^，。？?]{0,6}多少|多少[^，。？?]{0,8}(?:补助|补贴|补偿|报酬|工资|费用|额度|奖金|资金|经费)"), MONEY),
    (re.compile(r"(?<!哪)几级|多少级|哪几级|几个(?:等次|档次|等级)|分几(?:等|档)|哪几(?:个)?(?:等次|档次|等级)"), LEVELS),
    (re.compile(r"(?<![每哪好十])几年(?![级前来]|(?:搞|开|进行|查|督查|考核)?[一1]次)|多少年(?!度)"), YEARS),
    (re.compile(r"多少(?:名|人|位|轮)|(?<!哪)几(?:名|位|个人|轮)"), HEADCOUNT),
    (re.compile(r"多少(?:个|户|家|件|份|篇|本)|(?<!哪)几(?:户|家)|(?:一共|总共|共)有?(?:多少|几)个?|(?:联系|走遍|覆盖|对接)几个|(?<![哪好])几个(?!月|季度)[\u4e00-\u9fff]{0,6}(?:[？?]|$)"), PLACES),
    (re.compile(r"(?:住|待|驻|蹲)(?:上)?几天|(?:持续|要|用|需要|花)(?:多长时间|多久)(?!一次)|(?<!隔)多长时间(?![^，。？?]{0,16}[一1](?:次|遍|回))"), DURATION),
    (re.compile(r"多久(?:[一1]次|审计|检查|考核|评估|督查|开一次|搞一次)|几年(?:搞|开|来|进行|查|督查|考核)?(?:一|1)次|(?:多久|多长时间)[^，。？?]{0,16}[一1]次|"
                r"(?:一年|每年|一个月|每个?月|一个?季度|每个?季度|一周|每周|每个?星期|一天|每天)[^，。？?]{0,16}几(?:次|回|趟)|频次是"), FREQUENCY),
    (re.compile(r"当还是[^，。？?]{1,10}当|由[^，。？?]{1,10}(?:担任|兼任|来当)|由哪(?:一级|个|位|些|类)[^，。？?]{0,6}担任|由谁(?:来)?(?:当|担任|出任|兼任)|谁(?:来)?(?:当(?!地)|担任|出任)|组长是谁|谁(?:是|当)组长|兼任|一肩挑|一(?:个)?人兼"), HOLDER),
    (re.compile(r"具体(?:是|指|包括|有)(?:哪(?!一?[条项款章])|什么|啥)|指的是(?:什么|啥|哪)|是什么意思|啥意思|什么叫|是指什么|到底指|"
                r"是哪[几二三四五六七八九十两]\s*(?:个|步|级|项|种|类|方面)|哪些品种|包括哪(?:几|些)|具体(?:指标|条件)(?:都)?(?:有|是|包括)哪些|(?:指标|条件)具体(?:有|是|包括)哪些|哪些具体(?:指标|条件)|具体列(?:了|出)?(?:哪些|什么|啥)|包括什么|"
                r"(?:怎么|如何|怎样)(?:界定|定义)|什么是|是什么概念|(?:各|分别)指|哪几种|说的是哪|"
                r"哪[二三四五六七八九十两][\u4e00-\u9fff]{1,2}(?=[、，,？?]|$)"), DEFINITION),
)


def pairs(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def cjk_pairs(text: str, framing: frozenset) -> set[str]:
    """Pairs of Chinese characters in the text that hold none of the `framing` characters."""
    return {p for p in pairs(text) if not framing.intersection(p) and all("\u4e00" <= c <= "\u9fff" for c in p)}


NOT_TOPIC_RE = re.compile(r"乡村振兴|实施细则|细则|促进法|本法|法律|规定|条文")


def topic_pairs(question: str) -> set[str]:
    """Character pairs of the question that are not its framing (哪些, 具体, 多少 …)."""
    # 乡村振兴: in nearly every sentence; the documents' names and 规定: where the fact is, not what
    return cjk_pairs(NOT_TOPIC_RE.sub("，", question), QUESTION_CHARS)


PLACE_LI_RE = re.compile(r"([市区镇乡村])里")
ONE_PERIOD_RE = re.compile(r"一(年|季度|个?月)")  # 一年一定 is what the regulation writes 每年
ASKING_PAIR_CHARS = frozenset("哪啥咋谁怎吗呢么什还是的了吧呀啊嘛")
# “A 还是 B？”: the two alternatives offered (口头报告还是书面报告, 定量为主还是定性为主).
CHOICE_RE = re.compile(r"([^，,。？?；;：:是]{1,14})还是([^，,。？?；;]{1,14})")


def choice(question: str, expand=None) -> Demand | None:
    """A demand for one of two alternatives the question offers: only a passage that names one
    of them (by a character pair the other lacks) answers. `expand` adds the regulation's words
    for each side (村支书 → 村党组织书记)."""
    match = CHOICE_RE.search(question)
    if not match:
        return None
    # 市里负总责 is written 市负总责; 镇里 is still expanded to 乡镇党委和政府
    sides = [PLACE_LI_RE.sub(r"\1", side) + " " + ONE_PERIOD_RE.sub(r"每\1", side) + " " + (expand(side) if expand else "")
             for side in match.groups()]
    # unlike topic_pairs, 一年 and 三年 stay: they are what the alternatives differ in
    left, right = (cjk_pairs(side, ASKING_PAIR_CHARS) for side in sides)
    distinct = (left - right) | (right - left)
    if not (left - right) or not (right - left):
        return None  # 是不是…还是…: no two alternatives to tell apart
    return Demand("choice", "所问的这几种做法中的哪一种", re.compile("|".join(map(re.escape, sorted(distinct)))))


# “跟能拿到多少奖励资金有没有关系？” asks whether two things are linked, not how much.
RELATION_RE = re.compile(r"有没有关系|有关系吗|关系大吗|挂钩|挂不挂钩|有没有影响|有影响吗|有什么影响")
QUANTITIES = frozenset({"money", "percent", "score", "places", "headcount", "measure"})


# 几 that does not ask: 这几块, 好几户, 把几个村合并, 十几年
INDEFINITE_JI_RE = re.compile(r"(?<=[这那好把将十])几")
# a yes/no clause (能不能几个人商量了就定？) uses 几 for "some", not "how many"
YES_NO_RE = re.compile(r"能不能|是不是|会不会|要不要|可不可以|可以不|行不行|能否|是否|可否")


def demand_of(question: str, expand=None) -> Demand | None:
    """The specific kind of fact the question asks for, if any."""
    linked = RELATION_RE.search(question)
    question = INDEFINITE_JI_RE.sub("些", question)
    offered = CHOICE_RE.search(question)
    for pattern, demand in DEMANDS:
        match = pattern.search(question)
        if not match or (linked and demand.name in QUANTITIES):
            continue
        if offered and demand is not HOLDER and offered.start() <= match.start() < offered.end():
            return choice(question, expand)  # 一年一定还是几年一定？ asks which of the two
        asked = match.group(0)
        if "几" in asked and "多少" not in asked and YES_NO_RE.search(_clause_at(question, match.start())):
            continue
        # 哪个区推得慢、履职不力，上级会采取什么措施？ / 家里有几亩耕地…，允许改吗？: “whichever district”,
        # “a few mu”, in a clause that does not ask
        if demand in (PLACE, MEASURE, YEARS, PLACES, HEADCOUNT) and "多少" not in match.group(0) \
                and re.match(r"[^，,。；;]*[，,。；;]", question[match.end():]) \
                and not re.search(r"一共|总共|共有|到底|究竟", _clause_at(question, match.start())):
            continue
        return demand
    return choice(question, expand)


def _clause_at(text: str, at: int) -> str:
    start = max(text.rfind(c, 0, at) for c in "，,。？?；;！!") + 1
    ends = [i for i in (text.find(c, at) for c in "，,。？?；;！!") if i >= 0]
    return text[start:min(ends) if ends else len(text)]


@lru_cache(maxsize=1)
def other_law_topics() -> list[tuple[re.Pattern, str, str]]:
    """Everyday questions that other laws govern (宅基地买卖 → 土地管理法), from the reviewed table."""
    table = json.loads(resources.files("assistant").joinpath("data", "other_laws.json").read_text(encoding="utf-8"))
    return [(re.compile(t["pattern"]), t["topic"], t["law"]) for t in table["topics"]]


# Requests that are not questions about the documents: jokes, poems, essays, weather, shares.
OFF_TOPIC_RE = re.compile(r"笑话|讲个故事|(?:写|作)(?:一)?首|诗歌|顺口溜|天气|菜谱|怎么做菜|股票|彩票|"
                          r"(?:帮我|给我|替我)(?:写|起草|拟)(?:一)?(?:份|篇|个)")


# Other provinces and cities, or an older version: the assistant holds only the current two texts.
ELSEWHERE_RE = re.compile(r"上海|天津|重庆|河北|山西|内蒙古|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|广西|"
                          r"海南|四川|贵州|云南|西藏|陕西|甘肃|青海|宁夏|新疆|外省|别的省|其他省|其他城市|"
                          r"以前的(?:老)?(?:办法|规定|细则|文件)|老办法|旧办法|旧版")


def outside(question: str, asked: str = "") -> str:
    """The reason the documents cannot answer by their nature, or "": another law named instead
    of ours, a topic another law governs, or a request for amounts, standards, rankings or
    application procedures."""
    if OFF_TOPIC_RE.search(question):
        return "这个请求与细则和促进法的条文无关；本助手只回答两部文件规定的职责、频次、考核和责任等问题。"
    if not named_documents(question):
        for match in OTHER_LAW_RE.finditer(question):
            name = match.group(0).strip("《》")
            if not name.endswith(NOT_A_LAW) and not any(a in name for a in OUR_DOCUMENTS) and not ASKING_CHARS.intersection(name):
                return (f"本助手收录的是《北京市乡村振兴责任制实施细则》和《乡村振兴促进法》，没有《{name}》的条文，"
                        "无法回答其中的规定。")
    for pattern, topic, law in other_law_topics():
        if pattern.search(question):
            return (f"{topic}属于{law}等法律法规调整的事项，细则和促进法没有作出具体规定；本助手未收录这些法律的条文，"
                    "请查阅相应法律或咨询主管部门。")
    if ELSEWHERE_RE.search(question):
        return ("本助手只收录现行的《北京市乡村振兴责任制实施细则》和《乡村振兴促进法》，没有其他省市的规定或以前的版本，"
                "无法作比较；下面只列出北京细则和促进法的相关条文。")
    if SPECIFICS_RE.search(asked or question):  # 说是一年返两成利息。…哪个部门管？ asks no rate
        return ("细则和促进法规定的是各方的职责，没有规定这类具体事项（金额、标准、利率、名单、排名、人员任免、机构编制、"
                "办理流程、制定过程、放假安排等）；请以主管部门发布的具体政策文件为准。")
    return ""


def unsupplied(demand: Demand) -> str:
    """The refusal lead when the related articles lack what the question asks for."""
    return f"细则和促进法的相关条文涉及这一事项，但没有规定{demand.label}。"
