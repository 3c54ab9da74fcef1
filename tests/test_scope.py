"""Questions that ask for a specific fact (a date, an amount, a definition, a district …): answered
only from a passage that holds it, refused with the reason otherwise."""

import pytest

from assistant.answer import GroundedAnswerer
from assistant.scope import DATE, demand_of, outside


@pytest.fixture(scope="module")
def answerer(retriever):
    return GroundedAnswerer(retriever)


def first_place(answer) -> tuple[str, int]:
    """The document and article the answer cites first."""
    return answer.citations[0]["doc_id"], answer.citations[0]["article"]


@pytest.mark.parametrize("question, missing", [
    ("田长制总共设几级田长？", "具体层级"),
    ("田长制一共分几级？", "具体层级"),  # below the evidence bar, still told which fact is missing
    ("约谈之后多长时间内要整改完毕？", "具体时限"),
    ("土地出让收入用于农业农村的比例要提高到百分之几？", "具体比例"),
    ("“七有”要求具体指哪些内容？", "具体含义"),
    ("乡村公路的路长由谁来担任？", "由谁担任"),
    ("北京的生态涵养区是哪几个区？", "哪个区"),
    ("驻村第一书记一般要驻几年？", "具体年限"),
    ("乡村振兴实绩考核结果一般分几个等次？", "具体层级"),
    ("村务公开栏的公示要贴多长时间？", "具体时长"),
    ("城乡居民养老保险一年缴费最低多少？", "具体数额"),
    ("乡镇职责清单具体列了哪些事项？", "具体含义或范围"),
])
def test_a_passage_on_the_topic_that_lacks_the_fact_asked_for_is_not_an_answer(answerer, question, missing):
    answer = answerer.ask(question)
    assert not answer.found and answer.citations == []
    assert missing in answer.answer
    assert answer.related  # the articles on the topic are still offered, as related, not as the answer


@pytest.mark.parametrize("question, place", [
    ("农民丰收节定在哪一天？", ("promotion-law", 7)),
    ("乡村振兴促进法什么时候开始施行？", ("promotion-law", 74)),
    ("促进法里说的乡村具体指什么？", ("promotion-law", 2)),
    ("法律上“乡村”是怎么界定的？", ("promotion-law", 2)),
    ("区委书记每季度要听几次乡村振兴汇报？", ("beijing-rules", 9)),
])
def test_a_passage_that_holds_the_fact_is_quoted_first(answerer, question, place):
    answer = answerer.ask(question)
    assert answer.found
    assert first_place(answer) == place


def test_a_defined_term_is_answered_by_its_definition_despite_the_background(answerer):
    answer = answerer.ask("我家住在镇政府边上的小区，这算不算法律上的乡村？促进法怎么界定乡村？")
    assert answer.found and (answer.citations[0]["doc_id"], answer.citations[0]["article"]) == ("promotion-law", 2)


def test_each_part_of_a_two_part_question_is_answered(answerer):
    answer = answerer.ask("细则有问题找谁解释？从哪天起施行？")
    assert answer.found
    assert {c["article"] for c in answer.citations} >= {25, 26}
    assert "之日起施行" in answer.answer


def test_a_date_in_an_unrelated_sentence_does_not_answer(answerer):
    assert demand_of("巩固拓展脱贫攻坚成果的过渡期到哪一年结束？") is DATE
    assert not DATE.supplied_by("每年农历秋分日为中国农民丰收节。", "巩固拓展脱贫攻坚成果的过渡期到哪一年结束")
    assert DATE.supplied_by("本法自2021年6月1日起施行。", "本法什么时候施行")


@pytest.mark.parametrize("question", [
    "《农村集体经济组织法》哪天起施行？",
    "去年乡村振兴考核哪个区排名第一？",
    "参加万企兴万村的企业能享受什么税收优惠？",
    "乡村振兴专家是怎么遴选聘任的？",
    "市农业农村局现任局长是谁？",
])
def test_other_laws_rankings_and_selection_procedures_are_outside(answerer, question):
    assert outside(question)
    answer = answerer.ask(question)
    assert not answer.found and answer.citations == []


