"""The real corpus: the 细则's structure, its corrections, the 促进法, chunks."""

import re

import pytest

from assistant.corpus import load_corpus


@pytest.fixture(scope="module")
def corpus(settings):
    return load_corpus(settings)


def test_rules_structure_is_pinned(corpus):
    rules = corpus.doc("beijing-rules")
    assert len(rules.articles) == 26
    assert len(rules.article(5).items) == 24
    assert len(rules.article(8).items) == 13
    assert len(rules.article(9).items) == 7
    assert [a.number for a in rules.articles] == list(range(1, 27))
    chapters = list(dict.fromkeys(a.chapter for a in rules.articles))
    assert chapters == ["第一章 总则", "第二章 部门责任", "第三章 属地责任", "第四章 社会动员", "第五章 考核监督",
                        "第六章 奖惩", "第七章 附则"]


def test_misprinted_articles_are_renumbered_with_their_printed_label_kept(corpus):
    rules = corpus.doc("beijing-rules")
    assert rules.article(11).label == "第十二条" and rules.article(11).text.startswith("村党组织")
    assert rules.article(12).label == "第十三条" and rules.article(12).text.startswith("开展形式多样的乡村振兴宣传")
    assert rules.article(13).label == "第十三条" and rules.article(13).text.startswith("工会、共青团")
    assert rules.article(14).label == "第十四条"
    assert rules.cite(11) == "《细则》第十一条（原文印为“第十二条”）"
    assert rules.cite(9, 2) == "《细则》第九条第（二）项"


def test_report_lists_every_anomaly_and_correction(corpus):
    kinds = [a.kind for a in corpus.anomalies if a.doc_id == "beijing-rules"]
    assert kinds.count("page_break") == 14
    assert "duplicate_char" in kinds and "missing_label" in kinds and "duplicate_label" in kinds
    assert kinds.count("renumbered") == 2  # 第十二条→11, the first 第十三条→12
    assert {"correction_duplicate", "correction_typo"} <= set(kinds)
    assert not [a for a in corpus.anomalies if a.level == "error"]


def test_corrected_text_and_source_form_are_both_kept(corpus):
    rules = corpus.doc("beijing-rules")
    assert "进行评估评价" in rules.article(16).text and "迸行" not in rules.article(16).text
    assert any("迸行" in p for p in rules.article(16).source_paragraphs)
    assert "本市乡村振兴经验典型" in rules.article(5).item(2).text
    assert "土地出让收入" in rules.article(5).item(8).text  # page break repaired


def test_ninth_article_closing_paragraph_is_not_an_item(corpus):
    article = corpus.doc("beijing-rules").article(9)
    assert article.item(7).text == "协调各方重视和支持乡村振兴工作。"
    assert article.paragraphs[-1].startswith("非涉农区党委和政府")
    assert article.lead_in.endswith("责任主要包括:")


def test_promotion_law_is_read_from_the_statute_database(corpus):
    law = corpus.doc("promotion-law")
    assert len(law.articles) == 74
    assert len({a.chapter for a in law.articles}) == 10
    assert [i.number for i in law.article(4).items] == [1, 2, 3, 4, 5]
    assert "每年农历秋分日为中国农民丰收节" in law.article(7).paragraphs[1]
    assert law.article(71).text.startswith("地方各级人民政府应当每年向上一级人民政府报告")


def test_unloaded_documents_say_how_to_add_them(corpus):
    from assistant.errors import NotFoundError

    doc = corpus.doc("party-regulation")
    assert not doc.loaded and doc.title == "中国共产党农村工作条例"
    with pytest.raises(NotFoundError, match="ingest"):
        doc.article(1)


def test_every_chunk_is_a_verbatim_span_of_its_article(corpus):
    chunks = corpus.chunks()
    assert chunks
    for chunk in chunks:
        article = corpus.doc(chunk.doc_id).article(chunk.article)
        assert chunk.text and chunk.text in article.text, chunk.id


def test_item_chunks_carry_the_lead_in(corpus):
    chunk = next(c for c in corpus.chunks() if c.id == "beijing-rules:9:2:0")
    assert "主要负责人" in chunk.context and chunk.text.startswith("每年主持召开区委农村工作会议")
    assert re.search("每季度至少主持召开1次", chunk.indexed_text)


def test_unknown_document_and_article_are_clear_errors(corpus):
    from assistant.errors import NotFoundError

    with pytest.raises(NotFoundError, match="未知文件编号"):
        corpus.doc("no-such-doc")
    with pytest.raises(NotFoundError, match="没有第九十九条"):
        corpus.doc("beijing-rules").article(99)
