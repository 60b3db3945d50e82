"""The account report as a PDF, what agencies attach to an e-mail: the report's page laid
out for A4 by WeasyPrint (a kept HTML-and-CSS-to-PDF library), with the report's print CSS
(the account's name and page numbers in the margins, no chart or table row split across
pages, no sliders).

Nothing is fetched: the page is one self-contained file, and any other URL it might name is
refused rather than downloaded.
"""

from __future__ import annotations

import re
from pathlib import Path

from sellerkit._files import write_atomic
from sellerkit.errors import SellerkitError


class PdfError(SellerkitError):
    """The PDF cannot be made on this machine (the library or a system part is missing)."""


def printable(page: str) -> str:
    """The report's page made for paper: every folded section (``<details>``) open."""
    return re.sub(r"<details(?![^>]*\bopen\b)", "<details open", page)


def write_pdf(page: str, output: str | Path) -> Path:
    """Lay out the report's HTML ``page`` as a PDF and write it to ``output`` (atomically).

    Raises
    ------
    PdfError
        WeasyPrint or the Pango library it draws text with is not installed.
    """
    try:
        import weasyprint  # type: ignore[import-untyped]  # ships no stubs, no py.typed
    except (ImportError, OSError) as error:  # OSError: the Pango library is missing
        raise PdfError(
            f"cannot make a PDF on this machine ({type(error).__name__}: "
            f"{str(error).splitlines()[0][:120]}). Fix: pip install weasyprint, and install "
            "the Pango library (Debian/Ubuntu: apt-get install libpango-1.0-0 "
            "libpangoft2-1.0-0; macOS: brew install pango)"
        ) from None
    from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]  # no stubs

    # data: URLs only (the page's pictures): anything else is refused, never downloaded.
    offline = URLFetcher(allowed_protocols={"data"})
    document = weasyprint.HTML(string=printable(page), url_fetcher=offline)
    data = document.write_pdf()
    output = Path(output)
    write_atomic(output, data)
    return output
