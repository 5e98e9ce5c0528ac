"""xinzhi-kg: a knowledge-graph builder for Chinese policy and political-economy texts.

The pipeline is one module per stage::

    ingest -> clean -> sentences -> entities -> relations -> graph -> export

and :func:`kg.pipeline.build` runs it end to end.
"""

__version__ = "0.1.0"
