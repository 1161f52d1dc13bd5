"""Every CLI command and every setting is documented in the README (datasette's test_docs)."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from recoupe.cli import app


@pytest.fixture(scope="module")
def readme(repo_dir):
    return (repo_dir / "README.md").read_text("utf-8")


def _command_names():
    import typer.main

    group = typer.main.get_command(app)
    return sorted(group.commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", _command_names())
def test_docs_every_command_in_readme(readme, command):
    assert f"recoupe {command}" in readme, f"`recoupe {command}` is not documented in README.md"


def _setting_keys():
    data = tomllib.loads(resources.files("recoupe").joinpath("default_settings.toml").read_text("utf-8"))
    return [f"{section}.{key}" for section, values in data.items() for key in values]


@pytest.mark.parametrize("key", _setting_keys())
def test_docs_every_setting_in_readme(readme, key):
    section, name = key.split(".")
    assert f"`{name}`" in readme and f"[{section}]" in readme, f"setting {key} is not documented in README.md"


def test_docs_settings_file_and_dataclasses_agree():
    from dataclasses import fields

    from recoupe.settings import Settings, load_settings

    settings = load_settings()
    data = tomllib.loads(resources.files("recoupe").joinpath("default_settings.toml").read_text("utf-8"))
    for section in fields(Settings):
        declared = {f.name for f in fields(type(getattr(settings, section.name)))}
        assert declared == set(data.get(section.name, {})), section.name
