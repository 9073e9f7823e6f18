"""The calibration trainer: a logistic fit that stays monotone in the raw confidence, and the
review threshold as the lowest that keeps unreviewed values right often enough."""
from __future__ import annotations

import random

from train_calibration import Outcome, at_threshold, choose_threshold, fit


def test_fit_learns_that_a_higher_confidence_is_more_often_right() -> None:
    rng = random.Random(1)
    xs, ys = [], []
    for _ in range(400):
        raw = rng.random()
        xs.append({"bias": 1.0, "raw": raw})
        ys.append(rng.random() < raw)
    coefficients = fit(xs, ys, l2=1.0)
    assert coefficients["raw"] > 1.0


def test_fit_holds_a_confidence_coefficient_at_zero_rather_than_negative() -> None:
    rng = random.Random(2)
    xs, ys = [], []
    for _ in range(400):
        raw = rng.random()
        xs.append({"bias": 1.0, "raw": raw})
        ys.append(rng.random() > raw)
    assert "raw" not in fit(xs, ys)


def test_the_threshold_is_the_lowest_that_keeps_unreviewed_values_right() -> None:
    results = [Outcome(0.99, [(0.99, True)] * 10, 0),
               Outcome(0.9, [(0.9, True)] * 9 + [(0.9, False)], 0),
               Outcome(0.5, [(0.5, False)] * 5, 0)]
    threshold = choose_threshold(results, 0.99, budget=1.0)
    assert 0.9 < threshold <= 0.99
    review, right, _, values = at_threshold(results, threshold)
    assert (round(review, 2), right, values) == (0.67, 1.0, 10)
    assert choose_threshold(results, 0.9, budget=1.0) <= 0.9


def test_the_threshold_sends_no_more_than_the_budget_to_review() -> None:
    results = [Outcome(0.99, [(0.99, True)] * 10, 0),
               Outcome(0.9, [(0.9, True)] * 9 + [(0.9, False)], 0),
               Outcome(0.5, [(0.5, False)] * 5, 0)]
    threshold = choose_threshold(results, 0.99, budget=0.4)
    assert 0.5 < threshold <= 0.9
    assert at_threshold(results, threshold)[0] <= 0.4


def test_a_corpus_read_worse_than_the_others_raises_the_threshold() -> None:
    good = [Outcome(0.95, [(0.95, True)] * 10, 0) for _ in range(40)]
    worse = [Outcome(0.97, [(0.97, True)] * 10, 0), Outcome(0.8, [(0.8, False)] * 3, 0)]
    assert choose_threshold([*good, *worse], 0.99, budget=0.2) == 0.0
    assert 0.8 < choose_threshold([good, worse], 0.99, budget=0.2) <= 0.95
