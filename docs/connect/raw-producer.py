# Writes one Alertmanager webhook body to tocsin.ingest.raw (needs confluent-kafka: pip or python3-confluent-kafka).
# Usage: python3 raw-producer.py BOOTSTRAP_SERVERS TOPIC FILE.json
import sys

from confluent_kafka import Producer

bootstrap, topic, path = sys.argv[1:4]
producer = Producer({"bootstrap.servers": bootstrap, "acks": "all", "enable.idempotence": True})
with open(path, "rb") as body:
    # the format header names the normalizer: alertmanager, grafana, pagerduty, generic-alert,
    # zendesk or generic-report; no key needed (Tocsin keys what it writes by product)
    producer.produce(topic, value=body.read(), headers=[("format", b"alertmanager")])
if producer.flush(30) != 0:
    sys.exit("not delivered")
