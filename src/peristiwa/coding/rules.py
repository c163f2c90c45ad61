"""The registry of argument rules: each with its name, slot, docstring and two example sentences.

A rule's ``name`` is what an event records in ``rules`` when the rule found one of its
arguments (``target:place``, ``joint:antara``). ``kind`` says how the coder uses it:

* ``reading``: a slot of a pattern (``source:subject``, ``target:obj``, ``target:ke``), tried in
  the pattern's order of preference;
* ``fallback``: supplies an argument the slots left empty, for the CAMEO prefixes whose frame
  lists it (``dictionaries/frames.tsv``);
* ``veto``: refuses an argument the slots found, for the prefixes whose frame lists it.

``fires`` is a sentence in which the rule must be recorded (a reading or fallback in an event's
``rules``; a veto in the coder's trace) and ``must_not`` a close sentence in which it must not:
``tests/test_rules.py`` runs both for every registered rule, so a rule without a working example
cannot be registered silently. ``peristiwa explain`` prints, per trigger, every rule tried and
whether it fired or vetoed (:class:`RuleTrial`).

Rules implemented as functions register with the :func:`rule` decorator (their docstring is the
rule's); the slot readings, which one function serves, register with :func:`register`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

KINDS = ("reading", "fallback", "veto")
SLOTS = ("source", "target", "joint")

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True, slots=True)
class Rule:
    """One argument rule."""

    name: str
    slot: str  # source, target or joint (both)
    kind: str  # reading, fallback or veto
    doc: str
    fires: str  # a sentence in which it is recorded
    must_not: str  # a close sentence in which it is not


@dataclass(frozen=True, slots=True)
class RuleTrial:
    """One rule tried on one trigger, for ``peristiwa explain``: fired, vetoed, or not."""

    sentence_start: int  # character offset of the sentence (window) in the article
    trigger: str
    trigger_start: int
    rule: str
    outcome: str  # "fired", "vetoed", "no" (tried, found nothing / did not apply)


_REGISTRY: dict[str, Rule] = {}


def register(name: str, slot: str, kind: str, doc: str, fires: str, must_not: str) -> Rule:
    """Add a rule to the registry (a name may be registered once)."""
    if name in _REGISTRY:
        raise ValueError(f"rule {name!r} registered twice")
    if slot not in SLOTS or kind not in KINDS:
        raise ValueError(f"rule {name!r}: slot must be one of {SLOTS}, kind one of {KINDS}")
    if not (doc.strip() and fires.strip() and must_not.strip()):
        raise ValueError(f"rule {name!r}: a docstring and both examples are required")
    r = Rule(name, slot, kind, " ".join(doc.split()), fires, must_not)
    _REGISTRY[name] = r
    return r


def rule(name: str, slot: str, kind: str, fires: str, must_not: str) -> Callable[[F], F]:
    """Register the decorated method as rule ``name`` (its docstring is the rule's doc).

    The method is called as ``method(self, sent, trig, ...)``; when ``self.trace`` is a list, the
    call is recorded there as a :class:`RuleTrial`: fired (a veto: vetoed) when it returned
    something (an argument, a reading, True)."""

    def wrap(fn: F) -> F:
        register(name, slot, kind, fn.__doc__ or "", fires, must_not)

        @functools.wraps(fn)
        def traced(self: Any, sent: Any, trig: Any, *args: Any, **kwargs: Any) -> Any:
            result = fn(self, sent, trig, *args, **kwargs)
            trace = getattr(self, "trace", None)
            if trace is not None:
                hit = bool(result)
                outcome = ("vetoed" if kind == "veto" else "fired") if hit else "no"
                trace.append(RuleTrial(sent.start_char, trig.text, trig.start_char, name, outcome))
            return result

        return traced  # type: ignore[return-value]

    return wrap


def registered() -> list[Rule]:
    """Every registered rule, by name (importing the modules that define them first)."""
    import peristiwa.coding.arguments  # noqa: F401 - registers the argument rules

    return sorted(_REGISTRY.values(), key=lambda r: r.name)


def get(name: str) -> Rule:
    registered()
    return _REGISTRY[name]
