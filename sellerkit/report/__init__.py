"""Account health reports: a parameterised notebook rendered to one offline HTML page."""

from sellerkit.report.render import ReportError, render_report, report_notebook

__all__ = ["ReportError", "render_report", "report_notebook"]
