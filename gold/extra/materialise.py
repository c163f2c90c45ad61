"""Write the article texts of gold files into a folder, for ``score_events.py --texts FOLDER``.

The gold files of ``gold/extra/`` name their article as ``$PERISTIWA_DATA/news/articles.jsonl#<id>``
(the corpus may not be redistributed, so the repo holds no text). ``peristiwa eval`` and the
selector recipe read that reference themselves; the shared scorer wants a text file per article:

    .venv/bin/python gold/extra/materialise.py /tmp/extra-texts gold/extra/*.gold.json
    python3 ../shared/tools/score_events.py --gold gold/extra/*.gold.json --pred PRED.jsonl \\
        --texts /tmp/extra-texts
"""

from __future__ import annotations

import sys
from pathlib import Path

from peristiwa.evaluation import EvaluationError, materialise_texts, read_gold


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        golds = [read_gold(Path(p)) for p in argv[1:]]
    except EvaluationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    written = materialise_texts(golds, Path(argv[0]))
    print(f"wrote {len(written)} texts to {argv[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
