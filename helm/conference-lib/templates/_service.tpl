{{- define "conference-lib.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "conference-lib.fullname" . }}
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "conference-lib.labels" . | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    {{- include "conference-lib.selectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: {{ .Values.service.port }}
      targetPort: http
      protocol: TCP
    # The actuator, for Prometheus. No Ingress or HTTPRoute routes here, and with NetworkPolicies on only
    # global.networkPolicy.metricsFrom may reach it.
    - name: management
      port: {{ .Values.managementPort }}
      targetPort: management
      protocol: TCP
{{- end -}}

{{- define "conference-lib.serviceaccount" -}}
{{- if .Values.serviceAccount.create -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "conference-lib.serviceAccountName" . }}
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "conference-lib.labels" . | nindent 4 }}
  {{- with .Values.serviceAccount.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
automountServiceAccountToken: false
{{- end -}}
{{- end -}}

{{- define "conference-lib.hpa" -}}
{{- if .Values.autoscaling.enabled -}}
{{- $target := include "conference-lib.millicores" .Values.autoscaling.targetCPU | int -}}
{{- $limit := include "conference-lib.millicores" .Values.resources.limits.cpu | int -}}
{{- if or (lt (mul $target 2) $limit) (gt $target $limit) -}}
{{- fail (printf "autoscaling.targetCPU %v must lie between half of resources.limits.cpu (%v) and all of it" .Values.autoscaling.targetCPU .Values.resources.limits.cpu) -}}
{{- end -}}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "conference-lib.fullname" . }}
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "conference-lib.labels" . | nindent 4 }}
spec:
  scaleTargetRef:
    {{- if (.Values.rollout).enabled }}
    apiVersion: argoproj.io/v1alpha1
    kind: Rollout
    {{- else }}
    apiVersion: apps/v1
    kind: Deployment
    {{- end }}
    name: {{ include "conference-lib.fullname" . }}
  minReplicas: {{ .Values.autoscaling.minReplicas }}
  maxReplicas: {{ .Values.autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        # An absolute average, not a share of the request: the request is sized for a start-up budget,
        # and a utilization of it would scale out long before the pods are busy.
        target:
          type: AverageValue
          averageValue: {{ .Values.autoscaling.targetCPU | quote }}
  behavior:
    scaleDown:
      # JVMs are slow to warm up: do not drop pods on a short lull.
      stabilizationWindowSeconds: 300
{{- end -}}
{{- end -}}

{{- define "conference-lib.pdb" -}}
{{- if .Values.podDisruptionBudget.enabled -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "conference-lib.fullname" . }}
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "conference-lib.labels" . | nindent 4 }}
spec:
  {{- if .Values.podDisruptionBudget.minAvailable }}
  minAvailable: {{ .Values.podDisruptionBudget.minAvailable }}
  {{- else }}
  maxUnavailable: {{ .Values.podDisruptionBudget.maxUnavailable | default 1 }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "conference-lib.selectorLabels" . | nindent 6 }}
{{- end -}}
{{- end -}}

{{- define "conference-lib.servicemonitor" -}}
{{- if include "conference-lib.serviceMonitorEnabled" . -}}
{{- $global := ((.Values.global).serviceMonitor) | default dict -}}
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ include "conference-lib.fullname" . }}
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "conference-lib.labels" . | nindent 4 }}
    {{- with (merge (deepCopy (.Values.serviceMonitor.labels | default dict)) ($global.labels | default dict)) }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  selector:
    matchLabels:
      {{- include "conference-lib.selectorLabels" . | nindent 6 }}
  {{- if (.Values.rollout).enabled }}
  # The canary analysis tells the canary's series from the stable ones by this label.
  podTargetLabels:
    - rollouts-pod-template-hash
  {{- end }}
  endpoints:
    - port: management
      path: /actuator/prometheus
      interval: {{ .Values.serviceMonitor.interval | default $global.interval | default "30s" }}
{{- end -}}
{{- end -}}


{{/* A CPU quantity in millicores: "500m" -> 500, "1" -> 1000, 1.5 -> 1500. */}}
{{- define "conference-lib.millicores" -}}
{{- $q := toString . -}}
{{- if hasSuffix "m" $q -}}
{{- trimSuffix "m" $q -}}
{{- else -}}
{{- mulf (float64 $q) 1000 | int -}}
{{- end -}}
{{- end -}}
