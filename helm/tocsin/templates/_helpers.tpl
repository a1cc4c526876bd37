{{/* Names, labels and the one pod template every Tocsin service uses. */}}

{{/* At most 30 characters: "<fullname>-incident-correlator-headless" must stay a 63-character DNS label, and a
StatefulSet's name at most 52 (its pods' controller-revision-hash label appends 11). */}}
{{- define "tocsin.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 30 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 30 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Name of one service's objects: <release>-tocsin-<service>. */}}
{{- define "tocsin.componentName" -}}
{{- printf "%s-%s" (include "tocsin.fullname" .root) .name -}}
{{- end -}}

{{- define "tocsin.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: tocsin
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "tocsin.selectorLabels" -}}
app.kubernetes.io/name: tocsin
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{- define "tocsin.componentLabels" -}}
{{ include "tocsin.labels" .root }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{- define "tocsin.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "tocsin.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "tocsin.image" -}}
{{- printf "%s/%s:%s" .root.Values.image.repository .name (default .root.Chart.AppVersion .root.Values.image.tag) -}}
{{- end -}}

{{/* True when the Kafka protocol authenticates with SASL. */}}
{{- define "tocsin.kafkaSasl" -}}
{{- if hasPrefix "SASL_" .Values.kafka.securityProtocol }}true{{ end -}}
{{- end -}}

{{/* Files mounted from existing Secrets; Kafka reads the secret ones through its DirectoryConfigProvider. */}}
{{- define "tocsin.secretsDir" -}}/etc/tocsin/secrets{{- end -}}

{{/*
Kafka client settings as KAFKA_* variables (docs/CONFIGURATION.md). Credentials are never values: the JAAS line and
the keystore password are ${dir:<mounted Secret>:<key>} references that Kafka's DirectoryConfigProvider resolves.
*/}}
{{- define "tocsin.kafkaEnv" -}}
{{- $k := .Values.kafka -}}
{{- $dir := include "tocsin.secretsDir" . -}}
- name: KAFKA_BOOTSTRAP_SERVERS
  value: {{ required "kafka.bootstrapServers is required" $k.bootstrapServers | quote }}
- name: KAFKA_SECURITY_PROTOCOL
  value: {{ $k.securityProtocol | quote }}
{{- if or (include "tocsin.kafkaSasl" .) $k.tls.keystoreSecret }}
- name: KAFKA_CONFIG_PROVIDERS
  value: dir
- name: KAFKA_CONFIG_PROVIDERS_DIR_CLASS
  value: org.apache.kafka.common.config.provider.DirectoryConfigProvider
- name: KAFKA_CONFIG_PROVIDERS_DIR_PARAM_ALLOWED_PATHS
  value: {{ $dir | quote }}
{{- end }}
{{- if include "tocsin.kafkaSasl" . }}
{{- if not $k.sasl.existingSecret }}{{ fail "kafka.sasl.existingSecret is required with a SASL_* securityProtocol" }}{{ end }}
- name: KAFKA_SASL_MECHANISM
  value: {{ $k.sasl.mechanism | quote }}
- name: KAFKA_SASL_JAAS_CONFIG
  value: {{ printf "${dir:%s/kafka-sasl:%s}" $dir $k.sasl.jaasConfigKey | quote }}
{{- end }}
{{- if $k.tls.caSecret }}
- name: KAFKA_SSL_TRUSTSTORE_TYPE
  value: PEM
- name: KAFKA_SSL_TRUSTSTORE_LOCATION
  value: {{ printf "%s/kafka-ca/%s" $dir $k.tls.caKey | quote }}
{{- end }}
{{- if $k.tls.keystoreSecret }}
- name: KAFKA_SSL_KEYSTORE_TYPE
  value: PKCS12
- name: KAFKA_SSL_KEYSTORE_LOCATION
  value: {{ printf "%s/kafka-keystore/%s" $dir $k.tls.keystoreKey | quote }}
- name: KAFKA_SSL_KEYSTORE_PASSWORD
  value: {{ printf "${dir:%s/kafka-keystore:%s}" $dir $k.tls.keystorePasswordKey | quote }}
{{- end }}
{{- range $name, $value := $k.extraProperties }}
- name: {{ $name }}
  value: {{ $value | quote }}
{{- end }}
- name: TOCSIN_ENV
  value: {{ .Values.environment | quote }}
- name: TOCSIN_TOPIC_PREFIX
  value: {{ .Values.topicPrefix | quote }}
- name: JAVA_TOOL_OPTIONS
  value: {{ .Values.javaToolOptions | quote }}
{{- end -}}

{{/* Volumes of the existing Kafka and schema registry Secrets (mounted read-only by tocsin.secretMounts). */}}
{{- define "tocsin.secretVolumes" -}}
{{- $k := .Values.kafka -}}
{{- if include "tocsin.kafkaSasl" . }}
- name: kafka-sasl
  secret:
    secretName: {{ $k.sasl.existingSecret }}
    items:
      - key: {{ $k.sasl.jaasConfigKey }}
        path: {{ $k.sasl.jaasConfigKey }}
{{- end }}
{{- if $k.tls.caSecret }}
- name: kafka-ca
  secret:
    secretName: {{ $k.tls.caSecret }}
    items:
      - key: {{ $k.tls.caKey }}
        path: {{ $k.tls.caKey }}
{{- end }}
{{- if $k.tls.keystoreSecret }}
- name: kafka-keystore
  secret:
    secretName: {{ $k.tls.keystoreSecret }}
    items:
      - key: {{ $k.tls.keystoreKey }}
        path: {{ $k.tls.keystoreKey }}
      - key: {{ $k.tls.keystorePasswordKey }}
        path: {{ $k.tls.keystorePasswordKey }}
{{- end }}
{{- with .Values.schemaRegistry.tls.truststoreSecret }}
- name: registry-truststore
  secret:
    secretName: {{ . }}
    items:
      - key: {{ $.Values.schemaRegistry.tls.truststoreKey }}
        path: {{ $.Values.schemaRegistry.tls.truststoreKey }}
{{- end }}
{{- end -}}

{{- define "tocsin.secretMounts" -}}
{{- $k := .Values.kafka -}}
{{- $dir := include "tocsin.secretsDir" . -}}
{{- if include "tocsin.kafkaSasl" . }}
- name: kafka-sasl
  mountPath: {{ $dir }}/kafka-sasl
  readOnly: true
{{- end }}
{{- if $k.tls.caSecret }}
- name: kafka-ca
  mountPath: {{ $dir }}/kafka-ca
  readOnly: true
{{- end }}
{{- if $k.tls.keystoreSecret }}
- name: kafka-keystore
  mountPath: {{ $dir }}/kafka-keystore
  readOnly: true
{{- end }}
{{- if .Values.schemaRegistry.tls.truststoreSecret }}
- name: registry-truststore
  mountPath: {{ $dir }}/registry-truststore
  readOnly: true
{{- end }}
{{- end -}}

{{/* Schema registry settings; credentials by reference to the existing Secret. */}}
{{- define "tocsin.registryEnv" -}}
{{- $r := .Values.schemaRegistry -}}
- name: TOCSIN_SCHEMA_REGISTRY_URL
  value: {{ $r.url | quote }}
- name: TOCSIN_SCHEMA_REGISTRY_AUTO_REGISTER
  value: {{ $r.autoRegister | quote }}
{{- with $r.auth.existingSecret }}
{{- if $r.auth.userKey }}
- name: TOCSIN_SCHEMA_REGISTRY_USER
  valueFrom:
    secretKeyRef: {name: {{ . }}, key: {{ $r.auth.userKey }}}
- name: TOCSIN_SCHEMA_REGISTRY_PASSWORD
  valueFrom:
    secretKeyRef: {name: {{ . }}, key: {{ $r.auth.passwordKey }}}
{{- else }}
- name: TOCSIN_SCHEMA_REGISTRY_BEARER_TOKEN
  valueFrom:
    secretKeyRef: {name: {{ . }}, key: {{ $r.auth.bearerTokenKey }}}
{{- end }}
{{- end }}
{{- with $r.tls.truststoreSecret }}
- name: TOCSIN_SCHEMA_REGISTRY_TRUSTSTORE
  value: {{ printf "%s/registry-truststore/%s" (include "tocsin.secretsDir" $) $r.tls.truststoreKey | quote }}
- name: TOCSIN_SCHEMA_REGISTRY_TRUSTSTORE_TYPE
  value: PKCS12
- name: TOCSIN_SCHEMA_REGISTRY_TRUSTSTORE_PASSWORD
  valueFrom:
    secretKeyRef: {name: {{ . }}, key: {{ $r.tls.truststorePasswordKey }}}
{{- end }}
{{- end -}}

{{/*
The pod template of one service. Input: dict "root" $ "key" "incidentCorrelator" "name" "incident-correlator"
"prefix" "CORRELATOR" "stateful" true|false. Streams state lives on the volume "state" (a claim per StatefulSet pod,
an emptyDir for alert-ingest, whose tables are rebuilt from their topics).
*/}}
{{- define "tocsin.podTemplate" -}}
{{- $root := .root -}}
{{- $v := index $root.Values .key -}}
{{- $component := include "tocsin.componentName" . -}}
metadata:
  labels:
    {{- include "tocsin.componentLabels" . | nindent 4 }}
  annotations:
    checksum/files: {{ include (print $root.Template.BasePath "/configmap-files.yaml") $root | sha256sum }}
spec:
  serviceAccountName: {{ include "tocsin.serviceAccountName" $root }}
  automountServiceAccountToken: false
  {{- with $root.Values.imagePullSecrets }}
  imagePullSecrets:
    {{- range . }}
    - name: {{ . }}
    {{- end }}
  {{- end }}
  securityContext:
    {{- toYaml $root.Values.podSecurityContext | nindent 4 }}
  terminationGracePeriodSeconds: {{ add (div (default 30000 $v.shutdownTimeoutMs) 1000) 30 }}
  containers:
    - name: {{ .name }}
      image: {{ include "tocsin.image" . }}
      imagePullPolicy: {{ $root.Values.image.pullPolicy }}
      securityContext:
        {{- toYaml $root.Values.securityContext | nindent 8 }}
      ports:
        - name: http
          containerPort: {{ $v.port }}
        - name: management
          containerPort: {{ $v.managementPort }}
      env:
        - name: POD_NAME
          valueFrom:
            fieldRef: {fieldPath: metadata.name}
        - name: POD_NAMESPACE
          valueFrom:
            fieldRef: {fieldPath: metadata.namespace}
        {{- include "tocsin.kafkaEnv" $root | nindent 8 }}
        {{- include "tocsin.registryEnv" $root | nindent 8 }}
        - name: TOCSIN_HTTP_PORT
          value: {{ $v.port | quote }}
        - name: {{ printf "TOCSIN_%s_MANAGEMENT_PORT" .prefix }}
          value: {{ $v.managementPort | quote }}
        - name: TOCSIN_STATE_DIR
          value: /var/lib/tocsin/state
        - name: TOCSIN_SHUTDOWN_TIMEOUT
          value: {{ printf "%dms" (int64 (default 30000 $v.shutdownTimeoutMs)) | quote }}
        {{- with $v.rocksdbMemoryMb }}
        - name: TOCSIN_ROCKSDB_MEMORY_MB
          value: {{ . | quote }}
        {{- end }}
        {{- if .stateful }}
        - name: KAFKA_NUM_STANDBY_REPLICAS
          value: {{ $root.Values.kafka.standbyReplicas | quote }}
        - name: KAFKA_REPLICATION_FACTOR
          value: {{ $root.Values.kafka.internalReplicationFactor | quote }}
        # static membership of the Streams main consumer only (other clients of the service must not share it):
        # a restarted pod rejoins as itself, without a rebalance within the session timeout
        - name: KAFKA_MAIN_CONSUMER_GROUP_INSTANCE_ID
          value: $(POD_NAME)
        # other instances reach this one's query API through the headless Service
        - name: {{ printf "TOCSIN_%s_APPLICATION_SERVER" .prefix }}
          value: {{ printf "$(POD_NAME).%s-headless.$(POD_NAMESPACE).svc:%d" $component (int $v.port) | quote }}
        {{- end }}
        {{- if eq .key "alertIngest" }}
        - name: TOCSIN_INGEST_INSTANCE_ID
          value: $(POD_NAME)
        {{- if $v.routing }}
        - name: TOCSIN_INGEST_ROUTING_FILE
          value: /etc/tocsin/files/ingest-routing.yaml
        {{- end }}
        {{- if $v.catalog }}
        - name: TOCSIN_INGEST_PRODUCT_CATALOG
          value: /etc/tocsin/files/ingest-catalog.yaml
        {{- end }}
        {{- end }}
        {{- if and (eq .key "incidentCorrelator") $v.policy }}
        - name: TOCSIN_CORRELATOR_POLICY
          value: /etc/tocsin/files/correlator-policy.yaml
        {{- end }}
        {{- if eq .key "statusPublisher" }}
        {{- with $v.components }}
        - name: TOCSIN_PUBLISHER_COMPONENTS
          value: {{ . | quote }}
        {{- end }}
        {{- with $v.pageUrl }}
        - name: TOCSIN_PUBLISHER_PAGE_URL
          value: {{ . | quote }}
        {{- end }}
        {{- end }}
        {{- range $name, $value := $v.env }}
        - name: {{ $name }}
          value: {{ $value | quote }}
        {{- end }}
      {{- with $v.existingSecret }}
      envFrom:
        - secretRef:
            name: {{ . }}
      {{- end }}
      # /health: the process is up; /ready: it can do its work (e.g. state restored), so traffic waits for it
      startupProbe:
        httpGet: {path: /health, port: management}
        periodSeconds: 5
        failureThreshold: 60
      livenessProbe:
        httpGet: {path: /health, port: management}
        periodSeconds: 10
        timeoutSeconds: 5
        failureThreshold: 6
      readinessProbe:
        httpGet: {path: /ready, port: management}
        periodSeconds: 5
        timeoutSeconds: 5
        failureThreshold: 3
      resources:
        {{- toYaml $v.resources | nindent 8 }}
      volumeMounts:
        - name: state
          mountPath: /var/lib/tocsin/state
        - name: tmp
          mountPath: /tmp
        - name: files
          mountPath: /etc/tocsin/files
          readOnly: true
        {{- include "tocsin.secretMounts" $root | nindent 8 }}
  volumes:
    {{- if not .stateful }}
    - name: state
      emptyDir: {}
    {{- end }}
    # writable /tmp on a read-only root filesystem (RocksDB unpacks its native library here)
    - name: tmp
      emptyDir: {}
    - name: files
      configMap:
        name: {{ include "tocsin.fullname" $root }}-files
    {{- include "tocsin.secretVolumes" $root | nindent 4 }}
  {{- with $v.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $v.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  affinity:
    {{- if $v.affinity }}
    {{- toYaml $v.affinity | nindent 4 }}
    {{- else }}
    # spread instances (and so standby replicas) over nodes where possible
    podAntiAffinity:
      preferredDuringSchedulingIgnoredDuringExecution:
        - weight: 100
          podAffinityTerm:
            topologyKey: kubernetes.io/hostname
            labelSelector:
              matchLabels:
                {{- include "tocsin.selectorLabels" . | nindent 16 }}
    {{- end }}
{{- end -}}
