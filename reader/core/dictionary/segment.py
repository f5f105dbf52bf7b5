"""Which word is at an offset: jieba's segmentation, corrected by the dictionary.

The rule (issue 15): segment the sentence around the offset with jieba and take the
token holding it; where the dictionary knows a longer word there, the longer word wins.
Two refinements keep "longer" from going wrong:

* a longer word must be made of whole jieba tokens. Plain forward maximum matching
  reads ``研究|生命`` as ``研究生`` and ``我|的|确认`` as ``的确``; requiring whole tokens
  keeps jieba's reading there and still joins ``京津|冀`` into ``京津冀``;
* when jieba's token is not a headword (a name, a new coinage, HMM guesswork), the
  dictionary word covering the offset that overlaps the token most wins, if there is
  one of two characters or more.

jieba cuts the *folded* sentence (:func:`reader.core.search.fold.fold`: traditional
characters as simplified, one code point for one, so offsets do not move): jieba's
dictionary is simplified, and it cuts ``國務院關於`` as ``國務院關|於`` but ``国务院关于``
as ``国务院|关于``. Headwords are matched on the text as written and as folded.
"""

from __future__ import annotations

import importlib.util
import logging
import threading
from collections.abc import Callable, Collection, Sequence

Span = tuple[int, int]

CONTEXT = 80
"""Characters either side of the offset that jieba sees at most (a sentence is less)."""
MAX_WORD = 8
"""The longest headword tried (CC-CEDICT's 成语 and names are rarely longer)."""
LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
SENTENCE_ENDS = LINE_BREAKS | frozenset("。！？!?；;…")


def is_word_char(char: str) -> bool:
    """Letters, digits and ideographs can be looked up; spaces and punctuation cannot."""
    return char.isalnum()


def sentence_window(text: str, offset: int) -> Span:
    """The sentence around ``offset``: up to sentence punctuation or a line break, and at
    most :data:`CONTEXT` characters either side (jieba's cost grows with the length)."""
    start, floor = offset, max(0, offset - CONTEXT)
    while start > floor and text[start - 1] not in SENTENCE_ENDS:
        start -= 1
    end, ceiling = offset + 1, min(len(text), offset + 1 + CONTEXT)
    while end < ceiling and text[end] not in SENTENCE_ENDS:
        end += 1
    return start, end


def token_spans(tokens: Sequence[str], text: str, base: int) -> list[Span]:
    """Spans of jieba's tokens of ``text`` (which starts at ``base``), or one per character
    if the tokens do not add up to the text (jieba never changes it, but check)."""
    spans: list[Span] = []
    position = 0
    for token in tokens:
        if not token or not text.startswith(token, position):
            return [(base + i, base + i + 1) for i in range(len(text))]
        spans.append((base + position, base + position + len(token)))
        position += len(token)
    if position != len(text):
        return [(base + i, base + i + 1) for i in range(len(text))]
    return spans


def candidate_spans(offset: int, window: Span) -> list[Span]:
    """Every span of up to :data:`MAX_WORD` characters inside ``window`` covering ``offset``."""
    lo, hi = window
    return [
        (start, end)
        for start in range(max(lo, offset - MAX_WORD + 1), offset + 1)
        for end in range(offset + 1, min(hi, start + MAX_WORD) + 1)
    ]


def choose(token: Span, token_known: bool, tokens: Sequence[Span], words: Collection[Span]) -> Span:
    """The span to look up, from jieba's ``token`` and the dictionary ``words`` covering
    the offset (see the module docstring for why these rules)."""
    if token_known:
        starts = {s for s, _ in tokens}
        ends = {e for _, e in tokens}
        longer = [
            w
            for w in words
            if w[0] <= token[0]
            and w[1] >= token[1]
            and w != token
            and w[0] in starts
            and w[1] in ends
        ]
        return max(longer, key=_longest_first) if longer else token
    multi = [w for w in words if w[1] - w[0] >= 2]
    if not multi:
        return token
    return max(multi, key=lambda w: (_overlap(w, token), *_longest_first(w)))


def _longest_first(span: Span) -> tuple[int, int]:
    return span[1] - span[0], -span[0]


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def grow(text: str, span: Span, direction: int) -> Span:
    """One character more (``+1``) or fewer (``-1``) at the end: never empty, never across a
    line break, never past the text. At a limit the span comes back unchanged."""
    start, end = span
    if not 0 <= start < end <= len(text):
        raise ValueError(f"span {span} is not a non-empty span of a {len(text)}-character text")
    if direction == 1:
        return (start, end + 1) if end < len(text) and text[end] not in LINE_BREAKS else span
    if direction == -1:
        return (start, end - 1) if end - 1 > start else span
    raise ValueError(f"direction must be +1 or -1, not {direction!r}")


class Segmenter:
    """jieba's ``cut`` (rjieba when installed: 20x faster, loads in 0.2 s), loaded once.

    rjieba's module-level ``cut`` shares its dictionary with search's segmenter when the
    library has no user dictionary, so the GUI pays for it once.
    """

    def __init__(self) -> None:
        self._cut: Callable[[str], list[str]] | None = None
        self._lock = threading.Lock()

    def load(self) -> None:
        """Load now (the GUI calls :meth:`Dictionary.load` on a worker thread)."""
        with self._lock:
            if self._cut is None:
                self._cut = _load_cut()

    def cut(self, text: str) -> list[str]:
        if self._cut is None:
            self.load()
        assert self._cut is not None
        return list(self._cut(text))


def _load_cut() -> Callable[[str], list[str]]:
    if importlib.util.find_spec("rjieba") is not None:
        import rjieba  # the import loads its dictionary: 0.2 s

        return rjieba.cut
    import jieba

    from reader.platform.jieba_setup import configure_jieba

    logging.getLogger("jieba").setLevel(logging.WARNING)
    configure_jieba()
    jieba.dt.initialize()
    return jieba.dt.lcut
