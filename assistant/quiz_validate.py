"""What a valid question is: its shape (types, difficulties, options, answer letters) and `validate`,
which checks a question against the corpus alone — every right option, true statement and filled-in
sentence must be derivable from the cited place, and every wrong one must not."""

from __future__ import annotations

from .corpus import Corpus
from .duties import frequencies_in
from .errors import AssistantError
from .quiz_text import FREQUENCY_RE, cite_label, explanation_quotes, frequency_class, leading_subject, norm, place_of, strip_end

TYPES = ("single", "multiple", "judge", "fill")
TYPE_NAMES = {"single": "单选题", "multiple": "多选题", "judge": "判断题", "fill": "填空题"}
DIFFICULTIES = ("易", "中", "难")
BLANK = "（　　）"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
JUDGE_OPTIONS = ["对", "错"]


def derivable(option: str, context: str, quotes: list[str]) -> bool:
    """Whether an option is stated by the place: a frequency by the quoted sentence, anything else
    verbatim (ignoring punctuation) in the place."""
    if FREQUENCY_RE.fullmatch(option):
        stated = {frequency_class(f) for q in quotes for f in frequencies_in(q)}
        return frequency_class(option) in stated
    return bool(norm(option)) and norm(option) in norm(context)


def _composed_true(core: str, text: str, context: str) -> bool:
    """A statement that is the place verbatim, or a subject written in the place (its lead-in)
    followed by a verbatim span of it."""
    if norm(core) in norm(text) or norm(core) in norm(context):
        return True
    lead = leading_subject(core)
    if lead is None:
        return False
    subject, rest = core[:lead[2]], core[lead[2]:]
    return len(norm(rest)) >= 4 and norm(subject) in norm(context) and norm(rest) in norm(text)


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
        corpus.doc(cite["doc_id"])  # an unknown document is reported here
        text, context, _ = place_of(corpus, cite["doc_id"], cite["article"], cite["item"])
        cite_text = cite_label(corpus, cite["doc_id"], cite["article"], cite["item"])
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
            if not derivable(option, context, quotes):
                problems.append(f"正确选项不能由出处原文得出：“{option}”")
        for option in wrong:
            if derivable(option, context, quotes):
                problems.append(f"错误选项却能由出处原文得出：“{option}”")
    elif qtype == "judge":
        if options != JUDGE_OPTIONS:
            problems.append("判断题选项应为 [对, 错]")
        body = _body(stem)
        if body is None or not strip_end(body):
            problems.append("判断题题干缺少待判断的陈述")
            return problems
        core = strip_end(body)
        if answer == "对":
            if not _composed_true(core, text, context):
                problems.append("判断为“对”的陈述不是出处原文")
        elif answer == "错":
            if norm(core) in norm(context) or _composed_true(core, text, context):
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
