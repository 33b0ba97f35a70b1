"""The web explorer under several users at once, and its upload checks, in a real browser (issue #17 item 7).

* 10 headless-Chromium contexts (10 independent Streamlit sessions) on one server, each
  setting its own particle porosity: each shows the cell Wh/L that the library computes for ITS
  porosity (the same number ``alloypore design --json`` prints), and its input still shows its
  own value after all the others have changed theirs - no session sees another's inputs.
* Uploads over the size limit, of the wrong type, or not TOML inside are refused in the page
  with a message, never a stack trace, and leave the design as it was.
"""

from __future__ import annotations

import json

import pytest

from alloypore.cell import evaluate_design, example_spec
from alloypore.web.design_page import metric_text
from alloypore.web.fields import MAX_UPLOAD_BYTES
from test_web_browser import WH_L, set_number, wait_idle

N_SESSIONS = 10
POROSITY = [round(0.30 + 0.02 * k, 2) for k in range(N_SESSIONS)]


def expected_wh_l(porosity: float) -> str:
    """The library's Wh/L for the example with this porosity, as the page formats it (an independent face)."""
    spec = example_spec()
    spec = spec.model_copy(update={"particle": spec.particle.model_copy(update={"porosity": porosity})})
    return metric_text(evaluate_design(spec).cell.energy_density_Wh_L)


@pytest.fixture
def sessions(browser, app_url):
    contexts = [browser.new_context(viewport={"width": 1400, "height": 1000}) for _ in range(N_SESSIONS)]
    pages = []
    try:
        for ctx in contexts:
            ctx.set_default_timeout(60_000)
            pg = ctx.new_page()
            pg.goto(app_url + "/")
            pages.append(pg)
        yield pages
    finally:
        for ctx in contexts:
            ctx.close()


def test_ten_sessions_each_see_their_own_numbers(sessions):
    wants = [expected_wh_l(p) for p in POROSITY]
    assert len(set(wants)) == N_SESSIONS  # distinct answers, so a mix-up would show
    for pg in sessions:
        pg.locator(WH_L).wait_for()
    for pg, p in zip(sessions, POROSITY):  # every session changes its input before any is read
        set_number(pg, "f_particle__porosity", p)
    for pg, want in zip(sessions, wants):
        pg.wait_for_function(f"document.querySelector('{WH_L}')?.innerText === {json.dumps(want)}", timeout=120_000)
    for pg, p, want in zip(sessions, POROSITY, wants):  # read again once all are done: nothing leaked across
        wait_idle(pg)
        assert pg.locator(WH_L).inner_text() == want
        assert float(pg.locator(".st-key-f_particle__porosity input").input_value()) == p
        assert "Traceback" not in pg.content()


@pytest.fixture
def design_page(page):
    page.locator(WH_L).wait_for()
    wait_idle(page)
    return page


def _upload(pg, path):
    pg.locator(".st-key-spec_upload input[type=file]").set_input_files(str(path))


def test_upload_over_the_limit_is_refused_in_the_page(design_page, tmp_path):
    before = design_page.locator(WH_L).inner_text()
    big = tmp_path / "big.toml"
    big.write_bytes(b"# padding\n" * (MAX_UPLOAD_BYTES // 10 + 1000))
    _upload(design_page, big)
    design_page.get_by_text("must be").first.wait_for()  # Streamlit: "File must be 5.0MB or smaller."
    assert "5" in design_page.locator(".st-key-spec_upload").inner_text()
    wait_idle(design_page)
    assert design_page.locator(WH_L).inner_text() == before and "Traceback" not in design_page.content()


def test_upload_of_another_type_is_refused_in_the_page(design_page, tmp_path):
    before = design_page.locator(WH_L).inner_text()
    txt = tmp_path / "notes.txt"
    txt.write_text("porosity = 0.3\n")
    _upload(design_page, txt)
    design_page.locator(".st-key-spec_upload").get_by_text("not allowed").wait_for()  # "text/plain files are not allowed."
    wait_idle(design_page)
    assert design_page.locator(WH_L).inner_text() == before and "Traceback" not in design_page.content()


@pytest.mark.parametrize("content, words", [
    (bytes(range(256)) * 4, "not a UTF-8 text file"),
    (b"", "empty"),
    (b"[particle\nporosity = = 3\n", "malformed TOML"),
    (b"[particle]\nporsity = 0.3\n", "particle.phases: required field is missing"),
])
def test_upload_named_toml_that_is_not_a_spec_is_refused_in_the_page(design_page, tmp_path, content, words):
    before = design_page.locator(WH_L).inner_text()
    bad = tmp_path / "bad.toml"
    bad.write_bytes(content)
    _upload(design_page, bad)
    shown = design_page.locator(".st-key-design_message").get_by_text(words).first
    shown.wait_for()
    line = shown.inner_text().strip()
    assert line.startswith("error: ") and "\n" not in line, line  # the CLI's one line
    wait_idle(design_page)
    assert design_page.locator(WH_L).inner_text() == before and "Traceback" not in design_page.content()