def test_questions_without_a_specific_demand_are_unaffected():
    for question in ("区长有哪些职责？", "涉农区有哪些职责？", "乡镇有哪些乡村振兴任务？", "哪个区委书记要抓乡村振兴？",
                     "考核排名靠后会有什么影响？", "市里哪几个部门管养老？", "乡村教师待遇法律怎么保障？"):
        assert demand_of(question) is None and not outside(question), question


def test_a_question_told_with_its_background_is_judged_on_what_it_asks(answerer):
    answer = answerer.ask("我家在怀柔山沟里，孩子们常年不在身边，老人平时没人照应。想问下市里到底哪个部门管农村养老？")
    assert answer.found
    assert (5, 7) in {(c["article"], c["item"]) for c in answer.citations}  # 市民政局: 农村养老服务体系


def test_a_question_sentence_after_a_background_sentence_is_judged_on_its_own(answerer):
    # the topic is in a clause of the asking sentence that does not itself ask
    answer = answerer.ask("我家门口那条村道年久失修，一下雨全是泥，骑车都难。农村公路的修建和管护，市里哪个部门负责？")
    assert answer.found and (answer.citations[0]["article"], answer.citations[0]["item"]) == (5, 14)


def test_background_alone_does_not_make_a_generic_ask_answerable(answerer):
    # the topic (an abolished national bureau) is in the background and nowhere in the documents
    assert not answerer.ask("国家乡村振兴局撤销以后，它的职能划到哪个部门去了？").found


def test_a_two_part_question_with_no_answerable_part_is_refused(answerer):
    answer = answerer.ask("区委中心组专题学习一次要多少学时？能不能分两次学完？")
    assert not answer.found and "具体数量" in answer.answer


def test_a_number_in_the_background_is_not_what_is_asked():
    assert demand_of("我在城里打工好几年了，想落户进城，村里要我先交回承包地，这合法吗？") is None


def test_a_quoted_principle_is_answered_by_the_clauses_that_spell_it_out(answerer):
    answer = answerer.ask("促进法讲的“坚持农民主体地位”包括什么内容？")
    assert answer.found
    assert (answer.citations[0]["doc_id"], answer.citations[0]["article"]) == ("promotion-law", 4)


def test_a_question_that_asserts_a_duty_the_role_does_not_have_is_corrected(answerer):
    answer = answerer.ask("细则规定村支书每季度要去区委汇报一次，汇报材料怎么准备？")
    assert not answer.found and answer.citations == []
    assert "前提与条文不符" in answer.answer and "村党组织书记" in answer.answer


def test_a_question_that_asserts_a_duty_the_role_has_is_answered(answerer):
    answer = answerer.ask("细则规定区委书记每季度要主持召开常委会听取乡村振兴汇报，具体是哪一项？")
    assert answer.found
    assert (answer.citations[0]["article"], answer.citations[0]["item"]) == (9, 2)


def test_a_frequency_question_opening_with_a_role_that_lacks_the_duty_is_corrected(answerer):
    answer = answerer.ask("村支书要不要每月向镇里书面报告一次进展？")
    assert not answer.found and "前提与条文不符" in answer.answer


@pytest.mark.parametrize("question, place", [
    ("镇里每年要定乡村振兴工作计划吗", ("beijing-rules", 10)),   # the leader's duty counts for the body
    ("区委中心组每年至少学几次乡村振兴", ("beijing-rules", 9)),   # a body named after the role is no actor
    ("区委书记每季度要听几次汇报？", ("beijing-rules", 9)),
    ("区里多长时间要向市里报告一次乡村振兴进展？", ("beijing-rules", 17)),  # how often, not how long
])
def test_frequency_questions_the_role_does_have_are_answered(answerer, question, place):
    answer = answerer.ask(question)
    assert answer.found and first_place(answer) == place


def test_a_question_about_a_checklist_is_not_a_request_for_one(answerer):
    answer = answerer.ask("乡镇和村级组织的职责清单，市里由哪个部门负责建立完善？")
    assert answer.found and "已为" not in answer.answer
    assert (5, 7) in {(c["article"], c["item"]) for c in answer.citations}


