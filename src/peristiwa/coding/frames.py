"""What each CAMEO prefix lets the argument rules do (joint, one-sided, fallbacks, vetoes).
"""

from __future__ import annotations

# Codes whose events between coordinated subjects with no separate target are joint (both ways):
# meeting, negotiating, agreeing, cooperating, fighting. Not visits, hosting or mediation.
JOINT_PREFIXES = ("03", "040", "041", "046", "050", "057", "06", "190", "193", "194", "195")

# CAMEO events are dyadic; only these are coded with no target ("Kremlin menolak berkomentar",
# attacks on targets with no identifiable country). A missing target elsewhere means we missed it.
UNARY_CODES = frozenset({"011", "190"})

DECLINE_CODE = "011"

MEDIATE_PREFIX = "045"  # CAMEO: mediate

CONDOLENCE_CODE = "018"

# Protest, criticism and rejection of an act ("protes terhadap penetapan ... oleh Polda") aim at
# the act's agent, found within this many tokens after the act.
OBJECTION_ROOTS = frozenset({"11", "12", "14"})

DISAPPROVE_ROOT = "11"

FIGHT_ROOT = "19"

# What can be brokered between two sides: talks, agreements, ceasefires, cooperation.
MEDIATED_ROOTS = frozenset({"03", "04", "05", "06", "08"})

THREAT_ROOT = "13"

CONSULT_ROOT = "04"

# Arrest, detain, name as suspect (17x) and summon or question (09x): done by these roles.
AUTHORITY_CODES = ("17", "09")

# A demand, criticism, rejection or threat governs its content: "mendesak Israel menghentikan
# serangan" is one event (the demand), not also a halt of attacks.
GOVERNOR_KEEPS_ROOTS = frozenset({"02", "10", "11", "12", "13"})

# Considering an option yields to the option considered, coded hypothetical (GUIDELINES).
GOVERNOR_YIELDS_CODES = frozenset({"014"})

DEMAND_CODE = "100"  # CAMEO: demand, not specified below

# Roots whose events are aimed at a place: an attack, threat, show of force or protest "di X".
MATERIAL_CONFLICT_ROOTS = frozenset({"13", "14", "15", "18", "19", "20"})
