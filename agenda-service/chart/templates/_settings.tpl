{{/* conference-lib's hook "config" (named in Chart.yaml): Spring properties derived from values. */}}
{{- define "agenda-service.config" -}}
spring.data.redis.host: {{ .Values.redis.host | default (printf "%s-redis" .Release.Name) | quote }}
spring.data.redis.port: {{ .Values.redis.port | quote }}
{{- end -}}

{{/* conference-lib's hook "secretEnv": settings taken from Secrets. */}}
{{- define "agenda-service.secretEnv" -}}
{{- if .Values.redis.passwordKey }}
- name: SPRING_DATA_REDIS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Values.redis.existingSecret | default (printf "%s-redis" .Release.Name) }}
      key: {{ .Values.redis.passwordKey }}
{{- end }}
{{- end -}}

{{/* conference-lib's hook "storeEgress": NetworkPolicy egress to Redis: the release's, or the operator's (redis.egressCidrs). */}}
{{- define "agenda-service.storeEgress" -}}
{{ include "conference-lib.storeEgress" (dict "ctx" . "what" "redis" "host" .Values.redis.host "port" .Values.redis.port "cidrs" .Values.redis.egressCidrs "inRelease" "redis") }}
{{- end -}}
