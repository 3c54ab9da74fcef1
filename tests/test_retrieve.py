"""Hybrid retrieval on the real index: references, aliases, and the questions users ask."""

import pytest

from assistant.errors import InputError
from assistant.refs import find_references
from assistant.retrieve import analyse
from assistant.roles import leading_subjects, lookup, resolve


def _top(retriever, question, k=5):
    return [(h.chunk.doc_id, h.chunk.article, h.chunk.item) for h in retriever.search(question, k=k)]


@pytest.mark.parametrize("text, expected", [
    ("第九条", [(None, 9, None)]),
    ("细则第5条第八项", [("beijing-rules", 5, 8)]),
    ("促进法第七十一条", [("promotion-law", 71, None)]),
    ("《细则》第九条第（二）项和本法第十条", [("beijing-rules", 9, 2), ("promotion-law", 10, None)]),
])
def test_references_are_parsed(text, expected):
    assert [(r.doc_id, r.article, r.item) for r in find_references(text)] == expected


@pytest.mark.parametrize("alias, subject", [
    ("区委书记", "涉农区党委和政府主要负责人"), ("区长", "涉农区党委和政府主要负责人"),
    ("镇长", "乡镇党委和政府主要负责人"), ("村支书", "村党组织书记"), ("第一书记", "驻村第一书记"),
    ("财政局", "市财政局"), ("农委", "市委农工委市农业农村局"), ("农业农村局", "市委农工委市农业农村局"),
    ("组织部", "市委组织部"), ("纪委", "市纪委监委"), ("农领办", "市委农村工作领导小组办公室"),
])
def test_aliases_resolve_to_the_regulations_own_subjects(alias, subject):
    assert [s.name for s in lookup(alias)] == [subject]


def test_longest_alias_wins_inside_a_sentence():
    assert [s.name for s in resolve("区委书记和村支书分别干啥")] == ["涉农区党委和政府主要负责人", "村党组织书记"]


def test_leading_subject_of_an_item_comes_from_its_lead_in():
    assert leading_subjects("每年主持召开区委农村工作会议", "各涉农区党委和政府主要负责人是本地区乡村振兴第一责任人,责任主要包括:") \
        == ["涉农区党委和政府主要负责人"]
    assert leading_subjects("市财政局负责优先保障乡村振兴财政投入") == ["市财政局"]


def test_analysis_expands_aliases_and_drops_document_names():
    query = analyse("细则里区委书记每季度要听两次汇报吗")
    assert "细则" not in query.text and "2次" in query.text
    assert query.subjects == ["涉农区党委和政府主要负责人"] and query.documents == ["beijing-rules"]


def test_exact_reference_comes_first(retriever):
    assert _top(retriever, "细则第5条第八项")[0] == ("beijing-rules", 5, 8)
    assert _top(retriever, "促进法第七十一条讲的啥")[0] == ("promotion-law", 71, None)
    assert _top(retriever, "第九条")[0] == ("beijing-rules", 9, None)


@pytest.mark.parametrize("question, doc_id, article, item", [
    ("区委书记每季度要听几次汇报？", "beijing-rules", 9, 2),
    ("村支书多久要把全村农户走一遍？", "beijing-rules", 11, None),
    ("财政局在乡村振兴里管啥", "beijing-rules", 5, 8),
    ("老人养老归哪个部门管？", "beijing-rules", 5, 7),
    ("谁负责解释这个细则", "beijing-rules", 25, None),
    ("农民丰收节是哪天", "promotion-law", 7, None),
    # 第十七条 is written for 各级党委和政府, which the township's party committee belongs to;
    # without that, 第十条 (乡镇党委's own article) wins on the subject alone.
    ("镇党委一年要向区委报告几次乡村振兴进展？", "beijing-rules", 17, None),
    # The document the question names outranks the asker's own role (第九条 is 区委书记's).
    ("区委书记想知道，促进法对各级党委的乡村振兴报告有啥规定？", "promotion-law", 70, None),
])
def test_cadre_questions_find_their_article_first(retriever, question, doc_id, article, item):
    top = _top(retriever, question)[0]
    assert top[:2] == (doc_id, article)
    if item is not None:
        assert top[2] == item


def test_which_city_department_ranks_the_departments_items_above_the_general_article(retriever):
    # 第七条 is about all 市有关部门 together: it does not say which one
    top = _top(retriever, "农村的养老服务，市里哪个部门管？")
    assert top[0] == ("beijing-rules", 5, 7)
    assert ("beijing-rules", 7, None) not in top[:2]


def test_whom_a_report_goes_to_does_not_steer_retrieval(retriever):
    question = "各委办局隔多久要向市委农村工作领导小组汇报一次乡村振兴工作？"
    assert analyse(question).recipients == ["市委农村工作领导小组"]
    top = [place[:2] for place in _top(retriever, question)[:2]]
    # 第十七条: 市有关部门每年向市委农村工作领导小组报告; not 第十八条, which the 领导小组 leads
    assert ("beijing-rules", 17) in top and ("beijing-rules", 18) not in top


def test_a_small_numeral_becomes_a_digit_only_where_it_counts():
    assert analyse("区委书记一年至少一次").text == "区委书记一年至少1次"
    assert analyse("联系一个以上村").text == "联系1个以上村"
    assert analyse("几个村并成一个").text == "几个村并成一个"  # "one" whole, not a count


def test_one_as_a_word_does_not_match_a_date(retriever):
    top = retriever.search("几个村要并成一个村，农民不同意也行吗？")[0]
    assert (top.chunk.doc_id, top.chunk.article) != ("promotion-law", 74)  # 本法自2021年6月1日起施行


def test_roles_compared_in_a_choice_do_not_steer_to_either(retriever):
    top = retriever.search("乡村振兴是市里负总责，还是区里负总责？")[0]
    assert (top.chunk.doc_id, top.chunk.article) == ("beijing-rules", 2)  # 市负总责、区和乡镇抓落实


def test_a_consequence_question_prefers_the_places_on_penalties(retriever):
    top = retriever.search("村干部搞形式主义做表面文章，会被追责吗？")[0]
    assert (top.chunk.doc_id, top.chunk.article) == ("beijing-rules", 23)  # not 第十六条's 过度留痕


def test_two_documents_named_together_are_both_searched():
    query = analyse("表彰奖励，两份文件都咋规定的？")
    assert query.documents == ["beijing-rules", "promotion-law"]
    assert "两份" not in query.text and "表彰奖励" in query.text


def test_results_are_one_per_article_and_verbatim(retriever, index):
    hits = retriever.search("乡镇党委书记每季度要组织几次专题学习", k=8)
    keys = [(h.chunk.doc_id, h.chunk.article) for h in hits]
    assert len(keys) == len(set(keys)) == 8
    for hit in hits:
        assert hit.chunk.text in index.corpus.doc(hit.chunk.doc_id).article(hit.chunk.article).text


@pytest.mark.parametrize("bad, message", [
    ("", "问题为空"), ("   \n ", "问题为空"), ("区委书记" * 30000, "问题过长"), ("区委\x00书记", "控制字符"),
    ("\x1b[31m区长\x1b[0m", "控制字符"),
])
def test_bad_queries_get_a_clear_message(retriever, bad, message):
    with pytest.raises(InputError, match=message):
        retriever.search(bad)


def test_baselines_run_on_the_same_index(retriever):
    assert retriever.search("市财政局的责任", mode="bm25")[0].chunk.article == 5
    assert len(retriever.search("市财政局的责任", mode="dense")) == 5
