"""kg query: SELECT / ASK / CONSTRUCT / DESCRIBE on the seed graph, formats, examples and errors."""

from __future__ import annotations

import csv
import io
import json

import pytest
from rdflib import Graph
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import QueryError
from kg.query import execute, is_update, list_examples, render, run_query, syntax_message
from kg.store import load_graph

runner = CliRunner()
EXAMPLES = ["category_members", "citations", "cooccurring_industries", "in_every_document",
            "promotes_high_quality_development", "statements", "timeline"]


def test_query_select_formats_agree(graph):
    q = 'SELECT ?l WHERE { ?c a kg:Concept ; rdfs:label ?l FILTER (?l = "新质生产力"@zh) }'
    table = run_query(graph, q, "table")
    assert table.splitlines()[2] == "新质生产力" and "(1 rows)" in table
    assert list(csv.reader(io.StringIO(run_query(graph, q, "csv")))) == [["l"], ["新质生产力"]]
    assert run_query(graph, q, "tsv").splitlines() == ["?l", '"新质生产力"@zh']
    bindings = json.loads(run_query(graph, q, "json"))["results"]["bindings"]
    assert bindings == [{"l": {"type": "literal", "value": "新质生产力", "xml:lang": "zh"}}]


def test_query_table_shortens_iris_with_prefixes(graph):
    out = run_query(graph, 'SELECT ?c WHERE { ?c rdfs:label "黑龙江"@zh }')
    assert "kgr:place-黑龙江" in out


# fmt: off
@pytest.mark.parametrize("query, expected", [
    ('ASK { ?c rdfs:label "新质生产力"@zh }', "true"),
    ('ASK { ?c rdfs:label "不存在的概念"@zh }', "false"),
])
# fmt: on
def test_query_ask(graph, query, expected):
    assert run_query(graph, query).strip() == expected
    assert json.loads(run_query(graph, query, "json")) == {"head": {}, "boolean": expected == "true"}


def test_query_construct_gives_turtle_with_project_prefixes(graph):
    out = run_query(graph, "CONSTRUCT { ?p rdfs:label ?l } WHERE { ?p a kg:Person ; rdfs:label ?l }")
    assert "@prefix kgr: <https://w3id.org/xinzhi-kg/resource/> ." in out
    assert 'kgr:person-习近平 rdfs:label "习近平"@zh .' in out
    parsed = Graph().parse(data=out, format="turtle")
    assert len(parsed) == int(run_query(graph, "SELECT (COUNT(*) AS ?n) { ?p a kg:Person }", "csv").split()[1])


def test_query_describe_and_jsonld(graph):
    out = run_query(graph, "DESCRIBE kgr:person-习近平")
    assert "kgr:person-习近平 a kg:Entity , kg:Person" in out
    jsonld = json.loads(run_query(graph, "DESCRIBE kgr:person-习近平", "json"))
    assert jsonld[0]["@id"].endswith("person-习近平")


def test_query_is_deterministic(graph, ttl):
    q = "CONSTRUCT WHERE { ?e a kg:Industry ; rdfs:label ?l }"
    assert run_query(graph, q) == run_query(load_graph(ttl), q)


# fmt: off
@pytest.mark.parametrize("query, line, column", [
    ("SELECT ?x WHERE {\n  ?x a kg:Concept\n  FILTER( }", 3, r"\d+"),
    ("SELECT ?l WHERE { ?c rdfs:label ?l } LIMIT 十", 1, "44"),  # points at 十
])
# fmt: on
def test_query_syntax_error_has_line_and_column(graph, query, line, column):
    with pytest.raises(QueryError, match=f"syntax error at line {line}, column {column}: "):
        execute(graph, query)


def test_query_unknown_prefix_is_named():
    assert "unknown prefix" in syntax_message("error at 1:20: expected one of Prefix not found, ['%']")


@pytest.mark.parametrize("update", ["INSERT DATA { kgr:a kgr:b kgr:c }", "# with\nDELETE WHERE { ?s ?p ?o }",
                                    "PREFIX ex: <http://e/>\nCLEAR ALL"])
def test_query_updates_are_refused(graph, update):
    assert is_update(update)
    with pytest.raises(QueryError, match="read-only"):
        execute(graph, update)


@pytest.mark.parametrize("name", EXAMPLES)
def test_query_examples_by_name_option_and_positional(ttl, name):
    by_option = runner.invoke(app, ["query", "--example", name, "--graph", str(ttl), "-f", "json"])
    by_name = runner.invoke(app, ["query", name, "--graph", str(ttl), "-f", "json"])
    assert by_option.exit_code == 0, by_option.output
    assert by_option.stdout == by_name.stdout
    assert json.loads(by_option.stdout)["results"]["bindings"], name


def test_query_list_examples():
    assert [name for name, _ in list_examples()] == EXAMPLES
    result = runner.invoke(app, ["query", "--list-examples"])
    assert result.exit_code == 0 and "timeline" in result.stdout and "新质生产力" in result.stdout
    as_json = json.loads(runner.invoke(app, ["query", "--list-examples", "-f", "json"]).stdout)
    assert set(as_json) == set(EXAMPLES)


def test_query_cli_timeline_csv(ttl):
    result = runner.invoke(app, ["query", "--example", "timeline", "-g", str(ttl), "-f", "csv"])
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["date", "event"]
    assert ["2024-01-31", "二十届中央政治局第十一次集体学习"] in rows


def test_query_cli_errors_and_usage(ttl):
    bad = runner.invoke(app, ["query", "SELECT ?x WHERE {\n ?x ?y", "-g", str(ttl)])
    assert bad.exit_code == 1 and bad.stderr.startswith("Error: SPARQL syntax error at line 2") and bad.stdout == ""
    unknown = runner.invoke(app, ["query", "--example", "不存在", "-g", str(ttl)])
    assert unknown.exit_code == 1 and "timeline" in unknown.stderr
    assert runner.invoke(app, ["query", "-g", str(ttl)]).exit_code == 2
    assert runner.invoke(app, ["query", "timeline", "--example", "timeline", "-g", str(ttl)]).exit_code == 2
    assert runner.invoke(app, ["query", "timeline", "-g", str(ttl), "-f", "xml"]).exit_code == 2


def test_query_render_rejects_unknown_format(graph):
    with pytest.raises(QueryError, match="unknown format"):
        render(execute(graph, "ASK {}"), "xml")
