"""Web fixtures: a store built record by record, the real ASGI app, and (for browser tests)
a uvicorn server in a thread on 127.0.0.1 with Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_builders import Ids, build_store

from recoupe.settings import load_settings
from recoupe.web import create_app

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Ids]:
    """A read-mostly store shared by the page tests (nobody reviews in it)."""
    path = tmp_path_factory.mktemp("web") / "web.db"
    return path, build_store(path, extra_stories=7)


@pytest.fixture(scope="session")
def ids(built: tuple[Path, Ids]) -> Ids:
    return built[1]


@pytest.fixture(scope="session")
def client(built: tuple[Path, Ids]) -> Iterator[TestClient]:
    with TestClient(create_app(built[0], load_settings())) as test_client:
        yield test_client


@pytest.fixture()
def fresh(tmp_path: Path) -> tuple[Path, Ids]:
    """A small store of its own, for tests that write reviews."""
    path = tmp_path / "fresh.db"
    return path, build_store(path, big_chars=1000)


def _free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Ids]]:
    """The app served by uvicorn in a thread on a free loopback port; yields (base URL, ids)."""
    import uvicorn

    path = tmp_path_factory.mktemp("live") / "live.db"
    store_ids = build_store(path, big_chars=300_000)
    sock = _free_socket()
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(path, load_settings()), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}", store_ids
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


def chromium_or_skip() -> str:
    """Debian's chromium: missing fails under CI=true, skips elsewhere."""
    found = CHROMIUM if CHROMIUM.exists() else (Path(p) if (p := shutil.which("chromium")) else None)
    if found is None:
        message = "Debian's chromium is not installed (apt-get install -y chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return str(found)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    executable = chromium_or_skip()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI") == "true":
            pytest.fail("the playwright package is not installed")
        pytest.skip("the playwright package is not installed")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
