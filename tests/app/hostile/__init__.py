"""Helpers of the hostile-input test: strategies of bad values and one call recipe per service write."""
