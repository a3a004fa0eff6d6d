"""The parts of the Cash page (``ui.pages.cash_page``): one module per tab, plus the receipt output.

- ``payment_form``: the new payment, keyboard first (payer, amount, Enter); ``payment_recording``
  says which service records it (a membership card is sold through the membership service).
- ``today_payments``: the list of today's payments under the form, with its totals.
- ``receipts_list`` and ``receipt_query``: every receipt, searched by number, payer or date.
- ``summary_panel`` and ``summary_figures``: the daily summary and the closing of the cash.
- ``receipt_output``: where receipt PDFs are written, on which paper, and their preview.
"""
