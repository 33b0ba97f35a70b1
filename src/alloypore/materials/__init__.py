"""Materials: the shipped table of active hosts, carbons and inactive phases (bottom of the chain).

Modules
-------
:mod:`~alloypore.materials.material`
    One row, :class:`Material`, and the quantities derived from it (capacity, expansion, ICE, Omega).
:mod:`~alloypore.materials.phases`
    Lithiated end phases of a host (:class:`LithiatedPhase`): x and the molar volume of that phase.
:mod:`~alloypore.materials.table`
    :class:`MaterialsTable` (lookups in one table) and the shipped table.
:mod:`~alloypore.materials.user`
    The user materials file (explicit path; which one is the user's is the face's choice).
:mod:`~alloypore.materials.lookup`
    The table the chain looks names up in: the shipped one, plus a user file a face activated.
:mod:`~alloypore.materials.cif`
    New hosts from two CIF files (``alloypore materials add``).
:mod:`~alloypore.materials.mechanics`
    Mechanical and transport properties (a separate sourced table).

This package imports nothing of alloypore's layers.
"""

from alloypore.materials.lookup import (
    active_table,
    active_user_materials_path,
    get_material,
    list_materials,
    material_names,
    shipped_material_names,
    true_density_g_cm3,
    use_user_materials,
    user_materials,
)
from alloypore.materials.material import (
    DEFAULT_EXPANSION_BASIS,
    EXPANSION_BASES,
    FARADAY_C_MOL,
    KINDS,
    MAH_PER_MOL,
    ExpansionBasis,
    Material,
)
from alloypore.materials.phases import CrystalCell, LithiatedPhase
from alloypore.materials.table import MaterialsTable, material_from_row, shipped_table
from alloypore.materials.user import (
    USER_MATERIALS_ENV,
    load_user_materials,
    parse_material_rows,
    table_with_user_file,
    user_materials_path,
)

__all__ = [
    "CrystalCell",
    "DEFAULT_EXPANSION_BASIS",
    "EXPANSION_BASES",
    "FARADAY_C_MOL",
    "LithiatedPhase",
    "KINDS",
    "MAH_PER_MOL",
    "ExpansionBasis",
    "Material",
    "MaterialsTable",
    "USER_MATERIALS_ENV",
    "active_table",
    "active_user_materials_path",
    "get_material",
    "list_materials",
    "load_user_materials",
    "material_from_row",
    "material_names",
    "parse_material_rows",
    "shipped_material_names",
    "shipped_table",
    "table_with_user_file",
    "true_density_g_cm3",
    "use_user_materials",
    "user_materials",
    "user_materials_path",
]
