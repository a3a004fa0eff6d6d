"""The PySide6 desk: pages, dialogs, Qt models and printing, over the services of ``app``."""
