{{/* Objects several services have alike. Input: the component dict of tocsin.podTemplate. */}}

{{- define "tocsin.ingress" -}}
{{- $v := index .root.Values .key -}}
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: {{ include "tocsin.componentName" . }}
  labels:
    {{- include "tocsin.componentLabels" . | nindent 4 }}
  {{- with $v.ingress.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  {{- with $v.ingress.className }}
  ingressClassName: {{ . }}
  {{- end }}
  {{- with $v.ingress.tlsSecret }}
  tls:
    - hosts: [{{ $v.ingress.host | quote }}]
      secretName: {{ . }}
  {{- end }}
  rules:
    - host: {{ $v.ingress.host | quote }}
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: {{ include "tocsin.componentName" . }}
                port:
                  name: http
{{- end -}}

{{- define "tocsin.pdb" -}}
{{- $v := index .root.Values .key -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "tocsin.componentName" . }}
  labels:
    {{- include "tocsin.componentLabels" . | nindent 4 }}
spec:
  maxUnavailable: {{ $v.pdb.maxUnavailable }}
  selector:
    matchLabels:
      {{- include "tocsin.selectorLabels" . | nindent 6 }}
{{- end -}}

{{/* A Kafka Streams service with state: StatefulSet, headless Service for application.server, Service. */}}
{{- define "tocsin.streamsService" -}}
{{- $v := index .root.Values .key -}}
{{- $name := include "tocsin.componentName" . -}}
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: {{ $name }}
  labels:
    {{- include "tocsin.componentLabels" . | nindent 4 }}
spec:
  replicas: {{ $v.replicas }}
  serviceName: {{ $name }}-headless
  # instances are peers (no ordering); all start at once so the group rebalances once
  podManagementPolicy: Parallel
  updateStrategy:
    type: RollingUpdate
  selector:
    matchLabels:
      {{- include "tocsin.selectorLabels" . | nindent 6 }}
  persistentVolumeClaimRetentionPolicy:
    whenDeleted: Retain
    whenScaled: Retain
  template:
    {{- include "tocsin.podTemplate" . | nindent 4 }}
  volumeClaimTemplates:
    - metadata:
        name: state
        labels:
          {{- include "tocsin.selectorLabels" . | nindent 10 }}
      spec:
        accessModes: [ReadWriteOnce]
        {{- with $v.state.storageClass }}
        storageClassName: {{ . }}
        {{- end }}
        resources:
          requests:
            storage: {{ $v.state.size }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ $name }}-headless
  labels:
    {{- include "tocsin.componentLabels" . | nindent 4 }}
    tocsin.dev/headless: "true"
spec:
  clusterIP: None
  # instances find each other (application.server) while they restore, before they are ready
  publishNotReadyAddresses: true
  selector:
    {{- include "tocsin.selectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: {{ $v.port }}
      targetPort: http
---
apiVersion: v1
kind: Service
metadata:
  name: {{ $name }}
  labels:
    {{- include "tocsin.componentLabels" . | nindent 4 }}
spec:
  type: {{ dig "service" "type" "ClusterIP" $v }}
  selector:
    {{- include "tocsin.selectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: {{ $v.port }}
      targetPort: http
    - name: management
      port: {{ $v.managementPort }}
      targetPort: management
{{- if $v.pdb.enabled }}
---
{{ include "tocsin.pdb" . }}
{{- end }}
{{- end -}}
