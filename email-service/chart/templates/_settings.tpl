{{/* conference-lib's hook "config" (named in Chart.yaml): Spring properties derived from values. */}}
{{- define "email-service.config" -}}
{{- $smtp := .Values.smtp -}}
spring.mail.host: {{ $smtp.host | default (printf "%s-mailpit" .Release.Name) | quote }}
spring.mail.port: {{ $smtp.port | quote }}
{{- with $smtp.username }}
spring.mail.username: {{ . | quote }}
{{- end }}
spring.mail.properties.mail.smtp.auth: {{ $smtp.auth | quote }}
spring.mail.properties.mail.smtp.starttls.enable: {{ $smtp.starttls | quote }}
spring.mail.properties.mail.smtp.starttls.required: {{ $smtp.starttls | quote }}
{{- end -}}

{{/* conference-lib's hook "secretEnv": settings taken from Secrets. */}}
{{- define "email-service.secretEnv" -}}
{{- with .Values.smtp.existingSecret }}
- name: SPRING_MAIL_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ . }}
      key: {{ $.Values.smtp.passwordKey }}
{{- end }}
{{- end -}}

{{/* conference-lib's hook "storeEgress": NetworkPolicy egress to the SMTP server: the release's Mailpit, or the operator's relay (smtp.egressCidrs). */}}
{{- define "email-service.storeEgress" -}}
{{ include "conference-lib.storeEgress" (dict "ctx" . "what" "smtp" "host" .Values.smtp.host "port" .Values.smtp.port "cidrs" .Values.smtp.egressCidrs "inRelease" "mailpit") }}
{{- end -}}