@pytest.mark.parametrize("question, law", [
    ("农村宅基地能卖给城里人吗？", "土地管理法"),
    ("土地承包期到期以后还能延包吗？", "农村土地承包法"),
    ("修路征地的补偿标准由谁定？", "土地管理法"),
    ("村委会换届选举怎么组织？", "村民委员会组织法"),
    ("农民工被拖欠工资了去哪仲裁？", "劳动争议调解仲裁法"),
])
def test_topics_other_laws_govern_name_the_law(answerer, question, law):
    answer = answerer.ask(question)
    assert not answer.found and law in answer.answer


def test_the_other_law_topics_table_matches_nothing_the_documents_say(index):
    from assistant.scope import other_law_topics

    texts = [a.text for d in index.corpus.loaded_documents() for a in d.articles]
    for pattern, topic, _ in other_law_topics():
        assert not any(pattern.search(t) for t in texts), topic


def test_a_premise_in_everyday_words_holds_when_the_duty_says_it_in_its_own(answerer):
    question = "村支书一年要把家家户户都走一遍吗？"  # 第十一条: 原则上每年走遍或者联系本村所有农户
    answer = answerer.ask(question)
    assert answer.found and answer.citations[0]["article"] == 11


@pytest.mark.parametrize("question, place", [
    ("乡镇向人大报告乡村振兴，要口头报还是书面报？", None),  # neither way is written down
    ("实绩考核以定量为主还是定性为主？", ("beijing-rules", 16)),
    ("村里第一责任人是村主任还是村支书？", ("beijing-rules", 11)),  # roles compared by their regulation names
    ("考核工作方案是一年一定还是三五年一定？", ("beijing-rules", 16)),  # 一年 is written 每年; 几年 inside a choice
])
def test_a_choice_between_two_ways_is_answered_only_by_a_place_that_names_one(answerer, question, place):
    answer = answerer.ask(question)
    if place is None:
        assert not answer.found and answer.citations == [] and "哪一种" in answer.answer
    else:
        assert answer.found and first_place(answer) == place


def test_words_that_look_like_a_demand_but_ask_something_else_are_not_one():
    from assistant.scope import PLACE

    assert demand_of("北京的生态涵养区是哪几个区？") is PLACE
    assert demand_of("哪个区工作推得慢、履职不力，上级会采取什么措施？") is None  # whichever district
    assert demand_of("考核结果跟拿到多少奖励资金有没有关系？") is None  # whether linked, not how much
    assert demand_of("教了十几年书的乡村老师评职称有没有倾斜？") is None  # a span of background
    assert demand_of("我家有几亩耕地种玉米，想改种果树，法律上允许吗？") is None  # a few mu, in the background
    assert demand_of("在乡村学校教书满多少年，评职称才有照顾？") is not None  # 多少 always asks
    assert demand_of("这几块归市里哪个局管？") is None  # these few areas
    assert demand_of("我们村好几户人家的房子裂了，危房改造找谁？") is None  # quite a few households
    assert demand_of("镇里能不能把几个村并成一个？") is None  # a yes/no question: 几 is "some"
    assert demand_of("每个村要配几名协理员？") is not None
    assert demand_of("村里的河长一周要巡几次河？") is not None  # per week, like per year or month
    assert demand_of("宅基地上翻建房子审批要走哪些手续？") is None and outside("宅基地上翻建房子审批要走哪些手续？")


@pytest.mark.parametrize("question, place", [
    ("考核结果跟拿到多少奖励资金有没有关系？", ("beijing-rules", 16)),
    ("教了十几年书的乡村老师评职称有没有倾斜？", ("promotion-law", 25)),
    ("我家有几亩耕地种玉米，想改种果树，法律上允许吗？", ("promotion-law", 14)),
])
def test_questions_with_such_words_are_answered(answerer, question, place):
    answer = answerer.ask(question)
    assert answer.found and first_place(answer) == place


