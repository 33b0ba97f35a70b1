"""Typed mechanics inputs: derived moduli by hand, and one-line errors naming the field."""

import pytest

from alloypore.errors import InputError
from alloypore.mechanics import ActiveCore, CoreShell, ElasticMaterial, LithiatingSphere, PoreCell, ShellLayer

SI, C = ElasticMaterial(80, 0.22), ElasticMaterial(100, 0.3)


def test_elastic_moduli_by_hand():
    # E = 100 GPa, nu = 0.3: K = 100/(3*0.4) = 83.333, mu = 100/2.6 = 38.462, lambda = 30/(1.3*0.4) = 57.692
    m = ElasticMaterial(100, 0.3)
    assert m.bulk_GPa == pytest.approx(83.3333, rel=1e-5)
    assert m.shear_GPa == pytest.approx(38.4615, rel=1e-5)
    assert m.lame_GPa == pytest.approx(57.6923, rel=1e-5)
    assert m.lame_GPa + 2 * m.shear_GPa / 3 == pytest.approx(m.bulk_GPa, rel=1e-12)


def test_inputs_are_frozen_values():
    p = CoreShell(50, 10, SI, C)
    assert p.outer_radius_nm == 60.0 and p == CoreShell(50.0, 10.0, ElasticMaterial(80.0, 0.22), C)
    with pytest.raises(AttributeError):
        p.core_radius_nm = 40.0
    assert LithiatingSphere(100, SI, 9.0, 1e-10).radius_cm == pytest.approx(1e-5)


def _one_line(call, field):
    with pytest.raises(InputError) as err:
        call()
    msg = str(err.value)
    assert "\n" not in msg and msg.startswith(field + " = "), msg
    return msg


@pytest.mark.parametrize("E, nu, field", [(-1.0, 0.2, "E_GPa"), (0.0, 0.2, "E_GPa"), (80.0, 0.5, "nu"),
                                          (80.0, -1.0, "nu"), (float("nan"), 0.2, "E_GPa"), ("stiff", 0.2, "E_GPa")])
def test_elastic_material_refuses(E, nu, field):
    _one_line(lambda: ElasticMaterial(E, nu), field)


def test_field_prefix_names_the_flat_option():
    msg = _one_line(lambda: ElasticMaterial(-80, 0.22, field_prefix="core_"), "core_E_GPa")
    assert msg == "core_E_GPa = -80: allowed 0 < core_E_GPa GPa"


@pytest.mark.parametrize(
    "kw",
    [
        dict(core_E_GPa=-1.0),
        dict(core_nu=0.5),
        dict(shell_nu=0.7),
        dict(shell_thickness_nm=-1.0),
        dict(core_radius_nm=0.0),
    ],
)
def test_core_shell_rejects_unphysical(kw):
    args = dict(core_radius_nm=50, shell_thickness_nm=10, core_E_GPa=80, core_nu=0.22, shell_E_GPa=100, shell_nu=0.3)
    args.update(kw)

    def build():
        return CoreShell(args["core_radius_nm"], args["shell_thickness_nm"],
                         ElasticMaterial(args["core_E_GPa"], args["core_nu"], field_prefix="core_"),
                         ElasticMaterial(args["shell_E_GPa"], args["shell_nu"], field_prefix="shell_"))

    _one_line(build, list(kw)[0])


def test_core_shell_needs_materials():
    with pytest.raises(TypeError):
        CoreShell(50, 10, (80, 0.22), C)


@pytest.mark.parametrize("build, field", [
    (lambda: ActiveCore(-5, SI, 2.8), "radius_nm"),
    (lambda: ActiveCore(50, SI, 0.0), "beta"),
    (lambda: ActiveCore(50, SI, 2.8, density_g_cm3=0.0, field_prefix="core_"), "core_density_g_cm3"),
    (lambda: ShellLayer(C, -2.0), "strength_GPa"),
    (lambda: ShellLayer(C, 2.0, thickness_nm=-1.0), "thickness_nm"),
    (lambda: ShellLayer(C, 2.0, capacity_mAh_g=-1.0, field_prefix="shell_"), "shell_capacity_mAh_g"),
    (lambda: LithiatingSphere(100, SI, -9.0, 1e-10), "partial_molar_volume_cm3_mol"),
    (lambda: LithiatingSphere(100, SI, 9.0, 0.0), "diffusivity_cm2_s"),
    (lambda: PoreCell(0.0, 5.0, SI), "cell_size_nm"),
    (lambda: PoreCell(100.0, 49.0, SI), "pore_radius_nm"),  # above 0.49 l: the pore would cut the cell
])
def test_design_inputs_refuse(build, field):
    _one_line(build, field)
