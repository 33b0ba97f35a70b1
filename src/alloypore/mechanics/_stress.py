"""Stress invariants shared by the FEM and voxel solvers (one implementation)."""

from __future__ import annotations

import numpy as np

__all__ = ["add_invariants", "lame_moduli"]


def lame_moduli(E, nu):
    """``(lambda, mu)`` from Young's modulus and Poisson ratio (scalars or arrays)."""
    return E * nu / ((1 + nu) * (1 - 2 * nu)), E / (2 * (1 + nu))


def add_invariants(s: dict) -> dict:
    """Add ``hydrostatic``, ``max_principal`` and ``von_mises`` to the six components ``s`` (in place).

    ``s`` holds ``xx, yy, zz, xy, xz, yz`` arrays of one shape; von Mises from the principal
    stresses, ``sqrt(((s1 - s2)^2 + (s2 - s3)^2 + (s3 - s1)^2) / 2)``.
    """
    s["hydrostatic"] = (s["xx"] + s["yy"] + s["zz"]) / 3
    S = np.stack([np.stack([s["xx"], s["xy"], s["xz"]], -1),
                  np.stack([s["xy"], s["yy"], s["yz"]], -1),
                  np.stack([s["xz"], s["yz"], s["zz"]], -1)], -2)
    ev = np.linalg.eigvalsh(S)
    s["max_principal"] = ev[..., -1]
    s["von_mises"] = np.sqrt(0.5 * ((ev[..., 0] - ev[..., 1]) ** 2 + (ev[..., 1] - ev[..., 2]) ** 2
                                    + (ev[..., 2] - ev[..., 0]) ** 2))
    return s
