package dev.tocsin.ingest;

import dev.tocsin.avro.MonitoringAlert;
import dev.tocsin.avro.Silence;
import dev.tocsin.ingest.domain.AlertNormalizers;
import dev.tocsin.ingest.domain.IngestRetention;
import dev.tocsin.ingest.domain.NormalizerSettings;
import dev.tocsin.ingest.domain.Normalizers;
import dev.tocsin.ingest.domain.ProductCatalog;
import dev.tocsin.ingest.domain.ReportNormalizers;
import dev.tocsin.ingest.domain.RoutingRules;
import dev.tocsin.ingest.domain.RoutingRulesException;
import dev.tocsin.ingest.http.BatchWriter;
import dev.tocsin.ingest.http.BodyLimits;
import dev.tocsin.ingest.http.IngestApi;
import dev.tocsin.ingest.http.IngestMetrics;
import dev.tocsin.ingest.http.RateLimiter;
import dev.tocsin.ingest.http.RequestBodies;
import dev.tocsin.ingest.http.RouteGroup;
import dev.tocsin.ingest.http.RouteGuard;
import dev.tocsin.ingest.http.SilenceMetrics;
import dev.tocsin.ingest.http.SilencesApi;
import dev.tocsin.ingest.http.ZendeskSignature;
import dev.tocsin.ingest.kafka.GroupCommitMetrics;
import dev.tocsin.ingest.kafka.PagerDutyMemory;
import dev.tocsin.ingest.kafka.RetentionSweeper;
import dev.tocsin.ingest.kafka.SilenceBook;
import dev.tocsin.ingest.kafka.TransactionalWriter;
import dev.tocsin.ingest.topology.IngestTopology;
import dev.tocsin.runtime.config.CommonSettings;
import dev.tocsin.runtime.config.ConfigException;
import dev.tocsin.runtime.config.Environment;
import dev.tocsin.runtime.config.ServiceConfig;
import dev.tocsin.runtime.config.Setting;
import dev.tocsin.runtime.http.Credentials;
import dev.tocsin.runtime.http.ServiceHttpServer;
import dev.tocsin.runtime.kafka.SchemaPrewarm;
import dev.tocsin.runtime.lifecycle.Closer;
import dev.tocsin.runtime.metrics.ServiceMetrics;
import dev.tocsin.runtime.streams.StreamsRunner;
import dev.tocsin.schemas.registry.SchemaRegistry;
import dev.tocsin.schemas.rules.ProductNames;
import dev.tocsin.schemas.serde.AvroSerdes;
import dev.tocsin.schemas.topics.Topics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires alert-ingest: configuration, normalizers, Kafka writer, HTTP routes and the raw-topic topology. */
public final class IngestService implements AutoCloseable {

    public static final String NAME = "alert-ingest";
    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

    private final Closer parts = new Closer();
    private ServiceHttpServer http;

    /** Starts the service; {@code onFatal} runs if Kafka Streams dies (the process should exit). */
    public static IngestService start(Environment env, Runnable onFatal) {
        return Closer.startOrClose(new IngestService(), service -> service.startParts(env, onFatal));
    }

