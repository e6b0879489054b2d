"""The metrics seam's label rules and the Prometheus registry's exposition."""

from __future__ import annotations

from prometheus_client import CollectorRegistry
from prometheus_client.parser import text_string_to_metric_families

from digests.models import AddOutcome, AddResult
from digests.ops.metrics import NULL_METRICS, rejection_kind
from digests.ops.prometheus import PrometheusMetrics, is_message_method


def test_rejection_reasons_become_a_bounded_set_of_kinds() -> None:
    assert rejection_kind("too large: 500000 characters (limit 400000)") == "too large"
    assert rejection_kind("unreadable: no such file or folder") == "unreadable"
    assert rejection_kind("could not be saved: IntegrityError: ...") == "could not be saved"
    assert rejection_kind("something new") == "other"
    assert rejection_kind(None) == "other"


def test_two_registries_never_share_series() -> None:
    one, two = PrometheusMetrics(CollectorRegistry()), PrometheusMetrics(CollectorRegistry())
    one.article_ingested(AddResult(AddOutcome.REJECTED, reason="empty"))
    one.article_ingested(AddResult(AddOutcome.ADDED))
    families = {f.name: f for f in text_string_to_metric_families(one.exposition().decode())}
    rejected = families["newsdigest_articles_rejected"]
    assert [(s.labels, s.value) for s in rejected.samples if s.name.endswith("_total")] == [
        ({"reason": "empty"}, 1.0)]
    assert two.registry.get_sample_value("newsdigest_articles_ingested_total",
                                         {"outcome": "added"}) is None


def test_only_message_methods_count_as_messages() -> None:
    assert is_message_method("sendMessage")
    assert is_message_method("editMessageText")
    assert not is_message_method("sendChatAction")
    assert not is_message_method("getUpdates")


def test_the_null_metrics_accept_everything() -> None:
    NULL_METRICS.feed_polled("updated", 0.1)
    NULL_METRICS.update_handled("x", "ok", 0.1)
    NULL_METRICS.alert_sent()
