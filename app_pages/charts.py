"""Plotly figures from a vacancy's report, and each one's figures as rows of a table (a chart
is a picture; its text alternative, WCAG 1.1.1, is the table shown under it). No arithmetic on
scores here: the figures come ready from the service (scoring/rules/reports.py). Nothing is told by
colour alone: lines and bars carry their values and names as text."""

from __future__ import annotations

import plotly.graph_objects as go

from scoring.rules.calibration import Calibration
from use_cases.models import VacancyReport


def totals_histogram(report: VacancyReport) -> go.Figure:
    figure = go.Figure(
        go.Histogram(
            x=report.totals, nbinsx=min(40, max(5, len(set(report.totals)))), name="Applications"
        )
    )
    for value, label, dash in (
        (report.cut_off, "cut-off", "dash"),
        (report.pass_mark, "pass mark", "dot"),
    ):
        if value is not None:
            figure.add_vline(
                x=value,
                line_dash=dash,
                line_color="#b00020",
                annotation_text=f"{label} {value:g}",
            )
    figure.update_layout(
        title="Totals of the applications meeting or failing the minimum",
        xaxis_title="Total",
        yaxis_title="Applications",
        height=340,
        margin={"t": 50},
    )
    return figure


def heatmap(report: VacancyReport, limit: int = 200) -> go.Figure:
    rows = report.matrix[:limit]
    figure = go.Figure(
        go.Heatmap(
            z=rows,
            x=report.matrix_criteria,
            y=report.matrix_references[:limit],
            # not red against green (which many cannot tell apart), and each cell's score
            # written in it: the colour only repeats the number
            colorscale="Cividis",
            colorbar={"title": "Agreed"},
            texttemplate="%{z}",
        )
    )
    shown = f" (first {limit})" if len(report.matrix) > limit else ""
    figure.update_layout(
        title=f"Agreed scores: applications x criteria{shown}",
        height=max(320, 16 * len(rows) + 120),
        yaxis={"autorange": "reversed"},
        margin={"t": 50},
    )
    return figure


def pass_rates(report: VacancyReport) -> go.Figure:
    ordered = sorted(report.pass_rates, key=lambda r: r.rate)
    figure = go.Figure(
        go.Bar(
            x=[r.rate * 100 for r in ordered],
            y=[r.label[:60] for r in ordered],
            orientation="h",
            text=[f"{r.passed}/{r.assessed}" for r in ordered],
        )
    )
    figure.update_layout(
        title="Pass rate per essential criterion (lowest rules most people out)",
        xaxis_title="% meeting it",
        height=max(300, 24 * len(ordered) + 100),
        margin={"t": 50, "l": 10},
    )
    return figure


def agreement(report: VacancyReport) -> go.Figure:
    labels = [f"{a.member_a} / {a.member_b}" for a in report.agreement]
    figure = go.Figure(
        [
            go.Bar(
                name="Identical scores (%)",
                x=labels,
                y=[a.exact * 100 for a in report.agreement],
                text=[f"{a.exact:.0%} identical" for a in report.agreement],
            ),
            go.Bar(
                name="Mean difference (points x 10)",
                x=labels,
                y=[a.mean_difference * 10 for a in report.agreement],
                text=[f"{a.mean_difference:.2f} apart" for a in report.agreement],
                marker_pattern_shape="/",  # told apart by pattern and words, not colour alone
            ),
        ]
    )
    figure.update_layout(
        title="Panel agreement, member against member",
        barmode="group",
        height=340,
        margin={"t": 50},
    )
    return figure


def funnel(report: VacancyReport) -> go.Figure:
    f = report.funnel
    stages = [
        "Applied",
        "Meets the minimum criteria",
        "Shortlisted on merit",
        "Invited to interview (every route)",
    ]
    values = [
        f.considered,
        f.meets_minimum,
        f.shortlisted_on_merit,
        f.interviewed,
    ]
    figure = go.Figure(go.Funnel(y=stages, x=values, textinfo="value"))
    figure.update_layout(title="From application to interview", height=340, margin={"t": 50})
    return figure


def calibration(result: Calibration) -> go.Figure:
    """Each member's mean gap from the panel's mean on the same scores; the dashed lines are
    the harsh and lenient flags."""
    members = list(result.members)
    colours = {"harsh": "#b00020", "lenient": "#1f6feb", "": "#6e7781"}
    figure = go.Figure(
        go.Bar(
            x=[m.member for m in members],
            y=[m.panel_gap for m in members],
            marker_color=[colours.get(m.flag, "#6e7781") for m in members],
            text=[m.flag or "" for m in members],
            hovertext=[m.explanation for m in members],
            name="Gap from the panel's mean",
        )
    )
    for value, label in ((result.threshold, "lenient"), (-result.threshold, "harsh")):
        figure.add_hline(y=value, line_dash="dash", annotation_text=label)
    figure.update_layout(
        title="Each member against the panel on the same applications",
        yaxis_title="Mean gap (points)",
        height=320,
        margin={"t": 50},
    )
    return figure


# Each chart's figures, as the rows of a table.


def totals_figures(report: VacancyReport) -> list[dict[str, object]]:
    counts: dict[float, int] = {}
    for total in report.totals:
        counts[total] = counts.get(total, 0) + 1
    marks = {report.cut_off: "cut-off", report.pass_mark: "pass mark"}
    return [
        {"Total": f"{total:g}", "Applications": n, "Line": marks.get(total, "")}
        for total, n in sorted(counts.items(), reverse=True)
    ]


def funnel_figures(report: VacancyReport) -> list[dict[str, object]]:
    f = report.funnel
    return [
        {"Stage": "Applied", "Applications": f.considered},
        {"Stage": "Meets the minimum criteria", "Applications": f.meets_minimum},
        {"Stage": "Shortlisted on merit", "Applications": f.shortlisted_on_merit},
        {"Stage": "Invited to interview (every route)", "Applications": f.interviewed},
        {
            "Stage": "of whom under a guaranteed-interview scheme",
            "Applications": f.tally.under_scheme,
        },
        {"Stage": "of whom in a priority round", "Applications": f.tally.priority_round},
        {"Stage": "of whom by a person's decision", "Applications": f.tally.by_decision},
    ]


def pass_rate_figures(report: VacancyReport) -> list[dict[str, object]]:
    return [
        {
            "Essential criterion": r.label,
            "Assessed": r.assessed,
            "Meeting it": r.passed,
            "Rate": f"{r.rate:.0%}",
        }  # fmt: skip
        for r in sorted(report.pass_rates, key=lambda r: r.rate)
    ]


def agreement_figures(report: VacancyReport) -> list[dict[str, object]]:
    return [
        {
            "Members": f"{a.member_a} / {a.member_b}",
            "Scores compared": a.pairs,
            "Identical": f"{a.exact:.0%}",
            "Mean difference (points)": f"{a.mean_difference:.2f}",
        }  # fmt: skip
        for a in report.agreement
    ]


def heatmap_figures(report: VacancyReport, limit: int = 200) -> list[dict[str, object]]:
    return [
        {
            "Application": reference,
            **{
                c: "" if v is None else f"{v:g}"
                for c, v in zip(report.matrix_criteria, row, strict=True)
            },
        }  # fmt: skip
        for reference, row in zip(
            report.matrix_references[:limit], report.matrix[:limit], strict=True
        )
    ]
