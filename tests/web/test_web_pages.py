"""The page registry and the shared session keys, without a browser (fast)."""

from alloypore.web import design_page, evidence_page, literature_page, model_page, state, studies_page
from alloypore.web.pages import PAGES


def test_every_registered_page_has_a_title_and_a_render_function():
    assert list(PAGES) == ["design", "studies", "evidence", "literature", "model"]  # navigation order, design first
    for path, (title, module) in PAGES.items():
        assert title == path.capitalize() and callable(module.render), path
    assert {m for _, m in PAGES.values()} == {design_page, studies_page, evidence_page, literature_page, model_page}


def test_session_keys_live_in_one_module_and_the_design_page_reexports_them():
    keys = {state.STATE, state.BASELINE, state.PENDING_PARTICLE, state.MESSAGE}
    assert len(keys) == 4  # distinct
    assert (design_page.STATE, design_page.BASELINE, design_page.PENDING_PARTICLE) == (
        state.STATE, state.BASELINE, state.PENDING_PARTICLE)


def test_headline_metrics_take_their_colour_from_the_objectives_table():
    colours = {f"{sec}.{key}": design_page._DELTA_COLOR[design_page.direction(f"{sec}.{key}")]
               for sec, key, _, _ in design_page.HEADLINE}
    # the page's colours before the table existed (higher better: normal; lower: inverse; neither: off)
    assert colours == {
        "particle.capacity_mAh_g": "normal", "particle.volume_expansion_pct": "inverse",
        "electrode.swelling_pct": "inverse", "electrode.thickness_um": "off", "cell.electrolyte_g_Ah": "inverse",
        "cell.energy_density_Wh_kg": "normal", "cell.energy_density_Wh_L": "normal",
        "cell.anode_lithiation_charged": "off",
    }


def test_the_model_page_shows_the_model_page_shipped_with_the_package():
    from alloypore.docs_pages import doc_text

    import inspect

    assert "docs/model.md" not in inspect.getsource(design_page.render)  # no repository path on the page
    assert doc_text("model").startswith("#")  # the shipped Markdown page the Model page renders
