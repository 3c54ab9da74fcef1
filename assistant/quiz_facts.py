"""The reviewed knowledge quizzes are built with, read from `assistant/data/quiz_facts.json`.

The data file is the place to review and change it; this module only gives its tables the shapes
the quiz code uses (tuples keep their reviewed order, so the same seed gives the same quiz).
"""

from __future__ import annotations

from .corpus import load_data

_FACTS = load_data("quiz_facts.json")

# Distractor frequencies for "how often" questions (never the true one, never one its sentence states).
FREQUENCY_CHOICES: tuple[str, ...] = tuple(_FACTS["frequency_choices"])
# Controlled changes that make a frequency statement false: always a different or stricter period.
FREQUENCY_SWAPS: tuple[tuple[str, str], ...] = tuple((old, new) for old, new in _FACTS["frequency_swaps"])

# Reviewed facts. Each term must occur in the article's text; entries that do not match are skipped
# (and reported by `pool_report`).
# Single choice: (doc, article, term, wrong values, difficulty).
CURATED_SINGLE = tuple((e["doc"], e["article"], e["term"], tuple(e["wrong"]), e["difficulty"])
                       for e in _FACTS["curated_single"])
# Multiple choice: (doc, article, stem, correct terms (verbatim), wrong terms, difficulty).
CURATED_MULTIPLE = tuple((e["doc"], e["article"], e["stem"], tuple(e["right"]), tuple(e["wrong"]), e["difficulty"])
                         for e in _FACTS["curated_multiple"])
# Fill-in: (doc, article, term, difficulty); every sentence of the article holding the term once.
CURATED_FILL = tuple((e["doc"], e["article"], e["term"], e["difficulty"]) for e in _FACTS["curated_fill"])
# Judge: (doc, article, find, replace) — the replacement makes the statement false.
CURATED_SWAPS = tuple((e["doc"], e["article"], e["find"], e["replace"]) for e in _FACTS["curated_swaps"])

# Who may stand in for whom in "which subject" options and role-swapped statements: subjects of the
# same kind that the 细则 gives clearly different duties. A body and its own leader are never
# offered against each other.
CITY_BODIES: tuple[str, ...] = tuple(_FACTS["city_bodies"])
CITY_EXTRA: tuple[str, ...] = tuple(_FACTS["city_extra"])  # more options for "which subject"
LEVELS: dict[str, str] = dict(_FACTS["levels"])
LOCAL: tuple[str, ...] = tuple(LEVELS)
PAIRS: tuple[set[str], ...] = tuple(set(pair) for pair in _FACTS["pairs"])
# Words that make a duty unmistakably one level's: a role swap among LOCAL keeps the statement up to
# one of them and puts in a subject of another level.
LEVEL_MARKERS: dict[str, tuple[str, ...]] = {level: tuple(words) for level, words in _FACTS["level_markers"].items()}
# Kinds of duty that several bodies share in some form: a claim of one kind is never pinned on a
# (non-department) subject whose own text has the same kind.
CONCEPTS: tuple[tuple[str, ...], ...] = tuple(tuple(group) for group in _FACTS["concepts"])
# Levels of government the law gives most duties to: too alike to be a fill-in answer.
GENERIC_LAW_SUBJECTS: tuple[str, ...] = tuple(_FACTS["generic_law_subjects"])
# Statements of duties every body has (study, implement, follow the plan) are never role-swapped.
GENERIC_MARKERS: tuple[str, ...] = tuple(_FACTS["generic_markers"])
# How a sentence that goes on with its paragraph's subject opens (国务院其他有关部门… names its own).
FREQUENCY_OPENERS: tuple[str, ...] = tuple(_FACTS["frequency_openers"])
VERB_OPENERS: tuple[str, ...] = tuple(_FACTS["verb_openers"])
# Clauses that only set the scene (为了…, 针对…, 在…下): a statement never ends on one.
ADVERBIAL_OPENERS: tuple[str, ...] = tuple(_FACTS["adverbial_openers"])
# A phrase offered as a duty starts and ends like one.
BAD_PHRASE_START: tuple[str, ...] = tuple(_FACTS["bad_phrase_start"])
BAD_PHRASE_END: tuple[str, ...] = tuple(_FACTS["bad_phrase_end"])
