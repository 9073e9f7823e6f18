"""Where the calibration model lives (extractors.fields.calibration, trained by
scripts/train_calibration.py), and the review threshold chosen with it: the default of the
confidence_threshold setting, since confidences are the model's probabilities."""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

CALIBRATION_FILE = Path(__file__).with_name("calibration.json")


@cache
def review_threshold() -> float:
    """The probability under which a checked field sends its document to review."""
    return float(json.loads(CALIBRATION_FILE.read_text(encoding="utf-8"))["threshold"])
