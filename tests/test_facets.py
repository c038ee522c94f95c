"""Facet counts: each option's count is what selecting it would show (events + statements) under the other
filters. The oracle is the page's own count of that selection, a different query (IN lists, no GROUP BY)."""

from __future__ import annotations

import pytest

from components import facets, queries
from components.filters import CHOICES, Filters

FILTERS = {
    "none": Filters(),
    "dates": Filters(date_from="2025-01-01"),
    "topic": Filters(topics=("bases",)),
    "actor and search": Filters(actors=("sergey-lavrov",), text="bases"),
    "country": Filters(countries=("RU",), date_to="2025-12"),
}


def _items(db, f: Filters) -> int:
    return queries.count_events(db, f) + queries.count_statements(db, f)


@pytest.mark.parametrize("name", FILTERS)
@pytest.mark.parametrize("dim", [d.name for d in CHOICES])
def test_each_count_is_what_choosing_that_option_shows(built_db, name, dim):
    f = FILTERS[name]
    got = facets.counts(built_db, f, dim)
    ids = queries.fetch_reference_ids(built_db)[next(d.ref for d in CHOICES if d.name == dim)]
    for value in ids:
        chosen = f.with_(**{dim: (value,)})
        assert got.get(value, 0) == _items(built_db, chosen), (dim, value)


def test_the_dimensions_own_choice_does_not_narrow_its_counts(built_db):
    """Choosing Lavrov keeps the other officials' counts (a facet counts under the *other* filters)."""
    alone = facets.counts(built_db, Filters(), "actors")
    assert facets.counts(built_db, Filters(actors=("sergey-lavrov",)), "actors") == alone
    assert len(alone) > 1


def test_a_facet_past_its_time_limit_is_left_without_counts(built_db):
    with pytest.raises(facets.FacetTimeout):
        facets.counts(built_db, Filters(text="sovereignty"), "topics", time_limit_ms=-1)
    f = Filters(date_from="2000")
    assert facets.all_counts(built_db, f, time_limit_ms=-1) == {d.name: None for d in CHOICES}


def test_counts_under_no_other_filter_are_never_cut(built_db):
    """They are the same for every reader and cached once, so they run to the end whatever the limit."""
    assert facets.all_counts(built_db, Filters(), time_limit_ms=-1) == facets.all_counts(built_db, Filters())
    assert facets.counts(built_db, Filters(actors=("sergey-lavrov",)), "actors", time_limit_ms=-1)
