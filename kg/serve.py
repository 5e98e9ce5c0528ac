"""A read-only SPARQL 1.1 Protocol endpoint over the built graph (standard library http.server).

``GET /sparql?query=...`` and ``POST /sparql`` (an ``application/x-www-form-urlencoded``
form with ``query=...``, or the query itself as ``application/sparql-query``) run a query on
Oxigraph. Results follow the ``Accept`` header: SPARQL results as JSON (the default), CSV,
TSV or XML; CONSTRUCT and DESCRIBE as Turtle (the default), N-Triples or JSON-LD. Updates
are refused with 403; bad queries get 400 with the line and column of the error.

>>> negotiate("text/csv;q=0.5, application/sparql-results+json", SOLUTION_TYPES)
'application/sparql-results+json'
"""

from __future__ import annotations

import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from kg.errors import QueryError
from kg.export.turtle import turtle_bytes
from kg.query import execute, is_update

PATHS = ("/sparql", "/")
MAX_BODY = 1_000_000  # bytes of a POSTed query
SOLUTION_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
}
TRIPLE_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}
HELP = ("xinzhi-kg read-only SPARQL endpoint.\nGET /sparql?query=... or POST /sparql (query=... form, or an "
        "application/sparql-query body).\nPrefixes kg: kgr: rdf: rdfs: owl: xsd: skos: dcterms: prov: are predeclared.\n")


class RequestError(Exception):
    """An HTTP error answer: a status and a plain-text message."""

    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status


def negotiate(accept: str | None, offered: dict) -> str:
    """The offered media type that best matches an ``Accept`` header (the first offered for ``*/*``).

    >>> negotiate("text/*", TRIPLE_TYPES), negotiate(None, SOLUTION_TYPES)
    ('text/turtle', 'application/sparql-results+json')
    """
    choices = []
    for position, part in enumerate((accept or "*/*").split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        q = next((_quality(p[2:]) for p in params if p.startswith("q=")), 1.0)
        choices.append((-q, position, media.lower()))
    for negative_q, _, media in sorted(choices):
        match = next((m for m in offered if media in (m, "*/*", m.split("/")[0] + "/*")), None)
        if match and negative_q < 0:
            return match
    raise RequestError(HTTPStatus.NOT_ACCEPTABLE, f"cannot answer with {accept}; offered: {', '.join(offered)}")


def _quality(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return 0.0


def answer(store: ox.Store, query: str, accept: str | None) -> tuple[str, bytes]:
    """Run a query and render it for ``accept``: (media type, body).

    >>> answer(ox.Store(), "ASK {}", "application/json")
    ('application/json', b'{"head":{},"boolean":true}')
    """
    if is_update(query):
        raise RequestError(HTTPStatus.FORBIDDEN, "this endpoint is read-only: SPARQL Update is refused")
    try:
        result = execute(store, query)
    except QueryError as exc:
        raise RequestError(HTTPStatus.BAD_REQUEST, str(exc)) from None
    if isinstance(result, ox.QueryTriples):
        media = negotiate(accept, TRIPLE_TYPES)
        if TRIPLE_TYPES[media] is ox.RdfFormat.TURTLE:
            return media, turtle_bytes(result)
        return media, ox.serialize(list(result), format=TRIPLE_TYPES[media])
    media = negotiate(accept, SOLUTION_TYPES)
    return media, result.serialize(format=SOLUTION_TYPES[media])


class SparqlHandler(BaseHTTPRequestHandler):
    """Answers SPARQL Protocol requests from ``self.server.store``."""

    server_version = "xinzhi-kg"

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._handle(lambda: self._query_from(parse_qs(urlsplit(self.path).query)))

    def do_POST(self) -> None:  # noqa: N802
        self._handle(self._query_from_body)

    def _refuse(self) -> None:
        self._send(HTTPStatus.METHOD_NOT_ALLOWED, "text/plain", b"use GET or POST\n", allow="GET, POST")

    do_PUT = do_DELETE = do_PATCH = _refuse

    def _handle(self, read_query) -> None:
        try:
            if urlsplit(self.path).path not in PATHS:
                raise RequestError(HTTPStatus.NOT_FOUND, "the endpoint is /sparql")
            query = read_query()
            if query is None:
                self._send(HTTPStatus.OK, "text/plain", HELP.encode("utf-8"))
                return
            media, body = answer(self.server.store, query, self.headers.get("Accept"))
            self._send(HTTPStatus.OK, media, body)
        except RequestError as exc:
            self._send(exc.status, "text/plain", f"{exc}\n".encode("utf-8"))

    def _query_from(self, params: dict[str, list[str]]) -> str | None:
        if "update" in params:
            raise RequestError(HTTPStatus.FORBIDDEN, "this endpoint is read-only: SPARQL Update is refused")
        if len(params.get("query", [])) > 1:
            raise RequestError(HTTPStatus.BAD_REQUEST, "give one query parameter, not several")
        return params["query"][0] if "query" in params else None

    def _query_from_body(self) -> str | None:
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            raise RequestError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"a query may have at most {MAX_BODY} bytes")
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind == "application/x-www-form-urlencoded":
            return self._query_from(parse_qs(body)) or self._missing()
        if kind == "application/sparql-query":
            return body
        if kind == "application/sparql-update":
            raise RequestError(HTTPStatus.FORBIDDEN, "this endpoint is read-only: SPARQL Update is refused")
        raise RequestError(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                           "POST an application/x-www-form-urlencoded form or an application/sparql-query body")

    def _missing(self) -> str:
        raise RequestError(HTTPStatus.BAD_REQUEST, "the form has no query parameter")

    def _send(self, status: HTTPStatus, media: str, body: bytes, allow: str | None = None) -> None:
        self.send_response(status)
        text = media.startswith("text/") or media.endswith("json")
        self.send_header("Content-Type", f"{media}; charset=utf-8" if text else media)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        if allow:
            self.send_header("Allow", allow)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        if not self.server.quiet:
            sys.stderr.write(f"{self.address_string()} - {format % args}\n")


class SparqlServer(ThreadingHTTPServer):
    """A threading HTTP server that holds the store (read-only) and whether to log requests."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], store: ox.Store, *, quiet: bool = False) -> None:
        super().__init__(address, SparqlHandler)
        self.store = store
        self.quiet = quiet


def make_server(store: ox.Store, host: str = "127.0.0.1", port: int = 7878, *, quiet: bool = False) -> SparqlServer:
    """A server bound to ``host:port`` (``port=0`` picks a free one); call ``serve_forever()`` on it.

    >>> server = make_server(ox.Store(), port=0, quiet=True); server.server_address[1] > 0
    True
    >>> server.server_close()
    """
    return SparqlServer((host, port), store, quiet=quiet)
