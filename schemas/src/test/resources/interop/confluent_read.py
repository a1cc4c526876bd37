#!/usr/bin/env python3
"""Independent peer: reads one record written by Tocsin's serde with Confluent's own Python
client (confluent-kafka's SchemaRegistryClient and Consumer) and decodes it with Apache Avro's
Python library. Prints what it found as JSON. Uses nothing from the Tocsin repository.

usage: confluent_read.py BOOTSTRAP REGISTRY_URL TOPIC
"""
import io
import json
import struct
import sys

import avro.io
import avro.schema
from confluent_kafka import Consumer, TopicPartition
from confluent_kafka.schema_registry import SchemaRegistryClient


def main(bootstrap, registry_url, topic):
    registry = SchemaRegistryClient({"url": registry_url})
    latest = registry.get_latest_version(topic + "-value")
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "interop-" + topic,
                         "enable.auto.commit": False, "auto.offset.reset": "earliest"})
    consumer.assign([TopicPartition(topic, 0, 0)])
    message = None
    for _ in range(100):
        message = consumer.poll(0.5)
        if message is not None and message.error() is None:
            break
    consumer.close()
    if message is None or message.error() is not None:
        raise SystemExit("no record on " + topic)
    value = message.value()
    magic, schema_id = struct.unpack(">bI", value[:5])
    writer = avro.schema.parse(registry.get_schema(schema_id).schema_str)
    record = avro.io.DatumReader(writer).read(avro.io.BinaryDecoder(io.BytesIO(value[5:])))
    print(json.dumps({
        "magic": magic,
        "schemaId": schema_id,
        "latestId": latest.schema_id,
        "latestVersion": latest.version,
        "subjects": registry.get_subjects(),
        "record": record,
    }, default=str))


if __name__ == "__main__":
    main(*sys.argv[1:4])
