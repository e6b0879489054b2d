"""Scraping `/metrics` as Prometheus would, parsed with prometheus-client's own parser."""

from __future__ import annotations

import httpx
from prometheus_client.parser import text_string_to_metric_families

Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


async def scrape(base_url: str) -> Samples:
    """Every sample of `/metrics`, keyed by (sample name, sorted labels)."""
    async with httpx.AsyncClient(timeout=30) as client:
        response = await client.get(f"{base_url}/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    found: Samples = {}
    for family in text_string_to_metric_families(response.text):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def value(samples: Samples, name: str, **labels: str) -> float:
    """One sample's value (0 when absent: a labelled counter appears on first use)."""
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def total(samples: Samples, name: str, **labels: str) -> float:
    """The sum over every series of `name` whose labels include `labels`."""
    wanted = set(labels.items())
    return sum(v for (n, found), v in samples.items() if n == name and wanted <= set(found))


async def get(base_url: str, path: str) -> tuple[int, dict[str, object]]:
    """GET a JSON endpoint: status and body."""
    async with httpx.AsyncClient(timeout=30) as client:
        response = await client.get(f"{base_url}{path}")
    return response.status_code, response.json()
