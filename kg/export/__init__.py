"""Exporters: the graph as Turtle and as an interactive HTML page."""
