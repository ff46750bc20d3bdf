{{/* Spring properties derived from values (see conference-lib.configProperties). */}}
{{- define "c4p-service.config" -}}
{{- $db := .Values.database -}}
{{- $host := $db.host | default (printf "%s-postgresql" .Release.Name) -}}
spring.datasource.url: {{ printf "jdbc:postgresql://%s:%v/%s%s" $host $db.port $db.name (ternary "" (printf "?%s" $db.parameters) (eq $db.parameters "")) | quote }}
spring.datasource.username: {{ $db.username | quote }}
c4p.public-url: {{ ((.Values.global).publicUrl) | default "http://localhost" | quote }}
{{- end -}}

{{/* Settings taken from Secrets. */}}
{{- define "c4p-service.secretEnv" -}}
- name: SPRING_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Values.database.existingSecret | default (printf "%s-postgresql" .Release.Name) }}
      key: {{ .Values.database.passwordKey }}
{{- end -}}


{{/* Labels of the consistency-check pods: their own name, so the c4p Service never selects them. */}}
{{- define "c4p-service.consistencyCheckLabels" -}}
helm.sh/chart: {{ include "conference-lib.chart" . }}
app.kubernetes.io/name: c4p-consistency-check
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: consistency-check
app.kubernetes.io/part-of: conference-platform
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}
