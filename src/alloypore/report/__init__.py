"""Reports: HTML pages with embedded PNG plots (a face: presents results, no physics)."""

from alloypore.report.design import design_figures, write_design_report

__all__ = ["design_figures", "write_design_report"]
