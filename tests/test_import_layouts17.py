"""`prd import` on the layouts the sixteenth held-out set (unseen16/) showed, each on made-up
text: the rules of round 17."""

from __future__ import annotations

from .importing import items, roles


def test_a_body_set_up_at_two_levels_is_one_name() -> None:
    # z08: （市、区两级食品安全委员会办公室负责）; split at its 、, 市 alone passed for a unit.
    text = "某市监督计划\n一、加强宣传\n发布食品安全白皮书（市、区两级食品安全委员会办公室负责）。\n推进信用监管（省、市、县三级市场监管部门负责）。\n"
    assert [roles(i) for i in items(text)] == [
        ([], ["市、区两级食品安全委员会办公室"], []),
        ([], ["省、市、县三级市场监管部门"], []),
    ]


def test_a_news_pages_teaser_cut_mid_bracket_is_set_apart_from_the_body_after_it() -> None:
    # y04: 核心提示：…（西湖居委... then the body on the same line; the teaser's open bracket
    # swallowed the body's problems.
    text = (
        "某市城区环境抽查\n"
        "核心提示:3月12日,城镇办抽查发现:南外街白色垃圾较多(牌楼居委会);西湖游园旁垃圾成堆(西湖居委..."
        " 3月12日,城镇办抽查发现:南外街白色垃圾较多(牌楼居委会);西湖游园旁垃圾成堆(西湖居委会);"
        "金盆水果市场垃圾成堆(市场管理所、金盆居委会)。\n"
    )
    got = items(text)
    assert [roles(i)[1] for i in got] == [["牌楼居委会"], ["西湖居委会"], ["市场管理所", "金盆居委会"]]
    assert "核心提示" not in "".join(i["text"] for i in got)


def test_a_requirement_line_naming_who_sees_to_it() -> None:
    # y08: 1、<problem>。 / 整改措施：由县住建局督促商户更换。 as 由…负责 is.
    text = (
        "某县环境整治情况通报\n发现存在以下问题亟待整改:\n"
        "1、商城户外宣传广告破损。\n整改措施:由县住建局督促商户更换。\n"
        "2、行道树上晾晒衣物。\n整改措施:由包片单位县文广局督促住户移走晾晒的衣物。\n"
    )
    assert [roles(i) for i in items(text)] == [([], ["县住建局"], []), ([], ["县文广局"], [])]
