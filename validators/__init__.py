"""One rule per discrepancy code, each a small pure function over a document and its context."""
from validators.codes import RULE_TEXT, SEVERITY
from validators.run import EXCLUSIVE, RULES, SUPPRESSES, Rule, validate

__all__ = ["EXCLUSIVE", "RULES", "RULE_TEXT", "SEVERITY", "SUPPRESSES", "Rule", "validate"]
