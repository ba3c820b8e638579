"""Line breaking for Thai in PDFs, where reportlab would split inside a syllable.

reportlab breaks lines only at spaces and splits a long word anywhere, even
between a consonant and its vowel; Thai writes words without spaces. With no
dictionary at hand, lines break at spaces first and split an over-long word
only between letter clusters, preferring likely syllable starts.
"""

from __future__ import annotations

import functools
import unicodedata

from reportlab.pdfbase.pdfmetrics import stringWidth

_LEADING_VOWELS = "เแโใไ"  # written before their consonant: never end a line
_NO_LINE_START = "ะาำๅๆ"  # belong to the syllable before, like the combining marks


@functools.lru_cache(maxsize=4096)
def _char_width(c: str, font: str, pt: float) -> float:
    return float(stringWidth(c, font, pt))


def _may_break(word: str, i: int) -> bool:
    """May a line end before word[i]? Not inside a Thai cluster, not after เ แ โ ใ ไ."""
    c = word[i]
    mark = unicodedata.category(c) in ("Mn", "Mc")
    return not (mark or c in _NO_LINE_START or word[i - 1] in _LEADING_VOWELS)


def _break_score(word: str, i: int) -> int:
    """No dictionary, so guess syllable starts: a leading vowel, a script change or
    punctuation (2), else a consonant carrying a vowel or tone mark (1)."""
    prev, c = word[i - 1], word[i]
    if c in _LEADING_VOWELS or prev in "-/,.)" or prev.isascii() != c.isascii():
        return 2
    nxt = word[i + 1] if i + 1 < len(word) else " "
    return int(unicodedata.category(nxt) == "Mn" or nxt in _NO_LINE_START)


def _cut(word: str, widths: list[float], limit: float) -> int:
    """Where to split a word wider than the line: a likely syllable start that fits."""
    fits: list[tuple[int, float]] = []
    total = 0.0
    for i in range(1, len(word)):
        total += widths[i - 1]
        if total > limit:
            break
        if _may_break(word, i):
            fits.append((i, total))
    if not fits:  # not even one cluster fits: let it overflow rather than split it
        return next((i for i in range(1, len(word)) if _may_break(word, i)), len(word))
    return max((_break_score(word, i), i) for i, w in fits if w >= 0.6 * fits[-1][1])[1]


def wrap(text: str, font: str, pt: float, width: float) -> list[str]:
    """Greedy lines: break at spaces, split a too-long word only between clusters."""
    limit = width - 0.05 * pt  # shaped (kerned) widths may differ a hair from these sums
    space = _char_width(" ", font, pt)
    lines: list[str] = []
    cur, cur_w = "", 0.0
    for word in text.split():
        ws = [_char_width(c, font, pt) for c in word]
        w = sum(ws)
        if cur and cur_w + space + w <= limit:
            cur, cur_w = f"{cur} {word}", cur_w + space + w
            continue
        if cur:
            lines.append(cur)
        while w > limit and (cut := _cut(word, ws, limit)) < len(word):
            lines.append(word[:cut])
            word, ws = word[cut:], ws[cut:]
            w = sum(ws)
        cur, cur_w = word, w
    return [*lines, cur]
