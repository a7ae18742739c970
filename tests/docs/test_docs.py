"""The operators' documentation stays true to the code: links resolve, every setting read from
the environment is documented and in the example environment file, and every `make` target and
management command the docs tell an operator to run exists."""

import re
import unicodedata
from pathlib import Path

import pytest
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[2]
DOCS = sorted([ROOT / "README.md", *(ROOT / "docs").rglob("*.md")])
SETTINGS = ROOT / "src" / "motcua" / "settings.py"
CONFIGURATION = ROOT / "docs" / "configuration.md"
ENV_EXAMPLE = ROOT / "deploy" / "motcua.env.example"

FENCE_RE = re.compile(r"^(```|~~~).*?^\1", re.M | re.S)
SPAN_RE = re.compile(r"`([^`\n]+)`")
LINK_RE = re.compile(r"!?\[[^\]\n]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
ENV_READ_RE = re.compile(
    r"(?:os\.environ\.get|os\.getenv|env_bool|env_list)\(\s*\"([A-Z][A-Z0-9_]*)\""
)
ENV_LINE_RE = re.compile(r"^#?\s*([A-Z][A-Z0-9_]*)=", re.M)
# `make <target>` as a command: at the start of a line or a span, or after ; && || (.
MAKE_RE = re.compile(r"(?:^|[;&|(])[ \t]*make[ \t]+((?:[A-Z_]+=\S*[ \t]+)*)([a-z][\w.-]*)", re.M)
ADMIN_RE = re.compile(r"(?:motcua-admin|\.venv/bin/motcua|\$\(BIN\)/motcua)[ \t]+([a-z][a-z_]*)")
BARE_RE = re.compile(r"^\s*(?:sudo\s+)?(?:[A-Z_]+=\S+\s+)*motcua[ \t]+([a-z][a-z_]*)", re.M)


def without_code(text: str) -> str:
    return SPAN_RE.sub("", FENCE_RE.sub("", text))


def code_of(text: str) -> list[str]:
    """Fenced blocks and inline code spans: where commands are written."""
    blocks = [match.group(0) for match in FENCE_RE.finditer(text)]
    spans = SPAN_RE.findall(FENCE_RE.sub("", text))
    return blocks + spans


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = unicodedata.normalize("NFC", heading.strip().lower())
    text = re.sub(r"[`*_]", lambda m: "_" if m.group(0) == "_" else "", text)
    text = "".join(ch for ch in text if ch.isalnum() or ch in " -_")
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    text = FENCE_RE.sub("", path.read_text(encoding="utf-8"))
    return {slug(match) for match in re.findall(r"^#{1,6}\s+(.+?)\s*#*$", text, re.M)}


def relative_links(path: Path) -> list[str]:
    links = LINK_RE.findall(without_code(path.read_text(encoding="utf-8")))
    return [link for link in links if not re.match(r"^[a-z][a-z0-9+.-]*:", link)]


def settings_variables() -> set[str]:
    return set(ENV_READ_RE.findall(SETTINGS.read_text(encoding="utf-8")))


def make_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set()
    for line in text.splitlines():
        match = re.match(r"^([^\s:=#][^:=]*?):(?!=)", line)
        if match:
            targets.update(match.group(1).split())
    return targets


def test_the_documentation_set_is_found():
    names = {path.name for path in DOCS}
    assert {"README.md", "install.md", "configuration.md", "scaling.md"} <= names


@pytest.mark.parametrize("path", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_points_to_an_existing_file_and_heading(path):
    broken = []
    for link in relative_links(path):
        target, _, fragment = link.partition("#")
        resolved = (path.parent / target).resolve() if target else path
        if not resolved.exists():
            broken.append(f"{link}: no such file")
        elif fragment and resolved.suffix == ".md" and fragment not in anchors(resolved):
            broken.append(f"{link}: no heading #{fragment}")
    assert broken == []


def test_the_docs_index_lists_every_document():
    index = (ROOT / "docs" / "README.md").read_text(encoding="utf-8")
    linked = {link.partition("#")[0] for link in relative_links(ROOT / "docs" / "README.md")}
    pages = {p.name for p in (ROOT / "docs").glob("*.md") if p.name != "README.md"}
    assert pages - linked == set(), index


def test_settings_read_environment_variables():
    found = settings_variables()
    # The extraction itself works: these are read today and documented below.
    assert {"SECRET_KEY", "DATABASE_URL", "DEBUG", "ALLOWED_HOSTS"} <= found


def test_every_environment_variable_is_in_the_configuration_reference():
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]*)`", CONFIGURATION.read_text("utf-8")))
    assert settings_variables() - documented == set()


def test_every_environment_variable_is_in_the_example_environment_file():
    listed = set(ENV_LINE_RE.findall(ENV_EXAMPLE.read_text(encoding="utf-8")))
    assert settings_variables() - listed == set()


def test_the_example_environment_file_invents_no_variable():
    listed = set(ENV_LINE_RE.findall(ENV_EXAMPLE.read_text(encoding="utf-8")))
    assert listed - settings_variables() == set()


def test_the_configuration_table_invents_no_variable():
    rows = re.findall(r"^\|\s*(`[A-Z][^|]*)\|", CONFIGURATION.read_text("utf-8"), re.M)
    names = {name for row in rows for name in re.findall(r"`([A-Z][A-Z0-9_]*)`", row)}
    assert names and names - settings_variables() == set()


