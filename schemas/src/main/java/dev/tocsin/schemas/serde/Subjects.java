package dev.tocsin.schemas.serde;

/** Confluent's TopicNameStrategy: the subject of a topic's values is {@code <topic>-value}. */
public final class Subjects {

    private Subjects() {}

    public static String forTopic(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }

    public static String valueSubject(String topic) {
        return forTopic(topic, false);
    }
}