def test_a_fact_stated_for_another_role_does_not_answer(answerer):
    # 定点联系1个以上行政村 is 区委书记's (第九条第（五）项), not the township secretary's
    township = answerer.ask("乡镇党委书记得定点联系几个行政村？")
    assert not township.found and township.citations == [] and "具体数量" in township.answer
    district = answerer.ask("区委书记得定点联系几个行政村？")
    assert district.found and (district.citations[0]["article"], district.citations[0]["item"]) == (9, 5)


def test_a_count_per_period_the_role_does_not_have_is_corrected(answerer):
    answer = answerer.ask("区长一年要入户走访多少户农民？")
    assert not answer.found and "前提与条文不符" in answer.answer


def test_a_wrong_period_for_a_duty_the_role_has_is_answered_with_the_right_one(answerer):
    answer = answerer.ask("区委书记是不是一年开一次常委会听听乡村振兴汇报就够了？")
    assert answer.found
    assert (answer.citations[0]["article"], answer.citations[0]["item"]) == (9, 2)
    assert "每季度至少主持召开1次" in answer.answer


def test_a_question_that_refers_back_is_judged_with_the_clause_it_refers_to(answerer):
    answer = answerer.ask("我在密云种了一辈子地，想跟儿子进城落户，村里有人说进城落户就得把宅基地交回去，真是这样吗？")
    assert answer.found and (answer.citations[0]["doc_id"], answer.citations[0]["article"]) == ("promotion-law", 55)


@pytest.mark.parametrize("question", ["讲个关于村干部的笑话吧。", "帮我写一份镇里的年终总结", "今天延庆天气怎么样？"])
def test_requests_unrelated_to_the_documents_are_declined(answerer, question):
    answer = answerer.ask(question)
    assert not answer.found and answer.citations == []


def test_how_often_is_refused_when_the_duty_has_no_frequency(answerer):
    answer = answerer.ask("市审计局多久审计一次乡村振兴资金？")
    assert not answer.found and "具体频次" in answer.answer


def test_a_question_for_exam_preparation_is_not_a_quiz_request(answerer):
    answer = answerer.ask("出题用：市委组织部在乡村振兴中承担的责任有哪几项？")
    assert answer.found and "已出" not in answer.answer
    assert (5, 1) in {(c["article"], c["item"]) for c in answer.citations}


def test_the_issue_date_is_not_the_effective_clause(answerer):
    # 第二十六条 says it takes effect from issue, not when it was issued
    assert not answerer.ask("《北京市乡村振兴责任制实施细则》是哪年哪月发布的？").found
    effective = answerer.ask("细则从哪天起施行？")
    assert effective.found and effective.citations[0]["article"] == 26


@pytest.mark.parametrize("question, place", [
    ("哪个区乡村振兴推得慢，上级会怎么办？", ("beijing-rules", 24)),
    ("一个镇乡村振兴干得好，区里能表彰奖励吗？", ("beijing-rules", 22)),
])
def test_rewards_and_penalties_are_not_steered_by_the_role_they_concern(answerer, question, place):
    answer = answerer.ask(question)
    assert answer.found and first_place(answer) == place


@pytest.mark.parametrize("question, place", [
    ("促进法是2020年开始实施的吗？", ("promotion-law", 74)),  # a claimed year is checked against the date
    ("镇里干得好能评先进吗？", ("beijing-rules", 22)),
    ("考核方案由谁起草？", ("beijing-rules", 16)),  # 起草 of a plan, not of the law
    ("考核结果由谁审定？", ("beijing-rules", 16)),  # 审定, not 审批程序
    ("北京乡村振兴责任制实施细则什么时候起施行？", ("beijing-rules", 26)),  # the title, written without 市
    ("城里人到村里开民宿有啥红线？", ("promotion-law", 55)),
    ("农民丰收节是哪天？", ("promotion-law", 7)),
    ("怕家里有人生病又穷回去，法律对容易返贫的人家有啥办法？", ("promotion-law", 59)),
    ("村里独居的老人和留守的孩子，法律上谁来关爱？", ("promotion-law", 54)),
    ("山里有几户人家想搬出来，区里在山区搬迁上有没有职责？", ("beijing-rules", 8)),  # a few households, in the story
    ("种粮大户偷偷用高毒农药，法律上不许吧？", ("promotion-law", 39)),
    ("我想把户口迁进城里，村里让先交回宅基地，这合法吗？", ("promotion-law", 55)),
])
def test_situations_told_in_everyday_words_are_answered(answerer, question, place):
    answer = answerer.ask(question)
    assert answer.found and first_place(answer) == place


