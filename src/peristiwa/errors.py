"""peristiwa's own warning categories, so callers can filter, log or escalate them by class.

``warnings.simplefilter("error", peristiwa.NotIndonesianWarning)`` turns "this text is not
Indonesian" into an exception; ``"ignore"`` silences it. The command line prints the same
messages as ``warning:`` lines.
"""

from __future__ import annotations


class PeristiwaWarning(UserWarning):
    """Base class of every warning peristiwa issues."""


class NotIndonesianWarning(PeristiwaWarning):
    """The text is not Indonesian, so no events were coded (the result is empty on purpose)."""
