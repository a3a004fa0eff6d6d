"""The parts of the Tool library page: the desk (lend and take back with one scan field), the
catalogue and the overdue list. ``ui.pages.lending_page`` puts them in tabs."""
