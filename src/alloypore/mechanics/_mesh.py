"""Structured, block-mapped quad/hex meshes with quadratic (curved) geometry - no GPL mesher.

Each block is a tensor grid on the unit square/cube (scikit-fem ``init_tensor``) whose
nodes are pushed through an analytic map; blocks are merged by de-duplicating nodes.
Curved surfaces (circles/spheres about the origin) are made exact at the mid-side
nodes by building the quadratic mesh (``MeshQuad2``/``MeshHex2``) and projecting
the facet nodes that lie on a listed radius back onto it.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from skfem import MeshHex1, MeshHex2, MeshQuad1, MeshQuad2

__all__ = ["graded", "grow_grid", "quarter_cell_with_pore", "octant_cell_with_pore", "quarter_disk_layers",
           "quarter_disk_graded"]


def graded(n: int, ratio: float = 1.0) -> np.ndarray:
    """``n + 1`` points on [0, 1]; element sizes grow geometrically by ``ratio`` overall (last/first)."""
    n = max(int(n), 1)
    if abs(ratio - 1.0) < 1e-12:
        return np.linspace(0, 1, n + 1)
    q = ratio ** (1.0 / max(n - 1, 1))
    h = q ** np.arange(n)
    return np.concatenate([[0.0], np.cumsum(h) / h.sum()])


def _block(dim: int, grids, mapping):
    m = MeshQuad1.init_tensor(*grids) if dim == 2 else MeshHex1.init_tensor(*grids)
    p = mapping(m.p)
    # orientation: signed measure of the first element via the Jacobian of the map (finite difference)
    c = m.p[:, m.t[:, 0]].mean(axis=1, keepdims=True)
    eps = 1e-6
    J = np.column_stack([(mapping(c + eps * e[:, None]) - mapping(c - eps * e[:, None]))[:, 0] / (2 * eps)
                         for e in np.eye(dim)])
    return p, m.t.copy(), np.linalg.det(J) > 0


def _merge(blocks, dim: int, scale: float):
    ps, ts, off = [], [], 0
    for p, t, _ in blocks:
        ps.append(p)
        ts.append(t + off)
        off += p.shape[1]
    p = np.hstack(ps)
    t = np.hstack(ts)
    key = np.round(p.T / (scale * 1e-9)).astype(np.int64)
    _, first, inv = np.unique(key, axis=0, return_index=True, return_inverse=True)
    return np.ascontiguousarray(p[:, first]), np.ascontiguousarray(inv.ravel()[t])


def _quadratic(mesh1, radii, dim: int):
    """Quadratic version of ``mesh1`` with facet nodes on the listed radii projected onto them."""
    cls = MeshQuad2 if dim == 2 else MeshHex2
    M = cls.from_mesh(mesh1)
    doflocs = M.doflocs.copy()
    pr = np.linalg.norm(mesh1.p, axis=0)
    for R in radii:
        if R <= 0:
            continue
        on = np.abs(pr - R) < 1e-7 * R
        facets = np.nonzero(on[mesh1.facets].all(axis=0))[0]
        if facets.size == 0:
            continue
        D = np.unique(M.dofs.get_facet_dofs(facets).flatten())
        doflocs[:, D] *= R / np.linalg.norm(doflocs[:, D], axis=0)
    return replace(M, doflocs=doflocs)


def _finish(blocks, dim, scale, radii):
    for b in blocks:
        if not b[2]:
            raise RuntimeError("block map with negative orientation")  # programming error, not user input
    p, t = _merge(blocks, dim, scale)
    m1 = (MeshQuad1 if dim == 2 else MeshHex1)(p, t)
    return _quadratic(m1, radii, dim)


def quarter_cell_with_pore(half_cell_nm: float, pore_radius_nm: float, n_radial: int, n_angle: int, grading: float = 3.0):
    """Quadrilateral mesh of ``[0, L]^2`` minus the quarter disc ``|x| < r`` (two ray-mapped blocks).

    ``n_angle`` elements per 45 degrees, ``n_radial`` along each ray, sizes growing by ``grading``
    away from the pore.  Returns a ``MeshQuad2`` with the pore arc exact at the mid-side nodes.
    """
    L, r = float(half_cell_nm), float(pore_radius_nm)
    s_grid = graded(n_radial, grading)
    a_grid = np.linspace(0, 1, n_angle + 1)

    def mapper(second: bool):
        def f(q):
            s, u = q[0], q[1]
            phi = (u + (1.0 if second else 0.0)) * np.pi / 4
            inner = r * np.vstack([np.cos(phi), np.sin(phi)])
            if second:
                outer = np.vstack([L / np.tan(np.maximum(phi, 1e-300)), np.full_like(phi, L)])
            else:
                outer = np.vstack([np.full_like(phi, L), L * np.tan(phi)])
            return inner + s * (outer - inner)

        return f

    blocks = [_block(2, (s_grid, a_grid), mapper(False)), _block(2, (s_grid, a_grid), mapper(True))]
    return _finish(blocks, 2, L, [r])


def octant_cell_with_pore(half_cell_nm: float, pore_radius_nm: float, n_radial: int, n_angle: int, grading: float = 2.0):
    """Hexahedral mesh of ``[0, L]^3`` minus the sphere octant ``|x| < r`` (three cube-sphere blocks)."""
    L, r = float(half_cell_nm), float(pore_radius_nm)
    s_grid = graded(n_radial, grading)
    a_grid = np.linspace(0, 1, n_angle + 1)

    def mapper(face: int):
        def f(q):
            s, u, v = q
            tu, tv = L * np.tan(u * np.pi / 4), L * np.tan(v * np.pi / 4)
            full = np.full_like(s, L)
            outer = {0: np.vstack([full, tu, tv]), 1: np.vstack([tv, full, tu]), 2: np.vstack([tu, tv, full])}[face]
            inner = r * outer / np.linalg.norm(outer, axis=0)
            return inner + s * (outer - inner)

        return f

    blocks = []
    for face in range(3):
        b = _block(3, (s_grid, a_grid, a_grid), mapper(face))
        if not b[2]:  # swap the two angular axes to fix orientation
            fm = mapper(face)
            b = _block(3, (s_grid, a_grid, a_grid), lambda q, fm=fm: fm(q[[0, 2, 1]]))
        blocks.append(b)
    return _finish(blocks, 3, L, [r])


def quarter_disk_layers(radii_nm, n_angle: int, n_core: int, n_layers, inner_fraction: float = 0.5):
    """Quadrilateral O-grid of the quarter disc ``x, y >= 0, |x| <= radii[-1]`` with nodes on every radius.

    An inner square ``[0, c]^2`` (``c = inner_fraction * radii[0]``) plus two ray blocks per layer;
    ``n_angle`` elements per 45 degrees, ``n_core`` from the square to the first radius and
    ``n_layers[i]`` across layer ``i + 1`` (uniform grids of :func:`quarter_disk_graded`).
    Returns a ``MeshQuad2`` (all circles exact at mid nodes).
    """
    phis = np.linspace(0, np.pi / 4, n_angle + 1)
    grids = [np.linspace(0, 1, n + 1) for n in [n_core] + list(n_layers)]
    return quarter_disk_graded(radii_nm, phis, np.pi / 4 + phis, grids, inner_fraction)


def grow_grid(total: float, first: float, ratio: float, max_size: float, uniform_until: float = 0.0) -> np.ndarray:
    """Points ``0 = x_0 < ... < x_n = total``: steps ``first`` up to ``uniform_until``, then growing by
    ``ratio`` up to ``max_size``.

    The steps are rescaled (by at most one step's worth) so that the last point is exactly ``total``.
    """
    total, first = float(total), float(min(first, total))
    max_size = float(max(max_size, first))
    steps = []
    h = first
    while sum(steps) + h < total:
        steps.append(h)
        if sum(steps) >= uniform_until:
            h = min(h * ratio, max_size)
    rest = total - sum(steps)
    if steps and rest < 0.5 * steps[-1]:
        steps[-1] += rest  # merge a sliver into the last step
    else:
        steps.append(rest)
    return np.concatenate([[0.0], np.cumsum(steps)]) * (total / sum(steps))


def quarter_disk_graded(radii_nm, phi_first, phi_second, layer_grids, inner_fraction: float = 0.5):
    """Quadrilateral O-grid of the quarter disc ``x, y >= 0, |x| <= radii[-1]`` with given grids.

    Like :func:`quarter_disk_layers` but every grid is explicit, so the mesh can be graded towards
    a point (e.g. the pole ``(0, R)`` of a contact): ``phi_first`` are the angles (radians, increasing)
    of the block ``0 <= phi <= pi/4``, ``phi_second`` those of ``pi/4 <= phi <= pi/2``; ``layer_grids[i]``
    are the points in [0, 1] across layer ``i`` (layer 0 from the inner square ``[0, c]^2``,
    ``c = inner_fraction * radii[0]``, to ``radii[0]``).  Returns a ``MeshQuad2``, circles exact at mid nodes.
    """
    radii = [float(x) for x in radii_nm]
    phi_first = np.asarray(phi_first, float)
    phi_second = np.asarray(phi_second, float)
    c = inner_fraction * radii[0]
    gy = c * np.tan(phi_first)  # right edge x = c of the square: (c, c tan phi)
    gx = np.sort(c * np.tan(np.pi / 2 - phi_second))  # top edge y = c: (c tan(pi/2 - phi), c)
    gx[0], gy[0] = 0.0, 0.0
    blocks = [_block(2, (gx, gy), lambda q: q.copy())]
    starts = [None] + radii[:-1]
    for R0, R1, sg in zip(starts, radii, layer_grids):
        for second, ang in ((False, phi_first), (True, phi_second)):
            def f(q, R0=R0, R1=R1, second=second):
                s, phi = q
                if R0 is None:
                    if second:
                        inner = np.vstack([c * np.tan(np.pi / 2 - phi), np.full_like(phi, c)])
                    else:
                        inner = np.vstack([np.full_like(phi, c), c * np.tan(phi)])
                else:
                    inner = R0 * np.vstack([np.cos(phi), np.sin(phi)])
                outer = R1 * np.vstack([np.cos(phi), np.sin(phi)])
                return inner + s * (outer - inner)

            blocks.append(_block(2, (np.asarray(sg, float), ang), f))
    return _finish(blocks, 2, radii[-1], radii)
