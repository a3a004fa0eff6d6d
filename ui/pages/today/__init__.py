"""The sections of the Today page (``ui/pages/today_page.py``), one module each."""
