"""The CLI end to end on the seeds and on bad input."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from rdflib import Graph
from typer.testing import CliRunner

from kg.cli import app

from conftest import GOLD, SEEDS

runner = CliRunner()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("cli")
    result = runner.invoke(app, ["build", str(SEEDS), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out, result


def test_cli_build_writes_both_files_and_a_summary(built):
    out, result = built
    assert (out / "graph.ttl").stat().st_size > 10_000 and (out / "graph.html").stat().st_size > 100_000
    assert "5 documents" in result.stderr and "triples" in result.stderr
    assert result.stdout == ""


def test_cli_build_is_byte_identical(built, tmp_path):
    out, _ = built
    assert runner.invoke(app, ["-q", "build", str(SEEDS), "--out", str(tmp_path)]).exit_code == 0
    assert (tmp_path / "graph.ttl").read_bytes() == (out / "graph.ttl").read_bytes()
    assert (tmp_path / "graph.html").read_bytes() == (out / "graph.html").read_bytes()


def test_cli_turtle_parses_with_rdflib_and_rapper(built):
    out, _ = built
    assert len(Graph().parse(out / "graph.ttl", format="turtle")) > 1000
    rapper = shutil.which("rapper")
    if not rapper:
        pytest.skip("rapper (Debian raptor2-utils) is not installed")
    done = subprocess.run([rapper, "-i", "turtle", "-c", str(out / "graph.ttl")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_cli_stats_json(built):
    out, _ = built
    result = runner.invoke(app, ["stats", "--graph", str(out / "graph.ttl"), "--format", "json"])
    stats = json.loads(result.stdout)
    assert stats["documents"] == 5 and stats["entities_by_type"]["Concept"] > 10
    assert stats["top_by_pagerank"][0]["label"] and stats["components"] >= 1


@pytest.mark.parametrize("name", ["cooccurring_industries", "timeline", "citations",
                                  "promotes_high_quality_development", "category_members", "in_every_document",
                                  "statements"])
def test_cli_example_queries_return_rows(built, name):
    out, _ = built
    result = runner.invoke(app, ["query", f"{name}.rq", "--graph", str(out / "graph.ttl"), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["results"]["bindings"], name


def test_cli_query_formats_and_errors(built):
    graph = str(built[0] / "graph.ttl")
    ask = runner.invoke(app, ["query", "ASK { ?c rdfs:label \"新质生产力\"@zh }", "--graph", graph])
    assert ask.stdout.strip() == "true"
    csv = runner.invoke(app, ["query", "SELECT ?l WHERE { ?c a kg:Industry ; rdfs:label ?l } LIMIT 2", "-g", graph,
                              "-f", "csv"])
    assert csv.stdout.splitlines()[0] == "l" and len(csv.stdout.splitlines()) == 3
    bad = runner.invoke(app, ["query", "SELECT WHERE {", "--graph", graph])
    assert bad.exit_code == 1 and "Error:" in bad.stderr


def test_cli_eval_scores_against_gold(built):
    if not GOLD.is_dir():
        pytest.skip("gold annotations (../shared/gold/seeds) are not beside the project")
    result = runner.invoke(app, ["eval", "--gold", str(GOLD), "--graph", str(built[0] / "graph.ttl"), "-f", "json"])
    scores = json.loads(result.stdout)
    assert scores["entities"]["overall"]["f1"] >= 0.80
    assert scores["relations"]["overall"]["f1"] >= 0.50


def test_cli_bad_inputs_are_named_and_good_files_still_build(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)))
    (tmp_path / "gbk.txt").write_bytes("以科技创新推动产业创新。".encode("gb18030"))
    result = runner.invoke(app, ["build", str(tmp_path), "--out", str(tmp_path / "out"), "--no-html"])
    assert "empty.txt" in result.stderr and "binary.txt" in result.stderr and "gbk.txt" in result.stderr
    # the good file is built: the run succeeds, and the bad files are named on stderr
    assert result.exit_code == 0 and (tmp_path / "out" / "graph.ttl").is_file()


def test_cli_no_readable_input_fails_without_output(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = runner.invoke(app, ["build", str(tmp_path), str(tmp_path / "missing"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1 and "Error:" in result.stderr and "missing" in result.stderr
    assert not (tmp_path / "out").exists()


def test_cli_missing_graph_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["stats", "--graph", str(tmp_path / "none.ttl")])
    assert result.exit_code == 1 and "kg build" in result.stderr


def test_cli_every_command_has_help():
    for command in ("build", "stats", "query", "eval", "viz", "serve", "validate", "export"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0 and "Example:" in result.stdout


def test_cli_every_command_is_documented_in_the_readme():
    readme = (SEEDS.parent / "README.md").read_text(encoding="utf-8")
    for command in ("kg build", "kg stats", "kg query", "kg eval", "kg viz", "kg serve", "kg validate", "kg export"):
        assert command in readme


def test_cli_viz_focus_writes_a_neighbourhood_page(built, tmp_path):
    graph = str(built[0] / "graph.ttl")
    page = tmp_path / "focus.html"
    result = runner.invoke(app, ["viz", "--graph", graph, "--focus", "新质生产力", "--depth", "1", "--out", str(page)])
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    assert "新质生产力" in html and "https://" not in html.split("<script", 1)[0]
    missing = runner.invoke(app, ["viz", "--graph", graph, "--focus", "不存在的词", "--out", str(tmp_path / "x.html")])
    assert missing.exit_code == 1 and "不存在的词" in missing.stderr and not (tmp_path / "x.html").exists()
