"""Published cells reproduced: Cho et al.'s C/Si@MPC-G || NCM622 (stack basis) and two commercial
Si-containing cylindrical cells (LG M50 21700, LG MJ1 18650), each a named example shipped with
the package (``alloypore design --example NAME``).  Prints model vs published and the jelly roll.
"""

from alloypore.cell.examples import compare_example, list_examples

for ex in list_examples():
    result, cmp = compare_example(ex.name)
    print(f"{ex.name} ({ex.basis} basis)")
    for key, c in cmp.items():
        print(f"  {key:24s} published {c['published']:9.4g}  model {c['model']:9.4g}  {c['difference_pct']:+6.2f} %")
    d = result.cell.format_details
    if "roll_length_mm" in d:
        print(f"  roll: {float(d['roll_length_mm']):.1f} mm, {float(d['roll_turns']):.2f} turns, "
              f"charged radius {float(d['roll_radius_charged_mm']):.3f} of {float(d['can_inner_radius_mm']):.3f} mm, "
              f"largest anode swelling the can takes {float(d['max_anode_swelling_pct']):.1f} %")
    print(f"  binding limits: {', '.join(result.binding_limits()) or 'none'}")
