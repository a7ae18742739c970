"""The home page: search, most used procedures, fields and the last 12 months' figures."""

import datetime as dt

from motcua.portal.models import SatisfactionRating
from motcua.portal.selectors import home_figures
from tests.dossiers.factories import dossier_in


def test_figures_count_on_time_results_and_satisfied_ratings(world):
    returned = dossier_in("returned", world)
    dossier_in("processing", world)
    SatisfactionRating.objects.create(
        dossier=returned, score=5, visit_count=0, source="lookup", unit=world.desk,
        rated_at=returned.finished_at + dt.timedelta(hours=1),
    )  # fmt: skip
    figures = home_figures(at=returned.finished_at + dt.timedelta(days=1))
    assert (figures.finished, figures.on_time, figures.on_time_rate) == (1, 1, 100.0)
    assert (figures.ratings, figures.satisfied, figures.satisfaction_rate) == (1, 1, 100.0)
    assert figures.most_used[0] == {"code": "1.009994", "name": world.version.name, "count": 2}


def test_figures_are_empty_without_data_and_use_fixed_queries(world, django_assert_num_queries):
    figures = home_figures()
    assert figures.on_time_rate is None and figures.satisfaction_rate is None
    assert figures.most_used == []
    dossier_in("returned", world)
    with django_assert_num_queries(3):
        home_figures()
    for _ in range(3):
        dossier_in("returned", world)
    with django_assert_num_queries(3):
        home_figures()


def test_home_page_shows_search_and_figures(client, world):
    dossier_in("returned", world)
    page = client.get("/").content.decode()
    assert "Tra cứu thủ tục hành chính" in page
    assert "Giải quyết đúng hạn" in page
    assert "Thủ tục được sử dụng nhiều" in page
    assert "Tra cứu hồ sơ" in page
    assert "Hoạt động xây dựng" in page
