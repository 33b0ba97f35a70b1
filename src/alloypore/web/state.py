"""Session-state keys the pages share (one place, so no page imports another for a name).

The Design page owns the design; the other pages read it (:func:`alloypore.web._safe.current_spec`)
or leave values for it to apply (Evidence: :data:`PENDING_PARTICLE`).
"""

from __future__ import annotations

__all__ = ["STATE", "BASELINE", "PENDING_PARTICLE", "MESSAGE"]

#: the Design page's canonical values (survive page switches)
STATE = "design_state"
#: the result dict of the last loaded spec (the Design page's metric deltas refer to it)
BASELINE = "design_baseline"
#: ``{"values": {...}, "source": str}`` that another page (Evidence) leaves for ``[particle]``
PENDING_PARTICLE = "design_pending_particle"
#: ``(kind, text)`` shown once at the top of the Design page
MESSAGE = "design_message"
