"""alloypore: pore engineering of alloying-type anode particles for Li-ion batteries.

Layers (see ``docs/architecture.md``): materials -> particle -> electrode -> cell form
the design chain; characterization, imaging, mechanics and literature are evidence
modules; design and electrochem are studies; cli, report and web are faces.
"""

from alloypore.errors import AlloyporeError, InputError, SpecError

__version__ = "0.1.0"
__all__ = ["AlloyporeError", "InputError", "SpecError", "__version__"]
