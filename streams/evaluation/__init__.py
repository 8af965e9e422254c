"""Quality measures of newsfold stages on labelled data (no Kafka)."""
