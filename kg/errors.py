"""Error types of the project.

Every error names the bad value (a file, a pattern, a query) and what to do
about it; the CLI prints ``Error: <message>`` and exits with code 1.

>>> str(InputError("seeds/x.txt", "the file is empty"))
'seeds/x.txt: the file is empty'
"""


class KGError(Exception):
    """Base class of all handled errors."""


class InputError(KGError):
    """An input file or folder that cannot be read as a document."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class DictionaryError(KGError):
    """A lexicon file under ontology/ that is malformed."""


class PatternError(KGError):
    """A rule file under ontology/ that is malformed."""


class QueryError(KGError):
    """A SPARQL query that cannot be parsed or run."""


class ExportError(KGError):
    """An output that cannot be written."""
