"""Structured duties: who must do what and how often, derived from the real corpus."""

import json

import pytest

from assistant.config import PROJECT_ROOT
from assistant.corpus import load_corpus
from assistant.duties import duties_for, frequencies_in
from assistant.errors import NotFoundError
from assistant.evals import duty_metrics


@pytest.fixture(scope="module")
def corpus(settings):
    return load_corpus(settings)


@pytest.mark.parametrize("sentence, expected", [
    ("每季度至少主持召开1次区委常委会会议", ["每季度至少1次"]),
    ("每季度组织1次以上党委理论学习中心组乡村振兴专题学习", ["每季度1次以上"]),
    ("每年至少组织2次区委理论学习中心组乡村振兴专题学习。", ["每年至少2次"]),
    ("经常性、制度化进村入户开展调研,原则上任期内走遍辖区所有自然村组。", ["任期内走遍", "经常性"]),
    ("原则上每年走遍或者联系本村所有农户", ["原则上每年走遍或联系"]),
    ("不定期召开工作调度会", ["不定期"]),
    ("涉农区党委和政府定期对乡镇党委和政府开展监督", ["定期"]),
    ("协调各方重视和支持乡村振兴工作。", []),
])
def test_frequencies_are_normalized(sentence, expected):
    assert frequencies_in(sentence) == expected


def test_district_secretary_duties_with_frequencies(corpus):
    payload = duties_for("区委书记", corpus)
    assert payload["subjects"] == ["涉农区党委和政府主要负责人"]
    places = {(d["article"], d["item"]) for d in payload["duties"]}
    assert {(9, n) for n in range(1, 8)} <= places
    frequencies = {d["frequency"] for d in payload["duties"] if d["item"] == 2}
    assert frequencies == {"每年", "每季度至少1次", "不定期", "每年至少2次"}
    for duty in payload["duties"]:  # every duty text is verbatim from its place
        article = corpus.doc(duty["doc_id"]).article(duty["article"])
        place = article.item(duty["item"]).text if duty["item"] else article.text
        assert duty["text"] in place


def test_a_department_inherits_the_general_duties_of_city_departments(corpus):
    payload = duties_for("财政局", corpus)
    own = {(d["article"], d["item"]) for d in payload["duties"] if d["source"] != "inherited"}
    inherited = {(d["article"], d["item"]) for d in payload["duties"] if d["source"] == "inherited"}
    assert own == {(5, 8), (19, None)}
    assert (17, None) in inherited and (7, None) in inherited
    assert any(d["frequency"] == "每年" and d["article"] == 17 for d in payload["duties"])
    assert {s["kind"] for s in payload["subject_to"]} >= {"督查", "约谈"}


def test_a_sentence_led_by_another_subject_is_not_attributed(corpus):
    payload = duties_for("农领办", corpus)
    article22 = [d["text"] for d in payload["duties"] if d["article"] == 22]
    assert article22 and all(not t.startswith("涉农区党委和政府") for t in article22)


def test_unknown_role_gets_the_closest_names(corpus):
    with pytest.raises(NotFoundError, match="您是不是要找"):
        duties_for("区委副主任", corpus)
    with pytest.raises(NotFoundError, match="请给出角色"):
        duties_for("  ", corpus)


def test_duties_gold_targets(corpus):
    metrics = duty_metrics(corpus, PROJECT_ROOT / "evals" / "duties.jsonl")
    assert len(metrics["roles"]) >= 10
    assert metrics["place_recall"] >= 0.98 and metrics["recurring_recall"] >= 0.98
    assert metrics["precision"] >= 0.95
    json.dumps(metrics, ensure_ascii=False)
