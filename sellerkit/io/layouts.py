"""Every file kind sellerkit reads, declared as data: columns, types, choices, keys.

The readers interpret these declarations; no reader hard-codes a column name of its own.
The vocabulary (:class:`~sellerkit.io.schema.Layout` and its parts) is in
:mod:`sellerkit.io.schema`; the account's own tables are declared in
:mod:`sellerkit.io.layouts_canonical`, the real downloads that feed them in
:mod:`sellerkit.io.layouts_real`. This module gathers them.
"""

from __future__ import annotations

from collections.abc import Iterable

from sellerkit.io.layouts_canonical import CANONICAL_LAYOUTS
from sellerkit.io.layouts_real import REAL_LAYOUTS
from sellerkit.io.schema import Kind, Layout

TABLE_LAYOUTS: tuple[Layout, ...] = (*CANONICAL_LAYOUTS, *REAL_LAYOUTS)
"""Every tabular layout. A header matching several is the one with most identifying
columns (the Amazon Fulfilled Shipments report also has the All Orders report's three)."""

LAYOUTS: dict[Kind, Layout] = {layout.kind: layout for layout in TABLE_LAYOUTS}


def kinds_present(file_kinds: Iterable[str]) -> frozenset[str]:
    """The kinds of data an account holds: its files' kinds and the tables they feed.

    An MFN Order Report feeds the shipments and cancellations tables, so an account with
    one has shipments data although it has no shipments CSV.
    """
    kinds = set(file_kinds)
    for layout in TABLE_LAYOUTS:
        if layout.kind in kinds:
            kinds.update(str(k) for k in layout.feeds)
    return frozenset(str(k) for k in kinds)


LOCALIZED_HEADERS: dict[str, tuple[str, ...]] = {
    # Feedback and order header words as Seller Central writes them in other languages. Two
    # of them reveal a translated header; the exact wording varies, so a translated feedback
    # header is read by its column order (Layout.positional), never by these words.
    "German": (
        "datum",
        "bewertung",
        "kommentare",
        "ihre antwort",
        "bestellnummer",
        "bestell-id",
    ),
    "French": (
        "évaluation",
        "commentaires",
        "votre réponse",
        "numéro de commande",
    ),
    "Italian": (
        "data",
        "valutazione",
        "commenti",
        "la tua risposta",
        "numero ordine",
        "id ordine",
    ),
    "Spanish": (
        "fecha",
        "calificación",
        "valoración",
        "comentarios",
        "tu respuesta",
        "número de pedido",
        "id. del pedido",
    ),
    "Japanese": ("日付", "評価", "コメント", "返信", "注文番号"),
}
"""Header words that reveal a localized report, so it is reported as such, not as unknown."""
