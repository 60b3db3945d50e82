"""Interactive explorers for JupyterLab (ipywidgets).

In JupyterLab the controls recompute the projection and redraw the chart and the headline
figures live. In a static or batch render (papermill, exported HTML) widgets cannot run, so
the explorer shows the default scenario and says where the controls live, instead of
leaving dead sliders on the page.
"""

from __future__ import annotations

import functools
import html
from dataclasses import dataclass, field
from datetime import date

import ipywidgets as widgets  # type: ignore[import-untyped]  # ships no stubs, no py.typed

from sellerkit import charts
from sellerkit.account import Account
from sellerkit.causes.basis import Basis
from sellerkit.metrics.health import health
from sellerkit.present import percent
from sellerkit.simulate import VolumePlan, orders_needed, project
from sellerkit.simulate.projection import Projection
from sellerkit.vocabulary import Channel, MetricKey

STATIC_NOTE = (
    "This page shows the default scenario. Open the notebook in JupyterLab to move the "
    "sliders: extra orders a day, a change in volume, the new orders' defect rate and the "
    "horizon."
)


NEAR_DAYS = 30
"""The headline also gives the projection this many days ahead: the figure the extra orders
move first (at the horizon, defects have often left the window whatever the plan)."""


@dataclass
class Scenario:
    """The explorer's settings."""

    extra_per_day: float = 0.0
    change: float = 0.0
    defect_rate: float | None = None  # None: the account's own propensity
    horizon: int = 120


@dataclass(eq=False)
class DilutionExplorer:
    """The dilution explorer's state: an account, a scenario and its latest projection."""

    account: Account
    channel: str = Channel.MFN
    as_of: date | str | None = None
    paths: int = 2_000
    seed: int = 0
    scenario: Scenario = field(default_factory=Scenario)
    projection: Projection | None = None

    def run(self, **changes: float | None) -> Projection:
        """Apply ``changes`` to the scenario and project again."""
        for name, value in changes.items():
            if not hasattr(self.scenario, name):
                raise TypeError(f"unknown scenario setting {name!r}")
            setattr(self.scenario, name, value)
        plan = VolumePlan(
            extra_per_day=self.scenario.extra_per_day,
            change=self.scenario.change,
            defect_rate=self.scenario.defect_rate,
        )
        self.projection = project(
            self.account,
            self.channel,
            plan,
            as_of=self.as_of,
            horizon=int(self.scenario.horizon),
            paths=self.paths,
            seed=self.seed,
        )
        return self.projection

    def headline(self) -> str:
        """The figures of the latest projection as HTML."""
        projection = self.projection or self.run()
        last = projection.daily.iloc[-1]
        rate = health(self.account, projection.as_of).rate(
            MetricKey.ORDER_DEFECT_RATE, self.channel
        )
        assumed = self.scenario.defect_rate
        own = assumed is None
        new_rate = projection.propensity.mean if assumed is None else assumed
        needed = orders_needed(rate, new_rate=new_rate)
        clean = orders_needed(rate)
        source = "the account's own" if own else "the assumed"
        back = (
            f"back under target on <b>{projection.back_under_target}</b> (median)"
            if projection.back_under_target
            else "<b>not back under target</b> within the horizon (median)"
        )
        near = ""
        if len(projection.daily) > NEAR_DAYS:
            soon = projection.daily.iloc[NEAR_DAYS - 1]
            near = (
                f"In {NEAR_DAYS} days: median <b>{percent(soon.rate_p50)}</b>, 80 % of paths "
                f"{percent(soon.rate_p10)}–{percent(soon.rate_p90)}.<br>"
            )
        return (
            f"<div class='sellerkit-headline'>Now: {html.escape(rate.describe())}<br>{near}"
            f"In {len(projection.daily)} days: median <b>{percent(last.rate_p50)}</b>, 80 % of "
            f"paths {percent(last.rate_p10)}–{percent(last.rate_p90)}; "
            f"{percent(last.p_under_target)} chance of being under target; {back}.<br>"
            f"Closed form, new orders at {source} defect rate ({percent(new_rate)}): "
            f"{html.escape(needed.explanation)}; defect-free: "
            f"{html.escape(clean.explanation)}.</div>"
        )

    def svg(self) -> str:
        """The latest projection's chart as SVG (drawn offline)."""
        projection = self.projection or self.run()
        return charts.draw_svg(charts.projection_chart(projection))

    def widget(self) -> widgets.VBox:
        """Sliders, headline and chart, wired to recompute on every change."""
        projection = self.projection or self.run()
        baseline = projection.baseline
        extra = widgets.FloatSlider(
            value=self.scenario.extra_per_day,
            min=0,
            max=max(20.0, round(3 * baseline)),
            step=1,
            description="extra orders/day",
            style={"description_width": "initial"},
        )
        change = widgets.FloatSlider(
            value=self.scenario.change,
            min=-0.8,
            max=1.0,
            step=0.05,
            description="volume change",
            readout_format=".0%",
            style={"description_width": "initial"},
        )
        own = widgets.Checkbox(
            value=self.scenario.defect_rate is None,
            description="new orders: the account's own defect rate",
        )
        rate = widgets.FloatSlider(
            value=self.scenario.defect_rate or 0.0,
            min=0,
            max=0.03,
            step=0.001,
            readout_format=".1%",
            description="new orders' defect rate",
            disabled=self.scenario.defect_rate is None,
            style={"description_width": "initial"},
        )
        horizon = widgets.IntSlider(
            value=int(self.scenario.horizon),
            min=30,
            max=180,
            step=10,
            description="days ahead",
            style={"description_width": "initial"},
        )
        headline = widgets.HTML(self.headline())
        picture = widgets.HTML(self.svg())  # inline SVG: drawn offline, no display hook

        def update(_: object = None) -> None:
            rate.disabled = own.value
            self.run(
                extra_per_day=extra.value,
                change=change.value,
                defect_rate=None if own.value else rate.value,
                horizon=horizon.value,
            )
            headline.value = self.headline()
            picture.value = self.svg()

        for control in (extra, change, own, rate, horizon):
            control.observe(update, names="value")
        controls = widgets.VBox([extra, change, widgets.HBox([own, rate]), horizon])
        box = widgets.VBox([controls, headline, picture])
        box.update = update  # type: ignore[attr-defined]  # for tests and scripted use
        return box