def test_the_example_environment_file_is_safe_to_publish():
    text = ENV_EXAMPLE.read_text(encoding="utf-8")
    values = dict(re.findall(r"^([A-Z][A-Z0-9_]*)=(.*)$", text, re.M))
    assert values["DEBUG"] == "0"
    assert "replace" in values["SECRET_KEY"] and len(values["SECRET_KEY"]) < 50
    assert "change-this" in values["DATABASE_URL"]
    assert all("example" in values[name] for name in ("ALLOWED_HOSTS", "SITE_URL"))


def test_make_targets_named_in_the_docs_exist():
    targets = make_targets()
    assert {"run", "serve", "test", "worker", "check-deploy"} <= targets
    missing, named = [], set()
    for path in DOCS:
        for code in code_of(path.read_text(encoding="utf-8")):
            for _assignments, target in MAKE_RE.findall(code):
                named.add(target)
                if target not in targets:
                    missing.append(f"{path.name}: make {target}")
    assert missing == []


def test_management_commands_named_in_the_docs_exist():
    commands = set(get_commands())
    named = set()
    unknown = []
    for path in DOCS:
        for code in code_of(path.read_text(encoding="utf-8")):
            for command in ADMIN_RE.findall(code) + BARE_RE.findall(code):
                named.add(command)
                if command not in commands:
                    unknown.append(f"{path.name}: motcua {command}")
    assert {"migrate", "createsuperuser", "db_worker", "collectstatic"} <= named
    assert unknown == []


def test_deploy_units_run_existing_commands():
    worker = (ROOT / "deploy" / "motcua-worker.service").read_text(encoding="utf-8")
    web = (ROOT / "deploy" / "motcua-web.service").read_text(encoding="utf-8")
    command = re.search(r"^ExecStart=\S+/motcua (\w+)", worker, re.M).group(1)
    assert command in get_commands()
    assert re.search(r"motcua\.wsgi:application", web)
    from motcua import wsgi

    assert callable(wsgi.application)
    for unit in (worker, web):
        assert "EnvironmentFile=/etc/motcua/motcua.env" in unit
        assert "User=motcua" in unit


def test_the_sweep_timer_runs_an_existing_command_every_few_minutes():
    service = (ROOT / "deploy" / "motcua-sweep.service").read_text(encoding="utf-8")
    timer = (ROOT / "deploy" / "motcua-sweep.timer").read_text(encoding="utf-8")
    command = re.search(r"^ExecStart=\S+/motcua (\w+)", service, re.M).group(1)
    assert command == "dispatch_notifications" and command in get_commands()
    assert "Type=oneshot" in service and "EnvironmentFile=/etc/motcua/motcua.env" in service
    assert re.search(r"^OnUnitActiveSec=\d+min$", timer, re.M)
    assert "WantedBy=timers.target" in timer
    install = (ROOT / "docs" / "install.md").read_text(encoding="utf-8")
    assert "motcua-sweep.timer" in install
