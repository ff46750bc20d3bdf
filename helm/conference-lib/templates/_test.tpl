{{/*
helm test for one service: a pod that asks the service's readiness group through its Service, on the management port.
Rendered when .Values.tests.enabled (the umbrella turns these off and tests the platform as a whole).
*/}}
{{- define "conference-lib.testConnection" -}}
{{- if .Values.tests.enabled -}}
apiVersion: v1
kind: Pod
metadata:
  name: {{ include "conference-lib.fullname" . }}-test
  namespace: {{ .Release.Namespace }}
  labels:
    helm.sh/chart: {{ include "conference-lib.chart" . }}
    app.kubernetes.io/name: {{ include "conference-lib.name" . }}-test
    app.kubernetes.io/instance: {{ .Release.Name }}
    app.kubernetes.io/component: test
    app.kubernetes.io/part-of: conference-platform
    app.kubernetes.io/managed-by: {{ .Release.Service }}
  annotations:
    helm.sh/hook: test
    helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded
spec:
  restartPolicy: Never
  automountServiceAccountToken: false
  enableServiceLinks: false
  securityContext:
    runAsNonRoot: true
    runAsUser: 100
    runAsGroup: 101
    seccompProfile:
      type: RuntimeDefault
  containers:
    - name: readiness
      image: {{ include "conference-lib.image" (dict "image" .Values.tests.image "ctx" .) }}
      imagePullPolicy: {{ .Values.tests.image.pullPolicy }}
      args:
        - --silent
        - --show-error
        - --fail
        - --max-time
        - "10"
        - --retry
        - "6"
        - --retry-connrefused
        - --retry-all-errors
        - {{ printf "http://%s:%v/actuator/health/readiness" (include "conference-lib.fullname" .) .Values.managementPort | quote }}
      resources:
        requests:
          cpu: 10m
          memory: 16Mi
        limits:
          cpu: 100m
          memory: 32Mi
      securityContext:
        runAsNonRoot: true
        runAsUser: 100
        runAsGroup: 101
        allowPrivilegeEscalation: false
        readOnlyRootFilesystem: true
        capabilities:
          drop: [ALL]
        seccompProfile:
          type: RuntimeDefault
{{- end -}}
{{- end -}}

{{/* NOTES.txt of a service chart. */}}
{{- define "conference-lib.notes" -}}
{{- $fullname := include "conference-lib.fullname" . -}}
{{ .Chart.Name }} {{ .Chart.AppVersion }} is installed as {{ $fullname }} in namespace {{ .Release.Namespace }}.

Inside the cluster it answers on http://{{ $fullname }}.{{ .Release.Namespace }}.svc:{{ .Values.service.port }}
(internal only; the public entry point is frontend-service).

{{ if (.Values.rollout).enabled -}}
  kubectl argo rollouts -n {{ .Release.Namespace }} status {{ $fullname }}
{{ else -}}
  kubectl -n {{ .Release.Namespace }} rollout status deployment/{{ $fullname }}
{{ end -}}
  kubectl -n {{ .Release.Namespace }} port-forward service/{{ $fullname }} 9090:{{ .Values.managementPort }}
  curl -s localhost:9090/actuator/health/readiness
{{- if .Values.tests.enabled }}
  helm test {{ .Release.Name }} -n {{ .Release.Namespace }}
{{- end }}
{{- end -}}
