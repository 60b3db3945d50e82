"""The account report: one offline HTML page, no code, no buyer data, a banner on failure."""

from __future__ import annotations

import contextlib
import io
import re

import pytest

import sellerkit
from sellerkit import charts, datasets
from sellerkit.cli import main
from sellerkit.errors import InputError
from sellerkit.report import ReportError, render_report

EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.IGNORECASE)


@pytest.fixture(scope="module")
def cli_run(tmp_path_factory):
    """``sellerkit report growing-brand -o report.html --pdf -p brand "Acme Agency"``, run
    once for the module:
    its exit status, what it printed, and the page (the PDF beside it)."""
    path = tmp_path_factory.mktemp("report") / "report.html"
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        status = main(
            [
                "report",
                str(datasets.sample_path("growing-brand")),
                "-o",
                str(path),
                "--pdf",
                "-p",
                "brand",
                "Acme Agency",
            ]
        )
    return status, printed.getvalue(), path


@pytest.fixture(scope="module")
def rendered(cli_run):
    """The growing-brand sample's page and its PDF, from one run of the notebook."""
    return cli_run[2]


@pytest.fixture(scope="module")
def report(rendered):
    return rendered.read_text(encoding="utf-8")


def visible_text(page: str) -> str:
    """What a reader sees: the page without scripts, styles and tags."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page, "html.parser")
    for hidden in soup(["script", "style", "title"]):
        hidden.decompose()
    return " ".join(soup.get_text(" ").split())


def test_no_machine_name_or_raw_number_reaches_the_reader(report):
    text = visible_text(report)
    assert not re.findall(r"\b[a-z]+(?:_[a-z0-9]+)+\b", text)  # snake_case
    assert not re.findall(r"\b\d+\.\d{4,}\b", text)  # 0.016245
    assert not re.findall(r"\b(?:nan|NaN|None|NaT|inf)\b", text)


def test_the_first_screen_has_a_card_per_metric_with_status_in_words(report):
    text = visible_text(report)
    first = text[: text.index("Next steps")]
    for title in (
        "Order Defect Rate (seller-fulfilled)",
        "Late Shipment Rate (10 days)",
        "Valid Tracking Rate",
        "Unit On-Time Delivery Rate",
    ):
        assert title in first
    assert "✗ Past target 1.6 % 9 of 554 orders" in first
    assert "✓ Meets target 97.3 % 287 of 295 packages" in first
    assert report.count('class="sk-card ') == 8
    assert len(re.findall(r'<svg aria-label="95 % interval [^"]+" class="sk-bar"', report)) == 8
    assert "How to read this report" in text


def test_the_pdf_carries_the_reports_text(rendered):
    from pypdf import PdfReader

    pdf = rendered.with_suffix(".pdf")
    assert pdf.read_bytes().startswith(b"%PDF-")
    reader = PdfReader(pdf)
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert len(reader.pages) >= 3
    for expected in (
        "Account health: Northwind Home",
        "Order Defect Rate (seller-fulfilled)",
        "1.6 %",
        "9 of 554 orders",
        "Next steps",
        "When each defect leaves the window",
        f"Page 1 of {len(reader.pages)}",
    ):
        assert expected in text
    assert not re.search(r"\b\d{3}-\d{7}-\d{7}\b", text)  # ids redacted in print too


def test_the_report_holds_every_section(report):
    assert "Account health: Northwind Home" in visible_text(report)
    for heading in (
        "Status",
        "History",
        "What stands out",
        "When each defect leaves the window",
        "Dilution",
        "Data quality",
        "What each figure was computed from",
        "Amazon&#39;s report and sellerkit",
        "forbids offering a buyer",
    ):
        assert heading in report or heading.replace("&#39;", "'") in report
    assert "NW-002" in report
    assert "SwiftPost" in report
    assert report.count("jp-RenderedSVG") >= 4


def test_the_report_shows_the_reconciliation_and_amazons_own_figures(report):
    page = report.replace("&#39;", "'")
    assert "sellerkit matches Amazon's report on all 20 fields compared in 7 entries" in page
    assert "As Amazon's report shows them (sellerkit does not compute these)" in page
    assert "Account status: At risk (AT_RISK)" in page
    assert "Account Health Rating: Great (GREAT)" in page


def test_the_report_is_one_offline_page_without_code(report):
    assert not EXTERNAL.search(report)
    assert "<script src" not in report
    assert "import sellerkit" not in report  # no code cells
    assert "cdnjs" not in report
    assert "unpkg" not in report
    assert "jsdelivr" not in report


def test_the_report_shows_no_buyer_data_and_masks_order_ids(report):
    assert "@marketplace.amazon.com" not in report
    assert "Springfield" not in report
    assert re.search(r"\d{3}-XXXXXXX-\d{3}", report)


@pytest.mark.slow
def test_every_sample_report_is_clean(tmp_path):
    for name in ["small-seller", "jp-seller", "portfolio/evergreen-tea"]:
        path = render_report(
            datasets.sample_path(name), tmp_path / f"{name.replace('/', '-')}.html"
        )
        text = path.read_text(encoding="utf-8")
        assert not EXTERNAL.search(text)
        assert "@marketplace.amazon.com" not in text
        assert 'class="sellerkit-banner"' not in text


@pytest.mark.slow
def test_a_failing_report_still_writes_its_page_with_a_banner(tmp_path):
    """A step that fails inside the notebook (bad days are refused before it runs, so the
    step raises an input error itself) still writes the page, with a banner naming it."""
    path = tmp_path / "broken.html"
    source = _notebook(
        tmp_path,
        "import sellerkit\nraise sellerkit.InputError('as-of is not a date:', value='x')",
    )
    with pytest.raises(ReportError, match="the report failed"):
        render_report(datasets.sample_path("small-seller"), path, notebook=source)
    text = path.read_text(encoding="utf-8")
    assert 'class="sellerkit-banner"' in text
    assert "This report is incomplete" in text
    assert "InputError" in text


def test_the_cli_renders_and_fails_cleanly(cli_run, tmp_path, capsys):
    status, printed, page = cli_run
    assert status == 0
    assert str(page) in printed
    assert str(page.with_suffix(".pdf")) in printed
    assert "Acme Agency" in page.read_text(encoding="utf-8")  # a -p parameter reached the page
    out = tmp_path / "r.html"
    assert main(["report", str(tmp_path / "missing"), "-o", str(out)]) == 2
    assert capsys.readouterr().err.startswith("error: ")
    assert not out.exists()
    assert sellerkit.report.report_notebook().name == "account_report.ipynb"


def test_redaction_masks_order_ids_everywhere(report):
    # every Amazon order id in the page has its middle block masked
    assert not re.search(r"\b\d{3}-\d{7}-\d{7}\b", report)


@pytest.mark.slow
def test_live_charts_carry_the_vega_libraries_once_and_fetch_nothing(tmp_path, report):
    path = render_report(
        datasets.sample_path("growing-brand"),
        tmp_path / "live.html",
        parameters={"live_charts": True},
    )
    live = path.read_text(encoding="utf-8")
    assert live.count("sellerkit-chart-") >= 4
    bundle = charts.vega_bundle()
    assert live.count(bundle[-2000:].replace("</script", "<\\/script")) == 1  # libraries once
    assert "new orders&#39; defect rate" in live or "new orders' defect rate" in live
    assert not EXTERNAL.search(live)
    assert report.count('class="sellerkit-chart"') == 1  # by default only the sliders' chart
    assert report.count(bundle[-2000:].replace("</script", "<\\/script")) == 1


def test_static_charts_carry_their_titles_as_alt_text(report):
    alts = re.findall(r'<img [^>]*alt="([^"]*)"', report)
    assert len(alts) == 3
    assert "Order Defect Rate, day by day" in alts
    assert "No description has been provided" not in report


def _notebook(folder, code: str, markdown: str = ""):
    """A notebook of one code cell (and a heading after it) for render_report."""
    import nbformat

    cells = [nbformat.v4.new_code_cell(code)]
    if markdown:
        cells.append(nbformat.v4.new_markdown_cell(markdown))
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    source = folder / "notebook.ipynb"
    nbformat.write(notebook, source)
    return source


@pytest.mark.slow
def test_a_chart_that_cannot_be_drawn_gives_a_banner_not_a_network_request(tmp_path):
    source = _notebook(
        tmp_path,
        "import altair as alt\nfrom sellerkit import charts\n"
        "charts.enable('svg', deferred=True)\n"
        "alt.Chart('https://example.com/data.csv').mark_bar().encode(x='a:Q')",
        "## After the chart",
    )
    path = tmp_path / "chart.html"
    with pytest.raises(ReportError, match="a chart could not be drawn"):
        render_report(datasets.sample_path("small-seller"), path, notebook=source)
    text = path.read_text(encoding="utf-8")
    assert "This chart could not be drawn" in text
    assert "External data url not allowed" in text
    assert "After the chart" in text


def test_the_kernel_talks_over_unix_sockets_not_tcp(tmp_path):
    source = _notebook(
        tmp_path,
        "from ipykernel.kernelapp import IPKernelApp\n"
        "print('transport:', IPKernelApp.instance().transport)",
    )
    page = render_report(datasets.sample_path("small-seller"), tmp_path / "t.html", notebook=source)
    assert "transport: ipc" in page.read_text(encoding="utf-8")


def test_an_unknown_or_mistyped_report_parameter_stops_before_rendering(tmp_path, capsys):
    """A typo (`brand_color`) is an error listing the known names, as papermill users
    expect; nothing is rendered or written."""
    out = tmp_path / "r.html"
    sample = str(datasets.sample_path("small-seller"))
    assert main(["report", sample, "-o", str(out), "-p", "brand_color", "red"]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert "'brand_color'" in error
    assert "brand_colour" in error
    assert "history_days" in error
    assert main(["report", sample, "-o", str(out), "-p", "history_days", "lots"]) == 2
    error = capsys.readouterr().err
    assert "'history_days' must be a whole number: 'lots'" in error
    assert main(["report", sample, "-o", str(out), "-p", "account_path", "/etc"]) == 2
    assert "unknown report parameter" in capsys.readouterr().err
    assert not out.exists()
    with pytest.raises(InputError, match="redact"):
        render_report(sample, out, parameters={"redact": "perhaps"})
    assert not out.exists()


def test_report_parameters_are_read_from_the_notebook_and_typed():
    from sellerkit.report.parameters import INTERNAL, check_parameters, notebook_parameters

    declared = notebook_parameters(sellerkit.report.report_notebook())
    assert declared["brand_colour"].default == "#0969da"
    assert declared["brand_colour"].help == "colour of the title bar (an agency's brand), #rrggbb"
    assert (declared["history_days"].type, declared["history_days"].default) == ("int", 180)
    checked = check_parameters(
        {"redact": "false", "history_days": "30", "title": "2026"},
        sellerkit.report.report_notebook(),
        internal=INTERNAL,
    )
    assert checked == {"redact": False, "history_days": 30, "title": "2026"}


def test_batch_refuses_an_unknown_parameter_before_rendering(tmp_path, capsys):
    out = tmp_path / "portfolio"
    root = str(datasets.sample_path("portfolio/acme-outdoors").parent)
    assert main(["batch", root, "-o", str(out), "-p", "colour", "red", "--quiet"]) == 2
    assert "unknown report parameter: 'colour'" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.slow
def test_a_folder_with_only_the_all_orders_report_gets_a_whole_report(account_dir, tmp_path):
    """The README asks only for the All Orders report: its report renders every section
    (the breakdowns by carrier, ship method and handling time once failed on the empty
    shipments table and left a page without metric cards)."""
    from tests.conftest import order, tsv

    rows = [
        order(n, purchase_date=f"2026-10-{n:02d}T10:00:00+00:00", order_status="Shipped")
        for n in range(1, 21)
    ]
    folder = account_dir({"orders.txt": tsv(rows)})
    page = tmp_path / "only-orders.html"
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["report", str(folder), "-o", str(page), "--as-of", "2026-10-31"]) == 0
    text = page.read_text(encoding="utf-8")
    assert 'class="sellerkit-banner"' not in text
    assert "Order Defect Rate" in text
