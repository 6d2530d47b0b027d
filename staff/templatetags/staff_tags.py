"""The dashboard's chart blocks and its percentages."""

from typing import Any

from django import template

register = template.Library()


@register.inclusion_tag("staff/_chart.html")
def chart(
    id: str, type: str, title: str, first: str, dashboard: Any, charts: dict
) -> dict[str, Any]:
    """A chart's canvas and the table of its series (a row per label)."""
    data = charts[id]
    names = list(data["series"])
    columns = [data["series"][name] for name in names]
    rows = [
        (label, [_cell(column[i]) for column in columns])
        for i, label in enumerate(data["labels"])
        if any(column[i] for column in columns) or type != "line"
    ]
    return {
        "id": id,
        "type": type,
        "title": title,
        "first": first,
        "series_names": names,
        "rows": rows,
        "open": len(rows) <= 10,
    }


def _cell(value: Any) -> str:
    return f"{value:.2f}" if isinstance(value, float) else str(value)


@register.filter
def percent(share: float | None) -> str:
    return "-" if share is None else f"{share:.0%}"


@register.filter
def percent_of(whole: int | None, percent: int) -> int:
    return int((whole or 0) * percent / 100)
