{{/*
Names and labels of the components this chart runs itself (PostgreSQL, Redis, Mailpit, the test).
They follow the service charts' convention: "<release>-<component>", selected by
app.kubernetes.io/name and app.kubernetes.io/instance.
Usage: include "conference-platform.componentName" (dict "ctx" $ "name" "postgresql")
*/}}
{{- define "conference-platform.componentName" -}}
{{- printf "%s-%s" .ctx.Release.Name .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "conference-platform.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .ctx.Release.Name }}
{{- end -}}

{{/* Usage: include "conference-platform.labels" (dict "ctx" $ "name" "redis" "component" "cache" "version" "8.2.2") */}}
{{- define "conference-platform.labels" -}}
helm.sh/chart: {{ include "conference-lib.chart" .ctx }}
{{ include "conference-platform.podLabels" . }}
{{- with .version }}
app.kubernetes.io/version: {{ . | toString | trunc 63 | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .ctx.Release.Service }}
{{- end -}}

{{/* Labels of a component's pods: none that changes with the chart's version, which would restart them. */}}
{{- define "conference-platform.podLabels" -}}
{{ include "conference-platform.selectorLabels" . }}
app.kubernetes.io/component: {{ .component }}
app.kubernetes.io/part-of: conference-platform
{{- end -}}

{{/* Pod and container security for the stores: their image's own non-root user, nothing else. */}}
{{- define "conference-platform.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .uid }}
runAsGroup: {{ .gid | default .uid }}
fsGroup: {{ .gid | default .uid }}
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "conference-platform.containerSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .uid }}
runAsGroup: {{ .gid | default .uid }}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: [ALL]
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* The PersistentVolumeClaim of a store, kept on uninstall unless asked otherwise. */}}
{{- define "conference-platform.pvc" -}}
{{- $p := .persistence -}}
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: {{ include "conference-platform.componentName" . }}-data
  namespace: {{ .ctx.Release.Namespace }}
  labels:
    {{- include "conference-platform.labels" . | nindent 4 }}
  {{- if $p.keepOnUninstall }}
  annotations:
    # "helm uninstall" leaves the data alone; delete the claim by hand to start over.
    helm.sh/resource-policy: keep
  {{- end }}
spec:
  accessModes: [ReadWriteOnce]
  {{- with $p.storageClass }}
  storageClassName: {{ . }}
  {{- end }}
  resources:
    requests:
      storage: {{ $p.size }}
{{- end -}}

{{/* A ServiceAccount of its own for each store, without a token. */}}
{{- define "conference-platform.serviceAccount" -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "conference-platform.componentName" . }}
  namespace: {{ .ctx.Release.Namespace }}
  labels:
    {{- include "conference-platform.labels" . | nindent 4 }}
automountServiceAccountToken: false
{{- end -}}

{{/* Fail early, with the value to set, when a store is turned off without naming the external one. */}}
{{- define "conference-platform.validate" -}}
{{- if not .Values.postgresql.enabled -}}
{{- if not (index .Values "c4p-service" "database" "host") -}}
{{- fail "postgresql.enabled is false: set c4p-service.database.host (and .existingSecret) to your PostgreSQL" -}}
{{- end -}}
{{- end -}}
{{- if not .Values.redis.enabled -}}
{{- if or (not (index .Values "agenda-service" "redis" "host")) (not (index .Values "frontend-service" "redis" "host")) -}}
{{- fail "redis.enabled is false: set agenda-service.redis.host and frontend-service.redis.host to your Redis" -}}
{{- end -}}
{{- end -}}
{{- if not .Values.mailpit.enabled -}}
{{- if not (index .Values "email-service" "smtp" "host") -}}
{{- fail "mailpit.enabled is false: set email-service.smtp.host to your SMTP server" -}}
{{- end -}}
{{- end -}}
{{- end -}}