def test_how_many_years_between_two_times_asks_how_often(answerer):
    answer = answerer.ask("市委农村工作领导小组对各区的督查几年搞一次？")
    assert answer.found and ("beijing-rules", 18) in {(c["doc_id"], c["article"]) for c in answer.citations}


def test_an_amount_told_in_the_background_is_not_what_is_asked(answerer):
    answer = answerer.ask("听说有人拉村民投钱，许诺每月返一成利息。这种农村非法集资，市里哪个部门负责防范？")
    assert answer.found and (answer.citations[0]["article"], answer.citations[0]["item"]) == (5, 23)


@pytest.mark.parametrize("question", ["考核看硬指标还是看印象分？", "乡村振兴考核会不会让老百姓评评满不满意？"])
def test_everyday_words_for_how_assessment_works_find_it(answerer, question):
    answer = answerer.ask(question)
    assert answer.found and answer.citations[0]["article"] == 16


def test_what_role_and_work_a_role_has_lists_its_duties(answerer):
    answer = answerer.ask("村支书在乡村振兴里算啥角色？主要得干哪些活？")
    assert answer.found and 11 in {c["article"] for c in answer.citations}


def test_how_a_thing_is_done_names_no_law(answerer):
    answer = answerer.ask("乡村振兴的考核、督查、评估结果会不会公开？怎么个公开法？")
    assert answer.found and answer.citations[0]["article"] == 21


def test_the_conclusion_names_a_subject_only_when_the_passage_is_about_it(answerer):
    assert "（村党组织）" not in answerer.ask("城里人退休后想到村里养老，促进法鼓励吗？").answer
    assert "（涉农区党委和政府主要负责人）" in answerer.ask("区委书记每季度要听几次汇报？").answer



