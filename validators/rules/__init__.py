"""The rules, one function per discrepancy code, grouped by what they look at."""
