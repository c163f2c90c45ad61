"""Exports of the event store: GDELT 2.0 Events + Mentions (``gdelt``) and the full record (``full``)."""
