"""Which answers fail shoppers most surely: "no" votes ranked by a Wilson lower bound.

The share of "no" votes alone would put an answer with 1 "no" out of 1 above one with 9 out of
11; the lower bound of the 95% Wilson score interval of that share says how surely an answer
fails, given how few votes it has: 0.21 for 1 of 1, 0.52 for 9 of 11.
"""

from __future__ import annotations

import math

Z95 = 1.959963984540054
"""The normal quantile of a two-sided 95% interval."""


def wilson_lower(successes: int, n: int, z: float = Z95) -> float:
    """The lower bound of the Wilson score interval of ``successes / n`` (0 when ``n`` is 0)."""
    if n <= 0:
        return 0.0
    p = successes / n
    z2 = z * z
    centre = p + z2 / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    return max(0.0, (centre - spread) / (1 + z2 / n))
