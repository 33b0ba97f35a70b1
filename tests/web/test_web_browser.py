"""Real-browser tests of the web explorer (headless Debian chromium through Playwright).

The app runs as ``alloypore web`` would run it (fixture ``app_url`` in conftest.py); every
number checked on the page is compared with ``alloypore design --json`` for the same spec,
i.e. with the CLI as an independent face over the same library.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from alloypore.cell import EXAMPLE_SPEC_TOML
from alloypore.web.design_page import metric_text

ALLOYPORE = str(Path(sys.executable).with_name("alloypore"))
WH_L = ".st-key-metric_cell__energy_density_Wh_L [data-testid=stMetricValue]"


def cli_json(spec_path: Path | None = None) -> dict:
    """``alloypore design --json [spec]`` through the real command line."""
    cmd = [ALLOYPORE, "design", "--json"] + ([str(spec_path)] if spec_path else [])
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def wait_idle(pg) -> None:
    """Wait until the app has finished its rerun (status widget gone) and the DOM is settled."""
    pg.wait_for_function(
        "!document.querySelector('[data-testid=stStatusWidget]') "
        "&& !document.querySelector('[data-stale=true]')",
        timeout=20_000,
    )


def shoot(pg, path: Path) -> None:
    """Screenshot of the whole page (Streamlit scrolls inside its main block, so grow the viewport)."""
    pg.wait_for_function("[...document.images].every(i => i.complete)")
    h = pg.evaluate("Math.max(...[...document.querySelectorAll('*')].map(e => e.scrollHeight))")
    size = pg.viewport_size
    pg.set_viewport_size({"width": size["width"], "height": min(int(h) + 40, 6000)})
    pg.wait_for_timeout(400)  # let the charts re-layout
    pg.screenshot(path=str(path), full_page=True)
    pg.set_viewport_size(size)


def input_number(pg, key: str, expected: float, rel: float = 1e-5) -> float:
    """The number input ``key`` shows once it shows ``expected`` (within ``rel``), re-read after
    the app is idle.

    A widget that mounts with a value from the session state (the Design page after "use in
    design") first paints its DEFAULT (empty for an optional field, 0 for the closed-pore
    fraction) and shows the session value only in a React effect after the first paint, which
    runs 0.1-0.7 s later while the page's charts render.  Reading the input as soon as it
    exists therefore reads "" about one run in three; wait for the state instead.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError  # the test extra; conftest skips without it

    sel = f".st-key-{key} input"
    try:
        pg.wait_for_function(
            "([sel, x, rel]) => { const i = document.querySelector(sel);"
            " return !!i && i.value.trim() !== '' && Math.abs(Number(i.value) - x) <= rel * Math.abs(x); }",
            arg=[sel, expected, rel],
            timeout=20_000,
        )
    except PlaywrightTimeoutError:
        pass  # fail below with what the input shows
    wait_idle(pg)
    shown = pg.locator(sel).input_value()
    assert shown.strip() != "", f"{key}: the input is still empty"
    return float(shown)


def set_number(pg, key: str, value) -> None:
    inp = pg.locator(f".st-key-{key} input")
    inp.fill(str(value))
    inp.press("Enter")


def page_results(pg) -> dict[tuple[str, str], str]:
    """The page's "All results" table: (section, quantity) -> shown value text."""
    rows = pg.eval_on_selector_all(
        ".st-key-all_results table tbody tr",
        "trs => trs.map(tr => [...tr.querySelectorAll('th,td')].map(c => c.innerText.trim()))",
    )
    return {(r[1], r[0]): r[2] for r in rows}


def assert_page_matches_cli(pg, d: dict) -> int:
    shown = page_results(pg)
    n = 0
    for section in ("particle", "electrode", "cell"):
        for key, v in d[section].items():
            text = shown[(section, key)]
            if isinstance(v, bool):
                assert text == ("yes" if v else "NO"), (section, key)
            elif isinstance(v, (int, float)):
                # six significant digits on the page
                assert math.isclose(float(text), v, rel_tol=5e-6, abs_tol=1e-12), (section, key, text, v)
                n += 1
    assert pg.locator(WH_L).inner_text() == metric_text(d["cell"]["energy_density_Wh_L"])
    return n


def test_design_numbers_equal_cli_json(page, artifacts_dir):
    page.locator(WH_L).wait_for()
    page.locator(".st-key-all_results table").wait_for()
    wait_idle(page)
    n = assert_page_matches_cli(page, cli_json())
    assert n > 50  # every number of particle/electrode/cell was compared
    shoot(page, artifacts_dir / "design.png")