    private void startParts(Environment env, Runnable onFatal) {
        ServiceConfig config = ServiceConfig.from(env, NAME, IngestSettings.DEFAULT_PORT);
        env.validate(IngestSettings.all());
        Map<RouteGroup, Credentials> credentials = credentials(env, config.local());
        String zendeskSecret =
                env.optional(IngestSettings.ZENDESK_SECRET).orElse(config.local() ? Credentials.LOCAL_DEV_TOKEN : null);
        if (zendeskSecret == null) {
            throw new ConfigException(IngestSettings.ZENDESK_SECRET.env()
                    + " is required in production: Zendesk webhooks must be signed");
        }
        String instanceId = instanceId(env, config.local());
        LOG.info("Starting {} with {}", NAME, config);

        ServiceMetrics metrics = new ServiceMetrics(NAME);
        parts.add(metrics);
        SchemaRegistry registry = SchemaRegistry.connect(config.schemaRegistry());
        Topics topics = Topics.create(config.topicPrefix(), new AvroSerdes(registry));
        NormalizerSettings settings = normalizerSettings(env);
        ProductCatalog catalog = env.optional(IngestSettings.PRODUCT_CATALOG)
                .map(Path::of)
                .map(ProductCatalog::load)
                .orElseGet(ProductCatalog::defaults);
        RoutingRules routing = routingRules(env);
        LOG.info("Routing: {}, unclassified product '{}'", routing, settings.unclassifiedProduct());
        IngestMetrics ingestMetrics = new IngestMetrics(metrics.registry());
        AlertNormalizers alerts = new AlertNormalizers(settings, catalog, routing, ingestMetrics);
        AlertNormalizers groupWebhooks = new AlertNormalizers(
                settings.withMaxItemsPerRequest(env.get(IngestSettings.WEBHOOK_MAX_ALERTS)),
                catalog,
                routing,
                ingestMetrics);
        ReportNormalizers reports = new ReportNormalizers(settings, catalog, routing, ingestMetrics);

        StreamsRunner streams = new StreamsRunner(
                IngestTopology.build(
                        topics,
                        alerts,
                        reports,
                        env.get(CommonSettings.CLOCK_SKEW_TOLERANCE),
                        ingestMetrics::eventTimeClamped),
                StreamsRunner.properties(config, topics.deadLetters().name(), metrics),
                metrics,
                config.shutdownTimeout(),
                onFatal);
        parts.add(streams);

        TransactionalWriter writer = new TransactionalWriter(
                config.kafkaProperties(),
                config.applicationId() + "-http-" + instanceId,
                env.get(IngestSettings.WRITERS),
                env.get(IngestSettings.PENDING_REQUESTS),
                env.get(IngestSettings.RECORDS_PER_TRANSACTION),
                env.get(IngestSettings.KAFKA_TIMEOUT),
                metrics::bind,
                new GroupCommitMetrics(metrics.registry()));
        parts.add(writer);

        PagerDutyMemory pagerDutyMemory = new PagerDutyMemory(
                fingerprint -> lookup(streams.streams(), IngestTopology.PAGERDUTY_STORE, fingerprint),
                env.get(IngestSettings.PAGERDUTY_CATCH_UP));
        BodyLimits limits = new BodyLimits(
                env.get(IngestSettings.MAX_BODY_BYTES),
                env.get(IngestSettings.WEBHOOK_MAX_BODY_BYTES),
                env.get(IngestSettings.IN_FLIGHT_BYTES));
        RouteGuard guard = new RouteGuard(
                credentials,
                new RateLimiter(
                        env.get(IngestSettings.RATE_PER_SECOND), env.get(IngestSettings.RATE_BURST), System::nanoTime),
                ingestMetrics);
        RequestBodies bodies = new RequestBodies(
                limits, new ZendeskSignature(zendeskSecret, Duration.ofMinutes(5), Clock.systemUTC()), ingestMetrics);
        BatchWriter batches = new BatchWriter(writer, ingestMetrics);
        IngestApi api = new IngestApi(
                        new Normalizers(alerts, reports, pagerDutyMemory),
                        new Normalizers(groupWebhooks, reports, pagerDutyMemory),
                        topics,
                        bodies,
                        batches,
                        Clock.systemUTC(),
                        id -> lookup(streams.streams(), IngestTopology.MAINTENANCE_STORE, id),
                        pagerDutyMemory,
                        catalog)
                .waitingForMaintenanceTable(env.get(IngestSettings.MAINTENANCE_CATCH_UP))
                .answeringWebhookSecrets(
                        env.optional(IngestSettings.WEBHOOK_SIGNING_MASTER).orElse(null));
        SilenceBook silenceBook = new SilenceBook(
                () -> streams.streams()
                        .store(StoreQueryParameters.fromNameAndType(
                                IngestTopology.SILENCES_STORE, QueryableStoreTypes.<String, Silence>keyValueStore())),
                System::nanoTime);
        SilencesApi silences = new SilencesApi(
                bodies,
                batches,
                topics,
                silenceBook,
                new SilenceMetrics(metrics.registry(), silenceBook::all, Clock.systemUTC()),
                Clock.systemUTC());

        SchemaPrewarm.run(registry, topics, SchemaPrewarm.PATIENCE);
        streams.start();
        parts.add(new RetentionSweeper(
                        topics,
                        new IngestRetention(
                                env.get(IngestSettings.PAGERDUTY_RETENTION), env.get(IngestSettings.SILENCE_RETENTION)),
                        () -> streams.streams()
                                .store(StoreQueryParameters.fromNameAndType(
                                        IngestTopology.PAGERDUTY_STORE,
                                        QueryableStoreTypes.<String, MonitoringAlert>keyValueStore())),
                        () -> streams.streams()
                                .store(StoreQueryParameters.fromNameAndType(
                                        IngestTopology.SILENCES_STORE,
                                        QueryableStoreTypes.<String, Silence>keyValueStore())),
                        writer::write,
                        pagerDutyMemory,
                        silenceBook,
                        Clock.systemUTC(),
                        metrics.registry())
                .every(env.get(IngestSettings.RETENTION_SWEEP_INTERVAL)));
        // ready = can take requests: a rebalance of the lookup tables does not stop the HTTP path
        http = ServiceHttpServer.builder(NAME, metrics, streams.processing())
                .listen(config.httpHost(), config.httpPort(), env.get(IngestSettings.MANAGEMENT_PORT))
                .maxRequestBytes(limits.largest() + 1L) // each route checks its own limit
                .routes(app -> {
                    guard.install(app);
                    api.register(app);
                    silences.register(app);
                })
                .start();
        parts.add(http);
    }

