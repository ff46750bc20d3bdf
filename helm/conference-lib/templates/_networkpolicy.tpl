{{/*
NetworkPolicies allow exactly the platform's call graph. The umbrella adds a default-deny policy for
every pod of the release; each component's own policy then opens what it needs:
- ingress on its HTTP port only from the components listed in networkPolicy.ingressFrom (pods of the
  same release, by app.kubernetes.io/name) and the raw peers in networkPolicy.ingressFromPeers
  (for example the ingress controller's namespace);
- egress to DNS, to the components in networkPolicy.egressTo (name and port), and to the raw rules
  in networkPolicy.extraEgress (for example an external database's address) and
  global.networkPolicy.extraEgress (for example the OpenTelemetry collector, for every service).
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
Usage: include "conference-lib.networkpolicy" .
Reads .Values.networkPolicy.{ingressFrom, ingressFromPeers, egressTo, extraEgress} and .Values.containerPort.
*/}}
{{- define "conference-lib.networkpolicy" -}}
{{- if include "conference-lib.networkPolicyEnabled" . -}}
{{- $ctx := . -}}
{{- $np := .Values.networkPolicy -}}
{{- $metricsPeers := (((.Values.global).networkPolicy).metricsFrom) | default list -}}
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
  {{- if (.Values.tests).enabled }}
  {{- /* the chart's own helm test pod (off in the umbrella, which tests through the frontend) */}}
  {{- $from = append $from (printf "%s-test" (include "conference-lib.name" .)) }}
  {{- end }}
  {{- if or $from $np.ingressFromPeers $metricsPeers }}
  ingress:
    - from:
        {{- range $from }}
        - podSelector:
            matchLabels:
              {{- include "conference-lib.peerLabels" (dict "name" . "ctx" $ctx) | nindent 14 }}
        {{- end }}
        {{- with $np.ingressFromPeers }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
        {{- with $metricsPeers }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      ports:
        - port: {{ .Values.containerPort }}
          protocol: TCP
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
    {{- with $np.extraEgress }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
    {{- with (((.Values.global).networkPolicy).extraEgress) }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
{{- end -}}
{{- end -}}
