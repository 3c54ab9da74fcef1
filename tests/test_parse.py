"""The article parser on a tiny fixture regulation."""

from assistant.parse import cn_to_int, int_to_cn, parse_text

from conftest import FIXTURES


def _parse(corrections=None):
    return parse_text((FIXTURES / "mini.md").read_text(encoding="utf-8"), "mini", corrections)


def test_chinese_numerals_round_trip():
    assert [cn_to_int(x) for x in ("一", "十", "十一", "二十四", "七十四", "5", "两")] == [1, 10, 11, 24, 74, 5, 2]
    assert int_to_cn(24) == "二十四"


def test_articles_get_canonical_numbers_by_order_and_keep_printed_labels():
    articles, anomalies = _parse()
    assert [a.number for a in articles] == [1, 2, 3, 4]
    assert [a.label for a in articles] == ["第一条", "第二条", "第二条", "第四条"]
    kinds = {a.kind for a in anomalies}
    assert {"duplicate_label", "renumbered"} <= kinds
    assert articles[0].chapter == "第一章 总则"


def test_page_break_is_joined_and_reported():
    articles, anomalies = _parse()
    item = articles[1].item(1)
    assert item.text == "市财政局负责保障示范工作经费,提高资金使用效率。"
    assert any(a.kind == "page_break" and a.article == 2 for a in anomalies)


def test_items_lead_in_and_loose_paragraphs():
    articles, _ = _parse()
    second = articles[1]
    assert [i.number for i in second.items] == [1, 2]
    assert second.lead_in == "市有关部门职责主要包括:"
    third = articles[2]
    assert third.items == [] and len(third.paragraphs) == 2
    heading_article = articles[3]
    assert heading_article.paragraphs[0] == "区委书记每季度至少听取1次汇报。"


def test_corrections_apply_once_and_keep_the_source_form():
    fix = [{"doc_id": "mini", "article": 4, "find": "听取1次", "replace": "听取一次", "kind": "typo", "reason": "测试"}]
    articles, anomalies = _parse(fix)
    assert "听取一次" in articles[3].text
    assert "听取1次" in "\n".join(articles[3].source_paragraphs)
    assert any(a.kind == "correction_typo" for a in anomalies)


def test_a_correction_that_does_not_match_is_an_error():
    fix = [{"doc_id": "mini", "article": 1, "find": "不存在的文字", "replace": "x", "kind": "typo", "reason": "测试"}]
    _, anomalies = _parse(fix)
    assert any(a.kind == "correction_unmatched" and a.level == "error" for a in anomalies)
