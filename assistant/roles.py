"""Role and alias resolution: the names people use (区委书记, 村支书, 农委, 农领办 …) mapped to the
regulation's own subjects, from the reviewed data file assistant/data/roles.json."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import lru_cache

from .corpus import load_data


# levels of the 细则's own subjects (the 促进法's are "法")
BEIJING_LEVELS = frozenset({"市", "区", "乡镇", "村"})


@dataclass(frozen=True)
class Subject:
    name: str  # the regulation's own name, e.g. 涉农区党委和政府主要负责人
    level: str  # 市 | 区 | 乡镇 | 村 | 社会 | 各级 | 法
    aliases: tuple[str, ...]
    mentions: tuple[str, ...]  # how the text writes it
    note: str = ""


@lru_cache(maxsize=1)
def subjects() -> tuple[Subject, ...]:
    return tuple(Subject(name=s["name"], level=s["level"], aliases=tuple(s["aliases"]), mentions=tuple(s["mentions"]),
                         note=s.get("note", "")) for s in load_data("roles.json")["subjects"])


@lru_cache(maxsize=1)
def _alias_table() -> list[tuple[str, Subject]]:
    table = {}
    for subject in subjects():
        for alias in (subject.name, *subject.aliases, *subject.mentions):
            table.setdefault(alias, [])
            if subject not in table[alias]:
                table[alias].append(subject)
    # Longest alias first, so 区委书记 wins over 区委 and 村党组织书记 over 村党组织.
    return sorted(((alias, s) for alias, group in table.items() for s in group), key=lambda pair: -len(pair[0]))


@lru_cache(maxsize=None)
def broader(name: str) -> tuple[str, ...]:
    """The wider subjects whose general duties `name` also bears (乡镇党委和政府 → 各级党委和政府).
    The 24 departments of 第五条 are listed under "市有关部门成员" in the data file."""
    return tuple(load_data("roles.json")["broader"].get(name, ()))


def family(name: str) -> list[str]:
    """A subject with its leader or the body it leads (乡镇党委和政府 / 乡镇党委和政府主要负责人):
    one answers for the other's duties."""
    return list(dict.fromkeys([name, name.removesuffix("主要负责人"), name + "主要负责人"]))


def aliases() -> list[str]:
    """Every name and alias in the roles table, longest first."""
    return list(dict.fromkeys(alias for alias, _ in _alias_table()))


def without_roles(text: str, filler: str = "，") -> str:
    """The text with every role name and alias replaced by `filler`, longest first (so 村党组织书记
    goes before 村党组织): what a question says apart from who it is about."""
    for alias in aliases():
        text = text.replace(alias, filler)
    return text


def resolve(text: str) -> list[Subject]:
    """Subjects named in free text, by longest non-overlapping alias match, in order of appearance."""
    out: list[Subject] = []
    for _, _, subject in resolve_spans(text):
        if subject not in out:
            out.append(subject)
    return out


def resolve_spans(text: str) -> list[tuple[int, int, Subject]]:
    """(start, end, subject) of every alias matched in the text, in order of appearance."""
    taken = [False] * len(text)
    found: list[tuple[int, Subject]] = []
    for alias, subject in _alias_table():
        start = text.find(alias)
        while start != -1:
            end = start + len(alias)
            if not any(taken[start:end]):
                found.append((start, end, subject))
                for i in range(start, end):
                    taken[i] = True
            start = text.find(alias, end)
    return sorted(found, key=lambda span: span[0])


def subjects_in(text: str) -> list[str]:
    """Names of the subjects whose written form appears in a passage of the regulation."""
    return [s.name for s in subjects() if any(m in text for m in s.mentions)]


def leading_subjects(text: str, lead_in: str = "", window: int = 8) -> list[str]:
    """The subject a passage is about: the regulation's own name for it written at the start
    (市财政局负责…, 在市委领导下,市委农村工作领导小组负责…), or, for an item that starts with a
    verb, at the start of its article's lead-in (各涉农区党委和政府主要负责人…)."""
    for part in (text, lead_in):
        spans = [(position, position + len(mention), subject.name)
                 for subject in subjects() for mention in (subject.name, *subject.mentions)
                 if 0 <= (position := part.find(mention)) <= window]
        if spans:
            first = min(start for start, _, _ in spans)
            # Of the names overlapping the first one, the longest reach wins:
            # 各涉农区党委和政府主要负责人 is about the 主要负责人, not the 党委和政府.
            overlapping = [span for span in spans if span[0] < min(end for start, end, _ in spans if start == first)]
            return [max(overlapping, key=lambda span: (span[1], -span[0]))[2]]
    return []


def lookup(role: str) -> list[Subject]:
    """Subjects for a role typed by a user: an exact name or alias, else those named inside it
    when the names cover most of what was typed (市财政局局长 yes, 区委副主任 no)."""
    role = role.strip()
    exact = [s for alias, s in _alias_table() if alias == role]
    if exact:
        return list(dict.fromkeys(exact))
    found = resolve(role)
    covered = sum(len(alias) for alias, s in _alias_table() if alias in role and s in found and
                  not any(alias in longer and alias != longer for longer, t in _alias_table() if longer in role))
    return found if covered >= 0.6 * len(role) else []


def suggestions(role: str, n: int = 5) -> list[str]:
    """Closest known names and aliases, for an unknown role."""
    return difflib.get_close_matches(role, aliases(), n=n, cutoff=0.3)
