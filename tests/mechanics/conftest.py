import pytest


@pytest.fixture(scope="session")
def rve_fem_n3():
    """Cubic array of spherical pores (l = 1, r = 0.25, porosity 0.0654), E = 1, nu = 0.25, eps* = 0.01,
    confined; 3-D 1/8-cell Q2 FEM with n = 3 (the slowest FEM set-up: shared by the FEM and voxel tests)."""
    from alloypore.mechanics import ElasticMaterial, PoreCell, fem

    return fem.pore_rve_3d(PoreCell(1.0, 0.25, ElasticMaterial(1.0, 0.25)), 0.01, bc="confined", n_angle=3, n_radial=3)
