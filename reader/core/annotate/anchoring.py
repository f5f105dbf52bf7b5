"""Place an annotation again after its document's text changed (pure functions, no DB).

An anchor is what we stored when the annotation was made: ``[start, end)`` code-point
offsets, the quoted text and :data:`CONTEXT_CHARS` characters of context on each side
(a W3C ``TextQuoteSelector`` plus ``TextPositionSelector``). Offsets alone break on the
first inserted paragraph; the quote alone cannot tell apart the many repeated phrases
of policy texts ("坚持…", "各地区各部门要…"). So :func:`locate` tries, in order:

1. **exact** — every occurrence of the quote in the new text is a candidate; the one
   whose surrounding text best matches the stored prefix/suffix wins, ties going to the
   occurrence nearest the *expected* position. The expected position is the old start
   carried through a line-level diff of old and new text (:class:`OffsetMap`), so a
   paragraph inserted before the quote does not make us pick a different repetition of
   the phrase. If the quote is still at its old offsets with its context, that is the
   answer (it scores best and is at distance 0).
   An exact occurrence is trusted when at least 16 characters of its context still
   match; otherwise step 2 gets a say and wins if its match has better context (the
   annotated sentence was reworded while the phrase survives unchanged elsewhere).
2. **fuzzy** — an approximate (edit-distance) search of the quote near the expected
   position and next to where the stored prefix/suffix occur now; small edits inside the
   quote are tolerated (≤ 30 %, ≤ 50 % when the context agrees; quotes shorter than four
   characters never match fuzzily).
3. **orphaned** — nothing credible: the caller keeps the annotation, flagged.

Why not calibre/KOReader's behaviour (drop what no longer matches)? Because an
annotation is the reader's work; losing it silently is the worst outcome.
"""

from __future__ import annotations

import bisect
import difflib
from dataclasses import dataclass
from enum import StrEnum

CONTEXT_CHARS = 32
FUZZY_MAX_QUOTE = 256  # longer quotes are matched by their head and tail
_CONTEXT_PROBE = 12  # chars of prefix/suffix searched for to find where the quote went
_MAX_PROBES = 5
_MAX_DIFF_CELLS = 10_000_000  # lines x lines beyond which changed text is one block

class PlacementKind(StrEnum):
    """What became of an anchor in the new text; the values are the re-anchoring counts'
    keys in ``pizhu`` JSON (``moved``, ``changed``, ``orphaned``)."""

    UNCHANGED = "unchanged"  # same words, same place
    MOVED = "moved"  # same words, elsewhere
    CHANGED = "changed"  # similar words (fuzzy match), the annotation follows them
    ORPHANED = "orphaned"  # not found: the annotation keeps its quote and waits


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str


@dataclass(frozen=True)
class Placement:
    """Where an anchor lands in the new text, and how it got there."""

    start: int
    end: int
    kind: PlacementKind

    @property
    def found(self) -> bool:
        return self.kind != PlacementKind.ORPHANED


def make_anchor(text: str, start: int, end: int, context: int = CONTEXT_CHARS) -> Anchor:
    """The anchor for ``text[start:end]`` with its context (fewer chars at the edges)."""
    return Anchor(
        start,
        end,
        text[start:end],
        text[max(0, start - context) : start],
        text[end : end + context],
    )


class OffsetMap:
    """Carries an old offset to where it most likely is in the new text.

    Built from a diff of the two texts by lines (canonical text has one paragraph per
    line), which is fast even for a 200 KB document; inside a changed paragraph the
    offset keeps its distance from the paragraph start.
    """

    def __init__(self, old: str, new: str) -> None:
        self._starts: list[int] = []
        self._blocks: list[tuple[int, int, int, int, bool]] = []
        if old == new:
            self._blocks.append((0, len(old), 0, len(new), True))
            self._starts.append(0)
            return
        old_lines = old.splitlines(keepends=True)
        new_lines = new.splitlines(keepends=True)
        old_pos = _line_starts(old_lines)
        new_pos = _line_starts(new_lines)
        # Edits are usually local: match the common head and tail directly, and diff
        # only the middle (a full diff of two unrelated long texts is quadratic).
        head = 0
        limit = min(len(old_lines), len(new_lines))
        while head < limit and old_lines[head] == new_lines[head]:
            head += 1
        tail = 0
        while (
            tail < limit - head
            and old_lines[len(old_lines) - 1 - tail] == new_lines[len(new_lines) - 1 - tail]
        ):
            tail += 1
        o_end, n_end = len(old_lines) - tail, len(new_lines) - tail
        opcodes = [("equal", 0, head, 0, head)] if head else []
        middle_old, middle_new = old_lines[head:o_end], new_lines[head:n_end]
        if len(middle_old) * len(middle_new) <= _MAX_DIFF_CELLS:
            matcher = difflib.SequenceMatcher(None, middle_old, middle_new)
            opcodes += [
                (tag, i1 + head, i2 + head, j1 + head, j2 + head)
                for tag, i1, i2, j1, j2 in matcher.get_opcodes()
            ]
        elif middle_old or middle_new:
            opcodes.append(("replace", head, o_end, head, n_end))
        if tail:
            opcodes.append(("equal", o_end, len(old_lines), n_end, len(new_lines)))
        for tag, i1, i2, j1, j2 in opcodes:
            block = (old_pos[i1], old_pos[i2], new_pos[j1], new_pos[j2], tag == "equal")
            self._starts.append(block[0])
            self._blocks.append(block)
        if not self._blocks:
            self._blocks.append((0, 0, 0, 0, True))
            self._starts.append(0)

    def map(self, pos: int) -> int:
        index = max(0, bisect.bisect_right(self._starts, pos) - 1)
        o1, _o2, n1, n2, equal = self._blocks[index]
        delta = pos - o1
        return n1 + delta if equal else n1 + min(delta, max(0, n2 - n1))


