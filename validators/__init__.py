"""One rule per discrepancy code, each a small pure function over a document and its context."""
