"""Work per text on hostile input: punctuation runs, repeated names, repeated tokens (issue 14).

Prints seconds for the tokenizer alone and for ``peristiwa.code`` (the whole coder) on texts that
used to cost O(n^2): a run of n dashes with no space, and for comparison text of the same length
that repeats one name or one token many times. Each figure is one run after a warm-up; read them
as orders of magnitude (this machine is shared), and look at how they grow with n: linear work
doubles when n doubles, quadratic work quadruples.

    python benchmarks/bench_robust.py [--sizes 1000 2000 4000 8000] [--skip-code]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable


def seconds(func: Callable[[], object]) -> float:
    started = time.perf_counter()
    func()
    return time.perf_counter() - started


_ARTICLE = (
    "Presiden Prabowo mengecam serangan Israel ke Gaza pada Senin. Menteri Luar Negeri mendesak "
    "Dewan Keamanan PBB untuk bertindak, kata juru bicara kementerian kepada wartawan di Jakarta. "
)


def texts(n: int, salt: str) -> dict[str, str]:
    """Hostile texts of about ``n`` characters.

    ``salt`` starts each punctuation run: spaCy's tokenizer caches every space-less chunk it has
    seen, so a run measured twice would be timed from the cache the second time.
    """
    name = "Presiden Prabowo Subianto bertemu Presiden Prabowo Subianto. "
    return {
        "dashes": f"{salt}a" + "-" * n,
        "dash-dot": f"{salt}b" + "-." * (n // 2),
        "dashes in an article": f"{(_ARTICLE * n)[:n]} {salt}c" + "-" * n + " Selesai.",
        "repeated name": (name * (n // len(name) + 1))[:n],
        "repeated token": ("Israel " * (n // 7 + 1))[:n],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 4000, 8000])
    parser.add_argument("--skip-code", action="store_true", help="tokenizer only")
    args = parser.parse_args()

    import peristiwa
    from peristiwa import nlp as nlp_mod

    nlp = nlp_mod.load()
    peristiwa.code("Presiden Prabowo mengecam Israel pada Senin.")  # warm-up: loads everything
    print(f"{'text':<22}{'chars':>8}{'tokenizer s':>13}{'code s':>10}")
    for i, n in enumerate(args.sizes):
        coded = texts(n, f"A{i}")
        for label, text in texts(n, f"B{i}").items():
            tok = seconds(lambda t=text: nlp.tokenizer(t))
            code = float("nan") if args.skip_code else seconds(lambda t=coded[label]: peristiwa.code(t))
            print(f"{label:<22}{len(text):>8}{tok:>13.3f}{code:>10.3f}", flush=True)


if __name__ == "__main__":
    main()
