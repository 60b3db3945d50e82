"""JupyterLab for sellerkit, on this machine only and with nothing fetched from the internet:
no news, no update check, no extension-manager look-ups (the notebooks draw their charts
offline themselves)."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

SETTINGS = Path(__file__).resolve().parent / "lab_settings"
"""JupyterLab's default settings for sellerkit (``overrides.json``): never fetch news, never
check for updates — and so never ask about it either."""

OFFLINE = (
    "--ServerApp.ip=127.0.0.1",
    "--LabApp.news_url=None",
    "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    "--LabApp.extension_manager=readonly",
    f"--LabApp.app_settings_dir={SETTINGS}",
)
"""The JupyterLab options that keep it local and offline."""


def lab_command(folder: str | Path, extra: Sequence[str] = ()) -> list[str]:
    """The command that starts JupyterLab offline on ``folder`` (``extra``: more options,
    such as ``--ServerApp.port=8899``)."""
    # Containers and workshop machines often run as root; JupyterLab refuses that unless
    # told, and it only listens on 127.0.0.1 here.
    root = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    return [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--ServerApp.root_dir={Path(folder).resolve()}",
        *OFFLINE,
        *root,
        *extra,
    ]


def start_lab(folder: str | Path, extra: Sequence[str] = ()) -> None:  # pragma: no cover
    """Replace this process by JupyterLab on ``folder`` (it ends with Ctrl-C)."""
    command = lab_command(folder, extra)
    os.execv(command[0], command)
