"""The clause splitter visits only brackets and stops: it must split as a walk over every
character would."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from prd_cli.importer.grammar import _CLOSE, _OPEN, _depth_scan


def _every_character(text: str, stops: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and ch in stops:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


@settings(max_examples=300)
@given(
    st.text(alphabet="甲乙市局（(〔[【）)〕]】。；;，,、 a-", max_size=60),
    st.sampled_from(["。", "；;", "，,", "，,；;", "、"]),
)
def test_split_as_a_walk_over_every_character(text: str, stops: str) -> None:
    assert _depth_scan(text, stops) == _every_character(text, stops)
