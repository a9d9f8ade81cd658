"""Mail settings: config file < environment < flags, with the password never shown."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from briefing.deliver.config import (
    MASK,
    ConfigError,
    SmtpSettings,
    config_path,
    describe,
    load_settings,
    resolve_settings,
)

SECRET = "pa ss-from-file "  # spaces on purpose: a password is kept exactly as written


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Point BRIEFING_CONFIG at a file in tmp_path and clear every SMTP variable."""
    path = tmp_path / "config.toml"
    monkeypatch.setenv("BRIEFING_CONFIG", str(path))
    for name in ("HOST", "PORT", "SECURITY", "USER", "PASSWORD", "FROM", "TIMEOUT"):
        monkeypatch.delenv(f"BRIEFING_SMTP_{name}", raising=False)
    return path


@pytest.fixture
def config_file(isolated: Path) -> Path:
    isolated.write_text(
        '[smtp]\nhost = "file.example.com"\nport = 2525\nuser = "file-user"\n'
        f'password = "{SECRET}"\nfrom = "File Desk <desk@example.com>"\ntimeout = 12\n',
        encoding="utf-8")
    return isolated


def test_defaults_without_any_source() -> None:
    resolved = resolve_settings()
    assert resolved.settings == SmtpSettings()
    assert resolved.settings.port == 587
    assert resolved.origins["port"] == "default for starttls"
    assert set(resolved.origins.values()) == {"default", "default for starttls"}


def test_config_file_is_read(config_file: Path) -> None:
    settings = load_settings()
    assert settings == SmtpSettings(host="file.example.com", port=2525, user="file-user",
                                    password=SECRET, sender="File Desk <desk@example.com>",
                                    timeout=12.0)


def test_env_beats_file_and_flags_beat_env(config_file: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_SMTP_HOST", "env.example.com")
    monkeypatch.setenv("BRIEFING_SMTP_PORT", "465")
    monkeypatch.setenv("BRIEFING_SMTP_SECURITY", "ssl")
    monkeypatch.setenv("BRIEFING_SMTP_PASSWORD", "env-secret")
    monkeypatch.setenv("BRIEFING_SMTP_USER", "")  # empty counts as unset
    resolved = resolve_settings({"host": "flag.example.com", "port": None, "user": None})
    s = resolved.settings
    assert (s.host, s.port, s.security, s.user, s.password) == (
        "flag.example.com", 465, "ssl", "file-user", "env-secret")
    assert resolved.origins == {
        "host": "flag", "port": "env BRIEFING_SMTP_PORT", "security": "env BRIEFING_SMTP_SECURITY",
        "user": "config file", "password": "env BRIEFING_SMTP_PASSWORD", "sender": "config file",
        "timeout": "config file"}


def test_port_follows_security_unless_given(monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_settings({"security": "ssl"}).port == 465
    assert load_settings({"security": "none"}).port == 25
    assert load_settings({"security": "SSL", "port": 2465}).port == 2465
    monkeypatch.setenv("BRIEFING_SMTP_FROM", "d@example.com")
    assert load_settings({"from": None}).sender == "d@example.com"


def test_yaml_config_file(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = isolated.with_name("config.yaml")
    path.write_text("smtp:\n  host: yaml.example.com\n  security: none\n", encoding="utf-8")
    monkeypatch.setenv("BRIEFING_CONFIG", str(path))
    settings = load_settings()
    assert (settings.host, settings.security, settings.port) == ("yaml.example.com", "none", 25)


def test_default_location_is_the_user_config_dir(monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: Path) -> None:
    monkeypatch.delenv("BRIEFING_CONFIG")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert config_path() == tmp_path / "xdg" / "briefing" / "config.toml"
    yaml_file = tmp_path / "xdg" / "briefing" / "config.yaml"
    yaml_file.parent.mkdir(parents=True)
    yaml_file.write_text("smtp: {host: h.example.com}\n")
    assert config_path() == yaml_file
    assert load_settings().host == "h.example.com"


@pytest.mark.parametrize("env, value, message", [
    ("BRIEFING_SMTP_SECURITY", "tls", "env BRIEFING_SMTP_SECURITY: security 'tls' is not one of"),
    ("BRIEFING_SMTP_PORT", "smtp", "env BRIEFING_SMTP_PORT: port 'smtp' is not a number"),
    ("BRIEFING_SMTP_PORT", "70000", "port 70000 is out of range 1-65535"),
    ("BRIEFING_SMTP_TIMEOUT", "0", "timeout must be more than 0 seconds"),
])
def test_bad_values_name_where_they_came_from(monkeypatch: pytest.MonkeyPatch, env: str,
                                              value: str, message: str) -> None:
    monkeypatch.setenv(env, value)
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert message in str(caught.value)
    assert caught.value.exit_code == 2


def test_bad_flag_is_named_as_the_flag() -> None:
    with pytest.raises(ConfigError, match=r"^--security: security 'x' is not one of"):
        load_settings({"security": "x"})


@pytest.mark.parametrize("text, message", [
    ("[smtp]\nhots = 'x'\n", "unknown key 'hots' in [smtp]"),
    ("[smtp\nhost = 1\n", "cannot read config file"),
    ("smtp = 3\n", "[smtp] must be a table"),
    ("[smtp]\nhost = \"a\\nb\"\n", "config file: value contains a line break"),
])
def test_broken_config_file_is_one_line(isolated: Path, text: str, message: str) -> None:
    isolated.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_password_is_masked_in_repr_and_describe(config_file: Path) -> None:
    resolved = resolve_settings()
    assert SECRET not in repr(resolved.settings) and SECRET not in str(resolved.settings)
    assert f"password='{MASK}'" in repr(resolved.settings)
    assert SECRET not in repr(resolved)
    rows = {name: (value, origin) for name, value, origin in describe(resolved)}
    assert rows["password"] == (MASK, "config file")
    assert rows["from"] == ("File Desk <desk@example.com>", "config file")
    assert "password=None" in repr(SmtpSettings())


def test_config_show_masks_and_attributes(cli: typer.Typer, config_file: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_SMTP_HOST", "env.example.com")
    result = CliRunner().invoke(cli, ["config", "show"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"config file: {config_file}"
    assert any(line.split() == ["host", "env.example.com", "(env", "BRIEFING_SMTP_HOST)"]
               for line in lines)
    assert any(line.split() == ["password", MASK, "(config", "file)"] for line in lines)
    assert SECRET.strip() not in result.output + result.stderr


def test_config_show_reports_a_broken_file(cli: typer.Typer, isolated: Path) -> None:
    isolated.write_text("[smtp]\nport = 'x'\n")
    result = CliRunner().invoke(cli, ["config", "show"])
    assert result.exit_code == 2
    assert result.stderr == "error: config file: port 'x' is not a number\n"


def test_config_path_prints_the_location(cli: typer.Typer, isolated: Path) -> None:
    result = CliRunner().invoke(cli, ["config", "path"])
    assert result.exit_code == 0
    assert result.stdout == f"{isolated}\n"
    assert "no file there yet" in result.stderr
