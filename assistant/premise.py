"""Questions that assert a recurring duty: “细则规定村支书每季度要向镇党委汇报，具体汇报什么？”,
“村支书要不要每月向镇里报一次？”. When the role (or its leader, or the body it leads) has no
duty of that period on the question's topic, the premise does not match the text and the
question must not be answered from a nearby clause."""

from __future__ import annotations

import re

from .corpus import Corpus
from .duties import Duty, duty_book
from .retrieve import analyse
from .roles import aliases, family, resolve, without_roles
from .scope import topic_pairs

# A question that asserts a recurring duty: “细则规定 <role> 每季度要 …”.
PREMISE_RE = re.compile(r"(?:细则|促进法|文件|条文|法律)?(?:规定|要求|明确)(?P<claim>[^，。？?；]{1,20}?(?P<period>每年|每半年|每个?季度|每个?月|每周|每天))")
# A question that opens with the actor: a role name, then a modal or the period (村支书要不要每月…,
# 区长一年要…), not a body named after it (区委中心组, 区政府常务会议).
ACTOR_RE = re.compile(r"^(?:那|请问)?(?:(?:按|根据|依据|按照)?(?:细则|规定)(?:里|中|上)?[，,、]?)?([\u4e00-\u9fff]{2,12}?)(?=要|应|需|得|必|该|每|一年|一个|是不是)")
# How many, how often, or whether: what a question about a recurring duty asks.
COUNT_RE = re.compile(r"几|多少|多久|要不要|是不是|是否|吗")
# A period asked about, and its wording in the regulation.
PERIOD_RE = re.compile(r"每年|每半年|每个?季度|每个?月|每周|每天|一年|一个月|一季度|一个季度")
# The synonyms of 几次, 多久 …: how often, which the premise is checked against, not its topic.
FREQUENCY_WORD_RE = re.compile(r"每|至少|以上|定期|经常|任期|季度|年度")
PERIODS = {"一年": "每年", "一个月": "每月", "一季度": "每季度", "一个季度": "每季度", "每个季度": "每季度", "每个月": "每月"}
PERIOD_WORDS = {"每年": ("每年", "年度"), "每半年": ("每半年", "半年"), "每季度": ("每季度", "季度"), "每月": ("每月", "月度"),
                "每周": ("每周",), "每天": ("每天", "每日")}


def false_premise(text: str, corpus: Corpus) -> tuple[str, str, list[Duty]] | None:
    """(subject, period, the subject's duties of that period) when the question asserts a
    recurring duty the subject does not have; None when it does, or asserts none."""
    claim = PREMISE_RE.search(text)
    if claim:
        part, period = claim.group("claim"), claim.group("period")
    else:  # 村支书要不要每月向镇里报一次？ 区长一年要走访多少户？
        match, actor = PERIOD_RE.search(text), ACTOR_RE.match(text)
        if not match or not actor or actor.group(1) not in aliases() or not COUNT_RE.search(text):
            return None
        part, period = actor.group(1), match.group(0)
    said, period = period, PERIODS.get(period, period)
    subjects = resolve(part)
    if not subjects:
        return None
    subject = subjects[0].name
    rest = part if claim else text
    rest = without_roles(rest).replace(said, "，")
    # with the regulation's words for everyday ones (家家户户 → 所有农户), so a paraphrase still meets the duty
    everyday = " ".join(w for w in analyse(rest).synonyms.split() if not FREQUENCY_WORD_RE.search(w))
    topic = topic_pairs(f"{rest}，{everyday}") - {"一次", "要求"}
    enough = min(2, len(topic_pairs(rest) - {"一次", "要求"}))  # 听汇报 has one topic pair of its own
    # a body answers for its leader's duties and the leader for the body's (镇里 / 镇长)
    own = duty_book(corpus).duties(family(subject))
    duties = [d for d in own if any(w in d.text for w in PERIOD_WORDS[period])]
    if any(not topic or topic.intersection(topic_pairs(d.text)) for d in duties):
        return None
    if claim is None and any(len(topic.intersection(topic_pairs(d.text))) >= enough for d in own):
        return None  # 区委书记是不是一年开一次常委会就够了？ — the duty exists at another period: answer it
    return subject, period, duties
