"""The benchmark scripts' own bookkeeping: each rewrites only its section of BENCHMARKS.md, and
reads wrk's figures in the unit wrk printed them."""

import importlib.util
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


harness = _load("harness")

OTHERS = (
    "# Benchmarks\n\n<!-- bench:stats:start -->\nstats figures\n<!-- bench:stats:end -->\n\n"
    "<!-- bench:http:start -->\nold http figures\n<!-- bench:http:end -->\n\n"
    "<!-- bench:deadlines:start -->\ndeadline figures\n<!-- bench:deadlines:end -->\n"
)


def test_rewriting_a_section_leaves_the_others_byte_for_byte(tmp_path):
    path = tmp_path / "BENCHMARKS.md"
    path.write_text(OTHERS)
    harness.write_section("http", "new http figures", path)
    expected = OTHERS.replace("old http figures", "new http figures")
    assert path.read_text() == expected


def test_a_new_section_is_appended_once(tmp_path):
    path = tmp_path / "BENCHMARKS.md"
    path.write_text(OTHERS)
    harness.write_section("intake-load", "first", path)
    harness.write_section("intake-load", "second", path)
    content = path.read_text()
    assert content.startswith(OTHERS.rstrip())
    assert content.count("<!-- bench:intake-load:start -->") == 1
    assert "second" in content and "first" not in content


def test_percentiles_interpolate_and_refuse_nothing():
    values = [float(v) for v in range(1, 101)]
    assert harness.percentile(values, 50) == 50.5
    assert harness.percentile(values, 99) == 99.01
    assert harness.percentile([7.0], 99) == 7.0
    assert harness.percentile([], 50) != harness.percentile([], 50)  # NaN: no figure


WRK_OUTPUT = """Running 10s test @ http://127.0.0.1:8000/x
  Latency Distribution
     50%  812.00us
     75%    1.20ms
     90%    2.00ms
     99%    1.50s
  12345 requests in 10.00s, 1.00MB read
  Non-2xx or 3xx responses: 17
Requests/sec:   1234.50
"""


def test_wrk_figures_are_read_in_milliseconds_whatever_unit_wrk_chose():
    figures = _load("http_pages").parse(WRK_OUTPUT)
    assert figures["p50"] == 0.812
    assert figures["p99"] == 1500.0
    assert figures["rps"] == 1234.5
    assert figures["requests"] == 12345
    assert figures["non2xx"] == 17
