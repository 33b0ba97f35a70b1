import pytest


@pytest.fixture
def run_cli(capsys):
    """Run ``alloypore <args>`` in-process through main(); return (exit_code, stdout, stderr)."""
    from alloypore.cli import main

    def _run(*args):
        code = 0
        try:
            main([str(a) for a in args])
        except SystemExit as exc:  # typer exits after a command
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        cap = capsys.readouterr()
        return code, cap.out, cap.err

    return _run


@pytest.fixture(scope="session")
def rve_fem_n3():
    """Cubic array of spherical pores (l = 1, r = 0.25, porosity 0.0654), E = 1, nu = 0.25, eps* = 0.01,
    confined; 3-D 1/8-cell Q2 FEM with n = 3 (the slowest FEM set-up: shared by the FEM and voxel tests)."""
    from alloypore.mechanics import fem

    return fem.pore_rve_3d(1.0, 0.25, 0.01, 1.0, 0.25, bc="confined", n_angle=3, n_radial=3)