def _line_starts(lines: list[str]) -> list[int]:
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    return starts


def locate(anchor: Anchor, text: str, expected: int | None = None) -> Placement:
    """Place ``anchor`` in ``text``; ``expected`` is the mapped old start (default: old)."""
    expected = anchor.start if expected is None else expected
    quote = anchor.quote
    if not quote:
        return Placement(anchor.start, anchor.end, PlacementKind.ORPHANED)
    length = len(quote)
    # Fast path: still at the expected place with the whole context around it.
    if (
        text.startswith(quote, expected)
        and text.endswith(anchor.prefix, 0, expected)
        and text.startswith(anchor.suffix, expected + length)
    ):
        kind = PlacementKind.UNCHANGED if expected == anchor.start else PlacementKind.MOVED
        return Placement(expected, expected + length, kind)
    best: tuple[int, int, int] | None = None  # (-context score, distance, start)
    at = text.find(quote)
    while at != -1:
        key = (-_context_score(anchor, text, at, at + length), abs(at - expected), at)
        if best is None or key < best:
            best = key
        at = text.find(quote, at + 1)
    if best is not None and -best[0] >= _trusted_score(anchor):
        return _placement(anchor, text, best[2], best[2] + length)
    fuzzy = _fuzzy_locate(anchor, text, expected)
    if fuzzy is not None and (best is None or fuzzy[0] > -best[0]):
        return _placement(anchor, text, fuzzy[1], fuzzy[2])
    if best is not None:
        return _placement(anchor, text, best[2], best[2] + length)
    return Placement(anchor.start, anchor.end, PlacementKind.ORPHANED)


def _trusted_score(anchor: Anchor) -> int:
    """Context agreement above which an exact occurrence needs no second opinion."""
    return min(16, len(anchor.prefix) + len(anchor.suffix))


def _placement(anchor: Anchor, text: str, start: int, end: int) -> Placement:
    if text[start:end] != anchor.quote:
        return Placement(start, end, PlacementKind.CHANGED)
    same_place = start == anchor.start
    return Placement(start, end, PlacementKind.UNCHANGED if same_place else PlacementKind.MOVED)


def _context_score(anchor: Anchor, text: str, start: int, end: int) -> int:
    """Characters of stored context that still sit next to ``text[start:end]``."""
    before = text[max(0, start - len(anchor.prefix)) : start]
    after = text[end : end + len(anchor.suffix)]
    score = 0
    for a, b in zip(reversed(anchor.prefix), reversed(before), strict=False):
        if a != b:
            break
        score += 1
    for a, b in zip(anchor.suffix, after, strict=False):
        if a != b:
            break
        score += 1
    return score


def max_edits(length: int, context_agrees: bool) -> int:
    """How many edits a quote of ``length`` chars may have and still be the same quote."""
    if length < 4:
        return 0  # "坚持" vs "坚决": too short to tell an edit from another phrase
    return (length * (5 if context_agrees else 3)) // 10


