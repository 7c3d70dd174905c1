"""The data catalog pages: named, rendered from the data, linking sources where asked."""

from __future__ import annotations

import pytest

import muscle_nutrients as mn
from muscle_nutrients import catalog


def test_pages_cover_every_nutrient_and_food_group(kb: mn.KnowledgeBase) -> None:
    names = catalog.pages(kb)
    assert names[:2] == ("index", "sources") and {n.id for n in kb.nutrients} <= set(names)
    groups = {f"foods-{catalog.slug(f.food_group.value)}" for f in kb.common_foods}
    assert groups <= set(names) and len(names) == len(set(names))


def test_a_page_says_what_the_data_says(kb: mn.KnowledgeBase) -> None:
    text = catalog.page(kb, "potassium")
    assert text.startswith("# Potassium\n")
    for link in kb.symptoms_of("potassium"):
        assert f"| {link.symptom.name} | {link.symptom.hpo_id} | {link.evidence.value} |" in text
    assert "(../sources.md#" in text
    served = catalog.page(kb, "potassium", source_link=lambda s: f"x://sources/{s}")
    assert "(x://sources/" in served and "../sources.md" not in served


def test_unknown_page() -> None:
    with pytest.raises(KeyError, match="no catalog page 'nope'"):
        catalog.page(mn.load(), "nope")


def test_slug() -> None:
    assert catalog.slug("Dairy and Egg Products") == "dairy-and-egg-products"
