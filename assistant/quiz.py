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

`validate` (`quiz_validate`) checks a question against the corpus alone, and `generate_quiz` emits only
questions that pass it. The question pool (`quiz_pool`, with `quiz_choice`, `quiz_judge`, `quiz_fill`)
is built once per corpus fingerprint from the reviewed facts in `data/quiz_facts.json`; a quiz is a
seeded draw from it that spreads questions over types, documents and articles.
"""

from __future__ import annotations

import math
import random
import re
import secrets
from collections import Counter, defaultdict

from .corpus import Corpus, load_data
from .errors import InputError
from .parse import CN_DIGITS, article_label, cn_to_int
from .quiz_builder import Entry
from .quiz_facts import FREQUENCY_CHOICES
from .quiz_pool import materialize, pool_report, question_pool
from .quiz_text import LAW, QUIZ_DOCS, RULES, explanation_quotes
from .quiz_validate import BLANK, DIFFICULTIES, JUDGE_OPTIONS, TYPE_NAMES, TYPES, validate

__all__ = ["BLANK", "DIFFICULTIES", "FREQUENCY_CHOICES", "JUDGE_OPTIONS", "MAX_QUESTIONS", "TYPES", "TYPE_NAMES",
           "explanation_quotes", "generate_quiz", "parse_scope", "pool_report", "question_pool", "validate"]

DOC_WEIGHTS = {RULES: 0.7, LAW: 0.3}  # the 细则 is what cadres are tested on; the law is its basis

_TYPE_ALIASES = {
    "single": "single", "单选": "single", "单选题": "single", "choice": "single",
    "multiple": "multiple", "multi": "multiple", "多选": "multiple", "多选题": "multiple",
    "judge": "judge", "truefalse": "judge", "true-false": "judge", "判断": "judge", "判断题": "judge",
    "fill": "fill", "blank": "fill", "填空": "fill", "填空题": "fill",
}
_DIFFICULTY_ALIASES = {"易": "易", "easy": "易", "简单": "易", "容易": "易",
                       "中": "中", "medium": "中", "中等": "中", "一般": "中",
                       "难": "难", "hard": "难", "困难": "难", "较难": "难"}
MAX_QUESTIONS = 500


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

        def score(e: Entry, qtype: str = qtype, want: str | None = want, used_facts: set = used_facts):
            place = (e.doc_id, e.article)
            return (doc_use[(qtype, e.doc_id)] >= targets.get((qtype, e.doc_id), 0), want is not None and e.answer != want,
                    article_use[place] // share[place], bool(e.facts & used_facts), article_use[place], tiebreak[id(e)])

        entry = min(candidates, key=score)
        candidates.remove(entry)
        question = materialize(entry, corpus, rng)
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
