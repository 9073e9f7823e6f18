"""One word for each value everywhere, and municipality names as SCB writes them."""
from __future__ import annotations

import pytest

from config.registry import load_registry
from config.vocabulary import FLAG_TITLES, STATUS_NAMES
from reports import labels
from validators.codes import SEVERITY
from webui.present import install_filters


def test_every_code_has_a_swedish_title():
    assert set(FLAG_TITLES) == set(SEVERITY)


def test_the_report_and_the_desk_use_the_same_words():
    from jinja2 import Environment

    env = Environment()
    install_filters(env)
    for status, word in STATUS_NAMES.items():
        assert labels.status(status) == env.filters["status"](status) == word
    assert labels.status("resolved") == "Löst"
    for severity in SEVERITY.values():
        assert labels.severity(severity) == env.filters["severity"](severity)


@pytest.mark.parametrize(("code", "name"), [
    ("0980", "Gotlands kommun"), ("1380", "Halmstads kommun"), ("1280", "Malmö stad"),
    ("0380", "Uppsala kommun"), ("2514", "Kalix kommun"), ("0880", "Kalmar kommun"),
    ("1421", "Orust kommun"), ("2080", "Falu kommun"), ("1480", "Göteborgs Stad"),
    ("1482", "Kungälvs kommun"), ("0127", "Botkyrka kommun"), ("2161", "Ljusdals kommun"),
])
def test_municipality_names_as_scb_writes_them(code, name):
    assert load_registry().get(code).name == name