def _fuzzy_locate(anchor: Anchor, text: str, expected: int) -> tuple[int, int, int] | None:
    """(context score, start, end) of the best approximate match, or None."""
    quote = anchor.quote
    length = len(quote)
    if length < 4:
        return None
    centres = [expected]
    centres += _probe(text, anchor.prefix[-_CONTEXT_PROBE:], expected, after=True)
    centres += _probe(text, anchor.suffix[:_CONTEXT_PROBE], expected, after=False, length=length)
    margin = max(64, length // 2)
    candidates: list[tuple[int, int, int, int, int]] = []  # (-score, edits, dist, s, e)
    seen: set[tuple[int, int]] = set()
    for centre in centres:
        lo = max(0, centre - margin)
        hi = min(len(text), centre + length + margin)
        if not _may_contain(quote, text[lo:hi], max_edits(length, True)):
            continue
        found = _approx_span(quote, text, lo, hi)
        if found is None or found[:2] in seen:
            continue
        seen.add(found[:2])
        start, end, edits = found
        score = _context_score(anchor, text, start, end)
        agrees = score >= _trusted_score(anchor)
        if edits <= max_edits(length, agrees):
            candidates.append((-score, edits, abs(start - expected), start, end))
    if not candidates:
        return None
    best = min(candidates)
    return -best[0], best[3], best[4]


def _may_contain(quote: str, window: str, edits: int) -> bool:
    """Cheap necessary condition (q-gram lemma) before the costly edit-distance search.

    ``edits`` edits destroy at most ``2 * edits`` of the quote's bigrams, so a window
    holding fewer of them cannot contain a close enough match. This keeps re-importing
    an unrelated text (every annotation orphaned) fast.
    """
    needed = len(quote) - 1 - 2 * edits
    if needed <= 0:
        return True
    present = {window[i : i + 2] for i in range(len(window) - 1)}
    found = 0
    for i in range(len(quote) - 1):
        if quote[i : i + 2] in present:
            found += 1
            if found >= needed:
                return True
    return False


def _probe(text: str, needle: str, expected: int, *, after: bool, length: int = 0) -> list[int]:
    """Likely quote starts next to occurrences of a context fragment, nearest first."""
    if len(needle) < 4:
        return []
    hits: list[int] = []
    at = text.find(needle)
    while at != -1 and len(hits) < 200:
        hits.append(at + len(needle) if after else max(0, at - length))
        at = text.find(needle, at + 1)
    hits.sort(key=lambda h: abs(h - expected))
    return hits[:_MAX_PROBES]


def _approx_span(quote: str, text: str, lo: int, hi: int) -> tuple[int, int, int] | None:
    """Best approximate occurrence of ``quote`` in ``text[lo:hi]``: (start, end, edits)."""
    window = text[lo:hi]
    if not window:
        return None
    if len(quote) <= FUZZY_MAX_QUOTE:
        found = _approx_substring(quote, window)
        return (lo + found[0], lo + found[1], found[2]) if found else None
    head, tail = quote[:64], quote[-64:]
    h = _approx_substring(head, window)
    t = _approx_substring(tail, window)
    if h is None or t is None or t[1] <= h[0]:
        return None
    span = window[h[0] : t[1]]
    if abs(len(span) - len(quote)) > len(quote) // 3:
        return None
    ratio = difflib.SequenceMatcher(None, quote, span, autojunk=False).ratio()
    edits = round((1 - ratio) * len(quote))
    return lo + h[0], lo + t[1], edits


def _approx_substring(pattern: str, window: str) -> tuple[int, int, int] | None:
    """Semi-global Levenshtein: the substring of ``window`` closest to ``pattern``."""
    end, edits = _best_end(pattern, window)
    if end is None:
        return None
    rev_end, _ = _best_end(pattern[::-1], window[:end][::-1])
    start = end - (rev_end or 0)
    return start, end, edits


def _best_end(pattern: str, window: str) -> tuple[int | None, int]:
    """(end, edits) of the best approximate match of ``pattern`` ending in ``window``.

    Myers' bit-parallel algorithm (Hyyrö's formulation for searching): one column of
    the edit-distance table is a few integer operations, whatever the pattern length,
    so it stays fast in pure Python. The earliest end with the fewest edits wins.
    """
    m = len(pattern)
    if m == 0:
        return None, 0
    peq: dict[str, int] = {}
    for i, ch in enumerate(pattern):
        peq[ch] = peq.get(ch, 0) | (1 << i)
    mask = (1 << m) - 1
    high = 1 << (m - 1)
    pv, mv, score = mask, 0, m
    best_edits, best_end = m, None
    for j, ch in enumerate(window, 1):
        eq = peq.get(ch, 0)
        xv = eq | mv
        xh = ((((eq & pv) + pv) & mask) ^ pv) | eq
        ph = (mv | ~(xh | pv)) & mask
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = (ph << 1) & mask  # no carry into row 0: a match may start anywhere
        mh = (mh << 1) & mask
        pv = (mh | ~(xv | ph)) & mask
        mv = ph & xv
        if score < best_edits:
            best_edits, best_end = score, j
    return best_end, best_edits


def reanchor_all(anchors: list[Anchor], old_text: str, new_text: str) -> list[Placement]:
    """Place many anchors of one document at once, sharing one diff of the texts."""
    mapping = OffsetMap(old_text, new_text)
    return [locate(a, new_text, mapping.map(a.start)) for a in anchors]
