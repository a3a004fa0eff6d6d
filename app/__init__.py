"""Portineria: the front-desk program of a Casa del Quartiere.

The ``app`` package is the core: database, services, reports, translations and the command line.
It never imports Qt, so everything the desk can do can be tested and scripted without a screen.
"""

__version__ = "0.1.0"
