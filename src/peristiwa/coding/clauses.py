"""The words that end a clause, in one list for every module that reads clauses.

The argument rules (where a subject or an object may be found) and the modality classifier (how
far a cue before the trigger reaches) both stop at the start of another clause. They used to keep
two lists that disagreed ("meski", "padahal", "bila" ended a clause for modality only; "sampai"
only for the coder); now both read :data:`CLAUSE_WORDS`.

* :data:`CLAUSE_WORDS`: contrastive, concessive, causal, temporal, purpose, conditional and
  complement conjunctions ("tetapi", "meskipun", "karena", "setelah", "agar", "jika", "bahwa").
  "untuk" is not one: it links a control verb to its event ("menolak untuk bertemu").
* :data:`RELATIVISER` ("yang"): it opens a clause for modality ("Warga *yang tidak* puas
  mengecam ..."), while the argument rules read through relative clauses on purpose (the
  antecedent of "yang" is often the subject).
* :data:`PUNCTUATION_BOUNDARIES`: the punctuation modality stops at.
"""

from __future__ import annotations

CLAUSE_WORDS: frozenset[str] = frozenset({
    # contrast and concession
    "tetapi", "tapi", "namun", "sedangkan", "sementara", "padahal", "meskipun", "meski", "walaupun",
    "walau", "kendati", "biarpun",
    # cause and result
    "karena", "sebab", "lantaran", "sehingga",
    # time
    "ketika", "saat", "sewaktu", "tatkala", "selagi", "manakala", "setelah", "sesudah", "sebelum",
    "usai", "seusai", "sejak", "hingga", "sampai", "serta-merta", "sambil", "seraya",
    # complement and purpose
    "bahwa", "agar", "supaya",
    # condition
    "jika", "jikalau", "kalau", "apabila", "bila", "seandainya", "andaikan", "andai",
})
RELATIVISER = "yang"
PUNCTUATION_BOUNDARIES: frozenset[str] = frozenset({
    ",", ";", ":", ".", "!", "?", "(", ")", '"', "“", "”", "'", "‘", "’", "–", "—", "-", "--",
})
# Subordinators whose clause, when it has no subject of its own, shares the main clause's
# ("setelah melakukan percakapan"): a subset of CLAUSE_WORDS.
SUBJECT_SHARING_SUBORDINATORS: frozenset[str] = frozenset(
    {"setelah", "sesudah", "sebelum", "usai", "seusai", "saat", "ketika", "sambil", "seraya"}
)
# Conjunctions that open a clause with its own subject when an actor and a verb follow ("sejak
# Israel melancarkan perang", "saat KPK memeriksa", "karena Rusia menyerang"): all of them.
OWN_SUBJECT_OPENERS: frozenset[str] = CLAUSE_WORDS
