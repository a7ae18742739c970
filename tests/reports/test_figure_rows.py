"""The dashboard's figure tables: one row per group, every count linked to its dossiers."""

from motcua.reports.stats import Figures
from motcua.reports.templatetags.reports import figure_rows


def test_each_count_links_to_its_measure_and_labels_are_escaped():
    figures = Figures(received=1234, resolved=10, early=3, on_time=5, late=2)
    html = str(figure_rows([("Phường <b>Tây</b> & Mỗ", figures, "unit=a&b")], "/thong-ke/ho-so/"))

    assert "<b>" not in html and "Phường &lt;b&gt;Tây&lt;/b&gt; &amp; Mỗ" in html
    for measure in ("received", "online", "resolved", "early", "on_time", "late",
                    "open_in_time", "open_overdue"):  # fmt: skip
        assert f'href="/thong-ke/ho-so/?unit=a&amp;b&amp;measure={measure}"' in html
    assert ">1.234</a>" in html  # Vietnamese thousands
    assert 'measure=late" data-measure="late">2</a>' in html
    assert "<td>80,00%</td>" in html  # on time: (3 + 5) ÷ 10


def test_the_trend_chart_writes_counts_the_vietnamese_way():
    from motcua.reports.charts import trend_svg

    svg = trend_svg([("01/26", 5_000, 15_983, 0), ("02/26", 1, 2, 3)])

    assert ">20.983</text>" in svg  # the axis's top
    assert "trước hạn 5.000, đúng hạn 15.983, quá hạn 0" in svg  # the title read aloud
