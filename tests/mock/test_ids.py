"""Ids in the documented formats: prefix + upper-case alphanumerics, every character equally likely."""

from __future__ import annotations

import re
from collections import Counter

from mock_server.kernel.ids import new_id


def test_an_id_is_its_prefix_and_length_of_upper_alphanumerics():
    for length in (1, 7, 17, 40):
        assert re.fullmatch(rf"EKC[A-Z0-9]{{{length}}}", new_id("EKC", length, lambda _: False))


def test_a_taken_id_is_drawn_again():
    taken = []
    found = new_id("EKC", 7, lambda candidate: taken.append(candidate) or len(taken) < 3)
    assert len(taken) == 3 and found == taken[-1] and len(set(taken)) == 3


def test_every_character_is_about_equally_likely():
    # 36 characters over 72,000 draws: 2,000 expected each; a byte mapped with modulo bias would give the
    # first four characters ~2,230 (8/7 of the others), far past these bounds.
    counts = Counter("".join(new_id("", 40, lambda _: False) for _ in range(1800)))
    assert len(counts) == 36
    assert all(1800 <= count <= 2200 for count in counts.values()), counts.most_common(6)
