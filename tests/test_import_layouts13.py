"""`prd import` on the layouts the thirteenth held-out set (unseen13/) showed, each on made-up
text: the rules of round 13."""

from __future__ import annotations

from .importing import items, roles


def test_each_units_duties_a_line_after_its_name_and_a_colon() -> None:
    # n08, n09: 其职责分工为： / 区委宣传部：制订… / 14.市卫生局：负责…; a label (牵头单位：) or
    # a table's note (情况表 单位：万元) is no unit's name.
    text = (
        "某区禁放工作方案\n一、职责分工\n5、各部门要各司其职。其职责分工为：\n"
        "区委宣传部：制订宣传工作方案，协调新闻单位做好宣传。\n商委：协调公安、供销社做好准放区的供应。\n"
        "二、整治分工\n14.市卫生局：负责医院周边环境秩序综合整治的协调工作。\n"
        "15.市药监局：负责查处违法收售药品等行为。\n"
    )
    got = items(text)
    by_start = {i["text"].split("：", 1)[-1][:6]: roles(i) for i in got}
    assert by_start["制订宣传工作"] == ([], ["区委宣传部"], [])
    assert by_start["协调公安、供"] == ([], ["商委"], [])
    assert by_start["负责医院周边"] == ([], ["市卫生局"], [])
    assert by_start["负责查处违法"] == ([], ["市药监局"], [])


def test_units_that_carry_it_out_by_their_duties_and_the_wider_bodies_after_deng() -> None:
    # p03: 甲、乙等按职责分工落实; n05: 丙等部门单位; p05: 丁等有关处室（单位）, 各市、县（市、区）教育局.
    text = (
        "某厅政务公开工作要点\n"
        "1.做好疫情防控信息发布。（应急处、监督处、基层处等按职责分工落实）\n"
        "2.开展全民营养周。（国家卫生健康委牵头，中央宣传部、中国科协等部门单位按职责分工负责）\n"
        "3.建设教育强省。（发规处、各市、县（市、区）教育局、就业指导中心等有关处室（单位）负责）\n"
    )
    got = items(text)
    assert roles(got[0]) == ([], ["应急处", "监督处", "基层处"], [])
    assert roles(got[1]) == (["国家卫生健康委"], [], ["中央宣传部", "中国科协"])
    assert roles(got[2]) == ([], ["发规处", "各市、县（市、区）教育局", "就业指导中心"], [])


def test_a_bureaus_sections_and_not_a_schools_levels() -> None:
    # p10: （污染防治科、综合科）; 本科、专科 are levels of study, not sections.
    text = "某局政务公开工作要点\n1.深入解读重要政策措施。（污染防治科、综合科）\n2.扩大本科、专科招生规模。\n"
    got = items(text)
    assert roles(got[0]) == ([], ["污染防治科", "综合科"], [])
    assert not any(roles(got[1])) if len(got) > 1 else True


def test_a_pages_metadata_is_no_unit_and_its_duties() -> None:
    from prd_cli.importer.finders import duty_clause

    assert duty_clause("发布机构：县文广新旅局") is None
    assert duty_clause("发文机关：某市人民政府") is None
    assert duty_clause("牵头单位：县发改局") is None
    assert duty_clause("各有关部门：做好配合工作") == ("各有关部门负责", "做好配合工作")
