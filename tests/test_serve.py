"""kg serve: the SPARQL 1.1 Protocol endpoint on 127.0.0.1, queried with SPARQLWrapper and with urllib."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest
from rdflib import Graph
from typer.testing import CliRunner

from kg.cli import app
from kg.serve import make_server
from kg.store import load_graph, oxigraph_of

SPARQLWrapper = pytest.importorskip("SPARQLWrapper")

PEOPLE = 'SELECT ?l WHERE { ?p a kg:Person ; rdfs:label ?l } ORDER BY ?l'


@pytest.fixture(scope="module")
def endpoint(seed_build):
    store = oxigraph_of(load_graph(seed_build[0] / "graph.ttl"))
    server = make_server(store, "127.0.0.1", 0, quiet=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def _wrapper(endpoint: str, query: str, fmt: str, method: str = "GET"):
    sparql = SPARQLWrapper.SPARQLWrapper(endpoint)
    sparql.setQuery("PREFIX kg: <https://w3id.org/xinzhi-kg/ontology#>\n"
                    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n" + query)
    sparql.setReturnFormat(fmt)
    sparql.setMethod(method)
    sparql.setTimeout(30)
    return sparql.query()


def _fetch(url: str, *, data: bytes | None = None, headers: dict | None = None) -> tuple[int, str, str]:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers["Content-Type"], response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers["Content-Type"], exc.read().decode("utf-8")


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_serve_select_json_with_sparqlwrapper(endpoint, method):
    result = _wrapper(endpoint, PEOPLE, SPARQLWrapper.JSON, method).convert()
    labels = [b["l"]["value"] for b in result["results"]["bindings"]]
    assert "习近平" in labels and "马克思" in labels and labels == sorted(labels)


def test_serve_csv_and_tsv_with_sparqlwrapper(endpoint):
    rows = list(csv.reader(io.StringIO(_wrapper(endpoint, PEOPLE, SPARQLWrapper.CSV).convert().decode("utf-8"))))
    assert rows[0] == ["l"] and ["习近平"] in rows
    tsv = _wrapper(endpoint, PEOPLE, SPARQLWrapper.TSV).convert().decode("utf-8").splitlines()
    assert tsv[0] == "?l" and '"习近平"@zh' in tsv


def test_serve_ask_and_construct_with_sparqlwrapper(endpoint):
    assert _wrapper(endpoint, 'ASK { ?c rdfs:label "新质生产力"@zh }', SPARQLWrapper.JSON).convert()["boolean"] is True
    query = "CONSTRUCT { ?p rdfs:label ?l } WHERE { ?p a kg:Person ; rdfs:label ?l }"
    turtle = _wrapper(endpoint, query, SPARQLWrapper.TURTLE).convert()
    graph = Graph().parse(data=turtle, format="turtle")
    assert len(graph) >= 5 and b"@prefix kgr:" in turtle


def test_serve_get_and_post_with_urllib(endpoint):
    query = urllib.parse.urlencode({"query": 'SELECT (COUNT(*) AS ?n) { ?d a kg:Document }'})
    status, kind, body = _fetch(f"{endpoint}?{query}", headers={"Accept": "application/sparql-results+json"})
    assert status == 200 and kind.startswith("application/sparql-results+json")
    assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "5"
    status, kind, body = _fetch(endpoint, data=query.encode("ascii"), headers={
        "Content-Type": "application/x-www-form-urlencoded", "Accept": "text/csv"})
    assert (status, body) == (200, "n\r\n5\r\n") and kind.startswith("text/csv")
    status, _, body = _fetch(endpoint, data="ASK { ?x rdfs:label \"中国\"@zh }".encode("utf-8"), headers={
        "Content-Type": "application/sparql-query", "Accept": "text/csv, application/sparql-results+json;q=0.5"})
    assert (status, body) == (200, "true")


def test_serve_construct_formats(endpoint):
    query = urllib.parse.urlencode({"query": "DESCRIBE kgr:place-黑龙江"})
    status, kind, body = _fetch(f"{endpoint}?{query}", headers={"Accept": "application/n-triples"})
    assert status == 200 and kind == "application/n-triples" and "<https://w3id.org/xinzhi-kg/resource/place-黑龙江>" in body
    status, kind, body = _fetch(f"{endpoint}?{query}")
    assert kind.startswith("text/turtle") and "kgr:place-黑龙江 a kg:Entity , kg:Place" in body


# fmt: off
@pytest.mark.parametrize("data, content_type, status", [
    (b"update=INSERT+DATA+%7B+kgr%3Aa+kgr%3Ab+kgr%3Ac+%7D", "application/x-www-form-urlencoded", 403),
    (b"INSERT DATA { kgr:a kgr:b kgr:c }",                  "application/sparql-update",         403),
    (b"INSERT DATA { kgr:a kgr:b kgr:c }",                  "application/sparql-query",          403),
    (b"query=SELECT+*+%7B",                                 "application/x-www-form-urlencoded", 400),
    (b"SELECT * {",                                         "text/plain",                        415),
])
# fmt: on
def test_serve_refuses_updates_and_bad_requests(endpoint, data, content_type, status):
    assert _fetch(endpoint, data=data, headers={"Content-Type": content_type})[0] == status


def test_serve_updates_leave_the_graph_unchanged(endpoint):
    with pytest.raises(urllib.error.HTTPError):
        _wrapper(endpoint, "INSERT DATA { <urn:a> <urn:b> <urn:c> }", SPARQLWrapper.JSON, "POST")
    ask = _wrapper(endpoint, "ASK { <urn:a> <urn:b> <urn:c> }", SPARQLWrapper.JSON).convert()
    assert ask["boolean"] is False


def test_serve_errors_name_the_problem(endpoint):
    bad = urllib.parse.urlencode({"query": "SELECT ?x WHERE {\n ?x ?y }"})
    status, kind, body = _fetch(f"{endpoint}?{bad}")
    assert status == 400 and kind.startswith("text/plain") and "line 2, column" in body
    ok = urllib.parse.urlencode({"query": "ASK {}"})
    assert _fetch(f"{endpoint}?{ok}", headers={"Accept": "image/png"})[0] == 406
    assert _fetch(endpoint.replace("/sparql", "/nowhere"))[0] == 404
    assert _fetch(endpoint, data=b"x", headers={"Content-Type": "text/plain"})[0] == 415
    status, _, body = _fetch(endpoint)
    assert status == 200 and "SPARQL" in body


def test_serve_cli_starts_answers_and_stops(seed_build):
    command = [sys.executable, "-m", "kg.cli", "-q", "serve", "--port", "0", "--graph", str(seed_build[0] / "graph.ttl")]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stderr.readline()
        url = re.search(r"http://\S+/sparql", line).group(0)
        query = urllib.parse.urlencode({"query": "ASK { ?c a kg:Concept }"})
        assert _fetch(f"{url}?{query}", headers={"Accept": "text/csv"})[:3:2] == (200, "true")
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stderr.close()


def test_serve_cli_reports_a_busy_port(endpoint, seed_build):
    port = urllib.parse.urlsplit(endpoint).port
    result = CliRunner().invoke(app, ["serve", "--port", str(port), "--graph", str(seed_build[0] / "graph.ttl")])
    assert result.exit_code == 1 and "cannot listen" in result.stderr
