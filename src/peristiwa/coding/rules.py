"""The registry of argument rules: each with its name, slot, docstring and two example sentences.

A rule's ``name`` is what an event records in ``rules`` when the rule found one of its
arguments (``target:place``, ``joint:antara``). ``kind`` says how the coder uses it:

* ``reading``: a slot of a pattern (``source:subject``, ``target:obj``, ``target:ke``), tried in
  the pattern's order of preference;
* ``fallback``: supplies an argument the slots left empty, for the CAMEO prefixes whose frame
  lists it (``dictionaries/frames.tsv``);
* ``veto``: refuses an argument the slots found, for the prefixes whose frame lists it;
* ``reference``: an actor resolved from a referring word or from the discourse (``ia``, ``kami``,
  ``kedua negara``, ``-nya``, a bare role, the story's sides), recorded in that actor's entries
  (so in the ``rules`` of an event it is an argument of, and in ``actor1_entries`` /
  ``actor2_entries`` of every candidate);
* ``cue``: a word recorded with a reading because it changed it (``demand:harus``: an obligation
  word makes the trigger a demand of the one obliged).

``fires`` is a sentence in which the rule must be recorded (a reading or fallback in an event's
``rules``; a veto in the coder's trace; a reference in the entries of a candidate's actor) and
``must_not`` a close sentence in which it must not:
``tests/test_rules.py`` runs both for every registered rule, so a rule without a working example
cannot be registered silently. ``peristiwa explain`` prints, per trigger, every rule tried and
whether it fired or vetoed (:class:`RuleTrial`).

Rules implemented as functions register with the :func:`rule` decorator (their docstring is the
rule's); the slot readings, which one function serves, register with :func:`register`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

KINDS = ("reading", "fallback", "veto", "reference", "cue")
SLOTS = ("source", "target", "joint", "any")  # any: a reference or cue that may stand in either

#: The namespaces of argument rule names: every name an event or candidate records in ``rules``
#: (or in its actors' entries) under one of these is registered. Other names are not argument
#: rules: pattern ids (``pattern:``), dictionary entries (``people:``, ``orgs:``, ``roles:``,
#: ``countries:``, ``places:``, ``metonyms:``), open actors (``open:``, coding/open_actors.py),
#: the date rules (``date:``, coding/context.py), ``candidate:open`` and ``selector``.
NAMESPACES = ("source", "target", "joint", "ref", "veto", "demand")

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True, slots=True)
class Rule:
    """One argument rule."""

    name: str
    slot: str  # source, target, joint (both) or any (either)
    kind: str  # reading, fallback, veto, reference or cue
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
    import peristiwa.coding.arguments
    import peristiwa.coding.candidates
    import peristiwa.coding.mentions  # noqa: F401 - the references

    return sorted(_REGISTRY.values(), key=lambda r: r.name)


def is_argument_rule(name: str) -> bool:
    """Whether ``name`` is in an argument rule namespace (so must be registered)."""
    return name.split(":", 1)[0] in NAMESPACES and ":" in name


def unknown(names: Iterable[str]) -> set[str]:
    """The argument rule names among ``names`` that the registry does not know."""
    known = {r.name for r in registered()}
    return {n for n in names if is_argument_rule(n) and n not in known}


def get(name: str) -> Rule:
    registered()
    return _REGISTRY[name]