@pytest.mark.parametrize("question", [
    "促进法是全国人大常委会第几次会议表决通过的？",
    "农村信用社的农户贷款年利率是多少？",
    "中国农民丰收节那天放假吗？",
    "市里每年给涉农区的乡村振兴奖励资金有多少亿？",
    "农村集体经济组织法啥时候生效的？",
    "市委农村工作领导小组组长现在是谁？",
    "退役军人回村创业能拿多少创业补贴？",
    "市委组织部每年往村里选派多少名干部？",
    "市纪委监委的专项巡察每轮要持续多长时间？",
    "今年农民丰收节北京有啥庆祝活动？",
    "市纪委监委的举报电话是多少？",
    "在村里开农家乐需要办哪些证照？",
    "村党组织书记和村委会主任能不能由一个人兼任？",
    "接诉即办考核的响应率要达到多少？",
    "乡村振兴项目申请专项债总投资最低要多少？",
    "北京规划的新市镇具体有哪几个？",
    "群众满意度调查在实绩考核里占多大权重？",
    "“四好农村路”示范县要满足哪些评选标准？",
    "村里办红白喜事，酒席最多只能摆多少桌？",
    "我家承包地被征收了，补偿款的标准是怎么算的？",
    "北京一共有几个涉农区？分别是哪几个？",
    "企业参加村企对接以后，收益怎么和村集体分成？",
    "城里人搬到村里住，医保能不能转成当地的城乡居民医保？",
    "我是城里人，想在郊区村里买块宅基地自己盖房，能办下来吗？",
    "今年实绩考核请的第三方评估机构是哪一家？",
    "土地出让收入用于农业农村的比例，今年要求达到百分之多少？",
    "村党支部书记每个季度要组织几次村级理论学习？",
    "参加村企结对要在哪个平台报名？",
    "区里的乡村振兴办应当配几个编制？",
    "村干部的报酬有没有统一标准？",
    "市委农村工作领导小组办公室有哪些内设处室？",
    "促进法是哪次常委会会议通过的？",
    "今年市委一号文件有什么新提法？",
    "按细则，镇长每年要向区委述职几次？",
    "区政府常务会议研究乡村振兴的会议纪要要报哪里备案？",
    "区委中心组的乡村振兴专题学习可以线上开吗？",
    "区长调离以后，任上的乡村振兴问题还追不追究？",
    "乡村振兴协理员一个村配几个？",
    "人才支持计划的申报条件是什么？",
    "乡镇中心组学习，村支书请假了怎么处理？",
    "乡村振兴资金项目信息在哪个网站公布？",
    "部门报给领导小组的进展报告用什么格式？",
    "“村地区管”具体怎么操作？",
    "集体经营性建设用地入市收益有没有固定比例？",
    "市委宣传部给每个村拨多少文化经费？",
    "环京应急储备点建在哪里？",
    "乡村公路的路长由哪一级领导担任？",
    "“两公开”指哪两公开？",
    "村里的财务多久要公开一次？",
    "市审计局多长时间审计一次乡村振兴资金？",
    "上级一个月最多让村里报几次材料？",
    "被约谈的干部当年还能评优吗？",
    "乡村振兴资金能不能给村干部发奖金？",
    "农民工子女能在北京参加中考吗？",
    "北京细则跟浙江的比哪个要求高？",
    "集体收益村集体和村民各分多少？",
    "区委书记每个月至少要批阅多少件群众来信？",
    "开农家乐要考什么证？",
    "村里盖房子最多几层？",
    "干得好的村干部能不能发现金？",
    "村支书和村主任能不能一个人兼？",
    "乡镇人大哪次会听乡村振兴报告？",
    "村里的河长一周要巡几次河？",
    "村委会每个月要给镇里交多少份报表？",
    "返乡创业贷款政府能贴息多少？",
    "农家乐办经营许可要走哪些手续？",
    "市里给每亩林地发多少管护费？",
    "村里的网格长是村支书当还是村主任当？",
    "村里分红去年每户分了多少？",
    "农业保险的保费每亩各是多少？",
    "被骗的集资款能追回多少？",
    "村医没有执业证还能接着看病吗？",
    "在村口建养殖场要不要做环评？",
    "孩子户口不在这个村，能在村小上学吗？",
    "农村户口转城镇户口去哪个派出所？",
    "农村低保现在每人每月多少？",
    "细则是哪个单位起草的？",
    "田长制具体考哪些指标？",
    "征地要有多大比例的村民同意？",
    "村干部每年要向乡镇党委述职几次？",  # 镇党委's quarterly study that 村支书 joins is not it
    "市审计局多久对各区的乡村振兴资金审计一次？",  # 各区 is what is audited; 区委's 每季度 is not the audit's
    "村务监督委员会主任是不是必须由村支书兼任？",
    "撤乡设镇要走哪些审批程序？",
    "乡镇党委书记每月要开一次乡村振兴专题会吗？",  # no monthly duty: a false premise
    "村支书是不是由区委组织部任命？",
    "驻村第一书记每个月要在村里住几天？",
    "村里分红要交个税吗？",
    "我们镇什么时候能通天然气？",
    "农村低保线是多少？",
    "北京的涉农区一共有几个，分别叫什么？",  # 一共有几个 asks, even before a comma
])
def test_near_misses_asking_what_the_documents_do_not_state_are_refused(answerer, question):
    # history, rates, holidays, totals, office holders, amounts, head counts, durations, contacts,
    # platforms, staffing quotas, pay standards, internal offices, other documents, a prefixed premise,
    # counts, application conditions, attendance, websites, formats, operation, shares, grants, sites,
    # named slogans, frequencies and counts per period, awards, exams, other provinces,
    # licences, staffing, minimums, named towns, weights, selection standards, measures,
    # compensation, revenue shares, other laws' topics, which firm, a period the role lacks, events
    answer = answerer.ask(question)
    assert not answer.found and answer.citations == []
