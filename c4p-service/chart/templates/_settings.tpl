{{/* conference-lib's hook "config" (named in Chart.yaml): Spring properties derived from values. */}}
{{- define "c4p-service.config" -}}
{{- $db := .Values.database -}}
{{- $host := $db.host | default (printf "%s-postgresql" .Release.Name) -}}
spring.datasource.url: {{ printf "jdbc:postgresql://%s:%v/%s%s" $host $db.port $db.name (ternary "" (printf "?%s" $db.parameters) (eq $db.parameters "")) | quote }}
spring.datasource.username: {{ $db.username | quote }}
c4p.public-url: {{ ((.Values.global).publicUrl) | default "http://localhost" | quote }}
c4p.agenda.url: {{ printf "http://%s-agenda-service:8080" .Release.Name | quote }}
c4p.email.url: {{ printf "http://%s-email-service:8080" .Release.Name | quote }}
{{- end -}}

{{/* conference-lib's hook "secretEnv": settings taken from Secrets. */}}
{{- define "c4p-service.secretEnv" -}}
- name: SPRING_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Values.database.existingSecret | default (printf "%s-postgresql" .Release.Name) }}
      key: {{ .Values.database.passwordKey }}
{{- end -}}

{{/* conference-lib's hook "storeEgress": NetworkPolicy egress to PostgreSQL: the release's, or the operator's (database.egressCidrs). */}}
{{- define "c4p-service.storeEgress" -}}
{{ include "conference-lib.storeEgress" (dict "ctx" . "what" "database" "host" .Values.database.host "port" .Values.database.port "cidrs" .Values.database.egressCidrs "inRelease" "postgresql") }}
{{- end -}}

{{/* Labels of the consistency-check pods: their own name, so the c4p Service never selects them. */}}
{{- define "c4p-service.consistencyCheckLabels" -}}
helm.sh/chart: {{ include "conference-lib.chart" . }}
{{ include "c4p-service.consistencyCheckPodLabels" . }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "c4p-service.consistencyCheckPodLabels" -}}
app.kubernetes.io/name: c4p-consistency-check
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: consistency-check
app.kubernetes.io/part-of: conference-platform
{{- end -}}
