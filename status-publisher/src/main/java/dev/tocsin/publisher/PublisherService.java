package dev.tocsin.publisher;

import dev.tocsin.avro.Incident;
import dev.tocsin.avro.MaintenanceWindow;
import dev.tocsin.publisher.delivery.EmailConfig;
import dev.tocsin.publisher.delivery.EmailDelivery;
import dev.tocsin.publisher.delivery.WebhookDeliveryConfig;
import dev.tocsin.publisher.delivery.WebhookDispatcher;
import dev.tocsin.publisher.domain.Ids;
import dev.tocsin.publisher.http.PageFeed;
import dev.tocsin.publisher.http.PageReplica;
import dev.tocsin.publisher.http.StatusApi;
import dev.tocsin.publisher.subscribe.SubscriptionApi;
import dev.tocsin.publisher.subscribe.SubscriptionWriter;
import dev.tocsin.publisher.topology.PageOptions;
import dev.tocsin.publisher.topology.PublisherMetrics;
import dev.tocsin.publisher.topology.PublisherTopology;
import dev.tocsin.publisher.web.StatuspageJson;
import dev.tocsin.publisher.zendesk.ZendeskConfig;
import dev.tocsin.publisher.zendesk.ZendeskWriteBack;
import dev.tocsin.runtime.config.Environment;
import dev.tocsin.runtime.config.ServiceConfig;
import dev.tocsin.runtime.http.HealthCheck;
import dev.tocsin.runtime.http.InstanceRouter;
import dev.tocsin.runtime.http.ServiceHttpServer;
import dev.tocsin.runtime.kafka.SchemaPrewarm;
import dev.tocsin.runtime.lifecycle.Closer;
import dev.tocsin.runtime.metrics.ServiceMetrics;
import dev.tocsin.runtime.streams.StreamsRunner;
import dev.tocsin.schemas.registry.SchemaRegistry;
import dev.tocsin.schemas.serde.AvroSerdes;
import dev.tocsin.schemas.topics.Topics;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires status-publisher: page topology, Streams lifecycle and the public status page. */
public final class PublisherService implements AutoCloseable {

    public static final String NAME = "status-publisher";
    private static final Logger LOG = LoggerFactory.getLogger(PublisherService.class);
    /**
     * Statuspage's component {@code created_at}; Tocsin has no page set-up moment, and a fixed one
     * keeps every instance's responses (and their ETags) identical.
     */
    private static final Instant PAGE_CREATED_AT = Instant.parse("2026-01-01T00:00:00Z");

    private final Closer parts = new Closer();
    private ServiceHttpServer http;
    private StreamsRunner streams;

    public static PublisherService start(Environment env, Runnable onFatal) {
        return Closer.startOrClose(new PublisherService(), service -> service.startParts(env, onFatal));
    }

    private void startParts(Environment env, Runnable onFatal) {
        ServiceConfig config = ServiceConfig.from(env, NAME, PublisherSettings.DEFAULT_PORT);
        env.validate(PublisherSettings.all());
        PageOptions options = PublisherSettings.pageOptions(env);
        WebhookDeliveryConfig webhooks = WebhookDeliveryConfig.from(env);
        Optional<ZendeskConfig> zendesk = ZendeskConfig.from(env);
        EmailConfig email = EmailConfig.from(env);
        LOG.info(
                "Starting {} with {}; webhooks {}; e-mail {}; zendesk {}",
                NAME,
                config,
                webhooks,
                email,
                zendesk.map(Object::toString).orElse("off"));

        ServiceMetrics metrics = new ServiceMetrics(NAME);
        parts.add(metrics);
        AvroSerdes serdes = new AvroSerdes(SchemaRegistry.connect(config.schemaRegistry()));
        Topics topics = Topics.create(config.topicPrefix(), serdes);
        Properties props = StreamsRunner.properties(config, topics.deadLetters().name(), metrics);
        // still advertised for Kafka Streams metadata; the page itself is served by every instance from its replica
        InstanceRouter.advertise(props, env.optional(PublisherSettings.APPLICATION_SERVER));
        streams = new StreamsRunner(
                PublisherTopology.build(topics, serdes, options, new PublisherMetrics(metrics.registry())),
                props,
                metrics,
                config.shutdownTimeout(),
                onFatal);
        parts.add(streams);
        SchemaPrewarm.run(serdes.registry(), topics, SchemaPrewarm.PATIENCE);
        streams.start();
        if (webhooks.enabled()) {
            parts.add(WebhookDispatcher.start(
                    webhooks,
                    topics,
                    config.kafkaProperties(),
                    config.applicationId() + "-webhooks",
                    metrics.registry(),
                    onFatal));
        }
        zendesk.ifPresent(settings -> parts.add(ZendeskWriteBack.start(
                settings,
                topics,
                config.kafkaProperties(),
                config.applicationId() + "-zendesk",
                metrics.registry(),
                onFatal)));
        String pageName = env.get(PublisherSettings.PAGE_NAME);
        String pageUrl = env.get(PublisherSettings.PAGE_URL);
        SubscriptionApi subscriptions = null;
        if (email.enabled()) {
            parts.add(EmailDelivery.start(
                    email,
                    pageUrl,
                    topics,
                    config.kafkaProperties(),
                    config.applicationId() + "-email",
                    metrics.registry(),
                    onFatal));
            SubscriptionWriter writer = new SubscriptionWriter(topics, config.kafkaProperties());
            parts.add(writer);
            subscriptions = new SubscriptionApi(
                    email,
                    options.catalog(),
                    pageUrl,
                    pageName,
                    writer,
                    webhooks.enabled() ? webhooks.secret() : null,
                    metrics.registry(),
                    java.time.Clock.systemUTC());
        }
        StatuspageJson.Page page =
                new StatuspageJson.Page(Ids.stable("page", pageName), pageName, pageUrl, "Etc/UTC", PAGE_CREATED_AT);
        PageFeed feed = new PageFeed();
        parts.add(PageReplica.start(
                config.kafkaProperties(),
                config.applicationId(),
                serdes.value(Incident.class).deserializer(),
                serdes.value(MaintenanceWindow.class).deserializer(),
                topics.componentDaily().name(),
                topics.componentDaily().valueSerde().deserializer(),
                feed));
        StatusApi api = new StatusApi(feed, options.catalog(), page, subscriptions != null);
        SubscriptionApi subscriptionRoutes = subscriptions;
        // ready = can serve the page: loaded from the replica and processing, a rebalance included
        // the public page's port serves the page only; metrics and probes are on the management port
        http = ServiceHttpServer.builder(NAME, metrics, HealthCheck.allOf(streams.processing(), feed::readiness))
                .listen(config.httpHost(), config.httpPort(), env.get(PublisherSettings.MANAGEMENT_PORT))
                .routes(app -> {
                    api.register(app);
                    if (subscriptionRoutes != null) {
                        subscriptionRoutes.register(app);
                    }
                })
                .start();
        parts.add(http);
    }

    public int port() {
        return http.port();
    }

    /** Where /metrics, /health and /ready answer (never the public page's port). */
    public int managementPort() {
        return http.managementPort();
    }

    public StreamsRunner streams() {
        return streams;
    }

    @Override
    public void close() {
        parts.close();
    }
}
