"""The parse cache of large downloads (sellerkit.io.cache): same tables, never stale, never
in the account folder, never holding buyer data, never hiding a bad file."""

from __future__ import annotations

import os

import pandas as pd
import pytest

import sellerkit
from sellerkit.errors import InputError
from sellerkit.io import cache, readers
from tests.conftest import order, tree_fingerprint, tsv


@pytest.fixture
def small_files_cached(monkeypatch, tmp_path):
    """Cache every file (test files are small) in a folder of this test."""
    monkeypatch.setattr(cache, "MIN_BYTES", 0)
    monkeypatch.delenv("SELLERKIT_CACHE", raising=False)
    folder = tmp_path / "cache"
    monkeypatch.setenv("SELLERKIT_CACHE_DIR", str(folder))
    return folder


def _orders(n: int, **cells: str) -> str:
    return tsv([order(i, **cells) for i in range(1, n + 1)])


def _refuse_parsing(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("parsed although the cache holds this file")

    monkeypatch.setattr("sellerkit.io.read_files.read_arrow", refuse)


def test_a_second_load_reads_the_cached_tables(account_dir, small_files_cached, monkeypatch):
    folder = account_dir({"o.txt": _orders(5)})
    first = sellerkit.load_account(folder, warn=False)
    assert len(list(small_files_cached.glob("*.arrow"))) == 1
    _refuse_parsing(monkeypatch)
    second = sellerkit.load_account(folder, warn=False)
    pd.testing.assert_frame_equal(first.order_items, second.order_items)
    assert second.files["encoding"].tolist() == ["utf-8"]


def test_a_changed_file_is_read_again(account_dir, small_files_cached):
    folder = account_dir({"o.txt": _orders(5)})
    assert len(sellerkit.load_account(folder, warn=False).orders) == 5
    path = folder / "o.txt"
    stat = path.stat()
    path.write_text(_orders(5, quantity="7"))  # same size, same name
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # even the same mtime
    assert sellerkit.load_account(folder, warn=False).orders["quantity"].tolist() == [7] * 5


def test_the_cache_is_not_in_the_account_folder_and_leaves_it_as_it_was(
    account_dir, small_files_cached
):
    folder = account_dir({"o.txt": _orders(3)})
    before = tree_fingerprint(folder)
    sellerkit.load_account(folder, warn=False)
    sellerkit.load_account(folder, warn=False)
    assert tree_fingerprint(folder) == before


def test_a_cached_table_holds_no_buyer_data(account_dir, small_files_cached):
    folder = account_dir({"o.txt": _orders(3)})
    sellerkit.load_account(folder, warn=False)
    (stored,) = small_files_cached.glob("*.arrow")
    data = stored.read_bytes()
    assert b"Springfield" not in data  # ship-city
    assert b"90210" not in data  # ship-postal-code


def test_a_bad_file_is_never_cached_and_fails_every_time(account_dir, small_files_cached):
    folder = account_dir({"o.txt": _orders(2, purchase_date="yesterday")})
    for _ in range(2):
        with pytest.raises(InputError, match="purchase-date"):
            sellerkit.load_account(folder, warn=False)
    assert not list(small_files_cached.glob("*.arrow"))


def test_turned_off_parses_every_time(account_dir, small_files_cached, monkeypatch):
    folder = account_dir({"o.txt": _orders(2)})
    monkeypatch.setenv("SELLERKIT_CACHE", "off")
    sellerkit.load_account(folder, warn=False)
    assert not small_files_cached.exists() or not list(small_files_cached.glob("*.arrow"))
    monkeypatch.delenv("SELLERKIT_CACHE")
    sellerkit.load_account(folder, warn=False, cache=False)
    assert not small_files_cached.exists() or not list(small_files_cached.glob("*.arrow"))


def test_an_unwritable_or_broken_cache_is_passed_over(account_dir, monkeypatch, tmp_path):
    monkeypatch.setattr(cache, "MIN_BYTES", 0)
    monkeypatch.delenv("SELLERKIT_CACHE", raising=False)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("SELLERKIT_CACHE_DIR", str(blocker / "cache"))
    folder = account_dir({"o.txt": _orders(2)})
    assert len(sellerkit.load_account(folder, warn=False).orders) == 2
    good = tmp_path / "cache"
    monkeypatch.setenv("SELLERKIT_CACHE_DIR", str(good))
    sellerkit.load_account(folder, warn=False)
    (stored,) = good.glob("*.arrow")
    stored.write_bytes(b"not arrow")  # damaged: parsed again
    assert len(sellerkit.load_account(folder, warn=False).orders) == 2


def test_the_folder_is_trimmed_to_its_limit(account_dir, small_files_cached, monkeypatch):
    monkeypatch.setattr(cache, "MAX_BYTES", 1)
    folder = account_dir({"a.txt": _orders(2), "b.txt": _orders(3)})
    sellerkit.load_account(folder, warn=False)
    assert len(list(small_files_cached.glob("*.arrow"))) <= 1


def test_reader_code_is_part_of_the_key(account_dir, small_files_cached, monkeypatch):
    folder = account_dir({"o.txt": _orders(2)})
    sellerkit.load_account(folder, warn=False)
    monkeypatch.setattr(cache, "_code_digest", "another reader")
    monkeypatch.setattr("sellerkit.io.load_cache._code_digest", "another reader")
    calls = []
    real = readers.read_arrow

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr("sellerkit.io.read_files.read_arrow", counting)
    sellerkit.load_account(folder, warn=False)
    assert calls == [1]
