"""The committed openapi.json is what the code generates; every dossier endpoint is in it."""

import json
from pathlib import Path

from motcua.api.management.commands.export_openapi import openapi_text

COMMITTED = Path(__file__).resolve().parents[2] / "openapi.json"


def test_the_committed_openapi_file_matches_the_generated_one():
    generated = openapi_text()
    committed = COMMITTED.read_text(encoding="utf-8") if COMMITTED.exists() else ""
    assert committed == generated, (
        "openapi.json is out of date with the API. Regenerate it from the repository root:\n"
        "    DEBUG=1 .venv/bin/motcua export_openapi > openapi.json\n"
        "and commit the result."
    )


def test_every_staff_dossier_endpoint_is_described():
    paths = json.loads(openapi_text())["paths"]
    assert "post" in paths["/api/v1/dossiers"] and "get" in paths["/api/v1/dossiers"]
    assert "get" in paths["/api/v1/dossiers/{code}"]
    assert "get" in paths["/api/v1/dossiers/{code}/slips/{slip}.pdf"]
    assert "get" in paths["/api/v1/tracking-book"]
    for action in ("receive", "refuse", "assign", "hand_over", "resolve", "return_result"):
        assert "post" in paths[f"/api/v1/dossiers/{{code}}/actions/{action}"]
    params = {p["name"] for p in paths["/api/v1/tracking-book"]["get"]["parameters"]}
    assert {"unit", "from", "to", "format"} <= params
