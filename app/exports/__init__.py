"""CSV exports of every list of the desk, in two dialects (``csv_dialects``).

One module per list yields its rows, read through the services; ``registry`` names the lists
and writes one. This package is light at its top so that ``app.services.receipts`` can use
``csv_dialects`` without importing the services back.
"""