class StaticView:
    """What a static page shows instead of the controls: default scenario and a note."""

    def __init__(self, explorer: DilutionExplorer) -> None:
        self.explorer = explorer

    def _repr_html_(self) -> str:
        return (
            f"{self.explorer.headline()}<div>{self.explorer.svg()}</div>"
            f"<p class='sellerkit-note'><i>{html.escape(STATIC_NOTE)}</i></p>"
        )


def dilution_explorer(
    account: Account,
    channel: str = Channel.MFN,
    *,
    as_of: date | str | None = None,
    interactive: bool = True,
    paths: int = 2_000,
    seed: int = 0,
) -> widgets.VBox | StaticView:
    """A dilution explorer: extra orders a day, volume change, new orders' defect rate and
    horizon, with the projected ODR chart and headline figures.

    Parameters
    ----------
    interactive
        True in JupyterLab (live controls); False for papermill, batch reports and
        exported pages (the default scenario with a note).
    """
    explorer = DilutionExplorer(account, channel, as_of, paths, seed)
    explorer.run()
    return explorer.widget() if interactive else StaticView(explorer)


CAUSES_NOTE = (
    "This page shows one breakdown. Open the notebook in JupyterLab to pick any metric and "
    "dimension."
)


@dataclass(eq=False)
class CauseExplorer:
    """A metric × dimension breakdown with its funnel plot, for the picker."""

    account: Account
    as_of: date | str | None = None
    days: int = 365

    @functools.cached_property
    def basis(self) -> Basis:
        """The account's facts and codes, derived once for every pick of this explorer (the
        tables as they were when it was opened: open another after editing them)."""
        from sellerkit.causes import basis

        return basis(self.account, self.as_of)

    def view(self, metric: str, dimension: str) -> tuple[str, str]:
        """(table HTML, funnel SVG) of one breakdown."""
        from sellerkit.causes import breakdown
        from sellerkit.causes.breakdown import STATISTICS

        result = breakdown(self.account, metric, dimension, days=self.days, basis=self.basis)
        columns = [dimension, *(c for c in STATISTICS if c != "p_value")]
        table = (
            result.table[columns]
            .head(15)
            .to_html(index=False, float_format=lambda v: f"{v:.4f}", border=0)
        )
        head = html.escape(str(result).splitlines()[0])
        svg = charts.draw_svg(charts.funnel_chart(result))
        return f"<p>{head}</p>{table}", svg


def cause_explorer(
    account: Account,
    metric: str = MetricKey.ORDER_DEFECT_RATE,
    dimension: str = "sku",
    *,
    as_of: date | str | None = None,
    days: int = 365,
    interactive: bool = True,
) -> widgets.VBox | StaticView:
    """Pick a metric and a dimension; see the breakdown and its funnel plot. In a static or
    batch render: the chosen breakdown with a note instead of dead controls."""
    from sellerkit.causes import DEFAULT_PLAN, DIMENSIONS

    explorer = CauseExplorer(account, as_of, days)
    table, svg = explorer.view(metric, dimension)
    if not interactive:
        return _StaticHTML(f"{table}<div>{svg}</div><p><i>{html.escape(CAUSES_NOTE)}</i></p>")
    metrics = widgets.Dropdown(options=list(DEFAULT_PLAN), value=metric, description="metric")
    dimensions = widgets.Dropdown(options=list(DIMENSIONS), value=dimension, description="by")
    shown, picture = widgets.HTML(table), widgets.HTML(svg)

    def update(_: object = None) -> None:
        shown.value, picture.value = explorer.view(metrics.value, dimensions.value)

    metrics.observe(update, names="value")
    dimensions.observe(update, names="value")
    box = widgets.VBox([widgets.HBox([metrics, dimensions]), shown, picture])
    box.update = update  # type: ignore[attr-defined]
    return box


class _StaticHTML:
    """Finished HTML for static pages."""

    def __init__(self, markup: str) -> None:
        self.markup = markup

    def _repr_html_(self) -> str:
        return self.markup