def test_porosity_change_moves_wh_l_and_bad_value_shows_cli_error(page, artifacts_dir, tmp_path):
    page.locator(WH_L).wait_for()
    wait_idle(page)
    before = page.locator(WH_L).inner_text()
    set_number(page, "f_particle__porosity", 0.3)
    page.wait_for_function(f"document.querySelector('{WH_L}')?.innerText !== {json.dumps(before)}")
    wait_idle(page)
    # the new number is the CLI's for the same spec with porosity 0.3
    spec = tmp_path / "p03.toml"
    spec.write_text(EXAMPLE_SPEC_TOML.replace("porosity = 0.5 ", "porosity = 0.3 "), "utf-8")
    assert tomllib.loads(spec.read_text())["particle"]["porosity"] == 0.3
    d = cli_json(spec)
    assert page.locator(WH_L).inner_text() == metric_text(d["cell"]["energy_density_Wh_L"]) != before
    assert_page_matches_cli(page, d)

    # porosity 1.2: the same one-line message the CLI prints, inline, no traceback
    set_number(page, "f_particle__porosity", 1.2)
    err = page.locator(".st-key-design_error")
    err.wait_for()
    bad = tmp_path / "p12.toml"
    bad.write_text(EXAMPLE_SPEC_TOML.replace("porosity = 0.5 ", "porosity = 1.2 "), "utf-8")
    cli = subprocess.run([ALLOYPORE, "design", str(bad)], capture_output=True, text=True, timeout=60)
    assert cli.returncode == 2
    line = cli.stderr.strip()
    assert line.count("\n") == 0 and "porosity" in line
    assert err.inner_text().strip() == line
    # also shown at the field itself
    assert line in page.locator(".st-key-f_particle__porosity").locator("xpath=..").inner_text()
    assert "Traceback" not in page.content()
    shoot(page, artifacts_dir / "design-error.png")


def test_upload_spec_shows_its_results(page, artifacts_dir, tmp_path):
    page.locator(WH_L).wait_for()
    wait_idle(page)
    spec = tmp_path / "uploaded.toml"
    text = (
        EXAMPLE_SPEC_TOML.replace('name = "porous Si-C in graphite vs NMC811"', 'name = "uploaded Ge design"')
        .replace('material = "Si"', 'material = "Ge"')
        .replace("porosity = 0.5 ", "porosity = 0.4 ")
        .replace('cathode = "NMC811"', 'cathode = "LFP"')
    )
    spec.write_text(text, "utf-8")
    d = cli_json(spec)
    page.locator(".st-key-spec_upload input[type=file]").set_input_files(str(spec))
    page.locator(".st-key-design_message").get_by_text("loaded uploaded.toml").wait_for()
    page.wait_for_function(
        f"document.querySelector('{WH_L}')?.innerText === {json.dumps(metric_text(d['cell']['energy_density_Wh_L']))}"
    )
    wait_idle(page)
    assert_page_matches_cli(page, d)
    page.get_by_role("tab", name="Cell").first.click()
    box = page.locator(".st-key-f_cell__cathode")
    box.wait_for()
    shown = box.inner_text() + " " + " ".join(
        box.locator("input").evaluate_all("els => els.map(e => e.value + ' ' + (e.getAttribute('aria-label') || ''))")
    )
    assert "LFP" in shown, shown
    shoot(page, artifacts_dir / "design-uploaded.png")

    # a bad file: a message, never a stack trace
    bad = tmp_path / "broken.toml"
    bad.write_bytes(b"[particle\nporosity = = 3\n")
    page.locator(".st-key-spec_upload input[type=file]").set_input_files(str(bad))
    msg = page.locator(".st-key-design_message")
    msg.get_by_text("malformed TOML").wait_for()
    assert msg.inner_text().strip().startswith("error: broken.toml: malformed TOML")
    assert "Traceback" not in page.content()


def goto(pg, name: str) -> None:
    pg.locator(f"[data-testid=stSidebarNav] a[href$='/{name}']").click()
    pg.locator("h1").filter(has_text=name.capitalize()).wait_for()
    wait_idle(pg)


def test_other_pages_render(page, artifacts_dir):
    page.locator(WH_L).wait_for()
    goto(page, "studies")
    page.locator(".st-key-sweep_summary").get_by_text("designs feasible").wait_for()
    goto(page, "literature")
    page.locator(".st-key-lit_summary").get_by_text("materials").wait_for()
    goto(page, "evidence")
    page.locator(".st-key-ev_density_result").wait_for()
    goto(page, "model")  # the design chain's equations, from the page shipped with the package
    page.get_by_text("The design chain: equations and assumptions").first.wait_for()
    for name in ("studies", "literature", "evidence"):
        goto(page, name)
        if name != "evidence":
            page.locator("[data-testid=stImage] img").first.wait_for()
            page.wait_for_function(
                "[...document.querySelectorAll('[data-testid=stImage] img')].every(i => i.complete && i.naturalWidth > 0)"
            )
        wait_idle(page)
        assert "Traceback" not in page.content()
        assert page.locator("[data-testid=stException]").count() == 0
        shoot(page, artifacts_dir / f"{name}.png")


def test_evidence_use_in_design_carries_the_pore_profile(page, artifacts_dir):
    from alloypore.characterization.density import density_analysis

    page.locator(WH_L).wait_for()
    goto(page, "evidence")
    set_number(page, "ev_he", 1.6)
    wait_idle(page)
    expected = density_analysis(
        helium_density_g_cm3=1.6, open_pore_volume_cm3_g=0.186, composition="Si=0.5,amorphous_carbon=0.5"
    )
    page.get_by_text(f"{expected.porosity:.4g}").first.wait_for()
    page.locator(".st-key-ev_den_use button").click()
    page.locator(".st-key-design_message").get_by_text("pore profile from densities applied").wait_for()
    wait_idle(page)
    shown = input_number(page, "f_particle__porosity", expected.porosity)
    assert shown == pytest.approx(expected.porosity, rel=1e-5)
    closed = input_number(page, "f_particle__closed_pore_fraction", expected.closed_pore_fraction)
    assert closed == pytest.approx(expected.closed_pore_fraction, rel=1e-5)
