"""alloypore: pore engineering of alloying-type anode particles for Li-ion batteries.

Layers (see ``docs/architecture.md``): materials -> particle -> electrode -> cell form
the design chain; characterization, imaging, mechanics and literature are evidence
modules; design and electrochem are studies; cli, report and web are faces.
"""

from alloypore._version import __version__
from alloypore.errors import AlloyporeError, InputError, SpecError

__all__ = ["AlloyporeError", "InputError", "SpecError", "__version__"]
