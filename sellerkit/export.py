"""Write an account's clean tables as CSV that is safe to open in a spreadsheet.

Text cells that begin with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would run
as formulas in Excel, LibreOffice or Google Sheets (CSV injection). They are written with a
leading ``'``, which spreadsheets show as text. Numeric columns are written as numbers, so a
negative discount stays ``-1.5``. Files are written atomically and never into the account
folder.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from sellerkit._files import atomic_open, refuse_inside
from sellerkit.account import TABLES, Account
from sellerkit.errors import InputError
from sellerkit.io.scrub import FREE_TEXT, scrub

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralize_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells cannot run as spreadsheet formulas; numbers unchanged."""
    out = frame.copy()
    for name in out.columns:
        column = out[name]
        if not (
            pd.api.types.is_string_dtype(column) or isinstance(column.dtype, pd.CategoricalDtype)
        ):
            continue
        text = column.astype("string")
        risky = text.str.startswith(FORMULA_START, na=False)
        if risky.any():
            out[name] = text.mask(risky, "'" + text)
    return out


def mask_contacts(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with buyers' contact details, addresses and cued names in its free-text
    columns masked by :func:`sellerkit.io.scrub.scrub` (a copy; the input is not changed).
    Tables are scrubbed as they are read; this keeps an export safe for any frame."""
    columns = [c for c in sorted(FREE_TEXT) if c in frame.columns]
    if not columns:
        return frame
    out = frame.copy()
    for column in columns:
        out[column] = out[column].astype("string").map(scrub, na_action="ignore")
    return out


def export_tables(account: Account, out_dir: Path, *, overwrite: bool = False) -> list[Path]:
    """Write every table of ``account`` to ``out_dir/<table>.csv``; return the paths.

    Raises
    ------
    InputError
        ``out_dir`` is the account's folder or inside it, or a file exists and
        ``overwrite`` is false.
    """
    out_dir = Path(out_dir)
    refuse_inside(out_dir, account.path, fix="choose another output folder")
    out_dir.mkdir(parents=True, exist_ok=True)
    targets = [out_dir / f"{name}.csv" for name in TABLES]
    existing = [t for t in targets if t.exists()]
    if existing and not overwrite:
        raise InputError(
            "already holds",
            file=out_dir,
            value=existing[0].name,
            fix="choose an empty folder or pass --force to replace the files",
        )
    for name, target in zip(TABLES, targets, strict=True):
        with atomic_open(target, newline="") as stream:
            neutralize_formulas(mask_contacts(account.table(name))).to_csv(
                stream, index=False, date_format="%Y-%m-%d %H:%M:%S%z"
            )
    return targets
