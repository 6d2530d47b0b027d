'use strict';
// Draws the dashboard's charts from its json_script block (no inline script: the
// Content-Security-Policy allows the shop's own files only). Colours follow the admin
// theme (light, dark or the system's) and are redrawn when staff switch it.
{
    const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#b07aa1', '#edc948'];
    const charts = [];

    function themeColour(name, fallback) {
        const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
        return value || fallback;
    }

    function config(id, type, data) {
        const names = Object.keys(data.series);
        // The top-seller lists lie on their side (series names are translated: go by id).
        const horizontal = type === 'bar' && id.startsWith('top_');
        return {
            type: type,
            data: {
                labels: data.labels,
                datasets: names.map((name, i) => ({
                    label: name,
                    data: data.series[name],
                    backgroundColor: type === 'doughnut' ? PALETTE : PALETTE[i % PALETTE.length],
                    borderColor: type === 'doughnut' ? themeColour('--body-bg', '#fff') : PALETTE[i % PALETTE.length],
                    tension: 0.2,
                    pointRadius: 0,
                })),
            },
            options: {
                maintainAspectRatio: false,
                animation: false,
                indexAxis: horizontal ? 'y' : 'x',
                plugins: {legend: {display: names.length > 1 || type === 'doughnut'}},
                scales: type === 'doughnut' ? {} : {
                    x: {grid: {color: themeColour('--hairline-color', '#ddd')}},
                    y: {grid: {color: themeColour('--hairline-color', '#ddd')}, beginAtZero: true},
                },
            },
        };
    }

    function draw() {
        const data = JSON.parse(document.getElementById('dashboard-data').textContent);
        Chart.defaults.color = themeColour('--body-fg', '#333');
        Chart.defaults.borderColor = themeColour('--hairline-color', '#ddd');
        charts.splice(0).forEach((chart) => chart.destroy());
        document.querySelectorAll('canvas[data-chart]').forEach((canvas) => {
            charts.push(new Chart(canvas, config(canvas.dataset.chart, canvas.dataset.type, data[canvas.dataset.chart])));
        });
        document.body.dataset.chartsDrawn = String(charts.length);
    }

    window.addEventListener('DOMContentLoaded', () => {
        draw();
        // The admin's theme toggle sets data-theme on <html>; the system may switch too.
        new MutationObserver(draw).observe(document.documentElement, {attributes: true, attributeFilter: ['data-theme']});
        window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', draw);
    });
}
