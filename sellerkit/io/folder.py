"""An account folder's files: the folder checked, its files listed and recognised.

Files are recognised by their header (:mod:`sellerkit.io.sniff`), not their name. Until the
marketplace is known a legacy encoding is a guess, so the files are sniffed once with the
marketplace the caller or ``account.toml`` gives, and again once it is chosen. Nothing here
reads a whole file, and nothing modifies one.
"""

from __future__ import annotations

from pathlib import Path

from sellerkit.errors import AccountError
from sellerkit.io.config import CONFIG_NAME
from sellerkit.io.layouts import LAYOUTS
from sellerkit.io.schema import Kind
from sellerkit.io.sniff import Sniffed, sniff
from sellerkit.marketplaces import Marketplace
from sellerkit.quality import DataQuality

IGNORED_NAMES = frozenset({".ds_store", "thumbs.db", "desktop.ini", CONFIG_NAME})
"""File names (lower case) that are never an account's download."""


def list_files(folder: Path, quality: DataQuality) -> list[Path]:
    """The folder's files, by name: hidden, temporary and system files and ``account.toml``
    left out; a sub-folder is left out with a note."""
    files = []
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.startswith((".", "~$")) or entry.name.lower() in IGNORED_NAMES:
            continue
        if entry.is_dir():
            quality.notes.append(f"sub-folder {entry.name}/ ignored: an account is one folder")
            continue
        files.append(entry)
    return files


def sniff_files(
    files: list[Path], declared: str | None, given: Marketplace | None
) -> list[Sniffed]:
    """Each file recognised by its header, decoded with the ``declared`` encoding or the
    ``given`` marketplace's legacy one (a guess when no marketplace is given)."""
    legacy = given.legacy_encoding if given else None
    return [sniff(file, declared=declared, legacy=legacy) for file in files]


def orders_reports(candidates: list[Sniffed], folder: Path) -> list[Sniffed]:
    """The All Orders reports among ``candidates``; raises
    :class:`~sellerkit.errors.AccountError` (naming the skipped files) when there is none."""
    orders = [s for s in candidates if s.kind is Kind.ORDERS]
    if orders:
        return orders
    skipped = "; ".join(
        f"{s.path.name}: {s.reason or 'not recognised'}" for s in candidates if s.kind is None
    )
    raise AccountError(
        "holds no All Orders report" + (f" (skipped {skipped})" if skipped else ""),
        file=folder,
        expected="at least one tab-delimited All Orders report",
        fix=LAYOUTS[Kind.ORDERS].how_to_get + " and put it in this folder",
    )


def sniff_again(found: Sniffed, market: Marketplace, declared: str | None) -> Sniffed:
    """``found`` decoded with the marketplace's legacy encoding, if it was guessed otherwise."""
    if found.guessed and found.encoding != market.legacy_encoding:
        return sniff(found.path, declared=declared, legacy=market.legacy_encoding)
    return found


def recognised(
    candidates: list[Sniffed], market: Marketplace, declared: str | None, quality: DataQuality
) -> list[Sniffed]:
    """The files of a known kind, sniffed again with ``market``'s legacy encoding where it
    was guessed; the others go to ``quality.unrecognised_files``, and a translated header
    read by its column order gets a note."""
    kept: list[Sniffed] = []
    for candidate in candidates:
        found = sniff_again(candidate, market, declared)
        if found.kind is None:
            quality.unrecognised_files.append((found.path.name, found.reason or "not recognised"))
            continue
        kept.append(found)
        if found.language:
            quality.notes.append(
                f"{found.path.name}: {found.language} read by its column order as "
                f"the {LAYOUTS[found.kind].title}'s ({', '.join(found.columns)})"
            )
    return kept
