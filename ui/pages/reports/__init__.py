"""The Reports page's parts: its panels and the worker that makes reports off the UI thread."""