    /** How payloads are read; a bad unclassified product name or routing file fails startup naming the setting. */
    private static NormalizerSettings normalizerSettings(Environment env) {
        String unclassified = env.get(CommonSettings.UNCLASSIFIED_PRODUCT);
        if (!ProductNames.isSafe(unclassified)) {
            throw new ConfigException(CommonSettings.UNCLASSIFIED_PRODUCT.env() + " must be a safe product name "
                    + "(lower-case letters, digits, '.', '_', '-'), e.g. '" + ProductNames.normalize(unclassified)
                    + "'");
        }
        return new NormalizerSettings(
                env.get(IngestSettings.PRODUCT_LABELS),
                env.get(IngestSettings.COMPONENT_LABEL),
                env.get(IngestSettings.REGION_LABEL),
                env.optional(IngestSettings.ZENDESK_PRODUCT_FIELD).orElse(null),
                env.get(IngestSettings.ZENDESK_PRODUCT_TAG_PREFIX),
                env.get(IngestSettings.MAX_ITEMS),
                unclassified);
    }

    /** The routing rules file, or the bundled (empty) rules; a bad file fails startup naming file, rule and error. */
    private static RoutingRules routingRules(Environment env) {
        try {
            return env.optional(IngestSettings.ROUTING_FILE)
                    .map(Path::of)
                    .map(RoutingRules::load)
                    .orElseGet(RoutingRules::defaults);
        } catch (RoutingRulesException e) {
            throw new ConfigException(IngestSettings.ROUTING_FILE.env() + ": " + e.getMessage());
        }
    }

    public int port() {
        return http.port();
    }

    /** Where /metrics, /health and /ready answer. */
    public int managementPort() {
        return http.managementPort();
    }

    private static Map<RouteGroup, Credentials> credentials(Environment env, boolean local) {
        Map<RouteGroup, Credentials> byGroup = new EnumMap<>(RouteGroup.class);
        byGroup.put(RouteGroup.ALERTS, group(env, local, IngestSettings.ALERTS_TOKENS, IngestSettings.ALERTS_BASIC));
        byGroup.put(RouteGroup.REPORTS, group(env, local, IngestSettings.REPORTS_TOKENS, IngestSettings.REPORTS_BASIC));
        byGroup.put(
                RouteGroup.OPERATOR, group(env, local, IngestSettings.OPERATOR_TOKENS, IngestSettings.OPERATOR_BASIC));
        return byGroup;
    }

    private static Credentials group(
            Environment env, boolean local, Setting<List<String>> tokens, Setting<List<String>> basic) {
        return Credentials.configured(env, local, tokens, basic, "accept writes");
    }

    /**
     * Reads a global store; null when the key is unknown. A store not queryable yet throws
     * InvalidStateStoreException (the request gets 503): "unknown" would be a permanent 422 or a
     * cancellation without the window's details for what is only a restore in progress.
     */
    private static <V> V lookup(KafkaStreams streams, String storeName, String key) {
        ReadOnlyKeyValueStore<String, V> store =
                streams.store(StoreQueryParameters.fromNameAndType(storeName, QueryableStoreTypes.keyValueStore()));
        return store.get(key);
    }

    /**
     * This instance's name in its transactional ids. It must survive a restart: the restarted writer's
     * initTransactions() then fences its dead predecessor and aborts what it left open at once, where a
     * new name would leave that transaction blocking read_committed readers until it times out. And it
     * must differ between instances running at once, or they fence each other. So production
     * requires it; HOSTNAME is neither (unset on many hosts, new per pod of a Deployment).
     */
    private static String instanceId(Environment env, boolean local) {
        return env.optional(IngestSettings.INSTANCE_ID)
                .filter(id -> !id.isBlank())
                .orElseGet(() -> {
                    if (local) {
                        return "local";
                    }
                    throw new ConfigException(
                            IngestSettings.INSTANCE_ID.env() + " is required in production: a name "
                                    + "this instance keeps across restarts and no other running instance has (e.g. the StatefulSet pod name)");
                });
    }

    @Override
    public void close() {
        parts.close();
    }
}
