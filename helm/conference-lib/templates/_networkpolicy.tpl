{{/*
NetworkPolicies allow exactly the platform's call graph. The umbrella adds a default-deny policy for
every pod of the release; each component's own policy then opens what it needs:
- ingress on its HTTP port only from the components listed in networkPolicy.ingressFrom (pods of the
  same release, by app.kubernetes.io/name) and the raw peers in networkPolicy.ingressFromPeers
  (for example the ingress controller's namespace);
- ingress on its management port (the actuator) only from global.networkPolicy.metricsFrom (Prometheus);
- egress to DNS, to the components in networkPolicy.egressTo (name and port), to its stores (in the
  release, or the operator's CIDRs for external ones: see conference-lib.storeEgress), and to the raw
  rules in networkPolicy.extraEgress and global.networkPolicy.extraEgress (for example the
  OpenTelemetry collector, for every service).
*/}}

{{/* The egress rule every pod needs: DNS at the cluster's resolver. */}}
{{- define "conference-lib.dnsEgressRule" -}}
{{- $dns := ((.Values.global).networkPolicy).dns | default dict -}}
- to:
    - namespaceSelector:
        matchLabels:
          {{- toYaml ($dns.namespaceLabels | default (dict "kubernetes.io/metadata.name" "kube-system")) | nindent 10 }}
      podSelector:
        matchLabels:
          {{- toYaml ($dns.podLabels | default (dict "k8s-app" "kube-dns")) | nindent 10 }}
  ports:
    - port: 53
      protocol: UDP
    - port: 53
      protocol: TCP
{{- end -}}

{{/*
Egress to one store or server a service talks to:
- in the release (host empty): the component's pods, on its port;
- outside (host set): the operator's CIDRs, on its port. Without them the render stops: a policy that
  silently blocks the database would only show as a crash loop on a live cluster.
Usage: include "conference-lib.storeEgress" (dict "ctx" $ "what" "database" "host" "" "port" 5432
         "cidrs" (list) "inRelease" "postgresql")
*/}}
{{- define "conference-lib.storeEgress" -}}
{{- if not .host -}}
- to:
    - podSelector:
        matchLabels:
          {{- include "conference-lib.peerLabels" (dict "name" .inRelease "ctx" .ctx) | nindent 10 }}
  ports:
    - port: {{ .port }}
      protocol: TCP
{{- else if .cidrs -}}
- to:
    {{- range .cidrs }}
    - ipBlock:
        cidr: {{ . }}
    {{- end }}
  ports:
    - port: {{ .port }}
      protocol: TCP
{{- else -}}
{{- fail (printf "%s: %s %s is outside the release and NetworkPolicies are on, so nothing may reach it yet: set %s.egressCidrs to the addresses it answers on (%s.%s.egressCidrs in the umbrella chart), or turn NetworkPolicies off" .ctx.Chart.Name .what .host .what .ctx.Chart.Name .what) -}}
{{- end -}}
{{- end -}}

{{/*
Usage: include "conference-lib.networkpolicy" .
Reads .Values.networkPolicy.{ingressFrom, ingressFromPeers, egressTo, extraEgress}, .Values.containerPort,
.Values.managementPort and the chart's hook "storeEgress" (the stores and servers it talks to; see _hooks.tpl).
*/}}
{{- define "conference-lib.networkpolicy" -}}
{{- if include "conference-lib.networkPolicyEnabled" . -}}
{{- $ctx := . -}}
{{- $np := .Values.networkPolicy -}}
{{- $metricsPeers := (((.Values.global).networkPolicy).metricsFrom) | default list -}}
{{- $extraEgress := concat ($np.extraEgress | default list) ((((.Values.global).networkPolicy).extraEgress) | default list) -}}
{{- if and (include "conference-lib.otelEnabled" .) (not $extraEgress) -}}
{{- fail (printf "%s: OpenTelemetry is on and NetworkPolicies are on, but no egress reaches the collector: add it to global.networkPolicy.extraEgress (or %s.networkPolicy.extraEgress)" .Chart.Name .Chart.Name) -}}
{{- end -}}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "conference-lib.fullname" . }}
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "conference-lib.labels" . | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "conference-lib.selectorLabels" . | nindent 6 }}
  policyTypes:
    - Ingress
    - Egress
  {{- $from := $np.ingressFrom | default list }}
  {{- /* the chart's own helm test pod asks the readiness group (off in the umbrella, which tests through the frontend) */}}
  {{- $test := (.Values.tests).enabled }}
  {{- if or $from $np.ingressFromPeers $metricsPeers $test }}
  ingress:
    {{- if or $from $np.ingressFromPeers }}
    - from:
        {{- range $from }}
        - podSelector:
            matchLabels:
              {{- include "conference-lib.peerLabels" (dict "name" . "ctx" $ctx) | nindent 14 }}
        {{- end }}
        {{- with $np.ingressFromPeers }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      ports:
        - port: {{ .Values.containerPort }}
          protocol: TCP
    {{- end }}
    {{- with $metricsPeers }}
    # Prometheus, on the actuator's port only.
    - from:
        {{- toYaml . | nindent 8 }}
      ports:
        - port: {{ $ctx.Values.managementPort }}
          protocol: TCP
    {{- end }}
    {{- if $test }}
    - from:
        - podSelector:
            matchLabels:
              {{- include "conference-lib.peerLabels" (dict "name" (printf "%s-test" (include "conference-lib.name" .)) "ctx" $ctx) | nindent 14 }}
      ports:
        - port: {{ .Values.managementPort }}
          protocol: TCP
    {{- end }}
  {{- else }}
  ingress: []
  {{- end }}
  egress:
    {{- include "conference-lib.dnsEgressRule" . | nindent 4 }}
    {{- range $np.egressTo }}
    - to:
        - podSelector:
            matchLabels:
              {{- include "conference-lib.peerLabels" (dict "name" .name "ctx" $ctx) | nindent 14 }}
      ports:
        - port: {{ .port }}
          protocol: TCP
    {{- end }}
    {{- with (include "conference-lib.hook" (dict "ctx" . "hook" "storeEgress") | trim) }}
    {{- . | nindent 4 }}
    {{- end }}
    {{- with $extraEgress }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
{{- end -}}
{{- end -}}
