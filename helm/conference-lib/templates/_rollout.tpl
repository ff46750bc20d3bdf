{{/*
Progressive delivery with Argo Rollouts (opt in: rollout.enabled, needs the Argo Rollouts controller and
its CRDs). The service's pods are then owned by a Rollout instead of a Deployment, with the same pod
template. A new version first gets a share of the pods (rollout.steps: setWeight, pause); all the while
an analysis asks Prometheus for the 5xx ratio of the new pods' answers, and a ratio above
rollout.analysis.maxErrorRatio aborts the rollout and scales the new pods away.

Without a traffic router the weight is the share of pods, so the steps' weights are approximate.
*/}}

{{- define "conference-lib.analysisTemplateName" -}}
{{- printf "%s-error-ratio" (include "conference-lib.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* spec.strategy of the Rollout. */}}
{{- define "conference-lib.canaryStrategy" -}}
{{- $r := .Values.rollout -}}
canary:
  maxSurge: {{ .Values.rollingUpdate.maxSurge }}
  maxUnavailable: 0
  analysis:
    templates:
      - templateName: {{ include "conference-lib.analysisTemplateName" . }}
    # From the first step on, for as long as the canary runs.
    startingStep: 1
    args:
      - name: canary-hash
        valueFrom:
          podTemplateHashValue: Latest
  steps:
    {{- toYaml $r.steps | nindent 4 }}
{{- end -}}

{{/*
The AnalysisTemplate: the share of 5xx answers among the new pods' answers over the last two minutes,
from the service's own http_server_requests metric. No answers at all counts as no errors.
The ServiceMonitor copies the pods' rollouts-pod-template-hash label onto their series.
*/}}
{{- define "conference-lib.analysisTemplate" -}}
{{- if (.Values.rollout).enabled -}}
{{- $a := .Values.rollout.analysis -}}
{{- if not (include "conference-lib.serviceMonitorEnabled" .) -}}
{{- fail "rollout.enabled: the canary analysis reads the service's metrics from Prometheus, so serviceMonitor.enabled (or global.serviceMonitor.enabled) must be true" -}}
{{- end -}}
{{- $selector := printf "namespace=%q, application=%q, rollouts_pod_template_hash=\"{{args.canary-hash}}\"" .Release.Namespace (include "conference-lib.name" .) -}}
apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: {{ include "conference-lib.analysisTemplateName" . }}
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "conference-lib.labels" . | nindent 4 }}
spec:
  args:
    - name: canary-hash
  metrics:
    - name: error-ratio
      interval: {{ $a.interval }}
      # One bad measurement aborts the rollout.
      failureLimit: 0
      consecutiveErrorLimit: {{ $a.consecutiveErrorLimit }}
      successCondition: {{ printf "result[0] <= %v" $a.maxErrorRatio | quote }}
      provider:
        prometheus:
          address: {{ required "rollout.analysis.prometheusAddress is required when rollout.enabled" $a.prometheusAddress | quote }}
          query: |
            (
              sum(rate(http_server_requests_seconds_count{ {{- $selector }}, status=~"5.."}[{{ $a.window }}]))
              /
              (sum(rate(http_server_requests_seconds_count{ {{- $selector }}}[{{ $a.window }}])) > 0)
            ) or on() vector(0)
{{- end -}}
{{- end -}}
