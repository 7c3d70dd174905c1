"""Shared fixtures and the hypothesis profiles (a bounded one for CI)."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

import muscle_nutrients as mn

from .fixture_kb import tiny_knowledge_base

settings.register_profile(
    "ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
settings.register_profile("dev", max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--run-slow", action="store_true", help="run the opt-in slow checks")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--run-slow"):
        return
    skip = pytest.mark.skip(reason="opt-in: pass --run-slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Report the ranking's accuracy on the clinical presentations, when they ran."""
    from .test_presentations import ACCURACY

    if ACCURACY:
        terminalreporter.section("rank_causes on tests/presentations.json")
        for label, figures in ACCURACY.items():
            terminalreporter.write_line(f"from {label}: {figures}")


@pytest.fixture(scope="session")
def kb() -> mn.KnowledgeBase:
    """The packaged knowledge base."""
    return mn.load()


@pytest.fixture(scope="session")
def tiny() -> mn.KnowledgeBase:
    """A small hand-drawn knowledge base whose answers are known exactly."""
    return tiny_knowledge_base()
